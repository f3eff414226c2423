"""Briefing packs read back with pypdf: what a member would look for is there, and nothing else."""

from __future__ import annotations

import subprocess
import sys

import pytest
from briefing_helpers import SECRET, body_text, has_words, pdf_text, squeeze
from pypdf import PdfReader
from reportlab import rl_config

from r2p_desktop.core.errors import NotFoundError, R2PError
from r2p_desktop.reports import ExportCancelled, PackOptions, export_pack, preview
from r2p_desktop.reports.text import font_path

SECTIONS = ["Key points", "Executive summary", "Agenda", "Commitments scorecard", "Recommendations scorecard",
            "Treaty status", "Atrocity risk assessment", "Since the last debate", "Questions since the previous debate",
            "Budget lines",
            "Government undertakings", "Follow-ups still open", "Documents for the debate", "Annex: index of questions",
            "Glossary"]


@pytest.fixture
def invariant(monkeypatch):
    monkeypatch.setattr(rl_config, "invariant", 1)


def export(database, tmp_path, name="pack.pdf", **options):
    result = export_pack(database, PackOptions(**options), tmp_path / name)
    return result, pdf_text(result.path)


def test_committee_pack_has_the_records_answers_and_sections(database, record, tmp_path):
    result, text = export(database, tmp_path, debate_id=record["debate"])
    for expected in ["Select Committee on Prevention", "Annual debate briefing pack", "Annual R2P debate",
                     "Public question on early warning", "Public answer about the early-warning unit.",
                     f"Committee answer {SECRET} two", f"Assessment evidence {SECRET} three",
                     "Public undertaking to publish the assessment", "COMMITTEE IN CONFIDENCE", *SECTIONS]:
        assert squeeze(expected) in squeeze(text), expected
    assert "RESTRICTED-MARKER" not in text  # a committee pack leaves out restricted records
    assert [title for title, _ in result.sections] == SECTIONS
    assert f"Page2of{result.pages}" in squeeze(text) and f"Page{result.pages}of{result.pages}" in squeeze(text)


def test_public_pack_leaks_no_confidential_text_wherever_it_is_linked(database, record, tmp_path):
    counts = dict(preview(database, PackOptions(debate_id=record["debate"], audience="public")))
    _, text = export(database, tmp_path, debate_id=record["debate"], audience="public")
    assert SECRET not in text and "RESTRICTED-MARKER" not in text
    assert squeeze("Public undertaking arising from a confidential question") in squeeze(text)
    assert "WQ-3" not in text and "WQ-4" not in text  # not even the references of hidden questions
    assert counts["Questions since the previous debate"] == 2 and counts["Executive summary"] == 2
    assert counts["Budget lines"] == 1
    assert "PUBLIC" in text and "COMMITTEE IN CONFIDENCE" not in text


def test_user_text_prints_literally_and_in_every_script(database, record, tmp_path):
    from r2p_desktop.core.models import Question

    russian, chinese = "Доклад о предупреждении зверств", "保护责任年度辩论"
    arabic = "مجلس النواب يراقب الحكومة"
    markup = 'Fish & <b>chips</b> </para> <a href="http://x">link</a> <img src="x.png"/> a<b'
    with database.session() as s:
        question = s.get(Question, record["public_q"])
        question.title, question.question_text = markup, f"{russian} {chinese}"
        question.answer_text = f"{arabic}\n\nFrançais: été, Español: años"
        s.commit()
    _, text = export(database, tmp_path, debate_id=record["debate"])
    for expected in (markup, russian, chinese, "Français: été, Español: años"):
        assert squeeze(expected) in squeeze(text), expected
    # The PDF holds Arabic as joined presentation forms laid out right to left (HarfBuzz shapes them).
    assert "\ufee3" in text  # meem in its initial form: the letters are joined, not isolated
    assert has_words(arabic, text)


def test_a_100000_character_answer_splits_across_pages(database, record, tmp_path):
    from r2p_desktop.core.models import Question

    answer = "START " + " ".join(f"word{n}" for n in range(14_000)) + " END"
    answer = answer[:99_990] + " FINISH"
    with database.session() as s:
        s.get(Question, record["public_q"]).answer_text = answer
        s.commit()
    result, _ = export(database, tmp_path, pack="questions")
    assert len(answer) >= 99_990 and result.pages > 20
    assert squeeze(answer) in body_text(result.path)


def test_cancelled_export_leaves_the_old_file_as_it_was(database, record, tmp_path):
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the previous pack")
    calls = []
    with pytest.raises(ExportCancelled):
        export_pack(database, PackOptions(), target, cancelled=lambda: len(calls) > 3 or calls.append(1))
    assert target.read_bytes() == b"the previous pack"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".pack.pdf")] == []


def test_a_question_deleted_while_the_pack_is_laid_out_is_gone_from_the_file_at_once(database, record, tmp_path):
    """The export reads the record, then closes its session: the layout (tens of seconds for a large
    record) holds no read that would keep a delete's text in the file."""
    from r2p_desktop.core.models import Question
    from r2p_desktop.core.services import records

    marker = "Qwyx-informant-Tallberg-5520"
    with database.session() as s:
        doomed = records.create(s, Question, {"title": "Informant", "notes": f"Names {marker}."})
        s.commit()
    files = [database.path, database.path.with_name(database.path.name + "-wal")]
    copies_left = []

    def delete_during_layout() -> bool:
        if not copies_left and list(tmp_path.glob(".pack.pdf.*.partial")):  # the layout has begun
            with database.session() as s:
                records.delete(s, Question, doomed)
                s.commit()
            copies_left.append(sum(f.read_bytes().count(marker.encode()) for f in files if f.exists()))
        return False

    export_pack(database, PackOptions(debate_id=record["debate"]), tmp_path / "pack.pdf",
                cancelled=delete_during_layout)
    assert copies_left == [2]  # only in the audit trail's insert and delete entries


@pytest.mark.slow
def test_same_data_gives_the_same_bytes_in_invariant_mode(database, record, tmp_path, invariant):
    first, _ = export(database, tmp_path, "one.pdf", debate_id=record["debate"])
    second, _ = export(database, tmp_path, "two.pdf", debate_id=record["debate"])
    assert first.path.read_bytes() == second.path.read_bytes()


def test_page_count_bookmarks_metadata_and_paper(database, record, tmp_path):
    result, _ = export(database, tmp_path, debate_id=record["debate"], paper="letter")
    reader = PdfReader(str(result.path))
    assert len(reader.pages) == result.pages > 14  # cover, contents, 13 sections (the scorecard: several pages)
    assert [float(x) for x in reader.pages[0].mediabox[2:]] == [612, 792]
    top = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top == ["Contents", *SECTIONS]
    nested = [item.title for item in reader.outline if isinstance(item, list) for item in item]
    assert "Answered (2)" in nested and "Tabled (1)" in nested and "1. Opening statement" in nested
    meta = reader.metadata
    assert meta.author == "Select Committee on Prevention" and "Annual debate briefing pack" in meta.title
    assert meta.subject and meta.creator == "R2P Desktop"
    everything = " ".join(str(value) for value in meta.values())
    assert "test-clerk" not in everything and str(tmp_path) not in everything
    fonts = {font["/BaseFont"] for page in reader.pages for font in page["/Resources"]["/Font"].values()}
    assert all("+" in name for name in fonts)  # every font is an embedded subset


@pytest.mark.parametrize("pack", ["questions", "follow-ups", "budget"])
def test_other_packs_export_with_progress(database, record, tmp_path, pack):
    seen = []
    result = export_pack(database, PackOptions(pack=pack), tmp_path / f"{pack}.pdf",
                         progress=lambda done, total, message: seen.append((done, total)))
    assert result.pages >= 3 and seen and seen[-1][0] == seen[-1][1]
    assert f"Page2of{result.pages}" in squeeze(pdf_text(result.path))


def test_a_missing_font_names_the_debian_package():
    with pytest.raises(R2PError, match="fonts-wqy-microhei"):
        font_path("no-such-font.ttc", "/nonexistent", "fonts-wqy-microhei")


def test_importing_the_package_does_not_load_reportlab():
    code = "import sys, r2p_desktop.reports; print('reportlab' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "False"


def test_command_line_export(r2p, database, record, tmp_path):
    out = tmp_path / "cli.pdf"
    result = r2p("export", "briefing", "--out", str(out), "--audience", "public", "--debate", str(record["debate"]))
    assert result.code == 0 and out.exists() and "pages" in result.out
    assert SECRET not in pdf_text(out)
    bad = r2p("export", "briefing", "--out", str(out), "--debate", "999")
    assert bad.code == 1 and bad.err.count("\n") == 1 and "no debate with id 999" in bad.err


def test_command_line_writes_the_pack_asked_for(r2p, database, record, tmp_path):
    out = tmp_path / "budget.pdf"
    result = r2p("export", "briefing", "--pack", "budget", "--out", str(out))
    assert result.code == 0 and "Allocations by scope" in result.out
    assert "Budget brief" in PdfReader(str(out)).metadata.title
    unknown = r2p("export", "briefing", "--pack", "minutes", "--out", str(tmp_path / "minutes.pdf"))
    assert unknown.code == 2 and "--pack" in unknown.err and "'minutes'" in unknown.err
    old = r2p("export", "briefing", "--kind", "budget", "--out", str(tmp_path / "old.pdf"))
    assert old.code == 2 and "--kind" in old.err
    assert not (tmp_path / "minutes.pdf").exists() and not (tmp_path / "old.pdf").exists()


def test_an_unknown_pack_is_refused_naming_the_packs_there_are():
    with pytest.raises(R2PError) as refused:
        PackOptions(pack="minutes").check()
    assert str(refused.value) == ("pack must be one of debate, questions, follow-ups, budget, recommendations, "
                                  "undertakings, risk, documents (not 'minutes')")


def test_without_a_debate_the_debate_pack_says_to_choose_another_pack(database, tmp_path):
    out = tmp_path / "pack.pdf"
    with pytest.raises(NotFoundError) as refused:
        export_pack(database, PackOptions(), out)
    assert str(refused.value) == "there is no debate to brief for; add one or choose another pack"
    assert not out.exists()
    assert export_pack(database, PackOptions(pack="questions"), out).pages >= 1
