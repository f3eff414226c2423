"""Adding, changing and deleting a question to the government, as the question form does it: the form's
shown values (`record_forms.QUESTION`) in and out, names resolved to people and bodies, and a draft's
edits put back onto the question as it is now."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Final

from ..core import drafts, kinds
from ..core.database import Database
from ..core.models import Body, Person, Question
from ..core.services import directory, records
from ..core.values import Values
from .changes import Changes, Record
from .errors import as_r2p_errors
from .forms import same_as_saved
from .record_forms import QUESTION
from .records import Loaded


class _Unchanged(Enum):
    UNCHANGED = "unchanged"


UNCHANGED: Final = _Unchanged.UNCHANGED  # a name not given: the question keeps whom it names

# The names a question holds, as given to save_question and kept in a form's shown values, and whom they name.
_NAMED = (("asked_by", Person), ("addressed_to", Body), ("answered_by", Person))


def save_question(database: Database, question_id: int | None, values: Mapping[str, object], *,
                  shown: Mapping[str, object] | None = None, expected_version: int | None = None,
                  asked_by_name: str | _Unchanged | None = UNCHANGED,
                  addressed_to_name: str | _Unchanged | None = UNCHANGED,
                  answered_by_name: str | _Unchanged | None = UNCHANGED) -> Changes:
    """Write `values` (plain field values, as records.update takes them) to question `question_id`, or
    add them as a new question (None); return what changed, the new question among `created`.

    With `shown`, the values as the form showed them (names under "asked_by", "addressed_to",
    "answered_by"), only the fields that differ are written, so a colleague's save of other fields
    stays. A name is found, or added to People or Bodies once (directory.resolve_name); None or ""
    names nobody. A new question not given a confidentiality gets the committee's default.

    Everything is one transaction: when anything is refused nothing is kept, not even a new name.
    Raises ValidationError naming each wrong field, ConflictError when someone saved the question
    since `expected_version` (the version shown), or another R2PError (busy, read-only, a full disk)."""
    given = {"asked_by": asked_by_name, "addressed_to": addressed_to_name, "answered_by": answered_by_name}
    names = {name: text for name, text in given.items() if not isinstance(text, _Unchanged)}
    values = dict(values)
    if shown is not None and question_id is not None:
        values = {name: value for name, value in values.items() if not same_as_saved(shown.get(name), value)}
        names = {name: text for name, text in names.items() if not same_as_saved(shown.get(name), text)}
    created: set[Record] = set()
    with as_r2p_errors(), database.session() as session:
        for name, model in _NAMED:
            if name in names:
                named = directory.resolve_name(session, model, names[name], field=f"{name}_id")
                values[f"{name}_id"] = named.id
                if named.created and named.id is not None:
                    created.add(Record(kinds.BY_MODEL[model].key, named.id))
        updated: set[Record] = set()
        if question_id is None:
            created.add(Record(kinds.QUESTION.key, records.create(session, Question, values)))
        else:
            records.update(session, Question, question_id, values, expected_version=expected_version)
            updated.add(Record(kinds.QUESTION.key, question_id))
        session.commit()
    return Changes(created=created, updated=updated)


def save_shown(database: Database, question_id: int | None, shown: Mapping[str, object], *,
               before: Mapping[str, object] | None = None, expected_version: int | None = None) -> Changes:
    """Write what the question form shows (`record_forms.QUESTION`'s shown values, the asker, the body
    addressed and who answered by name) as save_question does. With `before`, what the form showed when it was filled,
    only what the clerk changed is written."""
    values, names = _typed(shown)
    earlier = None
    if before is not None:  # in save_question's terms, the names under "asked_by" and "addressed_to"
        before_values, before_names = _typed(before)
        earlier = {**before_values, **before_names}
    return save_question(database, question_id, values, shown=earlier, expected_version=expected_version,
                         asked_by_name=names.get("asked_by", UNCHANGED),
                         addressed_to_name=names.get("addressed_to", UNCHANGED),
                         answered_by_name=names.get("answered_by", UNCHANGED))


def _typed(shown: Mapping[str, object]) -> tuple[Values, dict[str, str]]:
    """The question form's shown values as save_question takes them: the plain values, and the names
    typed, by "asked_by", "addressed_to" and "answered_by"."""
    values, _ = QUESTION.typed(shown)  # only an amount can fail to be read, and a question has none
    names = {name: str(values.pop(f"{name}_id")) for name, _ in _NAMED if f"{name}_id" in values}
    return values, names


def with_draft(saved: Loaded, draft: drafts.Draft) -> Loaded:
    """The question as the form shows it now (`saved`) with a draft's edits on it, not yet saved.

    The edits are what the draft changed from its base (the question as it was when the clerk started).
    If a colleague has saved one of the edited fields since, the draft's version is kept, so saving
    shows both versions instead of overwriting theirs; otherwise the edits go onto the question as it is
    now and saving keeps the colleague's save of other fields."""
    base = draft.base or {}
    edits = QUESTION.changed(base, draft.fields)
    changed_since = QUESTION.changed(base, saved.shown)
    version = draft.version if set(edits) & set(changed_since) and draft.version is not None else saved.version
    return Loaded({**saved.shown, **edits}, version, saved.stored)
