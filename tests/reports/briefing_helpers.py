"""What the briefing-pack tests share: the known record's markers and reading a PDF back."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from pypdf import PdfReader

from r2p_desktop.core.models import Question

TODAY = date.today()
DEBATE_DAY = TODAY + timedelta(days=30)
SECRET = "CONFIDENTIAL-MARKER"  # in every committee or restricted record, so a public pack must not show it


def pdf_text(path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)


def squeeze(text: str) -> str:
    """Text without whitespace: a PDF breaks lines where the page does, not where the record did."""
    return re.sub(r"\s+", "", text)


def has_words(phrase: str, text: str) -> bool:
    """Whether a search finds every word of `phrase` in a PDF's `text`. Arabic is held as joined
    presentation forms, which NFKC folds back to the letters as typed; and pypdf gives a right-to-left
    line's words in the order they are drawn (left to right), so a phrase is found word by word."""
    folded = unicodedata.normalize("NFKC", text)
    return all(word in folded for word in phrase.split())


def add_question(session, *, reference, title, confidentiality="public", answer="", **values) -> Question:
    status = "answered" if answer else values.pop("status", "tabled")
    question = Question(reference=reference, title=title, question_text=values.pop("text", f"Text of {title}"),
                        status=status, answer_text=answer, date_tabled=values.pop("tabled", TODAY - timedelta(40)),
                        answer_due=values.pop("due", TODAY - timedelta(10)),
                        date_answered=TODAY - timedelta(12) if answer else None,
                        confidentiality=confidentiality, **values)
    session.add(question)
    return question


def body_text(path) -> str:
    """The squeezed text of a pack without its running header and footer, which pypdf puts in the
    middle of any text that runs across a page break."""
    return re.sub(r"SelectCommitteeonPrevention\S{0,300}?Page\d+of\d+", "", squeeze(pdf_text(path)))
