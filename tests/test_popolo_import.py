"""Members and bodies from a Popolo JSON file (as EveryPolitician publishes them): people with their other
names, birth dates that are only a year, contact details and identifiers; parties and the legislature as
bodies; memberships with party, constituency and dates. A second import changes nothing; bad files are
refused in one line and change nothing."""

from __future__ import annotations

import copy
import json

import pytest
from sqlalchemy import func, select

from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import AuditEntry, Body, BodyKind, Membership, Person
from r2p_desktop.exchange.popolo import import_people

POPOLO = {
    "persons": [
        {"id": "a1b2-ivanova", "name": "Мария Иванова", "birth_date": "1961", "gender": "female",
         "email": "m.ivanova@parliament.example",
         "other_names": [{"name": "Maria Ivanova", "lang": "en", "note": "transliteration"},
                         {"name": "ماريا إيفانوفا", "lang": "ar"}],
         "identifiers": [{"scheme": "wikidata", "identifier": "Q4115189"}],
         "contact_details": [{"type": "phone", "value": "+1 555 0100"}]},
        {"id": "c3d4-haddad", "name": "سامي حداد", "birth_date": "1975-05-02",
         "other_names": [{"name": "Sami Haddad", "lang": "en"}, {"name": "Сами Хаддад", "lang": "ru"}],
         "identifiers": [{"scheme": "wikidata", "identifier": "Q42"}]},
        {"id": "e5f6-obrien", "name": "Siobhán O’Brien", "birth_date": "1980-11",
         "identifiers": [{"scheme": "wikidata", "identifier": "Q1"}]},
    ],
    "organizations": [
        {"id": "legislature", "name": "National Assembly", "classification": "legislature"},
        {"id": "party/unity", "name": "Unity Party", "classification": "party"},
        {"id": "party/green", "name": "Зелёная партия", "classification": "party"},
    ],
    "areas": [{"id": "area/north", "name": "North District", "type": "constituency"},
              {"id": "area/coast", "name": "Coast’s District", "type": "constituency"}],
    "memberships": [
        {"id": "m1", "person_id": "a1b2-ivanova", "organization_id": "legislature", "role": "member",
         "on_behalf_of_id": "party/green", "area_id": "area/north", "start_date": "2012-09-18",
         "end_date": "2016-09-17"},
        {"id": "m2", "person_id": "a1b2-ivanova", "organization_id": "legislature", "role": "member",
         "on_behalf_of_id": "party/unity", "area_id": "area/north", "start_date": "2016-09-18"},
        {"id": "m3", "person_id": "c3d4-haddad", "organization_id": "legislature", "role": "member",
         "on_behalf_of_id": "party/unity", "area_id": "area/coast", "start_date": "2016"},
    ],
}


def _write(tmp_path, data, name="people.json"):
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _counts(database):
    with database.read_session() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Person, Body, Membership, AuditEntry))


def test_members_parties_and_memberships_come_in_with_their_names_as_written(database, tmp_path):
    with database.session() as session:
        report = import_people(session, _write(tmp_path, POPOLO))
    assert (report.people_created, report.bodies_created, report.memberships_created) == (3, 3, 3)
    with database.read_session() as session:
        ivanova = session.scalar(select(Person).where(Person.popolo_id == "a1b2-ivanova"))
        assert ivanova.full_name == "Мария Иванова"
        assert ivanova.birth_date == "1961"
        assert {"name": "ماريا إيفانوفا", "lang": "ar", "note": ""} in ivanova.other_names
        assert {"scheme": "wikidata", "identifier": "Q4115189"} in ivanova.identifiers
        assert ivanova.contact == [{"type": "email", "value": "m.ivanova@parliament.example"},
                                   {"type": "phone", "value": "+1 555 0100"}]
        # The current membership (no end date) gives the party and constituency the views show.
        assert (ivanova.party, ivanova.constituency) == ("Unity Party", "North District")
        haddad = session.scalar(select(Person).where(Person.popolo_id == "c3d4-haddad"))
        assert haddad.full_name == "سامي حداد"
        assert haddad.constituency == "Coast’s District"
        assert session.scalar(select(Person.full_name).where(Person.popolo_id == "e5f6-obrien")) == "Siobhán O’Brien"
        kinds = dict(session.execute(select(Body.name, Body.kind)).all())
        assert kinds == {"National Assembly": BodyKind.LEGISLATURE, "Unity Party": BodyKind.PARTY,
                         "Зелёная партия": BodyKind.PARTY}
        first = session.scalar(select(Membership).where(Membership.popolo_id == "m1"))
        green = session.scalar(select(Body.id).where(Body.name == "Зелёная партия"))
        assert (first.person_id, first.party_id, first.constituency, first.start_date, first.end_date) == (
            ivanova.id, green, "North District", "2012-09-18", "2016-09-17")


def test_a_second_import_of_the_same_file_changes_nothing(database, tmp_path):
    path = _write(tmp_path, POPOLO)
    with database.session() as session:
        import_people(session, path)
    before = _counts(database)
    with database.session() as session:
        report = import_people(session, path)
    assert _counts(database) == before  # no new rows, no audit entries
    assert (report.people_created, report.people_updated, report.memberships_created,
            report.memberships_updated) == (0, 0, 0, 0)


def test_a_changed_name_updates_the_person_found_by_their_identifiers(database, tmp_path):
    with database.session() as session:
        import_people(session, _write(tmp_path, POPOLO))
    changed = copy.deepcopy(POPOLO)
    changed["persons"][2]["name"] = "Siobhán O’Brien-Walsh"
    changed["persons"][2]["id"] = "new-id-for-obrien"  # another publisher's id: found by Wikidata
    changed["memberships"] = []
    people, bodies, _memberships, entries = _counts(database)
    with database.session() as session:
        report = import_people(session, _write(tmp_path, changed, "changed.json"))
    assert report.people_updated == 1
    with database.read_session() as session:
        assert session.scalar(select(Person.full_name).where(Person.popolo_id == "new-id-for-obrien")) == \
            "Siobhán O’Brien-Walsh"
    after = _counts(database)
    assert after[:2] == (people, bodies)
    with database.read_session() as session:  # the update is in the audit trail, field by field
        fields = session.scalars(select(AuditEntry.field).where(AuditEntry.id > entries)).all()
    assert sorted(fields) == ["full_name", "popolo_id"]


def _refused(database, tmp_path, content: bytes, name="bad.json") -> str:
    path = tmp_path / name
    path.write_bytes(content)
    before = _counts(database)
    with pytest.raises(R2PError) as refused, database.session() as session:
        import_people(session, path)
    assert _counts(database) == before
    message = str(refused.value)
    assert "\n" not in message
    return message


def test_bad_files_are_refused_in_one_line_naming_the_problem(database, tmp_path):
    assert "not a Popolo file" in _refused(database, tmp_path, b'{"people": []}')
    nameless = copy.deepcopy(POPOLO)
    del nameless["persons"][2]["name"]
    assert "persons[2]: has no name" in _refused(database, tmp_path, json.dumps(nameless).encode())
    assert "line 2, column" in _refused(database, tmp_path, b'{"persons": [\n  {"id": "x",, }]}')
    assert "not UTF-8" in _refused(database, tmp_path, json.dumps(POPOLO, ensure_ascii=False).encode("utf-16"))
    year = copy.deepcopy(POPOLO)
    year["persons"][0]["birth_date"] = "sixty-one"
    assert "persons[0]: birth_date" in _refused(database, tmp_path, json.dumps(year).encode())


def test_a_file_over_the_limit_is_refused_before_it_is_read(database, tmp_path, monkeypatch):
    from r2p_desktop.exchange import popolo

    monkeypatch.setattr(popolo, "MAX_BYTES", 100)
    assert "larger than" in _refused(database, tmp_path, json.dumps(POPOLO).encode())


def test_the_command_imports_a_popolo_file_and_a_dry_run_changes_nothing(r2p, tmp_path):
    path = _write(tmp_path, POPOLO)
    dry = r2p("import", "people", str(path), "--dry-run")
    assert dry.code == 0, dry.err
    assert "Would create 3 people, 3 bodies and 3 memberships" in dry.out
    done = r2p("import", "people", str(path))
    assert "Created 3 people, 3 bodies and 3 memberships" in done.out
    again = r2p("import", "people", str(path))
    assert "Created 0 people" in again.out and "6 unchanged" in again.out
    bad = tmp_path / "bad.json"
    bad.write_text('{"persons": [{"id": "x"}]}', encoding="utf-8")
    refused = r2p("import", "people", str(bad))
    assert refused.code != 0 and "persons[0]: has no name" in refused.err
    assert r2p("check").code == 0
