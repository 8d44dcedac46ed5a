"""Parse the dates users and inputs give us."""

from __future__ import annotations

from datetime import date, datetime


def parse_date(value: object) -> date | None:
    """'2022-02-03', '2022-02-03T10:00:00Z' or a date; None for anything else."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None
