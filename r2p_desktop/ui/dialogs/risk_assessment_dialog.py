"""A new year's atrocity risk assessment: the RISK_ASSESSMENT form (year, title, assessed on,
confidentiality, summary) and whether to start from the previous assessment's levels, saved by
`app.risk_assessments.create`, which adds a finding for each of the 14 risk factors with it."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLayout, QVBoxLayout, QWidget

from ...app import record_forms, risk_assessments
from ...app import records as record_use_cases
from ...app.changes import Changes
from ...core.database import Database
from ..records_changed import RecordsChanged
from .record_dialog import RecordDialog


class NewRiskAssessmentDialog(RecordDialog):
    FORM = record_forms.RISK_ASSESSMENT

    def __init__(self, database: Database, records_changed: RecordsChanged, *, year: int,
                 earlier_years: list[int], parent: QWidget | None = None):
        """A new assessment for `year` (changeable); `earlier_years` are those already assessed."""
        self._earlier_years = earlier_years
        start = record_use_cases.new(database, record_forms.RISK_ASSESSMENT,
                                     {"year": year, "title": f"Atrocity risk assessment {year}"})
        super().__init__(database, records_changed, start=start, parent=parent)
        self.setWindowTitle("New risk assessment")

    def layout_fields(self) -> QLayout:
        layout = QVBoxLayout()
        layout.addLayout(super().layout_fields())
        self.copy_previous = QCheckBox("Start from the &previous assessment's levels", self)
        self.copy_previous.setToolTip("Each factor starts at the level the latest earlier assessment gave it; "
                                      "change only what moved")
        self.copy_previous.setChecked(bool(self._earlier_years))
        self.copy_previous.setEnabled(bool(self._earlier_years))
        layout.addWidget(self.copy_previous)
        return layout

    def save_changes(self) -> Changes:
        return risk_assessments.create(self._database, self.binder.shown(),
                                       copy_previous=self.copy_previous.isChecked())
