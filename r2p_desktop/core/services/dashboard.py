"""What a clerk should act on today, and each ministry's record of answering.

Each question figure comes with the QuestionFilter that lists the questions behind it, so a view
can open them; follow-up and undertaking figures say which by their due-date window."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from sqlalchemy import ColumnElement, Select, and_, case, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from ..models import (
    Assessment,
    AssessmentStatus,
    Body,
    Commitment,
    CommitmentAssessment,
    Debate,
    DebateStatus,
    FollowUp,
    Question,
    QuestionStatus,
    Undertaking,
)
from . import undertakings
from .listings import OPEN_FOLLOW_UP
from .questions import AWAITING, AWAITING_ANSWER, OVERDUE, QuestionFilter, is_overdue

WEEK = 7
FOLLOW_UP_HORIZON = undertakings.DUE_SOON_DAYS  # "due soon": within two weeks, as for undertakings
ANSWERED = (QuestionStatus.ANSWERED.value, QuestionStatus.CLOSED.value)


@dataclass(frozen=True)
class MinistryRecord:
    body_id: int
    name: str
    questions: int  # tabled to this body (drafts not counted)
    answered: int  # answered or closed, with the date of the answer
    answered_on_time: int
    holding_answers: int  # questions that received a holding answer at some point
    assessed: int
    unsatisfactory: int
    average_days_late: float | None  # over answers given after their due date

    @property
    def on_time_share(self) -> float | None:
        return self.answered_on_time / self.answered if self.answered else None

    @property
    def holding_answer_rate(self) -> float | None:
        return self.holding_answers / self.questions if self.questions else None

    @property
    def unsatisfactory_share(self) -> float | None:
        return self.unsatisfactory / self.assessed if self.assessed else None


@dataclass(frozen=True)
class NextDebate:
    id: int
    title: str
    date: date
    days_away: int


@dataclass(frozen=True)
class Dashboard:
    today: date
    overdue_answers: int
    answers_due_this_week: int
    follow_ups_overdue: int
    follow_ups_due_soon: int
    undertakings_overdue: int  # pending and past the date now due
    undertakings_due_soon: int  # pending and due within two weeks
    next_debate: NextDebate | None
    scorecard: dict[str, int]  # assessment status -> commitments; unassessed count as not started
    ministries: list[MinistryRecord]

    @property
    def overdue_filter(self) -> QuestionFilter:
        return QuestionFilter(status=OVERDUE)

    @property
    def due_this_week_filter(self) -> QuestionFilter:
        return QuestionFilter(status=AWAITING, due_from=self.today, due_to=self.today + timedelta(days=WEEK - 1))


def _days_between(session: Session, later: InstrumentedAttribute[date | None],
                  earlier: InstrumentedAttribute[date | None]) -> ColumnElement[float]:
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return cast("ColumnElement[float]", later - earlier)  # PostgreSQL: date - date is a number of days


def ministry_records(session: Session) -> list[MinistryRecord]:
    answered = and_(Question.status.in_(ANSWERED), Question.date_answered.is_not(None))
    late = and_(answered, Question.answer_due.is_not(None), Question.date_answered > Question.answer_due)
    on_time = and_(answered, ~late)

    def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
        return func.sum(case((condition, 1), else_=0))

    query = (
        select(
            Body.id, Body.name, func.count(Question.id), count_if(answered), count_if(on_time),
            count_if(Question.holding_answer_date.is_not(None)), count_if(Question.assessment.is_not(None)),
            count_if(Question.assessment == Assessment.UNSATISFACTORY.value),
            func.avg(case((late, _days_between(session, Question.date_answered, Question.answer_due)))),
        )
        .join(Question, Question.addressed_to_id == Body.id)
        .where(Question.status != QuestionStatus.DRAFT.value)
        .group_by(Body.id, Body.name)
        .order_by(Body.name)
    )
    return [
        MinistryRecord(body_id, name, total, int(n_answered or 0), int(n_on_time or 0), int(n_holding or 0),
                       int(n_assessed or 0), int(n_unsatisfactory or 0),
                       round(float(days_late), 1) if days_late is not None else None)
        for body_id, name, total, n_answered, n_on_time, n_holding, n_assessed, n_unsatisfactory, days_late
        in session.execute(query)
    ]


def scorecard(session: Session) -> dict[str, int]:
    counts = dict(session.execute(
        select(CommitmentAssessment.status, func.count()).group_by(CommitmentAssessment.status)).all())
    total = session.scalar(select(func.count(Commitment.id))) or 0
    card = {status.value: counts.get(status, 0) for status in AssessmentStatus}
    card[AssessmentStatus.NOT_STARTED.value] = total - sum(card.values()) + card[AssessmentStatus.NOT_STARTED.value]
    return card


def dashboard(session: Session, *, today: date | None = None) -> Dashboard:
    today = today or date.today()

    def count(query: Select[int]) -> int:
        return session.scalar(query) or 0

    awaiting_due_this_week = and_(Question.status.in_(AWAITING_ANSWER),
                                  Question.answer_due.between(today, today + timedelta(days=WEEK - 1)))
    open_follow_up = FollowUp.status.in_(OPEN_FOLLOW_UP)
    debate = session.execute(
        select(Debate.id, Debate.title, Debate.date)
        .where(Debate.status == DebateStatus.PLANNED.value, Debate.date >= today)
        .order_by(Debate.date, Debate.id).limit(1)
    ).first()
    return Dashboard(
        today=today,
        overdue_answers=count(select(func.count(Question.id)).where(is_overdue(today))),
        answers_due_this_week=count(select(func.count(Question.id)).where(awaiting_due_this_week)),
        follow_ups_overdue=count(select(func.count(FollowUp.id)).where(open_follow_up, FollowUp.due_date < today)),
        follow_ups_due_soon=count(select(func.count(FollowUp.id)).where(
            open_follow_up, FollowUp.due_date.between(today, today + timedelta(days=FOLLOW_UP_HORIZON)))),
        undertakings_overdue=count(select(func.count(Undertaking.id)).where(undertakings.overdue_condition(today))),
        undertakings_due_soon=count(select(func.count(Undertaking.id)).where(undertakings.due_soon_condition(today))),
        next_debate=NextDebate(debate.id, debate.title, debate.date, (debate.date - today).days) if debate else None,
        scorecard=scorecard(session),
        ministries=ministry_records(session),
    )
