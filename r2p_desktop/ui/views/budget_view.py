"""Budget: the lines of the budget debate that fund atrocity prevention at home and abroad, one fiscal
year at a time, with each programme's change on the year before and a chart of allocations by scope.

A line is added or changed in its dialog (Enter or a double-click opens the selected one), and deleted
with the Delete key or the dialog's Delete… button; once saved, the page shows the line's fiscal year
with the line selected."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ...app import records
from ...core.database import Database
from ...core.money import money
from ...core.services import budget
from ..dialogs.budget_item_dialog import BudgetItemDialog
from ..dialogs.delete_prompt import ask_to_delete
from ..models.record_list_model import LABEL, MONEY, WARNING_COLOUR, ListColumn
from ..records_changed import BODIES, BUDGET_ITEMS, RecordsChanged
from ..widgets.allocation_chart import AllocationChart
from ..widgets.delete_key import DeleteKey
from ..widgets.record_list_table import RecordListTable
from .base_view import BaseView

GROWTH_COLOUR = QColor("#1b6e3a")  # 5.9:1 on a table's rows, the risk view's green
MINUS = "\u2212"  # a true minus sign, as wide as the plus


def change_text(status: str | None, percent: float | None) -> str:
    """'+12.5%', '−8.0%', 'new'; an em dash when last year's allocation was zero."""
    if status == budget.NEW:
        return "new"
    if percent is None:
        return "\u2014"
    sign = "+" if percent > 0 else MINUS if percent < 0 else ""
    return f"{sign}{abs(percent):.1f}%"


@dataclass(frozen=True)
class ChangeColumn(ListColumn):
    """The year-on-year change of the line's programme; sorts by the percentage, new lines last."""

    def text(self, row: dict) -> str:
        return change_text(row.get("change_status"), row.get("change_percent"))

    def sort_value(self, row: dict):
        percent = row.get("change_percent")
        return float("inf") if percent is None else float(percent)


class ChangeDelegate(QStyledItemDelegate):
    """Growth in green, cuts in red, so a falling line stands out."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        text = index.data() or ""
        colour = GROWTH_COLOUR if text.startswith("+") else WARNING_COLOUR if text.startswith(MINUS) else None
        if colour is not None:
            option.palette.setColor(QPalette.ColorRole.Text, colour)
            option.palette.setColor(QPalette.ColorRole.HighlightedText, colour.lighter(170))


class BudgetView(BaseView):
    TITLE = "Budget"
    DESCRIPTION = ("Resources the government allocates to preventing atrocity crimes at home and to "
                   "helping other countries, as raised in budget debates.")
    KINDS = frozenset({BUDGET_ITEMS, BODIES})
    OPENS = frozenset({BUDGET_ITEMS})
    EMPTY_TEXT = "No budget lines recorded yet."
    COLUMNS = (
        ListColumn("programme", "Programme or budget line"),
        ListColumn("body", "Body", width=210),
        ListColumn("scope", "Scope", LABEL, width=165),
        ListColumn("amount_requested", "Requested", MONEY, width=140),
        ListColumn("amount_allocated", "Allocated", MONEY, width=140),
        ListColumn("amount_spent", "Spent", MONEY, width=140),
        ChangeColumn("change_percent", "On last year", width=100),
    )
    CHANGE_COLUMN = 6

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.year_combo = QComboBox(self)
        self.year_combo.setMinimumContentsLength(6)
        year_label = QLabel("&Fiscal year", self)
        year_label.setBuddy(self.year_combo)
        self.count_label = QLabel(self)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        chooser = QHBoxLayout()
        chooser.addWidget(year_label)
        chooser.addWidget(self.year_combo)
        chooser.addSpacing(16)
        chooser.addWidget(self.count_label)
        chooser.addStretch(1)
        self.new_button = QPushButton("&New budget line…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setToolTip("Change the selected budget line (Enter); the Delete key deletes it")
        chooser.addWidget(self.new_button)
        chooser.addWidget(self.edit_button)
        self.dialog: BudgetItemDialog | None = None  # the last one opened, for tests and focus

        self.table = RecordListTable(self.COLUMNS, self, stretch=0)
        self.table.setItemDelegateForColumn(self.CHANGE_COLUMN, ChangeDelegate(self.table))
        self.chart = AllocationChart(self)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.empty_label = QLabel(self.EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()

        self.page_layout.addLayout(chooser)
        self.page_layout.addWidget(self.summary_label)
        self.page_layout.addWidget(self.splitter, 1)
        self.page_layout.addWidget(self.empty_label, 1)
        self.year_combo.currentIndexChanged.connect(self._show_year)
        self.new_button.clicked.connect(self.new_budget_item)
        self.edit_button.clicked.connect(lambda: self.edit_budget_item(self.table.current_record_id()))
        self.table.record_activated.connect(self.edit_budget_item)
        DeleteKey(self.table, self.delete_budget_item)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

    def selected_year(self) -> int | None:
        return self.year_combo.currentData()

    def select_year(self, year: int) -> bool:
        index = self.year_combo.findData(year)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)
        return index >= 0

    def load(self) -> None:
        """Read the years and the chart again; keep the year the reader chose if it is still there."""
        years, currency, allocations = records.read(self.database, lambda session: (
            budget.years(session), budget.main_currency(session) or "", budget.allocations_by_scope(session)))
        chosen = self.selected_year()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(chosen)) if years else -1)
        self.year_combo.blockSignals(False)
        self.year_combo.setEnabled(bool(years))
        self.chart.set_data(allocations, currency)
        self.splitter.setVisible(bool(years))
        self.empty_label.setVisible(not years)
        self._show_year()

    def _show_year(self, *_args) -> None:
        year = self.selected_year()
        if year is None:
            self.table.set_rows([])
            self.count_label.setText("0 budget lines")
            self.summary_label.clear()
            self.summary_label.hide()
            self._update_buttons()
            return
        rows, changes = records.read(self.database, lambda session: (
            budget.year_items(session, year), budget.year_on_year(session, year)))
        self.table.set_rows(rows)
        self.count_label.setText(f"{len(rows):,} budget line{'' if len(rows) == 1 else 's'} in {year}")
        self.summary_label.setText(self._summary(year, changes))
        self.summary_label.setVisible(bool(self.summary_label.text()))
        self._update_buttons()

    # --- adding and changing lines -------------------------------------------------------------

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(self.table.current_record_id() is not None)

    def new_budget_item(self) -> BudgetItemDialog:
        """A new line, in the fiscal year on show (this year when there is none)."""
        dialog = BudgetItemDialog(self.database, self.records_changed, fiscal_year=self.selected_year(),
                                  parent=self)
        return self._open_dialog(dialog)

    def edit_budget_item(self, budget_item_id: int | None) -> BudgetItemDialog | None:
        if budget_item_id is None:
            return None
        return self._open_dialog(BudgetItemDialog(self.database, self.records_changed, budget_item_id, parent=self))

    def _open_dialog(self, dialog: BudgetItemDialog) -> BudgetItemDialog:
        """Window-modal and non-blocking: the page refreshes by the records-changed signal, then shows
        the saved line in its year."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.show_budget_item(dialog.widgets["fiscal_year"].value(), dialog.record_id))
        dialog.open()
        return dialog

    def delete_budget_item(self, budget_item_id: int) -> bool:
        """Delete the line after asking (the page refreshes by the records-changed signal)."""
        return ask_to_delete(self, self.database, self.records_changed, BUDGET_ITEMS, budget_item_id) is not None

    def show_budget_item(self, year: int, budget_item_id: int | None) -> None:
        self.ensure_fresh()
        self.select_year(year)
        self.table.select_record(budget_item_id)

    @staticmethod
    def _summary(year: int, changes: list[dict]) -> str:
        """Total allocated per currency against the year before, and the programmes no longer funded."""
        parts = []
        for currency in sorted({row["currency"] for row in changes}):
            rows = [row for row in changes if row["currency"] == currency]
            now = sum(row["allocated"] or 0 for row in rows)
            before = sum(row["previous"] or 0 for row in rows)
            text = f"Allocated in {year}: {money(now, currency)}"
            if before:
                text += f" ({change_text(None, round((now - before) * 100 / before, 1))} on {year - 1})"
            parts.append(text)
        dropped = [row["programme"] for row in changes if row["status"] == budget.DISCONTINUED]
        if dropped:
            parts.append(f"Funded in {year - 1} but not in {year}: " + ", ".join(dropped))
        return ". ".join(parts) + ("." if parts else "")
