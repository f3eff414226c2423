"""The committee's self-assessment of one commitment: what the source asks, how far the country has
got, on what evidence, and the questions and budget items that bear on it.

The assessment is kept under the commitment's catalogue code, not a record id: it is read with the
commitment and saved (added the first time) through `app.catalogue_records`."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLayout, QVBoxLayout, QWidget

from ...app import catalogue_records, record_forms
from ...app.changes import Changes
from ...app.records import Loaded, read
from ...core.database import Database
from ...core.formatting import human_label
from ...core.services import history
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import RecordsChanged
from ..widgets.record_list_table import RecordListTable
from .record_dialog import RecordDialog

EVIDENCE_COLUMNS = (
    ListColumn("kind", "Record", LABEL, width=90),
    ListColumn("reference", "Reference", width=130),
    ListColumn("title", "Title"),
    ListColumn("status", "Status", LABEL, width=120),
    ListColumn("date", "Date", DATE, width=90),
)


class CommitmentAssessmentDialog(RecordDialog):
    FORM = record_forms.COMMITMENT_ASSESSMENT
    SIZE = (780, 700)
    COUNT_FIELDS = False

    def __init__(self, database: Database, records_changed: RecordsChanged, code: str,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, start=catalogue_records.commitment_assessment(database, code),
                         parent=parent)
        self.code = code
        self.setWindowTitle(f"Assess commitment {code}")

    # --- layout -------------------------------------------------------------------------------

    def layout_fields(self) -> QLayout:
        about = QGroupBox("What the source asks")
        about_form = QFormLayout(about)
        about_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        about_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.code_label = self._text()
        self.title_label = self._text(rich=True)
        self.summary_text = self._text()
        self.source_label = self._text()
        self.reference_label = self._text()
        self.asked_of_label = self._text()
        for label_text, widget in (
            ("Code", self.code_label),
            ("Commitment", self.title_label),
            ("Summary", self.summary_text),
            ("Source", self.source_label),
            ("Where in the source", self.reference_label),
            ("Asked of", self.asked_of_label),
        ):
            about_form.addRow(label_text, widget)

        self.widgets["evidence"].setMaximumHeight(110)  # the linked records below need the room more
        assessment = QGroupBox("Our assessment")
        assessment.setLayout(self.binder.rows())

        self.records_box = QGroupBox()
        records_layout = QVBoxLayout(self.records_box)
        self.evidence_table = RecordListTable(EVIDENCE_COLUMNS, stretch=2)
        self.evidence_table.setAccessibleName("Questions and budget items linked to this commitment")
        self.no_evidence_label = QLabel("No question or budget item is linked to this commitment yet.")
        records_layout.addWidget(self.evidence_table)
        records_layout.addWidget(self.no_evidence_label)

        layout = QVBoxLayout()
        layout.addWidget(about)
        layout.addWidget(assessment)
        layout.addWidget(self.records_box, 1)
        return layout

    def loaded(self, loaded: Loaded) -> None:
        commitment: dict[str, Any] = loaded.stored
        self.code_label.setText(commitment["code"])
        self.title_label.setText(f"<b>{escape(commitment['title'])}</b>")
        self.summary_text.setText(commitment["summary"] or "No summary in the catalogue.")
        self.source_label.setText(f"{commitment['source_title']} ({commitment['source']})")
        self.reference_label.setText(commitment["reference"])
        self.asked_of_label.setText(f"{human_label(commitment['actor'])} · Pillar {commitment['pillar']}: "
                                    f"{commitment['pillar_title']}")
        linked = commitment["linked"]
        self.records_box.setTitle(f"Records that evidence it ({len(linked)})")
        self.evidence_table.set_rows(linked)
        self.evidence_table.setVisible(bool(linked))
        self.no_evidence_label.setVisible(not linked)

    @staticmethod
    def _text(*, rich: bool = False) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- saving -------------------------------------------------------------------------------

    def save_changes(self) -> Changes:
        return catalogue_records.save_commitment_assessment(self._database, self.code, self.binder.shown())

    def history_record_id(self) -> int | None:
        return read(self._database, lambda session: history.assessment_id(session, self.code))
