"""Heuristics kept as data. `load_*` helpers read the files once per process."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources


def lexicon_lines(name: str) -> list[str]:
    """Non-empty, non-comment lines of a lexicon file in this package."""
    text = resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]


@cache
def lexicon_rows(name: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a lexicon file."""
    return tuple(tuple(col.strip() for col in ln.split("\t")) for ln in lexicon_lines(name))


@cache
def lexicon_set(name: str) -> frozenset[str]:
    """A lexicon file of single entries, case-folded."""
    return frozenset(ln.strip().casefold() for ln in lexicon_lines(name))


@cache
def lexicon_patterns(name: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """`label<TAB>regex` rows compiled case-insensitively."""
    return tuple((row[0], re.compile(row[1], re.I)) for row in lexicon_rows(name))
