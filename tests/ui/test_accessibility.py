"""Accessibility: every widget a clerk can reach by keyboard or fill in has a name a screen reader can
say, in every view and every dialog the window opens, on a database full of sample records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)
from sqlalchemy import select

from r2p_desktop.core.models import (
    BudgetItem,
    Debate,
    Document,
    FollowUp,
    Person,
    Question,
    Recommendation,
    RiskAssessment,
    Undertaking,
)
from r2p_desktop.sample_data import generate_demo
from r2p_desktop.ui.accessibility import contrast
from r2p_desktop.ui.views.risk_assessments_view import INK, LEVEL_TINT
from r2p_desktop.ui.widgets.allocation_chart import SCOPE_COLOURS
from r2p_desktop.ui.widgets.banner import BANNER_COLOURS, BANNER_INK
from r2p_desktop.ui.widgets.date_field import DateField

UI = Path(__file__).parents[2] / "r2p_desktop" / "ui"

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit,
               QPlainTextEdit, QSlider, QTabBar)
# Parts of a compound widget that the compound itself names (a spin box's line edit, a combo's list).
PARTS_OF = (QAbstractSpinBox, QComboBox, QTabBar)


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def unnamed(top: QWidget) -> list[str]:
    """Every visible, interactive widget under `top` without an accessible name, described for a reader,
    on each page of each of its tab widgets too."""
    missing = unnamed_showing(top)
    for tabs in top.findChildren(QTabWidget):
        if tabs.isVisible():
            current = tabs.currentIndex()
            for index in range(tabs.count()):
                tabs.setCurrentIndex(index)
                QApplication.processEvents()
                missing += unnamed_showing(tabs)
            tabs.setCurrentIndex(current)
    return missing


def unnamed_showing(top: QWidget) -> list[str]:
    missing = []
    for widget in top.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or not widget.isVisible():
            continue
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(widget, QAbstractButton):
            continue
        parent = widget.parentWidget()
        if parent is not None and (isinstance(parent, PARTS_OF) or isinstance(parent.parentWidget(), PARTS_OF)):
            continue
        if not accessible_name(widget):
            missing.append(f"{type(top).__name__}: {type(widget).__name__} {widget.objectName()!r} "
                           f"(tooltip {widget.toolTip()!r}, parent {type(parent).__name__})")
    return missing


@pytest.fixture
def sample(database):
    with database.session() as session:
        generate_demo(session, questions=80)
        session.commit()


def first_id(database, model) -> int:
    with database.session() as session:
        return session.scalars(select(model.id).order_by(model.id)).first()


def open_dialogs(before: set[QWidget]) -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QDialog) and w.isVisible() and w not in before]


def check_opened(qtbot, missing: list[str], what, *args) -> None:
    """Call `what(*args)`, walk each dialog it opens, then close them."""
    before = set(QApplication.topLevelWidgets())
    result = what(*args)
    dialogs = open_dialogs(before)
    if isinstance(result, QDialog) and result not in dialogs:
        dialogs.append(result)
    assert dialogs, f"{what.__name__} opened no dialog"
    for dialog in dialogs:
        qtbot.waitExposed(dialog)
        missing.extend(unnamed(dialog))
        dialog.reject()


def test_every_interactive_widget_of_every_view_and_dialog_has_an_accessible_name(main_window, qtbot, database,
                                                                                  sample):
    window = main_window
    missing: list[str] = []
    for row in range(len(window.views)):
        window.show_view(row)
        qtbot.wait(20)
        missing.extend(unnamed(window))
    window.edit_question(first_id(database, Question))
    qtbot.wait(20)
    missing.extend(unnamed(window))
    window.questions_view.editor.revert()

    ids = {model: first_id(database, model) for model in (BudgetItem, Debate, Document, FollowUp, Person,
                                                          Recommendation, RiskAssessment, Undertaking)}
    openers = [
        (window.find_records,), (window.export_briefing,), (window.import_records,), (window.export_calendar,),
        (window.restore_from_backup,), (window.show_shortcuts,), (window.show_guide,),
        (window.budget_view.new_budget_item,), (window.budget_view.edit_budget_item, ids[BudgetItem]),
        (window.debates_view.new_debate,), (window.debates_view.edit_debate, ids[Debate]),
        (window.documents_view.new_document,), (window.documents_view.edit_document, ids[Document]),
        (window.follow_ups_view.new_follow_up,), (window.follow_ups_view.edit_follow_up, ids[FollowUp]),
        (window.people_bodies_view.new_person,), (window.people_bodies_view.edit_person, ids[Person]),
        (window.people_bodies_view.new_body,),
        (window.recommendations_view.new_recommendation,),
        (window.recommendations_view.edit_recommendation, ids[Recommendation]),
        (window.undertakings_view.new_undertaking,), (window.undertakings_view.edit_undertaking, ids[Undertaking]),
        (window.undertakings_view.show_history, ids[Undertaking]),
        (window.risk_assessments_view.new_assessment,),
    ]
    for opener in openers:
        check_opened(qtbot, missing, *opener)

    window.show_view(window.views.index(window.debates_view))
    qtbot.waitUntil(lambda: window.debates_view.current_debate_id() is not None)
    for opener in (window.debates_view.add_item, window.debates_view.record_outcome):
        check_opened(qtbot, missing, opener)
    window.show_view(window.views.index(window.risk_assessments_view))
    window.risk_assessments_view.open_record("risk_assessment", ids[RiskAssessment])
    qtbot.waitUntil(lambda: window.risk_assessments_view.current_assessment_id() is not None)
    for opener in (window.risk_assessments_view.edit_details, window.risk_assessments_view.show_history):
        check_opened(qtbot, missing, opener)
    window.show_view(window.views.index(window.commitments_view))
    qtbot.waitUntil(lambda: bool(window.commitments_view._all_rows))
    check_opened(qtbot, missing, window.commitments_view._open_assessment, window.commitments_view._all_rows[0]["id"])
    window.show_view(window.views.index(window.treaties_view))
    qtbot.waitUntil(lambda: bool(window.treaties_view._codes))
    check_opened(qtbot, missing, window.treaties_view._open_status, next(iter(window.treaties_view._codes)))
    editor = window.edit_question(first_id(database, Question))
    for opener in (editor.create_follow_up, editor.transfer, editor.correct_answer):
        check_opened(qtbot, missing, opener)
    missing = sorted(set(missing))
    assert not missing, "widgets without an accessible name:\n" + "\n".join(missing)


def test_a_dashboard_figure_is_a_button_whose_name_says_its_number_and_opens_its_list(main_window, qtbot, database,
                                                                                    sample):
    window = main_window
    with qtbot.waitSignal(window.dashboard_view.loaded):
        window.records_changed.notify()
    card = window.dashboard_view.cards["overdue_answers"]
    number = card.value_label.text()
    assert isinstance(card, QPushButton) and number.replace(",", "").isdigit()
    assert accessible_name(card) == f"Answers overdue: {number}"
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Space)
    assert window.current_view() is window.questions_view
    assert window.questions_view.model.rowCount() == int(number.replace(",", ""))


def test_the_keyboard_shortcuts_page_lists_every_menu_command_with_keys_read_from_the_actions(main_window, qtbot):
    dialog = main_window.show_shortcuts()
    qtbot.waitExposed(dialog)
    listed = dialog.shortcuts()
    assert listed["File > Import…"] == QKeySequence("Ctrl+Shift+I").toString(QKeySequence.SequenceFormat.NativeText)
    assert "View > Questions" in listed and "Help > Keyboard shortcuts" in listed
    assert "Questions > Save the question in the form" in listed  # a page's own shortcut, too
    dialog.reject()


def test_the_user_guide_opens_from_help_and_shows_its_title(main_window, qtbot):
    main_window.guide_action.trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if type(w).__name__ == "GuideDialog" and w.isVisible())
    qtbot.waitExposed(dialog)
    text = dialog.browser.toPlainText()
    assert text.startswith("R2P Desktop: a short guide")
    assert "Export briefing pack" in text and "Restore from backup" in text
    dialog.reject()


def test_overdue_is_shown_by_a_sign_and_a_word_not_by_colour_alone(sample, main_window, qtbot):
    model = main_window.questions_view.model
    main_window.dashboard_view.cards["overdue_answers"].click()
    assert model.rowCount() > 0
    due = model.index(0, [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
                      .index("Answer due"))
    assert not due.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert due.data(Qt.ItemDataRole.AccessibleTextRole).endswith(", overdue")

    follow_ups = main_window.follow_ups_view
    main_window.open_follow_ups("overdue")
    table = follow_ups.table.model()
    assert table.rowCount() > 0
    column = [table.headerData(c, Qt.Orientation.Horizontal) for c in range(table.columnCount())].index("Due")
    cell = table.index(0, column)
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert cell.data(Qt.ItemDataRole.ToolTipRole) == "Overdue"


def ui_colours() -> set[str]:
    return {match.lower() for path in UI.rglob("*.py") for match in re.findall(r"#[0-9a-fA-F]{6}\b", path.read_text())}


def test_every_text_and_status_colour_the_interface_defines_reaches_4_5_to_1(main_window):
    palette = QApplication.palette()
    papers = [palette.color(role) for role in (QPalette.ColorRole.Base, QPalette.ColorRole.AlternateBase,
                                               QPalette.ColorRole.Window)]
    # Tints are backgrounds, each read with its own ink; the budget chart's fills are shapes named in
    # its legend, not text (Okabe and Ito's colours, told apart by colour-blind readers).
    tinted = {tint.name(): INK for tint in LEVEL_TINT.values()}
    tinted |= {background: QColor(BANNER_INK) for background, _border in BANNER_COLOURS.values()}
    fills = {colour.name() for colour in SCOPE_COLOURS.values()} | {"#7f7f7f"}
    failing = []
    for name in sorted(ui_colours() - fills):
        colour = QColor(name)
        if name in tinted:
            pairs = [(tinted[name], colour)]
        else:
            pairs = [(colour, paper) for paper in papers]
        failing += [f"{ink.name()} on {paper.name()}: {contrast(ink, paper):.2f}"
                    for ink, paper in pairs if contrast(ink, paper) < 4.5]
    quiet = palette.color(QPalette.ColorRole.PlaceholderText)  # a page's description, a hit's context
    failing += [f"quiet text {quiet.name()} on {paper.name()}: {contrast(quiet, paper):.2f}"
                for paper in papers if contrast(quiet, paper) < 4.5]
    assert not failing, failing


def test_the_window_fits_a_1366_by_768_screen_at_150_percent_with_every_view_filled(main_window, qtbot, database,
                                                                                     sample):
    """1366x768 at 150% leaves 911x512 logical pixels: no view, with long titles in it, may need more (a
    debate's or a question's title once widened the window past the screen)."""
    window = main_window
    for row in range(len(window.views)):
        window.show_view(row)
        qtbot.wait(10)
    window.edit_question(first_id(database, Question))
    window.show_view(window.views.index(window.debates_view))
    qtbot.waitUntil(lambda: window.debates_view.current_debate_id() is not None)
    window.resize(911, 512)
    qtbot.wait(20)
    assert window.minimumSizeHint().width() <= 911 and window.width() == 911
    assert window.minimumSizeHint().height() <= 512
    window.questions_view.editor.revert()


def test_alt_down_in_a_date_field_opens_its_calendar(qtbot):
    field = DateField()
    qtbot.addWidget(field)
    field.show()
    qtbot.waitExposed(field)
    field.setFocus()
    shown: list[bool] = []
    tries = iter(range(100))

    def close_calendar() -> None:  # the calendar's menu runs its own loop: note it, then close it
        popup = QApplication.activePopupWidget()
        if popup is not None and popup.findChild(QCalendarWidget) is not None:
            shown.append(True)
            popup.close()
        elif next(tries, None) is None:  # five seconds: it did not open
            shown.append(False)
        else:
            QTimer.singleShot(50, close_calendar)

    QTimer.singleShot(50, close_calendar)
    qtbot.keyClick(field, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == [True]
