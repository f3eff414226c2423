"""Budget lines as the clerk keeps them: added and changed through their dialog from the Budget page,
amounts typed in the currency's major units, mistakes shown under the field and nothing saved."""

from __future__ import annotations

import pytest
from clerk_actions import save
from PySide6.QtCore import Qt
from sqlalchemy import select

from r2p_desktop.core.models import BudgetItem
from r2p_desktop.core.services import directory, records
from r2p_desktop.ui.widgets.catalogue_picker import CODE_ROLE

PROGRAMME, BODY, REQUESTED, ALLOCATED, SPENT = 0, 1, 3, 4, 5


@pytest.fixture
def view(main_window, database):
    """The Budget page over one 2024 line of the Ministry of Justice, in euros."""
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Justice")
        records.create(session, BudgetItem, {"fiscal_year": 2024, "programme": "Early warning unit",
                                             "currency": "EUR", "body_id": ministry, "amount_allocated": 900_000_00})
        session.commit()
    view = main_window.budget_view
    main_window.show_view(main_window.views.index(view))
    view.refresh()
    return view



def stored(database) -> list[BudgetItem]:
    with database.read_session() as session:
        return list(session.scalars(select(BudgetItem).order_by(BudgetItem.id)))


def test_a_new_line_is_shown_under_its_fiscal_year(qtbot, view, database):
    view.new_button.click()
    dialog = view.dialog
    assert dialog.windowTitle() == "New budget line" and dialog.isVisible()
    assert dialog.widgets["fiscal_year"].value() == 2024  # the year on show
    assert dialog.widgets["currency"].text() == "EUR"  # the currency the other lines use
    dialog.widgets["fiscal_year"].setValue(2025)
    qtbot.keyClicks(dialog.widgets["programme"], "Mediation support")
    dialog.widgets["body_id"].setCurrentIndex(dialog.widgets["body_id"].findText("Ministry of Justice"))
    dialog.widgets["scope"].setCurrentIndex(dialog.widgets["scope"].findData("international_assistance"))
    qtbot.keyClicks(dialog.widgets["amount_requested"], "1,250,000.50")
    qtbot.keyClicks(dialog.widgets["amount_allocated"], "1000000")
    qtbot.keyClicks(dialog.widgets["tags"], "mediation; abroad")
    qtbot.keyClicks(dialog.widgets["question_raised"], "Why is less allocated than requested?")
    save(qtbot, dialog)

    assert not dialog.isVisible()
    assert view.selected_year() == 2025 and view.year_combo.itemText(0) == "2025"
    assert view.table.column_texts(PROGRAMME) == ["Mediation support"]
    assert view.table.column_texts(BODY) == ["Ministry of Justice"]
    assert view.table.column_texts(REQUESTED) == ["EUR 1,250,000.50"]
    assert view.table.column_texts(ALLOCATED) == ["EUR 1,000,000.00"]
    assert view.table.column_texts(SPENT) == [""]
    assert view.count_label.text() == "1 budget line in 2025"
    line = stored(database)[-1]
    assert (line.amount_requested, line.amount_allocated, line.amount_spent) == (125_000_050, 100_000_000, None)
    assert line.scope == "international_assistance" and line.tags == ["abroad", "mediation"]
    assert line.question_raised == "Why is less allocated than requested?"
    assert view.table.current_record_id() == line.id  # the saved line is selected


def test_enter_on_a_line_opens_it_and_the_change_is_shown(qtbot, view, database):
    line_id = stored(database)[0].id
    view.table.select_record(line_id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog.windowTitle() == "Edit budget line" and dialog.record_id == line_id
    assert dialog.widgets["programme"].text() == "Early warning unit"
    assert dialog.widgets["amount_allocated"].text() == "900,000.00"
    dialog.widgets["amount_allocated"].setText("950,000")
    dialog.widgets["amount_spent"].setText("312,000.25")
    ticks = dialog.widgets["commitments"].entries_model
    ticks.setData(ticks.index(0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    save(qtbot, dialog)

    assert not dialog.isVisible()
    assert view.table.column_texts(ALLOCATED) == ["EUR 950,000.00"]
    assert view.table.column_texts(SPENT) == ["EUR 312,000.25"]
    (line,) = stored(database)
    assert line.amount_spent == 312_000_25
    with database.read_session() as session:
        assert records.get(session, BudgetItem, line_id)["commitments"] == [ticks.index(0).data(CODE_ROLE)]


def test_edit_button_follows_the_selection(view):
    assert not view.edit_button.isEnabled()  # no line chosen yet
    view.table.selectRow(0)
    assert view.edit_button.isEnabled()
    view.edit_button.click()
    assert view.dialog.record_id == view.table.current_record_id()
    view.dialog.reject()


def test_a_negative_amount_and_a_bad_currency_are_shown_under_their_fields(qtbot, view, database):
    dialog = view.new_budget_item()
    qtbot.keyClicks(dialog.widgets["programme"], "Survivor support")
    dialog.widgets["currency"].setText("E1")
    qtbot.keyClicks(dialog.widgets["amount_spent"], "-5")
    qtbot.keyClicks(dialog.widgets["amount_requested"], "12.345")
    save(qtbot, dialog)

    assert dialog.isVisible()
    errors = {name: label.text() for name, label in dialog.error_labels.items() if label.isVisible()}
    assert errors == {
        "currency": "'E1' is not a three-letter ISO 4217 code such as EUR",
        "amount_spent": "Cannot be negative",
        "amount_requested": "An amount in E1 has at most 2 decimal places",
    }
    assert dialog.error_labels["amount_spent"].parentWidget() is dialog.widgets["amount_spent"].parentWidget()
    assert dialog.summary_label.text() == "Nothing was saved. Please correct the 3 fields marked in red."
    assert len(stored(database)) == 1 and dialog.record_id is None

    dialog.widgets["currency"].setText("eur")  # put right, the same dialog saves
    dialog.widgets["amount_spent"].setText("5")
    dialog.widgets["amount_requested"].setText("12.34")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    line = stored(database)[-1]
    assert (line.currency, line.amount_requested, line.amount_spent) == ("EUR", 12_34, 5_00)


def test_the_first_line_on_an_empty_page(qtbot, main_window, database):
    view = main_window.budget_view
    main_window.show_view(main_window.views.index(view))
    assert view.empty_label.isVisible() and view.new_button.isEnabled() and not view.edit_button.isEnabled()
    dialog = view.new_budget_item()
    assert dialog.widgets["currency"].text() == ""  # no lines yet to take a currency from
    qtbot.keyClicks(dialog.widgets["programme"], "Genocide archive")
    qtbot.keyClicks(dialog.widgets["currency"], "JPY")
    qtbot.keyClicks(dialog.widgets["amount_allocated"], "5,000,000")
    save(qtbot, dialog)

    assert view.splitter.isVisible() and not view.empty_label.isVisible()
    assert view.table.column_texts(ALLOCATED) == ["JPY 5,000,000"]
    assert stored(database)[0].amount_allocated == 5_000_000  # the yen has no minor unit
