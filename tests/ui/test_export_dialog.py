"""Exporting a briefing pack from the window: options, a preview of what it will include, progress,
Cancel that leaves the old file, and the finished PDF."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.sample_data import generate_demo


@pytest.fixture
def sample(database):
    with database.session() as session:
        generate_demo(session, questions=120)
        session.commit()


def choose(combo, value) -> None:
    combo.setCurrentIndex(combo.findData(value))


def preview_rows(dialog) -> dict[str, str]:
    tree = dialog.preview_tree
    return {tree.topLevelItem(n).text(0): tree.topLevelItem(n).text(1) for n in range(tree.topLevelItemCount())}


def test_ctrl_e_previews_and_exports_a_debate_pack(main_window, qtbot, database, sample, tmp_path):
    with database.session() as session:
        marker = records.create(session, Question, {"title": "Committee-only question about Kessin observers",
                                                    "confidentiality": "committee", "status": "tabled",
                                                    "date_tabled": "2026-01-05"})
        session.commit()
    qtbot.keyClick(main_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in main_window.children() if type(d).__name__ == "ExportDialog")
    assert dialog.isVisible() and dialog.pack_combo.currentData() == "debate"
    qtbot.waitUntil(lambda: dialog.preview_tree.topLevelItemCount() > 0)
    assert int(preview_rows(dialog)["Agenda"].replace(",", "")) > 0

    out = tmp_path / "pack.pdf"
    dialog.path_edit.setText(str(out))
    choose(dialog.audience_combo, "public")
    choose(dialog.paper_combo, "letter")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.exporting and dialog.progress_bar.isVisible()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)

    assert dialog.open_button.isVisible()
    assert f"to {out}" in dialog.status_label.text()
    reader = PdfReader(str(out))
    assert len(reader.pages) == dialog.result.pages
    assert round(float(reader.pages[0].mediabox.width)) == 612  # US Letter
    text = "".join(page.extract_text() for page in reader.pages)
    assert "PUBLIC" in text and "Kessin observers" not in text
    assert marker


def test_a_wrong_date_is_named_and_nothing_is_written(main_window, qtbot, tmp_path):
    dialog = main_window.export_briefing()
    choose(dialog.pack_combo, "questions")
    assert not dialog.debate_combo.isEnabled()
    qtbot.keyClicks(dialog.since_edit, "5 March")
    dialog.path_edit.setText(str(tmp_path / "pack.pdf"))
    qtbot.waitUntil(lambda: "From must be a date" in dialog.preview_label.text())
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "From must be a date written YYYY-MM-DD" in dialog.status_label.text()
    assert not (tmp_path / "pack.pdf").exists()


def test_stopping_an_export_leaves_the_previous_file(main_window, qtbot, database, sample, tmp_path):
    folder = tmp_path / "packs"
    folder.mkdir()
    out = folder / "pack.pdf"
    out.write_bytes(b"the pack exported last week")
    dialog = main_window.export_briefing()
    dialog.path_edit.setText(str(out))
    progress = dialog._progress

    def stop_at_first_report(*args):
        progress(*args)
        dialog.cancel()

    dialog._progress = stop_at_first_report
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.exporting, timeout=60_000)
    assert dialog.result is None
    assert "left as it was" in dialog.status_label.text()
    assert out.read_bytes() == b"the pack exported last week"
    assert [p.name for p in folder.iterdir()] == ["pack.pdf"]  # no temporary file left behind


class _Opener(QObject):
    """Stands in for the desktop's PDF reader: records what the dialog asked it to open."""

    def __init__(self):
        super().__init__()
        self.opened = []

    @Slot(QUrl)
    def open(self, url):
        self.opened.append(url.toLocalFile())


def export_questions_report(main_window, qtbot, out):
    qtbot.keyClick(main_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    dialog = next(d for d in main_window.children() if type(d).__name__ == "ExportDialog")
    choose(dialog.pack_combo, "questions")
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    return dialog


def test_open_hands_the_pack_to_the_desktops_pdf_reader(main_window, qtbot, tmp_path):
    opener = _Opener()
    QDesktopServices.setUrlHandler("file", opener, "open")
    try:
        dialog = export_questions_report(main_window, qtbot, tmp_path / "report.pdf")
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    assert opener.opened == [str(tmp_path / "report.pdf")]
    assert "Saved" in dialog.status_label.text()


def test_open_with_no_program_for_pdf_files_says_so_and_where_the_pack_is(main_window, qtbot, tmp_path,
                                                                            monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no xdg-open, no desktop to ask
    dialog = export_questions_report(main_window, qtbot, tmp_path / "report.pdf")
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    assert dialog.status_label.text().startswith("No program on this computer opens PDF files.")
    assert str(tmp_path / "report.pdf") in dialog.status_label.text()


def test_the_dialog_offers_the_packs_of_undertakings_risk_recommendations_and_documents(main_window, qtbot, sample,
                                                                                       tmp_path):
    dialog = main_window.export_briefing()
    offered = {dialog.pack_combo.itemText(n): dialog.pack_combo.itemData(n) for n in range(dialog.pack_combo.count())}
    assert {"Recommendations report": "recommendations", "Undertakings register": "undertakings",
            "Atrocity risk assessment": "risk", "Document register": "documents"}.items() <= offered.items()
    choose(dialog.pack_combo, "undertakings")
    assert not dialog.debate_combo.isEnabled()
    qtbot.waitUntil(lambda: "Overdue" in preview_rows(dialog))
    assert int(preview_rows(dialog)["Overdue"]) >= 2 and "Dropped" in preview_rows(dialog)
    out = tmp_path / "risk.pdf"
    choose(dialog.pack_combo, "risk")
    qtbot.waitUntil(lambda: preview_rows(dialog).get("Risk factors against last year") == "14")
    dialog.path_edit.setText(str(out))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    text = "".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Weakness of State structures" in text and "Atrocity risk assessment" in text


def test_the_accessible_html_edition_is_chosen_as_a_format_and_its_file_name_follows(main_window, qtbot, sample,
                                                                                     tmp_path):
    from html.parser import HTMLParser

    dialog = main_window.export_briefing()
    offered = {dialog.format_combo.itemData(n): dialog.format_combo.itemText(n)
               for n in range(dialog.format_combo.count())}
    assert offered["pdf"] == "PDF" and offered["html"].startswith("Accessible HTML")
    dialog.path_edit.setText(str(tmp_path / "pack.pdf"))
    choose(dialog.format_combo, "html")
    assert dialog.path_edit.text() == str(tmp_path / "pack.html") and not dialog.paper_combo.isEnabled()
    choose(dialog.audience_combo, "public")
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=60_000)
    assert dialog.status_label.text() == f"Saved the HTML edition to {tmp_path / 'pack.html'}."

    class Headings(HTMLParser):
        def __init__(self):
            super().__init__()
            self.tags, self.h2, self._in_h2 = [], [], False

        def handle_starttag(self, tag, attrs):
            self.tags.append((tag, dict(attrs)))
            self._in_h2 = tag == "h2"

        def handle_data(self, data):
            if self._in_h2:
                self.h2.append(data)
                self._in_h2 = False

    parsed = Headings()
    parsed.feed((tmp_path / "pack.html").read_text(encoding="utf-8"))
    assert ("html", {"lang": "en"}) in parsed.tags
    assert parsed.h2 == ["Contents", *(title for title, _ in dialog.result.sections)]  # a heading per section
    assert "PUBLIC" in (tmp_path / "pack.html").read_text(encoding="utf-8")
    choose(dialog.format_combo, "pdf")
    assert dialog.path_edit.text() == str(tmp_path / "pack.pdf") and dialog.paper_combo.isEnabled()
