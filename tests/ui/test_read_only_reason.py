"""A sound database opened read-only because this user cannot write it: the window says why, offers no
restore, and every save is refused with that reason while the clerk's entries stay."""

from __future__ import annotations

import hashlib
from datetime import date

from clerk_actions import answer_next_message, save
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from r2p_desktop.core.database import Database
from r2p_desktop.core.models import Debate
from r2p_desktop.core.services import agenda, records
from r2p_desktop.ui.main_window import MainWindow
from r2p_desktop.ui.records_changed import RecordsChanged


def open_read_only(qtbot, database, tmp_path) -> tuple[Database, MainWindow, str, str]:
    """The test database, with a debate of two agenda items, opened as for a user who cannot write its
    folder; also the reason given and the file's hash before it was opened so."""
    with database.session() as session:
        debate_id = records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2026, 9, 1)})
        for title in ("Opening", "Early warning"):
            agenda.add_item(session, debate_id, {"title": title, "allotted_minutes": 30})
        session.commit()
    database.dispose()
    before = hashlib.sha256(database.path.read_bytes()).hexdigest()
    reason = f"you cannot write to its folder {database.path.parent}"
    opened = Database(str(database.path), read_only=True, read_only_reason=reason)
    window = MainWindow(opened, RecordsChanged(), QSettings(str(tmp_path / "ro.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.opening_checks is not None)
    return opened, window, reason, before


def test_the_window_says_why_it_is_read_only_without_offering_a_restore(qtbot, database, tmp_path):
    opened, window, reason, _before = open_read_only(qtbot, database, tmp_path)
    banner = window.read_only_banner
    assert banner is not None and banner.isVisible()
    assert f"open read-only because {reason}." in banner.label.text()
    assert banner.action_button is None  # nothing to restore: the file is sound
    assert window.damage_banner is None
    opened.dispose()


def test_every_save_is_refused_with_the_reason_and_the_entries_stay(qtbot, database, tmp_path):
    opened, window, reason, before = open_read_only(qtbot, database, tmp_path)

    editor = window.new_question()
    qtbot.keyClicks(editor.widgets["title"], "Cannot be written here")
    save(qtbot, editor)
    assert reason in editor.summary_label.text() and editor.summary_label.isVisible()
    assert editor.widgets["title"].text() == "Cannot be written here" and editor.has_unsaved_changes()
    editor.revert()

    people = window.people_bodies_view
    window.show_view(window.views.index(people))
    dialog = people.new_person()
    qtbot.keyClicks(dialog.widgets["full_name"], "Amina Okafor")
    save(qtbot, dialog)
    assert dialog.isVisible() and reason in dialog.summary_label.text()
    assert dialog.widgets["full_name"].text() == "Amina Okafor"
    dialog.reject()

    debates = window.debates_view
    window.show_view(window.views.index(debates))
    debates.refresh()
    debates.agenda_table.selectRow(0)
    refused = answer_next_message(QMessageBox.StandardButton.Ok)
    qtbot.keyClick(debates.agenda_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert len(refused) == 1 and refused[0].startswith("The agenda was not reordered") and reason in refused[0]
    shown = [debates.agenda_model.index(row, 1).data() for row in range(debates.agenda_model.rowCount())]
    assert shown == ["Opening", "Early warning"]  # as saved

    opened.dispose()
    assert hashlib.sha256(database.path.read_bytes()).hexdigest() == before
