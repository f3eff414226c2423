"""'Load sample data' as a use case, without Qt."""

from __future__ import annotations

from r2p_desktop.app.sample_data import load_sample_data


def test_load_sample_data_returns_plain_counts(database):
    counts = load_sample_data(database)
    assert counts["questions"] > 0 and all(isinstance(v, int) for v in counts.values())
