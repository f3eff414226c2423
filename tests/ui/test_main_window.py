"""The main window: status bar, navigation by mouse and keyboard, refresh, settings."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt

from r2p_desktop.ui.main_window import SETTINGS_VIEW, MainWindow
from r2p_desktop.ui.views.base_view import BaseView

VIEW_TITLES = ["Dashboard", "Questions", "Budget", "Debates", "Follow-ups", "Undertakings", "Recommendations",
               "Documents", "Risk assessments", "Commitments", "Treaties", "People & Bodies"]


def test_status_bar_names_the_database(main_window, database):
    label = main_window.database_label
    assert label.isVisible()
    assert label.text() == f"Database: {database.describe()}"
    assert database.describe().endswith("r2p.sqlite")


def test_navigation_lists_every_view(main_window):
    items = [main_window.navigation.item(row).text() for row in range(main_window.navigation.count())]
    assert items == VIEW_TITLES


def test_clicking_navigation_shows_each_view(main_window, qtbot):
    for row, title in enumerate(VIEW_TITLES):
        item = main_window.navigation.item(row)
        rect = main_window.navigation.visualItemRect(item)
        qtbot.mouseClick(main_window.navigation.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        view = main_window.stack.currentWidget()
        assert isinstance(view, BaseView)
        assert view.isVisible()
        assert view.title_label.text() == title


def test_ctrl_number_switches_views(main_window, qtbot):
    keys = [Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6,
            Qt.Key.Key_7, Qt.Key.Key_8, Qt.Key.Key_9, Qt.Key.Key_0]  # the tenth view is Ctrl+0
    main_window.activateWindow()
    for key, title in reversed(list(zip(keys, VIEW_TITLES[:10], strict=True))):
        qtbot.keyClick(main_window, key, Qt.KeyboardModifier.ControlModifier)
        assert main_window.current_view().title_label.text() == title
        assert main_window.navigation.currentItem().text() == title


def test_each_list_view_shows_catalogue_or_empty_state(main_window):
    main_window.show_view(VIEW_TITLES.index("Commitments"))
    commitments = main_window.current_view()
    assert commitments.table.row_count() > 100  # the shipped catalogue
    assert commitments.table.column_texts(6)[0] == "Not started"
    main_window.show_view(VIEW_TITLES.index("Treaties"))
    treaties = main_window.current_view()
    assert "Genocide Convention" in treaties.table.column_texts(1)
    main_window.show_view(VIEW_TITLES.index("Budget"))
    budget = main_window.current_view()
    assert budget.empty_label.isVisible() and not budget.table.isVisible()


def test_f5_reads_records_added_elsewhere(main_window, qtbot, add_questions):
    main_window.show_view(1)
    assert main_window.questions_view.model.rowCount() == 0
    add_questions(3)  # e.g. by a colleague, or the `r2p` command
    qtbot.keyClick(main_window, Qt.Key.Key_F5)
    assert main_window.questions_view.model.rowCount() == 3
    assert main_window.questions_view.count_label.text() == "3 questions"


def test_hidden_views_refresh_when_shown(main_window, qtbot, add_questions):
    main_window.show_view(0)
    add_questions(2)
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    assert main_window.dashboard_view.ministry_table.list_model.rowCount() > 0
    main_window.show_view(1)
    assert main_window.questions_view.model.rowCount() == 2


def test_ctrl_n_opens_a_new_question(main_window, qtbot):
    qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editor = main_window.questions_view.editor
    assert main_window.current_view() is main_window.questions_view
    assert editor.isVisible() and editor.heading_label.text() == "New question"
    assert editor.question_id is None
    assert editor.widgets["title"].hasFocus()


def test_window_geometry_and_view_are_remembered(qtbot, database, records_changed, tmp_path):
    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    first = MainWindow(database, records_changed, settings)
    qtbot.addWidget(first)
    first.show()
    first.resize(760, 560)
    first.show_view(3)
    first.close()
    assert settings.value(SETTINGS_VIEW, type=int) == 3

    second = MainWindow(database, records_changed, settings)
    qtbot.addWidget(second)
    assert second.current_view().TITLE == "Debates"
    assert (second.width(), second.height()) == (760, 560)


def test_empty_database_offers_sample_data_on_dashboard_and_questions(main_window):
    assert main_window.dashboard_view.sample_data_panel.isVisible()
    main_window.show_view(1)
    questions = main_window.questions_view
    assert questions.sample_data_panel.isVisible()
    assert questions.sample_data_panel.load_button.text() == "Load sample data"
    assert not questions.table.isVisible()


def test_sample_data_is_not_offered_once_the_committee_has_records(main_window, qtbot, database):
    from r2p_desktop.core.services import directory

    with database.session() as session:
        directory.person_or_new(session, "Amina Okafor")
        session.commit()
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    assert not main_window.dashboard_view.sample_data_panel.isVisible()
    main_window.show_view(1)
    assert not main_window.questions_view.sample_data_panel.isVisible()
    assert main_window.questions_view.table.isVisible()


def test_the_view_menu_shows_each_views_title_as_written(main_window):
    """A single & in a menu entry marks its shortcut letter and is not shown: "People & Bodies" must be
    written "People && Bodies" to show its ampersand."""
    shown = [action.iconText() for action in main_window.view_actions]  # the text without mnemonic marks
    assert shown == [view.TITLE for view in main_window.views]
    assert "People & Bodies" in shown


def test_every_view_fits_a_760_pixel_window(main_window):
    """No view may force the window wider than 760 pixels: beside the navigation, each one's narrowest
    readable width fits, and so does the whole window's."""
    room = 760 - main_window.navigation.width()
    too_wide = {view.TITLE: view.minimumSizeHint().width() for view in main_window.views
                if view.minimumSizeHint().width() > room}
    assert too_wide == {}
    assert main_window.minimumSizeHint().width() <= 760
