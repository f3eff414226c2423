"""A new record's form starts at the committee's default confidentiality, not at a level of its own."""

from __future__ import annotations

import pytest
from clerk_actions import save
from PySide6.QtCore import Qt
from sqlalchemy import select

from r2p_desktop.core.models import Body, Person, Question


def stored_confidentiality(database, model) -> list[str]:
    with database.read_session() as session:
        return list(session.scalars(select(model.confidentiality)))


def test_a_new_question_starts_at_the_default_and_is_saved_at_it(main_window, database, qtbot):
    database.set_default_confidentiality("restricted")
    editor = main_window.new_question()
    assert editor.widgets["confidentiality"].currentText() == "Restricted"
    qtbot.keyClicks(editor.widgets["title"], "Early warning capacity in the Ministry of Foreign Affairs")
    save(qtbot, editor)

    assert editor.question_id is not None and not editor.has_unsaved_changes()
    assert stored_confidentiality(database, Question) == ["restricted"]


@pytest.mark.parametrize(("button", "name_field", "name", "model"), [
    ("new_person_button", "full_name", "Amina Okafor", Person),
    ("new_body_button", "name", "Ministry of Justice", Body),
])
def test_a_new_person_or_body_starts_at_the_default_and_is_saved_at_it(main_window, database, qtbot, button,
                                                                       name_field, name, model):
    database.set_default_confidentiality("restricted")
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    view = main_window.people_bodies_view
    qtbot.mouseClick(getattr(view, button), Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog.widgets["confidentiality"].currentText() == "Restricted"
    qtbot.keyClicks(dialog.widgets[name_field], name)
    save(qtbot, dialog)

    assert not dialog.isVisible()
    assert stored_confidentiality(database, model) == ["restricted"]
