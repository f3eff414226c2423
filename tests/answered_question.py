"""The answered question the undertaking tests record undertakings from, in one place."""

from __future__ import annotations

from datetime import date

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records


def add_answered_question(database) -> int:
    """A question the Minister of Justice (Dario Velasquez) answered on 30 November 2025; its id."""
    with database.session() as session:
        minister = directory.person_or_new(session, "Dario Velasquez")
        justice = directory.body_or_new(session, "Ministry of Justice")
        question_id = records.create(session, Question, {
            "title": "Witness protection for atrocity trials", "reference": "WQ 2025/901", "status": "answered",
            "addressed_to_id": justice, "date_tabled": date(2025, 11, 1), "date_answered": date(2025, 11, 30),
            "answer_text": "The ministry will table a witness protection bill.", "answered_by_id": minister})
        session.commit()
    return question_id
