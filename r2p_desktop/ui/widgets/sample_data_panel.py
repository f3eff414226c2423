"""The invitation an empty database shows: load realistic sample records to explore the program."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ..sample_data_loader import SampleDataLoader


class SampleDataPanel(QFrame):
    def __init__(self, loader: SampleDataLoader, message: str, parent: QWidget | None = None, *,
                 heading: str = "This database is empty"):
        super().__init__(parent)
        self._loader = loader
        self.setObjectName("sampleDataPanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#sampleDataPanel { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }"
        )

        title = QLabel(heading, self)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setWeight(QFont.Weight.DemiBold)
        title.setFont(font)
        text = QLabel(message, self)
        text.setWordWrap(True)

        self.load_button = QPushButton("Load sample data", self)
        self.load_button.setDefault(True)
        self.load_button.setMinimumHeight(self.load_button.sizeHint().height() + 10)
        self.load_button.setMinimumWidth(180)
        self.load_button.setToolTip("Fill this database with realistic, invented records to try the program")
        self.load_button.clicked.connect(loader.load)

        self.progress_bar = QProgressBar(self)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.hide()

        self._buttons = QHBoxLayout()
        self._buttons.addWidget(self.load_button)
        self._buttons.addWidget(self.progress_bar, 1)
        self._buttons.addStretch()
        self.progress_bar.setMaximumWidth(420)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(text)
        layout.addLayout(self._buttons)
        layout.addWidget(self.status_label)

        loader.started.connect(self._on_started)
        loader.progress.connect(self._on_progress)
        loader.finished.connect(self._on_finished)
        loader.failed.connect(self._on_failed)
        if loader.running:
            self._on_started()

    def add_button(self, button: QPushButton) -> None:
        """Another way out of the empty state (e.g. 'New question'), beside the main button."""
        self._buttons.insertWidget(self._buttons.indexOf(self.progress_bar), button)

    def _on_started(self) -> None:
        self.load_button.setEnabled(False)
        self.load_button.setText("Loading sample data…")
        self.progress_bar.setRange(0, 0)  # busy until the first progress report
        self.progress_bar.show()
        self.status_label.hide()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress_bar.setRange(0, total)
            self.progress_bar.setValue(min(done, total))
        if message:
            self.progress_bar.setFormat(f"{message} %p%" if total > 0 else message)

    def _on_finished(self, _counts: dict) -> None:
        self.progress_bar.hide()
        self.load_button.setText("Load sample data")
        self.load_button.setEnabled(True)

    def _on_failed(self, message: str) -> None:
        self._on_finished({})
        self._show_status(f"The sample data could not be loaded: {message}", error=True)

    def _show_status(self, message: str, *, error: bool) -> None:
        self.status_label.setText(message)
        self.status_label.setStyleSheet("color: #b3261e;" if error else "")
        self.status_label.show()
