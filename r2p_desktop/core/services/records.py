"""Create, read, update, delete and list for every kind of user record, with validation that names
the field and says what is wrong. Each kind's own rules live in its `Rules`; what a kind is called,
in `core.kinds`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import cast

from sqlalchemy import ScalarResult, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import kinds, policy
from ..errors import ConflictError, NotFoundError, R2PError, ValidationError
from ..models import (
    AgendaItem,
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    Document,
    FollowUp,
    FollowUpStatus,
    Instrument,
    InstrumentStatus,
    Person,
    Question,
    QuestionStatus,
    Recommendation,
    RecordMixin,
    RiskAssessment,
    RiskFactor,
    RiskFinding,
    Undertaking,
    UndertakingStatus,
)
from ..models.base import choices, enum_columns
from ..values import Values
from . import question_workflow
from .fields import coerce, raise_if

CatalogueEntry = Commitment | RiskFactor | Instrument
CatalogueModel = type[Commitment] | type[RiskFactor] | type[Instrument]  # what a record links to, by code
Rule = Callable[[Values, dict[str, str]], None]


@dataclass(frozen=True)
class Rules:
    """What the generic services check for one kind of record."""

    model: type[RecordMixin]
    required: dict[str, str] = field(default_factory=dict)  # field -> label, must not be blank
    links: dict[str, CatalogueModel] = field(default_factory=dict)  # relationship -> catalogue model, set by code
    rules: tuple[Rule, ...] = ()
    on_change: Callable[..., None] | None = None  # (current, merged, errors, today=) on update only

    @property
    def label(self) -> str:
        return kinds.BY_MODEL[self.model].singular

    @property
    def enums(self) -> dict[str, type[StrEnum]]:
        """The kind's own enumerations, as its columns are typed (confidentiality, which every record has,
        apart)."""
        return {name: enum for name, enum in enum_columns(self.model).items() if name != "confidentiality"}


def _dates_in_order(later: str, earlier: str, message: str) -> Rule:
    def rule(values: Values, errors: dict[str, str]) -> None:
        first, second = values.get(earlier), values.get(later)
        if isinstance(first, date) and isinstance(second, date) and second < first:
            errors.setdefault(later, message)

    return rule


def _question_answered_has_answer(values: Values, errors: dict[str, str]) -> None:
    if values.get("status") == QuestionStatus.ANSWERED and not (values.get("answer_text") or "").strip():
        errors.setdefault("answer_text", "an answered question needs the text of its answer")


def _question_tabled_has_date(values: Values, errors: dict[str, str]) -> None:
    if values.get("status", QuestionStatus.DRAFT) != QuestionStatus.DRAFT and values.get("date_tabled") is None:
        errors.setdefault("date_tabled", "a question that has been tabled needs the date it was tabled")


def _question_named_day_has_its_day(values: Values, errors: dict[str, str]) -> None:
    if values.get("named_day") and values.get("answer_due") is None:
        errors.setdefault("answer_due", "a named day needs the day the answer is due")


def _follow_up_done_has_date(values: Values, errors: dict[str, str]) -> None:
    if values.get("status") == FollowUpStatus.DONE and values.get("completed_on") is None:
        errors.setdefault("completed_on", "a follow-up marked done needs its completion date")


def _follow_up_one_parent(values: Values, errors: dict[str, str]) -> None:
    parents = [kind.id_column for kind in kinds.FOLLOW_UP_PARENTS if values.get(kind.id_column)]
    if len(parents) > 1:
        errors.setdefault(parents[1], "a follow-up belongs to one record only")


def _non_negative(*names: str) -> Rule:
    def rule(values: Values, errors: dict[str, str]) -> None:
        for name in names:
            if isinstance(values.get(name), int) and values[name] < 0:
                errors.setdefault(name, "cannot be negative")

    return rule


def _currency(values: Values, errors: dict[str, str]) -> None:
    code = values.get("currency")
    if code is not None:
        code = code.strip().upper()
        values["currency"] = code
        if len(code) != 3 or not code.isalpha():
            errors.setdefault("currency", f"'{code}' is not a three-letter ISO 4217 code such as EUR")


def _fiscal_year(values: Values, errors: dict[str, str]) -> None:
    year = values.get("fiscal_year")
    if isinstance(year, int) and not 1900 <= year <= 2200:
        errors.setdefault("fiscal_year", f"{year} is not a plausible fiscal year")


QUESTIONS = Rules(
    Question,
    required={"title": "the title"},
    links={"commitments": Commitment, "risk_factors": RiskFactor, "instruments": Instrument},
    on_change=question_workflow.check_transition,
    rules=(
        _dates_in_order("answer_due", "date_tabled", "the answer cannot be due before the question was tabled"),
        _dates_in_order("date_answered", "date_tabled", "the answer cannot come before the question was tabled"),
        _question_answered_has_answer,
        _question_tabled_has_date,
        _question_named_day_has_its_day,
    ),
)
BODIES = Rules(Body, required={"name": "the name"})
PEOPLE = Rules(
    Person, required={"full_name": "the name"},
    rules=(_dates_in_order("active_until", "active_from", "cannot end before it starts"),),
)
BUDGET_ITEMS = Rules(
    BudgetItem,
    required={"programme": "the programme", "currency": "the currency"},
    links={"commitments": Commitment},
    rules=(_currency, _fiscal_year, _non_negative("amount_requested", "amount_allocated", "amount_spent")),
)
DEBATES = Rules(
    Debate, required={"title": "the title"},
    rules=(_non_negative("sitting_minutes"),),
)
AGENDA_ITEMS = Rules(
    AgendaItem, required={"title": "the title"},
    rules=(_non_negative("allotted_minutes", "position"),),
)
FOLLOW_UPS = Rules(
    FollowUp,
    required={"description": "the description"},
    rules=(_follow_up_done_has_date, _follow_up_one_parent),
)
DOCUMENTS = Rules(Document, required={"title": "the title"})


def _action_category(values: Values, errors: dict[str, str]) -> None:
    category = values.get("action_category")
    if isinstance(category, int) and not 1 <= category <= 5:
        errors.setdefault("action_category", f"{category} is not a category of action from 1 to 5")


RECOMMENDATIONS = Rules(
    Recommendation, required={"text": "the text of the recommendation"},
    links={"commitments": Commitment}, rules=(_action_category,),
)

def _undertaking_dropped_has_reason(values: Values, errors: dict[str, str]) -> None:
    if values.get("status") == UndertakingStatus.DROPPED and not (values.get("outcome") or "").strip():
        errors.setdefault("outcome", "a dropped undertaking needs the reason it was dropped")


def _undertaking_one_source(values: Values, errors: dict[str, str]) -> None:
    sources = [name for name in ("question_id", "debate_id", "agenda_item_id") if values.get(name)]
    if len(sources) > 1:
        errors.setdefault(sources[1], "an undertaking was given in one answer, debate or agenda item")


UNDERTAKINGS = Rules(
    Undertaking, required={"text": "what was promised"},
    rules=(_dates_in_order("due_on", "given_on", "cannot be due before it was given"),
           _undertaking_dropped_has_reason, _undertaking_one_source),
)


def _assessment_year(values: Values, errors: dict[str, str]) -> None:
    year = values.get("year")
    if isinstance(year, int) and not 1900 <= year <= 2200:
        errors.setdefault("year", f"{year} is not a plausible year")


RISK_ASSESSMENTS = Rules(RiskAssessment, required={"year": "the year", "title": "the title"},
                         rules=(_assessment_year,))
RISK_FINDINGS = Rules(RiskFinding)
ASSESSMENTS = Rules(CommitmentAssessment)
TREATY_STATUSES = Rules(InstrumentStatus)

RULES = {rules.model: rules for rules in (QUESTIONS, BODIES, PEOPLE, BUDGET_ITEMS, DEBATES, AGENDA_ITEMS,
                                         FOLLOW_UPS, DOCUMENTS, RECOMMENDATIONS, UNDERTAKINGS, RISK_ASSESSMENTS,
                                         RISK_FINDINGS, ASSESSMENTS, TREATY_STATUSES)}


def _check_enums(spec: Rules, values: Values, errors: dict[str, str]) -> None:
    """Each enumerated field's value as its enum member; one outside the enum is a problem of its field
    (a stored one included: text another program wrote is read as it is, but not saved again)."""
    for name, enum in enum_columns(spec.model).items():
        value = values.get(name)
        if value is None:
            continue
        try:
            values[name] = enum(value)
        except ValueError:
            errors.setdefault(name, f"'{value}' is not one of: {choices(enum)}")


def _by_code(session: Session, model: CatalogueModel, codes: list[str]) -> dict[str, CatalogueEntry]:
    # select() of a union of models is typed as of their common base, which has no code
    rows = cast("ScalarResult[CatalogueEntry]", session.scalars(select(model).where(model.code.in_(codes))))
    return {row.code: row for row in rows}


def _resolve_links(session: Session, spec: Rules, links: Values, errors: dict[str, str]) -> Values:
    resolved: Values = {}
    for name, codes in links.items():
        model = spec.links[name]
        wanted = [c.strip() for c in (codes.split(";") if isinstance(codes, str) else codes or []) if c.strip()]
        found = _by_code(session, model, wanted)
        unknown = [code for code in wanted if code not in found]
        if unknown:
            errors[name] = f"unknown code {unknown[0]!r}"
        else:
            resolved[name] = [found[code] for code in dict.fromkeys(wanted)]
    return resolved


def _prepare(session: Session, spec: Rules, values: Values, current: Values) -> tuple[Values, Values]:
    """Validated column values and link targets; raises ValidationError naming each wrong field."""
    errors: dict[str, str] = {}
    links = {k: v for k, v in values.items() if k in spec.links}
    columns = coerce(spec.model, {k: v for k, v in values.items() if k not in spec.links}, errors)
    for name, label in spec.required.items():
        if name in errors:
            continue
        if name in columns and not str(columns[name] or "").strip():
            errors[name] = f"{label.capitalize()} cannot be empty"
        elif name not in columns and name not in current:
            errors[name] = f"{label.capitalize()} is required"
    merged = {**current, **columns}
    _check_enums(spec, merged, errors)
    if current and spec.on_change:
        spec.on_change(current, merged, errors, today=date.today())
    for rule in spec.rules:
        rule(merged, errors)
    # What to write: the fields given, as the rules normalised them, and any the rules filled in.
    columns = {k: v for k, v in merged.items() if k in columns or current.get(k, v) != v}
    resolved = _resolve_links(session, spec, links, errors)
    raise_if(errors)
    return columns, resolved


def _load(session: Session, model: type[RecordMixin], record_id: int) -> RecordMixin:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"there is no {RULES[model].label} with id {record_id}")
    return record


def _integrity_error(spec: Rules, error: IntegrityError) -> R2PError:
    """What the clerk is told: a duplicate belongs to its field; anything else is about the record."""
    detail = str(error.orig).splitlines()[0]
    if "UNIQUE" in detail.upper():
        column = detail.rsplit(".", 1)[-1]
        return ValidationError({column: f"another {spec.label} already has this {column.replace('_', ' ')}"})
    if "FOREIGN KEY" in detail.upper():
        return R2PError(f"this {spec.label} is still referred to by other records, or refers to one that does not "
                        "exist")
    return R2PError(f"the database refused this {spec.label}: {detail}")


def _flush(session: Session, spec: Rules) -> None:
    try:
        session.flush()
    except IntegrityError as error:
        raise _integrity_error(spec, error) from error


def create(session: Session, model: type[RecordMixin], values: Values) -> int:
    """Add a record of `model` from plain `values`; return its id. The caller commits."""
    spec = RULES[model]
    if not values.get("confidentiality"):
        values = {**values, "confidentiality": policy.default_confidentiality(session, model)}
    columns, links = _prepare(session, spec, values, {})
    record = model(**columns, **links)
    session.add(record)
    _flush(session, spec)
    return record.id


def link_attribute(model: type[RecordMixin], target_kind: str) -> str:
    """The many-to-many relationship by which a `model` record links records of `target_kind` (a
    recommendation's "questions", a question's "documents"); KeyError when it links none."""
    target = kinds.BY_KEY[target_kind].model
    for relationship in inspect(model).relationships:
        if relationship.secondary is not None and relationship.mapper.class_ is target:
            return str(relationship.key)
    raise KeyError(f"a {RULES[model].label} links no {kinds.BY_KEY[target_kind].plural.lower()}")


def change_links(session: Session, model: type[RecordMixin], record_id: int, *,
                 add: Iterable[tuple[str, int]] = (), remove: Iterable[tuple[str, int]] = ()) -> None:
    """Link record `record_id` to the records in `add` and unlink those in `remove` ((kind key, id) each),
    through its own link tables; the audit trail records the change of each list. The caller commits."""
    record = _load(session, model, record_id)
    for kind_key, target_id in remove:
        links = getattr(record, link_attribute(model, kind_key))
        links[:] = [linked for linked in links if linked.id != target_id]
    for kind_key, target_id in add:
        links = getattr(record, link_attribute(model, kind_key))
        target = session.get(kinds.BY_KEY[kind_key].model, target_id)
        if target is None:
            raise NotFoundError(f"there is no {kinds.BY_KEY[kind_key].singular} with id {target_id} to link")
        if target not in links:
            links.append(target)
    _flush(session, RULES[model])


def update(session: Session, model: type[RecordMixin], record_id: int, values: Values,
           *, expected_version: int | None = None) -> None:
    """Change the given fields of a record. With `expected_version`, refuse if someone saved it since."""
    spec = RULES[model]
    record = _load(session, model, record_id)
    current = {c.key: getattr(record, c.key) for c in inspect(model).column_attrs}
    columns, links = _prepare(session, spec, values, current)
    if expected_version is not None and record.version != expected_version:
        # Both versions as stored values (dates, lists of codes), so only real differences show.
        stored = _values(record)
        prepared = {**columns, **{name: [item.code for item in items] for name, items in links.items()}}
        yours = {name: prepared.get(name, value) for name, value in values.items()}
        raise ConflictError(
            label=spec.label, record_id=record_id, expected_version=expected_version,
            current_version=record.version, yours=yours,
            theirs={name: stored.get(name) for name in yours}, stored=stored,
            changed_by=record.updated_by, changed_at=record.updated_at)
    for name, value in {**columns, **links}.items():
        setattr(record, name, value)
    _flush(session, spec)


def delete(session: Session, model: type[RecordMixin], record_id: int) -> None:
    spec = RULES[model]
    session.delete(_load(session, model, record_id))
    _flush(session, spec)


def get(session: Session, model: type[RecordMixin], record_id: int) -> Values:
    """Every column of the record, plus its links as lists of catalogue codes."""
    return _values(_load(session, model, record_id))


def _values(record: RecordMixin) -> Values:
    model = type(record)
    values = {c.key: getattr(record, c.key) for c in inspect(model).column_attrs}
    for name in RULES[model].links:
        values[name] = [item.code for item in getattr(record, name)]
    return values
