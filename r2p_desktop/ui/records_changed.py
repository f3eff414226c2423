"""The one app-wide notice that records changed; every view listens and refreshes itself.

It is created once at start-up and handed to each view and dialog that needs it: no global.
A notice names the kinds of record touched by their key in the kind registry (`core.kinds`)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..app.changes import Changes
from ..core import kinds

# The kinds views refresh on, named as the views know them.
QUESTIONS = kinds.QUESTION.key
BUDGET_ITEMS = kinds.BUDGET_ITEM.key
DEBATES = kinds.DEBATE.key
AGENDA_ITEMS = kinds.AGENDA_ITEM.key
FOLLOW_UPS = kinds.FOLLOW_UP.key
PEOPLE = kinds.PERSON.key
BODIES = kinds.BODY.key
COMMITMENTS = kinds.COMMITMENT_ASSESSMENT.key
INSTRUMENTS = kinds.TREATY_STATUS.key
ALL_KINDS = frozenset(kind.key for kind in kinds.KINDS)


class RecordsChanged(QObject):
    """Carries the set of record kinds that a saved change touched."""

    changed = Signal(object)  # frozenset[str]

    def notify(self, *touched: str) -> None:
        """Announce a change to the kinds `touched` (registry keys); with none, to everything."""
        unknown = set(touched) - ALL_KINDS
        if unknown:  # a misspelt kind would refresh nothing, silently
            raise ValueError(f"not a kind of record: {', '.join(sorted(unknown))}")
        self.changed.emit(frozenset(touched) if touched else ALL_KINDS)

    def notify_changes(self, changes: Changes) -> None:
        """Announce what a use case changed (its kinds); nothing when it changed nothing."""
        if changes.kinds:
            self.notify(*changes.kinds)
