"""The widgets of a record form, built from its field specification (`app.forms.Form`): one widget per
field, each over its red error line, its lists filled from what the form offers (`app.records.Choices`),
filled from shown values and read back as shown values. The dialogs and the question form lay the rows
out; nothing here knows a kind of record."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...app.forms import Entry, Field, Form
from ...app.records import Choices
from ...core import money
from .catalogue_picker import CataloguePicker
from .choice_combo import enum_combo
from .date_field import DateField
from .field_errors import FieldErrors
from .text_box import text_box

NARROW_FIELD_WIDTH = 170  # a year, a date or an amount, not the form's full width
_NAMES = (Entry.BODY_NAME, Entry.PERSON_NAME)  # typed or chosen from a list of names
_NOT_A_CHOICE = Qt.ItemDataRole.UserRole + 1  # marks an item showing a stored word the list does not offer


class FormBinder:
    def __init__(self, form: Form, field_errors: FieldErrors, choices: Choices | None = None):
        """The form's widgets, their lists filled from `choices` (or later, with set_choices)."""
        self.form = form
        self._field_errors = field_errors
        self.widgets: dict[str, QWidget] = {field.name: _widget(field) for field in form.fields}
        currency = self.widgets.get("currency")
        if isinstance(currency, QLineEdit) and form.names(Entry.MONEY):
            currency.textChanged.connect(self._show_amount_example)
            self._show_amount_example("")
        if choices is not None:
            self.set_choices(choices)

    def rows(self, *, column: int | None = None, section: str | None = None) -> QFormLayout:
        """A form of the fields (all of them, or those of one `column` or `section`), in order."""
        fields = [field for field in self.form.fields
                  if (column is None or field.column == column) and (section is None or field.section == section)]
        return self._field_errors.form((field.name, field.label, self.widgets[field.name]) for field in fields)

    def set_choices(self, choices: Choices) -> None:
        """What the lists offer, read again: call show() after, to select in the new lists."""
        for field in self.form.fields:
            widget = self.widgets[field.name]
            match field.entry:
                case Entry.BODY:
                    _offer(widget, "None", choices.bodies)
                case Entry.PILLAR:
                    _offer(widget, "None", choices.pillars)
                case Entry.BODY_NAME:
                    _offer(widget, "", choices.bodies)
                case Entry.PERSON_NAME:
                    _offer(widget, "", choices.people)
                case Entry.CODES:
                    assert isinstance(widget, CataloguePicker)
                    widget.set_entries(choices.codes.get(field.name, []))

    def show(self, shown: Mapping[str, object]) -> None:
        for field in self.form.fields:
            if field.name in shown:
                _show(self.widgets[field.name], field, shown[field.name])

    def shown(self) -> dict[str, object]:
        """What the widgets hold now, as shown values."""
        return {field.name: _read(self.widgets[field.name], field) for field in self.form.fields}

    def _show_amount_example(self, currency: str) -> None:
        """Amount placeholders show the decimals the currency has: 1,250,000.00 EUR, 1,250,000 JPY."""
        example = "e.g. " + money.amount_text(1_250_000 * money.minor_per_major(currency), currency)
        for name in self.form.names(Entry.MONEY):
            self.widgets[name].setPlaceholderText(example)  # type: ignore[attr-defined]


def _widget(field: Field) -> QWidget:
    widget: QWidget
    match field.entry:
        case Entry.LINE | Entry.TAGS:
            widget = QLineEdit()
            if field.max_length:
                widget.setMaxLength(field.max_length)
            widget.setPlaceholderText(field.placeholder)
        case Entry.TEXT:
            widget = text_box(placeholder=field.placeholder)
        case Entry.DATE:
            widget = DateField()
        case Entry.MONEY:
            widget = QLineEdit()
            widget.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        case Entry.NUMBER:
            widget = QSpinBox()
            widget.setRange(field.minimum, field.maximum)
            widget.setSuffix(field.suffix)
            widget.setSpecialValueText(field.unset_text)
        case Entry.FLAG:
            widget = QCheckBox()
        case Entry.CHOICE:
            assert field.choices is not None, field.name
            widget = enum_combo(field.choices, none=field.unset_text or None)
        case Entry.BODY | Entry.PILLAR:
            widget = QComboBox()
        case Entry.BODY_NAME | Entry.PERSON_NAME:
            widget = _name_combo()
        case Entry.CODES:
            widget = CataloguePicker(field.name.replace("_", " "))
            widget.setMinimumHeight(150)
    if field.tooltip:
        widget.setToolTip(field.tooltip)
    if field.narrow or field.entry in (Entry.DATE, Entry.MONEY):
        widget.setMaximumWidth(NARROW_FIELD_WIDTH)
    return widget


def _offer(widget: QWidget, none: str, entries: list[tuple[str, int]]) -> None:
    """The list of a combo: `none` (no value) first, then each entry's text, carrying its value."""
    assert isinstance(widget, QComboBox)
    widget.clear()
    widget.addItem(none, None)
    for text, value in entries:
        widget.addItem(text, value)


def _name_combo() -> QComboBox:
    """A list of names that also takes a name typed in; typing finds names containing what is typed."""
    combo = QComboBox()
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    assert completer is not None  # an editable combo has one
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def _show(widget: QWidget, field: Field, value: object) -> None:
    if isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
        widget.setCursorPosition(0)  # a long title shows its beginning, not its tail
    elif isinstance(widget, QCheckBox):
        widget.setChecked(bool(value))
    elif isinstance(widget, QSpinBox):
        widget.setValue(int(value) if isinstance(value, int) else field.minimum)
    elif isinstance(widget, CataloguePicker):
        widget.set_selected(value or [])
    elif isinstance(widget, QComboBox) and field.entry in _NAMES:
        name = str(value or "")
        index = widget.findText(name, Qt.MatchFlag.MatchFixedString) if name else 0  # a listed name, any case
        if index >= 0:
            widget.setCurrentIndex(index)
        else:
            widget.setEditText(name)  # a new name, added to People or Bodies when saved
    elif isinstance(widget, QComboBox):
        for index in reversed(range(widget.count())):  # one shown for the record before is not a choice
            if widget.itemData(index, _NOT_A_CHOICE):
                widget.removeItem(index)
        if value is not None and widget.findData(value) < 0:  # a word another program wrote: shown as it is,
            widget.addItem(f"{value} (not one of the choices)", value)  # so saving never quietly replaces it
            widget.setItemData(widget.count() - 1, True, _NOT_A_CHOICE)
        widget.setCurrentIndex(max(widget.findData(value), 0))


def _read(widget: QWidget, field: Field) -> object:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QSpinBox):
        return widget.value()
    if isinstance(widget, CataloguePicker):
        return widget.selected()
    if isinstance(widget, QComboBox) and field.entry in _NAMES:
        return widget.currentText()
    assert isinstance(widget, QComboBox)
    return widget.currentData()
