"""One search box over every kind of record: hits grouped by kind, arrows choose, Enter opens.

The search runs on the task runner; answers to a query the user has since changed are dropped."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QListView,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...app.records import read
from ...core.database import Database
from ...core.services.search import KIND_LABELS, QUERY_HELP, SearchHit, search
from ..models.roles import RECORD_ID_ROLE
from ..models.search_results_model import (
    IS_HEADER_ROLE,
    KIND_ROLE,
    SNIPPET_ROLE,
    SearchResultsModel,
    snippet_parts,
    snippet_repeats_title,
    title_parts,
)
from ..task_runner import TaskRunner

DEBOUNCE_MS = 200
SEARCH_LIMIT = 50
_PAD = 6  # pixels around the text of a row


def find_records(database: Database, query: str, limit: int = SEARCH_LIMIT) -> list[SearchHit]:
    """Runs off the GUI thread: plain hits back."""
    return read(database, lambda session: search(session, query, limit=limit))


class _SearchHitDelegate(QStyledItemDelegate):
    """A hit as its title over a snippet with the matched words in bold; a header as a small bold label."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
        title = QFont(option.font)
        snippet = QFont(option.font)
        snippet.setPointSizeF(option.font.pointSizeF() * 0.9)
        header = QFont(snippet)
        header.setBold(True)
        return title, snippet, header

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        title, snippet, header = self._fonts(option)
        if index.data(IS_HEADER_ROLE):
            top = 0 if index.row() == 0 else _PAD * 2
            return QSize(0, top + QFontMetrics(header).height() + _PAD)
        height = QFontMetrics(title).height() + _PAD * 2
        if not snippet_repeats_title(index.data() or "", index.data(SNIPPET_ROLE) or ""):
            height += QFontMetrics(snippet).height()
        return QSize(0, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        painter.save()
        if index.data(IS_HEADER_ROLE):
            self._paint_header(painter, option, index)
        else:
            self._paint_hit(painter, option, index)
        painter.restore()

    def _paint_header(self, painter: QPainter, option: QStyleOptionViewItem,
                      index: QModelIndex | QPersistentModelIndex) -> None:
        rect, header_font = option.rect, self._fonts(option)[2]
        metrics = QFontMetrics(header_font)
        painter.setFont(header_font)
        painter.setPen(option.palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText))
        text_rect = QRect(rect.left() + _PAD, rect.bottom() - _PAD // 2 - metrics.height(),
                          rect.width() - 2 * _PAD, metrics.height())
        painter.drawText(text_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(index.data(), Qt.TextElideMode.ElideRight, text_rect.width()))
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.left() + _PAD, rect.bottom(), rect.right() - _PAD, rect.bottom())

    def _paint_hit(self, painter: QPainter, option: QStyleOptionViewItem,
                   index: QModelIndex | QPersistentModelIndex) -> None:
        title_font, snippet_font, _ = self._fonts(option)
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, background, painter, option.widget)

        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        active = bool(option.state & QStyle.StateFlag.State_Active)
        group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(group, text_role)
        quiet_colour = text_colour if selected else option.palette.color(group, QPalette.ColorRole.PlaceholderText)

        title, snippet = index.data() or "", " ".join((index.data(SNIPPET_ROLE) or "").split())
        left, right = option.rect.left() + _PAD * 2, option.rect.right() - _PAD
        top = option.rect.top() + _PAD
        top = _draw_parts(painter, title_parts(title, snippet), left, top, right, title_font, text_colour, text_colour)
        if not snippet_repeats_title(title, snippet):
            _draw_parts(painter, snippet_parts(snippet), left, top, right, snippet_font, quiet_colour, text_colour)


def _draw_parts(painter: QPainter, parts: list[tuple[str, bool]], left: int, top: int, right: int,
                font: QFont, colour: QColor, match_colour: QColor) -> int:
    """One line of text with the matched parts in bold, elided at `right`; returns the next line's top."""
    bold = QFont(font)
    bold.setBold(True)
    x = left
    for text, is_match in parts:
        metrics = QFontMetrics(bold if is_match else font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, right - x)
        painter.setFont(bold if is_match else font)
        painter.setPen(match_colour if is_match else colour)
        painter.drawText(QRect(x, top, right - x, metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
        if shown != text:
            break
        x += metrics.horizontalAdvance(text)
    return top + QFontMetrics(font).height()


class SearchDialog(QDialog):
    """Emits `record_chosen(kind, record_id)` and accepts when the user opens a hit."""

    record_chosen = Signal(str, int)

    def __init__(self, database: Database, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._tasks = tasks
        self._query_number = 0  # bumped on every change; a result for an older number is stale
        self._searching = False
        self._open_when_ready = False  # Enter pressed before the answer to the latest query arrived

        self.setWindowTitle("Search records")
        self.resize(640, 520)

        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText("Search every record: words, a OR b, -word, \"a phrase\"…")
        self.search_edit.setToolTip(QUERY_HELP)
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setAccessibleName("Search every record")
        self.search_edit.installEventFilter(self)

        self.model = SearchResultsModel(self)
        self.results_view = QListView()
        self.results_view.setModel(self.model)
        self.results_view.setItemDelegate(_SearchHitDelegate(self.results_view))
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the search box
        self.results_view.activated.connect(self._open)
        self.results_view.selectionModel().currentRowChanged.connect(self._keep_first_header_in_sight)

        kinds = [label.lower() for label in KIND_LABELS.values()]
        self.message_label = QLabel()
        self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message_label.setWordWrap(True)
        self.message_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        # Same panel as the list it stands in for, so the dialog does not jump between looks.
        self.message_label.setFrameShape(self.results_view.frameShape())
        self.message_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.message_label.setAutoFillBackground(True)
        self.message_label.setMargin(24)
        self._empty_message = f"Type words to search {', '.join(kinds[:-1])} and {kinds[-1]}."
        self.message_label.setText(self._empty_message)

        self.pages = QStackedWidget()
        self.pages.addWidget(self.message_label)
        self.pages.addWidget(self.results_view)

        self.hint_label = QLabel("↑ ↓ choose a record · Enter opens it · Esc closes")
        self.hint_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        layout = QVBoxLayout(self)
        layout.addWidget(self.search_edit)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.hint_label)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._start_search)
        self.search_edit.textChanged.connect(self._query_changed)
        self.search_edit.setFocus()

    # --- searching -----------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Put `text` in the search box (e.g. a selection in the main window); the search follows."""
        self.search_edit.setText(text)
        self.search_edit.selectAll()

    def _query_changed(self, _text: str) -> None:
        self._query_number += 1
        self._open_when_ready = False
        self._debounce.start()

    def _start_search(self) -> None:
        query, number = self.search_edit.text().strip(), self._query_number
        if not query:
            self._searching = False
            self._show_message(self._empty_message, "↑ ↓ choose a record · Enter opens it · Esc closes")
            return
        self._searching = True
        self._tasks.run(lambda: find_records(self._database, query),
                        lambda hits: self._show_hits(number, query, hits),
                        on_error=lambda message: self._show_error(number, message))

    def _is_stale(self, number: int) -> bool:
        """An answer to a query since changed, or arriving after the dialog was destroyed."""
        return number != self._query_number or not isValid(self.model)

    def _show_hits(self, number: int, query: str, hits: list[SearchHit]) -> None:
        if self._is_stale(number):
            return
        self._searching = False
        self.model.set_hits(hits)
        if not hits:
            self._open_when_ready = False
            self._show_message(f"No records match “{query}”.", "Check the spelling, or use fewer words.")
            return
        self.pages.setCurrentWidget(self.results_view)
        count = f"{len(hits)} record matches" if len(hits) == 1 else f"{len(hits)} records match"
        if len(hits) >= SEARCH_LIMIT:
            count = f"The best {len(hits)} matches; add words to narrow the search"
        self.hint_label.setText(f"{count} · ↑ ↓ choose · Enter opens")
        self._move_to(self.model.next_hit_row(-1, 1))
        if self._open_when_ready:
            self._open_when_ready = False
            self._open(self.results_view.currentIndex())

    def _show_error(self, number: int, message: str) -> None:
        if self._is_stale(number):
            return
        self._searching = False
        self._open_when_ready = False
        self.model.clear()
        self._show_message(f"The search failed: {message}", "")

    def _show_message(self, message: str, hint: str) -> None:
        self.model.clear()
        self.message_label.setText(message)
        self.pages.setCurrentWidget(self.message_label)
        self.hint_label.setText(hint)

    # --- choosing ------------------------------------------------------------------------------

    def current_hit(self) -> SearchHit | None:
        return self.model.hit(self.results_view.currentIndex().row())

    def _move_to(self, row: int | None) -> None:
        if row is None:
            return
        index = self.model.index(row, 0)
        self.results_view.setCurrentIndex(index)
        self.results_view.scrollTo(index)

    def _keep_first_header_in_sight(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and current.row() == self.model.next_hit_row(-1, 1):
            self.results_view.scrollToTop()

    def _step(self, step: int) -> None:
        current = self.results_view.currentIndex()
        start = current.row() if current.isValid() else (-1 if step > 0 else self.model.rowCount())
        self._move_to(self.model.next_hit_row(start, step))

    def _open(self, index: QModelIndex | QPersistentModelIndex) -> None:
        if not index.isValid() or index.data(IS_HEADER_ROLE):
            return
        self.record_chosen.emit(index.data(KIND_ROLE), index.data(RECORD_ID_ROLE))
        self.accept()

    def done(self, result: int) -> None:
        self._query_number += 1  # answers still on their way are dropped
        self._debounce.stop()
        super().done(result)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._step(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                QApplication.sendEvent(self.results_view, QKeyEvent(event))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._debounce.isActive() or self._searching:
                    self._open_when_ready = True  # typed and pressed Enter at once: open the best hit
                    if self._debounce.isActive():
                        self._debounce.stop()
                        self._start_search()
                else:
                    self._open(self.results_view.currentIndex())
                return True
        return super().eventFilter(watched, event)
