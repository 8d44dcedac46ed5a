"""Datelines (`MOSCOW —`, `WASHINGTON (Reuters) -`, `BUFFALO, N.Y. (AP) —`) and bylines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_lines


@cache
def _wire_alternation() -> str:
    names = sorted(lexicon_lines("wire_services.txt"), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


# A place in capitals (words of capitals, dots, apostrophes, hyphens), optionally
# followed by ", State" in any case ("N.Y.", "Calif.", "Texas"), an optional agency in
# parentheses, and a dash or colon. Dates sometimes sit between place and dash.
@cache
def _dateline_re() -> re.Pattern[str]:
    place = r"(?P<place>[A-Z][A-Z.'\-]*(?:[ ][A-Z][A-Z.'\-]*){0,4}(?:,[ ][A-Z][A-Za-z.]*(?:[ ][A-Z][A-Za-z.]*)?){0,2})"
    agency = rf"(?:[ ]?\((?P<agency>{_wire_alternation()})\))?"
    when = r"(?:,?[ ](?:[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?|\d{1,2}[ ][A-Z][a-z]{2,8}))?"
    dash = r"[ ]?(?:—|–|--|-|:)[ ]?"
    return re.compile(rf"^{place}{agency}{when}{dash}(?=\S)")


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str
    place_start: int  # offsets into the line
    place_end: int
    body_start: int  # where the body text begins after the dash


def parse_dateline(line: str) -> Dateline | None:
    """The dateline at the start of a body line, if any."""
    m = _dateline_re().match(line)
    if not m:
        return None
    place = m.group("place").rstrip(",")
    # One capitalised word followed by a hyphen is usually just prose ("OK - so").
    letters = re.sub(r"[^A-Za-z]", "", place.split(",")[0])
    if len(letters) < 2 or not letters.isupper():
        return None
    return Dateline(place=place, place_start=m.start("place"), place_end=m.start("place") + len(place),
                    body_start=m.end())


_NAME = r"[A-Z][\w.'’\-]+(?:[ ][A-Z][\w.'’\-]+){0,3}"
_BY_RE = re.compile(rf"^\s*(?:by|written by|words by)[ :]+(?P<names>{_NAME}(?:(?:,[ ]|[ ]and[ ]|[ ]&[ ]){_NAME})*)"
                    rf"(?:,?[ ](?:and[ ])?(?P<org>[A-Z][\w. ]{{2,40}}))?\s*$", re.I)


@cache
def _name_agency_re() -> re.Pattern[str]:
    return re.compile(rf"^\s*(?P<names>{_NAME}(?:(?:,[ ]|[ ]and[ ]){_NAME})*),[ ](?P<org>{_wire_alternation()})\s*$")


@dataclass(frozen=True, slots=True)
class Byline:
    text: str
    authors: tuple[str, ...]


def parse_byline(line: str) -> Byline | None:
    """`By NAME[, NAME and NAME]` or `NAME, Associated Press` on a line of its own."""
    stripped = line.strip()
    if not stripped or len(stripped) > 160:
        return None
    m = _BY_RE.match(stripped)
    if m and m.group("names")[:1].isupper():
        return Byline(stripped, _split_names(m.group("names")))
    m = _name_agency_re().match(stripped)
    if m:
        return Byline(stripped, _split_names(m.group("names")))
    return None


def _split_names(names: str) -> tuple[str, ...]:
    parts = re.split(r",\s*|\s+and\s+|\s*&\s*", names)
    return tuple(p.strip() for p in parts if p.strip())
