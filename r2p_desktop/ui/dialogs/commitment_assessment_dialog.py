"""The committee's self-assessment of one commitment: what the source asks, how far the country has
got, on what evidence, and the records that bear on it: the questions and budget items that name it and
the agenda items that discuss it, more of them found by typing part of a reference or title.

The assessment is kept under the commitment's catalogue code, not a record id: it is read with the
commitment and saved (added the first time), with the records added or removed, through
`app.catalogue_records`."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLayout, QVBoxLayout, QWidget

from ...app import catalogue_records, linking, record_forms
from ...app.changes import Changes
from ...app.records import Loaded, read
from ...core.database import Database
from ...core.formatting import human_label
from ...core.services import history
from ..records_changed import RecordsChanged
from ..widgets.linked_records import LinkedRecords
from .record_dialog import RecordDialog


class CommitmentAssessmentDialog(RecordDialog):
    FORM = record_forms.COMMITMENT_ASSESSMENT
    SIZE = (800, 700)
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

        self.widgets["evidence"].setMaximumHeight(84)  # the linked records below need the room more
        assessment = QGroupBox("Our assessment")
        assessment.setLayout(self.binder.rows())

        self.records_box = QGroupBox()
        self.evidence = LinkedRecords(
            self._database, linking.EVIDENCE, picker_label="&Find a record:",
            empty_text="No question, budget item or agenda item is linked to this commitment yet. "
                       "Type part of a reference or title above to add one.",
            accessible_name="Records that evidence this commitment")
        self.evidence.changed.connect(self._count_evidence)
        self.evidence_table = self.evidence.table
        self.no_evidence_label = self.evidence.empty_label
        QVBoxLayout(self.records_box).addWidget(self.evidence)

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
        self.evidence.set_records(commitment["linked"])
        self._count_evidence()

    def _count_evidence(self) -> None:
        self.records_box.setTitle(f"Records that evidence it ({len(self.evidence.records())})")

    @staticmethod
    def _text(*, rich: bool = False) -> QLabel:
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    # --- saving -------------------------------------------------------------------------------

    def save_changes(self) -> Changes:
        return catalogue_records.save_commitment_assessment(self._database, self.code, self.binder.shown(),
                                                            link=self.evidence.added(),
                                                            unlink=self.evidence.removed())

    def history_record_id(self) -> int | None:
        return read(self._database, lambda session: history.assessment_id(session, self.code))
