"""Fixtures for the data-safety tests."""

from __future__ import annotations

import subprocess

import pytest
from safety_helpers import start_writer


@pytest.fixture
def writer():
    started = []

    def start(db_path, tag: str, count: int = 0) -> subprocess.Popen:
        started.append(start_writer(db_path, tag, count))
        return started[-1]

    yield start
    for process in started:
        if process.poll() is None:
            process.kill()
        process.wait()
