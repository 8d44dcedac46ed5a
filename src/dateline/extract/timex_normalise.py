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
from .timex_grammar import season_months, words

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would", "may", "might", "could", "should", "must", "can"})
FUTURE_HEADS = frozenset({"plan", "expect", "schedule", "set", "due", "intend", "hope", "want", "agree", "prepare",
                          "aim", "go", "vow", "promise", "seek", "propose", "threaten", "try", "decide", "need"})
PAST_AUX = frozenset({"has", "have", "had", "did", "was", "were"})


class Context:
    """What normalisers read besides the match: the publication date and the parse."""

    def __init__(self, text: str, dct: date | None, doc=None):
        self.text = text
        self.dct = dct
        self.doc = doc

    def token(self, start: int, end: int):
        if self.doc is None:
            return None
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def tense(self, start: int, end: int) -> str | None:
        """'past', 'future', 'present' or None for the clause the expression sits in."""
        tok = self.token(start, end)
        if tok is None:
            return None
        for _ in range(8):
            if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
                break
            tok = tok.head
        if tok.pos_ not in ("VERB", "AUX"):
            return None
        auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
        lowers = {a.lower_ for a in auxes}
        if lowers & FUTURE_AUX or "going" in lowers:
            return "future"
        if lowers & PAST_AUX or tok.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
            return "past"
        if "to" in lowers and tok.head is not tok:
            head = tok.head
            if head.lemma_ in FUTURE_HEADS or head.lower_ in FUTURE_AUX:
                return "past" if head.tag_ == "VBD" and head.lemma_ not in ("expect", "schedule", "set") else "future"
        if tok.tag_ == "VBG" and lowers & {"is", "are", "am"}:
            return "future"
        if tok.tag_ in ("VBZ", "VBP"):
            return "present"
        return None

    def sentence(self, start: int, end: int) -> str:
        """The sentence around a span (or a window of text without a parse)."""
        tok = self.token(start, end)
        if tok is not None:
            return tok.sent.text
        return self.text[max(0, start - 150) : end + 150]


# --- reading parts back out of the matched text -------------------------------------------

_MONTH_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in sorted(words("month"), key=len, reverse=True))
                       + r")(?!\w)", re.I)
_WEEKDAY_RE = re.compile(r"\b(" + "|".join(words("weekday")) + r")", re.I)
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_DAY_RE = re.compile(r"(?<![\d:])([12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d:])")
_UNIT_RE = re.compile(r"\b(" + "|".join(sorted(words("unit"), key=len, reverse=True)) + r")(?:e?s)?\b", re.I)
_REL_RE = re.compile(r"\b(last|this|next|coming|past|previous|following|current|same|latest|recent|"
                     r"preceding|ago|earlier|before|from now|hence)\b", re.I)
_NUMBER_WORDS = {w: v for w, v in words("number").items() if w != "the"}
_NUM_RE = re.compile(r"(\d+(?:\.\d+)?)|\b(" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in
                     sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")\b", re.I)
_POD = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI", "overnight": "NI"}
_SMALL = {w: int(v) for w, v in _NUMBER_WORDS.items() if v.isdigit() and int(v) < 100 and " " not in w}
_DECADE_WORDS = {"fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


def _month(s: str) -> int | None:
    m = _MONTH_RE.search(s)
    return int(words("month")[m.group(1).lower()]) if m else None


def _weekday(s: str) -> int | None:
    m = _WEEKDAY_RE.search(s)
    return int(words("weekday")[m.group(1).lower()]) if m else None


def _year(s: str) -> int | None:
    m = _YEAR_RE.search(s)
    return int(m.group(1)) if m else None


def _rel(s: str) -> str | None:
    s = re.sub(r"\b(?:earlier|later|early|late)\s+(?=this|last|next|in)", " ", s, flags=re.I)
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


def _unit(s: str) -> str | None:
    found = _UNIT_RE.findall(s)
    return words("unit")[found[-1].lower()] if found else None


def _number(s: str) -> float | str | None:
    """The amount in a duration: 3, 2.5, 'X' for a vague amount, None if absent."""
    compound = re.search(r"\b(twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](\w+)", s, re.I)
    if compound and compound.group(2).lower() in _SMALL:
        return _SMALL[compound.group(1).lower()] + _SMALL[compound.group(2).lower()]
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


# --- handlers: (matched text, start, end, ctx) -> (type, value) or None to drop ------------


def _anchor_day(s: str, start: int, end: int, ctx: Context) -> str:
    """The calendar day a clock time or part of day hangs on."""
    dct = ctx.dct
    low = s.lower()
    wd = _weekday(s)
    if dct is None:
        return "XXXX-XX-XX" if wd is None else f"XXXX-WXX-{wd}"
    if "yesterday" in low or re.search(r"\blast\s+(night|evening)", low):
        return (dct - timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (dct + timedelta(days=1)).isoformat()
    month = _month(s)
    day = _DAY_RE.search(_MONTH_RE.sub(" ", s)[_MONTH_RE.search(s).end():]) if month else None
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
    return "future" if ctx.tense(start, end) == "future" else "past"


def _date(s, start, end, ctx):
    month, year = _month(s), _year(s)
    rest = _MONTH_RE.sub(" ", _YEAR_RE.sub(" ", s)) if year else _MONTH_RE.sub(" ", s)
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
    dm = _DAY_RE.search(rest)
    if not dm:
        return None
    day = int(dm.group(1))
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}"
        year = cal.year_for_month(ctx.dct, month, day, ctx.tense(start, end))
    try:
        return "DATE", date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_handler(s, start, end, ctx):
    month = _month(s)
    if month is None:
        return None
    year = _year(s)
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
    pod = [v for k, v in _POD.items() if re.search(rf"\b{k}\b", low)]
    if pod and not (clock and re.search(r"\d", low)):
        return ("DATE" if _weekday(s) else "TIME"), f"{day}T{pod[0]}"
    if not clock:
        return None
    hour, minute = int(clock.group(1)), int(clock.group(2) or 0)
    if clock.group(3) == "p" and hour < 12:
        hour += 12
    elif clock.group(3) == "a" and hour == 12:
        hour = 0
    return "TIME", f"{day}T{hour:02d}:{minute:02d}"


def _weekday_handler(s, start, end, ctx, rule):
    wd = _weekday(s)
    low = s.lower()
    pod = next((v for k, v in _POD.items() if re.search(rf"\b{k}s?\b", low)), None)
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
    unit = _unit(s)
    n = _number(s)
    low = s.lower()
    if unit is None or n is None:
        return None
    sign = 1 if re.search(r"from\s+now|hence", low) else -1
    if n == "X" or ctx.dct is None:
        return "DATE", "PAST_REF" if sign < 0 and n == "X" else "XXXX-XX-XX"
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
    unit = _unit(re.sub(r"\b(?:early|late|end|middle|beginning|start|rest|remainder|balance)\b", " ", low))
    rel = _rel(low) or "this"
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
    year = _year(s) or _year_from_words(low)
    if year is None:
        if ctx.dct is None:
            return "DATE", f"XXXX-{code}"
        year = cal.season_year(ctx.dct, season_months(code), _rel(low) or "this")
    return "DATE", f"{year}-{code}"


def _duration(s, start, end, ctx):
    unit = _unit(s)
    if unit is None:
        return None
    low = s.lower()
    n = _number(re.sub(r"\b(?:the|first|last|past|next)\b", " ", low))
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
    year = _year(s)
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
    year = _year(s)
    low = s.lower()
    if year is None:
        short = re.search(r"'?(\d\d)\b", s)
        if short:
            yy = int(short.group(1))
            year = yy + (1900 if yy >= 50 else 2000)
        elif ctx.dct is None:
            return "DATE", "XXXX"
        else:
            year = ctx.dct.year + {"last": -1, "next": 1}.get(_rel(low) or "this", 0)
    return "DATE", str(year)


def _year_handler(s, start, end, ctx):
    year = _year(s)
    if year is None:
        return None
    tok = ctx.token(start, end)
    if tok is not None and tok.ent_type_ in ("MONEY", "QUANTITY", "PERCENT", "CARDINAL") and not re.search(
            r"\b(?:early|late|mid|end|middle|beginning|start|year)\b", s, re.I):
        return None
    return "DATE", str(year)


def _year_from_words(low: str) -> int | None:
    toks = re.findall(r"[a-z]+", low)
    nums = [_SMALL.get(t) for t in toks]
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


def _year_words(s, start, end, ctx):
    year = _year_from_words(s.lower())
    return ("DATE", str(year)) if year and 1000 < year < 2100 else None


def _decade(s, start, end, ctx):
    low = s.lower()
    m = re.search(r"(\d{3})0'?s", low)
    if m:
        return "DATE", m.group(1)
    m = re.search(r"'(\d)0s", low)
    if m:
        return "DATE", ("19" if int(m.group(1)) >= 3 else "20") + m.group(1)
    for w, d in _DECADE_WORDS.items():
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
    return "DATE", words("ref")[re.sub(r"\s+", " ", s.lower())]


def _set(s, start, end, ctx):
    low = s.lower()
    if low in words("set"):
        return "SET", words("set")[low]
    unit = _unit(low)
    if unit is None:
        return None
    n = _number(re.sub(r"\b(?:every|each|per|a|once|twice)\b", " ", low))
    if "other" in low:
        n = 2.0
    return "SET", duration_value(n if n is not None else 1.0, unit)


def _holiday(s, start, end, ctx):
    low = re.sub(r"\s+", " ", s.lower())
    name = next((h for h in sorted(words("holiday"), key=len, reverse=True) if h in low), None)
    if name is None:
        return None
    rule = words("holiday")[name]
    year = _year(s)
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


def _weekend(s, start, end, ctx):
    if ctx.dct is None:
        return "DATE", "XXXX-WXX-WE"
    future = ctx.tense(start, end) == "future"
    saturday = cal.weekday_near(ctx.dct, 6, "future" if future else "past")
    if not future and ctx.dct.isoweekday() == 7:
        saturday = ctx.dct - timedelta(days=1)
    return "DATE", cal.week_value(saturday) + "-WE"


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


SPECIAL = {
    "quarter_rel": _quarter_rel,
    "quarter_ago": _quarter_ago,
    "ago_vague": _ago_vague,
    "year_words": _year_words,
    "year_end": _year_end,
    "weekend_the": _weekend,
    "season_the": _season_the,
    "ref_coming": lambda s, start, end, ctx: ("DATE", "FUTURE_REF"),
    "duration_recent": lambda s, start, end, ctx: ("DURATION", f"PX{_unit(s)}"),
}


def normalise(rule: str, s: str, start: int, end: int, ctx: Context) -> tuple[str, str] | None:
    """(TIMEX3 type, value) for a match of `rule`, or None when it is not a time expression."""
    if rule.startswith("weekday"):
        return _weekday_handler(s, start, end, ctx, rule)
    if rule in SPECIAL:
        return SPECIAL[rule](s, start, end, ctx)
    return HANDLERS[rule.split("_", 1)[0]](s, start, end, ctx)
