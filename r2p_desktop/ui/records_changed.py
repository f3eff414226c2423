"""The one app-wide notice that records changed; every view listens and refreshes itself.

It is created once at start-up and handed to each view and dialog that needs it: no global."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

# The kinds of record a change can touch; views say which of them they show.
QUESTIONS = "questions"
BUDGET_ITEMS = "budget_items"
DEBATES = "debates"
FOLLOW_UPS = "follow_ups"
PEOPLE = "people"
BODIES = "bodies"
COMMITMENTS = "commitments"
INSTRUMENTS = "instruments"
ALL_KINDS = frozenset({QUESTIONS, BUDGET_ITEMS, DEBATES, FOLLOW_UPS, PEOPLE, BODIES, COMMITMENTS, INSTRUMENTS})


class RecordsChanged(QObject):
    """Carries the set of record kinds that a saved change touched."""

    changed = Signal(object)  # frozenset[str]

    def notify(self, *kinds: str) -> None:
        """Announce a change to `kinds`; with no kinds, to everything."""
        self.changed.emit(frozenset(kinds) if kinds else ALL_KINDS)
