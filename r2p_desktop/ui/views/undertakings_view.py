"""Undertakings: what the government promised the committee in answers and debates, by when, and whether
it kept its word; the overdue ones in red.

Filtered by status (overdue and due within two weeks among them), by the ministry bound and by words;
each opens in its dialog (Enter or a double-click). Extend… records the government's request for more
time, Open a follow-up… chases it, and the Delete key deletes the selected one after asking. The
committee's default, how many months after it was given an undertaking is due, is set here too."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QWidget

from ...app import policy
from ...app import undertakings as undertaking_use_cases
from ...core import kinds
from ...core.database import Database
from ...core.errors import R2PError
from ...core.formatting import human_label
from ...core.models import UndertakingStatus
from ...core.policy import MONTHS_RANGE
from ...core.services import undertakings
from ...core.services.undertakings import UndertakingFilter
from ..dialogs.delete_prompt import ask_to_delete, tell
from ..dialogs.follow_up_dialog import FollowUpDialog
from ..dialogs.history_dialog import HistoryDialog
from ..dialogs.undertaking_dialog import UndertakingDialog
from ..dialogs.undertaking_extension_dialog import UndertakingExtensionDialog
from ..models.record_list_model import DATE, LABEL, NUMBER, ListColumn
from ..records_changed import BODIES, FOLLOW_UPS, PEOPLE, RecordsChanged
from ..widgets.delete_key import DeleteKey
from ..widgets.flow_row import FlowRow, labelled
from .record_list_view import RecordListView

UNDERTAKINGS = kinds.UNDERTAKING.key

# The status filter's choices: (shown, UndertakingFilter.status).
STATUS_CHOICES = (
    ("Any status", None),
    ("Pending", UndertakingStatus.PENDING.value),
    ("Overdue", undertakings.OVERDUE),
    ("Due within two weeks", undertakings.DUE_SOON),
    *((human_label(status.value), status.value) for status in UndertakingStatus if status != UndertakingStatus.PENDING),
)


class UndertakingsView(RecordListView):
    TITLE = "Undertakings"
    DESCRIPTION = ("What the government promised in answers and debates, when it is due, the extensions it "
                   "asked for and whether it was kept; overdue undertakings in red with a warning sign.")
    KINDS = frozenset({UNDERTAKINGS, FOLLOW_UPS, PEOPLE, BODIES, kinds.QUESTION.key, kinds.DEBATE.key,
                       kinds.AGENDA_ITEM.key})
    OPENS = frozenset({UNDERTAKINGS})
    NOUN = ("undertaking", "undertakings")
    EMPTY_TEXT = ("No undertakings recorded yet. Add one here, from a question's answer, or from a debate's "
                  "outcome.")
    NO_MATCH_TEXT = "No undertakings match these filters."
    STRETCH = 0
    COLUMNS = (
        ListColumn("text", "What was promised"),
        ListColumn("given_by_label", "Given by", width=210),
        ListColumn("where", "Where", width=190),
        ListColumn("given_on", "Given", DATE, width=95),
        ListColumn("due_on", "Due", DATE, width=95, warn_key="overdue"),
        ListColumn("extensions", "Extensions", NUMBER, width=80),
        ListColumn("standing", "Status", LABEL, width=140, warn_key="overdue"),
    )

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.dialog: UndertakingDialog | FollowUpDialog | UndertakingExtensionDialog | HistoryDialog | None = None
        self._rows_by_id: dict[int, dict] = {}
        self.status_combo = QComboBox(self)
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(text, value)
        self.status_combo.setToolTip("Overdue: still pending and past the date now due")
        self.body_combo = QComboBox(self)
        self.body_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.body_combo.setMinimumContentsLength(14)  # its preferred width; less in a narrow window
        self.body_combo.addItem("Any ministry or body", None)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Words of the undertaking or its outcome")
        self.text_filter.setClearButtonEnabled(True)
        self.months_spin = QSpinBox(self)
        self.months_spin.setRange(*MONTHS_RANGE)
        self.months_spin.setSuffix(" months")
        self.months_spin.setKeyboardTracking(False)  # one change when the clerk has finished typing
        self.months_spin.setToolTip("The committee's default: a new undertaking is due this many months after it "
                                    "was given, unless a date is set")

        self.new_button = QPushButton("&New undertaking…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setToolTip("Change the selected undertaking (Enter); the Delete key deletes it")
        self.extend_button = QPushButton("E&xtend…", self)
        self.extend_button.setToolTip("The government asked for more time: a new due date and its reason")
        self.follow_up_button = QPushButton("Open a &follow-up…", self)
        self.follow_up_button.setToolTip("A follow-up to chase the selected undertaking")
        self.delete_button = QPushButton("De&lete…", self)
        self.history_button = QPushButton("Histor&y…", self)

        # Rows that wrap in a narrow window: the view fits 760 pixels, and a wide one keeps a line each.
        filters = FlowRow(spacing=16)
        for text, widget, grows in (("&Status", self.status_combo, False), ("&Ministry or body", self.body_combo, True),
                                    ("F&ind", self.text_filter, True), ("Due by &default", self.months_spin, False)):
            filters.addWidget(labelled(text, widget, self, grows=grows))
        buttons = FlowRow(align_right=True)
        for button in (self.new_button, self.edit_button, self.extend_button, self.follow_up_button,
                       self.delete_button, self.history_button):
            buttons.addWidget(button)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        position = self.page_layout.indexOf(self.count_label)
        self.page_layout.removeWidget(self.count_label)
        self.count_label.setMinimumHeight(self.new_button.sizeHint().height())  # level with the first buttons
        actions.addWidget(self.count_label, 0, Qt.AlignmentFlag.AlignTop)
        actions.addLayout(buttons, 1)
        self.page_layout.insertLayout(position, filters)
        self.page_layout.insertLayout(position + 1, actions)

        self._typing = QTimer(self)  # the list follows the typed words once the typing pauses
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        self.text_filter.textChanged.connect(self._typing.start)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.body_combo.currentIndexChanged.connect(self.refresh)
        self.months_spin.valueChanged.connect(self.set_due_months)
        self.new_button.clicked.connect(self.new_undertaking)
        self.edit_button.clicked.connect(lambda: self.edit_undertaking(self.table.current_record_id()))
        self.extend_button.clicked.connect(lambda: self.extend_undertaking(self.table.current_record_id()))
        self.follow_up_button.clicked.connect(lambda: self.open_follow_up(self.table.current_record_id()))
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.history_button.clicked.connect(lambda: self.show_history(self.table.current_record_id()))
        self.table.record_activated.connect(self.edit_undertaking)
        DeleteKey(self.table, self.delete_undertaking)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- reading ------------------------------------------------------------------------------

    def show_status(self, status: str) -> None:
        """List the undertakings with `status` (an UndertakingFilter status: "overdue", "due_soon", a
        stored status), any body and words: what a dashboard figure opens."""
        with QSignalBlocker(self.body_combo), QSignalBlocker(self.text_filter):
            self.body_combo.setCurrentIndex(0)
            self.text_filter.clear()
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(status)))
        self.refresh()

    def filter(self) -> UndertakingFilter:
        return UndertakingFilter(status=self.status_combo.currentData(), body_id=self.body_combo.currentData(),
                                 text=self.text_filter.text().strip())

    def rows(self, session) -> list[dict]:
        self._fill_bodies(undertakings.bodies(session))
        rows = undertakings.list_undertakings(session, self.filter())
        self._rows_by_id = {row["id"]: row for row in rows}
        return rows

    def load(self) -> None:
        self._typing.stop()
        super().load()
        with QSignalBlocker(self.months_spin):
            self.months_spin.setValue(policy.undertaking_due_months(self.database))
        filtered = self.filter() != UndertakingFilter()
        self.empty_label.setText(self.NO_MATCH_TEXT if filtered else self.EMPTY_TEXT)
        self._update_buttons()

    def _fill_bodies(self, bodies: list[dict]) -> None:
        chosen = self.body_combo.currentData()
        with QSignalBlocker(self.body_combo):
            self.body_combo.clear()
            self.body_combo.addItem("Any ministry or body", None)
            for body in bodies:
                self.body_combo.addItem(body["name"], body["id"])
            self.body_combo.setCurrentIndex(max(self.body_combo.findData(chosen), 0))

    # --- acting -------------------------------------------------------------------------------

    def _update_buttons(self, *_args) -> None:
        row = self._rows_by_id.get(self.table.current_record_id() or -1)
        for button in (self.edit_button, self.follow_up_button, self.delete_button, self.history_button):
            button.setEnabled(row is not None)
        self.extend_button.setEnabled(row is not None and row["status"] == UndertakingStatus.PENDING)

    def set_due_months(self, months: int) -> None:
        """Make the committee's default `months` (audited); a refusal is told and the stored value shown."""
        try:
            policy.set_undertaking_due_months(self.database, months)
        except R2PError as error:
            tell(self, "Default not changed", "The default due date was not changed.", str(error))
            with QSignalBlocker(self.months_spin):
                self.months_spin.setValue(policy.undertaking_due_months(self.database))

    def new_undertaking(self) -> UndertakingDialog:
        return self._open(UndertakingDialog(self.database, self.records_changed, parent=self))

    def open_record(self, kind: str, record_id: int) -> None:
        self.table.select_record(record_id)
        self.edit_undertaking(record_id)

    def edit_undertaking(self, undertaking_id: int | None) -> UndertakingDialog | None:
        if undertaking_id is None:
            return None
        return self._open(UndertakingDialog(self.database, self.records_changed, undertaking_id, parent=self))

    def extend_undertaking(self, undertaking_id: int | None) -> UndertakingExtensionDialog | None:
        row = self._rows_by_id.get(undertaking_id) if undertaking_id is not None else None
        if row is None:
            return None
        return self._open(UndertakingExtensionDialog(self.database, self.records_changed, row["id"], row["due_on"],
                                                     parent=self))

    def open_follow_up(self, undertaking_id: int | None) -> FollowUpDialog | None:
        """A new follow-up arising from the undertaking, to chase it: owned by the body bound, due with it."""
        if undertaking_id is None:
            return None
        dialog = FollowUpDialog(self.database, self.records_changed, preset={"undertaking_id": undertaking_id},
                                parent=self)
        dialog.binder.show(undertaking_use_cases.follow_up_start(self.database, undertaking_id))
        return self._open(dialog)

    def show_history(self, undertaking_id: int | None) -> HistoryDialog | None:
        row = self._rows_by_id.get(undertaking_id) if undertaking_id is not None else None
        if row is None:
            return None
        title = undertakings.short_text(row["text"], 50)
        return self._open(HistoryDialog(self.database, kinds.UNDERTAKING.model, row["id"], title, self))

    def delete_selected(self) -> bool:
        undertaking_id = self.table.current_record_id()
        return undertaking_id is not None and self.delete_undertaking(undertaking_id)

    def delete_undertaking(self, undertaking_id: int) -> bool:
        """Delete the undertaking after asking (the page refreshes by the records-changed signal)."""
        return ask_to_delete(self, self.database, self.records_changed, UNDERTAKINGS, undertaking_id) is not None

    def _open(self, dialog):
        """Window-modal and non-blocking: the dialog reports back by the records-changed signal."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
