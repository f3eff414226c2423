"""Giving one answer to several questions: the government often answers the questions of several
members on one subject in a single reply. The clerk ticks, among the questions to the same ministry
still awaiting an answer, those this answer was given to; each takes the answer and points at this
question."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...app import answers
from ...core.database import Database
from ...core.errors import R2PError, ValidationError
from ..records_changed import RecordsChanged
from ..widgets.field_errors import ERROR_COLOUR


class ShareAnswerDialog(QDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, question_id: int, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Give this answer to other questions")
        self.resize(620, 460)
        self._database, self._records_changed, self._question_id = database, records_changed, question_id
        candidates = answers.awaiting_the_same_answer(database, question_id)

        intro = QLabel(f"Tick the questions the answer to {title} was also given to. They are the questions "
                       "to the same ministry still awaiting an answer; each takes this answer, its date and "
                       "who gave it." if candidates else
                       f"No other question to the same ministry is awaiting an answer, so the answer to {title} "
                       "cannot be given to one.")
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by reference or title")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        filter_label = QLabel("&Filter")
        filter_label.setBuddy(self.filter_edit)
        self.list = QListWidget()
        self.list.setAccessibleName("Questions awaiting an answer")
        for question_id_, text in candidates:
            item = QListWidgetItem(text)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(Qt.ItemDataRole.UserRole, question_id_)
            self.list.addItem(item)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(f"color: {ERROR_COLOUR}; font-weight: bold;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.give_button = self.buttons.addButton("&Give the answer", QDialogButtonBox.ButtonRole.AcceptRole)
        self.give_button.setEnabled(bool(candidates))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if candidates:
            layout.addWidget(filter_label)
            layout.addWidget(self.filter_edit)
            layout.addWidget(self.list, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def ticked(self) -> list[int]:
        return [self.list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(self.list.count())
                if self.list.item(row).checkState() == Qt.CheckState.Checked]

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(word in item.text().casefold() for word in words))

    def accept(self) -> None:
        if not self.ticked():
            self.error_label.setText("Tick at least one question, or cancel.")
            self.error_label.show()
            return
        try:
            changes = answers.answer_together(self._database, self._question_id, self.ticked())
        except R2PError as error:
            reason = "; ".join(error.errors.values()) if isinstance(error, ValidationError) else str(error)
            self.error_label.setText(f"Nothing was saved: {reason}.")
            self.error_label.show()
            return
        self._records_changed.notify_changes(changes)
        super().accept()
