"""The life of a question: draft -> tabled -> holding answer -> answered -> closed, or withdrawn.

A change of status that skips or reverses a step is refused with the reason, in the committee's
words. Records created by an import may start in any status: they describe what already happened."""

from __future__ import annotations

from datetime import date

from ..models import QuestionStatus as S
from ..values import Values

ALLOWED = {
    S.DRAFT: {S.TABLED},
    S.TABLED: {S.HOLDING_ANSWER, S.ANSWERED, S.WITHDRAWN},
    S.HOLDING_ANSWER: {S.ANSWERED, S.WITHDRAWN},
    S.ANSWERED: {S.CLOSED},
    S.WITHDRAWN: set(),
    S.CLOSED: set(),
}

_REFUSALS = {
    (S.DRAFT, S.HOLDING_ANSWER): "a draft must be tabled before the government can give a holding answer",
    (S.DRAFT, S.ANSWERED): "a draft must be tabled before it can be answered",
    (S.DRAFT, S.WITHDRAWN): "a draft that was never tabled is deleted, not withdrawn",
    (S.DRAFT, S.CLOSED): "a draft must be tabled and answered before it is closed",
    (S.TABLED, S.DRAFT): "a tabled question cannot go back to draft",
    (S.TABLED, S.CLOSED): "record the answer before closing the question",
    (S.HOLDING_ANSWER, S.CLOSED): "record the full answer before closing the question",
    (S.ANSWERED, S.WITHDRAWN): "an answered question can no longer be withdrawn",
    (S.CLOSED, S.ANSWERED): "a closed question is finished; table a new question to pursue it",
}


def _known(status: str) -> bool:
    return status in S._value2member_map_


def next_statuses(status: str) -> list[str]:
    """The statuses a question in `status` may move to, in workflow order (from a status that is not one
    of ours, which only another program can have written, any: that is how the clerk corrects it)."""
    allowed = ALLOWED[S(status)] if _known(status) else set(S)
    return [s.value for s in S if s in allowed]


def refusal(old: str, new: str) -> str | None:
    """Why a question may not move from `old` to `new`, or None when it may."""
    if not _known(old):
        return None  # see next_statuses
    old, new = S(old), S(new)
    if old == new or new in ALLOWED[old]:
        return None
    if old in (S.WITHDRAWN, S.CLOSED):
        return f"a {old.value} question is finished; its status cannot change"
    default = f"a question cannot go from {old.value.replace('_', ' ')} to {new.value.replace('_', ' ')}"
    return _REFUSALS.get((old, new), default)


def check_transition(current: Values, merged: Values, errors: dict[str, str], *, today: date) -> None:
    """Refuse an impossible status change; date the steps that need a date and were given none."""
    old, new = current.get("status"), merged.get("status")
    if old is None or new is None or old == new or "status" in errors:
        return
    reason = refusal(old, new)
    if reason:
        errors["status"] = reason
        return
    if new == S.HOLDING_ANSWER and merged.get("holding_answer_date") is None:
        merged["holding_answer_date"] = today
    if new == S.ANSWERED and merged.get("date_answered") is None:
        merged["date_answered"] = today
