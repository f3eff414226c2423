"""Recommendations: what the UN human rights mechanisms (the Universal Periodic Review, treaty bodies,
special procedures) recommended to the State, the government's response and how far each has been
carried out.

Filtered by mechanism, response, implementation status, session, State and words of the text; the
scorecard counts what is listed by response and by implementation. Each opens in its dialog (Enter or
a double-click); the Delete key deletes the selected one, after asking."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSignalBlocker, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from ...core import kinds
from ...core.database import Database
from ...core.formatting import human_label
from ...core.models import ImplementationStatus, RecommendationMechanism, RecommendationResponse
from ...core.services import recommendations
from ...core.services.recommendations import RecommendationFilter, Scorecard
from ..dialogs.delete_prompt import ask_to_delete
from ..dialogs.recommendation_dialog import RecommendationDialog
from ..dialogs.upr_import_dialog import UprImportDialog
from ..models.record_list_model import LABEL, NUMBER, ListColumn
from ..records_changed import RecordsChanged
from ..widgets.choice_combo import enum_combo
from ..widgets.delete_key import DeleteKey
from .record_list_view import RecordListView

RECOMMENDATIONS = kinds.RECOMMENDATION.key


def scorecard_text(card: Scorecard) -> str:
    """'12 recommendations: 7 accepted, 1 partially accepted, 3 noted, 1 pending. Implementation: …'."""
    if not card.total:
        return ""
    responses = ", ".join(f"{count} {human_label(value).lower()}" for value, count in card.by_response.items()
                          if count)
    done = ", ".join(f"{count} {human_label(value).lower()}" for value, count in card.by_implementation.items()
                     if count)
    share = f" ({card.accepted_share:.0%} accepted in whole or in part)" if card.accepted_share is not None else ""
    return f"Responses: {responses}{share}. Implementation: {done}."


class RecommendationsView(RecordListView):
    TITLE = "Recommendations"
    DESCRIPTION = ("What the UN human rights mechanisms recommended to the State, what the government "
                   "answered, and how far each has been carried out.")
    KINDS = frozenset({RECOMMENDATIONS})
    OPENS = frozenset({RECOMMENDATIONS})
    NOUN = ("recommendation", "recommendations")
    EMPTY_TEXT = ("No recommendations recorded yet. Add one, or import a UPR Info export (Import UPR Info "
                  "export…, or on the command line: r2p import recommendations FILE --state NAME).")
    NO_MATCH_TEXT = "No recommendations match these filters."
    STRETCH = 3
    COLUMNS = (
        ListColumn("cycle", "Session", width=70),
        ListColumn("recommended_by", "Recommended by", width=150),
        ListColumn("mechanism", "Mechanism", LABEL, width=120),
        ListColumn("text", "Recommendation"),
        ListColumn("response", "Response", LABEL, width=130),
        ListColumn("implementation", "Implementation", LABEL, width=130),
        ListColumn("action_category", "Action", NUMBER, width=60),
        ListColumn("themes", "Themes", width=150),
    )

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.dialog: RecommendationDialog | None = None  # the last one opened, for tests and focus
        self.import_dialog: UprImportDialog | None = None
        self.card = recommendations.scorecard([])  # what the list shows, counted
        self.mechanism_combo = enum_combo(RecommendationMechanism, none="Any mechanism")
        self.response_combo = enum_combo(RecommendationResponse, none="Any response")
        self.implementation_combo = enum_combo(ImplementationStatus, none="Any status")
        self.cycle_combo = QComboBox(self)
        self.cycle_combo.addItem("Any session", None)
        self.state_combo = QComboBox(self)
        self.state_combo.addItem("Any State", None)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Words of the text, a State, a theme")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(70)
        self.scorecard_label = QLabel(self)
        self.scorecard_label.setWordWrap(True)
        self.scorecard_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.new_button = QPushButton("&New recommendation…", self)
        self.import_button = QPushButton("Im&port UPR Info export…", self)
        self.import_button.setToolTip("Add the recommendations of a CSV file exported from the UPR Info database")
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setToolTip("Change the selected recommendation (Enter); the Delete key deletes it")

        filters = QGridLayout()
        filters.setHorizontalSpacing(8)
        for place, (text, widget) in enumerate((
                ("&Mechanism", self.mechanism_combo), ("&Response", self.response_combo),
                ("&Implementation", self.implementation_combo), ("&Session", self.cycle_combo),
                ("S&tate", self.state_combo), ("&Find", self.text_filter))):
            self._labelled(filters, place // 3, place % 3, text, widget)
        for column in range(3):
            filters.setColumnStretch(column * 2 + 1, 1)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        position = self.page_layout.indexOf(self.count_label)
        self.page_layout.removeWidget(self.count_label)
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.import_button)
        self.page_layout.insertLayout(position, filters)
        self.page_layout.insertWidget(position + 1, self.scorecard_label)
        self.page_layout.insertLayout(position + 2, actions)

        self._typing = QTimer(self)  # the list follows the typed words once the typing pauses
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        self.text_filter.textChanged.connect(self._typing.start)
        for combo in (self.mechanism_combo, self.response_combo, self.implementation_combo, self.cycle_combo,
                      self.state_combo):
            combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_recommendation)
        self.import_button.clicked.connect(lambda: self.import_export())
        self.edit_button.clicked.connect(lambda: self.edit_recommendation(self.table.current_record_id()))
        self.table.record_activated.connect(self.edit_recommendation)
        DeleteKey(self.table, self.delete_recommendation)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    def _labelled(self, grid: QGridLayout, row: int, column: int, text: str, widget: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        widget.setParent(self)
        if isinstance(widget, QComboBox):  # sized to a short entry, not the longest, so the window can stay narrow
            widget.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            widget.setMinimumContentsLength(3)
        grid.addWidget(label, row, column * 2)
        grid.addWidget(widget, row, column * 2 + 1)

    # --- reading ------------------------------------------------------------------------------

    def filter(self) -> RecommendationFilter:
        return RecommendationFilter(
            mechanism=self.mechanism_combo.currentData(), response=self.response_combo.currentData(),
            implementation=self.implementation_combo.currentData(), cycle=self.cycle_combo.currentData(),
            state=self.state_combo.currentData(), text=self.text_filter.text().strip())

    def rows(self, session) -> list[dict]:
        self._fill(self.cycle_combo, "Any session", [(f"Session {c}" if c.isdigit() else c, c)
                                                     for c in recommendations.cycles(session)])
        self._fill(self.state_combo, "Any State", [(state, state) for state in recommendations.states(session)])
        self.card = recommendations.scorecard(rows := recommendations.list_recommendations(session, self.filter()))
        return rows

    def load(self) -> None:
        self._typing.stop()
        super().load()
        self.scorecard_label.setText(scorecard_text(self.card))
        self.scorecard_label.setVisible(bool(self.scorecard_label.text()))
        filtered = self.filter() != RecommendationFilter()
        self.empty_label.setText(self.NO_MATCH_TEXT if filtered else self.EMPTY_TEXT)
        self._update_buttons()

    @staticmethod
    def _fill(combo: QComboBox, anything: str, entries: list[tuple[str, str]]) -> None:
        chosen = combo.currentData()
        with QSignalBlocker(combo):
            combo.clear()
            combo.addItem(anything, None)
            for text, value in entries:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))

    # --- acting -------------------------------------------------------------------------------

    def _update_buttons(self, *_args) -> None:
        self.edit_button.setEnabled(self.table.current_record_id() is not None)

    def new_recommendation(self) -> RecommendationDialog:
        return self._open_dialog(RecommendationDialog(self.database, self.records_changed, parent=self))

    def import_export(self, path: Path | None = None) -> UprImportDialog | None:
        """Ask for the export (unless given), then offer its States and import (the dialog reports)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self, "Import a UPR Info export", "",
                                                    "UPR Info export (*.csv *.txt);;All files (*)")
            if not chosen:
                return None
            path = Path(chosen)
        # The State the committee's recommendations are addressed to, when they are all to one.
        states = [state for i in range(self.state_combo.count()) if (state := self.state_combo.itemData(i))]
        dialog = UprImportDialog(self.database, self.records_changed, path,
                                 state=states[0] if len(states) == 1 else None, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def open_record(self, kind: str, record_id: int) -> None:
        self.edit_recommendation(record_id)

    def edit_recommendation(self, recommendation_id: int | None) -> RecommendationDialog | None:
        if recommendation_id is None:
            return None
        return self._open_dialog(RecommendationDialog(self.database, self.records_changed, recommendation_id,
                                                      parent=self))

    def delete_recommendation(self, recommendation_id: int) -> bool:
        """Delete the recommendation after asking (the page refreshes by the records-changed signal)."""
        return ask_to_delete(self, self.database, self.records_changed, RECOMMENDATIONS, recommendation_id) is not None

    def _open_dialog(self, dialog: RecommendationDialog) -> RecommendationDialog:
        """Window-modal and non-blocking: the dialog reports back by the records-changed signal."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
