"""Turn a matched time expression into a TIMEX3 type and value.

Each pattern rule in `lexicons/time_patterns.tsv` is handled by the function named by its
prefix (`date_md` -> `_date`). Handlers read the parts they need (month, day, year,
number, unit, weekday) back out of the matched text, and anchor relative expressions
on the publication date (`dct`); the verb's tense, read from the spaCy parse, decides
whether `Friday` or `June` is the coming or the past one. Without a `dct` they return
TIMEX3 values with X for what is unknown rather than guessing.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from . import timex_calendar as cal
from .timex_context import Context
from .timex_grammar import season_months, words
from .timex_parts import (DAY_RE, DECADE_WORDS, MONTH_RE, POD, YEAR_RE, duration_value, month_of, number_of,
                          rel_of, unit_of, weekday_of, year_from_words, year_of)

# --- handlers: (matched text, start, end, ctx) -> (type, value) or None to drop ------------


def _anchor_day(s: str, start: int, end: int, ctx: Context) -> str:
    """The calendar day a clock time or part of day hangs on."""
    dct = ctx.dct
    low = s.lower()
    wd = weekday_of(s)
    if dct is None:
        return "XXXX-XX-XX" if wd is None else f"XXXX-WXX-{wd}"
    if "yesterday" in low or re.search(r"\blast\s+(night|evening)", low):
        return (dct - timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (dct + timedelta(days=1)).isoformat()
    month = month_of(s)
    day = DAY_RE.search(s, MONTH_RE.search(s).end()) if month else None
    if month and day:
        year = cal.year_for_month(dct, month, int(day.group(1)), ctx.tense(start, end))
        try:
            return date(year, month, int(day.group(1))).isoformat()
        except ValueError:
            pass
    if wd is not None:
        return cal.weekday_near(dct, wd, _weekday_direction(low, start, end, ctx)).isoformat()
    return dct.isoformat()


def _weekday_direction(low: str, start: int, end: int, ctx: Context) -> str:
    if re.search(r"\blast\b|\bpast\b", low):
        return "before"
    if re.search(r"\bnext\b|\bcoming\b", low):
        return "after"
    # "The vote closes Tuesday": a present-tense event on a weekday is a scheduled one.
    return "future" if ctx.tense(start, end) in ("future", "present") else "past"


def _date(s, start, end, ctx):
    month, year = month_of(s), year_of(s)
    rest = MONTH_RE.sub(" ", YEAR_RE.sub(" ", s)) if year else MONTH_RE.sub(" ", s)
    if month is None:
        if "/" in s or re.match(r"\d{4}-", s):
            parts = [int(x) for x in re.findall(r"\d+", s)]
            if "/" in s:
                mo, dd, yy = parts
                yy = yy + (1900 if yy >= 50 else 2000) if yy < 100 else yy
            else:
                yy, mo, dd = parts
            try:
                return "DATE", date(yy, mo, dd).isoformat()
            except ValueError:
                return None
        return None
    dm = DAY_RE.search(rest)
    if not dm:
        return None
    day = int(dm.group(1))
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        year = cal.year_for_month(ctx.dct, month, day, ctx.tense(start, end))
        wd = weekday_of(s)
        if wd is not None:  # "Monday, Oct. 26": the year in which Oct. 26 is a Monday
            year = next((y for y in (year, year + 1, year - 1) if _weekday_is(y, month, day, wd)), year)
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def _weekday_is(year: int, month: int, day: int, weekday: int) -> bool:
    try:
        return date(year, month, day).isoweekday() == weekday
    except ValueError:
        return False


def _month_handler(s, start, end, ctx):
    month = month_of(s)
    if month is None:
        return None
    year = year_of(s)
    low = s.lower()
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-{month:02d}"
        y = ctx.dct.year
        if re.search(r"\blast\s+year\b", low):
            year = y - 1
        elif re.search(r"\bnext\s+year\b", low):
            year = y + 1
        elif re.search(r"\bthis\s+year\b", low):
            year = y
        elif re.search(r"\blast\b", low):
            year = y if month < ctx.dct.month else y - 1
        elif re.search(r"\bnext\b", low):
            year = y if month > ctx.dct.month else y + 1
        elif re.search(r"\bthis\b", low):
            year = y
        else:
            year = cal.year_for_month(ctx.dct, month, None, ctx.tense(start, end))
    return "DATE", cal.month_value(year, month)


def _time(s, start, end, ctx):
    low = s.lower()
    clock = re.search(r"(\d{1,2})(?:[:.](\d\d))?\s*(?:([ap])\.?m\b|o'clock)?", low)
    day = _anchor_day(s, start, end, ctx)
    if re.search(r"\b(?:noon|midday)\b", low):
        return "TIME", f"{day}T12:00"
    if "midnight" in low:
        return "TIME", f"{day}T24:00"
    pod = [v for k, v in POD.items() if re.search(rf"\b{k}\b", low)]
    if pod and not (clock and re.search(r"\d", low)):
        return ("DATE" if weekday_of(s) else "TIME"), f"{day}T{pod[0]}"
    if not clock:
        return None
    hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    if clock.group(3) == "p" and hour < 12:
        hour += 12
    elif clock.group(3) == "a" and hour == 12:
        hour = 0
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _weekday_handler(s, start, end, ctx, rule):
    wd = weekday_of(s)
    low = s.lower()
    pod = next((v for k, v in POD.items() if re.search(rf"\b{k}s?\b", low)), None)
    if rule in ("weekday_each", "weekday_plural"):
        return "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else "")
    if ctx.dct is None:
        return "DATE", f"XXXX-WXX-{wd}"
    return "DATE", cal.weekday_near(ctx.dct, wd, _weekday_direction(low, start, end, ctx)).isoformat()


def _day(s, start, end, ctx):
    low = s.lower()
    shift = 0
    if "day before yesterday" in low:
        shift = -2
    elif "day after tomorrow" in low:
        shift = 2
    elif "yesterday" in low:
        shift = -1
    elif "tomorrow" in low:
        shift = 1
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX"
    return "DATE", (ctx.dct + timedelta(days=shift)).isoformat()


_QUARTER_TALK = re.compile(r"\bquarter|\bthree\s+months\b", re.I)


def _in_quarter_talk(s, start, end, ctx) -> bool:
    """Whether the text just around a span talks of quarters (earnings reports)."""
    return bool(_QUARTER_TALK.search(ctx.text, max(0, start - 250), min(len(ctx.text), end + 40)))


def _ago(s, start, end, ctx):
    unit = unit_of(s)
    n = number_of(s)
    low = s.lower()
    if unit is None or n is None:
        return None
    sign = 1 if re.search(r"from\s+now|hence", low) else -1
    if n == "X":
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF"
    if ctx.dct is None:
        return "DATE", "XXXX-XX-XX"
    amount = sign * int(n) if n == int(n) else None
    if amount is None or unit.startswith("T"):
        return "DATE", ctx.dct.isoformat()
    if unit == "Y" and abs(amount) == 1 and _in_quarter_talk("", start, end, ctx):
        y, q = cal.last_completed_quarter(ctx.dct)
        return "DATE", f"{y + amount}-Q{q}"
    value = cal.offset(ctx.dct, amount, unit)
    return ("DATE", value) if value else None


def _ago_vague(s, start, end, ctx):
    return "DATE", "PAST_REF"


def _unit_rel(s, start, end, ctx):
    low = s.lower()
    unit = unit_of(re.sub(r"\b(?:early|late|end|middle|beginning|start|rest|remainder|balance)\b", " ", low))
    rel = rel_of(low) or "this"
    if unit is None:
        return None
    if ctx.dct is None:
        return "DATE", {"W": "XXXX-WXX", "M": "XXXX-XX", "Y": "XXXX", "Q": "XXXX-QX", "WE": "XXXX-WXX-WE"}.get(
            unit, "XXXX")
    amount = {"last": -1, "next": 1}.get(rel, 0)
    value = cal.offset(ctx.dct, amount, unit)
    return ("DATE", value) if value else None


def _season(s, start, end, ctx):
    low = s.lower()
    name = next((w for w in words("season") if w in low), None)
    if name is None:
        return None
    code = words("season")[name]
    year = year_of(s) or year_from_words(low)
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-{code}"
        year = cal.season_year(ctx.dct, season_months(code), rel_of(low) or "this")
    return "DATE", f"{year}-{code}"


def _duration(s, start, end, ctx):
    unit = unit_of(s)
    if unit is None:
        return None
    low = s.lower()
    n = number_of(re.sub(r"\b(?:the|first|last|past|next)\b", " ", low))
    if n is None:
        n = "X" if re.search(r"(?:s|ies)(?:-\w+)?$", low) else 1.0
    if not isinstance(n, str) and n >= 1000:
        return None
    if re.match(r"an?\s+second\b", low) or _is_age_or_rate(s, low, start, end, ctx):
        return None
    if unit == "Q" and (n == 1.0 and re.search(r"\ban?\s+quarter", low) or "-quarters" in low):
        return None  # "a quarter of", "three-quarters": fractions, not periods
    return "DURATION", duration_value(n, unit)


_AGE = re.compile(r"\s*(?:old|of\s+age)\b", re.I)
_AMOUNT_BEFORE = re.compile(r"(?:\d[\d,.]*%?|million|billion|thousand|hundred|cents?|percent|shares?|times)\s+$", re.I)


def _is_age_or_rate(s, low, start, end, ctx) -> bool:
    """`6-year-old`, `52 years old` (ages) and `$2 million a year` (rates) are not durations."""
    if low.endswith("-old") or _AGE.match(ctx.text, end):
        return True
    return bool(re.match(r"an?\s", low)) and bool(_AMOUNT_BEFORE.search(ctx.text, max(0, start - 30), start))


def _quarter(s, start, end, ctx):
    low = s.lower()
    ords = {k: v for k, v in words("ordinal").items()}
    m = re.search(r"\b(" + "|".join(ords) + r")\b", low)
    n = int(ords[m.group(1)]) if m else None
    half = "half" in low
    if half and n is not None and n > 2:
        n = 2 if m.group(1) in ("last", "final") else None
    if n is None:
        return None
    year = year_of(s)
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-{'H' if half else 'Q'}{n}"
        year = ctx.dct.year + (-1 if "last year" in low else 1 if "next year" in low else 0)
    return "DATE", f"{year}-{'H' if half else 'Q'}{n}"


def _quarter_rel(s, start, end, ctx):
    low = s.lower()
    if ctx.dct is None:
        return "DATE", "XXXX-QX"
    if "current" in low:
        y, q = cal.quarter_of(ctx.dct)
    else:
        y, q = cal.last_completed_quarter(ctx.dct)
    y = year_of(s) or y
    if "year" in low and ("earlier" in low or "ago" in low or "prior" in low):
        y -= 1
    return "DATE", f"{y}-Q{q}"


def _quarter_ago(s, start, end, ctx):
    if ctx.dct is None:
        return "DATE", "XXXX"
    if _in_quarter_talk(s, start, end, ctx):
        y, q = cal.last_completed_quarter(ctx.dct)
        return "DATE", f"{y - 1}-Q{q}"
    return "DATE", str(ctx.dct.year - 1)


def _fiscal(s, start, end, ctx):
    year = year_of(s)
    low = s.lower()
    if year is None:
        short = re.search(r"'?(\d\d)\b", s)
        if short:
            yy = int(short.group(1))
            year = yy + (1900 if yy >= 50 else 2000)
        elif ctx.dct is None:
            return "DATE", "XXXX"
        else:
            year = ctx.dct.year + {"last": -1, "next": 1}.get(rel_of(low) or "this", 0)
    return "DATE", str(year)


def _year_handler(s, start, end, ctx):
    year = year_of(s)
    if year is None:
        return None
    tok = ctx.token(start, end)
    if tok is not None and tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") and not re.search(
            r"\b(?:early|late|mid|end|middle|beginning|start|year)\b", s, re.I):
        return None
    return "DATE", str(year)


def _year_words(s, start, end, ctx):
    year = year_from_words(s.lower())
    return ("DATE", str(year)) if year and 1000 < year < 2100 else None


def _decade(s, start, end, ctx):
    low = s.lower()
    m = re.search(r"(\d{3})0'?s", low)
    if m:
        return "DATE", m.group(1)
    m = re.search(r"'(\d)0s", low)
    if m:
        return "DATE", ("19" if int(m.group(1)) >= 3 else "20") + m.group(1)
    for w, d in DECADE_WORDS.items():
        if w in low:
            return "DATE", f"19{d}"
    return None


def _century(s, start, end, ctx):
    m = re.search(r"(\d{1,2})(?:st|nd|rd|th)", s)
    ordinals = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                "eighteenth", "nineteenth", "twentieth"]
    if m:
        n = int(m.group(1))
    elif re.search(r"twenty[-\s]first", s, re.I):
        n = 21
    else:
        n = next((i + 1 for i, w in enumerate(ordinals) if re.search(rf"\b{w}\b", s, re.I)), None)
    return ("DATE", f"{n - 1:02d}") if n else None


def _ref(s, start, end, ctx):
    value = words("ref").get(re.sub(r"\s+", " ", s.lower()))
    return ("DATE", value) if value else None


def _set(s, start, end, ctx):
    low = s.lower()
    if low in words("set"):
        return "SET", words("set")[low]
    unit = unit_of(low)
    if unit is None:
        return None
    n = number_of(re.sub(r"\b(?:every|each|per|a|once|twice)\b", " ", low))
    if "other" in low:
        n = 2.0
    return "SET", duration_value(n if n is not None else 1.0, unit)


def _holiday(s, start, end, ctx):
    low = re.sub(r"\s+", " ", s.lower())
    name = next((h for h in sorted(words("holiday"), key=len, reverse=True) if h in low), None)
    if name is None:
        return None
    rule = words("holiday")[name]
    year = year_of(s)
    if year is None and ctx.dct is None:
        return "DATE", f"XXXX-{rule}" if re.match(r"\d\d-\d\d$", rule) else "XXXX-XX-XX"
    if year is None:
        this = cal.holiday_date(ctx.dct.year, rule)
        if this is None:
            return None
        tense = "past" if re.search(r"\blast\b", low) else "future" if re.search(r"\bnext\b", low) else \
            ctx.tense(start, end)
        year = cal.year_for_month(ctx.dct, this.month, this.day, tense)
    d = cal.holiday_date(year, rule)
    return ("DATE", d.isoformat()) if d else None


def _weekend(s, start, end, ctx):
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    future = ctx.tense(start, end) == "future"
    saturday = cal.weekday_near(ctx.dct, 6, "future" if future else "past")
    if not future and ctx.dct.isoweekday() == 7:
        saturday = ctx.dct - timedelta(days=1)
    return "DATE", cal.week_value(saturday) + "-WE"


def _year_the(s, start, end, ctx):
    """`the year ended June 30` is a span of a year; `for the full year` is this year."""
    if re.match(r"\s+end(?:ed|ing)\b", ctx.text[end : end + 12]):
        return "DURATION", "P1Y"
    if ctx.dct is None:
        return "DATE", "XXXX"
    return "DATE", str(ctx.dct.year - (1 if "latest" in s.lower() else 0))


def _year_end(s, start, end, ctx):
    return "DATE", str(ctx.dct.year) if ctx.dct else "XXXX"


def _season_the(s, start, end, ctx):
    low = s.lower()
    if ctx.dct is None:
        return _season(s, start, end, ctx)
    rel = "next" if ctx.tense(start, end) == "future" else "last"
    name = next((w for w in words("season") if w in low), None)
    months = season_months(words("season")[name])
    if ctx.dct.month in months:
        rel = "this"
    return _season(f"{rel} {name}", start, end, ctx)


HANDLERS = {
    "date": _date,
    "month": _month_handler,
    "time": _time,
    "day": _day,
    "ago": _ago,
    "unit": _unit_rel,
    "season": _season,
    "duration": _duration,
    "quarter": _quarter,
    "fiscal": _fiscal,
    "year": _year_handler,
    "decade": _decade,
    "century": _century,
    "ref": _ref,
    "set": _set,
    "holiday": _holiday,
}


SPECIAL = {
    "quarter_rel": _quarter_rel,
    "quarter_ago": _quarter_ago,
    "ago_vague": _ago_vague,
    "year_words": _year_words,
    "year_end": _year_end,
    "year_the": _year_the,
    "weekend_the": _weekend,
    "season_the": _season_the,
    "ref_coming": lambda s, start, end, ctx: ("DATE", "FUTURE_REF"),
    "duration_recent": lambda s, start, end, ctx: ("DURATION", f"PX{unit_of(s)}"),
}


def normalise(rule: str, s: str, start: int, end: int, ctx: Context) -> tuple[str, str] | None:
    """(TIMEX3 type, value) for a match of `rule`, or None when it is not a time expression."""
    if rule.startswith("weekday"):
        return _weekday_handler(s, start, end, ctx, rule)
    if rule in SPECIAL:
        return SPECIAL[rule](s, start, end, ctx)
    return HANDLERS[rule.split("_", 1)[0]](s, start, end, ctx)
