"""Choosing the record a duplicate person or body is merged into: the others of its kind, found by
typing part of a name, each with what tells two of a name apart (a role and party, an abbreviation).
The merge itself is confirmed and done by `delete_prompt.ask_to_merge`."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from ...app.removal import Candidate
from ..models.roles import RECORD_ID_ROLE


class MergeDialog(QDialog):
    def __init__(self, duplicate_name: str, noun: str, candidates: list[Candidate], parent: QWidget | None = None):
        """Choose which of `candidates` (records of the kind called `noun`, such as "body") to keep
        in place of `duplicate_name`."""
        super().__init__(parent)
        self.setWindowTitle(f"Merge {noun} into…")
        intro = QLabel(f"Merge <b>{_escaped(duplicate_name)}</b> into the {noun} chosen below: every record that "
                       f"refers to it will refer to that {noun} instead, and it is deleted. You are asked to "
                       "confirm, with the number of records that move, before anything changes.", self)
        intro.setWordWrap(True)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(f"Type part of a name to find the {noun} to keep")
        self.filter_edit.setClearButtonEnabled(True)
        find_label = QLabel("&Find", self)
        find_label.setBuddy(self.filter_edit)

        self.list_model = QStandardItemModel(self)
        for candidate in candidates:
            shown = candidate.name + (f" — {candidate.detail}" if candidate.detail else "")
            item = QStandardItem(shown + (" (archived)" if candidate.archived else ""))
            item.setData(candidate.id, RECORD_ID_ROLE)
            item.setToolTip(shown)
            item.setEditable(False)
            self.list_model.appendRow(item)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.list_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.list_view = QListView(self)
        self.list_view.setModel(self.proxy)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.setAccessibleName(f"The {noun} to keep")
        self.list_view.doubleClicked.connect(lambda _index: self.accept())

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("&Merge…")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(find_label)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list_view, 1)
        layout.addWidget(self.buttons)
        self.filter_edit.textChanged.connect(self._filter)
        self.list_view.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self._enable()
        self.filter_edit.setFocus()
        self.resize(560, 440)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() == 1 or (self.proxy.rowCount() and not self.list_view.selectionModel().hasSelection()):
            self.list_view.setCurrentIndex(self.proxy.index(0, 0))  # Enter merges into the first match
        self._enable()

    def _enable(self) -> None:
        self.merge_button.setEnabled(self.chosen_id() is not None)

    def shown_names(self) -> list[str]:
        """The names listed now, top to bottom, as the clerk reads them."""
        return [self.proxy.index(row, 0).data() for row in range(self.proxy.rowCount())]

    def choose(self, record_id: int) -> bool:
        """Select the record `record_id` if it is listed; False when it is not."""
        matches = self.proxy.match(self.proxy.index(0, 0), RECORD_ID_ROLE, record_id, 1, Qt.MatchFlag.MatchExactly)
        if matches:
            self.list_view.setCurrentIndex(matches[0])
        return bool(matches)

    def chosen_id(self) -> int | None:
        index = self.list_view.currentIndex()
        if not index.isValid() or not self.list_view.selectionModel().isSelected(index):
            return None
        return int(index.data(RECORD_ID_ROLE))

    def accept(self) -> None:
        if self.chosen_id() is not None:
            super().accept()


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
