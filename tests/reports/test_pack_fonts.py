"""A briefing pack prints every script with the fonts R2P Desktop ships, on a machine with no fonts of its
own (as on Windows or macOS, where Debian's font folders do not exist)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from briefing_helpers import add_question, has_words, pdf_text, squeeze
from pypdf import PdfReader

LATIN = "Français: été, Español: años"
RUSSIAN = "Доклад о предупреждении зверств"
ARABIC = "مجلس النواب يراقب الحكومة"
CHINESE = "保护责任年度辩论"


def _can_hide_system_fonts() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_hide_system_fonts(), reason="hiding the system fonts needs root and unshare -m")
def test_a_pack_in_four_scripts_needs_no_system_font(database, db_path, tmp_path):
    with database.session() as session:
        add_question(session, reference="WQ-9", title=f"{LATIN} {RUSSIAN}", text=f"{CHINESE} {LATIN}",
                     answer=f"{ARABIC}\n\n{RUSSIAN}")
        session.commit()
    database.dispose()
    empty, out = tmp_path / "no-fonts", tmp_path / "pack.pdf"
    empty.mkdir()
    export = [sys.executable, "-m", "r2p_desktop.cli", "export", "briefing", "--pack", "questions",
              "--out", str(out), "--db", str(db_path)]
    # A private mount namespace: /usr/share/fonts is an empty folder for the export and nothing else.
    script = 'mount --bind "$1" /usr/share/fonts && [ -z "$(ls -A /usr/share/fonts)" ] && shift && exec "$@"'
    run = subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(empty), *export],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr

    reader = PdfReader(str(out))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font["/FontDescriptor"].get_object()
    families = {name.split("+", 1)[-1] for name in fonts}
    assert {"DejaVuSans", "DejaVuSans-Bold", "WenQuanYiMicroHei-0"} <= families, families  # -0: the .ttc's face
    assert all("/FontFile2" in descriptor for descriptor in fonts.values())  # every font embedded in the file
    text = pdf_text(out)
    for expected in (LATIN, RUSSIAN, CHINESE):
        assert squeeze(expected) in squeeze(text), expected
    assert has_words(ARABIC, text)  # joined presentation forms, found once folded back (NFKC)
