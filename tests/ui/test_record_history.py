"""Every record form, not only the question's, shows who changed which field, from what to what."""

from __future__ import annotations

from PySide6.QtCore import Qt

from r2p_desktop.core.services import directory, listings
from r2p_desktop.ui.dialogs.treaty_status_dialog import TreatyStatusDialog
from r2p_desktop.ui.widgets import history_table as ht


def history_rows(dialog) -> list[tuple[str, str, str, str]]:
    table = dialog.history_dialog.history_table
    return list(zip(*(table.column_texts(c) for c in (ht.WHAT, ht.FROM, ht.TO, ht.WHO)), strict=True))


def test_a_person_s_history_shows_the_changed_party(main_window, qtbot, database):
    with database.session() as session:
        person_id = directory.person_or_new(session, "Amina Okafor")
        session.commit()
    view = main_window.people_bodies_view
    dialog = view.edit_person(person_id)
    dialog.widgets["party"].setText("Green Alliance")
    dialog.accept()

    dialog = view.edit_person(person_id)
    assert dialog.history_button.isVisible()
    qtbot.mouseClick(dialog.history_button, Qt.MouseButton.LeftButton)
    assert history_rows(dialog) == [("Party", "", "Green Alliance", "test-clerk"),
                                    ("Created", "", "", "test-clerk")]
    assert dialog.history_dialog.windowTitle() == "History: Edit person"
    dialog.history_dialog.close()
    dialog.reject()


def test_a_new_record_offers_no_history(main_window):
    dialog = main_window.people_bodies_view.new_person()
    assert not dialog.history_button.isVisible()
    dialog.reject()


def open_treaty(main_window, qtbot, code: str) -> TreatyStatusDialog:
    dialog = TreatyStatusDialog(main_window.database, main_window.records_changed, code, parent=main_window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_treaty_status_gets_a_history_once_recorded(main_window, qtbot, database):
    with database.read_session() as session:
        code = listings.instruments_with_status(session)[0]["code"]
    dialog = open_treaty(main_window, qtbot, code)
    assert not dialog.history_button.isVisible()  # nothing recorded for it yet
    dialog.widgets["implementing_legislation"].setPlainText("International Crimes Act 2019")
    dialog.accept()
    dialog = open_treaty(main_window, qtbot, code)
    dialog.widgets["reservations"].setPlainText("None")
    dialog.accept()

    dialog = open_treaty(main_window, qtbot, code)
    assert dialog.history_button.isVisible()
    dialog.show_history()
    assert history_rows(dialog) == [("Reservations", "", "None", "test-clerk"), ("Created", "", "", "test-clerk")]
