"""The Questions filter bar, used as a clerk would: each control narrows the table to exactly the
questions it should, and the expected questions are worked out here from the records made, not asked of
the query under test."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from clerk_actions import choose
from PySide6.QtCore import QPoint, Qt

from r2p_desktop.core import catalogue
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.questions import QuestionFilter
from r2p_desktop.ui.models import question_table_model as qtm
from r2p_desktop.ui.records_changed import PEOPLE

TODAY = date.today()  # the table counts days overdue from the real today
MEMBERS = [("Amina Okafor", "mp"), ("Lars Berg", "mp"), ("Chen Wei", "mp"), ("Ruth Adler", "expert")]
BODIES = ["Ministry of Foreign Affairs", "Ministry of Defence", "Ministry of Justice"]
STATUSES = ["draft", "tabled", "holding_answer", "answered", "withdrawn", "closed"]
TOPICS = ["Early warning", "National focal point", "Arms exports", "Hate speech"]
LEVELS = ["public", "committee", "restricted"]
AWAITING = {"tabled", "holding_answer"}


@dataclass(frozen=True)
class Made:
    """One question as this test made it."""

    reference: str
    title: str
    asked_by: str
    addressed_to: str
    status: str
    tabled: date | None
    due: date | None
    pillar: int | None
    commitments: tuple[str, ...]
    confidentiality: str

    @property
    def overdue(self) -> bool:
        return self.status in AWAITING and self.due is not None and self.due < TODAY


@dataclass
class Committee:
    questions: list[Made]
    people: dict[str, int]
    bodies: dict[str, int]
    codes: list[str]

    def where(self, keep) -> set[str]:
        chosen = {q.reference for q in self.questions if keep(q)}
        assert 0 < len(chosen) < len(self.questions), "the data should make this filter narrow, not empty"
        return chosen

    @property
    def everything(self) -> set[str]:
        return {q.reference for q in self.questions}


def _made(n: int, codes: list[str]) -> Made:
    status = STATUSES[n % len(STATUSES)]
    tabled = None if status == "draft" else TODAY - timedelta(days=(n * 17) % 120 + 3)
    linked = tuple(code for code, wanted in ((codes[0], n % 3 == 0), (codes[1], n % 5 == 0)) if wanted)
    return Made(
        reference=f"WQ {n:04d}",
        title=f"{TOPICS[n % len(TOPICS)]}: question {n}",
        asked_by=MEMBERS[n % len(MEMBERS)][0],
        addressed_to=BODIES[(n // 2) % len(BODIES)],
        status=status,
        tabled=tabled,
        due=None if tabled is None else tabled + timedelta(days=(n * 11) % 60 + 1),
        pillar=(n % 4) or None,
        commitments=linked,
        confidentiality=LEVELS[(n // 5) % len(LEVELS)],
    )


@pytest.fixture
def committee(database) -> Committee:
    """30 questions varied on every field the bar filters, made through the services."""
    with database.session() as session:
        codes = [c.code for c in catalogue.list_commitments(session)[:2]]
        people = {name: directory.person_or_new(session, name, kind=kind) for name, kind in MEMBERS}
        directory.person_or_new(session, "Ines Moreau", kind="official")  # asks nothing
        bodies = {name: directory.body_or_new(session, name) for name in BODIES}
        made = [_made(n, codes) for n in range(30)]
        for q in made:
            records.create(session, Question, {
                "reference": q.reference, "title": q.title, "asked_by_id": people[q.asked_by],
                "addressed_to_id": bodies[q.addressed_to], "status": q.status, "date_tabled": q.tabled,
                "answer_due": q.due, "pillar_number": q.pillar, "commitments": list(q.commitments),
                "confidentiality": q.confidentiality,
                "answer_text": "The government has appointed a focal point." if q.status == "answered" else "",
            })
        session.commit()
    return Committee(made, people, bodies, codes)


@pytest.fixture
def view(main_window, committee):
    main_window.show_view(1)
    questions = main_window.questions_view
    assert shown(questions) == committee.everything
    return questions


def shown(view) -> set[str]:
    return set(references_in_order(view))


def references_in_order(view) -> list[str]:
    model = view.model
    return [model.index(row, qtm.REFERENCE).data() for row in range(model.rowCount())]



def type_into(qtbot, combo, text: str, *keys: Qt.Key) -> None:
    """Type into a searchable combo, then press `keys` where they go: the list of matches while it shows."""
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClicks(combo, text)
    for key in keys:
        popup = combo.completer().popup()
        qtbot.keyClick(popup if popup.isVisible() else combo, key)


def test_typing_narrows_to_titles_and_references_after_a_pause(view, qtbot, committee):
    qtbot.keyClicks(view.filter_bar.text_edit, "hate SPEECH")
    assert shown(view) == committee.everything  # not yet: the bar waits for a pause in typing
    expected = committee.where(lambda q: "hate speech" in q.title.lower())
    qtbot.waitUntil(lambda: shown(view) == expected)
    assert view.count_label.text() == f"{len(expected)} of 30 questions"

    view.filter_bar.text_edit.clear()
    qtbot.keyClicks(view.filter_bar.text_edit, "WQ 001")
    qtbot.waitUntil(lambda: shown(view) == committee.where(lambda q: q.reference.startswith("WQ 001")))


@pytest.mark.parametrize(("label", "keep"), [
    ("Overdue", lambda q: q.overdue),
    ("Awaiting an answer", lambda q: q.status in AWAITING),
    ("Holding answer", lambda q: q.status == "holding_answer"),
    ("Draft", lambda q: q.status == "draft"),
    ("Answered", lambda q: q.status == "answered"),
])
def test_status_including_overdue_and_awaiting(view, committee, label, keep):
    choose(view.filter_bar.status_combo, label)
    assert shown(view) == committee.where(keep)


def test_answering_body_is_found_by_part_of_its_name(view, qtbot, committee):
    combo = view.filter_bar.body_combo
    type_into(qtbot, combo, "defen", Qt.Key.Key_Down, Qt.Key.Key_Return)
    assert combo.currentText() == "Ministry of Defence"
    assert shown(view) == committee.where(lambda q: q.addressed_to == "Ministry of Defence")

    type_into(qtbot, combo, "ministry of justice", Qt.Key.Key_Tab)  # the whole name, in any case
    assert combo.currentText() == "Ministry of Justice"
    assert shown(view) == committee.where(lambda q: q.addressed_to == "Ministry of Justice")

    # Text that names no body leaves the choice as it was rather than a box that misleads.
    type_into(qtbot, combo, "Ministry of Fi", Qt.Key.Key_Tab)
    assert combo.currentText() == "Ministry of Justice"
    assert shown(view) == committee.where(lambda q: q.addressed_to == "Ministry of Justice")

    # Emptying the box drops the condition.
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClick(combo, Qt.Key.Key_Backspace)
    assert shown(view) == committee.everything


def test_member_who_asked_with_members_of_parliament_first(view, committee):
    combo = view.filter_bar.member_combo
    names = [combo.itemText(row) for row in range(combo.count()) if combo.itemText(row)]
    assert names == ["Amina Okafor", "Chen Wei", "Lars Berg", "Ines Moreau", "Ruth Adler"]
    choose(combo, "Chen Wei")
    assert shown(view) == committee.where(lambda q: q.asked_by == "Chen Wei")
    choose(combo, "Ruth Adler")  # not an MP, still a member of the list
    assert shown(view) == committee.where(lambda q: q.asked_by == "Ruth Adler")


def test_pillar_commitment_and_confidentiality(view, committee):
    bar = view.filter_bar
    choose(bar.pillar_combo, "Pillar 2")
    assert shown(view) == committee.where(lambda q: q.pillar == 2)
    bar.clear()

    code = committee.codes[1]
    bar.commitment_combo.setCurrentIndex(bar.commitment_combo.findData(code))
    assert bar.commitment_combo.currentText().startswith(code)
    assert shown(view) == committee.where(lambda q: code in q.commitments)
    bar.clear()

    choose(bar.confidentiality_combo, "Restricted")
    assert shown(view) == committee.where(lambda q: q.confidentiality == "restricted")


def test_tabled_date_range_counts_both_ends(view, qtbot, committee):
    tabled = sorted(q.tabled for q in committee.questions if q.tabled)
    start, end = tabled[5], tabled[20]
    bar = view.filter_bar
    qtbot.keyClicks(bar.tabled_from_edit, start.isoformat())
    qtbot.waitUntil(lambda: shown(view) == committee.where(lambda q: q.tabled is not None and q.tabled >= start))
    qtbot.keyClicks(bar.tabled_to_edit, end.isoformat())
    qtbot.waitUntil(lambda: shown(view) == committee.where(
        lambda q: q.tabled is not None and start <= q.tabled <= end))


@pytest.mark.parametrize("typed", ["2026-13-45", "2026-1"])
def test_an_unreadable_date_is_marked_and_left_out(view, qtbot, committee, typed):
    bar = view.filter_bar
    bar.tabled_from_edit.setFocus()
    qtbot.keyClicks(bar.tabled_from_edit, typed)
    qtbot.keyClick(bar.tabled_from_edit, Qt.Key.Key_Tab)
    assert "color" in bar.tabled_from_edit.styleSheet()
    assert bar.current_filter().tabled_from is None
    assert shown(view) == committee.everything
    bar.tabled_from_edit.clear()
    assert bar.tabled_from_edit.styleSheet() == ""


def test_filters_combine_and_clear_restores_every_question(view, qtbot, committee):
    bar = view.filter_bar
    choose(bar.status_combo, "Awaiting an answer")
    choose(bar.body_combo, "Ministry of Foreign Affairs")
    choose(bar.confidentiality_combo, "Committee")
    expected = committee.where(lambda q: q.status in AWAITING and q.addressed_to == "Ministry of Foreign Affairs"
                               and q.confidentiality == "committee")
    assert shown(view) == expected
    assert view.count_label.text() == f"{len(expected)} of 30 questions"
    assert bar.clear_button.isEnabled()

    qtbot.mouseClick(bar.clear_button, Qt.MouseButton.LeftButton)
    assert shown(view) == committee.everything
    assert view.count_label.text() == "30 questions"
    assert bar.current_filter() == QuestionFilter()
    assert bar.status_combo.currentText() == "All statuses"
    assert bar.body_combo.currentText() == ""  # showing its "All answering bodies" placeholder
    assert not bar.clear_button.isEnabled()


def test_nothing_matches_says_so_in_the_count(view, committee):
    choose(view.filter_bar.status_combo, "Draft")
    choose(view.filter_bar.pillar_combo, "Pillar 3")
    expected = {q.reference for q in committee.questions if q.status == "draft" and q.pillar == 3}
    assert shown(view) == expected
    assert view.count_label.text() == f"{len(expected)} of 30 questions"


def test_show_questions_due_this_week_shows_a_chip_that_widens_when_removed(main_window, view, qtbot, committee):
    awaiting_dues = sorted(q.due for q in committee.questions if q.status in AWAITING)
    first, last = awaiting_dues[2], awaiting_dues[8]
    main_window.show_view(0)
    view.show_questions(QuestionFilter(status="awaiting", due_from=first, due_to=last))
    main_window.show_view(1)

    in_window = committee.where(lambda q: q.status in AWAITING and first <= q.due <= last)
    assert shown(view) == in_window
    bar = view.filter_bar
    assert bar.status_combo.currentText() == "Awaiting an answer"
    assert bar.due_chip.isVisible()
    assert bar.due_chip.text().startswith(f"Answer due {first.isoformat()} to {last.isoformat()}")
    assert view.count_label.text() == f"{len(in_window)} of 30 questions"

    qtbot.mouseClick(bar.due_chip, Qt.MouseButton.LeftButton)
    assert not bar.due_chip.isVisible()
    assert shown(view) == committee.where(lambda q: q.status in AWAITING)
    assert bar.current_filter() == QuestionFilter(status="awaiting")


def test_show_questions_names_what_it_filters_on(view, committee):
    flt = QuestionFilter(text="focal", status="tabled", addressed_to_id=committee.bodies["Ministry of Justice"],
                         asked_by_id=committee.people["Lars Berg"], pillar=1, commitment_code=committee.codes[0],
                         tabled_from=TODAY - timedelta(days=90), tabled_to=TODAY, confidentiality="public")
    view.show_questions(flt)
    bar = view.filter_bar
    assert bar.current_filter() == flt
    assert bar.body_combo.currentText() == "Ministry of Justice"
    assert bar.member_combo.currentText() == "Lars Berg"
    assert bar.pillar_combo.currentText() == "Pillar 1"
    assert bar.tabled_from_edit.text() == flt.tabled_from.isoformat()
    assert not bar.due_chip.isVisible()


def test_sorting_in_sql_keeps_the_filter(view, committee):
    choose(view.filter_bar.body_combo, "Ministry of Justice")
    expected = sorted(committee.where(lambda q: q.addressed_to == "Ministry of Justice"))
    view.table.sortByColumn(qtm.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert references_in_order(view) == expected
    view.table.sortByColumn(qtm.REFERENCE, Qt.SortOrder.DescendingOrder)
    assert references_in_order(view) == expected[::-1]


def test_changed_records_keep_the_choices_made(main_window, view, database, committee):
    choose(view.filter_bar.member_combo, "Lars Berg")
    with database.session() as session:
        directory.person_or_new(session, "Zofia Nowak", kind="mp")
        session.commit()
    main_window.records_changed.notify(PEOPLE)
    combo = view.filter_bar.member_combo
    assert combo.findText("Zofia Nowak") >= 0
    assert combo.currentText() == "Lars Berg"
    assert shown(view) == committee.where(lambda q: q.asked_by == "Lars Berg")


def test_ctrl_f_goes_to_the_search_box_and_every_control_is_named_and_reachable(main_window, view, qtbot):
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert view.filter_bar.text_edit.hasFocus()
    bar = view.filter_bar
    controls = [bar.text_edit, bar.due_chip, bar.status_combo, bar.body_combo, bar.member_combo, bar.pillar_combo,
                bar.commitment_combo, bar.tabled_from_edit, bar.tabled_to_edit, bar.confidentiality_combo,
                bar.clear_button]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    # Tab walks the visible controls left to right, top row first.
    visited = [bar.text_edit]
    for _ in range(len(controls) - 3):  # the chip is hidden, the clear button disabled
        main_window.focusNextChild()
        focused = main_window.focusWidget()
        visited.append(focused.parent() if focused.parent() in controls else focused)
    assert visited == [c for c in controls if c not in (bar.due_chip, bar.clear_button)]


def test_the_bar_fits_two_rows_of_a_1280_pixel_window(main_window, view, committee):
    main_window.resize(1280, 800)
    view.show_questions(QuestionFilter(status="awaiting", asked_by_id=committee.people["Amina Okafor"],
                                       commitment_code=committee.codes[0], due_from=TODAY,
                                       due_to=TODAY + timedelta(days=6)))
    bar = view.filter_bar
    assert main_window.width() == 1280  # the bar did not force the window wider
    for control in (bar.due_chip, bar.status_combo, bar.body_combo, bar.member_combo, bar.pillar_combo,
                    bar.commitment_combo, bar.tabled_from_edit, bar.tabled_to_edit, bar.confidentiality_combo,
                    bar.clear_button):
        wanted = min(control.sizeHint().width(), control.maximumWidth())
        assert control.width() >= wanted, f"{control.accessibleName()} is squeezed"
    first_row = (bar.text_edit, bar.due_chip, bar.status_combo, bar.body_combo, bar.member_combo)
    second_row = (bar.pillar_combo, bar.commitment_combo, bar.tabled_to_edit, bar.clear_button)
    def top(control) -> int:  # in the bar: the dates sit in a group of their own
        return control.mapTo(bar, QPoint(0, 0)).y()

    assert max(top(c) + c.height() for c in first_row) <= min(top(c) for c in second_row)
    assert bar.height() < 3 * bar.status_combo.height()
    assert bar.clear_button.geometry().right() <= bar.width()
