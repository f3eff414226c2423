"""What the window's pages read when one core listing is not enough: each function reads everything a
page shows at once in one read session of its own (`records.read`), so the figures agree with each other,
and returns plain values. A single listing is read with `records.read(database, listing)`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from ..core import catalogue
from ..core.database import Database
from ..core.models import Question
from ..core.services import listings
from ..core.services.dashboard import Dashboard, dashboard
from ..core.services.questions import OVERDUE, QuestionFilter, count_questions, question_ids, question_rows
from ..core.values import Values
from .records import read


@dataclass(frozen=True)
class Choices:
    """The names and catalogue entries the questions can be filtered by, as core lists them."""

    people: list[Values]
    bodies: list[Values]
    pillars: list[Values]
    commitments: list[catalogue.CommitmentEntry]
    risk_factors: list[Values]
    instruments: list[Values]


def _choices(session: Session) -> Choices:
    return Choices(listings.people(session), listings.bodies(session), catalogue.list_pillars(session),
                   catalogue.list_commitments(session), catalogue.list_risk_factors(session),
                   catalogue.list_instruments(session))


@dataclass(frozen=True)
class QuestionsPage:
    total: int  # questions in the database
    database_empty: bool  # no record of any kind: the page invites the clerk to load sample data
    choices: Choices  # for the filter bar


def questions_page(database: Database) -> QuestionsPage:
    def query(session: Session) -> QuestionsPage:
        total = count_questions(session)
        empty = total == 0 and not any(listings.record_counts(session).values())
        return QuestionsPage(total, empty, _choices(session))

    return read(database, query)


def question_exists(database: Database, question_id: int) -> bool:
    return read(database, lambda session: session.get(Question, question_id) is not None)


def people_and_bodies(database: Database) -> tuple[list[Values], list[Values]]:
    return read(database, lambda session: (listings.people(session), listings.bodies(session)))


@dataclass(frozen=True)
class DashboardFigures:
    board: Dashboard
    record_count: int  # records of every kind: none, and the dashboard offers sample data
    most_overdue: list[Values]  # the answers most overdue, as rows of the dashboard's short list


def most_overdue_answers(session: Session, limit: int) -> list[Values]:
    ids = question_ids(session, QuestionFilter(status=OVERDUE), sort="days_overdue", descending=True)[:limit]
    rows = question_rows(session, ids)
    return [{"id": i, "reference": rows[i].reference, "title": rows[i].title,
             "addressed_to": rows[i].addressed_to, "days_overdue": rows[i].days_overdue}
            for i in ids if i in rows]


def dashboard_figures(database: Database, most_overdue: int) -> DashboardFigures:
    """Everything the dashboard shows, with the `most_overdue` answers most overdue (a third of a second
    on 100,000 questions: run it off the GUI thread)."""
    return read(database, lambda session: DashboardFigures(
        dashboard(session), sum(listings.record_counts(session).values()), most_overdue_answers(session, most_overdue)))
