"""Item data roles shared by the table models, and the sign an overdue date carries."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's integer id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that orders the way a reader expects


def overdue_icon() -> QIcon:
    """The warning sign an overdue date carries, so that overdue is never shown by colour alone."""
    return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
