"""The one shape in which records travel between the services and their callers as plain data."""

from __future__ import annotations

from typing import Any, TypeAlias

Values: TypeAlias = dict[str, Any]
"""A record's fields by column name: what a form hands a service, what a listing returns per row, what
the audit trail snapshots. The values are of as many types as the columns (text, dates, ids, amounts in
minor units, lists of codes), so each reader narrows the few it computes with."""
