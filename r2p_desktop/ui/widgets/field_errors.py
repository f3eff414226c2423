"""The red problem messages of one form: each under its field, the rest in a summary above the buttons.

A dialog wraps each field with `wrap` as it lays the form out, places `summary_label` above its
buttons, and calls `clear` before saving and `show` with the services' errors when saving fails."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ..accessibility import name_after

ERROR_COLOUR = "#b3261e"


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:]


class FieldErrors:
    def __init__(self) -> None:
        self.fields: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.summary_label.hide()

    def form(self, rows: Iterable[tuple[str, str, QWidget]], parent: QWidget | None = None) -> QFormLayout:
        """A form of (field name, label with &shortcut, widget) rows, each widget over its error."""
        form = QFormLayout(parent)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for name, label_text, widget in rows:
            label = QLabel(label_text)
            label.setBuddy(widget)
            name_after(widget, label_text)  # the buddy is not the cell's parent's child: say it outright
            form.addRow(label, self.wrap(name, widget))
        return form

    def wrap(self, name: str, widget: QWidget) -> QWidget:
        """The widget with its (hidden) error label under it, as one cell for a form row."""
        error = QLabel()
        error.setObjectName(f"{name}_error")
        error.setWordWrap(True)
        error.setStyleSheet(f"color: {ERROR_COLOUR};")
        error.hide()
        cell = QWidget()
        cell_layout = QVBoxLayout(cell)
        cell_layout.setContentsMargins(0, 0, 0, 0)
        cell_layout.setSpacing(2)
        cell_layout.addWidget(widget)
        cell_layout.addWidget(error)
        self.fields[name] = widget
        self.error_labels[name] = error
        return cell

    def clear(self) -> None:
        for label in self.error_labels.values():
            label.clear()
            label.hide()
        self.summary_label.hide()

    def show(self, errors: Mapping[str, str], *, field_of: Mapping[str, str] | None = None,
             label_of: Callable[[str], str] | None = None, count_fields: bool = False) -> str | None:
        """Show the messages and focus the first wrong field; returns that field's name, if any.

        field_of maps a service's field name to the form's; label_of names a field for a message with
        no place of its own; count_fields adds how many fields are marked in red to the summary."""
        field_of = field_of or {}
        unplaced = []
        first_field = None
        for field, message in errors.items():
            name = field_of.get(field, field)
            label = self.error_labels.get(name)
            if label is None:
                unplaced.append(f"{label_of(field)}: {message}." if field and label_of else _sentence(message))
                continue
            label.setText(_sentence(message))
            label.show()
            first_field = first_field or name
        parts = ["Nothing was saved."]
        placed = len(errors) - len(unplaced)
        if count_fields and placed:
            parts.append("Please correct the field marked in red." if placed == 1 else
                         f"Please correct the {placed} fields marked in red.")
        self.summary_label.setText(" ".join([*parts, *unplaced]))
        self.summary_label.show()
        if first_field:
            self.fields[first_field].setFocus()
        return first_field
