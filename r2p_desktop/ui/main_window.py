"""The main window: navigation on the left, one page per kind of record, the open database in the
status bar. It wires pages to dialogs; pages never reach into each other."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import __version__
from ..core import kinds
from ..core.backup import backup_on_close, take_backup
from ..core.database import Database, OpeningChecks, run_opening_checks
from .accessibility import readable_quiet_text
from .records_changed import RecordsChanged
from .sample_data_loader import SampleDataLoader
from .task_runner import TaskRunner
from .views.base_view import BaseView
from .views.budget_view import BudgetView
from .views.commitments_view import CommitmentsView
from .views.dashboard_view import DashboardView
from .views.debates_view import DebatesView
from .views.documents_view import DocumentsView
from .views.follow_ups_view import FollowUpsView
from .views.people_bodies_view import PeopleBodiesView
from .views.question_editor import QuestionEditor
from .views.questions_view import QuestionsView
from .views.recommendations_view import RecommendationsView
from .views.risk_assessments_view import RiskAssessmentsView
from .views.treaties_view import TreatiesView
from .views.undertakings_view import UndertakingsView
from .widgets.banner import Banner

APP_TITLE = "R2P Desktop"
SETTINGS_GEOMETRY = "main_window/geometry"
SETTINGS_VIEW = "main_window/view"


def view_key(number: int) -> str:
    """The digit that, with Ctrl, shows the `number`th view: 1 to 9, then 0 for the tenth; "" after that."""
    return str(number % 10) if number <= 10 else ""


if TYPE_CHECKING:  # the dialogs are imported when first opened, to keep launching quick
    from .dialogs.calendar_dialog import CalendarDialog
    from .dialogs.export_dialog import ExportDialog
    from .dialogs.help_dialogs import GuideDialog, ShortcutsDialog
    from .dialogs.import_wizard import ImportWizard
    from .dialogs.restore_dialog import RestoreDialog
    from .dialogs.search_dialog import SearchDialog

log = logging.getLogger(__name__)

class MainWindow(QMainWindow):
    def __init__(self, database: Database, records_changed: RecordsChanged, settings: QSettings,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.records_changed = records_changed
        self._settings = settings
        readable_quiet_text()  # grey text at 4.5:1 or more, before any widget
        self.tasks = TaskRunner(self)
        self.sample_data = SampleDataLoader(database, records_changed, self.tasks, self)
        self.setWindowTitle(APP_TITLE)

        self.dashboard_view = DashboardView(database, records_changed, self.sample_data, self.tasks)
        self.questions_view = QuestionsView(database, records_changed, self.sample_data)
        self.debates_view = DebatesView(database, records_changed)
        self.follow_ups_view = FollowUpsView(database, records_changed)
        self.recommendations_view = RecommendationsView(database, records_changed)
        self.documents_view = DocumentsView(database, records_changed)
        self.undertakings_view = UndertakingsView(database, records_changed)
        self.risk_assessments_view = RiskAssessmentsView(database, records_changed)
        self.commitments_view = CommitmentsView(database, records_changed)
        self.budget_view = BudgetView(database, records_changed)
        self.treaties_view = TreatiesView(database, records_changed)
        self.people_bodies_view = PeopleBodiesView(database, records_changed)
        self.views: list[BaseView] = [
            self.dashboard_view,
            self.questions_view,
            self.budget_view,
            self.debates_view,
            self.follow_ups_view,
            self.undertakings_view,
            self.recommendations_view,
            self.documents_view,
            self.risk_assessments_view,
            self.commitments_view,
            self.treaties_view,
            self.people_bodies_view,
        ]
        self._build_pages()
        self._build_menus()
        self._build_status_bar()

        self.dashboard_view.new_question_requested.connect(self.new_question)
        self.dashboard_view.edit_question_requested.connect(self.edit_question)
        self.dashboard_view.questions_requested.connect(self.open_questions)
        self.dashboard_view.view_requested.connect(self._open_named_view)
        self.dashboard_view.follow_ups_requested.connect(self.open_follow_ups)
        self.dashboard_view.undertakings_requested.connect(self.open_undertakings)
        self.follow_ups_view.question_requested.connect(self.edit_question)
        self.sample_data.started.connect(lambda: self.statusBar().showMessage("Loading sample data…"))
        self.sample_data.finished.connect(self._sample_data_loaded)
        self.sample_data.failed.connect(self._sample_data_failed)

        self._restore_settings()
        self.damage_banner: Banner | None = None
        self.read_only_banner: Banner | None = None
        if database.read_only and database.damage is None:  # known on opening: say so before anything else
            self.read_only_banner = self.add_banner(
                f"This database is open read-only because {database.read_only_reason}. You can read and export, "
                "but nothing you change can be saved to it.", "warning")
        self.opening_checks: OpeningChecks | None = None
        # The file's check and the day's backup read the whole file: after the window shows.
        QTimer.singleShot(0, self._check_database)
        QTimer.singleShot(0, self._offer_draft)

    # --- building -----------------------------------------------------------------------------

    def _build_pages(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Views")
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.navigation.setSpacing(2)
        self.navigation.setIconSize(QSize(0, 0))
        self.navigation.setStyleSheet(
            "#navigation { background: palette(window); border-right: 1px solid palette(mid);"
            " padding-top: 12px; }"
            " #navigation::item { padding: 8px 14px; border-radius: 4px; margin: 0 6px; }"
            " #navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }"
        )
        self.stack = QStackedWidget()
        for number, view in enumerate(self.views, start=1):
            item = QListWidgetItem(view.TITLE)
            item.setToolTip(f"{view.TITLE} (Ctrl+{view_key(number)})" if view_key(number) else view.TITLE)
            self.navigation.addItem(item)
            self.stack.addWidget(view)
        width = max(self.navigation.fontMetrics().horizontalAdvance(v.TITLE) for v in self.views) + 60
        self.navigation.setFixedWidth(width)
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)

        pages = QHBoxLayout()
        pages.setContentsMargins(0, 0, 0, 0)
        pages.setSpacing(0)
        pages.addWidget(self.navigation)
        pages.addWidget(self.stack, 1)
        central = QWidget()
        self.banners = QVBoxLayout(central)  # warnings about the database go above the pages
        self.banners.setContentsMargins(0, 0, 0, 0)
        self.banners.setSpacing(0)
        self.banners.addLayout(pages, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self.import_action = QAction("&Import…", self)
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.setToolTip("Add records from a CSV or XLSX file, such as a tracker of your own")
        self.import_action.triggered.connect(self.import_records)
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        self.export_action = QAction("&Export briefing pack…", self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_briefing)
        file_menu.addAction(self.export_action)
        self.export_calendar_action = QAction("Export &calendar…", self)
        self.export_calendar_action.triggered.connect(self.export_calendar)
        file_menu.addAction(self.export_calendar_action)
        self.export_list_action = QAction("Export this &list…", self)
        self.export_list_action.setToolTip("Save the list on this page, as shown, as CSV or XLSX")
        self.export_list_action.triggered.connect(lambda: self.current_view().export_list())
        file_menu.addAction(self.export_list_action)
        file_menu.addSeparator()
        self.backup_action = QAction("&Back up now…", self)
        self.backup_action.triggered.connect(self.back_up_now)
        file_menu.addAction(self.backup_action)
        self.restore_action = QAction("&Restore from backup…", self)
        self.restore_action.triggered.connect(self.restore_from_backup)
        file_menu.addAction(self.restore_action)
        for action in (self.backup_action, self.restore_action):
            action.setEnabled(self.database.is_sqlite)  # a server database is backed up on its server
        file_menu.addSeparator()
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)

        records_menu = self.menuBar().addMenu("&Records")
        self.new_question_action = QAction("&New question…", self)
        self.new_question_action.setShortcut(QKeySequence("Ctrl+N"))
        self.new_question_action.triggered.connect(self.new_question)
        records_menu.addAction(self.new_question_action)
        self.find_action = QAction("&Find in all records…", self)
        self.find_action.setShortcut(QKeySequence("Ctrl+K"))
        self.find_action.triggered.connect(self.find_records)
        records_menu.addAction(self.find_action)
        records_menu.addSeparator()
        self.refresh_action = QAction("&Refresh", self)
        self.refresh_action.setShortcut(QKeySequence(Qt.Key.Key_F5))
        self.refresh_action.triggered.connect(self.refresh)
        records_menu.addAction(self.refresh_action)

        view_menu = self.menuBar().addMenu("&View")
        self.view_actions = []
        for number, view in enumerate(self.views, start=1):
            action = QAction(view.TITLE.replace("&", "&&"), self)  # "People & Bodies" shows its ampersand
            if view_key(number):
                action.setShortcut(QKeySequence(f"Ctrl+{view_key(number)}"))
            action.triggered.connect(lambda _checked=False, row=number - 1: self.show_view(row))
            view_menu.addAction(action)
            self.view_actions.append(action)

        help_menu = self.menuBar().addMenu("&Help")
        self.guide_action = QAction("&User guide", self)
        self.guide_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.guide_action.triggered.connect(self.show_guide)
        help_menu.addAction(self.guide_action)
        self.shortcuts_action = QAction("&Keyboard shortcuts", self)
        self.shortcuts_action.setShortcut(QKeySequence("Ctrl+/"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addSeparator()
        about = QAction("&About R2P Desktop", self)
        about.setMenuRole(QAction.MenuRole.AboutRole)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

    def _build_status_bar(self) -> None:
        self.database_label = QLabel(f"Database: {self.database.describe()}")
        self.database_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.statusBar().addPermanentWidget(self.database_label)

    # --- actions ------------------------------------------------------------------------------

    def show_view(self, row: int) -> None:
        self.navigation.setCurrentRow(row)

    def open_questions(self, flt) -> None:
        """Show the Questions view listing the questions that match `flt` (a QuestionFilter)."""
        self.show_view(self.views.index(self.questions_view))
        self.questions_view.show_questions(flt)

    def find_records(self) -> SearchDialog:
        """One search across every kind of record; the record chosen opens."""
        from .dialogs.search_dialog import SearchDialog

        dialog = SearchDialog(self.database, self.tasks, parent=self)
        dialog.record_chosen.connect(self.open_record)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def export_briefing(self) -> ExportDialog:
        """The briefing-pack export: which pack, debate or period, audience and paper, then a PDF."""
        from .dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.database, self.tasks, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def import_records(self) -> ImportWizard:
        """File > Import…: a CSV or XLSX file of any kind of record; the view of that kind then shows them."""
        from .dialogs.import_wizard import ImportWizard

        wizard = ImportWizard(self.database, self.records_changed, self.tasks, self._settings, parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(self.open_record)
        wizard.open()
        return wizard

    def export_calendar(self) -> CalendarDialog:
        """Answer deadlines, follow-ups, undertakings and debates as an iCalendar file, for an audience."""
        from .dialogs.calendar_dialog import CalendarDialog

        dialog = CalendarDialog(self.database, self.tasks, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.exported.connect(lambda line: self.statusBar().showMessage(line, 8000))
        dialog.open()
        return dialog

    def open_record(self, kind: str, record_id: int) -> None:
        """Show the view that lists records of `kind` and bring the record forward there."""
        view = next((view for view in self.views if kind in view.OPENS), None)
        if view is None:
            self.statusBar().showMessage(f"{kinds.BY_KEY[kind].plural} have no view of their own yet", 4000)
            return
        self.show_view(self.views.index(view))
        view.open_record(kind, record_id)

    def open_follow_ups(self, status: str) -> None:
        """Show the Follow-ups view listing those with `status` ("overdue", "open", …)."""
        self.show_view(self.views.index(self.follow_ups_view))
        self.follow_ups_view.show_status(status)

    def open_undertakings(self, status: str) -> None:
        """Show the Undertakings view listing those with `status` ("overdue", "due_soon", …)."""
        self.show_view(self.views.index(self.undertakings_view))
        self.undertakings_view.show_status(status)

    def _open_named_view(self, name: str) -> None:
        view = {"debates": self.debates_view, "commitments": self.commitments_view}[name]
        self.show_view(self.views.index(view))

    def current_view(self) -> BaseView:
        return self.views[self.stack.currentIndex()]

    def refresh(self) -> None:
        self.records_changed.notify()
        self.statusBar().showMessage("Refreshed", 2000)

    def new_question(self) -> QuestionEditor:
        """The Questions view with an empty form for a new question."""
        self.show_view(self.views.index(self.questions_view))
        return self.questions_view.new_question()

    def edit_question(self, question_id: int) -> QuestionEditor:
        """The Questions view with `question_id` in its form."""
        self.show_view(self.views.index(self.questions_view))
        return self.questions_view.open_question(question_id)

    def _sample_data_loaded(self, counts: dict) -> None:
        total = sum(value for value in counts.values() if isinstance(value, int))
        self.statusBar().showMessage(f"Sample data loaded: {total:,} records", 5000)

    def _sample_data_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        QMessageBox.warning(self, APP_TITLE, f"The sample data could not be loaded.\n\n{message}")

    # --- the database's safety -----------------------------------------------------------------

    def _offer_draft(self) -> None:
        if self.isVisible() and self.questions_view.offer_draft():
            self.show_view(self.views.index(self.questions_view))

    def _check_database(self) -> None:
        if not self.isVisible():  # closed before the event loop ran (the self-test, a test)
            return
        database = self.database
        self.tasks.run(lambda: run_opening_checks(database), self._database_checked,
                       on_error=lambda message: self.add_banner(
                           f"The database could not be checked on opening: {message}", "warning"))

    def _database_checked(self, checks: OpeningChecks) -> None:
        self.opening_checks = checks
        if checks.damage is not None:
            self.damage_banner = self.add_banner(
                f"This database failed its check on opening ({checks.damage}). It is open read-only: you can "
                "read and export, but nothing can be changed until you restore a backup.", "error",
                ("&Restore a backup…", self.restore_from_backup))
            self.records_changed.notify()
        if checks.backup_problem is not None:
            self.add_banner(f"Today's automatic backup could not be taken: {checks.backup_problem}. "
                            "Use File > Back up now… to try again.", "warning")
        if checks.on_network_drive:
            self.add_banner(
                "This database is on a network drive. SQLite cannot keep two people's changes apart there: "
                "only one person at a time may use it. To share the record, keep the file on one computer "
                "and exchange exported CSV files, or use a server database (see Your data in the README).",
                "warning")

    def add_banner(self, text: str, severity: str, action=None) -> Banner:
        banner = Banner(text, severity=severity, action=action)
        self.banners.insertWidget(self.banners.count() - 1, banner)
        banner.show()
        return banner

    def back_up_now(self) -> None:
        database = self.database
        self.statusBar().showMessage("Backing up…")
        self.tasks.run(lambda: take_backup(database, "manual"), self._backed_up,
                       on_error=self._backup_failed)

    def _backed_up(self, path) -> None:
        self.statusBar().showMessage(f"Backed up to {path}", 8000)

    def _backup_failed(self, message: str) -> None:
        self.statusBar().clearMessage()
        QMessageBox.warning(self, APP_TITLE, f"The backup failed: {message}")

    def restore_from_backup(self) -> RestoreDialog:
        from .dialogs.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.database, self.tasks, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._restored)
        dialog.open()
        return dialog

    def _restored(self, _location: str) -> None:
        # The dialog has reopened the database on the restored file, at the current schema.
        if self.damage_banner is not None:
            self.damage_banner.hide()
        self.questions_view.editor.set_aside()  # unsaved edits become a draft, offered back below
        self.questions_view.lower.setCurrentWidget(self.questions_view.placeholder)
        self.records_changed.notify()
        self.statusBar().showMessage("Backup restored", 8000)
        self._offer_draft()

    def show_shortcuts(self) -> ShortcutsDialog:
        """Help > Keyboard shortcuts: every menu command's keys, read from the actions themselves."""
        from .dialogs.help_dialogs import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def show_guide(self) -> GuideDialog:
        """Help > User guide: a short guide to the views, saving, packs, import and export, backups."""
        from .dialogs.help_dialogs import GuideDialog

        dialog = GuideDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # not modal: the clerk may read it beside the window
        return dialog

    def _about(self) -> None:
        QMessageBox.about(
            self, "About R2P Desktop",
            f"<h3>R2P Desktop {__version__}</h3>"
            "<p>Keeps a parliamentary committee's record of how it holds the government to account for "
            "preventing genocide, war crimes, ethnic cleansing and crimes against humanity under the "
            "Responsibility to Protect, and turns it into briefing packs.</p>"
            f"<p>Database: {self.database.describe()}</p>",
        )

    # --- settings -----------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        for view in self.views:
            view.remember_columns(self._settings)
        geometry = self._settings.value(SETTINGS_GEOMETRY)
        if geometry is None or not self.restoreGeometry(geometry):
            available = self.screen().availableGeometry()
            self.resize(min(1320, int(available.width() * 0.9)), min(840, int(available.height() * 0.9)))
        row = self._settings.value(SETTINGS_VIEW, 0, type=int)
        self.show_view(row if 0 <= row < len(self.views) else 0)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.questions_view.editor.leave_asking():
            event.ignore()  # the clerk went back to the unsaved question
            return
        self.tasks.wait()  # a running task holds a session on this database
        self.statusBar().showMessage("Backing up before closing…")
        try:
            backup_on_close(self.database)
        except Exception:  # the data is safe in the database itself; the log says why
            log.exception("backup on closing failed")
        self._settings.setValue(SETTINGS_GEOMETRY, self.saveGeometry())
        self._settings.setValue(SETTINGS_VIEW, self.stack.currentIndex())
        self._settings.sync()
        super().closeEvent(event)
