"""People and bodies as the clerk keeps them: added and changed through their dialogs, with mistakes
shown under the field and nothing saved."""

from __future__ import annotations

from clerk_actions import choose, save
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from r2p_desktop.core.models import Body, Person
from r2p_desktop.core.services import directory


def add_bodies(database, *names: str) -> list[int]:
    with database.session() as session:
        ids = [directory.body_or_new(session, name) for name in names]
        session.commit()
    return ids


def count(database, model) -> int:
    with database.read_session() as session:
        return session.scalar(select(func.count(model.id)))


def test_a_person_added_through_the_dialog_is_in_the_people_table(main_window, database, qtbot):
    add_bodies(database, "Ministry of Justice")
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    view = main_window.people_bodies_view
    qtbot.mouseClick(view.new_person_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.keyClicks(dialog.widgets["full_name"], "Amina Okafor")
    choose(dialog.widgets["kind"], "Minister")
    qtbot.keyClicks(dialog.widgets["role"], "Minister of Justice")
    choose(dialog.widgets["body_id"], "Ministry of Justice")
    qtbot.keyClicks(dialog.widgets["active_from"], "2024-01-15")
    qtbot.keyClick(dialog.widgets["full_name"], Qt.Key.Key_Return)  # Enter saves

    assert not dialog.isVisible()
    assert view.people_table.column_texts(0) == ["Amina Okafor"]
    assert view.people_table.column_texts(1) == ["Minister"]
    assert view.people_table.column_texts(5) == ["Ministry of Justice"]
    assert view.tabs.tabText(0) == "People (1)"


def test_editing_a_body_renames_it_in_the_bodies_table(main_window, database, qtbot):
    (body_id,) = add_bodies(database, "Ministry of Foreign Affair")
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    view = main_window.people_bodies_view
    view.tabs.setCurrentIndex(1)
    view.bodies_table.select_record(body_id)
    qtbot.keyClick(view.bodies_table, Qt.Key.Key_Return)
    dialog = view.dialog
    dialog.activateWindow()  # the offscreen platform does not activate a new window by itself
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.widgets["name"].text() == "Ministry of Foreign Affair"
    dialog.widgets["name"].setText("Ministry of Foreign Affairs")
    qtbot.keyClicks(dialog.widgets["abbreviation"], "MFA")
    qtbot.keyClick(dialog.widgets["abbreviation"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    assert not dialog.isVisible()
    assert view.bodies_table.column_texts(0) == ["Ministry of Foreign Affairs"]
    assert view.bodies_table.column_texts(1) == ["MFA"]


def test_a_duplicate_body_name_is_shown_and_nothing_is_saved(main_window, database, qtbot):
    add_bodies(database, "Ministry of Defence")
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    view = main_window.people_bodies_view
    dialog = view.new_body()
    qtbot.keyClicks(dialog.widgets["name"], "Ministry of Defence")
    save(qtbot, dialog)

    assert dialog.isVisible()
    assert dialog.error_labels["name"].isVisible()
    assert "another body already has this name" in dialog.error_labels["name"].text().lower()
    assert count(database, Body) == 1
    assert view.bodies_table.column_texts(0) == ["Ministry of Defence"]


def test_active_until_before_active_from_is_shown_under_the_field(main_window, database, qtbot):
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    view = main_window.people_bodies_view
    dialog = view.new_person()
    qtbot.keyClicks(dialog.widgets["full_name"], "Lars Berg")
    qtbot.keyClicks(dialog.widgets["active_from"], "2025-06-01")
    qtbot.keyClicks(dialog.widgets["active_until"], "2025-01-01")
    save(qtbot, dialog)

    assert dialog.isVisible()
    error = dialog.error_labels["active_until"]
    assert error.isVisible()
    assert error.text() == "Cannot end before it starts"
    assert count(database, Person) == 0


def test_escape_cancels_without_saving(main_window, database, qtbot):
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    dialog = main_window.people_bodies_view.new_body()
    qtbot.keyClicks(dialog.widgets["name"], "Ombudsperson's Office")
    qtbot.keyClick(dialog.widgets["name"], Qt.Key.Key_Escape)

    assert not dialog.isVisible()
    assert count(database, Body) == 0


def test_a_database_that_cannot_commit_keeps_the_entries_and_saves_nothing(main_window, database, qtbot,
                                                                           monkeypatch):
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.orm import Session

    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    dialog = main_window.people_bodies_view.new_body()
    qtbot.keyClicks(dialog.widgets["name"], "Ombudsperson's Office")

    def busy(session):
        raise OperationalError("COMMIT", {}, Exception("database is locked"))

    with monkeypatch.context() as patch:
        patch.setattr(Session, "commit", busy)
        save(qtbot, dialog)
    assert dialog.isVisible() and dialog.record_id is None
    assert "database is locked" in dialog.summary_label.text()
    assert dialog.widgets["name"].text() == "Ombudsperson's Office"
    assert count(database, Body) == 0

    save(qtbot, dialog)  # once the database answers again, the same dialog saves
    assert not dialog.isVisible() and count(database, Body) == 1
