"""The committee's self-assessment of one commitment: what the source asks, how far the country has
got, on what evidence, and the questions and budget items that bear on it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.formatting import human_label
from ...core.models import AssessmentStatus, CommitmentAssessment
from ...core.services import directory, evidence, history
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import COMMITMENTS, RecordsChanged
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.record_list_table import RecordListTable
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog

EVIDENCE_COLUMNS = (
    ListColumn("kind", "Record", LABEL, width=90),
    ListColumn("reference", "Reference", width=130),
    ListColumn("title", "Title"),
    ListColumn("status", "Status", LABEL, width=120),
    ListColumn("date", "Date", DATE, width=90),
)


class CommitmentAssessmentDialog(RecordDialog):
    HISTORY_MODEL = CommitmentAssessment

    def __init__(self, database: Database, records_changed: RecordsChanged, code: str,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.code = code
        with database.read_session() as session:
            commitment = evidence.commitment_detail(session, code)
            linked = evidence.evidence_for(session, code)
        self._build(commitment, linked)
        self.setWindowTitle(f"Assess commitment {code}")
        self.status_combo.setFocus()

    def history_record_id(self) -> int | None:
        with self._database.read_session() as session:
            return history.assessment_id(session, self.code)

    # --- layout -------------------------------------------------------------------------------

    def _build(self, commitment: dict, linked: list[dict]) -> None:
        about = QGroupBox("What the source asks")
        about_form = QFormLayout(about)
        about_form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        about_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.code_label = self._text(commitment["code"])
        self.title_label = self._text(f"<b>{escape(commitment['title'])}</b>", rich=True)
        self.summary_text = self._text(commitment["summary"] or "No summary in the catalogue.")
        source = f"{commitment['source_title']} ({commitment['source']})"
        self.source_label = self._text(source)
        self.reference_label = self._text(commitment["reference"])
        asked_of = f"{human_label(commitment['actor'])} · Pillar {commitment['pillar']}: {commitment['pillar_title']}"
        for label_text, widget in (
            ("Code", self.code_label),
            ("Commitment", self.title_label),
            ("Summary", self.summary_text),
            ("Source", self.source_label),
            ("Where in the source", self.reference_label),
            ("Asked of", self._text(asked_of)),
        ):
            about_form.addRow(label_text, widget)

        self.status_combo = enum_combo(AssessmentStatus)
        select_data(self.status_combo, commitment["status"])
        self.assessed_on_edit = DateField()
        self.assessed_on_edit.set_date(commitment["assessed_on"])
        self.evidence_edit = text_box(commitment["evidence"],
                                      "What shows the progress: a law, an appointment, a budget line…")
        self.evidence_edit.setMaximumHeight(110)  # the linked records below need the room more
        assessment = QGroupBox("Our assessment")
        assessment.setLayout(self.form_rows((
            ("status", "&Status", self.status_combo),
            ("assessed_on", "Assessed &on", self.assessed_on_edit),
            ("evidence", "&Evidence", self.evidence_edit),
        )))

        records_box = QGroupBox(f"Records that evidence it ({len(linked)})")
        records_layout = QVBoxLayout(records_box)
        self.evidence_table = RecordListTable(EVIDENCE_COLUMNS, stretch=2)
        self.evidence_table.setAccessibleName("Questions and budget items linked to this commitment")
        self.evidence_table.set_rows(linked)
        self.no_evidence_label = QLabel("No question or budget item is linked to this commitment yet.")
        records_layout.addWidget(self.evidence_table)
        records_layout.addWidget(self.no_evidence_label)
        self.evidence_table.setVisible(bool(linked))
        self.no_evidence_label.setVisible(not linked)

        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addWidget(assessment)
        layout.addWidget(records_box, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(780, 700)

    @staticmethod
    def _text(text: str, *, rich: bool = False) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- saving -------------------------------------------------------------------------------

    def values(self) -> dict:
        return {
            "status": self.status_combo.currentData(),
            "evidence": self.evidence_edit.toPlainText().strip(),
            "assessed_on": self.assessed_on_edit.date_text(),
        }

    def save(self, session) -> tuple[str, ...]:
        directory.assess_commitment(session, self.code, **self.values())
        return (COMMITMENTS,)
