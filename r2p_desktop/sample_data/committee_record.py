"""The rest of the committee's record in the sample data (resources/demo/record.toml): the documents it
keeps, the undertakings the government gave it in answers and in the last debate, and its risk assessments
of the last two years, one finding per risk factor.

Each draws from a stream of its own (seeded from the generator's, which it leaves where it was), so the
records the generator makes after these are the same as they were before these existed."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from ..core.models import Debate, Document, QuestionStatus, RiskAssessment, RiskFactor, RiskFinding, Undertaking
from ..core.values import Values
from .attached_files import attach_files
from .data_files import UndertakingSpec

if TYPE_CHECKING:
    from .generator import Links, _Generator

NO_FILE = {"file_name": "", "file_sha256": "", "file_size": None, "file_text": ""}
EXTENSION_DAYS = 60  # how far the one extension of an undertaking moved its due date


def own_stream(generator: _Generator, name: str) -> random.Random:
    twin = random.Random()
    twin.setstate(generator.rng.getstate())
    return random.Random(f"{name}/{twin.getrandbits(64)}")


def _record(generator: _Generator, own: random.Random, **values: object) -> Values:
    return generator.record(uid=str(uuid.UUID(int=own.getrandbits(128), version=4)), **values)


def make_documents(generator: _Generator) -> None:
    """The documents of record.toml, each kept by its key for the records that link it."""
    own, year, today = own_stream(generator, "documents"), generator.today.year, generator.today
    specs = generator.data.record_documents
    titles = [spec.title.format(last_year=year - 1, year_before_last=year - 2) for spec in specs]
    files = attach_files(generator.session, specs, titles)
    rows = [_record(generator, own, title=title, kind=spec.kind.value,
                    author_body_id=generator.bodies[spec.body] if spec.body else None,
                    published_on=today - timedelta(days=spec.days_ago + own.randint(0, 10)),
                    confidentiality=spec.confidentiality.value,
                    **(stored.columns() if stored else NO_FILE))
            for spec, title, stored in zip(specs, titles, files, strict=True)]
    ids = generator.insert_records(Document, rows)
    generator.document_keys = {spec.key: doc_id for spec, doc_id in zip(specs, ids, strict=True)}


def link_reply(generator: _Generator, rows: list[Values], links: list[Links]) -> None:
    """Link the Ministry of Justice's written reply to the last question it answered in the first batch
    (any answered question if it answered none), as the question is inserted."""
    reply = generator.document_keys.pop("reply_to_question", None)  # once: later batches link nothing
    if reply is None:
        return
    answered = [n for n, row in enumerate(rows) if row["status"] == QuestionStatus.ANSWERED]
    by_justice = [n for n in answered if rows[n]["addressed_to_id"] == generator.bodies["MOJ"]]
    chosen = (by_justice or answered)[-1:]
    for n in chosen:
        links[n]["documents"] = [reply]
    generator.document_keys["reply_to_question"] = reply


def _source(generator: _Generator, spec: UndertakingSpec) -> tuple[Values, date]:
    """Where an undertaking was given (its question or debate) and on what day."""
    if spec.given_in == "answer" and generator.answered:
        wanted = generator.today - timedelta(days=spec.given_days_ago)
        body = generator.bodies.get(spec.body)
        candidates = [a for a in generator.answered if a[2] == body] or generator.answered
        question_id, _, _, answered_on, _ = min(candidates, key=lambda a: (abs((a[3] - wanted).days), a[0]))
        return {"question_id": question_id, "debate_id": None}, answered_on
    held = generator.session.get(Debate, generator.debates[0])
    assert held is not None and held.date is not None  # the held debate is made before the undertakings
    return {"question_id": None, "debate_id": held.id}, held.date


def make_undertakings(generator: _Generator) -> None:
    own, today = own_stream(generator, "undertakings"), generator.today
    rows, links, follow_up = [], [], None
    for spec in generator.data.undertakings:
        source, given_on = _source(generator, spec)
        due = max(today + timedelta(days=spec.due_in_days), given_on)
        extensions = []
        if spec.extension:
            before = max(due - timedelta(days=EXTENSION_DAYS), given_on)
            extensions.append({"requested_on": max(before - timedelta(days=10), given_on).isoformat(),
                               "previous_due_on": before.isoformat(), "new_due_on": due.isoformat(),
                               "reason": spec.extension})
        completed = min(today, due - timedelta(days=own.randint(0, 20))) if spec.status.value == "implemented" \
            else None
        rows.append(_record(generator, own, text=spec.text, given_by_id=generator.ministers.get(spec.body),
                            body_id=generator.bodies[spec.body], agenda_item_id=None, **source,
                            given_on=given_on, due_on=due, extensions=extensions, status=spec.status.value,
                            outcome=spec.outcome, completed_on=max(completed, given_on) if completed else None,
                            confidentiality=spec.confidentiality.value))
        links.append({"documents": sorted(generator.document_keys[key] for key in spec.documents)})
    ids = generator.insert_records(Undertaking, rows, links)
    for spec, undertaking_id in zip(generator.data.undertakings, ids, strict=True):
        if spec.follow_up and follow_up is None:
            follow_up = (undertaking_id, spec.follow_up, generator.bodies[spec.body])
    generator.undertaking_follow_up = follow_up


def make_risk_assessments(generator: _Generator) -> None:
    """The assessments of record.toml for the years that have none yet, with a finding per risk factor."""
    own, today, data = own_stream(generator, "risk"), generator.today, generator.data
    factors = dict(generator.session.execute(select(RiskFactor.number, RiskFactor.id)).all())
    taken = set(generator.session.scalars(select(RiskAssessment.year)))
    for place, spec in enumerate(data.risk_assessments):
        year = today.year - spec.years_ago
        if year in taken:
            continue
        assessed_on = min(date(year, 11, 20), today)
        [assessment_id] = generator.insert_records(RiskAssessment, [_record(
            generator, own, year=year, title=spec.title.format(year=year), assessed_on=assessed_on,
            source_document_id=generator.document_keys.get(spec.source), notes=spec.notes,
            confidentiality="public")])
        rows, links = [], []
        for finding in data.risk_findings:
            if finding.factor not in factors:
                continue
            rows.append(_record(generator, own, risk_assessment_id=assessment_id,
                                risk_factor_id=factors[finding.factor], level=finding.levels[place].value,
                                note=finding.notes[place], confidentiality="public"))
            recommendations = [generator.recommendations[n] for n in finding.recommendations
                               if n < len(generator.recommendations)]
            # the evidence of the latest assessment only: the earlier one was drawn up before these existed
            latest = place == len(data.risk_assessments) - 1
            links.append({"documents": sorted(generator.document_keys[key] for key in finding.documents)
                          if latest else [], "recommendations": sorted(recommendations) if latest else []})
        generator.insert_records(RiskFinding, rows, links)
