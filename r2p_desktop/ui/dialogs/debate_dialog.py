"""Adding or changing a debate: the annual R2P debate or another sitting, when and where it is held, how
long the sitting runs, the motion before it and what came of it. Its agenda is edited on the Debates
page, not here."""

from __future__ import annotations

from ...app import record_forms
from .record_dialog import RecordDialog


class DebateDialog(RecordDialog):
    FORM = record_forms.DEBATE
    SIZE = (620, 600)
