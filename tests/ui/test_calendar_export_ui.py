"""File > Export calendar…: the clerk chooses the audience and the file, exports, and the status bar and
the dialog say what was written; the calendar holds what that audience may read. A folder that does not
exist is one line in the dialog, and no file."""

from __future__ import annotations

from datetime import date

from icalendar import Calendar
from PySide6.QtCore import Qt

from r2p_desktop.core.models import Debate, Question
from r2p_desktop.core.services import records
from r2p_desktop.ui.dialogs.calendar_dialog import CalendarDialog


def add_records(database) -> None:
    with database.session() as s:
        for reference, confidentiality in (("WQ-1", "public"), ("WQ-2", "committee")):
            records.create(s, Question, {"reference": reference, "title": f"Question {reference}", "status": "tabled",
                                         "date_tabled": date(2026, 3, 2), "answer_due": date(2026, 3, 16),
                                         "confidentiality": confidentiality})
        s.add(Debate(title="Budget debate", date=date(2026, 5, 12), sitting_minutes=90, confidentiality="public"))
        s.commit()


def open_dialog(main_window, qtbot) -> CalendarDialog:
    file_menu = main_window.menuBar().actions()[0].menu()
    assert "Export &calendar…" in [action.text() for action in file_menu.actions()]
    main_window.export_calendar_action.trigger()
    dialog = main_window.findChild(CalendarDialog)
    qtbot.waitExposed(dialog)
    assert dialog.path_edit.text().endswith("r2p-calendar.ics")
    return dialog


def test_export_calendar_from_the_file_menu(main_window, qtbot, database, tmp_path):
    add_records(database)
    dialog = open_dialog(main_window, qtbot)
    out = tmp_path / "r2p-calendar.ics"
    dialog.path_edit.setText(str(out))
    dialog.audience_combo.setCurrentIndex(dialog.audience_combo.findData("public"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000):
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    said = f"Exported 2 calendar entries (1 answer deadline, 1 debate) to {out}."
    assert dialog.status_label.text() == said
    assert main_window.statusBar().currentMessage() == said
    calendar = Calendar.from_ical(out.read_bytes())
    assert [str(todo["summary"]) for todo in calendar.walk("VTODO")] == ["WQ-1: Question WQ-1"]  # not WQ-2
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")] == ["Budget debate"]
    dialog.grab().save(str(tmp_path / "calendar-dialog.png"))


def test_a_missing_folder_is_one_line_in_the_dialog(main_window, qtbot, tmp_path):
    dialog = open_dialog(main_window, qtbot)
    out = tmp_path / "nowhere" / "calendar.ics"
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "no such folder" in dialog.status_label.text(), timeout=10_000)
    assert dialog.status_label.text() == f"{out.parent}: no such folder; nothing was exported."
    assert dialog.export_button.isEnabled() and not out.parent.exists()
