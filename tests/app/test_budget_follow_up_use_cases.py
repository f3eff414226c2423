"""Where a new budget line and a new follow-up start, without Qt, on a real SQLite file."""

from __future__ import annotations

from datetime import date

from r2p_desktop.app import budget, follow_ups
from r2p_desktop.core.models import BudgetItem, Question
from r2p_desktop.core.services import directory, records


def add(database, model, values: dict) -> int:
    with database.session() as session:
        record_id = records.create(session, model, values)
        session.commit()
    return record_id


def test_a_new_budget_line_starts_in_the_year_asked_and_the_currency_most_lines_use(database):
    assert budget.new_budget_item(database).shown["currency"] == ""  # no lines yet
    assert budget.new_budget_item(database).shown["fiscal_year"] == date.today().year
    for currency in ("JPY", "EUR", "EUR"):
        add(database, BudgetItem, {"fiscal_year": 2024, "programme": f"Line in {currency}", "currency": currency})
    line = budget.new_budget_item(database, 2024)
    assert (line.shown["fiscal_year"], line.shown["currency"], line.version) == (2024, "EUR", None)
    assert line.shown["confidentiality"] == database.default_confidentiality


def test_a_follow_up_from_an_answer_is_owned_by_the_answering_body_by_name(database):
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Foreign Affairs")
        session.commit()
    question_id = add(database, Question, {
        "title": "A focal point for R2P", "status": "answered", "date_tabled": date(2026, 1, 5),
        "addressed_to_id": ministry, "answer_text": "The government will appoint a focal point. Later more."})
    draft = follow_ups.from_question(database, question_id)
    assert draft.shown["owner_body_id"] == "Ministry of Foreign Affairs"
    assert draft.shown["description"] == "Chase the undertaking in the answer to “A focal point for R2P”"
    assert draft.shown["kind"] == "government_undertaking"
    assert follow_ups.parent_label(database, draft.stored).endswith(": A focal point for R2P")
    assert follow_ups.parent_label(database, {}) == ""
