"""Deleting, merging and archiving records of every kind (app.removal over core.services.removal), without
Qt, on a real SQLite file: what a confirmation says goes with a record, the one sentence a refusal gives,
that what goes is audited, that a merge moves every reference to the record kept, and that an archived
person or body is no longer offered for new entries."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from r2p_desktop.app import record_forms
from r2p_desktop.app import records as record_use_cases
from r2p_desktop.app import removal as use_cases
from r2p_desktop.app.changes import Record
from r2p_desktop.app.errors import StillReferredToError
from r2p_desktop.app.records import read
from r2p_desktop.core import kinds
from r2p_desktop.core.errors import NotFoundError, R2PError
from r2p_desktop.core.models import (
    AgendaItem,
    AgendaItemLink,
    AuditEntry,
    Body,
    BudgetItem,
    Commitment,
    Debate,
    Document,
    FollowUp,
    Person,
    Question,
    RecordMixin,
)
from r2p_desktop.core.services import agenda, history, listings, records, removal
from r2p_desktop.sample_data import generate_demo


def create(database, model, **values) -> int:
    with database.session() as session:
        record_id = records.create(session, model, values)
        session.commit()
    return record_id


def exists(database, model, record_id) -> bool:
    return read(database, lambda session: session.get(model, record_id) is not None)


def questions(database, count: int, **values) -> list[int]:
    return [create(database, Question, title=f"Question {n}", **values) for n in range(count)]


def commitment_ids(database, count: int) -> list[int]:
    return read(database, lambda session: list(session.scalars(select(Commitment.id).order_by(Commitment.id)
                                                               .limit(count))))


def audit(database, table: str, record_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    query = (select(AuditEntry.action, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
             .where(AuditEntry.table_name == table, AuditEntry.record_id == record_id).order_by(AuditEntry.id))
    return read(database, lambda session: [tuple(row) for row in session.execute(query)])


# --- refusals -------------------------------------------------------------------------------------


def test_a_member_who_asked_questions_is_not_deleted_and_the_refusal_says_how_many_and_what_to_do(database):
    member = create(database, Person, full_name="Ama Mensah")
    questions(database, 14, asked_by_id=member)

    plan = use_cases.deletion_plan(database, kinds.PERSON.key, member)
    assert plan.refusal == "Ama Mensah asked 14 questions: merge this person into another, or archive them, instead"
    with pytest.raises(StillReferredToError) as refused:
        use_cases.delete(database, kinds.PERSON.key, member)
    assert str(refused.value) == plan.refusal
    assert exists(database, Person, member)


def test_every_way_a_person_is_named_is_in_one_sentence(database):
    member = create(database, Person, full_name="Ama Mensah")
    questions(database, 2, asked_by_id=member)
    create(database, Question, title="Answered", answered_by_id=member)
    create(database, FollowUp, description="Write to the minister", owner_person_id=member)

    assert use_cases.deletion_plan(database, kinds.PERSON.key, member).refusal == (
        "Ama Mensah asked 2 questions, answered 1 question and owns 1 follow-up: merge this person into another, "
        "or archive them, instead")


def test_a_body_that_only_owns_a_follow_up_is_refused_rather_than_leaving_the_follow_up_without_an_owner(database):
    ministry = create(database, Body, name="Ministry of Justice")
    follow_up = create(database, FollowUp, description="Report back on the focal point", owner_body_id=ministry)
    create(database, Person, full_name="Lars Berg", body_id=ministry)
    questions(database, 3, addressed_to_id=ministry)

    with pytest.raises(StillReferredToError) as refused:
        use_cases.delete(database, kinds.BODY.key, ministry)
    assert str(refused.value) == (
        "Ministry of Justice owns 1 follow-up, 3 questions are addressed to it and 1 person belongs to it: merge "
        "this body into another, or archive it, instead")
    assert read(database, lambda session: session.get(FollowUp, follow_up).owner_body_id) == ministry


def test_a_budget_line_that_follow_ups_arose_from_is_refused_until_they_are_re_parented(database):
    line = create(database, BudgetItem, programme="Early warning unit", fiscal_year=2026, currency="EUR")
    for description in ("Ask for the spending figures", "Chase the evaluation"):
        create(database, FollowUp, description=description, budget_item_id=line)

    assert use_cases.deletion_plan(database, kinds.BUDGET_ITEM.key, line).refusal == (
        "2 follow-ups arose from this budget line; delete or re-parent them first")
    with pytest.raises(StillReferredToError):
        use_cases.delete(database, kinds.BUDGET_ITEM.key, line)
    assert exists(database, BudgetItem, line)


def test_a_debate_is_refused_when_a_follow_up_arose_from_one_of_its_agenda_items_and_nothing_goes(database):
    debate = create(database, Debate, title="Annual R2P debate")
    with database.session() as session:
        opening, other = (agenda.add_item(session, debate, {"title": title}) for title in ("Opening", "Closing"))
        session.commit()
    create(database, FollowUp, description="Publish the minister's statement", agenda_item_id=opening)

    with pytest.raises(StillReferredToError) as refused:
        use_cases.delete(database, kinds.DEBATE.key, debate)
    assert str(refused.value) == ("1 follow-up arose from its agenda item 'Opening'; delete or re-parent it first")
    assert exists(database, Debate, debate) and exists(database, AgendaItem, opening) and exists(database, AgendaItem,
                                                                                                    other)


def test_a_catalogue_entry_or_a_record_since_deleted_is_refused_with_a_reason(database):
    (commitment,) = commitment_ids(database, 1)
    with pytest.raises(R2PError, match="come from the catalogue"):
        use_cases.deletion_plan(database, kinds.COMMITMENT.key, commitment)
    with pytest.raises(NotFoundError, match="there is no debate with id 99"):
        use_cases.delete(database, kinds.DEBATE.key, 99)


# --- what goes with a record ----------------------------------------------------------------------


def test_a_debate_goes_with_its_agenda_items_and_their_links_each_in_the_audit_trail(database):
    debate = create(database, Debate, title="Budget hearing")
    question = create(database, Question, title="Funding of the early-warning unit")
    (commitment,) = commitment_ids(database, 1)
    with database.session() as session:
        items = [agenda.add_item(session, debate, {"title": title}) for title in ("Opening", "Questions", "Close")]
        session.add_all([AgendaItemLink(agenda_item_id=items[1], question_id=question),
                         AgendaItemLink(agenda_item_id=items[1], commitment_id=commitment)])
        session.commit()

    plan = use_cases.deletion_plan(database, kinds.DEBATE.key, debate)
    assert plan.refusal is None
    assert plan.confirmation == (
        "Delete the debate 'Budget hearing'?\n\nAlso deleted: 3 agenda items. Links to 1 question and 1 commitment "
        "are removed; those records stay. This cannot be undone.")

    changes = use_cases.delete(database, kinds.DEBATE.key, debate)
    assert changes.deleted == {Record("debate", debate), *(Record("agenda_item", item) for item in items)}
    assert not exists(database, Debate, debate)
    assert not any(exists(database, AgendaItem, item) for item in items)
    assert exists(database, Question, question)  # a record linked stays, and so does its own history
    assert read(database, lambda session: session.scalar(select(func.count()).select_from(AgendaItemLink))) == 0
    for item in items:
        assert [action for action, *_ in audit(database, "agenda_items", item)] == ["insert", "delete"]
    assert [action for action, *_ in audit(database, "debates", debate)] == ["insert", "delete"]


def test_a_lone_agenda_item_or_budget_line_says_nothing_else_goes_and_is_deleted(database):
    debate = create(database, Debate, title="Annual R2P debate")
    with database.session() as session:
        wrong = agenda.add_item(session, debate, {"title": "Wrong item"})
        session.commit()
    line = create(database, BudgetItem, programme="Typo line", fiscal_year=2026, currency="EUR")

    assert use_cases.deletion_plan(database, kinds.AGENDA_ITEM.key, wrong).details == (
        "Nothing else is deleted. This cannot be undone.")
    assert use_cases.delete(database, kinds.AGENDA_ITEM.key, wrong).deleted == {Record("agenda_item", wrong)}
    assert use_cases.delete(database, kinds.BUDGET_ITEM.key, line).deleted == {Record("budget_item", line)}
    assert exists(database, Debate, debate) and not exists(database, BudgetItem, line)
    assert audit(database, "budget_items", line)[-1][0] == "delete"


def test_a_question_takes_its_links_but_not_what_it_links_to(database):
    question = create(database, Question, title="Staffing of the focal point")
    commitments = commitment_ids(database, 2)
    with database.session() as session:
        records.update(session, Question, question,
                       {"commitments": [code for (code,) in session.execute(
                           select(Commitment.code).where(Commitment.id.in_(commitments)))]})
        session.commit()

    plan = use_cases.deletion_plan(database, kinds.QUESTION.key, question)
    assert plan.links == {"commitments": 2}
    use_cases.delete(database, kinds.QUESTION.key, question)
    assert all(exists(database, Commitment, commitment) for commitment in commitments)


def test_on_the_sample_data_the_plan_foresees_what_the_database_does_for_every_kind(database):
    """For a few records of every kind: a plan with no refusal deletes exactly what it lists; one with a
    refusal deletes nothing (the database's own foreign keys would refuse anything the plan missed)."""
    with database.session() as session:
        generate_demo(session, questions=40)
        session.commit()
    deletable = [kind for kind in kinds.KINDS if issubclass(kind.model, RecordMixin)]
    tried = {"refused": 0, "deleted": 0}
    for kind in deletable:
        ids = read(database, lambda session, kind=kind: list(session.scalars(select(kind.model.id).limit(4))))
        for record_id in ids:
            plan = use_cases.deletion_plan(database, kind.key, record_id)
            if plan.refusal is not None:
                with pytest.raises(StillReferredToError):
                    use_cases.delete(database, kind.key, record_id)
                assert exists(database, kind.model, record_id)
                tried["refused"] += 1
                continue
            changes = use_cases.delete(database, kind.key, record_id)
            gone = {Record(kind.key, record_id)} | {Record(key, i) for key, ids in plan.going.items() for i in ids}
            assert changes.deleted == gone
            assert not any(exists(database, kinds.BY_KEY[record.kind].model, record.id) for record in gone)
            tried["deleted"] += 1
    assert tried["refused"] and tried["deleted"]


# --- merging --------------------------------------------------------------------------------------


def test_merging_a_duplicate_ministry_moves_every_reference_and_the_history_records_each(database):
    kept = create(database, Body, name="Ministry of Foreign Affairs")
    duplicate = create(database, Body, name="Min. of Foreign Affairs")
    addressed = questions(database, 3, addressed_to_id=duplicate)
    member = create(database, Person, full_name="Lars Berg", body_id=duplicate)
    line = create(database, BudgetItem, programme="Mediation support", fiscal_year=2026, currency="EUR",
                  body_id=duplicate)
    follow_up = create(database, FollowUp, description="Send the mediation figures", owner_body_id=duplicate)
    document = create(database, Document, title="Annual report", author_body_id=duplicate)

    plan = use_cases.merge_plan(database, kinds.BODY.key, duplicate, kept)
    assert plan.confirmation == (
        "Merge 'Min. of Foreign Affairs' into 'Ministry of Foreign Affairs'?\n\n3 questions, 1 budget line, 1 "
        "follow-up, 1 document and 1 person that refer to 'Min. of Foreign Affairs' will refer to 'Ministry of "
        "Foreign Affairs' instead, and 'Min. of Foreign Affairs' is deleted (its history keeps what it held). "
        "This cannot be undone.")
    assert plan.moving_count == 7

    changes = use_cases.merge(database, kinds.BODY.key, duplicate, kept)
    assert changes.deleted == {Record("body", duplicate)}
    assert changes.updated == {*(Record("question", q) for q in addressed), Record("person", member),
                               Record("budget_item", line), Record("follow_up", follow_up),
                               Record("document", document)}
    assert not exists(database, Body, duplicate)

    def pointing(session):
        return ({session.get(Question, q).addressed_to_id for q in addressed}, session.get(Person, member).body_id,
                session.get(BudgetItem, line).body_id, session.get(FollowUp, follow_up).owner_body_id,
                session.get(Document, document).author_body_id)

    assert read(database, pointing) == ({kept}, kept, kept, kept, kept)
    for question in addressed:  # the move is in each record's history, naming both ministries
        latest = read(database, lambda session, q=question: history.record_history(session, Question, q))[0]
        assert (latest.field, latest.old, latest.new) == ("addressed_to_id", f"(deleted #{duplicate})",
                                                          "Ministry of Foreign Affairs")
    assert audit(database, "people", member)[-1] == ("update", "body_id", str(duplicate), str(kept))
    assert audit(database, "bodies", duplicate)[-1][0] == "delete"


def test_merging_a_duplicate_member_moves_questions_asked_and_answered_and_follow_ups_owned(database):
    kept = create(database, Person, full_name="Ama Mensah")
    duplicate = create(database, Person, full_name="Ama  Mensah (import)")
    both = create(database, Question, title="Asked and answered", asked_by_id=duplicate, answered_by_id=duplicate)
    answered = create(database, Question, title="Answered by her", answered_by_id=duplicate, asked_by_id=kept)
    owned = create(database, FollowUp, description="Her undertaking", owner_person_id=duplicate)

    use_cases.merge(database, kinds.PERSON.key, duplicate, kept)

    def people(session):
        return ((session.get(Question, both).asked_by_id, session.get(Question, both).answered_by_id),
                session.get(Question, answered).answered_by_id, session.get(FollowUp, owned).owner_person_id)

    assert read(database, people) == ((kept, kept), kept, kept)
    assert {entry[1] for entry in audit(database, "questions", both)[1:]} == {"asked_by_id", "answered_by_id"}
    assert use_cases.deletion_plan(database, kinds.PERSON.key, kept).refusal == (
        "Ama Mensah asked 2 questions, answered 2 questions and owns 1 follow-up: merge this person into another, "
        "or archive them, instead")


def test_a_merge_into_itself_or_of_another_kind_is_refused_and_changes_nothing(database):
    ministry = create(database, Body, name="Ministry of Justice")
    asked = create(database, Question, title="Focal point", addressed_to_id=ministry)
    with pytest.raises(R2PError, match="cannot be merged into itself"):
        use_cases.merge(database, kinds.BODY.key, ministry, ministry)
    other = create(database, Question, title="Other")
    with pytest.raises(R2PError, match=r"^only bodies and people can be merged$"):
        use_cases.merge(database, kinds.QUESTION.key, asked, other)
    assert exists(database, Body, ministry) and exists(database, Question, asked)


def test_a_merge_moves_a_many_to_many_link_through_the_record_that_holds_it(database, monkeypatch):
    """Through the same code a kind with link tables would be merged: budget lines' commitments."""
    monkeypatch.setattr(removal, "MERGEABLE", removal.MERGEABLE | {kinds.BUDGET_ITEM.key})
    codes = read(database, lambda session: list(session.scalars(select(Commitment.code).order_by(Commitment.id)
                                                                .limit(3))))
    kept = create(database, BudgetItem, programme="Mediation", fiscal_year=2026, currency="EUR",
                  commitments=codes[:2])
    duplicate = create(database, BudgetItem, programme="Mediation (copy)", fiscal_year=2026, currency="EUR",
                       commitments=codes[1:])

    assert use_cases.merge_plan(database, kinds.BUDGET_ITEM.key, duplicate, kept).links == 2
    use_cases.merge(database, kinds.BUDGET_ITEM.key, duplicate, kept)

    assert read(database, lambda session: records.get(session, BudgetItem, kept)["commitments"]) == sorted(codes)
    assert audit(database, "budget_items", kept)[-1][1] == "commitments"
    assert not exists(database, BudgetItem, duplicate)


# --- archiving ------------------------------------------------------------------------------------


def offered(database, form, record_id=None) -> tuple[list[str], list[str]]:
    found = record_use_cases.choices(database, form, record_id)
    return [name for name, _ in found.bodies], [name for name, _ in found.people]


def test_an_archived_ministry_and_member_are_not_offered_for_new_entries_but_stay_listed(database):
    ministry = create(database, Body, name="Ministry of Planning")
    create(database, Body, name="Ministry of Justice")
    member = create(database, Person, full_name="Ama Mensah")
    line = create(database, BudgetItem, programme="Planning unit", fiscal_year=2026, currency="EUR", body_id=ministry)

    changes = use_cases.archive(database, kinds.BODY.key, ministry)
    assert changes.updated == {Record("body", ministry)}
    use_cases.archive(database, kinds.PERSON.key, member)

    assert offered(database, record_forms.QUESTION) == (["Ministry of Justice"], [])
    assert offered(database, record_forms.BUDGET_ITEM)[0] == ["Ministry of Justice"]
    # The line that names it still offers it, so saving the line keeps its body.
    assert offered(database, record_forms.BUDGET_ITEM, line)[0] == ["Ministry of Justice", "Ministry of Planning"]
    listed = read(database, lambda session: {row["name"]: row["archived"] for row in listings.bodies(session)})
    assert listed == {"Ministry of Justice": False, "Ministry of Planning": True}
    assert read(database, lambda session: [row["archived"] for row in listings.people(session)]) == [True]
    latest = read(database, lambda session: history.record_history(session, Body, ministry))[0]
    assert latest.field == "archived"

    use_cases.archive(database, kinds.BODY.key, ministry, archived=False)
    assert offered(database, record_forms.QUESTION)[0] == ["Ministry of Justice", "Ministry of Planning"]


def test_only_people_and_bodies_are_archived(database):
    debate = create(database, Debate, title="Annual R2P debate")
    with pytest.raises(R2PError, match=r"^only bodies and people can be archived$"):
        use_cases.archive(database, kinds.DEBATE.key, debate)


def test_an_agenda_item_that_discussed_a_deleted_record_says_so_in_its_history(database):
    question = create(database, Question, reference="WQ-7", title="Early warning posts")
    with database.session() as session:
        debate = records.create(session, Debate, {"title": "Annual R2P debate"})
        item = agenda.add_item(session, debate, {"title": "Prevention"})
        agenda.change_links(session, item, add=[("question_id", question)])
        session.commit()
    with database.read_session() as session:
        version = session.get(AgendaItem, item).version

    use_cases.delete(database, kinds.QUESTION.key, question)
    with database.read_session() as session:
        kept = session.get(AgendaItem, item)
        assert kept.links == [] and kept.version == version + 1  # an edit from before it now conflicts
        latest = history.record_history(session, AgendaItem, item)[0]
    assert (latest.field, latest.old, latest.new) == ("records_discussed", "WQ-7: Early warning posts", "")


def test_a_deletion_that_would_now_take_more_than_was_confirmed_deletes_nothing(database):
    with database.session() as session:
        debate = records.create(session, Debate, {"title": "Budget hearing entered twice"})
        agenda.add_item(session, debate, {"title": "Opening"})
        session.commit()
    confirmed = use_cases.deletion_plan(database, kinds.DEBATE.key, debate)
    with database.session() as session:  # a colleague adds an item while the clerk reads the confirmation
        added = agenda.add_item(session, debate, {"title": "Added meanwhile"})
        session.commit()
    with pytest.raises(StillReferredToError, match="since you were asked; nothing was deleted"):
        use_cases.delete(database, kinds.DEBATE.key, debate, confirmed=confirmed)
    assert exists(database, Debate, debate) and exists(database, AgendaItem, added)
    fresh = use_cases.deletion_plan(database, kinds.DEBATE.key, debate)
    assert use_cases.delete(database, kinds.DEBATE.key, debate, confirmed=fresh).deleted_ids("agenda_item") == {
        added, added - 1}


def test_deleting_a_linked_document_takes_it_off_each_list_that_names_it_in_that_records_history(database):
    from r2p_desktop.app import removal as removal_use_cases
    from r2p_desktop.core.models import AuditEntry, Document, Question, Recommendation, Undertaking

    with database.session() as session:
        reply = records.create(session, Document, {"title": "Government reply"})
        other = records.create(session, Document, {"title": "NHRI annual report"})
        question = records.create(session, Question, {"title": "Early warning"})
        undertaking = records.create(session, Undertaking, {"text": "Publish the review"})
        recommendation = records.create(session, Recommendation, {"text": "Fund the NHRI"})
        for model, owner in ((Question, question), (Undertaking, undertaking), (Recommendation, recommendation)):
            records.change_links(session, model, owner, add=[("document", reply), ("document", other)])
        session.commit()

    changes = removal_use_cases.delete(database, "document", reply)
    assert changes.deleted_ids("document") == {reply}
    assert (changes.updated_ids("question"), changes.updated_ids("undertaking"),
            changes.updated_ids("recommendation")) == ({question}, {undertaking}, {recommendation})
    with database.read_session() as session:
        for model, owner in ((Question, question), (Undertaking, undertaking), (Recommendation, recommendation)):
            assert [d.id for d in session.get(model, owner).documents] == [other]  # the other link stays
        entries = session.scalars(select(AuditEntry).where(AuditEntry.field == "documents")
                                  .order_by(AuditEntry.id)).all()
        assert {(e.table_name, e.record_id) for e in entries[-3:]} == {
            ("questions", question), ("undertakings", undertaking), ("recommendations", recommendation)}
        assert all(str(other) in e.new_value and str(reply) not in e.new_value for e in entries[-3:])
