"""Item data roles shared by the table models."""

from __future__ import annotations

from PySide6.QtCore import Qt

RECORD_ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the record's integer id
SORT_ROLE = Qt.ItemDataRole.UserRole + 2  # a value that orders the way a reader expects
