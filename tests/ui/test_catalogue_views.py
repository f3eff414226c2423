"""The Commitments and Treaties pages: the committee's assessment and treaty status, edited from the
keyboard, shown in the table and the scorecard at once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from r2p_desktop.core import catalogue
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records

FOCAL_POINT = "SG17-45-focal-point"


def catalogue_commitments(database):
    with database.read_session() as session:
        return catalogue.list_commitments(session)


def commitment_id(database, code):
    return next(c.id for c in catalogue_commitments(database) if c.code == code)


def open_commitment(main_window, qtbot, code):
    view = main_window.commitments_view
    main_window.show_view(main_window.views.index(view))
    assert view.table.select_record(commitment_id(main_window.database, code))
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.assessment_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.widgets["status"].hasFocus)
    return view, dialog


def row_text(table, record_id, column):
    table.select_record(record_id)
    return table.currentIndex().siblingAtColumn(column).data()


def test_a_commitment_assessed_from_the_keyboard_shows_in_the_table_and_scorecard(main_window, qtbot):
    view, dialog = open_commitment(main_window, qtbot, FOCAL_POINT)
    assert dialog.code_label.text() == FOCAL_POINT
    assert view.scorecard_label.text().startswith("Achieved 0 · In progress 0 · Not started ")

    dialog.widgets["status"].setCurrentIndex(dialog.widgets["status"].findData("achieved"))
    qtbot.keyClick(dialog.widgets["status"], Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.widgets["assessed_on"], "2026-05-02")
    qtbot.keyClick(dialog.widgets["assessed_on"], Qt.Key.Key_Tab)
    assert dialog.widgets["evidence"].hasFocus()
    qtbot.keyClicks(dialog.widgets["evidence"], "Focal point appointed by decree 12/2026")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.widgets["evidence"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert row_text(view.table, commitment_id(main_window.database, FOCAL_POINT), 6) == "Achieved"
    assert view.scorecard_label.text().startswith("Achieved 1 · In progress 0 · Not started ")

    _view, again = open_commitment(main_window, qtbot, FOCAL_POINT)
    assert again.widgets["status"].currentData() == "achieved"
    assert again.widgets["evidence"].toPlainText() == "Focal point appointed by decree 12/2026"
    assert again.widgets["assessed_on"].text() == "2026-05-02"


def test_escape_cancels_an_assessment_and_saves_nothing(main_window, qtbot):
    view, dialog = open_commitment(main_window, qtbot, FOCAL_POINT)
    dialog.widgets["status"].setCurrentIndex(dialog.widgets["status"].findData("in_progress"))
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.widgets["status"], Qt.Key.Key_Escape)
    assert row_text(view.table, commitment_id(main_window.database, FOCAL_POINT), 6) == "Not started"


def test_a_wrong_assessment_date_is_shown_by_the_field_and_nothing_is_saved(main_window, qtbot):
    view, dialog = open_commitment(main_window, qtbot, FOCAL_POINT)
    dialog.widgets["status"].setCurrentIndex(dialog.widgets["status"].findData("achieved"))
    dialog.widgets["assessed_on"].setText("2026-13-40")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.isVisible()
    assert "YYYY-MM-DD" in dialog.error_labels["assessed_on"].text()
    assert dialog.summary_label.text().startswith("Nothing was saved.")
    assert row_text(view.table, commitment_id(main_window.database, FOCAL_POINT), 6) == "Not started"


def test_a_question_linked_to_a_commitment_is_listed_as_its_evidence(main_window, qtbot, database):
    with database.session() as session:
        records.create(session, Question, {
            "reference": "WQ 2026/7", "title": "Who is the national R2P focal point?", "status": "tabled",
            "date_tabled": "2026-03-02", "commitments": [FOCAL_POINT]})
        session.commit()
    _view, dialog = open_commitment(main_window, qtbot, FOCAL_POINT)
    assert dialog.evidence_table.isVisible()
    assert dialog.evidence_table.column_texts(1) == ["WQ 2026/7"]
    assert dialog.evidence_table.column_texts(2) == ["Who is the national R2P focal point?"]
    assert dialog.evidence_table.column_texts(3) == ["Tabled"]


def test_a_commitment_without_records_says_so(main_window, qtbot):
    _view, dialog = open_commitment(main_window, qtbot, FOCAL_POINT)
    assert not dialog.evidence_table.isVisible()
    assert dialog.no_evidence_label.isVisible()


def test_filtering_by_actor_shows_only_that_actors_commitments(main_window, database):
    view = main_window.commitments_view
    main_window.show_view(main_window.views.index(view))
    expected = {c.code for c in catalogue_commitments(database) if c.actor == "parliament"}
    assert 0 < len(expected) < view.table.row_count()

    view.actor_combo.setCurrentIndex(view.actor_combo.findData("parliament"))

    assert set(view.table.column_texts(0)) == expected
    assert view.table.row_count() == len(expected)
    assert view.count_label.text().startswith(f"{len(expected)} of ")


def test_filters_combine_and_an_empty_result_says_so(main_window, database):
    view = main_window.commitments_view
    main_window.show_view(main_window.views.index(view))
    entries = catalogue_commitments(database)
    source, pillar = entries[0].source, entries[0].pillar
    view.source_combo.setCurrentIndex(view.source_combo.findData(source))
    view.pillar_combo.setCurrentIndex(view.pillar_combo.findData(pillar))
    assert set(view.table.column_texts(0)) == {c.code for c in entries if c.source == source and c.pillar == pillar}

    unused = {(c.actor, c.source) for c in entries}
    actor = next(a for a in ("government", "parliament", "nhri", "international") if (a, source) not in unused)
    view.actor_combo.setCurrentIndex(view.actor_combo.findData(actor))
    assert view.empty_label.isVisible() and not view.table.isVisible()


def open_treaty(main_window, qtbot, short_title):
    view = main_window.treaties_view
    main_window.show_view(main_window.views.index(view))
    row = view.table.column_texts(1).index(short_title)
    view.table.selectRow(row)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.status_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.widgets["status"].hasFocus)
    return view, dialog, row


def test_a_treaty_status_and_date_edited_from_the_keyboard_show_in_the_table(main_window, qtbot):
    view, dialog, _row = open_treaty(main_window, qtbot, "Genocide Convention")
    assert "Genocide" in dialog.title_label.text()
    dialog.widgets["status"].setCurrentIndex(dialog.widgets["status"].findData("ratified"))
    qtbot.keyClick(dialog.widgets["status"], Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.widgets["status_date"], "1950-06-12")
    qtbot.keyClick(dialog.widgets["status_date"], Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.widgets["implementing_legislation"], "Genocide Act 1952")
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.widgets["implementing_legislation"], Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)

    row = view.table.column_texts(1).index("Genocide Convention")
    assert view.table.column_texts(2)[row] == "Ratified"
    assert view.table.column_texts(3)[row] == "1950-06-12"
    assert view.table.column_texts(4)[row] == "Genocide Act 1952"


def test_a_wrong_treaty_date_is_shown_by_the_field_and_nothing_is_saved(main_window, qtbot):
    view, dialog, row = open_treaty(main_window, qtbot, "Genocide Convention")
    dialog.widgets["status"].setCurrentIndex(dialog.widgets["status"].findData("signed"))
    dialog.widgets["status_date"].setText("12/06/1950")
    qtbot.keyClick(dialog.widgets["status_date"], Qt.Key.Key_Return)  # Enter in a line edit is Save
    assert dialog.isVisible()
    assert dialog.error_labels["status_date"].isVisible()
    assert "YYYY-MM-DD" in dialog.error_labels["status_date"].text()
    assert dialog.widgets["status_date"].hasFocus()
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.widgets["status_date"], Qt.Key.Key_Escape)
    assert view.table.column_texts(2)[row] == "Not signed"
