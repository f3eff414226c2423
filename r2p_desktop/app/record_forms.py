"""The form of each kind of record a clerk edits in a dialog of its own, declared once: its fields in
order, their labels and what they take. The dialogs are built from these (`ui/dialogs/record_dialog.py`)."""

from __future__ import annotations

from ..core import kinds
from ..core.models import BodyKind, DebateStatus, PersonKind
from .forms import Entry, Field, Form, confidentiality_field

BODY = Form(kinds.BODY.key, (
    Field("name", "&Name", max_length=200, placeholder="e.g. Ministry of Foreign Affairs"),
    Field("kind", "&Kind", Entry.CHOICE, BodyKind),
    Field("abbreviation", "&Abbreviation", max_length=40, placeholder="e.g. MFA"),
    confidentiality_field(),
    Field("notes", "N&otes", Entry.TEXT,
          placeholder="Mandate, contact points, anything the committee should remember"),
))

PERSON = Form(kinds.PERSON.key, (
    Field("full_name", "Full &name", max_length=200),
    Field("kind", "&Kind", Entry.CHOICE, PersonKind),
    Field("party", "&Party", max_length=120),
    Field("constituency", "Cons&tituency", max_length=120),
    Field("role", "&Role", max_length=200, placeholder="e.g. Minister of Justice, chair of the committee"),
    Field("body_id", "&Body", Entry.BODY, tooltip="The ministry or institution this person belongs to, if any"),
    Field("active_from", "Active &from", Entry.DATE),
    Field("active_until", "Active &until", Entry.DATE),
    confidentiality_field(),
    Field("notes", "N&otes", Entry.TEXT),
))

DEBATE = Form(kinds.DEBATE.key, (
    Field("title", "&Title", max_length=300, placeholder="e.g. Annual debate on the Responsibility to Protect"),
    Field("chamber", "Cham&ber", max_length=120, placeholder="e.g. National Assembly, Foreign Affairs Committee"),
    Field("date", "&Date", Entry.DATE),
    Field("status", "&Status", Entry.CHOICE, DebateStatus, narrow=True),
    Field("sitting_minutes", "Sitting &length", Entry.NUMBER, maximum=24 * 60, suffix=" min", narrow=True,
          unset_text="Not set", tooltip="The agenda's allotted minutes are counted against this"),
    Field("motion", "&Motion", Entry.TEXT, placeholder="The motion before the house, if any"),
    Field("outcome", "&Outcome", Entry.TEXT, placeholder="What the debate resolved or the government undertook"),
    confidentiality_field(),
    Field("tags", "T&ags", Entry.TAGS, placeholder="Separate tags with ;"),
    Field("notes", "Not&es", Entry.TEXT),
))
