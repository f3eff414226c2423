"""Finding the shipped files and the user's data, in a checkout and in a frozen bundle."""

from __future__ import annotations

import sys

import pytest

from r2p_desktop import paths


@pytest.fixture
def fresh_lookup():
    paths._shipped_root.cache_clear()
    yield
    paths._shipped_root.cache_clear()


def test_a_source_checkout_finds_the_catalogue_and_migrations(fresh_lookup):
    assert paths.resource("catalogue", "commitments.toml").is_file()
    assert (paths.migrations_dir() / "versions").is_dir()


def test_a_frozen_bundle_reads_its_own_copy(fresh_lookup, tmp_path, monkeypatch):
    (tmp_path / "resources" / "catalogue").mkdir(parents=True)
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "env.py").write_text("")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resource("catalogue") == tmp_path / "resources" / "catalogue"
    assert paths.migrations_dir() == tmp_path / "db"


def test_the_data_folder_and_database_follow_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("R2P_DATA_DIR", str(tmp_path / "committee-data"))
    assert paths.data_dir() == tmp_path / "committee-data"
    assert paths.data_dir().is_dir()
    assert paths.default_database() == str(tmp_path / "committee-data" / "r2p.sqlite")
    monkeypatch.setenv("R2P_DB", str(tmp_path / "shared.sqlite"))
    assert paths.default_database() == str(tmp_path / "shared.sqlite")
