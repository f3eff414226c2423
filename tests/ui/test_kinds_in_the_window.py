"""The window finds its way to every kind of record through the registry: a search hit of any kind opens
the view that lists it, and the restore dialog counts every counted kind."""

from __future__ import annotations

from r2p_desktop.core import kinds
from r2p_desktop.core.models import Body, BudgetItem, Document, FollowUp, Question, Recommendation, Undertaking
from r2p_desktop.core.services import records, risk_assessments
from r2p_desktop.ui.dialogs import restore_dialog


def test_a_record_of_every_listed_kind_opens_in_the_view_that_lists_it(main_window, database):
    with database.session() as session:
        question = records.create(session, Question, {"title": "Early warning"})
        ids = {kinds.QUESTION.key: question,
               kinds.FOLLOW_UP.key: records.create(session, FollowUp, {"description": "Report back",
                                                                       "question_id": question}),
               kinds.BUDGET_ITEM.key: records.create(session, BudgetItem, {
                   "fiscal_year": 2026, "programme": "Mediation", "currency": "EUR"}),
               kinds.BODY.key: records.create(session, Body, {"name": "Ministry of Justice"}),
               kinds.RECOMMENDATION.key: records.create(session, Recommendation, {
                   "text": "Ratify the Arms Trade Treaty", "recommended_by": "Norway", "cycle": "14"}),
               kinds.DOCUMENT.key: records.create(session, Document, {"title": "Government reply"}),
               kinds.UNDERTAKING.key: records.create(session, Undertaking, {"text": "Appoint a focal point"})}
        ids[kinds.RISK_ASSESSMENT.key] = risk_assessments.create(session, {"year": 2026, "title": "Risks 2026"})
        ids[kinds.RISK_FINDING.key] = risk_assessments.finding_ids(session, ids[kinds.RISK_ASSESSMENT.key])[3]
        session.commit()
    for kind in kinds.SEARCHED:
        listing = [view for view in main_window.views if kind.key in view.OPENS]
        assert len(listing) == 1, kind.key
        main_window.open_record(kind.key, ids.get(kind.key, 1))
        assert main_window.stack.currentWidget() is listing[0]
        if kind in (kinds.FOLLOW_UP, kinds.RECOMMENDATION, kinds.DOCUMENT, kinds.UNDERTAKING):
            dialog = listing[0].dialog
            assert dialog.isVisible() and dialog.history_record_id() == ids[kind.key]
            dialog.reject()
    risks = main_window.risk_assessments_view  # the finding's year, and its factor, are chosen
    assert risks.table.current_record_id() == ids[kinds.RISK_FINDING.key]
    main_window.open_record(kinds.QUESTION.key, ids[kinds.QUESTION.key])
    assert main_window.questions_view.editor.question_id == ids[kinds.QUESTION.key]


def test_the_restore_dialog_counts_every_counted_kind():
    counts = {kind.table: 2 for kind in kinds.COUNTED}
    text = restore_dialog.counts_text(counts, all_kinds=True)
    assert text.startswith("2 questions, 2 follow-ups, 2 debates, 2 budget lines")
    assert all(f"2 {kind.plural.lower()}" in text for kind in kinds.COUNTED)
