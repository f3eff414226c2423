"""Choosing several catalogue entries (commitments, risk factors, instruments) for a record:
type to narrow the list, Space or a click on the box to tick an entry."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

CODE_ROLE = Qt.ItemDataRole.UserRole + 1


class _EntriesModel(QAbstractListModel):
    """The catalogue's entries as "code — title", each with a tick."""

    ticks_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[tuple[str, str]] = []
        self._chosen: set[str] = set()

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def set_chosen(self, codes) -> None:
        """Ticks these codes; they move to the top so the clerk sees them without scrolling."""
        self.beginResetModel()
        self._chosen = set(codes)
        self._entries.sort(key=lambda entry: entry[0] not in self._chosen)  # stable: catalogue order kept
        self.endResetModel()

    def chosen(self) -> list[str]:
        """In the order shown; codes not in the catalogue (any more) are kept, last."""
        known = [code for code, _ in self._entries if code in self._chosen]
        return known + sorted(self._chosen - set(known))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        code, label = self._entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{code} — {label}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return label
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if code in self._chosen else Qt.CheckState.Unchecked
        if role == CODE_ROLE:
            return code
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        code = self._entries[index.row()][0]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            self._chosen.add(code)
        else:
            self._chosen.discard(code)
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        self.ticks_changed.emit()
        return True


class CataloguePicker(QWidget):
    changed = Signal()

    def __init__(self, noun: str = "entries", parent: QWidget | None = None):
        super().__init__(parent)
        self.entries_model = _EntriesModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.entries_model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText(f"Find {noun}…")
        self.filter_edit.setToolTip("Type to narrow the list; Down goes to the list, where Space ticks")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(f"Find {noun}")
        self.filter_edit.textChanged.connect(self._filter)
        self.filter_edit.installEventFilter(self)
        self.count_label = QLabel(self)
        self.list_view = QListView(self)
        self.list_view.setModel(self.proxy)
        self.list_view.setUniformItemSizes(True)
        self.list_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # long titles elide
        self.list_view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list_view.setAccessibleName(f"Linked {noun}")
        self.setFocusProxy(self.filter_edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # so that a label naming it (its buddy) reaches the filter

        top = QHBoxLayout()
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.list_view, 1)

        self.entries_model.ticks_changed.connect(self._ticks_changed)
        self._update_count()

    def set_entries(self, entries: list[tuple[str, str]]) -> None:
        """The catalogue as (code, label) pairs, in the order to show them."""
        self.entries_model.set_entries(entries)

    def set_selected(self, codes) -> None:
        self.entries_model.set_chosen(codes)
        self._update_count()

    def selected(self) -> list[str]:
        return self.entries_model.chosen()

    def _ticks_changed(self) -> None:
        self._update_count()
        self.changed.emit()

    def _update_count(self) -> None:
        self.count_label.setText(f"{len(self.entries_model.chosen())} chosen")

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.list_view.currentIndex().isValid():
            self.list_view.setCurrentIndex(self.proxy.index(0, 0))

    def eventFilter(self, watched, event) -> bool:
        # Down (or Up) from the filter goes to the list, where Space ticks.
        if (watched is self.filter_edit and event.type() == event.Type.KeyPress
                and event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.proxy.rowCount()):
            if not self.list_view.currentIndex().isValid():
                self.list_view.setCurrentIndex(self.proxy.index(0, 0))
            self.list_view.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        return super().eventFilter(watched, event)
