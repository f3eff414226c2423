"""'Load sample data': the task runner it works on, then the button filling every view (the use case
itself is tested in tests/app/test_sample_data_use_case.py)."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from r2p_desktop.ui.task_runner import TaskRunner


def test_task_runner_works_off_the_gui_thread_and_answers_on_it(qtbot):
    runner = TaskRunner()
    gui = threading.get_ident()
    seen = {}

    def task(report):
        report(1, 2)
        return threading.get_ident()

    def done(worker):
        seen["worker"], seen["done_on"] = worker, threading.get_ident()

    with qtbot.waitCallback() as progressed:
        runner.run(task, done, on_progress=progressed)
    qtbot.waitUntil(lambda: "worker" in seen)
    assert progressed.args == [1, 2]
    assert seen["worker"] != gui and seen["done_on"] == gui
    assert not runner.busy()


def test_task_runner_reports_a_failure_as_one_line(qtbot):
    runner = TaskRunner()

    def task():
        raise ValueError("the file is not a spreadsheet")

    with qtbot.waitCallback() as failed:
        runner.run(task, lambda _result: None, on_error=failed)
    assert failed.args == ["the file is not a spreadsheet (ValueError)"]


def test_load_sample_data_button_fills_the_tables(main_window, qtbot):
    dashboard = main_window.dashboard_view
    panel = dashboard.sample_data_panel
    assert panel.isVisible() and panel.load_button.isEnabled()

    with qtbot.waitSignal(main_window.sample_data.finished, timeout=120_000) as loaded:
        qtbot.mouseClick(panel.load_button, Qt.MouseButton.LeftButton)
        assert not panel.load_button.isEnabled()  # busy while it runs, and the window stays responsive
        assert panel.progress_bar.isVisible()
    counts = loaded.args[0]
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert dashboard.board.overdue_answers > 0  # the sample always has answers to chase
    assert dashboard.cards["overdue_answers"].value_label.text() == f"{dashboard.board.overdue_answers:,}"

    for view, table_of in ((main_window.questions_view, lambda v: v.model),
                           (main_window.budget_view, lambda v: v.table.list_model),
                           (main_window.debates_view, lambda v: v.table.list_model),
                           (main_window.follow_ups_view, lambda v: v.table.list_model),
                           (main_window.undertakings_view, lambda v: v.table.list_model),
                           (main_window.recommendations_view, lambda v: v.table.list_model),
                           (main_window.documents_view, lambda v: v.table.list_model),
                           (main_window.people_bodies_view, lambda v: v.people_table.list_model)):
        main_window.show_view(main_window.views.index(view))
        view = main_window.current_view()
        assert table_of(view).rowCount() > 0, view.TITLE
    assert main_window.questions_view.model.rowCount() == counts["questions"]
    assert not main_window.questions_view.sample_data_panel.isVisible()

