"""Risk assessments: the committee's yearly atrocity risk assessment against the 14 risk factors of the
UN Framework of Analysis, each factor's level beside the previous assessment's and how it moved.

The year is chosen at the top (with New, Edit details, Delete and History); the table lists the 14
factors, and this year's level can be changed in it (F2 or typing opens a list of levels). The panel
beside it (below it in a narrow window) edits the selected factor's finding: level, note, and the
documents, recommendations and questions linked as its evidence; the assessment's source document is
chosen above the table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ...app import record_forms, risk_assessments
from ...app.changes import Changes
from ...core import kinds
from ...core.database import Database
from ...core.errors import ConflictError, R2PError
from ...core.formatting import human_label
from ...core.models import RiskLevel
from ...core.services.risk_assessments import HIGHER, LOWER, SAME, AssessmentSummary, Comparison, FactorRow
from ..dialogs.delete_prompt import ask_to_delete
from ..dialogs.history_dialog import HistoryDialog
from ..dialogs.record_dialog import RecordDialog
from ..dialogs.risk_assessment_dialog import NewRiskAssessmentDialog
from ..models.record_list_model import NUMBER, ListColumn, RecordListModel
from ..records_changed import RecordsChanged
from ..widgets.choice_combo import enum_combo
from ..widgets.flow_row import FlowRow, labelled
from ..widgets.linked_records import LinkedRecords
from ..widgets.record_table_view import RecordTableView
from ..widgets.text_box import text_box
from .base_view import BaseView

ASSESSMENT, FINDING = risk_assessments.ASSESSMENT, risk_assessments.FINDING

NUMBER_COLUMN, TITLE_COLUMN, LAST_COLUMN, LEVEL_COLUMN, CHANGE_COLUMN, NOTE_COLUMN, EVIDENCE_COLUMN = range(7)
COLUMNS = (
    ListColumn("number", "No.", NUMBER, width=40),
    ListColumn("title", "Risk factor"),
    ListColumn("previous_text", "Last year", width=92),
    ListColumn("level_text", "This year", width=92),
    ListColumn("change_text", "Change", width=80, tip_key="change_tip"),
    ListColumn("note", "Note", width=120, tip_key="full_note"),
    ListColumn("evidence", "Evidence", NUMBER, width=68),
)
# Narrower than this, the panel goes below the table, without the note and evidence columns (the panel has
# them): side by side, neither would read well.
SIDE_BY_SIDE_WIDTH = 940
# Words first; the arrow and the colour only repeat them.
CHANGE_TEXT = {HIGHER: "↑ Higher", LOWER: "↓ Lower", SAME: "= Same"}
CHANGE_COLOUR = {HIGHER: QColor("#b3261e"), LOWER: QColor("#1b6e3a")}
LEVEL_TINT = {RiskLevel.LOW.value: QColor("#e3f1e4"), RiskLevel.MODERATE.value: QColor("#fbf1c7"),
              RiskLevel.ELEVATED.value: QColor("#fbdcc0"), RiskLevel.HIGH.value: QColor("#f6c9c5")}
INK = QColor("#1f1f1f")  # on a tint, whatever the palette
NOTE_LENGTH = 32


def level_text(level: str | None) -> str:
    return "Not assessed" if level == RiskLevel.NOT_ASSESSED.value else human_label(level)


def _row(row: FactorRow, previous_year: int | None) -> dict:
    if row.change in CHANGE_TEXT:
        tip = CHANGE_TEXT[row.change]
    elif previous_year is None:
        tip = "No earlier assessment to compare with"
    else:
        tip = "Not compared: the factor was not assessed in one of the two years"
    return {"id": row.finding_id, "number": row.number, "title": row.title, "level": row.level,
            "previous": row.previous_level, "level_text": level_text(row.level),
            "previous_text": level_text(row.previous_level) if row.previous_level else "—",
            "change": row.change, "change_text": CHANGE_TEXT.get(row.change, "—"), "change_tip": tip,
            "note": _short(row.note), "full_note": row.note, "evidence": row.evidence or None}


def _short(text: str) -> str:
    """A note on at most two lines of its column (the whole of it in the panel and the tooltip)."""
    text = " ".join(text.split())
    if len(text) <= NOTE_LENGTH:
        return text
    return text[:NOTE_LENGTH].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"


class FactorModel(RecordListModel):
    """The 14 factors: the levels tinted, the change in words and colour, this year's level editable."""

    level_edited = Signal(int, str)  # finding id, RiskLevel value

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)
        self.years: tuple[int | None, int | None] = (None, None)  # (previous, this)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        previous, this = self.years
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == LAST_COLUMN:
                return str(previous) if previous else "Last year"
            if section == LEVEL_COLUMN:
                return str(this) if this else "This year"
        return super().headerData(section, orientation, role)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == LEVEL_COLUMN else flags

    def cell(self, row: dict, column: ListColumn, role: int):
        key = {"previous_text": "previous", "level_text": "level"}.get(column.key)
        if role == Qt.ItemDataRole.BackgroundRole and key and row.get(key) in LEVEL_TINT:
            return LEVEL_TINT[row[key]]
        if role == Qt.ItemDataRole.ForegroundRole:
            if key and row.get(key) in LEVEL_TINT:
                return INK
            if column.key == "change_text":
                return CHANGE_COLOUR.get(row["change"])
        if role == Qt.ItemDataRole.EditRole and key == "level":
            return row["level"]
        return super().cell(row, column, role)

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        row = self.row_dict(index.row())
        if role != Qt.ItemDataRole.EditRole or index.column() != LEVEL_COLUMN or row is None:
            return False
        if value != row["level"]:
            self.level_edited.emit(row["id"], value)  # the view saves it, and reads the table again
        return True


class LevelDelegate(QStyledItemDelegate):
    """This year's level chosen from a list in the table; picking one saves it."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex):
        combo = enum_combo(RiskLevel)
        combo.setParent(parent)
        combo.setItemText(combo.findData(RiskLevel.NOT_ASSESSED.value), level_text(RiskLevel.NOT_ASSESSED.value))
        combo.setAccessibleName("This year's level")
        combo.activated.connect(lambda _: self._chosen(combo))
        return combo

    def _chosen(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(editor.findData(index.data(Qt.ItemDataRole.EditRole)), 0))

    def setModelData(self, editor: QWidget, model, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class RiskAssessmentsView(BaseView):
    TITLE = "Risk assessments"
    DESCRIPTION = ("The committee's yearly atrocity risk assessment against the 14 risk factors of the UN "
                   "Framework of Analysis, beside the previous one.")
    KINDS = frozenset({ASSESSMENT, FINDING, kinds.DOCUMENT.key, kinds.RECOMMENDATION.key, kinds.QUESTION.key})
    OPENS = frozenset({ASSESSMENT, FINDING})
    EMPTY_TEXT = ("No risk assessment recorded yet. New assessment for a year… makes one with the 14 risk "
                  "factors of the UN Framework of Analysis, each not assessed until the committee gives it a level.")

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.assessments: list[AssessmentSummary] = []
        self.compared: Comparison | None = None
        self.dialog: RecordDialog | None = None  # the last one opened, for tests and focus
        self.history_dialog: HistoryDialog | None = None
        self._wanted_assessment: int | None = None  # to show after the next reading
        self._wanted_finding: int | None = None
        self._finding: FactorRow | None = None  # the finding the panel edits, as read

        self.year_combo = QComboBox(self)
        self.year_combo.setAccessibleName("Assessment")
        self.year_combo.setMinimumContentsLength(24)
        self.year_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.new_button = QPushButton("&New assessment for a year…", self)
        self.edit_button = QPushButton("&Edit details…", self)
        self.edit_button.setToolTip("The year, title, date, confidentiality and summary of this assessment")
        self.delete_button = QPushButton("&Delete…", self)
        self.delete_button.setToolTip("Delete this assessment and its findings, after asking")
        self.history_button = QPushButton("&History…", self)
        self.history_button.setToolTip("Who changed this assessment's details, and when")
        top = FlowRow()  # the buttons wrap below the year in a narrow window
        top.addWidget(labelled("&Year:", self.year_combo, self, grows=True))
        for button in (self.new_button, self.edit_button, self.delete_button, self.history_button):
            top.addWidget(button)

        self.details_label = QLabel(self)  # date, compared with, how many assessed, the summary
        self.details_label.setWordWrap(True)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.source_combo = QComboBox(self)
        self.source_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.source_combo.setMinimumContentsLength(12)
        self.source_combo.setToolTip("The document this assessment drew on: an NHRI's or the government's own "
                                     "risk assessment")
        source_label = QLabel("&Source document:", self)
        source_label.setBuddy(self.source_combo)
        source = QHBoxLayout()
        source.addWidget(source_label)
        source.addWidget(self.source_combo, 1)

        self.model = FactorModel(self)
        self.table = RecordTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("Risk factors")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.SelectedClicked)
        self.table.setItemDelegateForColumn(LEVEL_COLUMN, LevelDelegate(self.table))
        self.table.set_column_widths([column.width for column in COLUMNS], stretch=TITLE_COLUMN)
        self.table.setWordWrap(True)  # the factors' names are long: whole, on two lines if need be
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table_label = QLabel("Risk f&actors", self)
        table_label.setBuddy(self.table)
        self.empty_label = QLabel(self.EMPTY_TEXT, self)
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(table_label)
        left_layout.addWidget(self.table, 1)
        left_layout.addWidget(self.empty_label, 1)

        self.panel = self._finding_panel()
        # Scrolled, so that below the table in a small window it takes what height is left.
        self.panel_area = QScrollArea(self)
        self.panel_area.setWidget(self.panel)
        self.panel_area.setWidgetResizable(True)
        self.panel_area.setFrameShape(QFrame.Shape.NoFrame)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.panel_area)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([800, 400])

        self.page_layout.addLayout(top)
        self.page_layout.addWidget(self.details_label)
        self.page_layout.addLayout(source)
        self.page_layout.addWidget(self.splitter, 1)

        self.year_combo.currentIndexChanged.connect(lambda _: self._show_assessment())
        self.new_button.clicked.connect(lambda: self.new_assessment())
        self.edit_button.clicked.connect(lambda: self.edit_details())
        self.delete_button.clicked.connect(lambda: self.delete_assessment())
        self.history_button.clicked.connect(lambda: self.show_history())
        self.source_combo.activated.connect(lambda _: self.set_source_document(self.source_combo.currentData()))
        self.model.level_edited.connect(self._level_edited)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_finding())
        self.table.record_activated.connect(lambda _: self.level_combo.setFocus())  # Enter: to the panel

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = event.size().width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            self.splitter.setSizes([800, 400] if wide else [600, 400])
            for column in (NOTE_COLUMN, EVIDENCE_COLUMN):  # the panel below shows them: room for the names
                self.table.setColumnHidden(column, not wide)

    def _finding_panel(self) -> QGroupBox:
        panel = QGroupBox("Finding", self)
        self.factor_label = QLabel(panel)
        self.factor_label.setWordWrap(True)
        self.level_combo = enum_combo(RiskLevel)
        self.level_combo.setParent(panel)
        self.level_combo.setItemText(0, level_text(RiskLevel.NOT_ASSESSED.value))
        self.level_combo.setAccessibleName("Level")
        level_label = QLabel("&Level:", panel)
        level_label.setBuddy(self.level_combo)
        self.previous_label = QLabel(panel)  # last year's level, beside this year's
        self.note_edit = text_box(placeholder="What the committee saw, and why this level", min_height=80,
                                  parent=panel)
        self.note_edit.setAccessibleName("Note")
        note_label = QLabel("N&ote:", panel)
        note_label.setBuddy(self.note_edit)
        self.save_button = QPushButton("Sa&ve finding", panel)
        self.save_button.setToolTip("Save this factor's level and note (Ctrl+S)")
        QShortcut(QKeySequence.StandardKey.Save, panel, self.save_finding,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.error_label = QLabel(panel)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.evidence = LinkedRecords(
            self.database, risk_assessments.EVIDENCE_KINDS, panel, picker_label="Lin&k:",
            empty_text="No evidence linked yet. Type part of a document's, recommendation's or question's "
                       "reference or title above.", accessible_name="Evidence")
        self.evidence.remove_button.setText("&Unlink")
        self.evidence.remove_button.setToolTip("Take the selected record off this finding's evidence (Delete)")
        for column in (1, 3, 4):  # reference, status, date: the panel is narrow, and the tooltip has them
            self.evidence.table.setColumnHidden(column, True)
        self.evidence.table.setColumnWidth(0, 90)
        self.evidence.changed.connect(self._evidence_changed)

        level_row = QHBoxLayout()
        level_row.addWidget(level_label)
        level_row.addWidget(self.level_combo, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.error_label, 1)
        buttons.addWidget(self.save_button)
        evidence_label = QLabel("Evidence", panel)
        layout = QVBoxLayout(panel)
        layout.addWidget(self.factor_label)
        layout.addLayout(level_row)
        layout.addWidget(self.previous_label)
        layout.addWidget(note_label)
        layout.addWidget(self.note_edit)
        layout.addLayout(buttons)
        layout.addWidget(evidence_label)
        layout.addWidget(self.evidence, 1)
        self.save_button.clicked.connect(self.save_finding)
        self.level_combo.currentIndexChanged.connect(lambda _: self._enable())
        self.note_edit.textChanged.connect(self._enable)
        return panel

    # --- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        wanted = self._wanted_assessment or self.current_assessment_id()
        self.assessments = risk_assessments.list_assessments(self.database)
        with QSignalBlocker(self.year_combo):
            self.year_combo.clear()
            for a in self.assessments:
                self.year_combo.addItem(f"{a.year} · {a.title}", a.id)
            self.year_combo.setCurrentIndex(max(self.year_combo.findData(wanted), 0) if self.assessments else -1)
        with QSignalBlocker(self.source_combo):
            self.source_combo.clear()
            self.source_combo.addItem("No source document", None)
            for text, document_id in risk_assessments.documents(self.database):
                self.source_combo.addItem(text, document_id)
        self._wanted_assessment = None
        self._show_assessment()

    def current_assessment_id(self) -> int | None:
        return self.year_combo.currentData()

    def current_assessment(self) -> AssessmentSummary | None:
        return next((a for a in self.assessments if a.id == self.current_assessment_id()), None)

    def _show_assessment(self) -> None:
        summary = self.current_assessment()
        wanted = self._wanted_finding
        self._wanted_finding = None
        if wanted is None and self.compared is not None and summary is not None \
                and self.compared.assessment.id == summary.id:
            wanted = self.table.current_record_id()  # the same year read again: the same factor
        self.compared = risk_assessments.comparison(self.database, summary.id) if summary else None
        self.model.years = (self.compared.previous_year, summary.year) if self.compared and summary else (None, None)
        self.model.set_rows([_row(row, self.compared.previous_year) for row in self.compared.rows]
                            if self.compared else [])
        self.table.setVisible(summary is not None)
        self.empty_label.setVisible(summary is None)
        self.panel.setVisible(summary is not None)  # nothing to edit until there is an assessment
        self.panel_area.setVisible(summary is not None)
        self.details_label.setText(self._details(summary))
        self.details_label.setVisible(summary is not None)
        with QSignalBlocker(self.source_combo):
            self.source_combo.setCurrentIndex(max(self.source_combo.findData(
                summary.source_document_id if summary else None), 0))
        for widget in (self.year_combo, self.edit_button, self.delete_button, self.history_button, self.source_combo):
            widget.setEnabled(summary is not None)
        if summary is not None and not self.table.select_record(wanted):
            self.table.selectRow(0)
        self._show_finding()

    def _details(self, summary: AssessmentSummary | None) -> str:
        if summary is None or self.compared is None:
            return ""
        parts = [f"Assessed on {summary.assessed_on.isoformat()}." if summary.assessed_on else "Not dated yet.",
                 f"{summary.assessed} of {summary.factors} factors assessed.",
                 f"Compared with {self.compared.previous_year}." if self.compared.previous_year
                 else "No earlier assessment to compare with."]
        if summary.summary.strip():
            parts.append(" ".join(summary.summary.split()))
        return " ".join(parts)

    def _current_row(self) -> FactorRow | None:
        finding_id = self.table.current_record_id()
        rows = self.compared.rows if self.compared else []
        return next((row for row in rows if row.finding_id == finding_id), None)

    def _show_finding(self) -> None:
        """The selected factor in the panel; a changed level or note left there is saved first."""
        row = self._current_row()
        if self._finding is not None and row is not None and row.finding_id == self._finding.finding_id \
                and row.version == self._finding.version:
            return  # the same finding, unchanged: keep what the clerk is typing
        error = ""
        if self._finding is not None and self.has_unsaved_changes():  # leaving it: what was typed is kept
            leaving = self._finding
            written = self._write(leaving, self._shown_level(), self.note_edit.toPlainText())
            if isinstance(written, Changes):
                QTimer.singleShot(0, lambda: self._announce(written))  # not while the selection is changing
            else:
                error = f"Factor {leaving.number} was not saved: {written}"
        self._finding = row
        self.error_label.setText(error)
        self.panel.setEnabled(row is not None)
        with QSignalBlocker(self.level_combo), QSignalBlocker(self.note_edit):
            self.level_combo.setCurrentIndex(max(self.level_combo.findData(row.level if row else None), 0))
            self.note_edit.setPlainText(row.note if row else "")
        if row is None:
            self.factor_label.setText("")
            self.previous_label.setText("")
            self.evidence.set_records([])
        else:
            self.factor_label.setText(f"<b>{row.number}. {row.title}</b>")
            previous_year = self.compared.previous_year if self.compared else None
            last = level_text(row.previous_level) if row.previous_level else "not recorded"
            self.previous_label.setText(f"In {previous_year}: {last}" if previous_year else "No earlier assessment")
            self.evidence.set_records(risk_assessments.evidence(self.database, row.finding_id))
        self._enable()

    def _shown_level(self) -> str:
        return str(self.level_combo.currentData())

    def has_unsaved_changes(self) -> bool:
        finding = self._finding
        return finding is not None and (self._shown_level() != finding.level
                                        or self.note_edit.toPlainText() != finding.note)

    def _enable(self) -> None:
        self.save_button.setEnabled(self.has_unsaved_changes())

    # --- acting -------------------------------------------------------------------------------

    def open_record(self, kind: str, record_id: int) -> None:
        if kind == FINDING:
            self._wanted_finding = record_id
            self._wanted_assessment = risk_assessments.assessment_of(self.database, record_id)
        else:
            self._wanted_assessment = record_id
        self.refresh()

    def select_year(self, year: int) -> bool:
        """Show the assessment of `year`; False when there is none."""
        index = next((n for n, a in enumerate(self.assessments) if a.year == year), -1)
        if index >= 0:
            self.year_combo.setCurrentIndex(index)
        return index >= 0

    def select_factor(self, number: int) -> bool:
        """Select risk factor `number` (1 to 14) in the table."""
        row = next((r for r in (self.compared.rows if self.compared else []) if r.number == number), None)
        return row is not None and self.table.select_record(row.finding_id)

    def new_assessment(self) -> NewRiskAssessmentDialog:
        years = [a.year for a in self.assessments]
        dialog = NewRiskAssessmentDialog(self.database, self.records_changed, year=max(years) + 1 if years else
                                         _this_year(), earlier_years=years, parent=self)
        dialog.accepted.connect(lambda: self._created(dialog.record_id))
        self._open_dialog(dialog)
        return dialog

    def _created(self, assessment_id: int | None) -> None:
        if assessment_id is not None:
            self.open_record(ASSESSMENT, assessment_id)

    def edit_details(self) -> RecordDialog | None:
        assessment_id = self.current_assessment_id()
        if assessment_id is None:
            return None
        return self._open_dialog(RecordDialog(self.database, self.records_changed, assessment_id,
                                              form=record_forms.RISK_ASSESSMENT, parent=self))

    def delete_assessment(self) -> bool:
        """Delete the assessment shown, with its findings, after asking."""
        assessment_id = self.current_assessment_id()
        return assessment_id is not None and ask_to_delete(
            self, self.database, self.records_changed, ASSESSMENT, assessment_id) is not None

    def show_history(self) -> HistoryDialog | None:
        summary = self.current_assessment()
        if summary is None:
            return None
        dialog = HistoryDialog(self.database, kinds.RISK_ASSESSMENT.model, summary.id, summary.title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()
        return dialog

    def save_finding(self) -> bool:
        """Save the panel's level and note for the selected factor; True when saved."""
        finding = self._finding
        if finding is None or not self.has_unsaved_changes():
            return False
        written = self._write(finding, self._shown_level(), self.note_edit.toPlainText())
        if isinstance(written, Changes):
            self._wanted_finding = finding.finding_id
            self._announce(written)
            return True
        self._not_saved(finding, written)
        return False

    def _level_edited(self, finding_id: int, level: str) -> None:
        """A level chosen in the table: saved once its list has closed (not while the table is editing)."""
        row = next((r for r in (self.compared.rows if self.compared else []) if r.finding_id == finding_id), None)
        if row is None:
            return
        typing = self._finding is not None and self._finding.finding_id == finding_id
        note = self.note_edit.toPlainText() if typing else row.note  # a note being typed for it goes with it
        written = self._write(row, level, note)
        if isinstance(written, Changes):
            self._wanted_finding = finding_id
            QTimer.singleShot(0, lambda: self._announce(written))
        else:
            QTimer.singleShot(0, lambda: self._not_saved(row, written))

    def _write(self, finding: FactorRow, level: str, note: str) -> Changes | R2PError:
        """Save a finding; what changed, or the refusal."""
        try:
            return risk_assessments.save_finding(self.database, finding.finding_id, level=level, note=note,
                                                 expected_version=finding.version)
        except R2PError as error:
            return error

    def _not_saved(self, finding: FactorRow, error: R2PError) -> None:
        why = str(error)
        if isinstance(error, ConflictError):  # show what is saved now
            self._finding = None
            self._wanted_finding = finding.finding_id
            self.refresh()
            why = f"{why}; it now shows what they saved"
        self.error_label.setText(f"Not saved: {why}.")

    def _evidence_changed(self) -> None:
        """A record was linked or unlinked in the panel: written at once."""
        finding = self._finding
        if finding is None:
            return
        try:
            changes = risk_assessments.change_evidence(self.database, finding.finding_id, link=self.evidence.added(),
                                                       unlink=self.evidence.removed())
        except R2PError as error:
            self.error_label.setText(f"Not linked: {error}")
            self.evidence.set_records(risk_assessments.evidence(self.database, finding.finding_id))
            return
        self._wanted_finding = finding.finding_id
        kept_note = self.note_edit.toPlainText() if self.has_unsaved_changes() else None
        kept_level = self._shown_level()
        self._announce(changes)
        if kept_note is not None and self._finding is not None:  # what the clerk was typing stays
            with QSignalBlocker(self.level_combo):
                self.level_combo.setCurrentIndex(max(self.level_combo.findData(kept_level), 0))
            self.note_edit.setPlainText(kept_note)

    def set_source_document(self, document_id: int | None) -> bool:
        summary = self.current_assessment()
        if summary is None:
            return False
        try:
            changes = risk_assessments.set_source_document(self.database, summary.id, document_id,
                                                           expected_version=summary.version)
        except R2PError as error:
            self.refresh()
            self.details_label.setText(f"The source document was not changed: {error}.")
            return False
        self._announce(changes)
        return True

    def _announce(self, changes: Changes) -> None:
        """Every view hears of it; this one reads again, keeping the year and the factor shown."""
        self._wanted_assessment = self.current_assessment_id()
        self._wanted_finding = self._wanted_finding or self.table.current_record_id()
        self._finding = None
        self.records_changed.notify_changes(changes)
        if self._stale or not self.isVisible():
            self.refresh()

    def _open_dialog(self, dialog: RecordDialog) -> RecordDialog:
        """Window-modal and non-blocking: the dialog reports back by the records-changed signal."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog


def _this_year() -> int:
    return date.today().year
