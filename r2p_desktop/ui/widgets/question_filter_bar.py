"""The Questions filter bar: free text, status (including *overdue*), answering body, member, pillar,
commitment, tabled dates and confidentiality, in two compact rows.

It only builds a `QuestionFilter`; the table runs it. Conditions that have no control here (the answer
due dates the dashboard opens) are kept and shown as a chip the user can remove."""

from __future__ import annotations

from contextlib import ExitStack
from datetime import date
from itertools import pairwise

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ...app.pages import Choices
from ...core.formatting import date_text, human_label
from ...core.models import Confidentiality, PersonKind, QuestionStatus
from ...core.services.questions import AWAITING, OVERDUE, QuestionFilter
from .date_field import DateField
from .flow_row import FlowRow

TYPING_DELAY_MS = 250  # wait for a pause in typing before searching
INVALID_COLOUR = "#b3261e"
MAX_LIST_WIDTH = 720
CHIP_STYLE = (
    "#dueChip { background: palette(base); border: 1px solid palette(mid); border-radius: 10px;"
    " padding: 2px 10px; }"
    "#dueChip:hover { border-color: palette(highlight); }"
    "#dueChip:focus { border: 2px solid palette(highlight); }"
)


class _ChoiceCombo(QComboBox):
    """A combo whose items carry the value a filter needs; with `searchable`, the user types part of a
    name to find it, and a blank box means no condition."""

    def __init__(self, anything: str, parent: QWidget | None = None, *, searchable: bool = False):
        super().__init__(parent)
        self._anything = anything
        self._searchable = searchable
        if searchable:  # sized by minimumContentsLength; the others fit their longest choice
            self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            self.setEditable(True)
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            self.lineEdit().setPlaceholderText(anything)
            self.lineEdit().setClearButtonEnabled(True)
            completer = self.completer()
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
            self.lineEdit().editingFinished.connect(self._settle_text)
            self.lineEdit().textEdited.connect(self._drop_when_blank)
            self.currentIndexChanged.connect(self._show_start_of_choice)
        self.set_choices([])

    def set_choices(self, choices: list[tuple[str, object, str]]) -> None:
        """(text, value, tooltip) rows, a `None` row for a separator; keeps the current value if listed."""
        value = self.value()
        with QSignalBlocker(self):
            self.clear()
            if not self._searchable:
                self.addItem(self._anything, None)
            for choice in choices:
                if choice is None:
                    self.insertSeparator(self.count())
                    continue
                text, data, tip = choice
                self.addItem(text, data)
                if tip:
                    self.setItemData(self.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
            self.setCurrentIndex(self._index_of(value))
        self._show_start_of_choice()
        self._widen_lists()

    def _widen_lists(self) -> None:
        """The drop-down and the list of matches are as wide as their longest choice, within reason."""
        metrics = self.view().fontMetrics()
        widest = max((metrics.horizontalAdvance(self.itemText(row)) for row in range(self.count())), default=0)
        width = min(widest + 48, MAX_LIST_WIDTH)
        self.view().setMinimumWidth(width)
        if self._searchable:
            self.completer().popup().setMinimumWidth(width)

    def value(self):
        return self.currentData() if self.currentIndex() >= 0 else None

    def set_value(self, value, *, unlisted_text: str = "") -> None:
        """Choose `value`; one not in the list yet is added under `unlisted_text` so it is not lost."""
        index = self._index_of(value)
        if value is not None and index < 0:
            self.addItem(unlisted_text or str(value), value)
            index = self.count() - 1
        self.setCurrentIndex(index)
        if self._searchable and index < 0:
            self.lineEdit().clear()
        self._show_start_of_choice()  # also when signals are blocked

    def _index_of(self, value) -> int:
        if value is None:
            return -1 if self._searchable else 0
        return self.findData(value)

    def _settle_text(self) -> None:
        """Leave the box showing a real choice: the one typed exactly, or else the one chosen before."""
        text = self.currentText().strip()
        if not text:
            self.setCurrentIndex(-1)
            return
        for row in range(self.count()):
            if self.itemText(row).casefold() == text.casefold():
                self.setCurrentIndex(row)
                self.lineEdit().setText(self.itemText(row))
                return
        self.lineEdit().setText(self.itemText(self.currentIndex()) if self.currentIndex() >= 0 else "")

    def _drop_when_blank(self, text: str) -> None:
        if not text and self.currentIndex() >= 0:
            self.setCurrentIndex(-1)

    def _show_start_of_choice(self) -> None:
        """A long choice shows its beginning (a commitment's code), and all of it as a tooltip."""
        if self._searchable:
            self.lineEdit().setCursorPosition(0)
            self.setToolTip(self.currentText() if self.currentIndex() >= 0 else self.accessibleDescription())


class QuestionFilterBar(QWidget):
    filter_changed = Signal(object)  # the QuestionFilter the bar now shows

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._due: tuple[date | None, date | None] = (None, None)  # kept from set_filter; no control
        self._emitted = QuestionFilter()

        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText("Search titles and references")
        self.text_edit.setClearButtonEnabled(True)
        self._describe(self.text_edit, "Search questions", "Search titles and references (Ctrl+F)")

        self.due_chip = QPushButton(self)
        self.due_chip.setObjectName("dueChip")
        self.due_chip.setStyleSheet(CHIP_STYLE)
        self.due_chip.setFlat(True)
        self.due_chip.setAutoDefault(False)
        self.due_chip.setCursor(Qt.CursorShape.PointingHandCursor)
        self._describe(self.due_chip, "Remove the answer due condition", "Remove this condition")
        self.due_chip.clicked.connect(self.clear_answer_due)
        self.due_chip.hide()

        self.status_combo = _ChoiceCombo("All statuses", self)
        self._describe(self.status_combo, "Status", "Show only questions with this status")

        self.body_combo = _ChoiceCombo("All answering bodies", self, searchable=True)
        self.body_combo.setMinimumContentsLength(18)
        self._describe(self.body_combo, "Answering body",
                       "The ministry or body the question is addressed to: type part of its name")

        self.member_combo = _ChoiceCombo("All members", self, searchable=True)
        self.member_combo.setMinimumContentsLength(14)
        self._describe(self.member_combo, "Asked by", "The member who asked: type part of a name")

        self.pillar_combo = _ChoiceCombo("All pillars", self)
        self._describe(self.pillar_combo, "Pillar", "The pillar of the Responsibility to Protect")

        self.commitment_combo = _ChoiceCombo("All commitments", self, searchable=True)
        self.commitment_combo.setMinimumContentsLength(20)
        self._describe(self.commitment_combo, "Commitment",
                       "A commitment the question follows up: type part of its code or title")

        self.tabled_label = QLabel("&Tabled", self)
        self.tabled_from_edit = DateField(self)
        self._describe(self.tabled_from_edit, "Tabled from", "Tabled on or after this date (YYYY-MM-DD)")
        self.tabled_label.setBuddy(self.tabled_from_edit)
        self.tabled_to_label = QLabel("to", self)
        self.tabled_to_edit = DateField(self)
        self._describe(self.tabled_to_edit, "Tabled to", "Tabled on or before this date (YYYY-MM-DD)")
        self.tabled_to_label.setBuddy(self.tabled_to_edit)
        date_width = self.fontMetrics().horizontalAdvance("0000-00-00") + 64  # room for both icons
        for edit in (self.tabled_from_edit, self.tabled_to_edit):
            edit.setMaximumWidth(date_width)

        self.confidentiality_combo = _ChoiceCombo("Any confidentiality", self)
        self._describe(self.confidentiality_combo, "Confidentiality", "Show only questions at this level")

        self.clear_button = QPushButton("Clear filters", self)
        self.clear_button.setAutoDefault(False)
        self._describe(self.clear_button, "Clear filters", "Show every question again")
        self.clear_button.clicked.connect(self.clear)

        self._fill_fixed_choices()
        self._lay_out()

        self._typing_timer = QTimer(self)
        self._typing_timer.setSingleShot(True)
        self._typing_timer.setInterval(TYPING_DELAY_MS)
        self._typing_timer.timeout.connect(self._emit_if_changed)
        self.text_edit.textChanged.connect(self._typing_timer.start)
        self.text_edit.returnPressed.connect(self._emit_if_changed)
        for combo in self._combos():
            combo.currentIndexChanged.connect(self._emit_if_changed)
        for edit in (self.tabled_from_edit, self.tabled_to_edit):
            edit.textChanged.connect(self._date_typed)
            edit.editingFinished.connect(self._date_finished)
        self._update_clear_button()

    # --- what the view asks -------------------------------------------------------------------

    def current_filter(self) -> QuestionFilter:
        due_from, due_to = self._due
        return QuestionFilter(
            text=self.text_edit.text().strip(),
            status=self.status_combo.value(),
            addressed_to_id=self.body_combo.value(),
            asked_by_id=self.member_combo.value(),
            pillar=self.pillar_combo.value(),
            commitment_code=self.commitment_combo.value(),
            tabled_from=_parsed(self.tabled_from_edit),
            tabled_to=_parsed(self.tabled_to_edit),
            due_from=due_from,
            due_to=due_to,
            confidentiality=self.confidentiality_combo.value(),
        )

    def set_filter(self, flt: QuestionFilter) -> None:
        """Show `flt` in every control; emits `filter_changed` if that changes the filter."""
        self._typing_timer.stop()
        with _blocked(self._controls()):
            self.text_edit.setText(flt.text)
            self.status_combo.set_value(flt.status, unlisted_text=human_label(flt.status))
            self.body_combo.set_value(flt.addressed_to_id, unlisted_text=f"Body no. {flt.addressed_to_id}")
            self.member_combo.set_value(flt.asked_by_id, unlisted_text=f"Person no. {flt.asked_by_id}")
            self.pillar_combo.set_value(flt.pillar, unlisted_text=f"Pillar {flt.pillar}")
            self.commitment_combo.set_value(flt.commitment_code)
            self.tabled_from_edit.set_date(flt.tabled_from)
            self.tabled_to_edit.set_date(flt.tabled_to)
            self.confidentiality_combo.set_value(flt.confidentiality,
                                                 unlisted_text=human_label(flt.confidentiality))
        for edit in (self.tabled_from_edit, self.tabled_to_edit):
            _mark_validity(edit, finished=True)
        self._due = (flt.due_from, flt.due_to)
        self._show_due_chip()
        self._emit_if_changed()

    def clear(self) -> None:
        self.set_filter(QuestionFilter())

    def clear_answer_due(self) -> None:
        had_focus = self.due_chip.hasFocus()
        self._due = (None, None)
        self._show_due_chip()
        if had_focus:
            self.text_edit.setFocus()
        self._emit_if_changed()

    def reload_choices(self, choices: Choices) -> None:
        """Offer the bodies, people, pillars and commitments as read again, keeping what is chosen where
        it still exists."""
        self.body_combo.set_choices([(b["name"], b["id"], "") for b in choices.bodies])
        members = [p for p in choices.people if p["kind"] == PersonKind.MP.value]
        others = [p for p in choices.people if p["kind"] != PersonKind.MP.value]
        # Members of parliament ask nearly every question: they come first.
        self.member_combo.set_choices(
            [*((p["full_name"], p["id"], _person_tip(p)) for p in members),
             *([None] if members and others else []),
             *((p["full_name"], p["id"], _person_tip(p)) for p in others)])
        self.pillar_combo.set_choices([(f"Pillar {p['number']}", p["number"], p["title"]) for p in choices.pillars])
        self.commitment_combo.set_choices([(f"{c.code} — {c.title}", c.code, c.summary)
                                           for c in choices.commitments])
        self._emit_if_changed()

    # --- building -----------------------------------------------------------------------------

    def _fill_fixed_choices(self) -> None:
        statuses = [("Overdue", OVERDUE, "Tabled or holding an answer, with the answer due before today"),
                    ("Awaiting an answer", AWAITING, "Tabled or holding an answer, overdue or not"), None]
        statuses += [(human_label(s.value), s.value, "") for s in QuestionStatus]
        self.status_combo.set_choices(statuses)
        self.confidentiality_combo.set_choices([(human_label(c.value), c.value, "") for c in Confidentiality])

    def _lay_out(self) -> None:
        # One row that wraps: in a wide window the filters take two lines, in a narrow one (1366x768 at
        # 150%) more, and no filter is squeezed until its words are cut.
        tabled = QWidget(self)  # "Tabled [from] to [to]" stays together on its line
        dates = QHBoxLayout(tabled)
        dates.setContentsMargins(0, 0, 0, 0)
        dates.setSpacing(6)
        for part in (self.tabled_label, self.tabled_from_edit, self.tabled_to_label, self.tabled_to_edit):
            dates.addWidget(part)
        self.text_edit.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.commitment_combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        rows = QVBoxLayout(self)
        rows.setContentsMargins(0, 0, 0, 0)
        rows.setSpacing(6)
        for line in ((self.text_edit, self.due_chip, self.status_combo, self.body_combo, self.member_combo),
                     (self.pillar_combo, self.commitment_combo, tabled, self.confidentiality_combo,
                      self.clear_button)):
            flow = FlowRow(spacing=6)
            for widget in line:
                flow.addWidget(widget)
            rows.addLayout(flow)

        order = [self.text_edit, self.due_chip, self.status_combo, self.body_combo, self.member_combo,
                 self.pillar_combo, self.commitment_combo, self.tabled_from_edit, self.tabled_to_edit,
                 self.confidentiality_combo, self.clear_button]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)
        self.text_edit.setMinimumWidth(self.text_edit.fontMetrics().horizontalAdvance("Search titles and refs"))

    @staticmethod
    def _describe(widget: QWidget, name: str, tip: str) -> None:
        widget.setAccessibleName(name)
        widget.setAccessibleDescription(tip)
        widget.setToolTip(tip)

    def _combos(self) -> list[_ChoiceCombo]:
        return [self.status_combo, self.body_combo, self.member_combo, self.pillar_combo, self.commitment_combo,
                self.confidentiality_combo]

    def _controls(self) -> list[QWidget]:
        return [self.text_edit, *self._combos(), self.tabled_from_edit, self.tabled_to_edit]

    # --- reacting -----------------------------------------------------------------------------

    def _date_typed(self) -> None:
        edit = self.sender()
        if isinstance(edit, DateField):
            _mark_validity(edit, finished=False)
            if not edit.date_text() or _parsed(edit) is not None:  # a whole date, or none: search
                self._typing_timer.start()

    def _date_finished(self) -> None:
        edit = self.sender()
        if isinstance(edit, DateField):
            _mark_validity(edit, finished=True)
        self._emit_if_changed()

    def _show_due_chip(self) -> None:
        due_from, due_to = self._due
        if due_from and due_to:
            text = f"Answer due {date_text(due_from)} to {date_text(due_to)}"
        elif due_from:
            text = f"Answer due from {date_text(due_from)}"
        elif due_to:
            text = f"Answer due by {date_text(due_to)}"
        else:
            self.due_chip.hide()
            return
        self.due_chip.setText(f"{text}  ✕")
        self.due_chip.setAccessibleName(f"Remove condition: {text}")
        self.due_chip.setMinimumWidth(self.due_chip.sizeHint().width())  # the one condition not chosen here
        self.due_chip.show()

    def _emit_if_changed(self) -> None:
        self._typing_timer.stop()
        flt = self.current_filter()
        self._update_clear_button(flt)
        if flt != self._emitted:
            self._emitted = flt
            self.filter_changed.emit(flt)

    def _update_clear_button(self, flt: QuestionFilter | None = None) -> None:
        flt = flt or self.current_filter()
        self.clear_button.setEnabled(flt != QuestionFilter() or any(
            e.date_text() for e in (self.tabled_from_edit, self.tabled_to_edit)))


def _parsed(edit: DateField) -> date | None:
    try:
        return date.fromisoformat(edit.date_text()) if edit.date_text() else None
    except ValueError:
        return None


def _mark_validity(edit: DateField, *, finished: bool) -> None:
    """A date that cannot be read turns red (once typed in full or left) and is left out of the filter."""
    text = edit.date_text()
    invalid = bool(text) and _parsed(edit) is None and (finished or len(text) >= len("YYYY-MM-DD"))
    edit.setStyleSheet(f"color: {INVALID_COLOUR};" if invalid else "")


def _person_tip(person: dict) -> str:
    details = [human_label(person["kind"]), person.get("party") or "", person.get("constituency") or ""]
    return ", ".join(d for d in details if d)


def _blocked(widgets: list[QWidget]) -> ExitStack:
    """Silence several widgets' signals while they are set together."""
    stack = ExitStack()
    for widget in widgets:
        stack.enter_context(QSignalBlocker(widget))
    return stack
