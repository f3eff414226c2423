"""Documents (an NHRI's annual report, the government's reply to a question…) and their attached files:
listed for the Documents view, a file's columns set once it is in the attachment store
(core/attachments.py), the government's reply to a question made a document linked to it, and the
documents a question links."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..attachments import StoredFile
from ..errors import NotFoundError
from ..models import Body, Document, DocumentKind, Question
from ..values import Values
from . import records

MAX_TITLE = 500


@dataclass(frozen=True)
class DocumentFilter:
    kind: str | None = None  # a DocumentKind value; None for any
    text: str = ""  # words of the title, the file's name, the notes or the file's text


def list_documents(session: Session, flt: DocumentFilter | None = None) -> list[Values]:
    """The documents matching `flt`, newest published first (undated last), then newest recorded. Only
    the columns listed are read: a document's file text may be two million characters."""
    flt = flt or DocumentFilter()
    query = (select(Document.id, Document.title, Document.kind, Body.name.label("author"), Document.published_on,
                    Document.file_name, Document.file_size, Document.file_sha256, Document.confidentiality)
             .outerjoin(Body, Body.id == Document.author_body_id))
    if flt.kind is not None:
        query = query.where(Document.kind == flt.kind)
    for word in flt.text.split():
        pattern = f"%{word}%"
        query = query.where(or_(Document.title.ilike(pattern), Document.file_name.ilike(pattern),
                                Document.notes.ilike(pattern), Document.file_text.ilike(pattern)))
    query = query.order_by(Document.published_on.is_(None), Document.published_on.desc(), Document.id.desc())
    return [{**row._asdict(), "author": row.author or ""} for row in session.execute(query)]


def _row(document: Document, author: str | None) -> Values:
    return {
        "id": document.id, "title": document.title, "kind": document.kind, "author": author or "",
        "published_on": document.published_on, "file_name": document.file_name,
        "file_size": document.file_size, "file_sha256": document.file_sha256,
        "confidentiality": document.confidentiality,
    }


def get_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFoundError(f"there is no document with id {document_id}")
    return document


def attach(session: Session, document_id: int, stored: StoredFile, *, expected_version: int | None = None) -> None:
    """Set the document's file to `stored` (already in the attachment store). The caller commits."""
    records.update(session, Document, document_id, stored.columns(), expected_version=expected_version)


def reply_title(question: Question) -> str:
    """'Government reply to WQ 2026/14: Early warning in the border provinces'."""
    text = f"Government reply to {question.reference}: {question.title}" if question.reference else \
        f"Government reply: {question.title}"
    return text if len(text) <= MAX_TITLE else text[:MAX_TITLE - 1].rstrip() + "…"


def add_reply(session: Session, question_id: int, stored: StoredFile) -> int:
    """A government-reply document holding `stored`, from the ministry the question is addressed to,
    linked to the question; its id. The caller commits."""
    question = session.get(Question, question_id)
    if question is None:
        raise NotFoundError(f"there is no question with id {question_id}")
    document_id = records.create(session, Document, {
        "title": reply_title(question), "kind": DocumentKind.GOVERNMENT_REPLY,
        "author_body_id": question.addressed_to_id, "published_on": question.date_answered,
        "confidentiality": question.confidentiality, **stored.columns()})
    records.change_links(session, Question, question_id, add=[("document", document_id)])
    return document_id


def question_documents(session: Session, question_id: int) -> list[Values]:
    """The documents question `question_id` links, as the Documents view lists them."""
    question = session.get(Question, question_id)
    if question is None:
        return []
    authors: dict[int | None, str] = {body_id: name for body_id, name in session.execute(select(Body.id, Body.name))}
    return [_row(document, authors.get(document.author_body_id)) for document in question.documents]


def attached_files(session: Session) -> list[tuple[int, str, str, str]]:
    """(id, title, file name, SHA-256) of every document with an attached file, by id."""
    query = select(Document.id, Document.title, Document.file_name, Document.file_sha256).where(
        Document.file_sha256 != "").order_by(Document.id)
    return [(int(i), str(t), str(n), str(s)) for i, t, n, s in session.execute(query)]
