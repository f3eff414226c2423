"""What a clerk does in a form, shared by the window tests: press Save, pick an entry from a list, answer
a message box."""

from __future__ import annotations

from PySide6.QtCore import QDeadlineTimer, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox


def save(qtbot, form) -> None:
    """Click the Save button of a record dialog or the question form."""
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def choose(combo, text: str) -> None:
    """Pick the entry shown as `text`; one that is not offered fails the test."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)


def answer_next_message(button, *, before=None, timeout_ms: int = 10_000) -> list[str]:
    """Press `button` (a QMessageBox.StandardButton, or a button's text) in the next message box to open,
    from inside its own event loop; `before(box)`, if given, runs first. Returns a list that receives
    the box's text, empty while no box has opened."""
    asked: list[str] = []
    deadline = QDeadlineTimer(timeout_ms)

    def look() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if not deadline.hasExpired():
                QTimer.singleShot(20, look)
            return
        asked.append(box.text())
        if before is not None:
            before(box)
        if isinstance(button, QMessageBox.StandardButton):
            target = box.button(button)
        else:
            target = next((b for b in box.buttons() if b.text() == button), None)
        if target is None:
            box.reject()  # not left open, or the test would wait for ever
            raise AssertionError(f"{button!r} is not offered in {box.text()!r}")
        target.click()

    QTimer.singleShot(0, look)
    return asked
