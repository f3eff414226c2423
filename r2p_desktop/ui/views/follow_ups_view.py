"""Follow-ups: undertakings, committee actions and recommendations to chase, by due date.

Filtered by status (including open and overdue) and owner; each opens in its dialog, and one that arose
from a question can open that question. The Delete key deletes the selected one, after asking."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from ...core import kinds
from ...core.database import Database
from ...core.formatting import human_label
from ...core.models import FollowUpStatus
from ...core.services import follow_ups
from ...core.services.follow_ups import FollowUpFilter
from ..dialogs.delete_prompt import ask_to_delete
from ..dialogs.follow_up_dialog import FollowUpDialog
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import BODIES, FOLLOW_UPS, QUESTIONS, RecordsChanged
from ..widgets.delete_key import DeleteKey
from .record_list_view import RecordListView

# The status filter's choices: (shown, FollowUpFilter.status).
STATUS_CHOICES = (
    ("Any status", None),
    ("Open (not yet done)", follow_ups.OPEN),
    ("Overdue", follow_ups.OVERDUE),
    *((human_label(status.value), status.value) for status in FollowUpStatus if status != FollowUpStatus.OPEN),
)


class FollowUpsView(RecordListView):
    TITLE = "Follow-ups"
    DESCRIPTION = ("What the government undertook to do, what the committee decided to do, and the "
                   "recommendations it chases; overdue items in red with a warning sign.")
    KINDS = frozenset({FOLLOW_UPS, QUESTIONS, BODIES})
    OPENS = frozenset({FOLLOW_UPS})
    NOUN = ("follow-up", "follow-ups")
    EMPTY_TEXT = "No follow-ups recorded yet."
    NO_MATCH_TEXT = "No follow-ups match these filters."
    STRETCH = 1
    COLUMNS = (
        ListColumn("due_date", "Due", DATE, width=100, warn_key="overdue"),
        ListColumn("description", "What is to be done"),
        ListColumn("kind", "Kind", LABEL, width=175),
        ListColumn("owner", "Owner", width=240),
        ListColumn("status", "Status", LABEL, width=110, warn_key="overdue"),
        ListColumn("parent", "Arising from", width=190),
    )

    question_requested = Signal(int)  # the id of the question a follow-up arose from, to open it

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.dialog: FollowUpDialog | None = None  # the last one opened, for tests and focus
        self._rows_by_id: dict[int, dict] = {}

        self.status_combo = QComboBox(self)
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(text, value)
        self.status_combo.setToolTip("Overdue: still to be done and past its due date")
        self.owner_combo = QComboBox(self)
        # Sized to a typical ministry name, not the longest, so the window can stay narrow.
        self.owner_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner_combo.setMinimumContentsLength(14)
        self.owner_combo.setMaximumWidth(380)
        self.owner_combo.addItem("Any owner", None)
        status_label = QLabel("&Status", self)
        status_label.setBuddy(self.status_combo)
        owner_label = QLabel("O&wner", self)
        owner_label.setBuddy(self.owner_combo)
        self.open_parent_button = QPushButton("Open &parent", self)
        self.open_parent_button.setToolTip("Open the question this follow-up arose from (Ctrl+Enter)")
        self.new_button = QPushButton("&New follow-up…", self)

        filters = QHBoxLayout()
        filters.setSpacing(8)
        filters.addWidget(status_label)
        filters.addWidget(self.status_combo)
        filters.addSpacing(12)
        filters.addWidget(owner_label)
        filters.addWidget(self.owner_combo, 1)
        filters.addStretch(1)
        # The count shares its line with the actions, so the filters alone set the page's width.
        actions = QHBoxLayout()
        actions.setSpacing(8)
        position = self.page_layout.indexOf(self.count_label)
        self.page_layout.removeWidget(self.count_label)
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.open_parent_button)
        actions.addWidget(self.new_button)
        self.page_layout.insertLayout(position, filters)
        self.page_layout.insertLayout(position + 1, actions)

        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.owner_combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_follow_up)
        self.open_parent_button.clicked.connect(self.open_parent)
        self.table.record_activated.connect(self.edit_follow_up)
        DeleteKey(self.table, self.delete_follow_up)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.table)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.open_parent)
            shortcut.setWhatsThis("Follow-ups > Open the record the follow-up arose from")  # Help > Keyboard shortcuts
        self._update_buttons()

    # --- reading ------------------------------------------------------------------------------

    def show_status(self, status: str) -> None:
        """List the follow-ups with `status` (a FollowUpFilter status such as "overdue"), any owner."""
        self.owner_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))

    def filter(self) -> FollowUpFilter:
        return FollowUpFilter(status=self.status_combo.currentData(), owner_body_id=self.owner_combo.currentData())

    def rows(self, session) -> list[dict]:
        self._fill_owners(follow_ups.owners(session))
        rows = follow_ups.list_follow_ups(session, self.filter())
        self._rows_by_id = {row["id"]: row for row in rows}
        return rows

    def load(self) -> None:
        super().load()
        filtered = self.filter() != FollowUpFilter()
        self.empty_label.setText(self.NO_MATCH_TEXT if filtered else self.EMPTY_TEXT)
        self._update_buttons()

    def _fill_owners(self, owners: list[dict]) -> None:
        chosen = self.owner_combo.currentData()
        with QSignalBlocker(self.owner_combo):
            self.owner_combo.clear()
            self.owner_combo.addItem("Any owner", None)
            for owner in owners:
                self.owner_combo.addItem(owner["name"], owner["id"])
            self.owner_combo.setCurrentIndex(max(self.owner_combo.findData(chosen), 0))

    # --- acting -------------------------------------------------------------------------------

    def selected_follow_up(self) -> dict | None:
        record_id = self.table.current_record_id()
        return self._rows_by_id.get(record_id) if record_id is not None else None

    def _update_buttons(self) -> None:
        row = self.selected_follow_up()
        self.open_parent_button.setEnabled(bool(row and row["parent_kind"] == kinds.QUESTION.key))

    def open_parent(self) -> None:
        row = self.selected_follow_up()
        if row and row["parent_kind"] == kinds.QUESTION.key:
            self.question_requested.emit(row["parent_id"])

    def new_follow_up(self) -> FollowUpDialog:
        return self._open_dialog(FollowUpDialog(self.database, self.records_changed, parent=self))

    def open_record(self, kind: str, record_id: int) -> None:
        self.edit_follow_up(record_id)

    def edit_follow_up(self, follow_up_id: int) -> FollowUpDialog:
        return self._open_dialog(FollowUpDialog(self.database, self.records_changed, follow_up_id, parent=self))

    def delete_follow_up(self, follow_up_id: int) -> bool:
        """Delete the follow-up after asking (the page refreshes by the records-changed signal)."""
        return ask_to_delete(self, self.database, self.records_changed, FOLLOW_UPS, follow_up_id) is not None

    def _open_dialog(self, dialog: FollowUpDialog) -> FollowUpDialog:
        """Window-modal and non-blocking: the dialog reports back by the records-changed signal."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
