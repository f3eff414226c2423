"""The lazy Questions model and the generic list model, checked as Qt checks models."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPersistentModelIndex, Qt

from r2p_desktop.core.services.questions import QuestionFilter
from r2p_desktop.ui.models import question_table_model as qtm
from r2p_desktop.ui.models.question_table_model import QuestionTableModel
from r2p_desktop.ui.models.record_list_model import DATE, LABEL, MONEY, NUMBER, ListColumn, RecordListModel
from r2p_desktop.ui.models.roles import RECORD_ID_ROLE, SORT_ROLE


def column_texts(model, column):
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_question_model_passes_qt_model_checks_with_paging(qtmodeltester, database, add_questions):
    add_questions(300)
    model = QuestionTableModel(database)
    model.reload()
    assert model.rowCount() == 300
    assert model.pages_loaded == 0  # nothing read until a row is asked for
    qtmodeltester.check(model)
    assert model.index(299, qtm.TITLE).data().startswith("Question ")  # the second page of 200
    assert model.pages_loaded == 2
    qtmodeltester.check(model, force_py=True)


def test_question_model_reads_only_the_page_asked_for(database, add_questions):
    add_questions(450)
    model = QuestionTableModel(database)
    model.reload()
    assert model.index(420, qtm.TITLE).data().startswith("Question ")
    assert model.pages_loaded == 1
    model.index(430, qtm.REFERENCE).data()  # same page: from the cache
    assert model.pages_loaded == 1
    model.index(5, qtm.REFERENCE).data()
    assert model.pages_loaded == 2


def test_question_model_gives_record_ids_and_labels(database, add_questions):
    ids = add_questions(12)
    model = QuestionTableModel(database)
    model.reload()
    listed = [model.index(row, 0).data(RECORD_ID_ROLE) for row in range(model.rowCount())]
    assert sorted(listed) == sorted(ids)
    assert "Holding answer" in column_texts(model, qtm.STATUS)
    assert model.headerData(qtm.ANSWER_DUE, Qt.Orientation.Horizontal) == "Answer due"


def test_sorting_by_a_column_reorders_rows_in_sql(database, add_questions):
    add_questions(260)
    model = QuestionTableModel(database)
    model.reload()

    model.sort(qtm.TITLE, Qt.SortOrder.AscendingOrder)
    titles = column_texts(model, qtm.TITLE)
    assert titles == sorted(titles)
    model.sort(qtm.TITLE, Qt.SortOrder.DescendingOrder)
    assert column_texts(model, qtm.TITLE) == sorted(titles, reverse=True)

    model.sort(qtm.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert column_texts(model, qtm.REFERENCE)[:3] == ["WQ 00000", "WQ 00001", "WQ 00002"]

    model.sort(qtm.ASKED_BY, Qt.SortOrder.AscendingOrder)
    askers = column_texts(model, qtm.ASKED_BY)
    assert askers == sorted(askers) and askers[0] == "Amina Okafor"

    model.sort(qtm.DAYS_OVERDUE, Qt.SortOrder.DescendingOrder)
    overdue = [value for value in column_texts(model, qtm.DAYS_OVERDUE) if value != ""]
    assert overdue and overdue == sorted(overdue, reverse=True)


def test_sorting_keeps_a_selected_question_selected(database, add_questions):
    add_questions(50)
    model = QuestionTableModel(database)
    model.reload()
    marker = QPersistentModelIndex(model.index(7, qtm.REFERENCE))
    record_id = marker.data(RECORD_ID_ROLE)
    model.sort(qtm.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert marker.isValid()
    assert marker.data(RECORD_ID_ROLE) == record_id
    assert model.row_of(record_id) == marker.row()


def test_filter_narrows_the_list(database, add_questions):
    add_questions(40)
    model = QuestionTableModel(database)
    model.set_filter(QuestionFilter(text="WQ 0001"))
    assert sorted(column_texts(model, qtm.REFERENCE)) == [f"WQ {n:05d}" for n in range(10, 20)]


COLUMNS = (
    ListColumn("programme", "Programme"),
    ListColumn("scope", "Scope", LABEL),
    ListColumn("amount_allocated", "Allocated", MONEY),
    ListColumn("debate_date", "Debate", DATE),
    ListColumn("fiscal_year", "Year", NUMBER),
)
ROWS = [
    {"id": 1, "programme": "Early warning unit", "scope": "domestic_prevention", "currency": "EUR",
     "amount_allocated": 125_000_000, "debate_date": date(2017, 11, 2), "fiscal_year": 2018},
    {"id": 2, "programme": "Support to regional mediation", "scope": "international_assistance",
     "currency": "USD", "amount_allocated": None, "debate_date": None, "fiscal_year": 2017},
]


def test_record_list_model_passes_qt_model_checks(qtmodeltester):
    model = RecordListModel(COLUMNS)
    model.set_rows(ROWS)
    qtmodeltester.check(model)


def test_record_list_model_shows_what_a_clerk_reads(qtmodeltester):
    model = RecordListModel(COLUMNS)
    model.set_rows(ROWS)
    assert column_texts(model, 1) == ["Domestic prevention", "International assistance"]
    assert column_texts(model, 2) == ["EUR 1,250,000.00", ""]
    assert column_texts(model, 3) == ["2017-11-02", ""]
    assert model.index(1, 0).data(RECORD_ID_ROLE) == 2
    assert model.index(0, 2).data(SORT_ROLE) > model.index(1, 2).data(SORT_ROLE)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Allocated"


def test_record_list_model_takes_a_tooltip_from_the_row_and_lets_a_subclass_change_a_role(qtmodeltester):
    class Shouting(RecordListModel):
        def cell(self, row, column, role):
            if role == Qt.ItemDataRole.DisplayRole:
                return super().cell(row, column, role).upper()
            return super().cell(row, column, role)

    model = Shouting((ListColumn("programme", "Programme", tip_key="note"), ListColumn("fiscal_year", "Year", NUMBER)))
    model.set_rows([{"id": 1, "programme": "Early warning unit", "note": "Moved from the interior ministry",
                     "fiscal_year": 2018}, {"id": 2, "programme": "Mediation", "fiscal_year": 2017}])
    qtmodeltester.check(model)
    assert column_texts(model, 0) == ["EARLY WARNING UNIT", "MEDIATION"]
    assert model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "Moved from the interior ministry"
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, 1).data(RECORD_ID_ROLE) == 2
