"""The generator of the sample records: a cast, documents, budget, questions, debates, follow-ups
and the committee's assessments, inserted in bulk each with its audit entry."""

from __future__ import annotations

import gc
import random
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..core.models import (
    AgendaItem,
    AgendaItemLink,
    Assessment,
    AuditEntry,
    Body,
    BodyKind,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Confidentiality,
    Debate,
    DebateStatus,
    Document,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    ImplementationStatus,
    Instrument,
    InstrumentStatus,
    Person,
    PersonKind,
    Question,
    QuestionStatus,
    QuestionType,
    Recommendation,
    RecommendationMechanism,
    RecommendationResponse,
    RecordMixin,
    RiskFactor,
)
from ..core.models.base import utcnow
from ..core.values import Values
from . import committee_record
from .audited_insert import AuditedInsert
from .data_files import AgendaItemSpec, SampleData, Topic, read_sample_data
from .spread import (
    ASSESSMENT_WEIGHTS,
    AWAITING,
    CONFIDENTIALITY_WEIGHTS,
    DAYS_TO_ANSWER,
    EVASIVE,
    FOLLOW_UP_WEIGHTS,
    REFERENCE_PREFIX,
    SELF_ASSESSMENT_WEIGHTS,
    STATUS_WEIGHTS,
    TYPE_WEIGHTS,
    weighted,
)

BATCH_SIZE = 5_000

Progress = Callable[[int, int], None]
Links = dict[str, list[int]]  # a record's many-to-many links: target ids by relationship


class _Fill(dict[str, object]):
    """The placeholder values of one question: each chosen on first use, so title, text and answer agree."""

    def __init__(self, rng: random.Random, year: int, fillers: dict[str, Callable[[random.Random], object]]):
        super().__init__(year=year, year_prev=year - 1, year_next=year + 1)
        self.rng = rng
        self.fillers = fillers

    def __missing__(self, key: str) -> object:
        value = self.fillers[key](self.rng)
        self[key] = value
        return value


@dataclass(frozen=True)
class _TopicPlan:
    """A topic resolved against this database's catalogue and cast, so generating a question is cheap."""

    topic: Topic
    index: int
    bodies: tuple[tuple[str, int, str], ...]  # body key, body id, how a question addresses its minister
    commitments: tuple[int, ...]
    risk_factors: tuple[int, ...]
    instruments: tuple[int, ...]
    treaties: tuple[tuple[int | None, str], ...]



class _Generator:
    def __init__(self, session: Session, data: SampleData, rng: random.Random, today: date,
                 progress: Progress | None):
        self.session = session
        self.data = data
        self.rng = rng
        self.today = today
        self.progress = progress
        self.insert = AuditedInsert(session)
        self.user = self.insert.user
        self.now = utcnow()
        self.counts: dict[str, int] = {}
        self.done = 0
        self.total = 1
        catalogue = session.execute(select(Commitment.id, Commitment.code).order_by(Commitment.code)).all()
        self.commitment_ids = {code: cid for cid, code in catalogue}
        self.instrument_ids = dict(session.execute(select(Instrument.code, Instrument.id)).all())
        self.risk_factor_ids = dict(session.execute(select(RiskFactor.code, RiskFactor.id)).all())
        # the order in which the ORM lists each kind of link, and so audit.snapshot does
        commitment_codes = {cid: code for code, cid in self.commitment_ids.items()}
        risk_factor_codes = {rid: code for code, rid in self.risk_factor_ids.items()}
        self.order = {
            "commitments": lambda ids: sorted(ids, key=commitment_codes.__getitem__),
            "risk_factors": lambda ids: sorted(ids, key=risk_factor_codes.__getitem__),
        }
        self.bodies: dict[str, int] = {}
        self.people: dict[str, int] = {}
        self.office_holders: dict[str, int] = {}  # role -> person id
        self.ministers: dict[str, int] = {}  # body key -> minister id
        self.minister_of_body: dict[int, int] = {}  # body id -> minister id
        self.officials: dict[str, int] = {}  # body key -> an official of that body
        self.mps: list[int] = []
        self.mp_names: list[str] = []
        self.documents: dict[str, int] = {}
        self.budget_items: dict[int, list[int]] = {}  # fiscal year -> ids
        self.first_reference: dict[int, str] = {}  # commitment id -> first question reference raising it
        self.answered: list[tuple[int, int, int, date, _Fill]] = []  # id, topic, body, date answered, fill
        self.awaiting: list[int] = []  # overdue or nearly due questions, for the next debate
        self.poorly_answered: list[int] = []
        self.debates: list[int] = []  # held, planned
        self.agenda_items: list[int] = []
        self.recommendations: list[int] = []
        self.document_keys: dict[str, int] = {}  # the documents of record.toml by key
        self.undertaking_follow_up: tuple[int, str, int] | None = None  # undertaking, what is asked, of whom

    # -- bookkeeping ---------------------------------------------------------------------------------

    def uid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def record(self, **values: object) -> Values:
        """The columns every record carries, with `values` on top (a uid given draws none)."""
        return {"uid": values["uid"] if "uid" in values else self.uid(), "created_at": self.now,
                "updated_at": self.now, "created_by": self.user,
                "updated_by": self.user, "confidentiality": Confidentiality.COMMITTEE.value, "tags": [],
                "notes": "", "version": 1, **values}

    def fill(self, year: int) -> _Fill:
        return _Fill(self.rng, year, self.data.fillers)

    def count(self, kind: str, n: int) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + n

    def tick(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress(min(self.done, self.total), self.total)

    def insert_records(self, model: type[RecordMixin], rows: Sequence[Values],
                       links: Sequence[Links] | None = None) -> list[int]:
        ids = self.insert(model, rows, links)
        self.count(model.__tablename__, len(ids))
        return ids

    # -- the cast ------------------------------------------------------------------------------------

    def make_bodies(self) -> None:
        specs = self.data.bodies
        existing = dict(self.session.execute(select(Body.name, Body.id)).all())
        new = [spec for spec in specs if spec.name not in existing]
        rows = [self.record(name=spec.name, kind=spec.kind.value, abbreviation=spec.abbreviation,
                            confidentiality=Confidentiality.PUBLIC.value) for spec in new]
        existing.update(zip((spec.name for spec in new), self.insert_records(Body, rows), strict=True))
        self.bodies = {spec.key: existing[spec.name] for spec in specs}

    def make_people(self, cast_rng: random.Random) -> None:
        data = self.data
        existing: dict[str, int] = {}
        for name, pid in self.session.execute(select(Person.full_name, Person.id).order_by(Person.id.desc())):
            existing[name] = pid  # the oldest person of a name wins
        election = date(self.today.year - 2, 5, 14) if self.today.month >= 5 else date(self.today.year - 3, 5, 14)
        wanted: list[tuple[str, Values]] = []
        for holder in data.office_holders:
            wanted.append((holder.name, {"kind": holder.kind.value, "role": holder.role, "party": holder.party,
                                         "body_id": self.bodies.get(holder.body),
                                         "active_from": election + timedelta(days=30)}))
        names = sorted({f"{first} {last}" for first in data.first_names for last in data.surnames})
        mp_names = cast_rng.sample(names, data.member_count)
        parties = weighted(data.parties)
        constituencies = [data.constituencies[i % len(data.constituencies)] for i in range(data.member_count)]
        cast_rng.shuffle(constituencies)
        for index, name in enumerate(mp_names):
            role = ("Chair of the Committee" if index == 0 else "Vice-Chair of the Committee" if index == 1
                    else "Member of the Committee" if index < data.committee_size else "")
            first_elected = election - timedelta(days=365 * cast_rng.choice((0, 0, 0, 4, 8, 12)))
            wanted.append((name, {"kind": PersonKind.MP.value, "party": cast_rng.choice(parties),
                                  "constituency": constituencies[index], "role": role,
                                  "body_id": self.bodies["COM"] if role else None, "active_from": first_elected}))
        new = [(name, values) for name, values in wanted if name not in existing]
        rows = [self.record(full_name=name, confidentiality=Confidentiality.PUBLIC.value, active_until=None,
                            **{"party": "", "constituency": "", "role": "", **values}) for name, values in new]
        existing.update(zip((name for name, _ in new), self.insert_records(Person, rows), strict=True))
        self.people = {name: existing[name] for name, _ in wanted}
        ministries = {body.key for body in data.bodies if body.kind is BodyKind.MINISTRY}
        for holder in data.office_holders:
            person = self.people[holder.name]
            self.office_holders[holder.role] = person
            if holder.kind is PersonKind.MINISTER:
                self.ministers[holder.body] = person
                self.minister_of_body[self.bodies[holder.body]] = person
            elif holder.body in ministries:
                self.officials.setdefault(holder.body, person)
        self.mp_names = mp_names
        self.mps = [self.people[name] for name in mp_names]

    # -- documents and budget ------------------------------------------------------------------------

    def make_documents(self) -> None:
        year = self.today.year
        specs = self.data.documents
        rows = [self.record(title=spec.title.format(last_year=year - 1, year_before_last=year - 2),
                            kind=spec.kind.value, author_body_id=self.bodies[spec.body] if spec.body else None,
                            published_on=self.today - timedelta(days=spec.days_ago + self.rng.randint(0, 20)),
                            file_name="", file_sha256="", confidentiality=spec.confidentiality.value)
                for spec in specs]
        ids = self.insert_records(Document, rows)
        for spec, doc_id in zip(specs, ids, strict=True):
            self.documents.setdefault(spec.kind.value, doc_id)

    def make_budget(self) -> None:
        rng, data = self.rng, self.data
        optional = [index for index, programme in enumerate(data.programmes) if programme.optional]
        rows, links, years = [], [], []
        for year in range(self.today.year - 3, self.today.year + 1):
            skipped = rng.choice(optional) if rng.random() < 0.5 else None
            debate_day = date(year - 1, 11, 1) + timedelta(days=rng.randint(0, 27))
            growth = (1 + rng.uniform(-0.02, 0.06)) ** (year - self.today.year + 3)
            for index, programme in enumerate(data.programmes):
                if index == skipped:
                    continue
                allocated = round(programme.base_eur * growth * rng.uniform(0.9, 1.1), -3)
                requested = round(allocated * rng.uniform(1.0, 1.25), -3)
                if year < self.today.year:
                    spent = allocated * rng.uniform(0.72, 1.02)
                else:  # the current year: spending so far
                    elapsed = (self.today - date(year, 1, 1)).days / 365
                    spent = allocated * elapsed * rng.uniform(0.7, 1.05)
                codes = [c for c in programme.commitments if c in self.commitment_ids]
                outcome = (data.budget["as_requested"] if requested == allocated
                           else rng.choice(data.budget["below_request"]))
                rows.append(self.record(
                    fiscal_year=year, debate_date=debate_day, body_id=self.bodies[programme.body],
                    programme=programme.name, scope=programme.scope.value, currency=data.currency,
                    amount_requested=int(requested) * 100, amount_allocated=int(allocated) * 100,
                    amount_spent=round(spent) * 100, question_raised=programme.question,
                    government_response=programme.response, committee_position=programme.position,
                    outcome=outcome,
                    confidentiality=rng.choice((Confidentiality.PUBLIC, Confidentiality.COMMITTEE)).value,
                    tags=["budget"],
                ))
                links.append({"commitments": self.order["commitments"]([self.commitment_ids[c] for c in codes])})
                years.append(year)
        for year, item_id in zip(years, self.insert_records(BudgetItem, rows, links), strict=True):
            self.budget_items.setdefault(year, []).append(item_id)

    # -- questions -----------------------------------------------------------------------------------

    def topic_plans(self) -> list[_TopicPlan]:
        titles = {spec.key: spec.minister_title for spec in self.data.bodies}
        by_code = self.commitment_ids
        plans = []
        for index, topic in enumerate(self.data.topics):
            commitments = [by_code[c] for c in topic.commitments if c in by_code] or list(by_code.values())
            plans.append(_TopicPlan(
                topic, index,
                tuple((key, self.bodies[key], titles[key]) for key in topic.bodies),
                tuple(self.order["commitments"](commitments)),
                tuple(self.order["risk_factors"]([self.risk_factor_ids[c] for c in topic.risk_factors
                                                  if c in self.risk_factor_ids])),
                tuple(sorted(self.instrument_ids[c] for c in topic.instruments if c in self.instrument_ids)),
                tuple((self.instrument_ids.get(t["instrument"]), t["name"]) for t in topic.treaties),
            ))
        return plans

    def question_skeletons(self, n: int) -> list[tuple[date | None, str, str]]:
        """(date tabled, status, type) for every question, in the order they are numbered and inserted."""
        rng, today = self.rng, self.today
        statuses, types = weighted(STATUS_WEIGHTS), weighted(TYPE_WEIGHTS)
        all_statuses, all_types = [s.value for s in QuestionStatus], [t.value for t in QuestionType]
        span = (today - date(today.year - 3, 1, 1)).days
        skeletons = []
        for i in range(n):
            # the first few cover every status and type, so even a tiny demo shows them all
            status = all_statuses[i] if i < len(all_statuses) else rng.choice(statuses)
            qtype = all_types[i] if i < len(all_types) else rng.choice(types)
            tabled: date | None
            if status == QuestionStatus.DRAFT:
                tabled = None
            elif status == QuestionStatus.TABLED:
                tabled = today - timedelta(days=rng.randint(0, 50))
            elif status == QuestionStatus.HOLDING_ANSWER:
                tabled = today - timedelta(days=rng.randint(12, 120))
            else:
                tabled = today - timedelta(days=rng.randint(8, span))
            skeletons.append((tabled, status, qtype))
        skeletons.sort(key=lambda s: (s[0] is None, s[0] or today))
        return skeletons

    def make_questions(self, n: int) -> None:
        if n <= 0:
            return
        for rows, links, extras in self.question_batches(n):
            committee_record.link_reply(self, rows, links)
            ids = self.insert_records(Question, rows, links)
            for question_id, row, row_links, (topic_index, fill) in zip(ids, rows, links, extras, strict=True):
                self.remember_question(question_id, row, row_links, topic_index, fill)
            self.tick(len(rows))

    def question_batches(self, n: int) -> Iterator[tuple[list[Values], list[Links], list[tuple[int, _Fill]]]]:
        """Batches of question rows, their links and what else later steps need."""
        offset = self.session.scalar(select(func.count(Question.id))) or 0
        taken = set(self.session.scalars(select(Question.reference).where(Question.reference.is_not(None))))
        skeletons = self.question_skeletons(n)
        plans = self.topic_plans()
        committee_size = self.data.committee_size
        picks = {
            "topic": weighted((plan, plan.topic.weight) for plan in plans),
            "assessment": weighted(ASSESSMENT_WEIGHTS),
            "confidentiality": weighted(CONFIDENTIALITY_WEIGHTS),
            # committee members table most questions
            "asker": weighted((pid, 5 if index < committee_size else 1) for index, pid in enumerate(self.mps)),
        }
        serial = offset
        for start in range(0, n, BATCH_SIZE):
            rows: list[Values] = []
            links: list[Links] = []
            extras: list[tuple[int, _Fill]] = []
            for tabled, status, qtype in skeletons[start:start + BATCH_SIZE]:
                reference = None
                if tabled is not None:  # numbered when tabled, in the order tabled; drafts have no number
                    serial += 1
                    reference = f"{REFERENCE_PREFIX[qtype]}-{tabled.year}-{serial:05d}"
                    while reference in taken:
                        serial += 1
                        reference = f"{REFERENCE_PREFIX[qtype]}-{tabled.year}-{serial:05d}"
                row, row_links, extra = self.question(tabled, status, qtype, reference, picks)
                rows.append(row)
                links.append(row_links)
                extras.append(extra)
            yield rows, links, extras

    def question(self, tabled: date | None, status: str, qtype: str, reference: str | None,
                 picks: Values) -> tuple[Values, Links, tuple[int, _Fill]]:
        rng, today, wording, notes_for = self.rng, self.today, self.data.wording, self.data.notes
        plan: _TopicPlan = rng.choice(picks["topic"])
        topic = plan.topic
        fill = self.fill((tabled or today).year)
        instruments = plan.instruments
        if plan.treaties:
            instrument_id, fill["treaty"] = rng.choice(plan.treaties)
            instruments = (instrument_id,) if instrument_id else ()
        body_key, body_id, minister = rng.choice(plan.bodies)
        asked = rng.choice(topic.questions)
        title = rng.choice(asked["titles"]).format_map(fill)
        ask = asked["text"].format_map(fill)
        put = wording["committee_question"] if qtype == QuestionType.COMMITTEE else wording["member_question"]
        text = put.format(minister=minister, ask=ask)
        if rng.random() < 0.3:
            text = f"{rng.choice(wording['contexts']).format_map(fill)} {text}"
        if rng.random() < 0.25:
            text = text[:-1] + wording["statement"]

        answer_due: date | None = None
        holding: date | None = None
        answered_on: date | None = None
        answered_by: int | None = None
        assessment: str | None = None
        answer = notes = ""
        if tabled is None:  # a draft: not yet put to the government
            if rng.random() < 0.3:
                notes = notes_for["draft"]
        else:
            low, high = DAYS_TO_ANSWER[qtype]
            answer_due = tabled + timedelta(days=rng.randint(low, high))
            if status == QuestionStatus.HOLDING_ANSWER:
                holding = max(tabled, min(today, answer_due + timedelta(days=rng.randint(-2, 3))))
                answer_due = max(answer_due, holding + timedelta(days=rng.randint(-5, 21)))
                notes = notes_for["holding_answer"]
            elif status == QuestionStatus.WITHDRAWN:
                notes = notes_for["withdrawn"]
            elif status == QuestionStatus.ANSWERED or status == QuestionStatus.CLOSED:
                if status == QuestionStatus.CLOSED and rng.random() < 0.2:
                    assessment = Assessment.NO_ANSWER.value
                    notes = notes_for["lapsed"]
                else:
                    late = rng.random() < 0.2
                    delay = rng.randint(1, (answer_due - tabled).days) + (rng.randint(1, 40) if late else 0)
                    answered_on = min(today, tabled + timedelta(days=delay))
                    answered_by = (self.officials.get(body_key) if rng.random() < 0.12 else None) \
                        or self.ministers[body_key]
                    assessment = rng.choice(picks["assessment"])
                    answer = self.answer(topic, fill, assessment in EVASIVE)
                    if status == QuestionStatus.CLOSED and rng.random() < 0.3:
                        notes = notes_for["closed"]

        tags = sorted(rng.sample(wording["tags"], rng.randint(1, 2))) if rng.random() < 0.22 else []
        commitments = plan.commitments
        count = min(len(commitments), rng.choice((1, 1, 2, 2, 2, 3)))
        row_links = {"commitments": [commitments[i] for i in sorted(rng.sample(range(len(commitments)), count))]}
        if plan.risk_factors and rng.random() < 0.55:
            factors = plan.risk_factors
            count = min(len(factors), rng.randint(1, 2))
            row_links["risk_factors"] = [factors[i] for i in sorted(rng.sample(range(len(factors)), count))]
        if instruments and rng.random() < 0.7:
            row_links["instruments"] = [rng.choice(instruments)]
        asker = self.mps[0] if qtype == QuestionType.COMMITTEE and rng.random() < 0.6 else rng.choice(picks["asker"])
        row = self.record(
            reference=reference, type=qtype, title=title, question_text=text, asked_by_id=asker,
            addressed_to_id=body_id, date_tabled=tabled, answer_due=answer_due, status=status,
            holding_answer_date=holding, answer_text=answer, date_answered=answered_on, answered_by_id=answered_by,
            assessment=assessment, pillar_number=topic.pillar if rng.random() < 0.9 else None,
            confidentiality=rng.choice(picks["confidentiality"]), tags=tags, notes=notes,
        )
        return row, row_links, (plan.index, fill)

    def answer(self, topic: Topic, fill: _Fill, evasive: bool) -> str:
        """An answer of one sentence to several paragraphs; an answer the committee finds poor evades."""
        rng, wording = self.rng, self.data.wording
        evasions: list[str] = wording["evasions"]
        size = rng.choice((1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4))
        if size == 1:
            return rng.choice(evasions if evasive else topic.answers).format_map(fill)
        substance = list(topic.answers)
        rng.shuffle(substance)
        if size == 2:
            return (rng.choice(evasions) if evasive else " ".join(substance[:rng.randint(2, 3)])).format_map(fill)
        paragraphs = [rng.choice(wording["answer_openings"])]
        if evasive:
            paragraphs.append(" ".join(rng.sample(evasions, 2)))
        elif size == 4:
            middle = len(substance) // 2
            paragraphs += [" ".join(substance[:middle]), " ".join(substance[middle:])]
        else:
            paragraphs.append(" ".join(substance[:rng.randint(2, 3)]))
        paragraphs.append(rng.choice(wording["answer_closings"]))
        return "\n\n".join(paragraphs).format_map(fill)

    def remember_question(self, question_id: int, row: Values, row_links: Links, topic_index: int,
                          fill: _Fill) -> None:
        """What later records (debates, follow-ups, assessments) need to know about a question."""
        if row["reference"]:
            for commitment_id in row_links["commitments"]:
                self.first_reference.setdefault(commitment_id, row["reference"])
        status = row["status"]
        if status == QuestionStatus.ANSWERED:
            self.answered.append((question_id, topic_index, row["addressed_to_id"], row["date_answered"], fill))
            if row["assessment"] in EVASIVE and len(self.poorly_answered) < 50:
                self.poorly_answered.append(question_id)
        elif status in AWAITING and len(self.awaiting) < 50 and row["answer_due"] <= self.today + timedelta(days=7):
            self.awaiting.append(question_id)

    # -- debates -------------------------------------------------------------------------------------

    def make_debates(self) -> list[int]:
        rng, today, data = self.rng, self.today, self.data
        debate, agenda = data.debate, data.agenda
        planned_on = today + timedelta(days=42)
        held_on = planned_on - timedelta(days=364)
        mps = self.mp_names
        names = {key: next(h.name for h in data.office_holders if h.role == role)
                 for key, role in debate["speakers"].items()}
        names.update(chair=f"{mps[0]} (Chair)", vice_chair=f"{mps[1]} (Vice-Chair)")
        debate_rows, agendas = [], []
        for status, day in ((DebateStatus.HELD, held_on), (DebateStatus.PLANNED, planned_on)):
            members = rng.sample(mps[2:data.committee_size + 6], 5)
            speakers = {**names, **{f"member_{c}": m for c, m in zip("abcde", members, strict=True)}}
            middle = sorted(rng.sample(range(1, len(agenda) - 1), rng.randint(3, 5)))
            items = [agenda[0], *(agenda[i] for i in middle), agenda[-1]]
            held = status is DebateStatus.HELD
            debate_rows.append(self.record(
                title=debate["title"].format(year=day.year), chamber=data.chamber, date=day, status=status.value,
                sitting_minutes=sum(item.minutes for item in items) + 15, motion=debate["motion"],
                outcome=debate["outcome"] if held else "",
                confidentiality=Confidentiality.PUBLIC.value, tags=["annual-debate"],
                notes="" if held else debate["planned_notes"],
            ))
            agendas.append((held, day, items, speakers))
        debate_ids = self.insert_records(Debate, debate_rows)

        item_rows, item_specs = [], []
        for debate_id, (held, day, items, speakers) in zip(debate_ids, agendas, strict=True):
            for position, item in enumerate(items):
                item_rows.append(self.record(
                    debate_id=debate_id, position=position, title=item.title, description=item.description,
                    speakers=item.speakers.format_map(speakers), allotted_minutes=item.minutes,
                    confidentiality=Confidentiality.PUBLIC.value,
                    outcome_notes=debate["item_outcome"] if held else "",
                ))
                item_specs.append((held, day, item))
        item_ids = self.insert_records(AgendaItem, item_rows)
        self.agenda_items = item_ids
        self.session.add_all(self.agenda_links(item_ids, item_specs))
        self.session.flush()
        self.debates = debate_ids
        return debate_ids

    def agenda_links(self, item_ids: list[int],
                     item_specs: list[tuple[bool, date, AgendaItemSpec]]) -> list[AgendaItemLink]:
        rng = self.rng
        links = []
        for item_id, (held, day, item) in zip(item_ids, item_specs, strict=True):
            links += [AgendaItemLink(agenda_item_id=item_id, commitment_id=self.commitment_ids[c])
                      for c in item.commitments if c in self.commitment_ids]
            if item.document in self.documents:
                links.append(AgendaItemLink(agenda_item_id=item_id, document_id=self.documents[item.document]))
            if item.questions:
                if held:
                    earlier = [q[0] for q in self.answered if q[3] is not None and q[3] < day]
                    chosen = rng.sample(earlier, min(4, len(earlier)))
                else:
                    chosen = self.awaiting[:4] + self.poorly_answered[:2]
                links += [AgendaItemLink(agenda_item_id=item_id, question_id=q) for q in sorted(set(chosen))]
            if item.budget:
                year = day.year if day.year in self.budget_items else max(self.budget_items)
                chosen = self.budget_items[year][:3]
                links += [AgendaItemLink(agenda_item_id=item_id, budget_item_id=b) for b in chosen]
        self.count("agenda_item_links", len(links))
        return links

    # -- recommendations of UN human rights mechanisms -----------------------------------------------

    def make_recommendations(self) -> None:
        state = self.data.upr["state"]
        specs = self.data.recommendations
        # Their uids from a stream of their own, so the records made after them are the same as before.
        twin = random.Random()
        twin.setstate(self.rng.getstate())
        own = random.Random(f"recommendations/{twin.getrandbits(64)}")
        rows = [self.record(uid=str(uuid.UUID(int=own.getrandbits(128), version=4)),
                            mechanism=spec.get("mechanism", RecommendationMechanism.UPR.value),
                            cycle=str(spec["session"]), state=state, recommended_by=spec["by"], text=spec["text"],
                            themes=list(spec.get("themes", [])),
                            response=RecommendationResponse(spec["response"]).value,
                            implementation=ImplementationStatus(spec["implementation"]).value,
                            action_category=spec.get("action"),
                            confidentiality=Confidentiality.PUBLIC.value)
                for spec in specs]
        links = [{"commitments": self.order["commitments"](
            [self.commitment_ids[code] for code in spec.get("commitments", [])])} for spec in specs]
        self.recommendations = self.insert_records(Recommendation, rows, links)

    # -- follow-ups ----------------------------------------------------------------------------------

    def make_follow_ups(self, n: int) -> None:
        rng, today, data = self.rng, self.today, self.data
        texts = data.follow_ups
        statuses = weighted(FOLLOW_UP_WEIGHTS)
        minister_titles = [b.minister_title for b in data.bodies if b.minister_title]
        rows = []
        for index in range(n):
            status = rng.choice(statuses)
            kind_roll = rng.random()
            parent: dict[str, int | None] = {"question_id": None, "budget_item_id": None, "debate_id": None,
                                             "agenda_item_id": None, "recommendation_id": None,
                                             "undertaking_id": None}
            owner_person = None
            if kind_roll < 0.5 and self.answered:
                # mostly recent answers: undertakings from years ago are usually settled
                recent = min(len(self.answered) - 1, int(len(self.answered) * (1 - rng.random() ** 3)))
                question_id, topic_index, body_id, answered_on, fill = self.answered[recent]
                undertaking = rng.choice(data.topics[topic_index].undertakings).format_map(fill)
                kind = FollowUpKind.GOVERNMENT_UNDERTAKING
                description = texts["undertaking"].format(undertaking=undertaking)
                parent["question_id"] = question_id
                owner_body = body_id
                owner_person = self.minister_of_body.get(body_id)
                start = answered_on
            elif kind_roll < 0.8:
                kind = FollowUpKind.COMMITTEE_ACTION
                fill = self.fill(today.year)
                fill["minister"] = rng.choice(minister_titles)
                description = rng.choice(texts["committee_actions"]).format_map(fill)
                owner_body = self.bodies["COM"]
                owner_person = self.office_holders["Clerk of the Committee"]
                if rng.random() < 0.5:
                    parent["agenda_item_id"] = rng.choice(self.agenda_items)
                start = today - timedelta(days=rng.randint(0, 300))
            else:
                kind = FollowUpKind.RECOMMENDATION
                description = texts["recommendation"].format(recommendation=rng.choice(texts["recommendations"]))
                owner_body = self.bodies[rng.choice(texts["recommended_to"])]
                if rng.random() < 0.5:
                    parent["debate_id"] = self.debates[0]
                else:
                    years = sorted(self.budget_items)
                    parent["budget_item_id"] = rng.choice(self.budget_items[rng.choice(years)])
                if self.recommendations and index % 3 == 2:  # without drawing: the rest stays as it was
                    parent.update(debate_id=None, budget_item_id=None,
                                  recommendation_id=self.recommendations[index % len(self.recommendations)])
                start = today - timedelta(days=rng.randint(30, 330))
            if index == 4 and self.undertaking_follow_up is not None:  # one the committee opened on an undertaking
                undertaking_id, description, owner_body = self.undertaking_follow_up
                parent = {key: None for key in parent} | {"undertaking_id": undertaking_id}
                kind, owner_person = FollowUpKind.GOVERNMENT_UNDERTAKING, None
            if index == 0:  # always at least one overdue and one open item, however small the demo
                status, start = FollowUpStatus.OPEN, today - timedelta(days=120)
            elif index == 1:
                status, start = FollowUpStatus.OPEN, today - timedelta(days=10)
            due = start + timedelta(days=rng.randint(20, 150))
            if index == 0:
                due = min(due, today - timedelta(days=5))
            completed = None
            if status is FollowUpStatus.DONE:
                completed = min(today, start + timedelta(days=rng.randint(5, 160)))
            rows.append(self.record(
                kind=kind.value, description=description, **parent, owner_body_id=owner_body,
                owner_person_id=owner_person, due_date=due, status=status.value,
                outcome=rng.choice(data.outcomes[status]), completed_on=completed,
                tags=["annual-debate"] if parent["debate_id"] else [],
            ))
            if len(rows) == BATCH_SIZE:
                self.insert_records(FollowUp, rows)
                self.tick(len(rows))
                rows = []
        self.insert_records(FollowUp, rows)
        self.tick(len(rows))

    # -- the committee's view of the catalogue -------------------------------------------------------

    def make_assessments(self) -> None:
        """Self-assessments of about 60% of the commitments, and the country's status on every treaty;
        existing ones are updated (audited by the ORM) rather than duplicated."""
        rng, today = self.rng, self.today
        statuses = weighted(SELF_ASSESSMENT_WEIGHTS)
        codes = list(self.commitment_ids)
        existing = {a.commitment_id: a for a in self.session.scalars(select(CommitmentAssessment))}
        new_rows = []
        for code in sorted(rng.sample(codes, round(len(codes) * 0.6))):
            commitment_id = self.commitment_ids[code]
            status = rng.choice(statuses)
            reference = self.first_reference.get(commitment_id)
            raised, not_raised = self.data.evidence[status]
            evidence = raised.format(ref=reference) if reference else not_raised
            values = {"status": status.value, "evidence": evidence,
                      "assessed_on": today - timedelta(days=rng.randint(0, 200))}
            if commitment_id in existing:
                for key, value in values.items():
                    setattr(existing[commitment_id], key, value)
            else:
                new_rows.append(self.record(commitment_id=commitment_id, **values))
        self.insert_records(CommitmentAssessment, new_rows)

        existing_status = {s.instrument_id: s for s in self.session.scalars(select(InstrumentStatus))}
        new_rows = []
        for treaty in self.data.treaties:
            if treaty.instrument not in self.instrument_ids:
                continue
            values = {"status": treaty.status.value, "status_date": treaty.since,
                      "implementing_legislation": treaty.implementing_legislation,
                      "reservations": treaty.reservations}
            instrument_id = self.instrument_ids[treaty.instrument]
            if instrument_id in existing_status:
                for key, value in values.items():
                    setattr(existing_status[instrument_id], key, value)
            else:
                new_rows.append(self.record(instrument_id=instrument_id,
                                            confidentiality=Confidentiality.PUBLIC.value, **values))
        self.insert_records(InstrumentStatus, new_rows)
        self.session.flush()


def generate_demo(session: Session, *, questions: int = 500, seed: int = 2017, today: date | None = None,
                  progress: Progress | None = None) -> dict[str, int]:
    """Fill an (empty or not) database with realistic, deterministic sample records for a fictional
    parliament; return counts created per kind. Does not commit (caller commits)."""
    today = today or date.today()
    with _collector_paused():
        return _generate(session, questions, seed, today, progress)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: the rows of a large demo are hundreds of thousands of
    short-lived containers, and collections over them add a fifth to the running time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _generate(session: Session, questions: int, seed: int, today: date, progress: Progress | None) -> dict[str, int]:
    session.flush()
    # A database that already has an audit trail gets fresh uids; a fresh one gets the same records each time.
    history = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    rng = random.Random(seed if history == 0 else f"{seed}/{history}")
    generator = _Generator(session, read_sample_data(), rng, today, progress)
    follow_ups = max(20, questions // 20)
    generator.total = questions + follow_ups + 1
    generator.make_bodies()
    generator.make_people(random.Random("veloria-cast"))  # one parliament whatever the seed, so reruns reuse it
    generator.make_documents()
    committee_record.make_documents(generator)
    generator.make_budget()
    generator.tick(1)
    generator.make_questions(questions)
    generator.make_debates()
    generator.make_recommendations()
    committee_record.make_undertakings(generator)
    committee_record.make_risk_assessments(generator)
    generator.make_follow_ups(follow_ups)
    generator.make_assessments()
    return {kind: generator.counts.get(kind, 0) for kind in (
        "bodies", "people", "questions", "budget_items", "debates", "agenda_items", "agenda_item_links",
        "follow_ups", "documents", "recommendations", "undertakings", "risk_assessments", "risk_findings",
        "commitment_assessments", "instrument_statuses")}
