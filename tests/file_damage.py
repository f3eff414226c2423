"""Damage a copy of a database file the way a failing disk or an interrupted copy would."""

from __future__ import annotations


def damaged_copy(source, target):
    data = bytearray(source.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 8192] = b"\xa5" * 8192
    target.write_bytes(bytes(data))
    return target
