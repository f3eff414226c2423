"""Adding or changing a budget line: the fiscal year, the body and programme it funds, its scope, what was
requested, allocated and spent, what the committee raised in the budget debate and what came of it, and
the commitments it serves.

Amounts are typed in major units ("1,250,000.00") and stored in minor units of the line's currency.
Each problem the services find is shown in red under its field and nothing is saved until all are put
right."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from ...core import catalogue
from ...core.database import Database
from ...core.errors import ValidationError
from ...core.models import BudgetItem, BudgetScope, Confidentiality
from ...core.money import amount_text, minor_per_major, minor_units
from ...core.services import budget, listings, records
from ...core.services.fields import raise_if
from ..records_changed import BUDGET_ITEMS, RecordsChanged
from ..widgets.catalogue_picker import CataloguePicker
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog

AMOUNT_FIELDS = ("amount_requested", "amount_allocated", "amount_spent")
TEXT_FIELDS = ("question_raised", "government_response", "committee_position", "outcome", "notes")
NARROW_FIELD_WIDTH = 170  # a year, a date or an amount, not the column's full width


class BudgetItemDialog(RecordDialog):
    RECORD_IDS = ("budget_item_id",)
    HISTORY_MODEL = BudgetItem

    FIELD_OF: ClassVar[dict[str, str]] = {"body_id": "body"}
    COUNT_FIELDS = True

    def __init__(self, database: Database, records_changed: RecordsChanged, budget_item_id: int | None = None,
                 *, fiscal_year: int | None = None, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.budget_item_id = budget_item_id
        self._version: int | None = None
        self._build()
        self._fill_choices()
        if budget_item_id is not None:
            self._load(budget_item_id)
        else:
            self.fiscal_year_spin.setValue(fiscal_year or date.today().year)
        self.setWindowTitle("New budget line" if budget_item_id is None else "Edit budget line")
        self.programme_edit.setFocus()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.fiscal_year_spin = QSpinBox()
        self.fiscal_year_spin.setRange(1900, 2200)
        self.debate_date_edit = DateField()
        self.debate_date_edit.setToolTip("The day of the budget debate in which this line was raised")
        self.body_combo = QComboBox()
        self.body_combo.setToolTip("The ministry or institution whose budget holds this line")
        self.programme_edit = QLineEdit()
        self.programme_edit.setMaxLength(300)
        self.programme_edit.setPlaceholderText("Programme or budget line, as the budget names it")
        self.scope_combo = enum_combo(BudgetScope)
        self.currency_edit = QLineEdit()
        self.currency_edit.setMaxLength(3)
        self.currency_edit.setPlaceholderText("EUR")
        self.currency_edit.setToolTip("Three-letter ISO 4217 code")
        self.amount_edits = {name: self._amount_edit() for name in AMOUNT_FIELDS}
        self.currency_edit.textChanged.connect(self._show_amount_example)
        self._show_amount_example("")
        self.confidentiality_combo = enum_combo(Confidentiality)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Separate tags with ;")
        self.commitments_picker = CataloguePicker("commitments")
        self.commitments_picker.setMinimumHeight(150)
        self.text_edits = {name: text_box() for name in TEXT_FIELDS}
        for widget in (self.fiscal_year_spin, self.debate_date_edit, self.currency_edit):
            widget.setMaximumWidth(NARROW_FIELD_WIDTH)

        line = self.form_rows((
            ("fiscal_year", "Fiscal &year", self.fiscal_year_spin),
            ("debate_date", "Budget &debate", self.debate_date_edit),
            ("body", "&Body", self.body_combo),
            ("programme", "&Programme", self.programme_edit),
            ("scope", "&Scope", self.scope_combo),
            ("currency", "C&urrency", self.currency_edit),
            ("amount_requested", "&Requested", self.amount_edits["amount_requested"]),
            ("amount_allocated", "&Allocated", self.amount_edits["amount_allocated"]),
            ("amount_spent", "Spe&nt", self.amount_edits["amount_spent"]),
            ("confidentiality", "&Confidentiality", self.confidentiality_combo),
            ("tags", "&Tags", self.tags_edit),
            ("commitments", "Comm&itments", self.commitments_picker),
        ))
        debate = self.form_rows((
            ("question_raised", "&Question raised", self.text_edits["question_raised"]),
            ("government_response", "&Government response", self.text_edits["government_response"]),
            ("committee_position", "Co&mmittee position", self.text_edits["committee_position"]),
            ("outcome", "&Outcome", self.text_edits["outcome"]),
            ("notes", "Not&es", self.text_edits["notes"]),
        ))

        columns = QHBoxLayout()
        columns.addLayout(line, 1)
        columns.addSpacing(24)  # not setSpacing: the forms inside would take it as their row spacing
        columns.addLayout(debate, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(1040, 640)

    @staticmethod
    def _amount_edit() -> QLineEdit:
        edit = QLineEdit()
        edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        edit.setToolTip("In the line's currency; leave empty if not known")
        edit.setMaximumWidth(NARROW_FIELD_WIDTH)
        return edit

    def _show_amount_example(self, currency: str) -> None:
        """The placeholder shows the decimals the currency has: 1,250,000.00 EUR, 1,250,000 JPY."""
        example = "e.g. " + amount_text(1_250_000 * minor_per_major(currency), currency)
        for edit in self.amount_edits.values():
            edit.setPlaceholderText(example)

    # --- reading and writing ------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The bodies and commitments to choose from; a new line takes the currency most lines use."""
        with self._database.read_session() as session:
            bodies = listings.bodies(session)
            commitments = catalogue.list_commitments(session)
            currency = budget.main_currency(session)
        self.body_combo.addItem("None", None)
        for body in bodies:
            self.body_combo.addItem(body["name"], body["id"])
        self.commitments_picker.set_entries([(c.code, c.title) for c in commitments])
        self.currency_edit.setText(currency or "")
        select_data(self.confidentiality_combo, self._database.default_confidentiality)

    def _load(self, budget_item_id: int) -> None:
        with self._database.read_session() as session:
            values = records.get(session, BudgetItem, budget_item_id)
        self._version = values.get("version")
        self.fiscal_year_spin.setValue(values["fiscal_year"])
        self.debate_date_edit.set_date(values.get("debate_date"))
        select_data(self.body_combo, values.get("body_id"))
        self.programme_edit.setText(values.get("programme") or "")
        select_data(self.scope_combo, values.get("scope"))
        self.currency_edit.setText(values.get("currency") or "")
        for name, edit in self.amount_edits.items():
            edit.setText(amount_text(values.get(name), values.get("currency") or ""))
        select_data(self.confidentiality_combo, values.get("confidentiality"))
        self.tags_edit.setText("; ".join(values.get("tags") or []))
        self.commitments_picker.set_selected(values.get("commitments") or [])
        for name, edit in self.text_edits.items():
            edit.setPlainText(values.get(name) or "")

    def values(self) -> dict:
        """The form as plain values for records.create/update, amounts left out (see `amounts`)."""
        return {
            "fiscal_year": self.fiscal_year_spin.value(),
            "debate_date": self.debate_date_edit.date_text(),
            "body_id": self.body_combo.currentData(),
            "programme": self.programme_edit.text().strip(),
            "scope": self.scope_combo.currentData(),
            "currency": self.currency_edit.text().strip(),
            "confidentiality": self.confidentiality_combo.currentData(),
            "tags": self.tags_edit.text(),
            "commitments": self.commitments_picker.selected(),
            **{name: edit.toPlainText().strip() for name, edit in self.text_edits.items()},
        }

    def amounts(self) -> tuple[dict[str, int | None], dict[str, str]]:
        """The amounts in minor units of the typed currency, and what is wrong with those that are not."""
        currency = self.currency_edit.text().strip().upper()
        amounts, problems = {}, {}
        for name, edit in self.amount_edits.items():
            try:
                amounts[name] = minor_units(edit.text(), currency)
            except ValueError as error:
                problems[name] = str(error)
        return amounts, problems

    def save(self, session) -> tuple[str, ...]:
        amounts, problems = self.amounts()
        values = {**self.values(), **amounts}
        try:
            if self.budget_item_id is None:
                self.budget_item_id = records.create(session, BudgetItem, values)
            else:
                records.update(session, BudgetItem, self.budget_item_id, values, expected_version=self._version)
        except ValidationError as error:  # shown together with any amount that could not be read
            problems = {**error.errors, **problems}
        raise_if(problems)
        return (BUDGET_ITEMS,)
