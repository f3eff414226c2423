"""A small known committee record for the briefing-pack tests: public, committee and restricted records
linked to each other every way a pack can reach them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from briefing_helpers import DEBATE_DAY, SECRET, TODAY, add_question
from sqlalchemy import select

from r2p_desktop.core.models import (
    AgendaItem,
    AgendaItemLink,
    Body,
    BodyKind,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    FollowUp,
    Instrument,
    InstrumentStatus,
    Person,
)


@pytest.fixture
def record(database):
    """The known record: ids by name."""
    with database.session() as s:
        committee = Body(name="Select Committee on Prevention", kind=BodyKind.COMMITTEE.value, confidentiality="public")
        ministry = Body(name="Ministry of Foreign Affairs", abbreviation="MFA", confidentiality="public")
        member = Person(full_name="Ada Member", confidentiality="public")
        secret_member = Person(full_name=f"Bob {SECRET} Hidden", confidentiality="committee")
        s.add_all([committee, ministry, member, secret_member])
        s.flush()
        public_q = add_question(s, reference="WQ-1", title="Public question on early warning", addressed_to=ministry,
                                asked_by=member, answer="Public answer about the early-warning unit.",
                                assessment="partial")
        open_q = add_question(s, reference="WQ-2", title="Public question still awaiting an answer",
                              addressed_to=ministry, asked_by=secret_member)
        committee_q = add_question(s, reference="WQ-3", title=f"Committee question {SECRET} one",
                                   addressed_to=ministry, asked_by=member, confidentiality="committee",
                                   answer=f"Committee answer {SECRET} two")
        restricted_q = add_question(s, reference="WQ-4", title="Restricted question RESTRICTED-MARKER",
                                    addressed_to=ministry, confidentiality="restricted",
                                    answer="Restricted answer RESTRICTED-MARKER")
        commitment = s.scalars(select(Commitment).order_by(Commitment.code)).first()
        committee_q.commitments.append(commitment)
        public_q.commitments.append(commitment)
        s.add(CommitmentAssessment(commitment=commitment, status="in_progress", confidentiality="committee",
                                   evidence=f"Assessment evidence {SECRET} three"))
        instrument = s.scalars(select(Instrument).order_by(Instrument.id)).first()
        s.add(InstrumentStatus(instrument=instrument, status="ratified", status_date=TODAY - timedelta(900),
                               implementing_legislation=f"Secret bill {SECRET} four", confidentiality="committee"))
        s.add_all([
            BudgetItem(fiscal_year=TODAY.year, programme="Public early-warning unit", currency="EUR",
                       amount_allocated=150_000_00, body=ministry, scope="domestic_prevention",
                       government_response="Public response on the unit.", confidentiality="public"),
            BudgetItem(fiscal_year=TODAY.year - 1, programme="Public early-warning unit", currency="EUR",
                       amount_allocated=100_000_00, body=ministry, scope="domestic_prevention",
                       confidentiality="public"),
            BudgetItem(fiscal_year=TODAY.year, programme=f"Secret programme {SECRET} five", currency="EUR",
                       amount_allocated=99_000_00, scope="peacekeeping", confidentiality="committee"),
        ])
        previous = Debate(title="Last year's debate", date=TODAY - timedelta(300), status="held",
                          confidentiality="public")
        debate = Debate(title="Annual R2P debate", chamber="Assembly", date=DEBATE_DAY, status="planned",
                        motion="That this House supports prevention.", confidentiality="public")
        s.add_all([previous, debate])
        s.flush()
        public_item = AgendaItem(debate=debate, position=0, title="Opening statement", confidentiality="public",
                                 description="The minister opens the debate.")
        secret_item = AgendaItem(debate=debate, position=1, title=f"Closed session {SECRET} six",
                                 confidentiality="committee")
        s.add_all([public_item, secret_item])
        s.flush()
        s.add_all([AgendaItemLink(agenda_item_id=public_item.id, question_id=public_q.id),
                   AgendaItemLink(agenda_item_id=public_item.id, question_id=committee_q.id),
                   AgendaItemLink(agenda_item_id=public_item.id, question_id=restricted_q.id)])
        s.add_all([
            FollowUp(description="Public undertaking to publish the assessment", question=public_q,
                     owner_body=ministry, due_date=TODAY - timedelta(5), confidentiality="public"),
            FollowUp(description="Public undertaking arising from a confidential question", question=committee_q,
                     due_date=TODAY + timedelta(20), confidentiality="public"),
            FollowUp(description=f"Committee action {SECRET} seven", due_date=TODAY + timedelta(3),
                     confidentiality="committee"),
        ])
        s.commit()
        return {"debate": debate.id, "previous": previous.id, "public_q": public_q.id, "open_q": open_q.id}


@pytest.fixture
def whole_record(database, record):
    """The known record with the rest of what a committee keeps: recommendations, government undertakings
    (public and committee-only), this year's and last year's risk assessments, and documents."""
    from r2p_desktop.core.models import (
        Document,
        Question,
        Recommendation,
        RiskAssessment,
        RiskFactor,
        RiskFinding,
        Undertaking,
    )

    with database.session() as s:
        ministry = s.scalars(select(Body).where(Body.abbreviation == "MFA")).one()
        minister = Person(full_name="Carla Minister", confidentiality="public")
        question = s.get(Question, record["public_q"])
        reply = Document(title="Government reply on early warning", kind="government_reply",
                         author_body_id=ministry.id, published_on=TODAY - timedelta(20), file_name="reply.pdf",
                         file_size=48_000, confidentiality="public")
        nhri = Document(title="NHRI risk assessment 保护责任", kind="risk_assessment",
                        published_on=TODAY - timedelta(60), confidentiality="public")
        secret_doc = Document(title=f"Intelligence brief {SECRET} eight", kind="other", confidentiality="committee")
        s.add_all([minister, reply, nhri, secret_doc])
        s.flush()
        accepted = Recommendation(text="Ratify the Arms Trade Treaty & <b>report</b> on exports.",
                                  recommended_by="Norway", cycle="14", state="Veloria", response="accepted",
                                  implementation="in_progress", confidentiality="public", questions=[question])
        noted = Recommendation(text="Abolish the death penalty.", recommended_by="France", cycle="9", state="Veloria",
                               response="noted", implementation="not_started", confidentiality="public")
        hidden = Recommendation(text=f"Recommendation {SECRET} nine", recommended_by="Chile", cycle="14",
                                response="accepted", confidentiality="committee")
        s.add_all([accepted, noted, hidden])
        debate = s.get(Debate, record["previous"])
        s.add_all([
            Undertaking(text="Publish the early-warning methodology", given_by=minister, body=ministry,
                        question=question, given_on=TODAY - timedelta(100), due_on=TODAY - timedelta(10),
                        extensions=[{"requested_on": (TODAY - timedelta(40)).isoformat(),
                                     "previous_due_on": (TODAY - timedelta(30)).isoformat(),
                                     "new_due_on": (TODAY - timedelta(10)).isoformat(), "reason": "Consultation"}],
                        confidentiality="public"),
            Undertaking(text="Report to the Assembly on mediation funding", given_by=minister, debate=debate,
                        given_on=TODAY - timedelta(30), due_on=TODAY + timedelta(12), confidentiality="public"),
            Undertaking(text="Review the hate speech law", body=ministry, given_on=TODAY - timedelta(10),
                        due_on=TODAY + timedelta(120), confidentiality="public"),
            Undertaking(text="Close the old detention centre", body=ministry, given_on=TODAY - timedelta(400),
                        due_on=TODAY - timedelta(200), status="dropped", outcome="The centre was sold instead.",
                        confidentiality="public"),
            Undertaking(text=f"Undertaking {SECRET} ten", body=ministry, given_on=TODAY - timedelta(50),
                        due_on=TODAY - timedelta(3), confidentiality="committee"),
        ])
        factors = list(s.scalars(select(RiskFactor).order_by(RiskFactor.number)))
        levels = ("low", "moderate", "elevated", "high")
        for year, shift in ((TODAY.year - 1, 0), (TODAY.year, 1)):
            assessment = RiskAssessment(year=year, title=f"Risk assessment {year}", assessed_on=TODAY - timedelta(5),
                                        source_document=nhri if shift else None, confidentiality="public")
            s.add(assessment)
            for factor in factors:
                level = levels[(factor.number + shift * (factor.number % 3 - 1)) % 4]
                s.add(RiskFinding(assessment=assessment, risk_factor=factor, level=level, confidentiality="public",
                                  note=f"Note on factor {factor.number} in {year}",
                                  documents=[nhri] if factor.number == 1 else []))
        s.commit()
        return {**record, "factors": [(f.number, f.title) for f in factors], "question_ref": question.reference}
