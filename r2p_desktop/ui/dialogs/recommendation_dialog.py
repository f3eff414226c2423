"""A recommendation of a UN human rights mechanism: its form, and the questions the committee put to the
government about it and the documents that bear on it (the government's reply, the UPR report), found
by typing part of a reference or title and saved with the form."""

from __future__ import annotations

from ...app import record_forms
from ...core import kinds
from .record_dialog import RecordDialog


class RecommendationDialog(RecordDialog):
    FORM = record_forms.RECOMMENDATION
    LINKS = (kinds.QUESTION.key, kinds.DOCUMENT.key)
    LINKS_TITLE = "Questions and documents"
