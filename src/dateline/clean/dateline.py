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
    # A bare hyphen or colon needs a space after it: "NATO-member Norway" is no dateline.
    dash = r"(?:[ ]?(?:—|–|--)[ ]?|[ ]?[-:][ ])"
    # "LONDON (Reuters) -", "LONDON, Jan 5 (Reuters) -", "LONDON (Reuters) Jan 5 -"
    return re.compile(rf"^{place}(?:{agency}{when}|{when.replace('(?:,?', '(?:,', 1)}{agency.replace('agency', 'agency2')}){dash}(?=\S)")


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
    if len(letters) < 3 or not letters.isupper():  # "OK - so", "AI - the"
        return None
    return Dateline(place=place, place_start=m.start("place"), place_end=m.start("place") + len(place),
                    body_start=m.end())


_BY_PREFIX = re.compile(r"^(?:(?:posted|published|updated)(?: on)?\b[^|]{0,40}?[ ](?=by\b))?"
                        r"(?:by|written by|words by|reporting by|story by|text by|report by)\b[ :]*", re.I)
_PARTICLES = frozenset("de da del della di du dos das van von der den ter le la bin ibn al el y e".split())
_ROLE = re.compile(r"(?:,?[ ](?:(?:senior|chief|staff|special|national|political|foreign|business|sports)[ ])*"
                   r"(?:writer|reporter|correspondent|editor|columnist|contributor|journalist))+$", re.I)
_ORG_SEP = re.compile(r"[ ]*(?:\||[ ]-[ ]|[ ]—[ ]|[ ]–[ ]|/)[ ]*")
_NAME_SPLIT = re.compile(r"[ ]*,[ ]*(?:and[ ]+)?|[ ]+and[ ]+|[ ]*&[ ]*")


@cache
def _wires() -> frozenset[str]:
    return frozenset(n.casefold() for n in lexicon_lines("wire_services.txt"))


def _is_name(text: str) -> bool:
    """Capitalised words (initials, hyphens, apostrophes allowed), at most five, particles aside."""
    words = text.split()
    if not 1 <= len(words) <= 5:
        return False
    for w in words:
        if w.casefold() in _PARTICLES:
            continue
        if not re.fullmatch(r"[A-Z\u00C0-\u00DE][\w.'’\-]*", w) or any(ch.isdigit() for ch in w):
            return False
    return not words[0].casefold() in _PARTICLES


@dataclass(frozen=True, slots=True)
class Byline:
    text: str
    authors: tuple[str, ...]


def _names(rest: str) -> tuple[str, ...] | None:
    rest = _ROLE.sub("", rest.strip().rstrip("."))
    rest = _ORG_SEP.split(rest)[0]  # "Jane Doe | The Coast Times"
    wires = _wires()
    for wire in sorted(wires, key=len, reverse=True):  # "Jane Doe Associated Press"
        if rest.casefold().endswith(" " + wire) and len(rest) > len(wire) + 1:
            rest = rest[: -len(wire) - 1].rstrip(" ,")
            break
    parts = [p for p in _NAME_SPLIT.split(rest) if p]
    if not parts or not all(_is_name(p) for p in parts):
        return None
    people = [p for p in parts if p.casefold() not in wires]
    return tuple(people or parts)


def parse_byline(line: str) -> Byline | None:
    """`By NAME[, NAME and NAME][, Org]`, `By NAME | Org` or `NAME, Associated Press` on a line of its own."""
    stripped = line.strip()
    if not stripped or len(stripped) > 160:
        return None
    m = _BY_PREFIX.match(stripped)
    if m:
        names = _names(stripped[m.end():])
        return Byline(stripped, names) if names else None
    head, sep, tail = stripped.rpartition(",")
    if sep and tail.strip().casefold() in _wires():
        names = _names(head)
        if names:
            return Byline(stripped, names)
    return None
