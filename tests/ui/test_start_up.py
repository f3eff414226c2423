"""`r2p-desktop` start-up: no display, a database that cannot be opened, and the self-test."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox

from r2p_desktop import __main__ as start


@pytest.fixture
def no_message_boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: shown.append(args[2]))
    return shown


def test_without_a_display_it_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(start.sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert start.main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("R2P Desktop needs a display: ")
    assert err.count("\n") == 1


def test_a_file_that_is_not_a_database_gives_one_clear_line(tmp_path, capsys, no_message_boxes):
    bogus = tmp_path / "minutes.sqlite"
    bogus.write_bytes(b"These are the minutes of the committee, not a database." * 100)
    assert start.main(["--db", str(bogus)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("r2p-desktop: ") and str(bogus) in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert no_message_boxes and str(bogus) in no_message_boxes[0]


def test_unknown_options_are_refused(capsys):
    with pytest.raises(SystemExit):
        start.main(["--dbb", "x.sqlite"])
    assert "unrecognised arguments: --dbb" in capsys.readouterr().err


def test_self_test_passes(qapp, capsys):
    assert start.main(["--self-test"]) == 0
    assert "self-test passed" in capsys.readouterr().out


def test_importing_the_start_up_module_does_no_work():
    import subprocess
    import sys

    code = ("import sys, r2p_desktop.__main__; "
            "print(sorted(m for m in ('PySide6', 'sqlalchemy', 'reportlab') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
