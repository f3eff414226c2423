"""Help > Keyboard shortcuts, read from the window's own actions (so the page cannot fall behind the
menus), and Help > User guide, a short Markdown file under resources/help shown in a text browser."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMainWindow,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from ...paths import resource
from ..accessibility import plain

GUIDE = ("help", "guide.md")


def _keys(sequences: list[QKeySequence]) -> str:
    return ", ".join(s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if not s.isEmpty())


def _menu_rows(menu: QMenu, path: str) -> list[tuple[str, str]]:
    rows = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        where = f"{path} > {plain(action.text())}"
        if isinstance(submenu := action.menu(), QMenu):
            rows.extend(_menu_rows(submenu, where))
        elif keys := _keys(action.shortcuts()):
            rows.append((where, keys))
    return rows


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str]]:
    """(command, keys) for every menu command with a shortcut, in menu order, then the shortcuts of the
    pages (those that say what they do, in their What's This text), each once."""
    rows: list[tuple[str, str]] = []
    for action in window.menuBar().actions():
        if isinstance(menu := action.menu(), QMenu):
            rows.extend(_menu_rows(menu, plain(action.text())))
    seen = set(rows)
    for child in window.findChildren(QAction) + window.findChildren(QShortcut):
        keys = _keys(child.shortcuts() if isinstance(child, QAction) else [child.key()])
        row = (child.whatsThis(), keys)
        if row[0] and keys and row not in seen:
            seen.add(row)
            rows.append(row)
    return rows


class ShortcutsDialog(QDialog):
    def __init__(self, window: QMainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.setWindowTitle("Keyboard shortcuts")
        self.resize(560, 520)
        rows = shortcut_rows(window)
        self.table = QTableWidget(len(rows), 2, self)
        self.table.setAccessibleName("Keyboard shortcuts")
        self.table.setHorizontalHeaderLabels(["Command", "Keys"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for number, (command, keys) in enumerate(rows):
            self.table.setItem(number, 0, QTableWidgetItem(command))
            self.table.setItem(number, 1, QTableWidgetItem(keys))
        self.table.resizeColumnToContents(1)  # and a margin, so that no keys are cut at the edge
        self.table.setColumnWidth(1, self.table.columnWidth(1) + self.fontMetrics().horizontalAdvance("MM"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)

    def shortcuts(self) -> dict[str, str]:
        """What the page lists: keys by command."""
        cells = [(self.table.item(n, 0), self.table.item(n, 1)) for n in range(self.table.rowCount())]
        return {command.text(): keys.text() for command, keys in cells if command and keys}


class GuideDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("User guide")
        self.resize(680, 640)
        self.browser = QTextBrowser(self)
        self.browser.setAccessibleName("User guide")
        self.browser.setOpenExternalLinks(False)
        self.browser.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        try:
            self.browser.setMarkdown(resource(*GUIDE).read_text(encoding="utf-8"))
        except OSError as error:  # a broken installation: say so in one line, not a traceback
            self.browser.setPlainText(f"The user guide could not be read: {error.strerror or error}.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
