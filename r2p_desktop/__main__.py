"""`r2p-desktop`: start the application. Everything happens here, in order: arguments, data folder,
logging, database (opened and migrated), then Qt and the main window. Nothing runs at import."""

from __future__ import annotations

import argparse
import logging
import os
import sys
import tempfile
from pathlib import Path

from . import APP_NAME, __version__

log = logging.getLogger("r2p_desktop")

LOG_FILE_NAME = "r2p-desktop.log"
ORGANISATION = "R2PDesktop"
# The reverse-DNS id the desktop knows the application by: the .desktop and AppStream files
# (resources/linux/) and the icon files (resources/icons/) are named after it.
APP_ID = "org.r2p.Desktop"
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)
EXIT_NO_DISPLAY = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="r2p-desktop", description="R2P Desktop: the committee's record.")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="database to open (default: R2P_DB, else r2p.sqlite in the data folder)")
    parser.add_argument("--lang", metavar="LANG", help="language of the interface, e.g. en or fr")
    parser.add_argument("--self-test", action="store_true",
                        help="run a headless end-to-end check of this build and exit 0 when it passes")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def _needs_display_message() -> str | None:
    """Why Qt cannot start here, or None. Without a display Qt aborts the process on Linux."""
    if not sys.platform.startswith("linux"):
        return None
    if any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")):
        return None
    return ("R2P Desktop needs a display: neither DISPLAY nor WAYLAND_DISPLAY is set. Start it from a "
            "desktop session, or use the `r2p` command for work without a screen.")


def _route_qt_messages():
    """Qt's own warnings go to the log file rather than the terminal; returns the previous handler."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    levels = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
              QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
              QtMsgType.QtFatalMsg: logging.CRITICAL}
    qt_log = logging.getLogger("qt")

    def handler(kind, context, message) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    return qInstallMessageHandler(handler)


def _open_database(location: str, *, create: bool = False):
    """The migrated database, or raises with a one-line message fit for the user. Only with `create`
    does a missing file become a new, empty database (MissingDatabaseError otherwise)."""
    from .core.database import open_database, sqlite_path
    from .core.errors import DatabaseOpenError, R2PError
    from .paths import backup_dir_for

    backups = backup_dir_for(sqlite_path(location))
    try:
        return open_database(location, create=create, backup_dir=backups, check_later=True)
    except R2PError:
        raise
    except Exception as error:
        log.exception("could not open %s", location)
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise DatabaseOpenError(f"{location} could not be opened: {reason}") from error


def _application(qt_args: list[str]):
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "r2p-desktop", *qt_args])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    # Wayland and the task bars match the window to org.r2p.Desktop.desktop (its name and icon) by this.
    QApplication.setDesktopFileName(APP_ID)
    QApplication.setWindowIcon(application_icon())
    return app


def application_icon():
    """The icon at each size drawn for it (PNG files, so no SVG plug-in is needed in the bundle)."""
    from PySide6.QtGui import QIcon

    from .paths import resource

    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(resource("icons", f"{APP_ID}-{size}.png")))
    return icon


def _show_error(message: str, qt_args: list[str]) -> None:
    """One line on stderr and, when a screen is there, a message box (never a traceback)."""
    print(f"r2p-desktop: {message}", file=sys.stderr)
    if _needs_display_message() is None:
        from PySide6.QtWidgets import QMessageBox

        _route_qt_messages()
        _application(qt_args)
        QMessageBox.critical(None, APP_NAME, message)


def run(args: argparse.Namespace, qt_args: list[str]) -> int:
    from .logs import log_path, start_logging, stop_logging

    handler = start_logging(LOG_FILE_NAME)
    try:
        return _run_logged(args, qt_args, log_path(handler))
    finally:
        stop_logging(handler)


def _run_logged(args: argparse.Namespace, qt_args: list[str], log_file: Path | None) -> int:
    from .paths import default_database

    location = args.db or default_database()
    log.info("R2P Desktop %s starting on %s (language %s)", __version__, location, args.lang or "default")
    database = _open_or_ask(location, qt_args)
    if database is None:
        return 1

    from PySide6.QtCore import QSettings

    from .ui import error_reporter
    from .ui.close_on_signal import CloseOnSignal
    from .ui.main_window import MainWindow
    from .ui.records_changed import RecordsChanged

    closer = None
    try:
        _route_qt_messages()
        app = _application(qt_args)
        window = MainWindow(database, RecordsChanged(), QSettings())
        # From here an error in a slot or a worker shows a message and the program goes on.
        error_reporter.install(lambda: window, log_file)
        # Ctrl+C in the terminal closes the window as its close button does, asking about unsaved edits.
        closer = CloseOnSignal(window)
        closer.window_closed.connect(app.quit)
        window.show()
        log.info("R2P Desktop is ready: the window shows %s", database.describe())
        return app.exec()
    finally:
        if closer is not None:
            closer.uninstall()
        error_reporter.uninstall()
        database.dispose()  # the write-ahead log goes into the file: the .sqlite alone holds everything


def _open_or_ask(location: str, qt_args: list[str]):
    """The database at `location`; where there is none the clerk chooses to create one there, open
    another or quit, so a mistyped path never silently becomes an empty database. None when the clerk
    quits or the database cannot be opened (the reason has been shown)."""
    from .core.errors import MissingDatabaseError, R2PError

    create = False
    while True:
        try:
            return _open_database(location, create=create)
        except MissingDatabaseError as missing:
            choice = _ask_about_missing(Path(missing.path), qt_args)
            if choice is None:
                print(f"r2p-desktop: {missing}", file=sys.stderr)
                return None
            location, create = choice
        except R2PError as error:
            _show_error(str(error), qt_args)
            return None


def _ask_about_missing(path: Path, qt_args: list[str]) -> tuple[str, bool] | None:
    """The clerk's choice for a missing database: (location, create) to open, or None to quit."""
    from .ui.dialogs.missing_database_dialog import MissingDatabaseDialog

    _route_qt_messages()
    _application(qt_args)
    return MissingDatabaseDialog(path).ask()


def self_test(qt_args: list[str]) -> int:
    """Open a temporary database, add a question through the services, show the main window and
    check the question is listed; then check what a bundle must carry: the icon, the catalogue (read into
    the new database by its migrations) and the fonts (a question status report written as PDF).
    Prints one line; 0 when everything worked."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    root = logging.getLogger()
    with tempfile.TemporaryDirectory(prefix="r2p-self-test-") as folder:
        log_handler = logging.FileHandler(Path(folder) / LOG_FILE_NAME, encoding="utf-8")
        root.addHandler(log_handler)
        from PySide6.QtCore import qInstallMessageHandler

        previous = _route_qt_messages()
        try:
            problem = _self_test_in(Path(folder), qt_args)
        except Exception as error:
            log.exception("self-test failed")
            problem = f"{type(error).__name__}: {error}"
        finally:
            qInstallMessageHandler(previous)
            root.removeHandler(log_handler)
            log_handler.close()
    if problem:
        print(f"r2p-desktop self-test failed: {problem}", file=sys.stderr)
        return 1
    print("r2p-desktop self-test passed")
    return 0


def _self_test_in(folder: Path, qt_args: list[str]) -> str | None:
    from datetime import date

    from PySide6.QtCore import QSettings

    from .core.models import Question
    from .core.services import records
    from .ui.models.roles import RECORD_ID_ROLE
    from .ui.records_changed import RecordsChanged

    reportlab_before = "reportlab" in sys.modules  # e.g. imported by an earlier test in this process
    database = _open_database(str(folder / "self-test.sqlite"), create=True)
    window = None
    try:
        with database.session() as session:
            question_id = records.create(session, Question, {
                "reference": "SELF-TEST 1", "title": "Self-test: national focal point for atrocity prevention",
                "status": "tabled", "date_tabled": date.today().isoformat()})
            session.commit()
        _application(qt_args)
        from .ui.main_window import MainWindow

        settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(database, RecordsChanged(), settings)
        window.show()
        window.show_view(window.views.index(window.questions_view))
        model = window.questions_view.model
        listed = [model.index(row, 0).data(RECORD_ID_ROLE) for row in range(model.rowCount())]
        if question_id not in listed:
            return f"question {question_id} is not in the Questions table (it lists {listed})"
        title = model.index(listed.index(question_id), 1).data()
        if "focal point" not in (title or ""):
            return f"the Questions table shows the wrong title: {title!r}"
        if not window.database_label.text().endswith(database.describe()):
            return "the status bar does not name the database"
        if "reportlab" in sys.modules and not reportlab_before:
            return "the window imported ReportLab, which it does not need"
        return _check_icon() or _check_catalogue(database) or _check_pack(database, folder)
    finally:
        if window is not None:
            window.close()
            window.deleteLater()
        database.dispose()


def _check_icon() -> str | None:
    """The application's icon is there at every size (a bundle that lost resources/icons shows none)."""
    from PySide6.QtWidgets import QApplication

    icon = QApplication.windowIcon()
    for size in ICON_SIZES:
        pixmap = icon.pixmap(size, size)
        if pixmap.isNull() or pixmap.width() != size:
            return f"the application icon has no {size} px image"
    return None


def _check_catalogue(database) -> str | None:
    """The catalogue was read from the shipped TOML files into the new database."""
    from .core.catalogue import list_commitments, list_pillars

    with database.session() as session:
        commitments, pillars = list_commitments(session), list_pillars(session)
    if len(commitments) < 100 or len(pillars) != 3:
        return f"the catalogue is incomplete: {len(commitments)} commitments, {len(pillars)} pillars"
    return None


def _check_pack(database, folder: Path) -> str | None:
    """A question status report written as PDF, with the shipped fonts embedded in it."""
    from .reports import PackOptions, export_pack

    out = folder / "self-test-pack.pdf"
    result = export_pack(database, PackOptions(pack="questions", format="pdf"), out)
    content = out.read_bytes()
    if result.pages < 1 or not content.startswith(b"%PDF-"):
        return f"the question status report is not a PDF ({result.pages} pages)"
    if b"DejaVuSans" not in content:
        return "the question status report does not use the shipped fonts"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, qt_args = parser.parse_known_args(argv)
    unknown = [arg for arg in qt_args if arg.startswith("--")]
    if unknown:
        parser.error(f"unrecognised arguments: {' '.join(unknown)}")
    if args.self_test:
        return self_test(qt_args)
    problem = _needs_display_message()
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_NO_DISPLAY
    try:
        return run(args, qt_args)
    except KeyboardInterrupt:  # Ctrl+C before the window was up (opening, migrating): nothing was open to save
        print("r2p-desktop: interrupted before the window opened; nothing was changed", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
