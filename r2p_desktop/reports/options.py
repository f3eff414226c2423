"""What a briefing pack is asked for and what an export hands back: plain values, no ReportLab here, so
the GUI can import them without paying for ReportLab at launch."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..core.errors import R2PError

# The packs there are, each with the title its cover prints.
PACK_TITLES = {"debate": "Annual debate briefing pack", "questions": "Question status report",
               "follow-ups": "Follow-up tracker", "budget": "Budget brief",
               "recommendations": "Recommendations report", "undertakings": "Undertakings register",
               "risk": "Atrocity risk assessment", "documents": "Document register"}
PACKS = tuple(PACK_TITLES)
AUDIENCES = ("public", "committee")
PAPERS = ("a4", "letter")
FORMATS = ("pdf", "html")  # the PDF, or the accessible HTML edition with the same content
SUFFIXES = {"pdf": ".pdf", "html": ".html"}  # the file name's ending for each format
# The protective marking each audience's pack carries at its top and bottom.
MARKINGS = {"public": "PUBLIC", "committee": "COMMITTEE IN CONFIDENCE – NOT FOR PUBLICATION"}

OnProgress = Callable[[int, int, str], None]  # progress(done, total, message)
IsCancelled = Callable[[], bool]


class ExportCancelled(R2PError):
    """The user cancelled the export; the file at the target path is as it was before."""

    def __init__(self, message: str = "export cancelled; the previous file was left as it was") -> None:
        super().__init__(message)


@dataclass(frozen=True)
class PackOptions:
    pack: str = "debate"  # which pack: one of PACKS
    debate_id: int | None = None  # debate packs; None = next planned debate, else the most recent one
    since: date | None = None
    until: date | None = None
    audience: str = "committee"  # "public" leaves out committee and restricted records; "committee" restricted
    paper: str = "a4"  # "a4" | "letter"
    committee: str | None = None  # name on the cover and header; default: the committee body, or "Committee"
    full: bool = False  # debate packs: every question in full, not only what the debate needs
    format: str = "pdf"  # one of FORMATS

    def check(self) -> None:
        """Raise R2PError with one clear line when an option is out of range."""
        for name, value, allowed in (("pack", self.pack, PACKS), ("audience", self.audience, AUDIENCES),
                                     ("paper", self.paper, PAPERS), ("format", self.format, FORMATS)):
            if value not in allowed:
                raise R2PError(f"{name} must be one of {', '.join(allowed)} (not {value!r})")
        if self.since and self.until and self.since > self.until:
            raise R2PError(f"the period starts ({self.since}) after it ends ({self.until})")


@dataclass(frozen=True)
class PackResult:
    path: Path
    pages: int  # of the PDF; 0 for the HTML edition, which has none
    sections: list[tuple[str, int]] = field(default_factory=list)  # (title, record count) in pack order
    format: str = "pdf"  # one of FORMATS

    @property
    def written(self) -> str:
        """What was written, for a line of the dialog or the command line: "12 pages", "the HTML edition"."""
        return f"{self.pages:,} pages" if self.format == "pdf" else "the HTML edition"
