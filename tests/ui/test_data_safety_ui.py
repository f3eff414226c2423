"""What the window does to keep the committee's record safe: drafts offered back after a crash, a
damaged file opened read-only with a banner, a network drive warned about, backups from the menu and
on closing."""

from __future__ import annotations

import hashlib

from file_damage import damaged_copy
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from r2p_desktop.core import drafts
from r2p_desktop.core.backup import list_backups
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.ui.dialogs.conflict_dialog import ConflictDialog
from r2p_desktop.ui.main_window import MainWindow
from r2p_desktop.ui.records_changed import RecordsChanged
from r2p_desktop.ui.views.question_editor import delete_question
from r2p_desktop.ui.views.questions_view import QuestionsView
from r2p_desktop.ui.widgets.banner import Banner


def saved(database, question_id) -> dict:
    with database.read_session() as session:
        return records.get(session, Question, question_id)


def saved_title(database, question_id) -> str:
    return saved(database, question_id)["title"]


def open_window(qtbot, database, tmp_path) -> MainWindow:
    window = MainWindow(database, RecordsChanged(), QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.opening_checks is not None)
    return window


def test_unsaved_edits_are_kept_as_a_draft_and_offered_back_after_a_crash(main_window, qtbot, database,
                                                                           add_questions, tmp_path, monkeypatch):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("Edits the crash must not lose")
    editor.widgets["notes"].setPlainText("Ring the ministry's focal point")
    qtbot.waitUntil(lambda: bool(drafts.pending_drafts()), timeout=5000)  # kept within a few seconds
    before = saved_title(database, question_id)

    # The application dies here; the next start offers the edits back.
    editor._draft_timer.stop()
    offered = []
    monkeypatch.setattr(QuestionsView, "ask_restore_draft", lambda view, draft: offered.append(draft) or True)
    window = open_window(qtbot, database, tmp_path)
    qtbot.waitUntil(lambda: bool(offered))
    again = window.questions_view.editor
    assert window.current_view() is window.questions_view
    assert again.question_id == question_id
    assert again.widgets["title"].text() == "Edits the crash must not lose"
    assert again.widgets["notes"].toPlainText() == "Ring the ministry's focal point"
    assert again.has_unsaved_changes() and saved_title(database, question_id) == before

    assert again.save()
    assert saved_title(database, question_id) == "Edits the crash must not lose"
    assert drafts.pending_drafts() == []  # saved: the draft is gone


def test_a_draft_the_clerk_declines_is_discarded(qtbot, database, add_questions, tmp_path, monkeypatch):
    [question_id] = add_questions(1)
    drafts.save_draft("question", question_id, {"title": "Never mind"}, database=database.describe())
    monkeypatch.setattr(QuestionsView, "ask_restore_draft", lambda view, draft: False)
    window = open_window(qtbot, database, tmp_path)
    assert drafts.pending_drafts() == []
    assert window.questions_view.editor.question_id is None
    assert saved_title(database, question_id) != "Never mind"


def test_a_damaged_file_shows_a_banner_and_nothing_can_be_saved(qtbot, tmp_path, add_questions, database):
    add_questions(500)  # enough that the middle of the file, damaged below, holds questions
    database.dispose()  # everything checkpointed into the file
    damaged = damaged_copy(tmp_path / "r2p.sqlite", tmp_path / "damaged.sqlite")
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()

    opened = open_database(str(damaged), check_later=True)  # as the application opens it
    window = open_window(qtbot, opened, tmp_path)
    assert opened.read_only and window.opening_checks.damage
    banner = window.damage_banner
    assert banner.isVisible() and "open read-only" in banner.label.text()
    assert banner.action_button.text() == "&Restore a backup…"

    editor = window.new_question()
    editor.widgets["title"].setText("Cannot be written")
    assert not editor.save()
    assert "read-only" in editor.summary_label.text()
    assert editor.widgets["title"].text() == "Cannot be written"  # the edit stays in the form
    editor.revert()
    refusal = delete_question(opened, RecordsChanged(), 1)
    assert "read-only" in refusal and "follow-ups" not in refusal  # the reason given is the real one
    opened.dispose()
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_a_database_on_a_network_drive_is_warned_about(qtbot, database, tmp_path, monkeypatch):
    from r2p_desktop.core import storage_location

    monkeypatch.setattr(storage_location, "is_network_location", lambda path: True)
    window = open_window(qtbot, database, tmp_path)
    assert window.opening_checks.on_network_drive
    texts = [banner.label.text() for banner in window.findChildren(Banner) if banner.isVisible()]
    assert any("network drive" in text and "one person at a time" in text for text in texts)


def test_back_up_now_and_on_closing(main_window, qtbot, database, add_questions, tmp_path):
    folder = tmp_path / "backups"
    database.backup_dir = folder
    main_window.backup_action.trigger()
    qtbot.waitUntil(lambda: "Backed up to" in main_window.statusBar().currentMessage())
    assert [b.reason for b in list_backups(folder)] == ["manual"]

    add_questions(1)  # a change since the last automatic backup
    main_window.close()
    assert sorted(b.reason for b in list_backups(folder)) == ["close", "manual"]


def saved_elsewhere(database, question_id, **values) -> None:
    """A colleague, or `r2p` on the same file, saves the question meanwhile."""
    with database.session() as session:
        records.update(session, Question, question_id, values)
        session.commit()


def test_a_conflicting_save_asks_and_keeping_mine_saves_it(main_window, database, add_questions, monkeypatch):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    saved_elsewhere(database, question_id, title="Their title")
    editor.widgets["title"].setText("My title")
    shown = []
    monkeypatch.setattr(editor, "ask_about_conflict", lambda error: shown.append(error) or ConflictDialog.KEEP_MINE)
    assert editor.save()
    [conflict] = shown
    assert (conflict.yours["title"], conflict.theirs["title"]) == ("My title", "Their title")
    assert conflict.differing_fields == ["title"]  # dates, tags and links compare as stored, not as typed
    assert conflict.changed_by == "test-clerk"
    assert saved_title(database, question_id) == "My title"


def test_a_conflict_can_keep_theirs_or_go_back_to_editing(main_window, database, add_questions, monkeypatch):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    saved_elsewhere(database, question_id, title="Their title")
    editor.widgets["title"].setText("My title")
    monkeypatch.setattr(editor, "ask_about_conflict", lambda error: ConflictDialog.CANCEL)
    assert not editor.save()
    assert "changed this question since you opened it" in editor.summary_label.text()
    assert editor.widgets["title"].text() == "My title" and saved_title(database, question_id) == "Their title"

    monkeypatch.setattr(editor, "ask_about_conflict", lambda error: ConflictDialog.USE_THEIRS)
    assert editor.save()
    assert editor.widgets["title"].text() == "Their title" and not editor.has_unsaved_changes()


def test_keeping_mine_writes_only_the_fields_i_changed(main_window, database, add_questions, monkeypatch):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    saved_elsewhere(database, question_id, notes="Their notes")
    editor.widgets["title"].setText("My title")
    monkeypatch.setattr(editor, "ask_about_conflict", lambda error: ConflictDialog.KEEP_MINE)
    assert editor.save()
    assert (saved(database, question_id)["title"], saved(database, question_id)["notes"]) == ("My title",
                                                                                              "Their notes")


def crash_draft(editor) -> drafts.Draft:
    """The draft the editor leaves behind when the application dies now."""
    editor.keep_draft()
    editor._draft_timer.stop()
    [draft] = drafts.pending_drafts()
    return draft


def test_a_draft_goes_onto_a_colleagues_later_save_of_other_fields(main_window, database, add_questions,
                                                                  monkeypatch):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("My title")
    draft = crash_draft(editor)
    saved_elsewhere(database, question_id, notes="Their notes")  # while the application was down

    asked = []
    monkeypatch.setattr(editor, "ask_about_conflict", lambda error: asked.append(error) or ConflictDialog.CANCEL)
    editor.restore_draft(draft)
    assert editor.widgets["title"].text() == "My title" and editor.widgets["notes"].toPlainText() == "Their notes"
    assert editor.save() and not asked
    assert (saved(database, question_id)["title"], saved(database, question_id)["notes"]) == ("My title",
                                                                                              "Their notes")


def test_a_draft_of_a_field_a_colleague_saved_since_shows_both_versions(main_window, database, add_questions,
                                                                        monkeypatch):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("My title")
    draft = crash_draft(editor)
    saved_elsewhere(database, question_id, title="Their title")

    asked = []
    monkeypatch.setattr(editor, "ask_about_conflict", lambda error: asked.append(error) or ConflictDialog.CANCEL)
    editor.restore_draft(draft)
    assert not editor.save()
    [conflict] = asked
    assert (conflict.yours["title"], conflict.theirs["title"]) == ("My title", "Their title")
    assert saved_title(database, question_id) == "Their title"
    editor.revert()


def test_a_draft_of_a_deleted_question_comes_back_as_a_new_one_and_leaves_no_file_behind(
        main_window, database, add_questions):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("Worth keeping")
    draft = crash_draft(editor)
    editor.revert()
    with database.session() as session:
        records.delete(session, Question, question_id)
        session.commit()

    editor.restore_draft(draft)
    assert editor.question_id is None and editor.widgets["title"].text() == "Worth keeping"
    assert [(d.record_id, d.fields["title"]) for d in drafts.pending_drafts()] == [(None, "Worth keeping")]
    editor.revert()
    assert drafts.pending_drafts() == []


def test_restoring_a_backup_keeps_unsaved_edits_and_offers_them_back(main_window, qtbot, database, add_questions,
                                                                     tmp_path, monkeypatch):
    from r2p_desktop.core.backup import take_backup

    [question_id] = add_questions(1)
    database.backup_dir = tmp_path / "backups"
    take_backup(database, "manual")
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("Typed before the restore")
    offered = []
    monkeypatch.setattr(QuestionsView, "ask_restore_draft", lambda view, draft: offered.append(draft) or True)

    dialog = main_window.restore_from_backup()
    qtbot.waitUntil(lambda: bool(dialog.backups))
    monkeypatch.setattr(dialog, "confirm_restore", lambda text: True)
    dialog.restore_button.click()
    qtbot.waitUntil(lambda: bool(offered), timeout=10_000)
    assert editor.question_id == question_id and editor.widgets["title"].text() == "Typed before the restore"
    assert editor.has_unsaved_changes()
    editor.revert()


def test_closing_a_read_only_database_can_keep_the_edits_as_a_draft(qtbot, tmp_path, add_questions, database,
                                                                     monkeypatch):
    question_id = add_questions(500)[0]  # the middle of the file, damaged below, holds questions
    database.dispose()
    damaged = damaged_copy(tmp_path / "r2p.sqlite", tmp_path / "damaged.sqlite")
    opened = open_database(str(damaged), check_later=True)
    window = open_window(qtbot, opened, tmp_path)
    assert opened.read_only
    editor = window.edit_question(question_id)
    editor.widgets["title"].setText("Cannot be written today")
    monkeypatch.setattr(type(editor), "ask_to_keep_draft", lambda self: QMessageBox.StandardButton.Save)
    assert window.close()
    [draft] = drafts.pending_drafts()
    assert (draft.record_id, draft.fields["title"]) == (question_id, "Cannot be written today")
    opened.dispose()


def test_a_draft_that_cannot_be_written_is_said_once_and_the_edits_stay(main_window, add_questions, tmp_path,
                                                                        monkeypatch, caplog):
    [question_id] = add_questions(1)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the drafts folder should be", encoding="utf-8")
    monkeypatch.setattr(drafts, "drafts_dir", lambda: blocked / "drafts")
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("Typed on a full disk")
    editor.keep_draft()  # as the timer does; no exception reaches the error reporter
    editor.keep_draft()  # nothing typed since: not tried again every few seconds
    assert "could not be kept as a draft" in editor.summary_label.text()
    assert sum("could not keep a draft" in record.message for record in caplog.records) == 1
    assert editor.widgets["title"].text() == "Typed on a full disk" and editor.has_unsaved_changes()
    editor.revert()
