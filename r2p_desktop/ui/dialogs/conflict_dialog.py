"""Someone saved the record while the clerk was editing it: both versions of each field that differs,
side by side, and the clerk's choice of which to keep. Nothing has been written when it opens."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...core.errors import ConflictError
from ...core.formatting import human_label
from ...core.services.records import RULES
from ..widgets.history_table import local_time, tooltip
from ..widgets.record_table_view import RecordTableView

FIELD, YOURS, THEIRS = range(3)
_TOOLTIP_FROM = 40  # characters: shorter single-line values fit their column
_EMPTY = "(empty)"
# Fields holding a code from a fixed list ('holding_answer'), shown in words, for each kind's label.
_CODED_FIELDS = {rules.label: {"confidentiality", *rules.enums} for rules in RULES.values()}


def value_text(value: object) -> str:
    """A stored or typed value as the clerk reads it; lists as "a; b", dates as YYYY-MM-DD."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        return local_time(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple | set | frozenset):
        return "; ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "Yes" if value else "No"
    return str(value)


def _cell(text: str) -> QStandardItem:
    """A value as plain text on one line (elided by the view), in full in its tooltip when long."""
    item = QStandardItem(" ".join(text.split()) or _EMPTY)
    item.setEditable(False)
    if len(text) > _TOOLTIP_FROM or "\n" in text:
        item.setToolTip(tooltip(text))  # escaped: a value like '<b>' shows as typed
    if not text:
        item.setForeground(QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText))
    return item


class ConflictDialog(QDialog):
    """Shown instead of saving over someone's change. `exec()` returns, and `choice` holds, one of
    KEEP_MINE (save the clerk's values over theirs), USE_THEIRS (take the stored record) or CANCEL."""

    CANCEL, KEEP_MINE, USE_THEIRS = 0, 1, 2  # CANCEL is QDialog's Rejected: Esc and the close box

    def __init__(self, error: ConflictError, label_of: Callable[[str], str] = human_label,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = self.CANCEL
        who = error.changed_by or "someone else"
        when = local_time(error.changed_at) if isinstance(error.changed_at, datetime) else "a moment ago"
        self.setWindowTitle(f"This {error.label} was changed by {who}")

        self.summary_label = QLabel(
            f"{error.changed_by or 'Someone else'} saved this {error.label} at {when}, after you opened it. "
            "Nothing you typed has been saved yet. These fields differ:")
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)  # a user name is not markup
        self.summary_label.setWordWrap(True)

        coded = _CODED_FIELDS.get(error.label, set())

        def shown(name: str, value: object) -> str:
            return human_label(value) if name in coded and isinstance(value, str) else value_text(value)

        model = QStandardItemModel(0, 3, self)
        model.setHorizontalHeaderLabels(["Field", "Your version", f"Saved by {who}"])
        for name in error.differing_fields:
            label = QStandardItem(label_of(name))
            label.setEditable(False)
            model.appendRow([label, _cell(shown(name, error.yours.get(name))),
                             _cell(shown(name, error.theirs.get(name)))])
        self.table = RecordTableView()
        self.table.setModel(model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName(f"Fields of this {error.label} that differ")
        self.table.set_column_widths([150])
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (YOURS, THEIRS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

        hint = QLabel("Keep my version saves what you typed over their change. Use their version drops "
                      "your edits to these fields. Point at a shortened value to read it in full.")
        hint.setWordWrap(True)
        hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        buttons = QDialogButtonBox()
        self.keep_mine_button = self._add_button(buttons, "&Keep my version", QDialogButtonBox.ButtonRole.AcceptRole,
                                                 self.KEEP_MINE)
        self.use_theirs_button = self._add_button(buttons, "&Use their version",
                                                  QDialogButtonBox.ButtonRole.DestructiveRole, self.USE_THEIRS)
        self.cancel_button = self._add_button(buttons, "&Go back to editing", QDialogButtonBox.ButtonRole.RejectRole,
                                              self.CANCEL)
        self.cancel_button.setDefault(True)  # Enter alone never overwrites either version

        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(720, 360)
        self.cancel_button.setFocus()  # not the table's first cell

    def _add_button(self, buttons: QDialogButtonBox, text: str, role: QDialogButtonBox.ButtonRole,
                    choice: int) -> QPushButton:
        button = buttons.addButton(text, role)
        button.setAutoDefault(False)
        button.clicked.connect(lambda: self.done(choice))
        return button

    def done(self, result: int) -> None:
        self.choice = result
        super().done(result)

    def field_rows(self) -> list[list[str]]:
        """The table as the clerk reads it, row by row."""
        model = self.table.model()
        return [[model.index(row, column).data() for column in range(model.columnCount())]
                for row in range(model.rowCount())]


KEEP_MINE, USE_THEIRS, CANCEL = ConflictDialog.KEEP_MINE, ConflictDialog.USE_THEIRS, ConflictDialog.CANCEL
