"""Realistic, deterministic sample records for a fictional parliament (`r2p demo`, "Load sample data").

The Republic of Veloria and everything in it are invented; its names, questions, answers, budget and
debates are in resources/demo/*.toml, and this package turns them into records. The same seed and the
same `today` give the same records, uids included, in a fresh database; every date is relative to
`today`, so there are always questions and follow-ups overdue. Records go in with bulk inserts, each
with the audit entry an ORM insert would have written, so the audit trail stays complete.

It uses the core as any caller does; nothing in the core imports it.
"""

from .generator import generate_demo

__all__ = ["generate_demo"]
