"""Adding or changing a body: a ministry, NHRI, ombudsperson, focal point office or committee."""

from __future__ import annotations

from ...app import record_forms
from .record_dialog import RecordDialog


class BodyDialog(RecordDialog):
    FORM = record_forms.BODY
    SIZE = (520, 340)
