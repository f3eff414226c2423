"""The form of each kind of record a clerk edits, declared once: its fields in order, their labels and
what they take. The dialogs are built from these (`ui/dialogs/record_dialog.py`), and so is the question
form below the questions table (`ui/views/question_editor.py`)."""

from __future__ import annotations

from ..core import kinds
from ..core.models import (
    Assessment,
    AssessmentStatus,
    BodyKind,
    BudgetScope,
    DebateStatus,
    DocumentKind,
    FollowUpKind,
    FollowUpStatus,
    ImplementationStatus,
    PersonKind,
    QuestionStatus,
    QuestionType,
    RecommendationMechanism,
    RecommendationResponse,
    TreatyStatus,
    UndertakingStatus,
)
from .forms import Entry, Field, Form, confidentiality_field

# The question form's groups, side by side on its first page, and its page of links.
QUESTION_GROUP, ANSWER_GROUP, FILING_GROUP, LINKS_PAGE = "Question", "Answer", "Filing", "Links"

QUESTION = Form(kinds.QUESTION.key, (
    Field("reference", "&Reference", placeholder="The parliament's own number, e.g. WQ 2017/145",
          section=QUESTION_GROUP),
    Field("type", "T&ype", Entry.CHOICE, QuestionType, section=QUESTION_GROUP),
    Field("title", "&Title", placeholder="What the question is about, in a line", section=QUESTION_GROUP),
    Field("asked_by_id", "&Asked by", Entry.PERSON_NAME, tooltip="Member who asked; a new name is added to People",
          section=QUESTION_GROUP),
    Field("addressed_to_id", "Addressed &to", Entry.BODY_NAME,
          tooltip="Ministry or body that must answer; a new name is added to Bodies", section=QUESTION_GROUP),
    Field("date_tabled", "Date ta&bled", Entry.DATE, section=QUESTION_GROUP),
    Field("answer_due", "Answer d&ue", Entry.DATE, section=QUESTION_GROUP),
    Field("named_day", "Named day", Entry.FLAG, section=QUESTION_GROUP,
          tooltip="The member named the day: the government must answer on it, not merely by it"),
    Field("status", "&Status", Entry.CHOICE, QuestionStatus, section=QUESTION_GROUP),
    Field("question_text", "&Question text", Entry.TEXT, section=QUESTION_GROUP),
    Field("holding_answer_text", "Holding answer", Entry.TEXT, section=ANSWER_GROUP,
          placeholder="What the government said while it prepares the full answer"),
    Field("holding_answer_date", "Holding answer on", Entry.DATE, section=ANSWER_GROUP),
    Field("answer_text", "Answer te&xt", Entry.TEXT, section=ANSWER_GROUP),
    Field("date_answered", "Date a&nswered", Entry.DATE, section=ANSWER_GROUP),
    Field("answered_by_id", "Answered by", Entry.PERSON_NAME, section=ANSWER_GROUP,
          tooltip="Minister or official who gave the answer; a new name is added to People"),
    Field("assessment", "Our assess&ment", Entry.CHOICE, Assessment, unset_text="Not assessed", section=ANSWER_GROUP),
    Field("pillar_number", "&Pillar", Entry.PILLAR, section=FILING_GROUP),
    confidentiality_field(section=FILING_GROUP),
    Field("tags", "Ta&gs", Entry.TAGS, placeholder="Separate tags with ;", section=FILING_GROUP),
    Field("notes", "N&otes", Entry.TEXT, section=FILING_GROUP),
    # What the question holds the government to, ticked on a page of their own.
    Field("commitments", "Co&mmitments", Entry.CODES, section=LINKS_PAGE),
    Field("risk_factors", "&Risk factors", Entry.CODES, section=LINKS_PAGE),
    Field("instruments", "&Instruments", Entry.CODES, section=LINKS_PAGE),
))

# What the question form asks for a transfer to another ministry and for a corrected answer
# (app/answers.py carries them out).
TRANSFER = Form(kinds.QUESTION.key, (
    Field("addressed_to_id", "&To", Entry.BODY_NAME, tooltip="The ministry or body that now must answer"),
    Field("transferred_on", "&On", Entry.DATE),
    Field("answer_due", "Answer now &due", Entry.DATE, tooltip="Leave empty when the due date stays"),
))
CORRECTION = Form(kinds.QUESTION.key, (
    Field("answer_text", "&Corrected answer", Entry.TEXT),
    Field("answer_corrected_on", "Corrected &on", Entry.DATE),
))

BODY = Form(kinds.BODY.key, (
    Field("name", "&Name", max_length=200, placeholder="e.g. Ministry of Foreign Affairs"),
    Field("kind", "&Kind", Entry.CHOICE, BodyKind),
    Field("abbreviation", "&Abbreviation", max_length=40, placeholder="e.g. MFA"),
    confidentiality_field(),
    Field("notes", "N&otes", Entry.TEXT,
          placeholder="Mandate, contact points, anything the committee should remember"),
))

PERSON = Form(kinds.PERSON.key, (
    Field("full_name", "Full &name", max_length=200),
    Field("kind", "&Kind", Entry.CHOICE, PersonKind),
    Field("party", "&Party", max_length=120),
    Field("constituency", "Cons&tituency", max_length=120),
    Field("role", "&Role", max_length=200, placeholder="e.g. Minister of Justice, chair of the committee"),
    Field("body_id", "&Body", Entry.BODY, tooltip="The ministry or institution this person belongs to, if any"),
    Field("active_from", "Active &from", Entry.DATE),
    Field("active_until", "Active &until", Entry.DATE),
    confidentiality_field(),
    Field("notes", "N&otes", Entry.TEXT),
))

DEBATE = Form(kinds.DEBATE.key, (
    Field("title", "&Title", max_length=300, placeholder="e.g. Annual debate on the Responsibility to Protect"),
    Field("chamber", "Cham&ber", max_length=120, placeholder="e.g. National Assembly, Foreign Affairs Committee"),
    Field("date", "&Date", Entry.DATE),
    Field("status", "&Status", Entry.CHOICE, DebateStatus, narrow=True),
    Field("sitting_minutes", "Sitting &length", Entry.NUMBER, maximum=24 * 60, suffix=" min", narrow=True,
          unset_text="Not set", tooltip="The agenda's allotted minutes are counted against this"),
    Field("motion", "&Motion", Entry.TEXT, placeholder="The motion before the house, if any"),
    Field("outcome", "&Outcome", Entry.TEXT, placeholder="What the debate resolved or the government undertook"),
    confidentiality_field(),
    Field("tags", "T&ags", Entry.TAGS, placeholder="Separate tags with ;"),
    Field("notes", "Not&es", Entry.TEXT),
))

_AMOUNT_TIP = "In the line's currency; leave empty if not known"

BUDGET_ITEM = Form(kinds.BUDGET_ITEM.key, (
    Field("fiscal_year", "Fiscal &year", Entry.NUMBER, minimum=1900, maximum=2200, narrow=True),
    Field("debate_date", "Budget &debate", Entry.DATE,
          tooltip="The day of the budget debate in which this line was raised"),
    Field("body_id", "&Body", Entry.BODY, tooltip="The ministry or institution whose budget holds this line"),
    Field("programme", "&Programme", max_length=300, placeholder="Programme or budget line, as the budget names it"),
    Field("scope", "&Scope", Entry.CHOICE, BudgetScope),
    Field("currency", "C&urrency", max_length=3, placeholder="EUR", tooltip="Three-letter ISO 4217 code",
          narrow=True),
    Field("amount_requested", "&Requested", Entry.MONEY, tooltip=_AMOUNT_TIP),
    Field("amount_allocated", "&Allocated", Entry.MONEY, tooltip=_AMOUNT_TIP),
    Field("amount_spent", "Spe&nt", Entry.MONEY, tooltip=_AMOUNT_TIP),
    confidentiality_field(),
    Field("tags", "&Tags", Entry.TAGS, placeholder="Separate tags with ;"),
    Field("commitments", "Comm&itments", Entry.CODES),
    # The second column: what the committee raised in the budget debate and what came of it.
    Field("question_raised", "&Question raised", Entry.TEXT, column=1),
    Field("government_response", "&Government response", Entry.TEXT, column=1),
    Field("committee_position", "Co&mmittee position", Entry.TEXT, column=1),
    Field("outcome", "&Outcome", Entry.TEXT, column=1),
    Field("notes", "Not&es", Entry.TEXT, column=1),
))

FOLLOW_UP = Form(kinds.FOLLOW_UP.key, (
    Field("kind", "&Kind", Entry.CHOICE, FollowUpKind),
    Field("description", "&What is to be done", Entry.TEXT, placeholder="What is to be done, in a sentence or two"),
    Field("owner_body_id", "&Owner", Entry.BODY_NAME,
          tooltip="Ministry or body that must act; a new name is added to Bodies"),
    Field("due_date", "&Due", Entry.DATE),
    Field("status", "&Status", Entry.CHOICE, FollowUpStatus),
    Field("outcome", "O&utcome", Entry.TEXT, placeholder="What was done, or why it was dropped"),
    Field("completed_on", "&Completed on", Entry.DATE),
))

AGENDA_ITEM = Form(kinds.AGENDA_ITEM.key, (
    Field("title", "&Title", max_length=300),
    Field("description", "&Description", Entry.TEXT),
    Field("speakers", "S&peakers", Entry.TEXT, placeholder="One speaker a line"),
    Field("allotted_minutes", "&Allotted time", Entry.NUMBER, maximum=24 * 60, suffix=" min", narrow=True,
          unset_text="Not set"),
    Field("outcome_notes", "&Outcome", Entry.TEXT),
))

RECOMMENDATION = Form(kinds.RECOMMENDATION.key, (
    Field("mechanism", "&Mechanism", Entry.CHOICE, RecommendationMechanism),
    Field("cycle", "Cycle or s&ession", max_length=60, placeholder="e.g. 14 (the UPR session)", narrow=True),
    Field("state", "To (St&ate)", max_length=120, placeholder="The State under review"),
    Field("recommended_by", "Recommended &by", max_length=200,
          placeholder="The recommending State, treaty body or mandate holder"),
    Field("response", "Government's &response", Entry.CHOICE, RecommendationResponse),
    Field("implementation", "Im&plementation", Entry.CHOICE, ImplementationStatus),
    Field("action_category", "Category of actio&n", Entry.NUMBER, maximum=5, unset_text="Not categorised",
          narrow=True, tooltip="UPR Info's scale: 1 asks for minimal action, 5 for a specific one"),
    Field("themes", "T&hemes", Entry.TAGS, placeholder="Separate themes with ;"),
    confidentiality_field(),
    Field("tags", "Ta&gs", Entry.TAGS, placeholder="Separate tags with ;"),
    Field("commitments", "Comm&itments", Entry.CODES),
    Field("text", "&Text", Entry.TEXT, placeholder="The recommendation as the mechanism worded it", column=1),
    Field("notes", "N&otes", Entry.TEXT, placeholder="What the government has done about it, and where it says so",
          column=1),
))

# The attached file is chosen beside these fields (the document dialog), never typed.
DOCUMENT = Form(kinds.DOCUMENT.key, (
    Field("title", "&Title", max_length=500, placeholder="e.g. Government reply to WQ 2026/14"),
    Field("kind", "&Kind", Entry.CHOICE, DocumentKind),
    Field("author_body_id", "&From", Entry.BODY, tooltip="The ministry, NHRI or other body the document comes from"),
    Field("published_on", "&Published on", Entry.DATE),
    confidentiality_field(),
    Field("tags", "Ta&gs", Entry.TAGS, placeholder="Separate tags with ;"),
    Field("notes", "N&otes", Entry.TEXT, placeholder="What the document says that matters to the committee"),
))

# Where it was given (an answer, a debate, an agenda item) is set by the record it is taken from.
UNDERTAKING = Form(kinds.UNDERTAKING.key, (
    Field("text", "What was &promised", Entry.TEXT, placeholder="The undertaking, in the minister's words if possible"),
    Field("given_by_id", "Given &by", Entry.PERSON_NAME,
          tooltip="The minister or official who gave it; a new name is added to People"),
    Field("body_id", "Mi&nistry or body", Entry.BODY_NAME,
          tooltip="The ministry or body bound by it; a new name is added to Bodies"),
    Field("given_on", "&Given on", Entry.DATE),
    Field("due_on", "&Due", Entry.DATE, tooltip="Three months after it was given unless the committee set otherwise"),
    Field("status", "&Status", Entry.CHOICE, UndertakingStatus),
    Field("outcome", "O&utcome", Entry.TEXT, placeholder="What was done, or why it was dropped"),
    Field("completed_on", "&Completed on", Entry.DATE),
    confidentiality_field(),
    Field("tags", "Ta&gs", Entry.TAGS, placeholder="Separate tags with ;"),
    Field("notes", "N&otes", Entry.TEXT),
))

# The findings, one per risk factor, are edited in the assessment's own grid (the risk assessments view).
RISK_ASSESSMENT = Form(kinds.RISK_ASSESSMENT.key, (
    Field("year", "&Year", Entry.NUMBER, minimum=1900, maximum=2200, narrow=True),
    Field("title", "&Title", max_length=300, placeholder="e.g. Atrocity risk assessment 2026"),
    Field("assessed_on", "&Assessed on", Entry.DATE),
    confidentiality_field(),
    Field("notes", "&Summary", Entry.TEXT, placeholder="The committee's overall reading of the risks this year"),
))

# Keyed by catalogue code: app/catalogue_records.py reads and upserts them.
TREATY_STATUS = Form(kinds.TREATY_STATUS.key, (
    Field("status", "&Status", Entry.CHOICE, TreatyStatus),
    Field("status_date", "&Date", Entry.DATE, tooltip="The date the country signed, ratified or acceded"),
    Field("implementing_legislation", "&Implementing legislation", Entry.TEXT,
          placeholder="The act that makes the treaty's crimes punishable at home"),
    Field("reservations", "&Reservations", Entry.TEXT,
          placeholder="Reservations or declarations the country made, if any"),
))

COMMITMENT_ASSESSMENT = Form(kinds.COMMITMENT_ASSESSMENT.key, (
    Field("status", "&Status", Entry.CHOICE, AssessmentStatus),
    Field("assessed_on", "Assessed &on", Entry.DATE),
    Field("evidence", "&Evidence", Entry.TEXT,
          placeholder="What shows the progress: a law, an appointment, a budget line…"),
))
