"""The question editor below the questions table: adding or changing a question to the government.

Its fields are built, filled and read back from the question's form specification
(`app.record_forms.QUESTION`) by the same binder as every record dialog; whether the clerk has changed
anything is `QUESTION.changed`. The services check the values; each problem is shown in red under its
field and nothing is saved until all are put right. Moving to another question with unsaved edits asks
whether to save them; a saved question can be deleted once nothing refers to it."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...app import answers, documents, pages, removal
from ...app import questions as question_use_cases
from ...app import records as record_use_cases
from ...app.record_forms import ANSWER_GROUP, CORRECTION, FILING_GROUP, LINKS_PAGE, QUESTION, QUESTION_GROUP, TRANSFER
from ...app.records import Loaded, read
from ...app.removal import DeletionPlan
from ...core import drafts, kinds
from ...core.database import Database
from ...core.errors import ConflictError, R2PError, ValidationError
from ...core.formatting import human_label
from ...core.models import Question
from ...core.services import follow_ups, history
from ..dialogs import delete_prompt, document_dialog
from ..dialogs.conflict_dialog import ConflictDialog
from ..dialogs.follow_up_dialog import FollowUpDialog
from ..dialogs.form_dialog import FormDialog
from ..dialogs.record_dialog import failed_save_messages
from ..dialogs.share_answer_dialog import ShareAnswerDialog
from ..dialogs.undertaking_dialog import UndertakingDialog, record_undertaking_for_question
from ..records_changed import QUESTIONS, RecordsChanged
from ..widgets.elided_label import ElidedLabel
from ..widgets.field_errors import FieldErrors
from ..widgets.form_binder import FormBinder
from ..widgets.history_table import HistoryTable
from ..widgets.question_documents import QuestionDocuments

log = logging.getLogger(__name__)

DRAFT_INTERVAL_MS = 3000
DRAFT_KIND = kinds.QUESTION.key
# The text boxes' least heights, so a short pane scrolls instead of squashing them.
_TEXT_HEIGHTS = {"question_text": 90, "answer_text": 90, "notes": 50}
_LINK_STRETCH = {"commitments": 2}  # the longest list takes the widest column; the others one share each


def delete_question(database: Database, records_changed: RecordsChanged, question_id: int, *,
                    confirmed: DeletionPlan | None = None) -> str | None:
    """Delete the question (as `confirmed` said, if given); None when done, else why it was refused
    (nothing is deleted then)."""
    try:
        changes = removal.delete(database, kinds.QUESTION.key, question_id, confirmed=confirmed)
    except R2PError as error:
        return _not_deleted(error)
    records_changed.notify_changes(changes)
    return None


def _not_deleted(reason: R2PError | str) -> str:
    [message] = failed_save_messages(reason).values() if isinstance(reason, R2PError) else [reason]
    return f"The question was not deleted: {message[:1].upper() + message[1:]}" + ("" if message.endswith(".") else ".")


class QuestionEditor(QWidget):
    """The form below the questions table: one question at a time, or a new one."""

    saved = Signal(int)  # the id of the question just saved
    deleted = Signal(int)

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self.question_id: int | None = None
        self.field_errors = FieldErrors()
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label
        self.binder = FormBinder(QUESTION, self.field_errors)  # its lists are filled for each question shown
        self.widgets = self.binder.widgets
        self._history_loaded = False
        self.follow_up_dialog: FollowUpDialog | None = None
        # The answer-record step open now.
        self.answer_dialog: FormDialog | ShareAnswerDialog | UndertakingDialog | None = None

        self._build()
        # The question as the form showed it when filled (shown values as the widgets read them back), the
        # version a save is checked against, and all of it as stored: until one is shown, the empty form.
        self._filled = Loaded(self.binder.shown())
        # Unsaved edits are kept on disk every few seconds, to be offered back after a crash.
        self._draft_of: int | bool | None = False  # the question whose draft this form wrote; False: none
        self._drafted_state: dict[str, object] | None = None  # what that draft holds, not to rewrite it unchanged
        self._draft_timer = QTimer(self)
        self._draft_timer.setInterval(DRAFT_INTERVAL_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._draft_timer.start()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        question, answer, filing = (self._group(title) for title in (QUESTION_GROUP, ANSWER_GROUP, FILING_GROUP))
        for name, height in _TEXT_HEIGHTS.items():
            self.widgets[name].setMinimumHeight(height)

        # What became of the answer besides its fields: a transfer, answers shared, a correction.
        self.answer_record_label = QLabel()
        self.answer_record_label.setWordWrap(True)
        self.answer_record_label.setTextFormat(Qt.TextFormat.PlainText)
        self.answer_record_label.setStyleSheet("color: #5F6B7A;")
        self.answer_button = QToolButton()
        self.answer_button.setText("Ans&wer record")
        self.answer_button.setToolTip("Transfer the question, correct the published answer, give the answer to "
                                      "other questions, attach the government's reply, or record an undertaking")
        self.answer_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.answer_button)
        self.transfer_action = menu.addAction("&Transfer to another ministry…", self.transfer)
        self.correct_action = menu.addAction("&Correct the published answer…", self.correct_answer)
        self.share_action = menu.addAction("&Give this answer to other questions…", self.share_answer)
        self.reply_action = menu.addAction("Attach the government's &reply…", lambda: self.attach_reply())
        self.undertaking_action = menu.addAction("Record an &undertaking given in the answer…",
                                                 self.record_undertaking)
        self.answer_button.setMenu(menu)
        answer_rows = answer.layout()
        assert isinstance(answer_rows, QFormLayout)
        answer_rows.insertRow(0, self.answer_record_label)  # across the group, above the fields
        answer_rows.insertRow(0, self.answer_button)

        right = QVBoxLayout()
        right.addWidget(answer, 3)
        right.addWidget(filing, 2)
        columns = QHBoxLayout()
        columns.addWidget(question, 1)
        columns.addLayout(right, 1)

        self.heading_label = ElidedLabel()  # a long title ends in "…" instead of widening the window
        font = QFont(self.heading_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading_label.setFont(font)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.revert_button = self.buttons.addButton("Re&vert", QDialogButtonBox.ButtonRole.ResetRole)
        self.revert_button.setToolTip("Forget the unsaved edits and show the question as saved")
        self.revert_button.clicked.connect(self.revert)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.save_shortcut.setWhatsThis("Questions > Save the question in the form")  # Help > Keyboard shortcuts
        self.save_shortcut.activated.connect(self.save)
        self.delete_button = QPushButton("&Delete…")
        self.delete_button.setToolTip("Delete this question, after asking")
        self.delete_button.clicked.connect(self.delete)
        self.follow_up_button = QPushButton("Create &follow-up…")
        self.follow_up_button.setToolTip("Record what the answer promises, to chase it by a date")
        self.follow_up_button.clicked.connect(self.create_follow_up)

        heading = QHBoxLayout()
        heading.addWidget(self.heading_label, 1)
        heading.addWidget(self.follow_up_button)
        heading.addWidget(self.delete_button)
        heading.addWidget(self.buttons)

        self.links_page = self._build_links()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self._build_tabs(columns), 1)
        layout.addWidget(self.summary_label)

    def _build_tabs(self, form: QHBoxLayout) -> QTabWidget:
        form_page = QWidget()
        form_page.setLayout(form)
        form.setContentsMargins(0, 8, 0, 0)
        self.question_page = _scrolling(form_page)

        self.history_page = QWidget()
        hint = QLabel("Every saved change to this question, newest first. Point at a shortened value to "
                      "read it in full.")
        hint.setWordWrap(True)
        self.history_table = HistoryTable()
        self.history_table.setAccessibleName("History of this question")
        history_layout = QVBoxLayout(self.history_page)
        history_layout.setContentsMargins(0, 8, 0, 0)
        history_layout.addWidget(hint)
        history_layout.addWidget(self.history_table, 1)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.question_page, "Qu&estion")  # Alt+Q and Alt+U belong to form fields
        self.tabs.addTab(self.history_page, "&History")
        self.tabs.addTab(self.links_page, "&Links")
        self.tabs.currentChanged.connect(self._tab_shown)
        return self.tabs

    def _build_links(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        hint = QLabel("What this question holds the government to: tick the commitments it made, the risk "
                      "factors it bears on and the instruments it concerns.")
        hint.setWordWrap(True)
        self.documents = QuestionDocuments(self._database, page, may_change=self._saved_first)
        self.documents.changed.connect(self._documents_changed)
        self.documents.attach_requested.connect(lambda: self.attach_reply())
        layout.addWidget(self.documents)  # the government's reply first: what the clerk comes here for
        layout.addWidget(hint)
        columns = QHBoxLayout()
        for field in QUESTION.fields:
            if field.section != LINKS_PAGE:
                continue
            picker = self.widgets[field.name]
            label = QLabel(field.label)  # Alt and its letter go to the list's filter
            label.setBuddy(picker)
            label.setStyleSheet("font-weight: bold;")
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(picker, 1)
            columns.addLayout(column, _LINK_STRETCH.get(field.name, 1))
        layout.addLayout(columns, 1)
        return _scrolling(page)

    def _group(self, title: str) -> QGroupBox:
        """The titled group of the form's fields of that section, each over its error line."""
        box = QGroupBox(title)
        box.setLayout(self.binder.rows(section=title))
        return box

    # --- follow-ups ---------------------------------------------------------------------------

    def _has_answer(self) -> bool:
        return read(self._database, lambda session: follow_ups.question_has_answer(session, self.question_id))

    def create_follow_up(self) -> FollowUpDialog:
        """A follow-up of this question's answer, prefilled from it as saved, for the clerk to edit."""
        dialog = FollowUpDialog(self._database, self._records_changed, preset={"question_id": self.question_id},
                                parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.follow_up_dialog = dialog
        dialog.open()
        return dialog

    # --- documents: the government's reply ----------------------------------------------------

    def attach_reply(self, path: Path | None = None) -> bool:
        """Ask for the file of the government's reply (unless given) and keep it as a document linked to
        this question; True when attached. Shown on the Links page."""
        if self.question_id is None or not self._saved_first():
            return False
        path = path or document_dialog.choose_file(self, "Attach the government's reply")
        if path is None:
            return False
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # a large file takes a moment to copy
        try:
            changes = documents.attach_reply(self._database, self.question_id, path)
        except R2PError as error:
            [message] = failed_save_messages(error).values()
            self.clear_errors()
            self.summary_label.setText(f"The reply was not attached: {message}")
            self.summary_label.show()
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self._documents_changed(changes)
        self.tabs.setCurrentWidget(self.links_page)
        return True

    def _documents_changed(self, changes) -> None:
        self.show_question(self.question_id)  # linking changed the question's version
        self._records_changed.notify_changes(changes)

    # --- the answer record: transfer, correction, one answer to several questions ----------

    def _show_answer_record(self) -> None:
        stored, question_id = self._filled.stored, self.question_id
        editing = question_id is not None
        self.answer_button.setVisible(editing)
        answered = bool(str(stored.get("answer_text") or "").strip()) and stored.get("date_answered") is not None
        self.correct_action.setEnabled(answered)
        self.share_action.setEnabled(answered)
        # An undertaking may be given in a holding answer as well as in the full one.
        self.undertaking_action.setEnabled(any(str(stored.get(name) or "").strip()
                                               for name in ("answer_text", "holding_answer_text")))
        if question_id is None:
            self.answer_record_label.clear()
            self.transfer_action.setEnabled(False)
            return
        record = answers.answer_record(self._database, question_id)
        self.transfer_action.setEnabled(record.may_be_transferred)
        lines = []
        if record.transferred_from:
            on = stored.get("transferred_on")
            lines.append(f"Transferred from the {record.transferred_from}" + (f" on {on}." if on else "."))
        if stored.get("answer_corrected_on"):
            lines.append(f"Answer corrected on {stored['answer_corrected_on']}; the answer as first given is kept "
                         "(History and the briefing packs show it).")
        if record.answered_with:
            lines.append("Answered together with " + "; ".join(record.answered_with) + ".")
        self.answer_record_label.setText("\n".join(lines))

    def _saved_first(self) -> bool:
        """Whether the question is saved as shown; the steps below change the saved question."""
        if self.has_unsaved_changes():
            QMessageBox.information(self, "Save first", "Save or revert your edits to this question first.")
            return False
        return True

    def _open_step(self, dialog: FormDialog | ShareAnswerDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.show_question(self.question_id))
        self.answer_dialog = dialog
        dialog.open()

    def transfer(self) -> None:
        """Ask where the government moved the question to, and when."""
        if self.question_id is None or not self._saved_first():
            return
        question_id = self.question_id
        self._open_step(FormDialog(
            self._database, self._records_changed, TRANSFER, title="Transfer to another ministry",
            intro=f"{self._edit_title()} now goes to another ministry or body. The one it was addressed to is "
                  "kept, and History keeps every transfer.", action="&Transfer",
            start={"addressed_to_id": "", "transferred_on": date.today().isoformat(), "answer_due": ""},
            apply=lambda shown: answers.transfer(self._database, question_id, shown), parent=self))

    def correct_answer(self) -> None:
        """Ask for the government's corrected answer; the answer first given is kept."""
        if self.question_id is None or not self._saved_first():
            return
        question_id = self.question_id
        self._open_step(FormDialog(
            self._database, self._records_changed, CORRECTION, title="Correct the published answer",
            intro="The government corrected its answer. Change it below; the answer as first given is kept and "
                  "printed beside the correction in briefing packs.", action="&Record the correction",
            start={"answer_text": self._saved("answer_text"), "answer_corrected_on": date.today().isoformat()},
            apply=lambda shown: answers.correct_answer(self._database, question_id, shown), parent=self))

    def share_answer(self) -> None:
        """Ask which other questions this answer was given to."""
        if self.question_id is None or not self._saved_first():
            return
        self._open_step(ShareAnswerDialog(self._database, self._records_changed, self.question_id,
                                          self._edit_title(), parent=self))

    def record_undertaking(self) -> UndertakingDialog | None:
        """Open a new undertaking given in this question's answer (by whoever answered, due the
        committee's months later)."""
        if self.question_id is None or not self._saved_first():
            return None
        self.answer_dialog = record_undertaking_for_question(self, self._database, self._records_changed,
                                                             self.question_id)
        return self.answer_dialog

    # --- reading and writing ------------------------------------------------------------------

    def show_question(self, question_id: int | None) -> None:
        """Show the saved question `question_id`, or an empty form for a new one (None).

        Edits in the form are dropped: ask first with leave_asking()."""
        self._forget_draft()
        self.binder.set_choices(record_use_cases.choices(self._database, QUESTION, question_id))  # names added since
        self.clear_errors()
        self.question_id = question_id
        if question_id is None:
            loaded = record_use_cases.new(self._database, QUESTION)  # the committee's default confidentiality
        else:
            loaded = record_use_cases.load(self._database, QUESTION, question_id)
        self.binder.show(loaded.shown)
        # Edits are told from what the widgets show now, so a value they show otherwise than it is stored
        # (a text's line endings, a code the catalogue no longer lists) is not taken for an edit.
        self._filled = dataclasses.replace(loaded, shown=self.binder.shown())
        self._history_loaded = False
        self.history_table.set_entries([])
        editing = question_id is not None
        self.tabs.setTabEnabled(self.tabs.indexOf(self.history_page), editing)
        if self.tabs.currentWidget() is self.history_page:
            if editing:
                self.load_history()
            else:
                self.tabs.setCurrentWidget(self.question_page)
        self.delete_button.setVisible(editing)
        self.follow_up_button.setVisible(editing and self._has_answer())
        self.documents.show_question(question_id)
        self._show_answer_record()
        self.heading_label.setText(self._edit_title() if editing else "New question")

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.history_page and not self._history_loaded:
            self.load_history()

    def load_history(self) -> None:
        entries = read(self._database, lambda session: history.record_history(session, Question, self.question_id))
        self.history_table.set_entries(entries)
        self._history_loaded = True

    def _saved(self, name: str) -> str:
        """The question's `name` as saved ("" for a new question)."""
        return str(self._filled.stored.get(name) or "")

    def _edit_title(self) -> str:
        reference, title = self._saved("reference"), self._saved("title")
        return f"Question {reference}: {title}" if reference else title or "Question"

    def has_unsaved_changes(self) -> bool:
        """Whether the clerk has changed anything since the form was filled."""
        return bool(QUESTION.changed(self._filled.shown, self.binder.shown()))

    # --- drafts -------------------------------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the unsaved edits to a draft file (or forget the draft once there are none)."""
        if not self.has_unsaved_changes():
            self._forget_draft()
            return
        state = self.binder.shown()
        if state == self._drafted_state:
            return  # nothing typed since the last try
        try:
            drafts.save_draft(DRAFT_KIND, self.question_id, state, database=self._database.describe(),
                              version=self._filled.version, base=self._filled.shown)
        except OSError as error:  # a full disk or a locked data folder: say so once, try again on the next edit
            log.warning("could not keep a draft of the question being edited: %s", error)
            self.summary_label.setText("Your edits could not be kept as a draft in case of a crash "
                                       f"({error.strerror or error}). Save them soon.")
            self.summary_label.show()
        else:
            self._draft_of = self.question_id
        self._drafted_state = state

    def _forget_draft(self) -> None:
        if self._draft_of is not False:
            drafts.discard_draft(DRAFT_KIND, self._draft_of, database=self._database.describe())
            self._draft_of = False
        self._drafted_state = None

    def restore_draft(self, draft: drafts.Draft) -> None:
        """Show the question a draft belongs to with the clerk's edits in the form, not yet saved.

        The edits go onto the question as it is now (app.questions.with_draft says how, and which
        version saving is checked against). A draft of a question deleted since comes back as a new
        question."""
        exists = draft.record_id is not None and pages.question_exists(self._database, draft.record_id)
        self.show_question(draft.record_id if exists else None)
        if not exists:
            self.binder.show(draft.fields)
            drafts.discard_draft(draft.kind, draft.record_id, database=draft.database)
            self.keep_draft()  # from now on the draft of a new question
            return
        restored = question_use_cases.with_draft(self._filled, draft)
        self.binder.show(restored.shown)
        self._filled = dataclasses.replace(self._filled, version=restored.version)
        self._draft_of = draft.record_id  # saving or dropping the edits forgets the draft

    def set_aside(self) -> None:
        """Empty the form, keeping unsaved edits as a draft to be offered back (before a restore)."""
        self.keep_draft()
        self._draft_of = False  # the draft file stays
        self.show_question(None)

    # --- leaving and deleting -----------------------------------------------------------------

    def ask_to_save(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(self, self.heading_label.text(), "Save changes to this question?", buttons,
                                    QMessageBox.StandardButton.Save)

    def ask_to_keep_draft(self) -> QMessageBox.StandardButton:
        box = QMessageBox(QMessageBox.Icon.Question, self.heading_label.text(),
                          "This database is open read-only, so these changes cannot be saved now. Keep them as a "
                          "draft, to be offered back when the database can be written?",
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                          | QMessageBox.StandardButton.Cancel, self)
        box.button(QMessageBox.StandardButton.Save).setText("&Keep as draft")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        return QMessageBox.StandardButton(box.exec())

    def leave_asking(self) -> bool:
        """Before the form shows another question: unsaved edits are saved, dropped or kept.

        True when the clerk may move on; False keeps this question and its edits in the form."""
        if not self.has_unsaved_changes():
            return True
        if self._database.read_only:  # nothing can be saved: keeping the edits as a draft loses nothing
            answer = self.ask_to_keep_draft()
            if answer == QMessageBox.StandardButton.Save:
                self.set_aside()
                return True
        else:
            answer = self.ask_to_save()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()  # stays when the values need correcting
        if answer == QMessageBox.StandardButton.Discard:
            self.revert()
            return True
        return False

    def revert(self) -> None:
        self.show_question(self.question_id)

    def confirm_delete(self, plan: DeletionPlan) -> bool:
        return delete_prompt.confirm(self, "Delete question", plan.question, plan.details, "&Delete")

    def delete(self) -> bool:
        """Delete this question after asking, as every record is deleted (app.removal): a refusal says why
        before anything is asked, the confirmation what goes with it; True when it is gone."""
        if self.question_id is None:
            return False
        plan: DeletionPlan | None = None
        try:
            plan = removal.deletion_plan(self._database, kinds.QUESTION.key, self.question_id)
        except R2PError as error:
            refusal: str | None = _not_deleted(error)
        else:
            refusal = _not_deleted(plan.refusal) if plan.refusal is not None else None
        if plan is not None and refusal is None and not self.confirm_delete(plan):
            return False
        deleted_id = self.question_id
        # Wiping the deleted words from the search index rewrites it: about 2 s on 100,000 questions.
        if refusal is None:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                refusal = delete_question(self._database, self._records_changed, deleted_id, confirmed=plan)
            finally:
                QApplication.restoreOverrideCursor()
        if refusal is not None:
            self.clear_errors()
            self.summary_label.setText(refusal)
            self.summary_label.show()
            return False
        self.show_question(None)
        self.deleted.emit(deleted_id)
        return True

    def save(self) -> bool:
        """Write the form; True when saved. Problems are shown under their fields and nothing is saved."""
        self.clear_errors()
        try:
            # Only what the clerk changed from what was shown is written, so a colleague's save of other
            # fields stays; a typed name is found in People or Bodies, or added there.
            changes = question_use_cases.save_shown(self._database, self.question_id, self.binder.shown(),
                                                    before=self._filled.shown,
                                                    expected_version=self._filled.version)
        except ValidationError as error:
            self.show_errors(error.errors)
            return False
        except ConflictError as error:
            return self._settle_conflict(error)
        except R2PError as error:  # busy, read-only, a full disk: the edits stay in the form
            self.show_errors(failed_save_messages(error))
            return False
        [saved_id] = changes.created_ids(QUESTIONS) or [self.question_id]
        self.show_question(saved_id)
        self.saved.emit(saved_id)
        self._records_changed.notify_changes(changes)
        return True

    def ask_about_conflict(self, error: ConflictError) -> int:
        """Both versions side by side; the clerk's choice (ConflictDialog.KEEP_MINE, USE_THEIRS or CANCEL)."""
        dialog = ConflictDialog(error, label_of=history.field_label, parent=self)
        dialog.exec()
        return dialog.choice

    def _settle_conflict(self, error: ConflictError) -> bool:
        """Someone else saved this question since it was shown: keep theirs, save over it, or keep editing."""
        choice = self.ask_about_conflict(error)
        if choice == ConflictDialog.KEEP_MINE:
            self._filled = dataclasses.replace(self._filled, version=error.current_version)
            return self.save()
        if choice == ConflictDialog.USE_THEIRS:
            self.show_question(self.question_id)
            return True
        self.show_errors({"": f"Not saved: {error.changed_by} changed this question since you opened it. "
                              "Your edits are still in the form."})
        return False

    # --- errors -------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.field_errors.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; anything without a field goes above the buttons."""
        self.tabs.setCurrentWidget(self.question_page)
        self.field_errors.show(errors, label_of=human_label, count_fields=True)


def _scrolling(page: QWidget) -> QScrollArea:
    """`page` in a frameless scroll area, so a short pane scrolls instead of squashing the form."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
