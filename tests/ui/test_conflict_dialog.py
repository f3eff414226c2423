"""The conflict dialog shows both versions of a record saved twice, and records the clerk's choice."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import ConflictError
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.core.services.history import field_label
from r2p_desktop.ui.dialogs.conflict_dialog import CANCEL, KEEP_MINE, USE_THEIRS, ConflictDialog

LONG_NOTE = "Their long note on the national focal point, " * 6


@pytest.fixture
def conflict(database) -> ConflictError:
    """The clerk opened a question, another clerk saved it, the clerk saves with the stale version."""
    with database.session() as session:
        qid = records.create(session, Question, {"title": "Early warning", "notes": "first",
                                                 "answer_due": "2025-03-01", "date_tabled": "2025-02-01",
                                                 "status": "tabled"})
        session.commit()
        opened_version = records.get(session, Question, qid)["version"]
    other = open_database(str(database.path), user="Lars <Berg>")
    try:
        with other.session() as session:
            records.update(session, Question, qid, {"title": "Early warning systems", "notes": LONG_NOTE,
                                                    "confidentiality": "restricted"})
            session.commit()
    finally:
        other.dispose()
    with database.session() as session, pytest.raises(ConflictError) as caught:
        records.update(session, Question, qid, {"title": "Early-warning mechanisms", "notes": "",
                                                "confidentiality": "public",
                                                "answer_due": records.get(session, Question, qid)["answer_due"]},
                       expected_version=opened_version)
    return caught.value


def test_shows_who_changed_the_record_and_both_versions_of_each_differing_field(qtbot, conflict):
    dialog = ConflictDialog(conflict, field_label)
    qtbot.addWidget(dialog)
    assert "Lars <Berg> saved this question at" in dialog.summary_label.text()
    assert dialog.summary_label.textFormat() == Qt.TextFormat.PlainText
    model = dialog.table.model()
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == \
        ["Field", "Your version", "Saved by Lars <Berg>"]
    rows = dialog.field_rows()
    assert rows[0] == ["Title", "Early-warning mechanisms", "Early warning systems"]
    assert rows[1][:2] == ["Notes", "(empty)"]
    assert rows[2] == ["Confidentiality", "Public", "Restricted"]  # codes in words
    assert len(rows) == 3  # the unchanged answer_due is not listed
    note = model.index(1, 2)
    assert note.data() == LONG_NOTE.strip()  # one line, elided by the view, and in full in its tooltip
    assert LONG_NOTE.strip() in note.data(Qt.ItemDataRole.ToolTipRole)


@pytest.mark.parametrize(("button", "expected"), [("keep_mine_button", KEEP_MINE),
                                                  ("use_theirs_button", USE_THEIRS),
                                                  ("cancel_button", CANCEL)])
def test_each_button_closes_the_dialog_with_its_choice(qtbot, conflict, button, expected):
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.finished) as finished:
        qtbot.mouseClick(getattr(dialog, button), Qt.MouseButton.LeftButton)
    assert dialog.choice == expected and finished.args == [expected]
    assert not dialog.isVisible()


def test_escape_goes_back_to_editing(qtbot, conflict):
    dialog = ConflictDialog(conflict)
    qtbot.addWidget(dialog)
    dialog.choice = KEEP_MINE
    dialog.open()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.choice == CANCEL
