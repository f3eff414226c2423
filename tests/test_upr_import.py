"""Importing the UPR Info database export as real ones come: MacRoman with CR-only lines from old Mac
Excel, UTF-8 with a byte order mark, Windows-1252, UTF-16; one State kept with --state; a file that is not
an export refused in one line; unknown responses named by row; a second import adds nothing twice."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import Recommendation
from r2p_desktop.exchange.table_file import decode
from r2p_desktop.exchange.upr_info import import_recommendations

HEADER = "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session"
ROWS = (
    'Ghana,African Group,,Ratify the Rome Statute’s amendments on aggression,Côte d’Ivoire,African Group,AU,'
    'Supported,5,"Justice, International instruments",UPR 14',
    'Ghana,,,Appoint a national focal point for atrocity prevention,Norway,WEOG,,Noted,4,Institutions,14',
    'Togo,,,Abolish the death penalty,España,WEOG,EU,Rejected,5,Death penalty,14',
    'Ghana,,,"Adopt a law on hate speech, with safeguards",Brazil,GRULAC,,Partially accepted,3,,13',
)


def export(tmp_path, text: str, encoding: str, newline: str, name: str = "upr.csv"):
    path = tmp_path / name
    path.write_bytes(text.replace("\n", newline).encode(encoding))
    return path


def stored(session) -> list[Recommendation]:
    return list(session.scalars(select(Recommendation).order_by(Recommendation.id)))


def test_a_macroman_file_with_cr_only_lines_is_read_with_its_accents(session, tmp_path):
    path = export(tmp_path, "\n".join((HEADER, *ROWS)) + "\n", "mac_roman", "\r")
    assert b"\n" not in path.read_bytes() and b"\x99" in path.read_bytes()  # ô is 0x99 in MacRoman
    report = import_recommendations(session, path, state="ghana")
    assert (report.errors, report.imported, report.other_states, report.encoding) == ([], 3, 1, "MacRoman")
    first, second, third = stored(session)
    assert first.recommended_by == "Côte d’Ivoire"
    assert first.text == "Ratify the Rome Statute’s amendments on aggression"
    assert (first.state, first.cycle, first.response, first.action_category) == ("Ghana", "14", "accepted", 5)
    assert first.themes == ["International instruments", "Justice"] and first.mechanism == "upr"
    assert (second.response, second.implementation) == ("noted", "not_started")
    assert (third.text, third.cycle, third.response) == ("Adopt a law on hate speech, with safeguards", "13",
                                                         "partially_accepted")


def test_a_utf8_file_with_a_byte_order_mark_and_crlf_lines(session, tmp_path):
    path = export(tmp_path, "\n".join((HEADER, *ROWS)) + "\n", "utf-8-sig", "\r\n")
    report = import_recommendations(session, path)
    assert (report.errors, report.imported, report.encoding) == ([], 4, "UTF-8 with a byte-order mark")
    assert [r.recommended_by for r in stored(session)] == ["Côte d’Ivoire", "Norway", "España", "Brazil"]
    assert stored(session)[2].response == "noted"  # the UPR's "rejected" is noted today


def test_a_windows_1252_file_is_told_from_macroman_by_its_line_endings(session, tmp_path):
    path = export(tmp_path, "\n".join((HEADER, *ROWS)) + "\n", "cp1252", "\r\n")
    report = import_recommendations(session, path)
    assert (report.errors, report.encoding) == ([], "Windows-1252")
    assert stored(session)[0].recommended_by == "Côte d’Ivoire"


def test_a_utf16_export_separated_by_tabs_is_read():
    text = "\n".join(line.replace(",", "\t") for line in (HEADER, "Ghana\t\t\tProtect journalists\tPerú"))
    assert decode(text.encode("utf-16")) == (text, "UTF-16")
    assert decode(text.encode("utf-16-le")) == (text, "UTF-16")


def test_a_file_that_is_not_an_export_is_refused_in_one_line_naming_the_missing_columns(session, tmp_path):
    path = export(tmp_path, "reference,title,Text,From\nWQ 1,Early warning,x,y\n", "utf-8", "\r\n",
                  name="questions.csv")
    with pytest.raises(R2PError) as refusal:
        import_recommendations(session, path)
    assert str(refusal.value).startswith("questions.csv: row 1: the columns To, Response, Session are missing;")
    assert "\n" not in str(refusal.value) and stored(session) == []


def test_unknown_responses_and_categories_are_named_by_row_and_nothing_is_imported(session, tmp_path):
    rows = (*ROWS[:2], ROWS[2].replace("Rejected", "Under review"), ROWS[3].replace(",3,", ",7,"))
    path = export(tmp_path, "\n".join((HEADER, *rows)) + "\n", "utf-8", "\n")
    report = import_recommendations(session, path)
    assert report.errors == [
        "row 4, column Response: 'Under review' is not a response this import knows (Supported, Accepted, "
        "Partially accepted, Noted, Rejected, Pending or empty)",
        "row 5, column Action: '7' is not a category of action from 1 to 5",
    ]
    assert stored(session) == []


def test_importing_again_adds_nothing_twice_and_says_which_rows_were_there(session, tmp_path):
    path = export(tmp_path, "\n".join((HEADER, *ROWS)) + "\n", "utf-8", "\n")
    assert import_recommendations(session, path, state="Ghana").imported == 3
    again = export(tmp_path, "\n".join((HEADER, *ROWS, ROWS[1].replace("  ", " "))) + "\n", "utf-8", "\n",
                   name="again.csv")
    report = import_recommendations(session, again)
    ids = [r.id for r in stored(session)]
    assert report.imported == 1  # Togo's, left out the first time
    assert report.already_present == [f"row 2: already recorded (recommendation #{ids[0]})",
                                      f"row 3: already recorded (recommendation #{ids[1]})",
                                      f"row 5: already recorded (recommendation #{ids[2]})",
                                      f"row 6: already recorded (recommendation #{ids[1]})"]


def test_a_state_no_row_is_addressed_to_is_named_with_the_states_of_the_file(session, tmp_path):
    path = export(tmp_path, "\n".join((HEADER, *ROWS)) + "\n", "utf-8", "\n")
    report = import_recommendations(session, path, state="Veloria")
    assert report.errors == ["no row is addressed to Veloria; the file's States are: Ghana, Togo"]


def test_the_command_imports_one_state_and_a_dry_run_writes_nothing(r2p, tmp_path):
    path = export(tmp_path, "\n".join((HEADER, *ROWS)) + "\n", "mac_roman", "\r")
    result = r2p("import", "recommendations", str(path), "--state", "Ghana", "--dry-run")
    assert result.code == 0
    assert "Would import 3 recommendations (read as MacRoman)." in result.out
    assert "Left out 1 row addressed to another State." in result.out
    assert r2p("search", "aggression").out.count("Recommendations") == 0
    assert r2p("import", "recommendations", str(path), "--state", "Ghana").code == 0
    assert "Recommendations (1)" in r2p("search", "aggression").out
    second = r2p("import", "recommendations", str(path), "--state", "Ghana")
    assert "Imported 0 recommendations" in second.out and "3 already recorded, not added again:" in second.out
    wrong = export(tmp_path, "a,b\n1,2\n", "utf-8", "\n", name="wrong.csv")
    refused = r2p("import", "recommendations", str(wrong))
    assert refused.code != 0 and "wrong.csv: row 1, column 'a' is not a column of recommendations" in refused.err
