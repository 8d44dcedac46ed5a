"""Calendar arithmetic for TIMEX3 values: weeks, quarters, seasons, holidays, offsets."""

from __future__ import annotations

from datetime import date, timedelta


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def add_quarters(y: int, q: int, k: int) -> tuple[int, int]:
    n = y * 4 + (q - 1) + k
    return n // 4, n % 4 + 1


def last_completed_quarter(d: date) -> tuple[int, int]:
    return add_quarters(*quarter_of(d), -1)


def weekday_near(dct: date, weekday: int, direction: str) -> date:
    """The date of ISO `weekday` nearest `dct` in `direction`.

    "past" and "future" include `dct` itself; "before" and "after" exclude it.
    """
    delta = weekday - dct.isoweekday()
    if direction in ("past", "before"):
        back = (-delta) % 7
        if back == 0 and direction == "before":
            back = 7
        return dct - timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "after":
        ahead = 7
    return dct + timedelta(days=ahead)


def year_for_month(dct: date, month: int, day: int | None, tense: str | None) -> int:
    """The year of a month (and day) named without one, read from the verb's tense."""
    here = (dct.month, dct.day if day is not None else 0)
    there = (month, day or 0)
    if tense == "past" and there > here:
        return dct.year - 1
    if tense == "future" and there < here:
        return dct.year + 1
    if tense in ("past", "future"):
        return dct.year
    # No tense to go by: the nearest such month (day) to the publication date.
    def distance(year: int) -> int:
        return abs((year * 12 + month) * 31 + (day or 15) - ((dct.year * 12 + dct.month) * 31 + dct.day))
    return min((dct.year - 1, dct.year, dct.year + 1), key=distance)


def offset(dct: date, amount: int, unit: str) -> str | None:
    """The TIMEX3 value `amount` units after `dct` (negative: before), at the unit's grain."""
    if unit == "D":
        return day_value(dct + timedelta(days=amount))
    if unit == "W":
        return week_value(dct + timedelta(weeks=amount))
    if unit == "M":
        return month_value(*add_months(dct.year, dct.month, amount))
    if unit == "Q":
        return "%d-Q%d" % add_quarters(*quarter_of(dct), amount)
    if unit == "Y":
        return str(dct.year + amount)
    if unit == "E":
        return str(dct.year + 10 * amount)[:3]
    if unit == "C":
        return str(dct.year + 100 * amount)[:2]
    if unit == "WE":
        return week_value(dct + timedelta(weeks=amount)) + "-WE"
    return None


def season_year(dct: date, months: tuple[int, ...], rel: str) -> int:
    """The year of `last`/`this`/`next` season whose months are `months`."""
    now_in = dct.month in months
    first = months[0]
    start_year = dct.year - 1 if (first == 12 and dct.month <= 2) else dct.year
    if rel == "this":
        return start_year if now_in else (dct.year if first != 12 or dct.month == 12 else dct.year - 1)
    if rel == "last":
        if now_in:
            return start_year - 1
        passed = dct.month > months[-1] and first != 12
        return dct.year if passed else dct.year - 1
    if rel == "next":
        if now_in:
            return start_year + 1
        return dct.year if dct.month < first else dct.year + 1
    return dct.year


def easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month = (h + l_ - 7 * m + 114) // 31
    day = (h + l_ - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def holiday_date(year: int, rule: str) -> date | None:
    if rule == "easter":
        return easter(year)
    if rule == "thanksgiving":  # the fourth Thursday of November (US)
        first = date(year, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)
    try:
        month, day = (int(x) for x in rule.split("-"))
        return date(year, month, day)
    except ValueError:
        return None
