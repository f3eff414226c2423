"""Export a briefing pack as PDF or accessible HTML: choose the pack, the debate or period, the audience,
the format and the paper;
see what will be included before exporting; the pack is written on a worker with a progress bar and
Cancel, and the finished file can be opened from here."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ... import reports
from ...app.records import read
from ...core.database import Database
from ...core.errors import R2PError
from ...core.services import listings
from ..task_runner import TaskRunner
from ..widgets.choice_combo import choice_combo
from ..widgets.date_field import DateField

AUDIENCE_LABELS = {"committee": "Committee (leaves out restricted records)",
                   "public": "Public (leaves out committee and restricted records)"}
PAPER_LABELS = {"a4": "A4", "letter": "US Letter"}
FORMAT_LABELS = {"pdf": "PDF", "html": "Accessible HTML (for screen readers and intranets)"}
FILE_FILTERS = {"pdf": "PDF files (*.pdf)", "html": "HTML files (*.html *.htm)"}
_PREVIEW_DELAY_MS = 250  # wait for the clerk to stop changing options before counting


class ExportDialog(QDialog):
    def __init__(self, database: Database, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export briefing pack")
        self._database = database
        self._tasks = tasks
        self._cancel = threading.Event()
        self._preview_task: int | None = None
        self.exporting = False
        self.result: reports.PackResult | None = None

        self.pack_combo = choice_combo(reports.PACK_TITLES)
        self.debate_combo = QComboBox()
        self.debate_combo.addItem("The next debate (or the latest)", None)
        for debate in read(database, listings.debates):
            self.debate_combo.addItem(f"{debate['date']:%Y-%m-%d}: {debate['title']}", debate["id"])
        self.since_edit = DateField()
        self.until_edit = DateField()
        self.audience_combo = choice_combo(AUDIENCE_LABELS)
        self.paper_combo = choice_combo(PAPER_LABELS)
        self.format_combo = choice_combo(FORMAT_LABELS)
        self.format_combo.setAccessibleDescription("The HTML edition has the same content, with headings, "
                                                   "tables and text for every chart that screen readers read.")
        self.path_edit = QLineEdit(str(Path.home() / f"briefing-pack-{date.today():%Y-%m-%d}.pdf"))
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, field in (("Pac&k", self.pack_combo), ("&Debate", self.debate_combo),
                             ("&From", self.since_edit), ("&Until", self.until_edit),
                             ("&Audience", self.audience_combo), ("Fo&rmat", self.format_combo),
                             ("&Paper", self.paper_combo)):
            form.addRow(label, field)
        path_label = QLabel("Sa&ve as")
        path_label.setBuddy(self.path_edit)
        form.addRow(path_label, path_row)
        self._period_rows = (self.since_edit, self.until_edit)

        self.preview_tree = QTreeWidget()
        self.preview_tree.setHeaderLabels(["Section", "Records"])
        self.preview_tree.setRootIsDecorated(False)
        self.preview_tree.setColumnWidth(0, 360)
        self.preview_tree.setAccessibleName("What the pack will include")
        self.preview_label = QLabel()
        self.preview_label.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.open_button = self.buttons.addButton("&Open", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.hide()
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.export_button.clicked.connect(self.export)
        self.open_button.clicked.connect(self._open_file)
        self.cancel_button.clicked.connect(self.cancel)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>What the pack will include</b>"))
        layout.addWidget(self.preview_tree, 1)
        layout.addWidget(self.preview_label)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(640, 600)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(_PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        for combo in (self.pack_combo, self.debate_combo, self.audience_combo, self.paper_combo):
            combo.currentIndexChanged.connect(self._options_changed)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        for field in self._period_rows:
            field.textChanged.connect(self._options_changed)
        self._options_changed()

    # --- options ------------------------------------------------------------------------------

    def options(self) -> reports.PackOptions:
        """The options as chosen; raises R2PError naming a date that is not YYYY-MM-DD."""
        return reports.PackOptions(
            pack=self.pack_combo.currentData(),
            debate_id=self.debate_combo.currentData() if self.pack_combo.currentData() == "debate" else None,
            since=_date(self.since_edit, "From"),
            until=_date(self.until_edit, "Until"),
            audience=self.audience_combo.currentData(),
            paper=self.paper_combo.currentData(),
            format=self.format_combo.currentData(),
        )

    def _options_changed(self) -> None:
        self.debate_combo.setEnabled(self.pack_combo.currentData() == "debate")
        self.open_button.hide()
        self._preview_timer.start()

    def _format_changed(self) -> None:
        """The file name's ending follows the format; paper matters to the PDF only."""
        chosen = self.format_combo.currentData()
        self.paper_combo.setEnabled(chosen == "pdf")
        text = self.path_edit.text().strip()
        path = Path(text)
        if text and path.suffix.lower() in (".pdf", ".html", ".htm"):
            self.path_edit.setText(str(path.with_suffix(reports.SUFFIXES[chosen])))
        self._options_changed()

    def _browse(self) -> None:
        chosen_format = self.format_combo.currentData()
        chosen, _filter = QFileDialog.getSaveFileName(self, "Save briefing pack as", self.path_edit.text(),
                                                      FILE_FILTERS[chosen_format])
        suffix = reports.SUFFIXES[chosen_format]
        if chosen:
            self.path_edit.setText(chosen if chosen.lower().endswith((suffix, ".htm")) else f"{chosen}{suffix}")

    # --- preview ------------------------------------------------------------------------------

    def update_preview(self) -> None:
        """Count what each section will hold, off the GUI thread."""
        try:
            options = self.options()
            options.check()
        except R2PError as error:
            self._show_preview_problem(str(error))
            return
        self.preview_label.setText("Counting…")
        database = self._database
        self._preview_task = self._tasks.run(lambda: reports.preview(database, options), self._show_preview,
                                             on_error=self._show_preview_problem)

    def _show_preview(self, sections: list[tuple[str, int]]) -> None:
        self.preview_tree.clear()
        for title, count in sections:
            item = QTreeWidgetItem([title, f"{count:,}"])
            item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.preview_tree.addTopLevelItem(item)
        audience = self.audience_combo.currentData()
        self.preview_label.setText("Records marked restricted are left out." if audience == "committee" else
                                   "Only records marked public are included.")

    def _show_preview_problem(self, message: str) -> None:
        self.preview_tree.clear()
        self.preview_label.setText(_sentence(message))

    # --- exporting ----------------------------------------------------------------------------

    def export(self) -> None:
        if self.exporting:
            return
        try:
            options = self.options()
            options.check()
        except R2PError as error:
            self.status_label.setText(_sentence(str(error)))
            return
        text = self.path_edit.text().strip()
        if not text:
            self.status_label.setText("Choose where to save the pack.")
            return
        out_path = Path(text).expanduser()
        self._cancel.clear()
        self._set_exporting(True)
        self.status_label.setText("Exporting…")
        database, cancel = self._database, self._cancel
        self._tasks.run(
            lambda progress: reports.export_pack(database, options, out_path, progress=progress,
                                                 cancelled=cancel.is_set),
            self._exported, on_error=self._export_failed, on_progress=self._progress)

    def _progress(self, done: int, total: int, message: str) -> None:
        self.progress_bar.setMaximum(max(total, 1))
        self.progress_bar.setValue(min(done, max(total, 1)))
        self.progress_bar.setFormat(f"{message} (%p%)" if message else "%p%")

    def _exported(self, result: reports.PackResult) -> None:
        self._set_exporting(False)
        self.result = result
        self.status_label.setText(f"Saved {result.written} to {result.path}.")
        self.open_button.show()
        self.open_button.setFocus()

    def _export_failed(self, message: str) -> None:
        self._set_exporting(False)
        self.status_label.setText(_sentence(message) + " The file you chose was left as it was.")

    def _set_exporting(self, exporting: bool) -> None:
        self.exporting = exporting
        self.progress_bar.setVisible(exporting)
        if exporting:
            self.progress_bar.setRange(0, 0)  # busy until the first report
        self.export_button.setEnabled(not exporting)
        self.open_button.hide()
        self.cancel_button.setText("&Stop export" if exporting else "Close")

    def cancel(self) -> None:
        """Stop a running export (the previous file stays), or close the dialog."""
        if self.exporting:
            self._cancel.set()
            self.status_label.setText("Stopping…")
            return
        self.reject()

    def reject(self) -> None:
        if self.exporting:  # Escape while exporting stops the export first
            self.cancel()
            return
        super().reject()

    def _open_file(self) -> None:
        if self.result is not None and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.path))):
            kind, reader = ("HTML", "a web browser") if self.result.format == "html" else ("PDF", "a PDF reader")
            self.status_label.setText(f"No program on this computer opens {kind} files. The pack is saved as "
                                      f"{self.result.path}; copy it to a computer that has {reader}.")


def _date(field: DateField, name: str) -> date | None:
    text = field.date_text()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise R2PError(f"{name} must be a date written YYYY-MM-DD (not {text!r})") from None


def _sentence(message: str) -> str:
    message = message[:1].upper() + message[1:]
    return message if message.endswith(".") else f"{message}."
