"""Briefing packs: PDF exports of the committee's record (ReportLab platypus, no Qt), and the same packs
as accessible HTML (`PackOptions(format="html")`, `html.py`).

Importing this package does not import ReportLab: the GUI imports it at launch, and ReportLab loads
only when a pack is exported."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .options import (
    AUDIENCES,
    FORMATS,
    PACK_TITLES,
    PACKS,
    PAPERS,
    SUFFIXES,
    ExportCancelled,
    IsCancelled,
    OnProgress,
    PackOptions,
    PackResult,
)

if TYPE_CHECKING:
    from ..core.database import Database


def preview(database: Database, options: PackOptions) -> list[tuple[str, int]]:
    """(section title, record count) of each section the pack would have, in pack order."""
    from .export import preview as _preview

    return _preview(database, options)


def export_pack(database: Database, options: PackOptions, out_path: str | Path, *, progress: OnProgress | None = None,
                cancelled: IsCancelled | None = None) -> PackResult:
    """Write the pack to `out_path` (atomically). `progress(done, total, message)` is called at least once
    a second; when `cancelled()` turns true, ExportCancelled is raised and `out_path` is left as it was."""
    from .export import export_pack as _export_pack

    return _export_pack(database, options, out_path, progress=progress, cancelled=cancelled)


__all__ = ["AUDIENCES", "FORMATS", "PACKS", "PACK_TITLES", "PAPERS", "SUFFIXES", "ExportCancelled", "PackOptions",
           "PackResult", "export_pack",
           "preview"]
