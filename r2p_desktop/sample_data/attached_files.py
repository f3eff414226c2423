"""The files attached to a few of the sample documents: short PDFs made here with ReportLab from the
paragraphs record.toml gives them, put into the attachment store beside the database like any file a
clerk attaches, so the sample's Documents view opens them and a search finds the words inside them.

A database that is not a file (a server's) gets no files: the store lives beside a database file."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from ..core.attachments import AttachmentStore, StoredFile
from ..core.database import sqlite_path
from .data_files import DocumentSpec

MARGIN, LEADING, SIZE = 25 * mm, 15, 11


def write_pdf(path: Path, title: str, paragraphs: Sequence[str]) -> None:
    """A plain A4 letter: the title in bold, then the paragraphs wrapped to the page. `invariant` keeps
    out the date and random id ReportLab would write, so the same text makes the same file (and hash)."""
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    width, height = A4
    y = height - MARGIN
    for text, font in ((title, "Helvetica-Bold"), *((paragraph, "Helvetica") for paragraph in paragraphs)):
        for line in simpleSplit(text, font, SIZE, width - 2 * MARGIN):
            if y < MARGIN:
                canvas.showPage()
                y = height - MARGIN
            canvas.setFont(font, SIZE)
            canvas.drawString(MARGIN, y, line)
            y -= LEADING
        y -= LEADING / 2
    canvas.save()


def attach_files(session: Session, specs: tuple[DocumentSpec, ...], titles: list[str]) -> list[StoredFile | None]:
    """The stored file of each spec that has pages (None for the others, and for all of them when the
    database is not a file)."""
    database_file = sqlite_path(session.get_bind().engine.url.render_as_string(hide_password=False))
    if database_file is None:
        return [None] * len(specs)
    store = AttachmentStore.of_database(database_file)
    stored: list[StoredFile | None] = []
    with tempfile.TemporaryDirectory(prefix="r2p-sample-") as folder:
        for spec, title in zip(specs, titles, strict=True):
            if not spec.pages:
                stored.append(None)
                continue
            pdf = Path(folder) / "attachment.pdf"
            write_pdf(pdf, title, spec.pages)
            stored.append(store.store(pdf, name=spec.file_name or f"{spec.key}.pdf"))
    return stored
