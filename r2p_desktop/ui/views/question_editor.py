"""The question editor below the questions table: adding or changing a question to the government.

The services check the values; each problem is shown in red under its field and nothing is saved
until all are put right. Moving to another question with unsaved edits asks whether to save them; a
saved question can be deleted once nothing refers to it."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...app import pages
from ...app import questions as question_use_cases
from ...app.records import read
from ...core import drafts, kinds
from ...core.database import Database
from ...core.errors import ConflictError, R2PError, ValidationError
from ...core.formatting import human_label
from ...core.models import Assessment, Confidentiality, Question, QuestionStatus, QuestionType
from ...core.services import follow_ups, history, records
from ..dialogs.conflict_dialog import ConflictDialog
from ..dialogs.follow_up_dialog import FollowUpDialog
from ..dialogs.record_dialog import failed_save_messages
from ..records_changed import QUESTIONS, RecordsChanged
from ..widgets.catalogue_picker import CataloguePicker
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.field_errors import FieldErrors
from ..widgets.history_table import HistoryTable
from ..widgets.text_box import text_box

log = logging.getLogger(__name__)

DRAFT_INTERVAL_MS = 3000
DRAFT_KIND = kinds.QUESTION.key

# Service field names that belong to a differently named widget.
_FIELD_OF = {"asked_by_id": "asked_by", "addressed_to_id": "addressed_to", "pillar_number": "pillar"}


def delete_confirmation(reference: str | None, title: str) -> str:
    named = f"question {reference}, '{title}'" if reference else f"the question '{title}'"
    return f"Delete {named}? This cannot be undone."


def delete_question(database: Database, records_changed: RecordsChanged, question_id: int) -> str | None:
    """Delete the question; None when done, else why it was refused (nothing is deleted then)."""
    try:
        changes = question_use_cases.delete_question(database, question_id)
    except R2PError as error:
        [message] = failed_save_messages(error).values()
        return f"The question was not deleted: {message[:1].upper() + message[1:]}"
    records_changed.notify_changes(changes)
    return None


def confirm(parent: QWidget, title: str, text: str, action: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Cancel, parent)
    action_button = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter alone never deletes
    box.exec()
    return box.clickedButton() is action_button


class QuestionEditor(QWidget):
    """The form below the questions table: one question at a time, or a new one."""

    saved = Signal(int)  # the id of the question just saved
    deleted = Signal(int)

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self.question_id: int | None = None
        self._version: int | None = None
        self.field_errors = FieldErrors()
        self.fields = self.field_errors.fields
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label
        self._history_loaded = False
        self.follow_up_dialog: FollowUpDialog | None = None
        self._saved_reference: str | None = None
        self._saved_title = ""
        self._saved_state: dict = {}

        self._build()
        # Unsaved edits are kept on disk every few seconds, to be offered back after a crash.
        self._draft_of: int | bool | None = False  # the question whose draft this form wrote; False: none
        self._drafted_state: dict | None = None  # what that draft holds, so an unchanged form is not rewritten
        self._draft_timer = QTimer(self)
        self._draft_timer.setInterval(DRAFT_INTERVAL_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._draft_timer.start()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText("The parliament's own number, e.g. WQ 2017/145")
        self.type_combo = enum_combo(QuestionType)
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("What the question is about, in a line")
        self.question_text_edit = text_box(min_height=None)
        self.asked_by_combo = self._name_combo("Member who asked; a new name is added to People")
        self.addressed_to_combo = self._name_combo("Ministry or body that must answer; a new name is added to Bodies")
        self.date_tabled_edit = DateField()
        self.answer_due_edit = DateField()
        self.status_combo = enum_combo(QuestionStatus)
        self.answer_text_edit = text_box(min_height=None)
        self.date_answered_edit = DateField()
        self.assessment_combo = enum_combo(Assessment, none="Not assessed")
        self.pillar_combo = QComboBox()
        self.confidentiality_combo = enum_combo(Confidentiality)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Separate tags with ;")
        self.notes_edit = text_box(min_height=None)

        question = self._group("Question", [
            ("reference", "&Reference", self.reference_edit),
            ("type", "T&ype", self.type_combo),
            ("title", "&Title", self.title_edit),
            ("asked_by", "&Asked by", self.asked_by_combo),
            ("addressed_to", "Addressed &to", self.addressed_to_combo),
            ("date_tabled", "Date ta&bled", self.date_tabled_edit),
            ("answer_due", "Answer d&ue", self.answer_due_edit),
            ("status", "&Status", self.status_combo),
            ("question_text", "&Question text", self.question_text_edit),
        ])
        answer = self._group("Answer", [
            ("answer_text", "Answer te&xt", self.answer_text_edit),
            ("date_answered", "Date a&nswered", self.date_answered_edit),
            ("assessment", "Our assess&ment", self.assessment_combo),
        ])
        filing = self._group("Filing", [
            ("pillar", "&Pillar", self.pillar_combo),
            ("confidentiality", "&Confidentiality", self.confidentiality_combo),
            ("tags", "Ta&gs", self.tags_edit),
            ("notes", "N&otes", self.notes_edit),
        ])
        self.question_text_edit.setMinimumHeight(90)
        self.answer_text_edit.setMinimumHeight(90)
        self.notes_edit.setMinimumHeight(50)

        right = QVBoxLayout()
        right.addWidget(answer, 3)
        right.addWidget(filing, 2)
        columns = QHBoxLayout()
        columns.addWidget(question, 1)
        columns.addLayout(right, 1)

        self.heading_label = QLabel()
        font = QFont(self.heading_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading_label.setFont(font)
        self.heading_label.setTextFormat(Qt.TextFormat.PlainText)
        # A long title is cut at the pane's edge instead of widening the window.
        self.heading_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.revert_button = self.buttons.addButton("Re&vert", QDialogButtonBox.ButtonRole.ResetRole)
        self.revert_button.setToolTip("Forget the unsaved edits and show the question as saved")
        self.revert_button.clicked.connect(self.revert)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
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
        self.commitments_picker = CataloguePicker("commitments")
        self.risk_factors_picker = CataloguePicker("risk factors")
        self.instruments_picker = CataloguePicker("instruments")
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 8, 0, 0)
        hint = QLabel("What this question holds the government to: tick the commitments it made, the risk "
                      "factors it bears on and the instruments it concerns.")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        columns = QHBoxLayout()
        for title, picker, stretch in (("Co&mmitments", self.commitments_picker, 2),
                                       ("&Risk factors", self.risk_factors_picker, 1),
                                       ("&Instruments", self.instruments_picker, 1)):
            label = QLabel(title.replace("&", ""))
            label.setStyleSheet("font-weight: bold;")
            column = QVBoxLayout()
            column.addWidget(label)
            column.addWidget(picker, 1)
            columns.addLayout(column, stretch)
        layout.addLayout(columns, 1)
        return _scrolling(page)

    def _group(self, title: str, rows: list[tuple[str, str, QWidget]]) -> QGroupBox:
        box = QGroupBox(title)
        self.field_errors.form(rows, box)
        return box


    @staticmethod
    def _name_combo(tooltip: str) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        combo.setToolTip(tooltip)
        completer = combo.completer()
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        return combo

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

    # --- reading and writing ------------------------------------------------------------------

    def _fill_choices(self) -> None:
        """The names and catalogue entries to choose from, read again for each question shown."""
        choices = pages.question_choices(self._database)
        self.commitments_picker.set_entries([(c.code, c.title) for c in choices.commitments])
        self.risk_factors_picker.set_entries([(r["code"], r["title"]) for r in choices.risk_factors])
        self.instruments_picker.set_entries([(i["code"], f"{i['short_title']} ({i['year']})")
                                             for i in choices.instruments])
        for combo, entries in ((self.asked_by_combo, [(p["full_name"], p["id"]) for p in choices.people]),
                               (self.addressed_to_combo, [(b["name"], b["id"]) for b in choices.bodies]),
                               (self.pillar_combo, [(f"Pillar {p['number']}: {p['title']}", p["number"])
                                                    for p in choices.pillars])):
            combo.clear()
            combo.addItem("None" if combo is self.pillar_combo else "", None)
            for text, data in entries:
                combo.addItem(text, data)

    def show_question(self, question_id: int | None) -> None:
        """Show the saved question `question_id`, or an empty form for a new one (None).

        Edits in the form are dropped: ask first with leave_asking()."""
        self._forget_draft()
        self._fill_choices()
        self.clear_errors()
        self.question_id = question_id
        self._version = None
        self._saved_reference, self._saved_title = None, ""
        if question_id is None:
            self._clear()
        else:
            self._load(question_id)
        self._saved_state = self._state()
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
        self.heading_label.setText(self._edit_title() if editing else "New question")
        self.heading_label.setToolTip(self.heading_label.text())

    def _clear(self) -> None:
        for picker in (self.commitments_picker, self.risk_factors_picker, self.instruments_picker):
            picker.set_selected([])
        for edit in (self.reference_edit, self.title_edit, self.tags_edit):
            edit.clear()
        for edit in (self.question_text_edit, self.answer_text_edit, self.notes_edit):
            edit.clear()
        for field in (self.date_tabled_edit, self.answer_due_edit, self.date_answered_edit):
            field.set_date(None)
        for combo in (self.asked_by_combo, self.addressed_to_combo, self.pillar_combo, self.assessment_combo):
            combo.setCurrentIndex(0)
        self.type_combo.setCurrentIndex(0)
        self.status_combo.setCurrentIndex(0)
        select_data(self.confidentiality_combo, self._database.default_confidentiality)

    def _load(self, question_id: int) -> None:
        values = read(self._database, lambda session: records.get(session, Question, question_id))
        self._version = values.get("version")
        self._saved_reference = values.get("reference")
        self._saved_title = values.get("title") or ""
        dates = {name: values[name].isoformat() if values.get(name) else ""
                 for name in ("date_tabled", "answer_due", "date_answered")}
        names = {name: combo.itemText(combo.findData(values[f"{name}_id"])) if values.get(f"{name}_id") else ""
                 for name, combo in (("asked_by", self.asked_by_combo), ("addressed_to", self.addressed_to_combo))}
        self._fill({**values, **dates, **names, "tags": "; ".join(values.get("tags") or [])})

    def _fill(self, state: dict) -> None:
        """Put values shaped as _state() gives them into the form: a saved question's, or a draft's."""
        for picker, name in ((self.commitments_picker, "commitments"), (self.risk_factors_picker, "risk_factors"),
                             (self.instruments_picker, "instruments")):
            picker.set_selected(state.get(name) or [])
        for edit, name in ((self.reference_edit, "reference"), (self.title_edit, "title"),
                           (self.tags_edit, "tags"), (self.date_tabled_edit, "date_tabled"),
                           (self.answer_due_edit, "answer_due"), (self.date_answered_edit, "date_answered")):
            edit.setText(state.get(name) or "")
            edit.setCursorPosition(0)  # a long title reads from its start, not its end
        for text_edit, name in ((self.question_text_edit, "question_text"), (self.answer_text_edit, "answer_text"),
                                (self.notes_edit, "notes")):
            text_edit.setPlainText(state.get(name) or "")
        for combo, name in ((self.type_combo, "type"), (self.status_combo, "status"),
                            (self.assessment_combo, "assessment"), (self.pillar_combo, "pillar_number"),
                            (self.confidentiality_combo, "confidentiality")):
            select_data(combo, state.get(name))
        for combo, name in ((self.asked_by_combo, "asked_by"), (self.addressed_to_combo, "addressed_to")):
            text = state.get(name) or ""
            index = combo.findText(text, Qt.MatchFlag.MatchFixedString) if text else 0
            if index >= 0:
                combo.setCurrentIndex(index)
            else:
                combo.setEditText(text)  # a new name, added to People or Bodies when saved

    def _tab_shown(self, index: int) -> None:
        if self.tabs.widget(index) is self.history_page and not self._history_loaded:
            self.load_history()

    def load_history(self) -> None:
        entries = read(self._database, lambda session: history.record_history(session, Question, self.question_id))
        self.history_table.set_entries(entries)
        self._history_loaded = True

    def _edit_title(self) -> str:
        reference = self._saved_reference or ""
        return f"Question {reference}: {self._saved_title}" if reference else self._saved_title or "Question"


    def values(self) -> dict:
        """The form as plain values for records.create/update (names resolved separately)."""
        return {
            "reference": self.reference_edit.text(),
            "type": self.type_combo.currentData(),
            "title": self.title_edit.text(),
            "question_text": self.question_text_edit.toPlainText(),
            "date_tabled": self.date_tabled_edit.date_text(),
            "answer_due": self.answer_due_edit.date_text(),
            "status": self.status_combo.currentData(),
            "answer_text": self.answer_text_edit.toPlainText(),
            "date_answered": self.date_answered_edit.date_text(),
            "assessment": self.assessment_combo.currentData(),
            "pillar_number": self.pillar_combo.currentData(),
            "confidentiality": self.confidentiality_combo.currentData(),
            "tags": self.tags_edit.text(),
            "notes": self.notes_edit.toPlainText(),
            "commitments": self.commitments_picker.selected(),
            "risk_factors": self.risk_factors_picker.selected(),
            "instruments": self.instruments_picker.selected(),
        }

    def _state(self) -> dict:
        """Everything the clerk can change, to tell whether anything was."""
        return {**self.values(), "asked_by": self.asked_by_combo.currentText().strip(),
                "addressed_to": self.addressed_to_combo.currentText().strip()}

    def has_unsaved_changes(self) -> bool:
        shown = bool(self._saved_state)  # nothing can have changed before a question is shown
        return shown and self._state() != self._saved_state

    # --- drafts -------------------------------------------------------------------------------

    def keep_draft(self) -> None:
        """Write the unsaved edits to a draft file (or forget the draft once there are none)."""
        if not self.has_unsaved_changes():
            self._forget_draft()
            return
        state = self._state()
        if state == self._drafted_state:
            return  # nothing typed since the last try
        try:
            drafts.save_draft(DRAFT_KIND, self.question_id, state, database=self._database.describe(),
                              version=self._version, base=self._saved_state)
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

        The edits go onto the question as it is now. If a colleague has saved one of the edited fields
        since, the draft's version is kept, so saving shows both versions instead of overwriting theirs.
        A draft of a question deleted since comes back as a new question."""
        exists = draft.record_id is not None and pages.question_exists(self._database, draft.record_id)
        self.show_question(draft.record_id if exists else None)
        if not exists:
            self._fill(draft.fields)
            drafts.discard_draft(draft.kind, draft.record_id, database=draft.database)
            self.keep_draft()  # from now on the draft of a new question
            return
        base = draft.base or {}
        edits = {name: value for name, value in draft.fields.items() if name not in base or base[name] != value}
        self._fill({**self._saved_state, **edits})
        changed_since = [name for name in edits if name not in base or self._saved_state.get(name) != base[name]]
        if changed_since and draft.version is not None and draft.version != self._version:
            self._version = draft.version  # saving will show both versions
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

    def confirm_delete(self, text: str) -> bool:
        return confirm(self, "Delete question", text, "&Delete")

    def delete(self) -> bool:
        """Delete this question after asking; True when it is gone."""
        if self.question_id is None:
            return False
        if not self.confirm_delete(delete_confirmation(self._saved_reference, self._saved_title)):
            return False
        deleted_id = self.question_id
        # Wiping the deleted words from the search index rewrites it: about 2 s on 100,000 questions.
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            refusal = delete_question(self._database, self._records_changed, deleted_id)
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
        state = self._state()
        try:
            # Only what the clerk changed from what was shown is written, so a colleague's save of other
            # fields stays; a typed name is found in People or Bodies, or added there.
            changes = question_use_cases.save_question(
                self._database, self.question_id, self.values(), shown=self._saved_state,
                expected_version=self._version, asked_by_name=state["asked_by"],
                addressed_to_name=state["addressed_to"])
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
            self._version = error.current_version
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
        self.field_errors.show(errors, field_of=_FIELD_OF, label_of=human_label, count_fields=True)


def _scrolling(page: QWidget) -> QScrollArea:
    """`page` in a frameless scroll area, so a short pane scrolls instead of squashing the form."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area
