"""Commitments: what the source documents ask of governments, parliaments and NHRIs, with the
committee's own assessment of progress on each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ...app.records import read
from ...core import catalogue
from ...core.database import Database
from ...core.formatting import human_label
from ...core.models import AssessmentStatus
from ...core.services import dashboard, listings
from ..dialogs.commitment_assessment_dialog import CommitmentAssessmentDialog
from ..models.record_list_model import LABEL, NUMBER, ListColumn
from ..records_changed import COMMITMENTS, RecordsChanged
from .record_list_view import RecordListView

# The scorecard reads from done to not applicable, the order a committee reports progress in.
SCORECARD_ORDER = (AssessmentStatus.ACHIEVED, AssessmentStatus.IN_PROGRESS, AssessmentStatus.NOT_STARTED,
                   AssessmentStatus.NOT_APPLICABLE)


class CommitmentsView(RecordListView):
    TITLE = "Commitments"
    DESCRIPTION = ("Actions that the UN Secretary-General's 2017 report and the guidance for parliaments "
                   "and national human rights institutions ask for, and how far each has got. Press Enter or "
                   "double-click a commitment to record our assessment and see the records behind it.")
    KINDS = frozenset({COMMITMENTS})
    OPENS = frozenset({COMMITMENTS})
    NOUN = ("commitment", "commitments")
    STRETCH = 1
    COLUMNS = (
        ListColumn("code", "Code", width=230),
        ListColumn("title", "Commitment"),
        ListColumn("source", "Source", width=100),
        ListColumn("reference", "Where in the source", width=200),
        ListColumn("actor", "Asked of", LABEL, width=110),
        ListColumn("pillar", "Pillar", NUMBER, width=60),
        ListColumn("assessment", "Our assessment", LABEL, width=130),
    )

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.assessment_dialog: CommitmentAssessmentDialog | None = None
        self._all_rows: list[dict] = []

        self.scorecard_label = QLabel(self)
        self.scorecard_label.setObjectName("scorecard")
        self.scorecard_label.setAccessibleName("Scorecard")
        self.source_combo = self._filter_combo("All sources")
        self.actor_combo = self._filter_combo("All actors")
        self.pillar_combo = self._filter_combo("All pillars")
        filters = QHBoxLayout()
        filters.setSpacing(6)
        for text, combo in (("So&urce", self.source_combo), ("Asked o&f", self.actor_combo),
                            ("Pi&llar", self.pillar_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            filters.addWidget(label)
            filters.addWidget(combo, 1)
            filters.addSpacing(4)
        filters.addStretch(1)
        # The scorecard and the filters sit above the count and the table.
        position = self.page_layout.indexOf(self.count_label)
        self.page_layout.insertWidget(position, self.scorecard_label)
        self.page_layout.insertLayout(position + 1, filters)

        self.table.record_activated.connect(self._open_assessment)

    def _filter_combo(self, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.addItem(everything, None)
        # Pillar titles are long: the combo stays narrow so the window can, and its list shows them whole.
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(6)
        combo.currentIndexChanged.connect(self._show_filtered)
        return combo

    def load(self) -> None:
        self._all_rows, card, pillars = read(self.database, lambda session: (
            listings.commitments_with_assessment(session), dashboard.scorecard(session),
            catalogue.list_pillars(session)))
        self.scorecard_label.setText(" · ".join(f"{human_label(status.value)} {card.get(status.value, 0):,}"
                                                for status in SCORECARD_ORDER))
        sources = sorted({row["source"] for row in self._all_rows})
        actors = sorted({row["actor"] for row in self._all_rows})
        self._fill(self.source_combo, [(source, source) for source in sources])
        self._fill(self.actor_combo, [(human_label(actor), actor) for actor in actors])
        self._fill(self.pillar_combo, [(f"{p['number']}: {p['title']}", p["number"]) for p in pillars])
        self._show_filtered()

    @staticmethod
    def _fill(combo: QComboBox, choices: list[tuple[str, object]]) -> None:
        """Put `choices` after the 'all' entry, keeping what the clerk had picked."""
        chosen = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for text, value in choices:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen is not None else 0)
        combo.blockSignals(False)

    def filtered_rows(self) -> list[dict]:
        wanted = {"source": self.source_combo.currentData(), "actor": self.actor_combo.currentData(),
                  "pillar": self.pillar_combo.currentData()}
        wanted = {key: value for key, value in wanted.items() if value is not None}
        return [row for row in self._all_rows if all(row[key] == value for key, value in wanted.items())]

    def _show_filtered(self) -> None:
        rows = self.filtered_rows()
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty_label.setText(self.EMPTY_TEXT if not self._all_rows else "No commitment matches these filters.")
        self.empty_label.setVisible(not rows)
        shown, total = len(rows), len(self._all_rows)
        singular, plural = self.NOUN
        noun = singular if total == 1 else plural
        self.count_label.setText(f"{total:,} {noun}" if shown == total else f"{shown:,} of {total:,} {noun}")

    def _open_assessment(self, commitment_id: int) -> None:
        code = next((row["code"] for row in self._all_rows if row["id"] == commitment_id), None)
        if code is None:
            return
        dialog = CommitmentAssessmentDialog(self.database, self.records_changed, code, parent=self)
        self.assessment_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, not blocking: the view refreshes from the records-changed signal
