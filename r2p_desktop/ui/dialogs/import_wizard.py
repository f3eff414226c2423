"""File > Import…: a file of records (CSV from anywhere, or XLSX) into the database, in five steps: the
kind and the file; what was detected, with overrides and the date format; our columns mapped onto
theirs, with a preview (remembered per header shape); a dry run listing what would be created and
every error with its row; then the import on a worker, with progress and Cancel (`app.table_import`)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...app import table_import
from ...app.changes import Changes
from ...core.database import Database
from ...core.errors import R2PError
from ..records_changed import RecordsChanged
from ..task_runner import TaskRunner
from ..widgets.choice_combo import choice_combo
from ..widgets.text_box import text_box

NOT_IMPORTED = "— not imported —"
FILE_FILTER = "Tables (*.csv *.txt *.tsv *.xlsx *.xlsm);;All files (*)"
SETTINGS_PREFIX = "import_wizard/mapping"


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


class KindFilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.setTitle("Choose what to import")
        self.setSubTitle("A CSV file from a spreadsheet or another tracker, or an XLSX workbook.")
        self.kind_combo = QComboBox(self)
        for choice in table_import.kinds_offered():
            self.kind_combo.addItem(choice.label, choice.name)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(table_import.DEFAULT_KIND))
        self.path_edit = QLineEdit(self)
        self.path_edit.setPlaceholderText("The file to import")
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton("&Browse…", self)
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_label("&Kind of record", self.kind_combo), self.kind_combo)
        form.addRow(_label("&File", self.path_edit), path_row)
        steps = QLabel("Next come what was detected in the file, matching its columns to ours, and a check "
                       "of every row. Nothing is written until you choose Import after the check.", self)
        steps.setWordWrap(True)
        form.addRow(steps)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getOpenFileName(self, "Import from", self.path_edit.text(), FILE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip()).expanduser()

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip()) and self.path().is_file()


class DetectedPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle("How the file reads")
        self.setSubTitle("What was detected; change it if the preview on the next page looks wrong.")
        self.detected_label = QLabel(self)
        self.detected_label.setWordWrap(True)
        self.encoding_combo = choice_combo(table_import.ENCODINGS, self)
        self.delimiter_combo = choice_combo(table_import.DELIMITERS, self)
        self.date_combo = choice_combo(table_import.DATE_FORMATS, self)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        for combo in (self.encoding_combo, self.delimiter_combo):
            combo.currentIndexChanged.connect(self.read)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("Detected", self.detected_label)
        form.addRow(_label("&Encoding", self.encoding_combo), self.encoding_combo)
        form.addRow(_label("&Delimiter", self.delimiter_combo), self.delimiter_combo)
        form.addRow(_label("Dates &written as", self.date_combo), self.date_combo)
        form.addRow(self.problem_label)

    def initializePage(self) -> None:
        self.read()

    def read(self) -> None:
        wizard = self._wizard
        try:
            wizard.preview = table_import.preview(wizard.path(), self.encoding(), self.delimiter(),
                                                  kind=wizard.kind())
        except R2PError as error:
            wizard.preview = None
            self.detected_label.setText("")
            self.problem_label.setText(f"This file cannot be read: {error}")
        else:
            rows = wizard.preview.total_rows
            self.detected_label.setText(f"{wizard.preview.detected}; {rows:,} row{'' if rows == 1 else 's'} "
                                        f"below the header")
            self.problem_label.setText("\n".join(f"Warning: {w}" for w in wizard.preview.warnings))
        self.completeChanged.emit()

    def encoding(self) -> str | None:
        return self.encoding_combo.currentData()

    def delimiter(self) -> str | None:
        return self.delimiter_combo.currentData()

    def date_format(self) -> str | None:
        return self.date_combo.currentData()

    def isComplete(self) -> bool:
        return self._wizard.preview is not None


class MappingPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Match the columns")
        self.setSubTitle("For each of our columns, the file's column that holds it. * marks the columns "
                         "every record needs.")
        self.combos: dict[str, QComboBox] = {}
        self.remembered_label = QLabel(self)
        self._holder = QWidget()
        self._form = QFormLayout(self._holder)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._holder)
        self.preview_table = QTableWidget(self)
        self.preview_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.preview_table.setTabKeyNavigation(False)
        columns = QVBoxLayout()
        columns.addWidget(scroll, 1)
        columns.addWidget(self.remembered_label)
        preview = QVBoxLayout()
        preview.addWidget(_label("&Preview of the first rows, as they would be imported", self.preview_table))
        preview.addWidget(self.preview_table, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(columns, 2)
        layout.addLayout(preview, 3)

    def initializePage(self) -> None:
        wizard = self._wizard
        assert wizard.preview is not None
        header = wizard.preview.header
        while self._form.rowCount():
            self._form.removeRow(0)
        self.combos = {}
        saved = wizard.remembered_mapping(header)
        mapping = saved if saved is not None else table_import.guessed_mapping(wizard.kind(), header)
        self.remembered_label.setText("The columns are matched as last time for a file with these columns."
                                      if saved is not None else "")
        for column in table_import.columns_of(wizard.kind()):
            combo = QComboBox(self._holder)
            combo.addItem(NOT_IMPORTED, None)
            for name in header:
                if name.strip():
                    combo.addItem(name, name)
            found = combo.findData(mapping.get(column.name))
            combo.setCurrentIndex(max(found, 0))
            combo.currentIndexChanged.connect(self._show_preview)
            combo.currentIndexChanged.connect(self.completeChanged)
            text = f"{column.name}{' *' if column.required else ''}"
            label = QLabel(text)
            label.setBuddy(combo)
            if column.required:
                label.setStyleSheet("font-weight: bold")
            self._form.addRow(label, combo)
            self.combos[column.name] = combo
        self._show_preview()

    def mapping(self) -> dict[str, str]:
        return {ours: combo.currentData() for ours, combo in self.combos.items() if combo.currentData()}

    def _show_preview(self) -> None:
        preview = self._wizard.preview
        assert preview is not None
        mapping = self.mapping()
        positions = {name: index for index, name in reversed(list(enumerate(preview.header)))}
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(mapping))
        self.preview_table.setHorizontalHeaderLabels(list(mapping))
        self.preview_table.setRowCount(len(preview.rows))
        self.preview_table.setVerticalHeaderLabels([str(number) for number, _cells in preview.rows])
        for row, (_number, cells) in enumerate(preview.rows):
            for column, theirs in enumerate(mapping.values()):
                index = positions[theirs]
                self.preview_table.setItem(row, column, QTableWidgetItem(cells[index] if index < len(cells) else ""))
        self.preview_table.resizeColumnsToContents()

    def isComplete(self) -> bool:
        required = {column.name for column in table_import.columns_of(self._wizard.kind()) if column.required}
        return required <= self.mapping().keys()

    def validatePage(self) -> bool:
        assert self._wizard.preview is not None
        self._wizard.remember_mapping(self._wizard.preview.header, self.mapping())
        return True


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Check")
        self.setSubTitle("What the import would create, and every problem with its row. Nothing is written yet.")
        self.setButtonText(QWizard.WizardButton.NextButton, "&Import")
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.report = text_box(parent=self)
        self.report.setReadOnly(True)
        self.report.setTabChangesFocus(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(_label("&Report (select and copy as you need)", self.report))
        layout.addWidget(self.report, 1)
        self.checked: table_import.Check | None = None
        self.checking = False

    def initializePage(self) -> None:
        wizard = self._wizard
        self.checked, self.checking = None, True
        self.report.setPlainText("")
        self.status_label.setText("Checking every row…")
        self.completeChanged.emit()
        job = wizard.job()
        wizard.tasks.run(lambda: table_import.check(wizard.database, **job), self._checked,
                         on_error=self._failed)

    def _checked(self, result: table_import.Check) -> None:
        self.checked, self.checking = result, False
        if result.errors:
            count = len(result.errors)
            self.status_label.setText(f"{count} problem{'' if count == 1 else 's'}: correct the file (or the "
                                      "columns or the date format) and check again; nothing will be imported "
                                      "until none is left.")
            self.report.setPlainText("\n".join(result.errors))
        else:
            self.status_label.setText("No problems found. Import adds these records.")
            self.report.setPlainText("\n".join(result.lines))
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.checking = False
        self.checked = table_import.Check([], [message])
        self.status_label.setText("This file cannot be imported as it is.")
        self.report.setPlainText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.checked is not None and not self.checked.errors


class RunPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self._wizard = wizard
        self.setTitle("Import")
        self.setSubTitle("All or nothing: Cancel stops the import and removes what it has written.")
        self.progress_bar = QProgressBar(self)
        self.progress_bar.setRange(0, 0)  # busy until the first batch is written
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.report = text_box(parent=self)
        self.report.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.result_label)
        layout.addWidget(self.report, 1)
        self.result: table_import.Result | None = None

    def initializePage(self) -> None:
        wizard = self._wizard
        self.result = None
        self.result_label.setText("Importing…")
        wizard.start_import(self.progress, self._done, self._failed)

    def progress(self, done: int, total: int) -> None:
        self.progress_bar.setRange(0, max(total, 1))
        self.progress_bar.setValue(done)
        self.result_label.setText(f"Written {done:,} of {total:,}…")

    def _done(self, result: table_import.Result) -> None:
        self.result = result
        if not result.cancelled and not result.errors:
            self.progress_bar.setValue(self.progress_bar.maximum())
        self.result_label.setText(result.line)
        self.report.setPlainText("\n".join(result.errors or result.lines))
        self.completeChanged.emit()

    def _failed(self, message: str) -> None:
        self.result = table_import.Result(f"Nothing was imported: {message}", [], [message], False,
                                          Changes())
        self.result_label.setText(self.result.line)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.result is not None


class ImportWizard(QWizard):
    imported = Signal(str, int)  # the kind's registry key and the first new record's id

    def __init__(self, database: Database, records_changed: RecordsChanged, tasks: TaskRunner,
                 settings: QSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import records")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, False)
        self.database, self.records_changed, self.tasks, self._settings = database, records_changed, tasks, settings
        self.preview: table_import.Preview | None = None
        self.importing = False
        self._cancel = threading.Event()
        self.kind_page = KindFilePage(self)
        self.detected_page = DetectedPage(self)
        self.mapping_page = MappingPage(self)
        self.check_page = CheckPage(self)
        self.run_page = RunPage(self)
        for page in (self.kind_page, self.detected_page, self.mapping_page, self.check_page, self.run_page):
            self.addPage(page)
        self.resize(900, 600)

    def kind(self) -> str:
        return str(self.kind_page.kind_combo.currentData())

    def path(self) -> Path:
        return self.kind_page.path()

    def job(self) -> dict:
        return {"kind": self.kind(), "path": self.path(), "mapping": self.mapping_page.mapping(),
                "encoding": self.detected_page.encoding(), "delimiter": self.detected_page.delimiter(),
                "date_format": self.detected_page.date_format()}

    # The mapping is remembered per header shape, so next month's file from the same tracker is matched.
    def remembered_mapping(self, header: list[str]) -> dict[str, str] | None:
        saved = self._settings.value(f"{SETTINGS_PREFIX}/{table_import.header_key(self.kind(), header)}")
        if not saved:
            return None
        try:
            mapping = json.loads(str(saved))
        except ValueError:
            return None
        if not isinstance(mapping, dict):
            return None
        return table_import.restored_mapping({str(k): str(v) for k, v in mapping.items()}, header)

    def remember_mapping(self, header: list[str], mapping: dict[str, str]) -> None:
        key = f"{SETTINGS_PREFIX}/{table_import.header_key(self.kind(), header)}"
        self._settings.setValue(key, json.dumps(mapping, ensure_ascii=False))
        self._settings.sync()

    def start_import(self, on_progress, on_done, on_error) -> None:
        self.importing = True
        self._cancel.clear()
        self.button(QWizard.WizardButton.CancelButton).setEnabled(True)
        job, database, cancel = self.job(), self.database, self._cancel

        def work(report) -> table_import.Result:
            return table_import.run(database, **job, progress=report, cancelled=cancel.is_set)

        def done(result: table_import.Result) -> None:
            self._finished()
            if result.changes:
                self.records_changed.notify_changes(result.changes)
                ids = sorted(result.changes.created_ids(table_import.key_of(job["kind"])))
                if ids:
                    self.imported.emit(table_import.key_of(job["kind"]), ids[0])
            on_done(result)

        def failed(message: str) -> None:
            self._finished()
            on_error(message)

        self.tasks.run(work, done, on_error=failed, on_progress=on_progress)

    def _finished(self) -> None:
        self.importing = False
        self.button(QWizard.WizardButton.CancelButton).setEnabled(False)  # only Finish is left

    def cancel_import(self) -> None:
        self._cancel.set()
        self.run_page.result_label.setText("Cancelling: removing what was written…")

    def reject(self) -> None:
        if self.importing:  # Cancel during the import stops it; the wizard stays to say so
            self.cancel_import()
            return
        if self.check_page.checking:
            return  # a dry run only reads; it is not stopped half-way
        super().reject()
