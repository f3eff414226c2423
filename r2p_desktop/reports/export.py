"""The export itself: gather through the audience filter, lay out as PDF or write the HTML edition,
write atomically, report progress."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from ..core.audience import audience_session
from ..core.database import Database
from ..core.errors import R2PError
from ..core.safe_file import replaced_on_success
from .options import ExportCancelled, IsCancelled, OnProgress, PackOptions, PackResult
from .pack_data import Pack, gather

PROGRESS_INTERVAL = 0.25  # seconds between progress calls: well inside the once-a-second promise


class Progress:
    """Throttles progress calls and checks for cancellation at each step of the work."""

    def __init__(self, progress: OnProgress | None, cancelled: IsCancelled | None) -> None:
        self._progress, self._cancelled = progress, cancelled
        self._last = float("-inf")
        self.done, self.total, self.message = 0, 1, ""
        self.laid_out = False

    def beat(self, message: str) -> None:
        """From the writing thread: progress only (cancelling then would save nothing)."""
        if self._progress is not None:
            self._progress(self.done, self.total, message)

    def __call__(self, done: int | None = None, total: int | None = None, message: str | None = None,
                 *, force: bool = False) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled()
        self.done = self.done if done is None else done
        self.total = self.total if total is None else max(total, 1)
        self.message = self.message if message is None else message
        now = time.monotonic()
        if self._progress is not None and (force or now - self._last >= PROGRESS_INTERVAL):
            self._last = now
            self._progress(self.done, self.total, self.message)


def preview(database: Database, options: PackOptions, *, today: date | None = None) -> list[tuple[str, int]]:
    options.check()
    with audience_session(database, options.audience) as session:
        pack = gather(session, options, today)
    return [(section.title, section.count) for section in pack.sections]


def export_pack(database: Database, options: PackOptions, out_path: str | Path, *, progress: OnProgress | None = None,
                cancelled: IsCancelled | None = None, today: date | None = None) -> PackResult:
    options.check()
    out_path = Path(out_path)
    if not out_path.parent.is_dir():
        raise R2PError(f"{out_path.parent}: no such folder")
    report = Progress(progress, cancelled)
    report(0, 100, "reading the record", force=True)
    with audience_session(database, options.audience) as session:
        pack = gather(session, options, today, progress=lambda message: report(message=message))
    # Laid out with the session closed: an open read would keep deletes waiting for the whole layout.
    with replaced_on_success(out_path, shared=True) as temporary:  # packs never hold restricted records
        pages = write(pack, options, temporary, report)
    result = PackResult(out_path, pages, [(s.title, s.count) for s in pack.sections], options.format)
    report(report.total, report.total, f"done: {result.written}", force=True)
    return result


def write(pack: Pack, options: PackOptions, path: Path, report: Progress) -> int:
    """Write the pack in the options' format; returns the number of pages (none in HTML)."""
    if options.format == "html":
        from .html import write_html

        write_html(pack, path, report)
        return 0
    from .layout import write_pack

    return write_pack(pack, options.paper, path, report)
