"""Many rows into one table at the driver's speed: one executemany of plain tuples, each value bound as
its column's type binds it (a date as ISO text, a list as JSON, an enum as its value), which is what
SQLAlchemy's Core executemany does for every row, here worked out once a table. For bulk imports and
the audit trail, where building Core's parameters took three times as long as SQLite took to insert."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Dialect, Table
from sqlalchemy.orm import Session

from .values import Values

_Binder = tuple[int, Callable[[Any], Any]]  # a column's position in the row, and how its value is bound


@cache
def _binders(table: Table, dialect: Dialect, names: tuple[str, ...]) -> tuple[str, tuple[_Binder, ...]]:
    """The INSERT of `names` into `table`, and the position and binder of each column that has one."""
    columns = ", ".join(f'"{name}"' for name in names)
    statement = f'INSERT INTO "{table.name}" ({columns}) VALUES ({", ".join("?" for _ in names)})'
    binders = ((position, table.c[name].type.dialect_impl(dialect).bind_processor(dialect))
               for position, name in enumerate(names))
    return statement, tuple((position, bind) for position, bind in binders if bind is not None)


def insert_rows(session: Session, table: Table, rows: Sequence[Values]) -> None:
    """Insert `rows`, each with the same columns, in the session's transaction."""
    if not rows:
        return
    names = tuple(rows[0])
    statement, binders = _binders(table, session.get_bind().dialect, names)
    values = []
    for row in rows:
        value = [row[name] for name in names]
        for position, bind in binders:
            if value[position] is not None:
                value[position] = bind(value[position])
        values.append(tuple(value))
    session.connection().exec_driver_sql(statement, values)
