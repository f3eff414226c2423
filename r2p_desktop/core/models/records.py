"""The committee's own records (DESIGN §2): people and bodies, questions, budget items, debates,
follow-ups, documents, recommendations of UN human rights mechanisms, and the committee's assessments
of the catalogue."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, EnumText, RecordMixin, enum_check, non_negative, not_before
from .catalogue import Commitment, Instrument, RiskFactor


class BodyKind(StrEnum):
    MINISTRY = "ministry"
    NHRI = "nhri"
    OMBUDSPERSON = "ombudsperson"
    FOCAL_POINT = "focal_point"
    COMMITTEE = "committee"
    PARTY = "party"
    LEGISLATURE = "legislature"
    OTHER = "other"


class PersonKind(StrEnum):
    MP = "mp"
    MINISTER = "minister"
    OFFICIAL = "official"
    EXPERT = "expert"
    OTHER = "other"


class QuestionType(StrEnum):
    WRITTEN = "written"
    ORAL = "oral"
    URGENT = "urgent"
    COMMITTEE = "committee"


class QuestionStatus(StrEnum):
    DRAFT = "draft"
    TABLED = "tabled"
    HOLDING_ANSWER = "holding_answer"
    ANSWERED = "answered"
    WITHDRAWN = "withdrawn"
    CLOSED = "closed"


class Assessment(StrEnum):
    SATISFACTORY = "satisfactory"
    PARTIAL = "partial"
    UNSATISFACTORY = "unsatisfactory"
    NO_ANSWER = "no_answer"


class BudgetScope(StrEnum):
    DOMESTIC_PREVENTION = "domestic_prevention"
    INTERNATIONAL_ASSISTANCE = "international_assistance"
    PEACEKEEPING = "peacekeeping"
    HUMANITARIAN = "humanitarian"
    OTHER = "other"


class DebateStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"


class FollowUpKind(StrEnum):
    GOVERNMENT_UNDERTAKING = "government_undertaking"
    COMMITTEE_ACTION = "committee_action"
    RECOMMENDATION = "recommendation"


class FollowUpStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class DocumentKind(StrEnum):
    NHRI_ANNUAL_REPORT = "nhri_annual_report"
    RISK_ASSESSMENT = "risk_assessment"
    UPR_REPORT = "upr_report"
    SHADOW_REPORT = "shadow_report"
    GOVERNMENT_REPLY = "government_reply"
    OTHER = "other"


class AssessmentStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    ACHIEVED = "achieved"
    NOT_APPLICABLE = "not_applicable"


class RecommendationMechanism(StrEnum):
    UPR = "upr"
    TREATY_BODY = "treaty_body"
    SPECIAL_PROCEDURE = "special_procedure"
    REGIONAL_BODY = "regional_body"
    NHRI = "nhri"
    OTHER = "other"


class RecommendationResponse(StrEnum):
    """The government's position on a recommendation (the UPR's "supported" is accepted, "rejected" noted)."""

    ACCEPTED = "accepted"
    PARTIALLY_ACCEPTED = "partially_accepted"
    NOTED = "noted"
    PENDING = "pending"


class ImplementationStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    IMPLEMENTED = "implemented"
    NOT_IMPLEMENTED = "not_implemented"


class UndertakingStatus(StrEnum):
    PENDING = "pending"
    IMPLEMENTED = "implemented"
    PARTLY_IMPLEMENTED = "partly_implemented"
    DROPPED = "dropped"


class RiskLevel(StrEnum):
    """How far a risk factor of the UN Framework of Analysis is present, in the committee's judgement."""

    NOT_ASSESSED = "not_assessed"
    LOW = "low"
    MODERATE = "moderate"
    ELEVATED = "elevated"
    HIGH = "high"


class TreatyStatus(StrEnum):
    NOT_SIGNED = "not_signed"
    SIGNED = "signed"
    RATIFIED = "ratified"
    ACCEDED = "acceded"


def _link_table(name: str, owner: str, target: str, *, target_goes: str = "RESTRICT") -> Table:
    """A many-to-many link: removing the owner removes its links. Removing the target is refused while it
    is linked (a catalogue entry in use stays), or with target_goes="CASCADE" (a record at the other end)
    removes the link, never the other record."""
    return Table(
        name,
        Base.metadata,
        Column(f"{owner}_id", ForeignKey(f"{owner}s.id", ondelete="CASCADE"), primary_key=True),
        Column(f"{target}_id", ForeignKey(f"{target}s.id", ondelete=target_goes), primary_key=True, index=True),
    )


question_commitments = _link_table("question_commitments", "question", "commitment")
question_risk_factors = _link_table("question_risk_factors", "question", "risk_factor")
question_instruments = _link_table("question_instruments", "question", "instrument")
budget_item_commitments = _link_table("budget_item_commitments", "budget_item", "commitment")
recommendation_commitments = _link_table("recommendation_commitments", "recommendation", "commitment")
recommendation_questions = _link_table("recommendation_questions", "recommendation", "question",
                                       target_goes="CASCADE")
recommendation_documents = _link_table("recommendation_documents", "recommendation", "document",
                                       target_goes="CASCADE")
question_documents = _link_table("question_documents", "question", "document", target_goes="CASCADE")
undertaking_documents = _link_table("undertaking_documents", "undertaking", "document", target_goes="CASCADE")
risk_finding_documents = _link_table("risk_finding_documents", "risk_finding", "document", target_goes="CASCADE")
risk_finding_recommendations = _link_table("risk_finding_recommendations", "risk_finding", "recommendation",
                                           target_goes="CASCADE")
risk_finding_questions = _link_table("risk_finding_questions", "risk_finding", "question", target_goes="CASCADE")


class Body(RecordMixin, Base):
    """A ministry or other answering body, an NHRI, ombudsperson, focal point office or committee."""

    __tablename__ = "bodies"
    __table_args__ = (*RecordMixin.record_checks(), enum_check("kind", BodyKind))

    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[BodyKind] = mapped_column(EnumText(BodyKind, 20), default=BodyKind.MINISTRY)
    abbreviation: Mapped[str] = mapped_column(String(40), default="")
    # No longer offered for new entries; still listed, named by its records and in their history.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # The organisation's id in a Popolo file it was imported from, so a second import finds it again.
    popolo_id: Mapped[str | None] = mapped_column(String(200), unique=True)


class Person(RecordMixin, Base):
    __tablename__ = "people"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("kind", PersonKind),
        not_before("active_until", "active_from"),
    )

    full_name: Mapped[str] = mapped_column(String(200), index=True)
    kind: Mapped[PersonKind] = mapped_column(EnumText(PersonKind, 20), default=PersonKind.MP)
    party: Mapped[str] = mapped_column(String(120), default="")
    constituency: Mapped[str] = mapped_column(String(120), default="")
    role: Mapped[str] = mapped_column(String(200), default="")
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    # No longer offered for new entries (out of office); still listed, named by its records and in their history.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # An ISO date that may be partial ("1961", "1961-05", "1961-05-02"): registers often give only the year.
    birth_date: Mapped[str] = mapped_column(String(10), default="", server_default="")
    # Other names, each {name, lang, note}; contact details, each {type, value}; identifiers elsewhere, each
    # {scheme, identifier} (Wikidata, a parliament's own), as Popolo writes them.
    other_names: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")
    contact: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")
    identifiers: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list, server_default="[]")
    # The person's id in a Popolo file they were imported from, so a second import finds them again.
    popolo_id: Mapped[str | None] = mapped_column(String(200), unique=True, index=True)


class Membership(Base):
    """A person's place in an organisation (a party, the legislature, a committee) over a time, as a Popolo
    file gives it: dates are ISO text that may be partial, the constituency is the area's or post's name.
    Not a record of its own: it is written by the Popolo import alongside the person it belongs to."""

    __tablename__ = "memberships"
    __table_args__ = (UniqueConstraint("person_id", "body_id", "start_date", "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), index=True)
    # The party a member of the legislature sits for (Popolo's on_behalf_of).
    party_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    role: Mapped[str] = mapped_column(String(200), default="")
    constituency: Mapped[str] = mapped_column(String(200), default="")
    start_date: Mapped[str] = mapped_column(String(10), default="")
    end_date: Mapped[str] = mapped_column(String(10), default="")
    popolo_id: Mapped[str | None] = mapped_column(String(200), unique=True)


class Question(RecordMixin, Base):
    """A question put to the government. *Overdue* is derived from `answer_due`, never stored."""

    __tablename__ = "questions"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("type", QuestionType),
        enum_check("status", QuestionStatus),
        enum_check("assessment", Assessment, nullable=True),
        not_before("answer_due", "date_tabled"),
        not_before("date_answered", "date_tabled"),
        CheckConstraint("status <> 'answered' OR length(answer_text) > 0", name="answered_has_answer"),
        CheckConstraint("status = 'draft' OR date_tabled IS NOT NULL", name="tabled_has_date"),
        Index("ix_questions_status_answer_due", "status", "answer_due"),
    )

    reference: Mapped[str | None] = mapped_column(String(60), unique=True)
    type: Mapped[QuestionType] = mapped_column(EnumText(QuestionType, 12), default=QuestionType.WRITTEN)
    title: Mapped[str] = mapped_column(String(500), index=True)
    question_text: Mapped[str] = mapped_column(Text, default="")
    asked_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    addressed_to_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    date_tabled: Mapped[date | None] = mapped_column(Date, index=True)
    answer_due: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[QuestionStatus] = mapped_column(EnumText(QuestionStatus, 16), default=QuestionStatus.DRAFT)
    # A named day: the member named the day the answer is due, and the government must answer on it.
    named_day: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Moved to another ministry (addressed_to is the new one); each transfer is kept in the history.
    transferred_from_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"))
    transferred_on: Mapped[date | None] = mapped_column(Date)
    holding_answer_date: Mapped[date | None] = mapped_column(Date)
    holding_answer_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    answer_text: Mapped[str] = mapped_column(Text, default="")
    date_answered: Mapped[date | None] = mapped_column(Date)
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    # A published answer the government corrected: answer_text is the corrected one, this the one first given.
    original_answer_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    answer_corrected_on: Mapped[date | None] = mapped_column(Date)
    # One answer given to several questions: each of the others points at the question that holds it.
    answered_with_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="SET NULL"), index=True)
    assessment: Mapped[Assessment | None] = mapped_column(EnumText(Assessment, 16))
    pillar_number: Mapped[int | None] = mapped_column(ForeignKey("pillars.number", ondelete="RESTRICT"))

    asked_by: Mapped[Person | None] = relationship(foreign_keys=[asked_by_id])
    addressed_to: Mapped[Body | None] = relationship(foreign_keys=[addressed_to_id])
    transferred_from: Mapped[Body | None] = relationship(foreign_keys=[transferred_from_id])
    answered_by: Mapped[Person | None] = relationship(foreign_keys=[answered_by_id])
    answered_with: Mapped[Question | None] = relationship(remote_side="Question.id", back_populates="sharing_answer")
    sharing_answer: Mapped[list[Question]] = relationship(back_populates="answered_with",
                                                          order_by="Question.reference")
    commitments: Mapped[list[Commitment]] = relationship(secondary=question_commitments, order_by=Commitment.code)
    risk_factors: Mapped[list[RiskFactor]] = relationship(
        secondary=question_risk_factors, order_by=RiskFactor.number
    )
    instruments: Mapped[list[Instrument]] = relationship(secondary=question_instruments, order_by=Instrument.id)
    documents: Mapped[list[Document]] = relationship(secondary=question_documents, order_by="Document.id")


class BudgetItem(RecordMixin, Base):
    """A line of the budget debate on resources for atrocity prevention; amounts in minor units."""

    __tablename__ = "budget_items"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("scope", BudgetScope),
        CheckConstraint("fiscal_year BETWEEN 1900 AND 2200", name="fiscal_year_range"),
        CheckConstraint("length(currency) = 3 AND currency = upper(currency)", name="currency_iso"),
        non_negative("amount_requested"),
        non_negative("amount_allocated"),
        non_negative("amount_spent"),
    )

    fiscal_year: Mapped[int] = mapped_column(Integer, index=True)
    debate_date: Mapped[date | None] = mapped_column(Date)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    programme: Mapped[str] = mapped_column(String(300))
    scope: Mapped[BudgetScope] = mapped_column(EnumText(BudgetScope, 30), default=BudgetScope.DOMESTIC_PREVENTION)
    currency: Mapped[str] = mapped_column(String(3))
    amount_requested: Mapped[int | None] = mapped_column(Integer)
    amount_allocated: Mapped[int | None] = mapped_column(Integer)
    amount_spent: Mapped[int | None] = mapped_column(Integer)
    question_raised: Mapped[str] = mapped_column(Text, default="")
    government_response: Mapped[str] = mapped_column(Text, default="")
    committee_position: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")

    body: Mapped[Body | None] = relationship()
    commitments: Mapped[list[Commitment]] = relationship(
        secondary=budget_item_commitments, order_by=Commitment.code
    )


class Debate(RecordMixin, Base):
    __tablename__ = "debates"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("status", DebateStatus),
        non_negative("sitting_minutes"),
    )

    title: Mapped[str] = mapped_column(String(300))
    chamber: Mapped[str] = mapped_column(String(120), default="")
    date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[DebateStatus] = mapped_column(EnumText(DebateStatus, 10), default=DebateStatus.PLANNED)
    sitting_minutes: Mapped[int | None] = mapped_column(Integer)
    motion: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")

    agenda_items: Mapped[list[AgendaItem]] = relationship(
        back_populates="debate", order_by="AgendaItem.position", cascade="all, delete-orphan"
    )


class AgendaItem(RecordMixin, Base):
    __tablename__ = "agenda_items"
    __table_args__ = (*RecordMixin.record_checks(), non_negative("allotted_minutes"), non_negative("position"))

    debate_id: Mapped[int] = mapped_column(ForeignKey("debates.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    speakers: Mapped[str] = mapped_column(Text, default="")
    allotted_minutes: Mapped[int | None] = mapped_column(Integer)
    outcome_notes: Mapped[str] = mapped_column(Text, default="")

    debate: Mapped[Debate] = relationship(back_populates="agenda_items")
    links: Mapped[list[AgendaItemLink]] = relationship(cascade="all, delete-orphan")


class AgendaItemLink(Base):
    """A record discussed under an agenda item: exactly one of the target columns is set."""

    __tablename__ = "agenda_item_links"
    __table_args__ = (
        CheckConstraint(
            "(question_id IS NOT NULL) + (budget_item_id IS NOT NULL) + (follow_up_id IS NOT NULL)"
            " + (commitment_id IS NOT NULL) + (document_id IS NOT NULL) = 1",
            name="one_target",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"), index=True)
    budget_item_id: Mapped[int | None] = mapped_column(ForeignKey("budget_items.id", ondelete="CASCADE"))
    follow_up_id: Mapped[int | None] = mapped_column(ForeignKey("follow_ups.id", ondelete="CASCADE"))
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id", ondelete="CASCADE"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))


class FollowUp(RecordMixin, Base):
    """Something someone owes by a date; its parent is at most one record (a question, budget item,
    debate, agenda item, recommendation or undertaking), and a parent with follow-ups cannot be deleted."""

    __tablename__ = "follow_ups"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("kind", FollowUpKind),
        enum_check("status", FollowUpStatus),
        CheckConstraint(
            "(question_id IS NOT NULL) + (budget_item_id IS NOT NULL) + (debate_id IS NOT NULL)"
            " + (agenda_item_id IS NOT NULL) + (recommendation_id IS NOT NULL) + (undertaking_id IS NOT NULL) <= 1",
            name="one_parent",
        ),
        CheckConstraint("status <> 'done' OR completed_on IS NOT NULL", name="done_has_date"),
        Index("ix_follow_ups_status_due_date", "status", "due_date"),
    )

    kind: Mapped[FollowUpKind] = mapped_column(EnumText(FollowUpKind, 30), default=FollowUpKind.GOVERNMENT_UNDERTAKING)
    description: Mapped[str] = mapped_column(Text)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="RESTRICT"), index=True)
    budget_item_id: Mapped[int | None] = mapped_column(ForeignKey("budget_items.id", ondelete="RESTRICT"))
    debate_id: Mapped[int | None] = mapped_column(ForeignKey("debates.id", ondelete="RESTRICT"))
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="RESTRICT"))
    recommendation_id: Mapped[int | None] = mapped_column(ForeignKey("recommendations.id", ondelete="RESTRICT"),
                                                          index=True)
    undertaking_id: Mapped[int | None] = mapped_column(ForeignKey("undertakings.id", ondelete="RESTRICT"), index=True)
    owner_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"), index=True)
    owner_person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"))
    due_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[FollowUpStatus] = mapped_column(EnumText(FollowUpStatus, 12), default=FollowUpStatus.OPEN)
    outcome: Mapped[str] = mapped_column(Text, default="")
    completed_on: Mapped[date | None] = mapped_column(Date)

    question: Mapped[Question | None] = relationship()
    owner_body: Mapped[Body | None] = relationship()


class Document(RecordMixin, Base):
    __tablename__ = "documents"
    __table_args__ = (*RecordMixin.record_checks(), enum_check("kind", DocumentKind))

    title: Mapped[str] = mapped_column(String(500))
    kind: Mapped[DocumentKind] = mapped_column(EnumText(DocumentKind, 30), default=DocumentKind.OTHER)
    author_body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="SET NULL"))
    published_on: Mapped[date | None] = mapped_column(Date)
    # The attached file, if any: kept in the attachment store under its SHA-256 (core/attachments.py),
    # never moved or changed; file_name is the name it had, file_text the text read from it (a PDF's).
    file_name: Mapped[str] = mapped_column(String(300), default="")
    file_sha256: Mapped[str] = mapped_column(String(64), default="")
    file_size: Mapped[int | None] = mapped_column(Integer)
    file_text: Mapped[str] = mapped_column(Text, default="", server_default="")


class Recommendation(RecordMixin, Base):
    """A recommendation of a UN human rights mechanism (or a regional body, an NHRI) to the State, with the
    government's response and how far it has been carried out."""

    __tablename__ = "recommendations"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("mechanism", RecommendationMechanism),
        enum_check("response", RecommendationResponse),
        enum_check("implementation", ImplementationStatus),
        CheckConstraint("action_category IS NULL OR action_category BETWEEN 1 AND 5", name="action_category_range"),
    )

    mechanism: Mapped[RecommendationMechanism] = mapped_column(EnumText(RecommendationMechanism, 20),
                                                               default=RecommendationMechanism.UPR)
    cycle: Mapped[str] = mapped_column(String(60), default="", index=True)  # the UPR session or cycle: "13"
    state: Mapped[str] = mapped_column(String(120), default="")  # the State it is addressed to
    recommended_by: Mapped[str] = mapped_column(String(200), default="")  # the recommending State or body
    text: Mapped[str] = mapped_column(Text)
    themes: Mapped[list[str]] = mapped_column(JSON, default=list)
    response: Mapped[RecommendationResponse] = mapped_column(EnumText(RecommendationResponse, 20),
                                                             default=RecommendationResponse.PENDING)
    implementation: Mapped[ImplementationStatus] = mapped_column(EnumText(ImplementationStatus, 16),
                                                                 default=ImplementationStatus.NOT_STARTED)
    # UPR Info's category of action, 1 (minimal action) to 5 (specific action).
    action_category: Mapped[int | None] = mapped_column(Integer)

    commitments: Mapped[list[Commitment]] = relationship(secondary=recommendation_commitments,
                                                         order_by=Commitment.code)
    questions: Mapped[list[Question]] = relationship(secondary=recommendation_questions, order_by=Question.id)
    documents: Mapped[list[Document]] = relationship(secondary=recommendation_documents, order_by=Document.id)


class Undertaking(RecordMixin, Base):
    """A promise a minister or body gave the committee, in an answer, a debate or under an agenda item, and
    the date it is due. `extensions` lists the new dates the government asked for, oldest first, each as
    {"requested_on", "previous_due_on", "new_due_on", "reason"} (ISO dates); `due_on` is the date now due."""

    __tablename__ = "undertakings"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("status", UndertakingStatus),
        not_before("due_on", "given_on"),
        CheckConstraint("(question_id IS NOT NULL) + (debate_id IS NOT NULL) + (agenda_item_id IS NOT NULL) <= 1",
                        name="one_source"),
        CheckConstraint("status <> 'dropped' OR length(outcome) > 0", name="dropped_has_reason"),
        Index("ix_undertakings_status_due_on", "status", "due_on"),
    )

    text: Mapped[str] = mapped_column(Text)  # what was promised
    given_by_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="RESTRICT"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id", ondelete="RESTRICT"), index=True)
    question_id: Mapped[int | None] = mapped_column(ForeignKey("questions.id", ondelete="RESTRICT"), index=True)
    debate_id: Mapped[int | None] = mapped_column(ForeignKey("debates.id", ondelete="RESTRICT"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_items.id", ondelete="RESTRICT"),
                                                       index=True)
    given_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    extensions: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    status: Mapped[UndertakingStatus] = mapped_column(EnumText(UndertakingStatus, 20),
                                                      default=UndertakingStatus.PENDING)
    outcome: Mapped[str] = mapped_column(Text, default="")  # what was done, or why it was dropped
    completed_on: Mapped[date | None] = mapped_column(Date)

    given_by: Mapped[Person | None] = relationship()
    body: Mapped[Body | None] = relationship()
    question: Mapped[Question | None] = relationship()
    debate: Mapped[Debate | None] = relationship()
    agenda_item: Mapped[AgendaItem | None] = relationship()
    documents: Mapped[list[Document]] = relationship(secondary=undertaking_documents, order_by=Document.id)


class RiskAssessment(RecordMixin, Base):
    """The committee's atrocity risk assessment for a year: one finding per risk factor of the UN Framework
    of Analysis, and the document it drew on (an NHRI's or the government's own assessment)."""

    __tablename__ = "risk_assessments"
    __table_args__ = (
        *RecordMixin.record_checks(),
        CheckConstraint("year BETWEEN 1900 AND 2200", name="year_range"),
    )

    year: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    assessed_on: Mapped[date | None] = mapped_column(Date)
    source_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"))

    source_document: Mapped[Document | None] = relationship()
    findings: Mapped[list[RiskFinding]] = relationship(back_populates="assessment", cascade="all, delete-orphan")


class RiskFinding(RecordMixin, Base):
    """One risk factor's level in one assessment, with the note and the records that bear it out."""

    __tablename__ = "risk_findings"
    __table_args__ = (
        *RecordMixin.record_checks(),
        enum_check("level", RiskLevel),
        UniqueConstraint("risk_assessment_id", "risk_factor_id"),  # one finding per factor
    )

    risk_assessment_id: Mapped[int] = mapped_column(ForeignKey("risk_assessments.id", ondelete="CASCADE"))
    risk_factor_id: Mapped[int] = mapped_column(ForeignKey("risk_factors.id", ondelete="RESTRICT"), index=True)
    level: Mapped[RiskLevel] = mapped_column(EnumText(RiskLevel, 14), default=RiskLevel.NOT_ASSESSED)
    note: Mapped[str] = mapped_column(Text, default="")

    assessment: Mapped[RiskAssessment] = relationship(back_populates="findings")
    risk_factor: Mapped[RiskFactor] = relationship()
    documents: Mapped[list[Document]] = relationship(secondary=risk_finding_documents, order_by=Document.id)
    recommendations: Mapped[list[Recommendation]] = relationship(secondary=risk_finding_recommendations,
                                                                 order_by=Recommendation.id)
    questions: Mapped[list[Question]] = relationship(secondary=risk_finding_questions, order_by=Question.id)


class CommitmentAssessment(RecordMixin, Base):
    """The committee's self-assessment of one catalogue commitment."""

    __tablename__ = "commitment_assessments"
    __table_args__ = (*RecordMixin.record_checks(), enum_check("status", AssessmentStatus))

    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id", ondelete="RESTRICT"), unique=True)
    status: Mapped[AssessmentStatus] = mapped_column(EnumText(AssessmentStatus, 16),
                                                     default=AssessmentStatus.NOT_STARTED)
    evidence: Mapped[str] = mapped_column(Text, default="")
    assessed_on: Mapped[date | None] = mapped_column(Date)

    commitment: Mapped[Commitment] = relationship()


class InstrumentStatus(RecordMixin, Base):
    """The country's position on one core treaty."""

    __tablename__ = "instrument_statuses"
    __table_args__ = (*RecordMixin.record_checks(), enum_check("status", TreatyStatus))

    instrument_id: Mapped[int] = mapped_column(ForeignKey("instruments.id", ondelete="RESTRICT"), unique=True)
    status: Mapped[TreatyStatus] = mapped_column(EnumText(TreatyStatus, 12), default=TreatyStatus.NOT_SIGNED)
    status_date: Mapped[date | None] = mapped_column(Date)
    implementing_legislation: Mapped[str] = mapped_column(Text, default="")
    reservations: Mapped[str] = mapped_column(Text, default="")

    instrument: Mapped[Instrument] = relationship()
