"""Make strings storable: DuckDB, hashing and JSON need valid Unicode without NULs.

A lone surrogate (from a JSON `\\ud800` escape, or a Python caller) becomes U+FFFD and
a NUL becomes a space: one character for one, so offsets into the text stay valid.
"""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import TypeVar

from ..records import Document, Rejected

_BAD = re.compile("[\x00\ud800-\udfff]")
R = TypeVar("R", Document, Rejected)


def storable_text(value: str) -> str:
    if not _BAD.search(value):
        return value
    return _BAD.sub(lambda m: " " if m.group() == "\x00" else "\ufffd", value)


def storable(record: R) -> R:
    """The record with every string field made storable (the same object when nothing changes)."""
    changes = {}
    for f in fields(record):
        value = getattr(record, f.name)
        if isinstance(value, str) and _BAD.search(value):
            changes[f.name] = storable_text(value)
    return replace(record, **changes) if changes else record
