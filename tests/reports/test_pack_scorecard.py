"""The pack's commitments scorecard counts every record that evidences a commitment: the questions and
budget lines that name it and the agenda items that discuss it, each as the pack's audience may see it."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from r2p_desktop.core.audience import audience_session
from r2p_desktop.core.models import AgendaItem, AgendaItemLink, Commitment, Debate
from r2p_desktop.core.services import records
from r2p_desktop.reports.pack_data import commitments


def test_agenda_items_that_discuss_a_commitment_count_once_each_as_the_audience_sees_them(database):
    with database.session() as session:
        commitment = session.scalars(select(Commitment).order_by(Commitment.code)).first()
        debate = records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2026, 9, 1),
                                                  "confidentiality": "public"})
        items = (("Early warning", "public"), ("Witnesses", "committee"))
        public, private = (records.create(session, AgendaItem, {"debate_id": debate, "title": title,
                                                                "position": n, "confidentiality": level})
                           for n, (title, level) in enumerate(items))
        session.add_all([AgendaItemLink(agenda_item_id=public, commitment_id=commitment.id),
                         AgendaItemLink(agenda_item_id=private, commitment_id=commitment.id)])
        session.commit()
        code = commitment.code

    for audience, counted in (("committee", 2), ("public", 1)):
        with audience_session(database, audience) as session:
            row = next(c for c in commitments(session) if c["code"] == code)
        assert (row["agenda_items"], row["questions"], row["budget_items"]) == (counted, 0, 0), audience
