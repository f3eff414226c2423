"""Debates as the clerk keeps them: added and changed through their dialog from the Debates page, the
saved debate chosen so its agenda is the one below, mistakes shown under the field and nothing saved."""

from __future__ import annotations

from datetime import date

import pytest
from clerk_actions import save
from PySide6.QtCore import Qt
from sqlalchemy import select

from r2p_desktop.core.models import Debate
from r2p_desktop.core.services import records

DATE, TITLE, CHAMBER, STATUS = 0, 1, 2, 3


@pytest.fixture
def view(main_window, database):
    """The Debates page over last year's budget hearing."""
    with database.session() as session:
        records.create(session, Debate, {"title": "Budget hearing", "chamber": "Finance Committee",
                                         "date": date(2025, 3, 4), "sitting_minutes": 90})
        session.commit()
    view = main_window.debates_view
    main_window.show_view(main_window.views.index(view))
    view.refresh()
    return view



def stored(database) -> dict[str, Debate]:
    with database.read_session() as session:
        return {debate.title: debate for debate in session.scalars(select(Debate))}


def test_a_new_debate_is_in_the_list_and_chosen(qtbot, view, database):
    view.new_debate_button.click()
    dialog = view.dialog
    assert dialog.windowTitle() == "New debate" and dialog.isVisible()
    qtbot.keyClicks(dialog.widgets["title"], "Annual debate on the Responsibility to Protect")
    qtbot.keyClicks(dialog.widgets["chamber"], "National Assembly")
    qtbot.keyClicks(dialog.widgets["date"], "2026-09-15")
    dialog.widgets["sitting_minutes"].setValue(180)
    dialog.widgets["motion"].setPlainText("That this House supports a national atrocity prevention plan.")
    save(qtbot, dialog)

    assert not dialog.isVisible()
    assert view.table.column_texts(TITLE) == ["Annual debate on the Responsibility to Protect", "Budget hearing"]
    assert view.table.column_texts(DATE)[0] == "2026-09-15"
    assert view.table.column_texts(CHAMBER)[0] == "National Assembly"
    assert view.table.column_texts(STATUS)[0] == "Planned"
    assert view.count_label.text() == "2 debates"
    debate = stored(database)["Annual debate on the Responsibility to Protect"]
    assert debate.sitting_minutes == 180 and debate.motion.startswith("That this House")
    assert view.current_debate_id() == debate.id  # its agenda is the one below
    assert view.agenda_title.text() == "Agenda: Annual debate on the Responsibility to Protect"
    assert view.minutes_label.text() == "Allotted 0 of 180 minutes"


def test_changing_a_debates_date_moves_it_in_the_list(qtbot, view, database):
    with database.session() as session:
        records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2025, 9, 1)})
        session.commit()
    view.refresh()
    assert view.table.column_texts(TITLE) == ["Annual R2P debate", "Budget hearing"]
    hearing = stored(database)["Budget hearing"].id
    view.table.select_record(hearing)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog.windowTitle() == "Edit debate" and dialog.record_id == hearing
    assert (dialog.widgets["date"].text(), dialog.widgets["sitting_minutes"].value()) == ("2025-03-04", 90)
    dialog.widgets["date"].setText("2025-11-20")
    save(qtbot, dialog)

    assert not dialog.isVisible()
    assert view.table.column_texts(TITLE) == ["Budget hearing", "Annual R2P debate"]  # newest first
    assert view.table.column_texts(DATE)[0] == "2025-11-20"
    assert stored(database)["Budget hearing"].date == date(2025, 11, 20)
    assert view.current_debate_id() == hearing


def test_edit_debate_button_opens_the_chosen_debate(view):
    assert view.edit_debate_button.isEnabled()  # the newest debate is chosen on opening
    view.edit_debate_button.click()
    assert view.dialog.widgets["title"].text() == "Budget hearing"
    view.dialog.reject()


def test_a_debate_needs_a_title_and_a_real_date(qtbot, view, database):
    dialog = view.new_debate()
    qtbot.keyClicks(dialog.widgets["date"], "2026-13-01")
    save(qtbot, dialog)

    assert dialog.isVisible()
    errors = {name: label.text() for name, label in dialog.error_labels.items() if label.isVisible()}
    assert errors == {"title": "The title cannot be empty",
                      "date": "'2026-13-01' is not a date; write it as YYYY-MM-DD"}
    assert dialog.summary_label.text() == "Nothing was saved. Please correct the 2 fields marked in red."
    assert list(stored(database)) == ["Budget hearing"] and dialog.record_id is None
