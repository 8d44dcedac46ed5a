"""Read the parts of a matched time expression back out of its text.

Month, weekday, year, number, unit and direction words, with the values the lexicon
`time_words.tsv` gives them, and the TIMEX3 spelling of a duration.
"""

from __future__ import annotations

import re

from .timex_grammar import words

_MONTHS = {w.rstrip("."): int(v) for w, v in words("month").items()}
MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?(?!\w)", re.I)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(words("weekday")) + r")", re.I)
YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
DAY_RE = re.compile(r"(?<![\d:])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])")
_UNIT_RE = re.compile(r"\b(" + "|".join(sorted(words("unit"), key=len, reverse=True)) + r")(?:e?s)?\b", re.I)
_REL_RE = re.compile(r"\b(last|this|next|coming|past|previous|following|current|same|latest|recent|"
                     r"preceding|ago|earlier|before|from now|hence)\b", re.I)
_NUMBER_WORDS = {w: v for w, v in words("number").items() if w != "the"}
_NUM_RE = re.compile(r"(\d+(?:\.\d+)?)|\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                     sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
SMALL = {w: int(v) for w, v in _NUMBER_WORDS.items() if v.isdigit() and int(v) < 100 and " " not in w}
DECADE_WORDS = {"fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def month_of(s: str) -> int | None:
    m = MONTH_RE.search(s)
    return _MONTHS[m.group(1).lower()] if m else None


def weekday_of(s: str) -> int | None:
    m = _WEEKDAY_RE.search(s)
    return int(words("weekday")[m.group(1).lower()]) if m else None


def year_of(s: str) -> int | None:
    m = YEAR_RE.search(s)
    return int(m.group(1)) if m else None


def rel_of(s: str) -> str | None:
    s = re.sub(r"\b(?:earlier|later|early|late)\s+(?=this|last|next|in)", " ", s, flags=re.I)
    s = re.sub(r"\bthis\s+(?=past|coming)", " ", s, flags=re.I)
    m = _REL_RE.search(s)
    if not m:
        return None
    r = m.group(1).lower()
    if r in ("past", "previous", "preceding", "latest", "recent", "ago", "earlier", "before"):
        return "last"
    if r in ("coming", "following", "from now", "hence"):
        return "next"
    if r in ("current", "same"):
        return "this"
    return r


def unit_of(s: str) -> str | None:
    found = _UNIT_RE.findall(s)
    return words("unit")[found[-1].lower()] if found else None


def number_of(s: str) -> float | str | None:
    """The amount in a duration: 3, 2.5, 'X' for a vague amount, None if absent."""
    compound = re.search(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](\w+)", s, re.I)
    if compound and compound.group(2).lower() in SMALL:
        return SMALL[compound.group(1).lower()] + SMALL[compound.group(2).lower()]
    m = _NUM_RE.search(s)
    if not m:
        return None
    if m.group(1):
        n = float(m.group(1))
        if re.search(r"\d\s+1/2", s):
            n += 0.5
    else:
        v = _NUMBER_WORDS[re.sub(r"\s+", " ", m.group(2).lower())]
        if v == "X":
            return "X"
        n = float(v)
    if re.search(r"and\s+a\s+half", s, re.I):
        n += 0.5
    return n


def _fmt(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if n == int(n) else f"{n:g}"


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("TH", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def duration_value(n: float | str, unit: str) -> str:
    if unit in ("E", "C") and not isinstance(n, str):  # a decade is P10Y, two centuries P200Y
        n, unit = n * (10 if unit == "E" else 100), "Y"
    if unit == "WE":
        return f"P{_fmt(n * 2) if not isinstance(n, str) else n}D"
    if unit == "2W":
        return f"P{_fmt(n * 2) if not isinstance(n, str) else n}W"
    if isinstance(n, float) and n != int(n) and unit in _SMALLER:
        small, k = _SMALLER[unit]
        whole, part = int(n), round((n - int(n)) * k)
        if whole == 0:
            return duration_value(float(part), small)
        big = f"{whole}{unit[-1]}"
        tail = f"{part}{small[-1]}"
        if unit.startswith("T") or small.startswith("T"):
            return f"P{big}T{tail}" if not unit.startswith("T") else f"PT{big}{tail}"
        return f"P{big}{tail}"
    if unit.startswith("T"):
        return f"PT{_fmt(n)}{unit[1]}"
    return f"P{_fmt(n)}{unit}"


def year_from_words(low: str) -> int | None:
    toks = re.findall(r"[a-z]+", low)
    nums = [SMALL.get(t) for t in toks]
    if "thousand" in toks:
        rest = [v for t, v in zip(toks, nums) if v is not None and t != "two"]
        return 2000 + sum(rest)
    vals = [v for v in nums if v is not None]
    if not vals:
        return None
    century = vals[0]
    if "hundred" in toks or len(vals) == 1:
        return century * 100 + sum(vals[1:])
    return century * 100 + sum(vals[1:])
