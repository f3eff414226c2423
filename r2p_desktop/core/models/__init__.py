"""SQLAlchemy models of DESIGN §2."""

from .audit_entry import AuditEntry
from .base import Base, Confidentiality, RecordMixin
from .catalogue import Actor, Commitment, Instrument, Pillar, RiskFactor, RiskScope, Source
from .records import (
    AgendaItem,
    AgendaItemLink,
    Assessment,
    AssessmentStatus,
    Body,
    BodyKind,
    BudgetItem,
    BudgetScope,
    CommitmentAssessment,
    Debate,
    DebateStatus,
    Document,
    DocumentKind,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    InstrumentStatus,
    Person,
    PersonKind,
    Question,
    QuestionStatus,
    QuestionType,
    TreatyStatus,
)

__all__ = [name for name in dir() if not name.startswith("_")]
