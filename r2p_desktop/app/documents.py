"""Documents and their attached files, as the Documents view, the document dialog and the question form
use them: a file copied into the attachment store with its text read (the slow part, which may run off
the GUI thread), then set on a document or made the government's reply to a question in one write
session; the documents listed and filtered; a question's documents unlinked; a read-only copy of a
file made for the system's viewer."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from ..core import kinds
from ..core.attachments import AttachmentStore, Progress, StoredFile
from ..core.database import Database
from ..core.errors import R2PError
from ..core.models import Question
from ..core.services import documents, records
from ..core.services.documents import DocumentFilter
from ..core.values import Values
from .changes import Changes, Record
from .errors import as_r2p_errors
from .records import read

DOCUMENT, QUESTION = kinds.DOCUMENT.key, kinds.QUESTION.key


def store(database: Database) -> AttachmentStore:
    """The attachment store beside the database file."""
    return AttachmentStore.of_database(database.path)


def store_file(database: Database, path: Path, progress: Progress | None = None) -> StoredFile:
    """Copy `path` into the store and read its text (a PDF's): nothing in the database changes yet.
    Raises one R2PError line when the file cannot be read or the disk is full."""
    return store(database).store(Path(path), progress)


def attach(database: Database, document_id: int, stored: StoredFile, *,
           expected_version: int | None = None) -> tuple[Changes, int]:
    """Make `stored` the file of document `document_id`; what changed and the document's new version."""
    with as_r2p_errors(), database.session() as session:
        documents.attach(session, document_id, stored, expected_version=expected_version)
        session.commit()
        version = documents.get_document(session, document_id).version
    return Changes(updated={Record(DOCUMENT, document_id)}), version


def attach_reply(database: Database, question_id: int, path: Path, progress: Progress | None = None) -> Changes:
    """Attach the government's reply to question `question_id`: the file is stored, then a document of
    kind government reply (titled after the question) holding it is added and linked to the question."""
    stored = store_file(database, path, progress)
    with as_r2p_errors(), database.session() as session:
        document_id = documents.add_reply(session, question_id, stored)
        session.commit()
    return Changes(created={Record(DOCUMENT, document_id)}, updated={Record(QUESTION, question_id)})


def unlink_from_question(database: Database, question_id: int, document_id: int) -> Changes:
    """Take document `document_id` off question `question_id`'s list (the document stays)."""
    with as_r2p_errors(), database.session() as session:
        records.change_links(session, Question, question_id, remove=[(DOCUMENT, document_id)])
        session.commit()
    return Changes(updated={Record(QUESTION, question_id), Record(DOCUMENT, document_id)})


def list_documents(database: Database, flt: DocumentFilter | None = None) -> list[Values]:
    return read(database, lambda session: documents.list_documents(session, flt))


def question_documents(database: Database, question_id: int) -> list[Values]:
    return read(database, lambda session: documents.question_documents(session, question_id))


def open_copy(database: Database, document_id: int) -> Path:
    """A read-only copy of the document's file, named as it was, for the system's viewer. Raises one
    R2PError line naming the document when it has no file or its file is missing or changed."""

    def query(session: Session) -> tuple[str, str, str]:
        document = documents.get_document(session, document_id)
        return document.title, document.file_name, document.file_sha256

    title, name, sha = read(database, query)
    if not sha:
        raise R2PError(f"“{title}” has no attached file")
    return store(database).open_copy(sha, name, title)
