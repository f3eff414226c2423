"""Files attached to documents: kept once under their SHA-256 beside the database, never half-written,
their names only labels, a PDF's words found by search, carried by backups and restores, and checked
by `r2p check`."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from reportlab.pdfgen import canvas

from r2p_desktop.app import documents as document_use_cases
from r2p_desktop.core import attachments
from r2p_desktop.core.attachments import AttachmentStore, label, safe_name
from r2p_desktop.core.backup import restore_backup, take_backup
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import Document, DocumentKind, Question
from r2p_desktop.core.services import records, search


def make_pdf(path: Path, *lines: str) -> Path:
    """A real PDF with `lines` of text on its one page."""
    pdf = canvas.Canvas(str(path))
    for number, line in enumerate(lines):
        pdf.drawString(72, 720 - 18 * number, line)
    pdf.save()
    return path


def add_document(database, title: str = "Reply of the Ministry of Justice") -> int:
    with database.session() as session:
        document_id = records.create(session, Document, {"title": title, "kind": DocumentKind.GOVERNMENT_REPLY})
        session.commit()
    return document_id


def test_a_pdf_is_stored_once_read_only_under_its_hash_and_its_words_are_found(database, db_path, tmp_path):
    pdf = make_pdf(tmp_path / "reply.pdf", "The ministry will deploy Quillfeather monitors by March.")
    document_id = add_document(database)
    stored = document_use_cases.store_file(database, pdf)
    document_use_cases.attach(database, document_id, stored)
    again = document_use_cases.store_file(database, pdf)  # the same file twice is kept once

    kept = db_path.parent / "attachments" / stored.sha256[:2] / stored.sha256
    assert kept.read_bytes() == pdf.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == stat.S_IRUSR
    assert again.sha256 == stored.sha256
    assert [p.name for p in (db_path.parent / "attachments").rglob("*") if p.is_file()] == [stored.sha256]
    assert "Quillfeather" in stored.text
    with database.read_session() as session:
        hits = search.search(session, "quillfeather")
    assert [(hit.kind, hit.record_id) for hit in hits] == [("document", document_id)]


def test_a_200_mb_file_is_copied_in_chunks_with_progress_and_keeps_its_hash(database, tmp_path):
    big = tmp_path / "annex.bin"
    with open(big, "wb") as handle:  # mostly a hole, with bytes at both ends and in the middle
        handle.write(b"start")
        handle.seek(100 * 1024 * 1024)
        handle.write(b"middle")
        handle.truncate(200 * 1024 * 1024)
    seen: list[tuple[int, int]] = []
    stored = document_use_cases.store_file(database, big, lambda done, total: seen.append((done, total)))
    assert stored.size == 200 * 1024 * 1024
    assert stored.sha256 == attachments.file_sha256(big)
    assert len(seen) == 200 and seen[-1] == (stored.size, stored.size)
    assert document_use_cases.store(database).problem(stored.sha256) is None


def _partials(database) -> list[Path]:
    return [p for p in document_use_cases.store(database).folder.rglob("*") if p.is_file()]


def test_a_file_gone_before_attaching_gives_one_line_and_nothing_stored(database, tmp_path):
    with pytest.raises(R2PError) as refused:
        document_use_cases.store_file(database, tmp_path / "vanished.pdf")
    assert str(refused.value) == "vanished.pdf is no longer there (moved or deleted?); nothing was attached"
    assert _partials(database) == []


def test_a_file_cut_short_while_it_is_copied_leaves_no_half_file(database, tmp_path):
    source = tmp_path / "scan.pdf"
    source.write_bytes(os.urandom(3 * attachments.CHUNK))

    def cut_short(done: int, total: int) -> None:
        if done == attachments.CHUNK:
            with open(source, "r+b") as handle:
                handle.truncate(attachments.CHUNK + 10)

    with pytest.raises(R2PError) as refused:
        document_use_cases.store_file(database, source, cut_short)
    assert str(refused.value).startswith("scan.pdf changed while it was being copied; nothing was attached")
    assert "\n" not in str(refused.value)
    assert _partials(database) == []


@pytest.mark.parametrize(("given", "shown", "opened"), [
    ("رد الحكومة على السؤال.pdf", "رد الحكومة على السؤال.pdf", "رد الحكومة على السؤال.pdf"),
    ("../../etc/passwd", "passwd", "passwd"),
    ("..\\..\\boot.ini", "boot.ini", "boot.ini"),
    ("re\u202eply\x07\n.pdf", "reply .pdf", "reply .pdf"),
    ("..", "attachment", "attachment"),
    ('a:b*c?.txt', 'a:b*c?.txt', "a_b_c_.txt"),
])
def test_a_file_name_is_only_a_label(given, shown, opened):
    assert label(given) == shown
    assert safe_name(given) == opened


def test_a_name_with_folders_never_reaches_the_store_and_opens_as_a_copy(database, tmp_path):
    source = tmp_path / "passwd"
    source.write_text("not a password file\n")
    document_id = add_document(database, "A file with a hostile name")
    stored = document_use_cases.store(database).store(source, name="../../etc/passwd")
    document_use_cases.attach(database, document_id, stored)
    with database.read_session() as session:
        assert session.get(Document, document_id).file_name == "passwd"
    copy = document_use_cases.open_copy(database, document_id)
    assert copy.name == "passwd" and copy.parent != Path("/etc")
    assert copy.read_text() == "not a password file\n"
    assert stat.S_IMODE(copy.stat().st_mode) == stat.S_IRUSR  # read-only: the viewer cannot change it


def test_a_missing_store_file_is_one_line_naming_the_document(database, tmp_path):
    source = make_pdf(tmp_path / "reply.pdf", "Reply")
    document_id = add_document(database, "Reply on early warning")
    document_use_cases.attach(database, document_id, document_use_cases.store_file(database, source))
    kept = document_use_cases.store(database).path_of(attachments.file_sha256(source))
    os.chmod(kept, 0o600)
    kept.unlink()
    with pytest.raises(R2PError) as refused:
        document_use_cases.open_copy(database, document_id)
    assert str(refused.value).startswith("the file of “Reply on early warning” cannot be opened: its file is missing")


def test_a_damaged_or_encrypted_pdf_is_kept_without_text(tmp_path):
    damaged = tmp_path / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\n" + os.urandom(4000))
    assert attachments.extract_text(damaged) == ""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=make_pdf(tmp_path / "secret.pdf", "Confidential annex"))
    writer.encrypt("owner-only")
    with open(tmp_path / "locked.pdf", "wb") as handle:
        writer.write(handle)
    assert attachments.extract_text(tmp_path / "locked.pdf") == ""
    store = AttachmentStore(tmp_path / "store")
    assert store.store(damaged).text == ""


def test_the_governments_reply_is_a_document_linked_to_the_question(database, tmp_path):
    with database.session() as session:
        question_id = records.create(session, Question, {"title": "Early warning", "reference": "WQ 2026/14"})
        session.commit()
    changes = document_use_cases.attach_reply(database, question_id, make_pdf(tmp_path / "r.pdf", "Heronwick"))
    [document_id] = changes.created_ids("document")
    [listed] = document_use_cases.question_documents(database, question_id)
    assert listed["title"] == "Government reply to WQ 2026/14: Early warning"
    assert listed["kind"] == DocumentKind.GOVERNMENT_REPLY and listed["file_name"] == "r.pdf"
    document_use_cases.unlink_from_question(database, question_id, document_id)
    assert document_use_cases.question_documents(database, question_id) == []
    assert [row["id"] for row in document_use_cases.list_documents(database)] == [document_id]


def test_a_backup_then_a_restore_into_a_fresh_folder_keeps_the_file_openable(database, db_path, tmp_path):
    source = make_pdf(tmp_path / "upr.pdf", "Universal Periodic Review, Marrowdale paragraph")
    document_id = add_document(database, "UPR national report")
    document_use_cases.attach(database, document_id, document_use_cases.store_file(database, source))
    first = take_backup(database, "manual")
    second = take_backup(database, "manual")
    backup_store = first.parent / "attachments"
    assert [p.name for p in backup_store.rglob("*") if p.is_file()] == [attachments.file_sha256(source)]
    assert second.parent == first.parent

    fresh = tmp_path / "elsewhere" / "restored.sqlite"
    restore_backup(fresh, second, folder=tmp_path / "elsewhere" / "backups")
    restored = open_database(str(fresh))
    try:
        copy = document_use_cases.open_copy(restored, document_id)
        assert copy.read_bytes() == source.read_bytes()
        assert copy.name == "upr.pdf"
    finally:
        restored.dispose()


def test_r2p_check_names_the_document_whose_file_changed(database, r2p, tmp_path):
    source = make_pdf(tmp_path / "nhri.pdf", "Annual report")
    document_id = add_document(database, "NHRI annual report 2025")
    document_use_cases.attach(database, document_id, document_use_cases.store_file(database, source))
    database.dispose()
    assert "ok    attachments: 1 attached file checked" in r2p("check").out

    kept = AttachmentStore.of_database(database.path).path_of(attachments.file_sha256(source))
    os.chmod(kept, 0o600)
    kept.write_bytes(b"%PDF-1.4 tampered")
    result = r2p("check")
    assert result.code == 1
    assert (f"FAIL  attachment: document “NHRI annual report 2025” (id {document_id}, nhri.pdf): its file has "
            "changed since it was attached") in result.out


def test_a_damaged_stored_file_is_repaired_by_a_restore_and_by_attaching_it_again(database, db_path, r2p, tmp_path):
    source = make_pdf(tmp_path / "mission.pdf", "Mission report, Thornbury district")
    document_id = add_document(database, "Mission report")
    document_use_cases.attach(database, document_id, document_use_cases.store_file(database, source))
    backup = take_backup(database, "manual")
    kept = AttachmentStore.of_database(db_path).path_of(attachments.file_sha256(source))

    def damage() -> None:
        os.chmod(kept, 0o600)
        kept.write_bytes(b"%PDF-1.4 damaged on disk")
        os.chmod(kept, stat.S_IRUSR)

    damage()
    restore_backup(database, backup)
    assert kept.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == stat.S_IRUSR
    assert "ok    attachments: 1 attached file checked" in r2p("check").out

    damage()
    again = open_database(str(db_path))
    try:
        document_use_cases.attach(again, document_id, document_use_cases.store_file(again, source))
    finally:
        again.dispose()
    assert kept.read_bytes() == source.read_bytes()
    assert stat.S_IMODE(kept.stat().st_mode) == stat.S_IRUSR
    assert "ok    attachments: 1 attached file checked" in r2p("check").out


def test_the_documents_list_reads_no_files_text_and_lists_newest_published_first(database):
    from datetime import date

    from sqlalchemy import event

    from r2p_desktop.core.services.documents import DocumentFilter, list_documents

    with database.session() as session:
        for n, published in enumerate((date(2025, 3, 1), None, date(2026, 5, 1))):
            records.create(session, Document, {"title": f"Report {n}", "published_on": published,
                                               "file_text": "early warning " * 50_000})
        session.commit()
    statements: list[str] = []
    event.listen(database.engine, "before_cursor_execute",
                 lambda conn, cursor, statement, *rest: statements.append(statement))
    with database.read_session() as session:
        listed = list_documents(session)
        found = list_documents(session, DocumentFilter(text="warning"))
    assert [row["title"] for row in listed] == ["Report 2", "Report 0", "Report 1"]  # undated last
    assert "file_text" not in listed[0] and len(found) == 3
    selects = [re.split(r"\sFROM\s", s)[0] for s in statements if s.lstrip().startswith("SELECT")]
    assert selects and not any("file_text" in columns for columns in selects)
