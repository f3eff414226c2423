"""A clerk putting the sample data right: deleting a wrong agenda item, budget line and debate (with the
Delete key or a dialog's Delete… button, answering the confirmation that says what goes with it), being
told why a record still in use is not deleted, and merging a duplicate ministry an import made."""

from __future__ import annotations

import pytest
from clerk_actions import answer_next_message
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import or_, select

from r2p_desktop.core.models import AgendaItem, Body, BudgetItem, Debate, FollowUp, Question
from r2p_desktop.core.services import agenda, directory, history, records
from r2p_desktop.sample_data import generate_demo
from r2p_desktop.ui.dialogs.record_dialog import DELETED

DELETE, MERGE, OK = "&Delete", "&Merge", QMessageBox.StandardButton.Ok
CANCEL = QMessageBox.StandardButton.Cancel
BODIES_TAB = 1


@pytest.fixture
def window(database, request):
    """The main window over the sample parliament."""
    with database.session() as session:
        generate_demo(session, questions=60)
        session.commit()
    return request.getfixturevalue("main_window")


def read(database, query):
    with database.read_session() as session:
        return query(session)


def exists(database, model, record_id) -> bool:
    return read(database, lambda session: session.get(model, record_id) is not None)


def informative(into: list[str]):
    """A `before=` for answer_next_message that keeps the box's second paragraph (what goes, or why not)."""
    return lambda box: into.append(box.informativeText())


def show(window, view):
    window.show_view(window.views.index(view))
    view.refresh()
    return view


def free_agenda_item(database) -> tuple[int, int, str]:
    """A sample agenda item no follow-up arose from: (its debate, itself, its title)."""
    def query(session):
        taken = select(FollowUp.agenda_item_id).where(FollowUp.agenda_item_id.is_not(None))
        item = session.scalars(select(AgendaItem).where(AgendaItem.id.not_in(taken)).order_by(AgendaItem.id)).first()
        return item.debate_id, item.id, item.title
    return read(database, query)


def test_the_delete_key_deletes_a_wrong_agenda_item_after_the_clerk_confirms(window, database, qtbot):
    view = show(window, window.debates_view)
    debate_id, item_id, title = free_agenda_item(database)
    assert view.table.select_record(debate_id)
    items_before = view.agenda_model.rowCount()
    assert view.agenda_table.select_record(item_id)
    view.agenda_table.setFocus()

    details: list[str] = []
    asked = answer_next_message(CANCEL, before=informative(details))  # first the clerk thinks better of it
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Delete)
    assert asked == [f"Delete the agenda item '{title}'?"]
    assert details[0].endswith("This cannot be undone.")
    assert exists(database, AgendaItem, item_id) and view.agenda_model.rowCount() == items_before

    asked = answer_next_message(DELETE)
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Delete)
    assert asked == [f"Delete the agenda item '{title}'?"]
    assert not exists(database, AgendaItem, item_id)
    assert view.agenda_model.rowCount() == items_before - 1
    assert title not in [view.agenda_model.index(row, 1).data() for row in range(view.agenda_model.rowCount())]
    assert view.current_debate_id() == debate_id  # the clerk stays on the debate's agenda


def test_a_wrong_budget_line_is_deleted_from_its_dialog(window, database, qtbot):
    view = show(window, window.budget_view)
    line_id, programme = read(database, lambda session: session.execute(
        select(BudgetItem.id, BudgetItem.programme).where(BudgetItem.fiscal_year == view.selected_year())
        .where(BudgetItem.id.not_in(select(FollowUp.budget_item_id).where(FollowUp.budget_item_id.is_not(None))))
        .order_by(BudgetItem.id)).first())
    lines_before = view.table.row_count()
    assert view.table.select_record(line_id)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog.delete_button.isVisible()

    details: list[str] = []
    asked = answer_next_message(DELETE, before=informative(details))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert asked == [f"Delete the budget line '{programme}'?"]
    assert "Links to" in details[0] or details[0].startswith("Nothing else is deleted")
    assert dialog.result() == DELETED and not dialog.isVisible()
    assert not exists(database, BudgetItem, line_id)
    assert view.table.row_count() == lines_before - 1
    assert programme not in view.table.column_texts(0)


def test_a_new_budget_line_has_no_delete_button(window, qtbot):
    view = show(window, window.budget_view)
    dialog = view.new_budget_item()
    assert not dialog.delete_button.isVisible()
    dialog.reject()


def test_a_debate_with_follow_ups_is_refused_saying_why_and_a_wrong_one_goes_with_its_agenda(window, database,
                                                                                             qtbot):
    view = show(window, window.debates_view)
    items = select(AgendaItem.id).where(AgendaItem.debate_id == Debate.id)
    held = read(database, lambda session: session.scalar(  # a debate that follow-ups arose from
        select(Debate.id).where(select(FollowUp.id).where(
            or_(FollowUp.debate_id == Debate.id, FollowUp.agenda_item_id.in_(items))).exists()).limit(1)))
    assert view.table.select_record(held)
    debates_before = view.table.row_count()
    view.table.setFocus()
    reasons: list[str] = []
    asked = answer_next_message(OK, before=informative(reasons))
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert asked and asked[0].endswith("was not deleted.")
    # The sample debate also has undertakings given in it, which the reason names too.
    assert "arose from" in reasons[0] and reasons[0].endswith("them first.")
    assert exists(database, Debate, held) and view.table.row_count() == debates_before

    with database.session() as session:  # a debate entered twice by mistake, already with an item
        wrong = records.create(session, Debate, {"title": "Budget hearing (entered twice)"})
        agenda.add_item(session, wrong, {"title": "Opening"})
        session.commit()
    view.refresh()
    dialog = view.edit_debate(wrong)
    details: list[str] = []
    asked = answer_next_message(DELETE, before=informative(details))
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["Delete the debate 'Budget hearing (entered twice)'?"]
    assert details == ["Also deleted: 1 agenda item. This cannot be undone."]
    assert not exists(database, Debate, wrong)
    assert read(database, lambda session: session.scalars(select(AgendaItem).where(AgendaItem.debate_id == wrong))
                .all()) == []
    assert view.table.row_count() == debates_before
    assert "Budget hearing (entered twice)" not in view.table.column_texts(1)


def test_a_ministry_still_named_is_refused_with_the_counts_and_the_way_out(window, database, qtbot):
    view = show(window, window.people_bodies_view)
    view.tabs.setCurrentIndex(BODIES_TAB)
    ministry = read(database, lambda session: session.scalar(select(Body.id).where(Body.name == "Ministry of Justice")))
    assert view.bodies_table.select_record(ministry)
    view.bodies_table.setFocus()
    reasons: list[str] = []
    asked = answer_next_message(OK, before=informative(reasons))
    qtbot.keyClick(view.bodies_table, Qt.Key.Key_Delete)
    assert asked == ["The body 'Ministry of Justice' was not deleted."]
    assert reasons[0].startswith("Ministry of Justice ")
    assert reasons[0].endswith(": merge this body into another, or archive it, instead.")
    assert exists(database, Body, ministry)


def test_merging_a_duplicate_ministry_from_an_import_into_the_real_one(window, database, qtbot):
    with database.session() as session:  # what an import of a spreadsheet with its own spelling leaves
        duplicate = directory.body_or_new(session, "Min. of Foreign Affairs")
        moved = [records.create(session, Question, {"title": f"Imported question {n}", "addressed_to_id": duplicate})
                 for n in range(3)]
        session.commit()
    kept = read(database, lambda session: session.scalar(select(Body.id).where(
        Body.name == "Ministry of Foreign Affairs")))
    view = show(window, window.people_bodies_view)
    view.tabs.setCurrentIndex(BODIES_TAB)
    bodies_before = view.bodies_table.row_count()
    assert view.bodies_table.select_record(duplicate)

    qtbot.mouseClick(view.merge_button, Qt.MouseButton.LeftButton)
    chooser = view.merge_dialog
    assert "Min. of Foreign Affairs" not in " ".join(chooser.shown_names())  # not into itself
    qtbot.keyClicks(chooser.filter_edit, "foreign")
    assert [name.split(" — ")[0] for name in chooser.shown_names()] == ["Ministry of Foreign Affairs"]
    assert chooser.chosen_id() == kept  # the one match is chosen; Enter would merge into it
    details: list[str] = []
    asked = answer_next_message(MERGE, before=informative(details))
    qtbot.mouseClick(chooser.merge_button, Qt.MouseButton.LeftButton)

    assert asked == ["Merge 'Min. of Foreign Affairs' into 'Ministry of Foreign Affairs'?"]
    assert details[0].startswith("3 questions that refer to 'Min. of Foreign Affairs' will refer to 'Ministry of "
                                 "Foreign Affairs' instead")
    assert not exists(database, Body, duplicate)
    assert view.bodies_table.row_count() == bodies_before - 1
    assert "Min. of Foreign Affairs" not in view.bodies_table.column_texts(0)
    assert view.bodies_table.current_record_id() == kept
    assert read(database, lambda session: {session.get(Question, q).addressed_to_id for q in moved}) == {kept}
    latest = read(database, lambda session: history.record_history(session, Question, moved[0]))[0]
    assert (latest.field_label, latest.new) == ("Addressed to", "Ministry of Foreign Affairs")


def test_the_delete_key_deletes_a_follow_up_from_the_follow_ups_list(window, database, qtbot):
    view = show(window, window.follow_ups_view)
    follow_up_id, description = read(database, lambda session: session.execute(
        select(FollowUp.id, FollowUp.description).order_by(FollowUp.id)).first())
    count_before = view.table.row_count()
    assert view.table.select_record(follow_up_id)
    view.table.setFocus()
    asked = answer_next_message(DELETE)
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and asked[0].startswith("Delete the follow-up '")
    assert not exists(database, FollowUp, follow_up_id)
    assert view.table.row_count() == count_before - 1
    assert description not in view.table.column_texts(1)


def test_an_archived_ministry_stays_listed_but_is_not_offered_for_a_new_follow_up(window, database, qtbot):
    view = show(window, window.people_bodies_view)
    view.tabs.setCurrentIndex(BODIES_TAB)
    ministry = read(database, lambda session: session.scalar(select(Body.id).where(Body.name == "Ministry of Finance")))
    assert view.bodies_table.select_record(ministry)
    assert view.archive_button.text() == "&Archive"
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)

    row = view.bodies_table.column_texts(0).index("Ministry of Finance")
    assert view.bodies_table.column_texts(3)[row] == "Yes"  # still listed, marked archived
    assert view.archive_button.text() == "Un&archive"
    follow_ups = show(window, window.follow_ups_view)
    dialog = follow_ups.new_follow_up()
    owners = dialog.widgets["owner_body_id"]
    assert "Ministry of Finance" not in [owners.itemText(i) for i in range(owners.count())]
    assert "Ministry of Justice" in [owners.itemText(i) for i in range(owners.count())]
    dialog.reject()

    view = show(window, window.people_bodies_view)
    assert view.bodies_table.select_record(ministry)
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    assert view.bodies_table.column_texts(3)[row] == ""
    assert view.archive_button.text() == "&Archive"
