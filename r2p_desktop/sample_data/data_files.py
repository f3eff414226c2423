"""The sample data as read from resources/demo: a fictional parliament's names, wording, budget and
debates, each entry checked against its record type and enums."""

from __future__ import annotations

import random
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import TypeVar

from .. import paths
from ..core.models import (
    AssessmentStatus,
    BodyKind,
    BudgetScope,
    Confidentiality,
    DocumentKind,
    FollowUpStatus,
    PersonKind,
    RiskLevel,
    TreatyStatus,
    UndertakingStatus,
)
from ..core.values import Values

DATA_FILES = ("veloria.toml", "questions.toml", "committee.toml", "recommendations.toml",  # under resources/demo
              "record.toml")
R = TypeVar("R")


@dataclass(frozen=True)
class BodySpec:
    key: str  # how the data files refer to the body
    name: str
    kind: BodyKind
    abbreviation: str
    minister_title: str = ""  # how a question addresses the minister answering for this body


@dataclass(frozen=True)
class OfficeHolder:
    name: str
    kind: PersonKind
    role: str
    body: str = ""
    party: str = ""


@dataclass(frozen=True)
class DocumentSpec:
    title: str  # may use {last_year} and {year_before_last}
    kind: DocumentKind
    days_ago: int
    confidentiality: Confidentiality
    body: str = ""
    key: str = ""  # how undertakings and risk assessments name it (record.toml)
    file_name: str = ""  # the attached PDF's name, when it has `pages`
    pages: Sequence[str] = ()  # the paragraphs of the PDF attached to it (sample_data/attached_files.py)


@dataclass(frozen=True)
class UndertakingSpec:
    text: str
    given_in: str  # "answer": in an answer of `body`, about `given_days_ago` days ago; "debate": the last debate
    body: str
    due_in_days: int  # from today; negative when the date has passed
    status: UndertakingStatus
    confidentiality: Confidentiality
    given_days_ago: int = 0
    extension: str = ""  # the reason of the one extension, if the due date was moved
    outcome: str = ""
    documents: Sequence[str] = ()  # document keys
    follow_up: str = ""  # what the committee asked in a follow-up opened on it


@dataclass(frozen=True)
class RiskAssessmentSpec:
    years_ago: int
    title: str  # may use {year}
    source: str  # a document key
    notes: str = ""


@dataclass(frozen=True)
class RiskFindingSpec:
    factor: int  # the risk factor's number
    levels: Sequence[RiskLevel]  # one per assessment, in the order of RiskAssessmentSpec
    notes: Sequence[str]
    documents: Sequence[str] = ()  # document keys
    recommendations: Sequence[int] = ()  # places in recommendations.toml, from 0


@dataclass(frozen=True)
class Treaty:
    instrument: str
    status: TreatyStatus
    since: date | None = None  # when it reached that status
    implementing_legislation: str = ""
    reservations: str = ""


@dataclass(frozen=True)
class Programme:
    name: str
    body: str
    scope: BudgetScope
    base_eur: int  # allocation in the first year, whole euros
    commitments: Sequence[str]
    question: str
    response: str
    position: str
    optional: bool = False  # left out of some years


@dataclass(frozen=True)
class Topic:
    key: str
    weight: int
    bodies: Sequence[str]
    pillar: int
    commitments: Sequence[str]
    risk_factors: Sequence[str]
    instruments: Sequence[str]
    answers: Sequence[str]
    undertakings: Sequence[str]  # continues "The Minister undertook to ..."
    questions: Sequence[Values]  # titles that fit, and the text continuing "To ask the Minister ..."
    treaties: Sequence[Values] = ()  # instrument code and name: one is chosen as {treaty}


@dataclass(frozen=True)
class AgendaItemSpec:
    title: str
    description: str
    speakers: str
    minutes: int
    commitments: Sequence[str] = ()  # what the item is linked to
    document: str = ""
    questions: bool = False
    budget: bool = False


class SampleData:
    """The contents of the data files, each entry checked against its record type and enums."""

    def __init__(self, raw: Values):
        parliament = raw["parliament"]
        self.chamber: str = parliament["chamber"]
        self.currency: str = parliament["currency"]
        self.member_count: int = parliament["members"]
        self.committee_size: int = parliament["committee_size"]
        self.parties = [(party["name"], party["weight"]) for party in parliament["parties"]]
        self.constituencies: list[str] = parliament["constituencies"]
        self.first_names: list[str] = parliament["first_names"]
        self.surnames: list[str] = parliament["surnames"]
        self.bodies = _entries(BodySpec, parliament["bodies"], kind=BodyKind)
        self.office_holders = _entries(OfficeHolder, parliament["office_holders"], kind=PersonKind)
        self.documents = _entries(DocumentSpec, raw["documents"], kind=DocumentKind, confidentiality=Confidentiality)
        self.treaties = _entries(Treaty, raw["treaties"], status=TreatyStatus)
        self.programmes = _entries(Programme, raw["programmes"], scope=BudgetScope)
        self.budget: Values = raw["budget"]
        self.fillers = {key: _filler(spec) for key, spec in raw["placeholders"].items()}
        self.wording: Values = raw["wording"]
        self.notes: Values = raw["notes"]
        self.topics = _entries(Topic, raw["topics"])
        self.debate: Values = raw["debate"]
        self.agenda = _entries(AgendaItemSpec, raw["agenda"])
        self.follow_ups: Values = raw["follow_ups"]
        self.upr: Values = raw["upr"]  # the State under review
        self.recommendations: list[Values] = raw["recommendation"]
        self.record_documents = _entries(DocumentSpec, raw["document"], kind=DocumentKind,
                                         confidentiality=Confidentiality)
        self.undertakings = _entries(UndertakingSpec, raw["undertaking"], status=UndertakingStatus,
                                     confidentiality=Confidentiality)
        self.risk_assessments = _entries(RiskAssessmentSpec, raw["risk_assessment"])
        self.risk_findings = tuple(RiskFindingSpec(**{**table, "levels": tuple(RiskLevel(v) for v in table["levels"])})
                                   for table in raw["risk_finding"])
        self.outcomes = {FollowUpStatus(status): texts for status, texts in raw["follow_up_outcomes"].items()}
        # assessment status -> (evidence when a question raised the commitment ({ref}), when none did)
        self.evidence = {AssessmentStatus(status): (texts["raised"], texts["not_raised"])
                         for status, texts in raw["assessment_evidence"].items()}


def _entries(record_type: type[R], tables: list[Values], /, **enums: type) -> tuple[R, ...]:
    """TOML tables as `record_type` records, the fields named in `enums` made enum members (which checks them)."""
    return tuple(record_type(**{**table, **{field: enum(table[field]) for field, enum in enums.items()}})
                 for table in tables)


def _filler(spec: list[object] | Values) -> Callable[[random.Random], object]:
    """How a placeholder is chosen: one of a list, a whole number in [min, max], or an amount with decimals."""
    if isinstance(spec, list):
        return lambda rng: rng.choice(spec)
    low, high = spec["min"], spec["max"]
    if "decimals" in spec:
        return lambda rng: f"{rng.uniform(low, high):.{spec['decimals']}f}"
    return lambda rng: rng.randint(low, high)


@cache
def read_sample_data() -> SampleData:
    """The data files, read on first use rather than at import, then kept."""
    raw: Values = {}
    for name in DATA_FILES:
        with paths.resource("demo", name).open("rb") as handle:
            raw.update(tomllib.load(handle))
    return SampleData(raw)

