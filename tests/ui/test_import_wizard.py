"""File > Import…: a clerk's own tracker (semicolons, Windows-1252, CRLF, day-first dates, French column
names) goes through the wizard into the Questions view; a file with a bad row lists the row and cannot be
imported; the column matching comes back for a file with the same header; Cancel undoes a large import."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from r2p_desktop.core.models import Question
from r2p_desktop.ui.dialogs.import_wizard import NOT_IMPORTED, ImportWizard
from r2p_desktop.ui.models import question_table_model as columns

HEADER = ["Réf.", "Objet", "Député", "Ministère", "Déposée le", "Échéance", "Suivi interne"]
ROWS = [
    ["QE-2025-001", "Prévention des atrocités au Sahel", "Hélène Dubois", "Ministère des Affaires étrangères",
     "15/12/2025", "31/12/2025", "à relancer"],
    ["QE-2025-002", "Coopération avec le Bureau du Conseiller spécial", "François Nguyễn",
     "Ministère de la Défense", "02/01/2026", "16/01/2026", ""],
]
# Our column -> the tracker's, as the clerk chooses them in the combos.
MAPPING = {"reference": "Réf.", "title": "Objet", "asked_by": "Député", "addressed_to": "Ministère",
           "date_tabled": "Déposée le", "answer_due": "Échéance"}


def tracker(path, rows=ROWS, encoding="cp1252"):
    """The CSV a French-speaking clerk's Excel saves: semicolons, Windows-1252, CRLF line ends."""
    lines = [";".join(HEADER), *(";".join(row) for row in rows)]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding, errors="replace"))
    return path


def open_wizard(main_window, qtbot, path) -> ImportWizard:
    file_menu = main_window.menuBar().actions()[0].menu()
    assert "&Import…" in [action.text() for action in file_menu.actions()]
    main_window.import_action.trigger()
    [wizard] = [w for w in main_window.findChildren(ImportWizard) if w.isVisible()]
    qtbot.waitExposed(wizard)
    page = wizard.kind_page
    assert page.kind_combo.currentText() == "Questions"
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no file yet
    page.path_edit.setText(str(path))
    return wizard


def next_page(wizard, qtbot) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def map_columns(wizard, mapping) -> None:
    for ours, combo in wizard.mapping_page.combos.items():
        combo.setCurrentIndex(combo.findText(mapping.get(ours, NOT_IMPORTED)))


def through_the_check(wizard, qtbot, path, *, day_first=True):
    next_page(wizard, qtbot)  # how the file reads
    detected = wizard.detected_page.detected_label.text()
    assert "Windows-1252" in detected and "semicolons" in detected, detected
    if day_first:
        combo = wizard.detected_page.date_combo
        combo.setCurrentIndex(combo.findData("DD/MM/YYYY"))
    next_page(wizard, qtbot)  # the columns
    map_columns(wizard, MAPPING)
    next_page(wizard, qtbot)  # the dry run, on a worker
    qtbot.waitUntil(lambda: wizard.check_page.checked is not None, timeout=20_000)
    return wizard.check_page


def test_a_clerks_own_tracker_imports_through_the_wizard(main_window, qtbot, tmp_path, database):
    path = tracker(tmp_path / "suivi des questions.csv")
    wizard = open_wizard(main_window, qtbot, path)
    check = through_the_check(wizard, qtbot, path)
    # The preview shows the rows as they would be imported, under our column names.
    table = wizard.mapping_page.preview_table
    assert [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())] == list(MAPPING)
    assert table.item(0, 3).text() == "Ministère des Affaires étrangères"
    report = check.report.toPlainText()
    assert "would import 2 questions" in report
    assert "Hélène Dubois" in report and "Ministère des Affaires étrangères" in report  # people and bodies added
    assert "Suivi interne" in report  # the column left out is named
    import_button = wizard.button(QWizard.WizardButton.NextButton)
    assert import_button.text() == "&Import" and import_button.isEnabled()

    next_page(wizard, qtbot)
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=20_000)
    assert wizard.run_page.result_label.text() == "Imported 2 questions."
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)

    view = main_window.questions_view
    assert main_window.current_view() is view  # the window shows what came in
    model = view.model
    qtbot.waitUntil(lambda: model.rowCount() == 2)
    shown = {model.data(model.index(r, columns.REFERENCE)): r for r in range(model.rowCount())}
    row = shown["QE-2025-001"]
    assert model.data(model.index(row, columns.TITLE)) == "Prévention des atrocités au Sahel"
    assert model.data(model.index(row, columns.ASKED_BY)) == "Hélène Dubois"
    assert model.data(model.index(row, columns.ADDRESSED_TO)) == "Ministère des Affaires étrangères"
    assert model.data(model.index(row, columns.ANSWER_DUE), Qt.ItemDataRole.EditRole) == date(2025, 12, 31)
    assert model.data(model.index(row, columns.DATE_TABLED), Qt.ItemDataRole.EditRole) == date(2025, 12, 15)
    # Windows-1252 has no ễ: Excel saved a question mark, and that is what came in.
    assert model.data(model.index(shown["QE-2025-002"], columns.ASKED_BY)) == "François Nguy?n"


def test_a_bad_row_is_listed_with_its_number_and_nothing_can_be_imported(main_window, qtbot, tmp_path,
                                                                          database):
    rows = [*ROWS, ["QE-2025-003", "Génocide", "Hélène Dubois", "Ministère de la Justice", "32/13/2025", "", ""],
            ["QE-2025-004", "", "Hélène Dubois", "Ministère de la Justice", "", "", ""]]
    wizard = open_wizard(main_window, qtbot, tracker(tmp_path / "suivi.csv", rows))
    check = through_the_check(wizard, qtbot, tmp_path / "suivi.csv")
    errors = check.report.toPlainText().splitlines()
    assert any(line.startswith("row 4, column Déposée le:") for line in errors), errors
    assert any(line.startswith("row 5, column Objet:") for line in errors), errors
    assert "2 problems" in check.status_label.text()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.reject()
    with database.read_session() as session:
        assert session.query(Question).count() == 0


def test_the_columns_are_matched_again_for_a_file_with_the_same_header(main_window, qtbot, tmp_path, settings):
    wizard = open_wizard(main_window, qtbot, tracker(tmp_path / "novembre.csv"))
    through_the_check(wizard, qtbot, tmp_path / "novembre.csv")
    wizard.reject()

    # December's file from the same tracker, its header spelt a little differently.
    path = tmp_path / "décembre.csv"
    path.write_bytes(("\r\n".join([";".join(name.upper() for name in HEADER), ";".join(ROWS[0])]) + "\r\n")
                     .encode("cp1252"))
    second = open_wizard(main_window, qtbot, path)
    next_page(second, qtbot)
    next_page(second, qtbot)
    combos = second.mapping_page.combos
    chosen = {ours: combo.currentText() for ours, combo in combos.items() if combo.currentData()}
    assert chosen == {ours: theirs.upper() for ours, theirs in MAPPING.items()}
    assert "as last time" in second.mapping_page.remembered_label.text()
    assert any(key.startswith("import_wizard/mapping/questions/") for key in settings.allKeys())


def test_cancel_during_a_large_import_adds_no_question(main_window, qtbot, tmp_path, database):
    rows = [[f"QE-{n:05d}", f"Question {n} sur la prévention", "Hélène Dubois", "Ministère de la Justice",
             "15/12/2025", "31/12/2025", ""] for n in range(12_000)]
    wizard = open_wizard(main_window, qtbot, tracker(tmp_path / "grand.csv", rows))
    check = through_the_check(wizard, qtbot, tmp_path / "grand.csv")
    assert "would import 12000 questions" in check.report.toPlainText()
    next_page(wizard, qtbot)
    cancel = wizard.button(QWizard.WizardButton.CancelButton)
    assert cancel.isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)  # before the first batch of 5,000 is written
    assert wizard.isVisible()  # the wizard stays to say what happened
    qtbot.waitUntil(lambda: wizard.run_page.result is not None, timeout=60_000)
    assert wizard.run_page.result_label.text() == "Import cancelled: no questions were added."
    with database.read_session() as session:
        assert session.query(Question).count() == 0
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert main_window.questions_view.model.rowCount() == 0
