"""Recording a debate's outcome: what the sitting decided, and the undertakings the government gave in it.

Saving (`app.debates.record_outcome`) marks the debate held and makes each undertaking a follow-up, all in
one commit; one ticked "Record an undertaking" is also kept in Undertakings, with its due date and
extensions, and its follow-up arises from it. A wrong row is shown in red under that row, and nothing
is saved or lost until it is put right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...app import debates
from ...app.records import read
from ...core.database import Database
from ...core.errors import R2PError, ValidationError
from ...core.models import Debate
from ...core.services import agenda, listings, records
from ..accessibility import name_after
from ..records_changed import RecordsChanged
from ..widgets.date_field import DateField
from ..widgets.field_errors import ERROR_COLOUR, FieldErrors
from ..widgets.text_box import text_box

_HEADINGS = ("What the government undertook", "Owner", "Due", "Agenda item", "", "")


class _UndertakingRow:
    """The widgets of one undertaking; its error label sits under it, across the row."""

    def __init__(self, bodies: list[dict], items: list[dict], parent: QWidget):
        self.description_edit = QLineEdit(parent)
        self.description_edit.setPlaceholderText("e.g. Publish the national action plan")
        self.owner_combo = QComboBox(parent)
        self.owner_combo.addItem("No owner yet", None)
        for body in bodies:
            self.owner_combo.addItem(body["name"], body["id"])
        self.due_date_edit = DateField(parent)
        self.item_combo = QComboBox(parent)
        self.item_combo.addItem("The debate as a whole", None)
        for item in items:
            self.item_combo.addItem(f"{item['position'] + 1}. {item['title']}", item["id"])
        for combo in (self.owner_combo, self.item_combo):  # long names must not widen the dialog
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(14)
        self.undertaking_check = QCheckBox("Record an undertaking", parent)
        self.undertaking_check.setToolTip("Keep it in Undertakings too, due on this date (or the committee's "
                                          "months after the debate); the follow-up then chases it")
        self.remove_button = QPushButton("Remove", parent)
        self.error_label = QLabel(parent)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.error_label.hide()

        for widget, heading in zip(self.widgets(), _HEADINGS, strict=False):  # a screen reader has no columns
            name_after(widget, heading)

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.description_edit, self.owner_combo, self.due_date_edit, self.item_combo, self.undertaking_check,
                self.remove_button)

    def is_blank(self) -> bool:
        return not (self.description_edit.text().strip() or self.owner_combo.currentData() is not None
                    or self.due_date_edit.date_text())

    def values(self) -> dict:
        return {"description": self.description_edit.text().strip(),
                "owner_body_id": self.owner_combo.currentData(),
                "due_date": self.due_date_edit.date_text(),
                "agenda_item_id": self.item_combo.currentData(),
                "record_undertaking": self.undertaking_check.isChecked()}


class DebateOutcomeDialog(QDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, debate_id: int,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self.debate_id = debate_id
        self.rows: list[_UndertakingRow] = []
        self.field_errors = FieldErrors()
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label
        debate, bodies, self._items = read(database, lambda session: (
            records.get(session, Debate, debate_id), listings.bodies(session), agenda.agenda_items(session, debate_id)))
        self._bodies = [body for body in bodies if not body["archived"]]  # owners offered for new follow-ups
        self._build()
        self.outcome_edit.setPlainText(debate.get("outcome") or "")
        self.add_row()
        self.setWindowTitle(f"Outcome of {debate['title']}")
        self.outcome_edit.setFocus()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        outcome_label = QLabel("&Outcome of the debate", self)
        self.outcome_edit = text_box(placeholder="What the sitting decided: motions carried, recommendations adopted",
                                     min_height=None, parent=self)
        self.outcome_edit.setFixedHeight(90)
        outcome_label.setBuddy(self.outcome_edit)
        name_after(self.outcome_edit, outcome_label.text())
        undertakings_label = QLabel("Undertakings the government gave, each to become a follow-up; tick Record an "
                                    "undertaking to keep one in Undertakings too", self)
        self.rows_widget = QWidget(self)
        rows_layout = QVBoxLayout(self.rows_widget)
        self.grid = QGridLayout()
        rows_layout.addLayout(self.grid)
        rows_layout.addStretch(1)  # rows stay at the top of the scroll area
        self.grid.setVerticalSpacing(4)
        self.grid.setColumnStretch(0, 3)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(3, 2)
        for column, heading in enumerate(_HEADINGS):
            label = QLabel(heading, self.rows_widget)
            label.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(label, 0, column)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.rows_widget)
        self.add_button = QPushButton("&Add undertaking", self)
        self.add_button.clicked.connect(self.add_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText("&Save outcome")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(outcome_label)
        layout.addWidget(self.field_errors.wrap("outcome", self.outcome_edit))
        layout.addSpacing(8)
        layout.addWidget(undertakings_label)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(1040, 480)

    def add_row(self) -> _UndertakingRow:
        row = _UndertakingRow(self._bodies, self._items, self.rows_widget)
        row.remove_button.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._lay_out_rows()
        row.description_edit.setFocus()
        return row

    def remove_row(self, row: _UndertakingRow) -> None:
        self.rows.remove(row)
        for widget in (*row.widgets(), row.error_label):
            self.grid.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        self._lay_out_rows()

    def _lay_out_rows(self) -> None:
        """Put the rows in the grid in order, each with its error label under it across the columns."""
        for row in self.rows:
            for widget in (*row.widgets(), row.error_label):
                self.grid.removeWidget(widget)
        for number, row in enumerate(self.rows):
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, 1 + number * 2, column)
                widget.show()  # a layout only shows a new child on the next event loop turn
            self.grid.addWidget(row.error_label, 2 + number * 2, 0, 1, len(_HEADINGS))
            row.error_label.hide()
        self.grid.setColumnMinimumWidth(2, 130)

    # --- saving -------------------------------------------------------------------------------

    def accept(self) -> None:
        self.clear_errors()
        # Rows left blank are ignored; `shown` maps the service's row numbers back to the dialog's.
        shown = [number for number, row in enumerate(self.rows, start=1) if not row.is_blank()]
        undertakings = [self.rows[number - 1].values() for number in shown]
        try:
            changes = debates.record_outcome(self._database, self.debate_id, self.outcome_edit.toPlainText(),
                                             undertakings)
        except ValidationError as error:
            self.show_errors({self._row_key(key, shown): message for key, message in error.errors.items()})
            return
        except R2PError as error:
            self.show_errors({"": str(error)})
            return
        self._records_changed.notify_changes(changes)
        super().accept()

    @staticmethod
    def _row_key(key: str, shown: list[int]) -> str:
        if key.startswith("undertaking "):
            return f"undertaking {shown[int(key.split()[1]) - 1]}"
        return key

    # --- errors -------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.field_errors.clear()
        for row in self.rows:
            row.error_label.hide()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Row problems under their row, the outcome's under it, anything else above the buttons."""
        fields = self.field_errors.fields
        for name in [name for name in fields if name.startswith("undertaking ")]:
            del fields[name], self.error_labels[name]
        for number, row in enumerate(self.rows, start=1):
            fields[f"undertaking {number}"] = row.description_edit
            self.error_labels[f"undertaking {number}"] = row.error_label
        self.field_errors.show({key: (f"Undertaking {key.split()[1]}: {message}"
                                      if key.startswith("undertaking ") else message)
                                for key, message in errors.items()}, count_fields=True)
