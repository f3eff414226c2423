"""Adding or changing a person: a member, minister, official or expert, and the body they belong to."""

from __future__ import annotations

from ...app import record_forms
from .record_dialog import RecordDialog


class PersonDialog(RecordDialog):
    FORM = record_forms.PERSON
    SIZE = (560, 520)
