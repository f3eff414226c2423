"""How sample records are spread over statuses, types and assessments (tied to the models' enums)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from ..core.models import (
    Assessment,
    AssessmentStatus,
    Confidentiality,
    FollowUpStatus,
    QuestionStatus,
    QuestionType,
)

# status, weight (per 100)
STATUS_WEIGHTS = (
    (QuestionStatus.DRAFT.value, 4), (QuestionStatus.TABLED.value, 11), (QuestionStatus.HOLDING_ANSWER.value, 5),
    (QuestionStatus.ANSWERED.value, 55), (QuestionStatus.WITHDRAWN.value, 4), (QuestionStatus.CLOSED.value, 21),
)
TYPE_WEIGHTS = ((QuestionType.WRITTEN.value, 64), (QuestionType.ORAL.value, 20), (QuestionType.URGENT.value, 5),
                 (QuestionType.COMMITTEE.value, 11))
REFERENCE_PREFIX = {QuestionType.WRITTEN.value: "WQ", QuestionType.ORAL.value: "OQ", QuestionType.URGENT.value: "UQ",
                    QuestionType.COMMITTEE.value: "CQ"}
DAYS_TO_ANSWER = {QuestionType.WRITTEN.value: (10, 21), QuestionType.ORAL.value: (5, 14),
                  QuestionType.URGENT.value: (1, 3), QuestionType.COMMITTEE.value: (21, 42)}
ASSESSMENT_WEIGHTS = ((Assessment.SATISFACTORY.value, 36), (Assessment.PARTIAL.value, 34),
                       (Assessment.UNSATISFACTORY.value, 18), (Assessment.NO_ANSWER.value, 5), (None, 7))
CONFIDENTIALITY_WEIGHTS = ((Confidentiality.COMMITTEE.value, 74), (Confidentiality.PUBLIC.value, 23),
                            (Confidentiality.RESTRICTED.value, 3))
FOLLOW_UP_WEIGHTS = ((FollowUpStatus.OPEN, 35), (FollowUpStatus.IN_PROGRESS, 25), (FollowUpStatus.DONE, 30),
                      (FollowUpStatus.DROPPED, 10))
SELF_ASSESSMENT_WEIGHTS = ((AssessmentStatus.IN_PROGRESS, 40), (AssessmentStatus.NOT_STARTED, 25),
                            (AssessmentStatus.ACHIEVED, 20), (AssessmentStatus.NOT_APPLICABLE, 15))
T = TypeVar("T")

EVASIVE = frozenset({Assessment.UNSATISFACTORY.value, Assessment.NO_ANSWER.value})
AWAITING = frozenset({QuestionStatus.TABLED.value, QuestionStatus.HOLDING_ANSWER.value})


def weighted(pairs: Iterable[tuple[T, int]]) -> list[T]:
    """A list in which each value appears `weight` times: rng.choice on it is a fast weighted choice."""
    return [value for value, weight in pairs for _ in range(weight)]

