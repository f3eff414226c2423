"""Default confidentiality, deleted text gone from the file, drafts, network shares, and a log
without record text."""

from __future__ import annotations

import logging
import os

import pytest
from migrated_template import migrated_copy
from sqlalchemy import select

from r2p_desktop import cli
from r2p_desktop.core import drafts
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import ValidationError
from r2p_desktop.core.models import AuditEntry, Person, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.storage_location import is_network_location

MARKER = "Zqxv-witness-Halvorsen-7731"


def test_the_default_confidentiality_is_the_committees_policy_shared_through_the_database(
        db_path, tmp_path, monkeypatch, capsys):
    database = open_database(str(migrated_copy(db_path)))
    with database.session() as session:
        first = records.create(session, Question, {"title": "Default"})
        chosen = records.create(session, Question, {"title": "Chosen", "confidentiality": "public"})
        session.commit()
        assert records.get(session, Question, first)["confidentiality"] == "committee"
        assert records.get(session, Question, chosen)["confidentiality"] == "public"
    database.set_default_confidentiality("restricted")
    with pytest.raises(ValidationError, match="default_confidentiality"):
        database.set_default_confidentiality("secret")
    database.dispose()

    # A colleague on another computer (another data folder) opens the same file: the policy holds there too.
    monkeypatch.setenv("R2P_DATA_DIR", str(tmp_path / "colleague"))
    colleague = open_database(str(db_path))
    assert colleague.default_confidentiality == "restricted"
    with colleague.session() as session:
        later = records.create(session, Question, {"title": "Later"})
        person = directory.person_or_new(session, "Ama Mensah")
        session.commit()
        assert records.get(session, Question, later)["confidentiality"] == "restricted"
        assert records.get(session, Person, person)["confidentiality"] == "restricted"
    with colleague.read_session() as session:
        [entry] = session.scalars(select(AuditEntry).where(AuditEntry.table_name == "committee_policy")).all()
        assert (entry.old_value, entry.new_value, entry.user) == ("committee", "restricted", "test-clerk")
    colleague.dispose()

    assert cli.main(["settings", "--db", str(db_path), "--default-confidentiality", "public"]) == 0
    assert cli.main(["settings", "--db", str(db_path)]) == 0
    assert capsys.readouterr().out.splitlines()[-2:] == ["default-confidentiality: public", "undertaking-due-months: 3"]


def test_a_deleted_marker_is_gone_from_the_database_file_and_its_log(database, db_path):
    with database.session() as session:
        for n in range(20):
            records.create(session, Question, {"title": f"Question {n}", "question_text": "Early warning " * 20})
        session.commit()
    database.checkpoint()
    with database.session() as session:
        doomed = records.create(session, Question, {"title": "Witness statement", "question_text":
                                                    f"Names {MARKER} as a witness.", "notes": MARKER})
        session.commit()
    with database.session() as session:
        records.delete(session, Question, doomed)
        session.commit()

    def marker_copies() -> int:
        return sum(path.read_bytes().lower().count(MARKER.lower().encode())
                   for path in (db_path, db_path.with_name(db_path.name + "-wal")) if path.exists())

    # The audit trail keeps what was inserted and deleted (by design, hash-chained); nothing else may.
    with database.read_session() as session:
        from sqlalchemy import func, or_, select

        from r2p_desktop.core.models import AuditEntry
        audited = session.scalar(select(func.count()).select_from(AuditEntry).where(
            or_(AuditEntry.old_value.contains(MARKER), AuditEntry.new_value.contains(MARKER))))
    assert audited == 2
    assert marker_copies() == 2 * 2  # question text and notes, in the insert and delete entries only
    database.dispose()


def test_drafts_are_saved_whole_listed_per_database_and_discarded(tmp_path):
    from datetime import date

    path = drafts.save_draft("question", 12, {"title": "Half-typed", "answer_due": date(2026, 3, 1)},
                             database="/data/a.sqlite")
    drafts.save_draft("question", None, {"title": "New one"}, database="/data/a.sqlite")
    drafts.save_draft("follow_up", 3, {"description": "Other file"}, database="/data/b.sqlite")
    drafts.save_draft("question", 12, {"title": "Typed further"}, database="/data/a.sqlite", version=4,
                      base={"title": "As saved"})
    drafts.save_draft("question", 12, {"title": "Question 12 of another file"}, database="/data/b.sqlite")
    (drafts.drafts_dir() / "broken.json").write_text("{ not json", encoding="utf-8")
    assert os.stat(path).st_mode & 0o077 == 0
    pending = drafts.pending_drafts("/data/a.sqlite")
    assert [(d.kind, d.record_id, d.fields["title"]) for d in pending] == [
        ("question", None, "New one"), ("question", 12, "Typed further")]
    assert (pending[1].version, pending[1].base) == (4, {"title": "As saved"})
    assert not list(drafts.drafts_dir().glob("*.partial"))
    drafts.discard_draft("question", 12, database="/data/a.sqlite")
    drafts.discard_draft("question", 12, database="/data/a.sqlite")  # twice is harmless
    assert [d.record_id for d in drafts.pending_drafts("/data/a.sqlite")] == [None]
    assert [d.fields.get("title") for d in drafts.pending_drafts("/data/b.sqlite")] == [
        None, "Question 12 of another file"]
    assert len(drafts.pending_drafts()) == 3
    with pytest.raises(ValueError):
        drafts.save_draft("../escape", None, {})


MOUNTS = """\
sysfs /sys sysfs rw 0 0
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/committee nfs4 rw 0 0
//fileserver/clerks /media/shared\\040drive cifs rw 0 0
me@host:/home /home/me/remote fuse.sshfs rw 0 0
tmpfs /mnt/committee/local tmpfs rw 0 0
"""


@pytest.mark.parametrize(("path", "network"), [
    ("/home/me/r2p.sqlite", False),
    ("/mnt/committee/r2p.sqlite", True),
    ("/mnt/committee/local/r2p.sqlite", False),  # a local mount inside the share
    ("/media/shared drive/r2p.sqlite", True),
    ("/home/me/remote/r2p.sqlite", True),
    ("/mnt/committeeX/r2p.sqlite", False),
])
def test_network_shares_are_recognised_from_the_mount_table(tmp_path, path, network):
    mounts = tmp_path / "mounts"
    mounts.write_text(MOUNTS)
    assert is_network_location(path, mounts_file=mounts, platform="linux") is network


def test_unc_paths_and_mapped_network_drives_are_recognised_on_windows():
    drive_types = {"Z:\\": 4, "C:\\": 3}
    assert is_network_location(r"\\fileserver\clerks\r2p.sqlite", platform="win32")
    assert is_network_location(r"Z:\r2p.sqlite", platform="win32", drive_type=drive_types.get)
    assert not is_network_location(r"C:\Users\clerk\r2p.sqlite", platform="win32", drive_type=drive_types.get)


def test_database_errors_do_not_carry_record_text_into_the_log(database, caplog):
    from sqlalchemy import text

    with database.session() as session, pytest.raises(Exception) as caught:
        session.execute(text("INSERT INTO no_such_table (x) VALUES (:x)"), {"x": MARKER})
    assert MARKER not in str(caught.value)
    with caplog.at_level(logging.ERROR):
        logging.getLogger("r2p").error("failed", exc_info=caught.value)
    assert MARKER not in caplog.text
