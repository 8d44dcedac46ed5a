"""Fixtures for the scale tests: a small invented news corpus with syndicated copies,
and a dump of a store's content for comparing runs. Every text here was written for
these tests."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb

CITIES = ["Oslo", "Lisbon", "Nairobi", "Lima", "Hanoi", "Quito", "Dakar", "Riga", "Accra", "Tunis", "Perth",
          "Porto", "Cusco", "Bergen", "Malmo", "Split"]
OFFICIALS = ["mayor", "transport minister", "police chief", "health director", "port captain", "finance minister",
             "union leader", "school inspector"]
THINGS = ["ferry crossings", "bus routes", "hospital beds", "bridge repairs", "fuel subsidies", "water pipes",
          "tram lines", "grain stores", "school meals"]
VERBS = ["approved", "criticised", "delayed", "funded", "inspected", "cancelled", "expanded"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
GROUPS = ["farmers", "commuters", "nurses", "dock workers", "students", "shop owners", "taxi drivers"]
HEADER = "Home | News | Sport | Weather\nThe Harbour Gazette - local news since 1921"
FOOTER = "Share this story\nCopyright The Harbour Gazette. All rights reserved."


def story_text(n: int) -> tuple[str, str]:
    """(title, text) of invented story n; slots change every few words, so stories differ."""
    def pick(words: list[str], k: int) -> str:
        return words[(n * k + n // len(words)) % len(words)]

    city, official, thing = CITIES[n % len(CITIES)], pick(OFFICIALS, 3), pick(THINGS, 5)
    verb, day, group = pick(VERBS, 2), pick(DAYS, 3), pick(GROUPS, 4)
    title = f"{city} {official} {verb} plan for {thing}"
    lede = (f"{city.upper()} - The {official} of {city} {verb} a plan for {n + 3} new {thing} on {day}, "
            f"saying {group} had waited {n + 2} years for it.")
    body = (f"{group.capitalize()} gathered outside the {official}'s office in {city} as the {thing} plan was "
            f"{verb}, and {n * 11 + 40} of them signed a letter asking for more. "
            f"Critics of the {official} said the {thing} would cost {n * 3 + 7} million and arrive late, "
            f"while supporters in {city} called the decision on {day} overdue.")
    return title, f"{lede}\n\n{body}"


def write_corpus(folder: Path, n: int = 12, copies: int = 3, name: str = "news.jsonl") -> Path:
    """A JSONL file of `n` stories plus `copies` syndicated copies (boilerplate, truncation)."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        title, text = story_text(i)
        lines.append({"id": f"s{i}", "title": title, "text": text, "published": "2024-03-05"})
    for j in range(copies):
        title, text = story_text(j)
        copy = f"{HEADER}\n\n{text}\n\n{FOOTER}" if j % 2 == 0 else text.split("\n\n")[0]
        lines.append({"id": f"copy{j}", "title": f"Updated: {title}", "text": copy, "published": "2024-03-06"})
    path = folder / name
    path.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return path


def dump(db: str, skip_markers: bool = False) -> dict[str, list]:
    """Every table's rows, sorted, without timestamp columns (they record when, not what)."""
    con = duckdb.connect(db, read_only=True)
    try:
        out = {}
        for (table,) in con.execute("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' "
                                    "ORDER BY 1").fetchall():
            cols = [c for (c,) in con.execute(
                "SELECT column_name FROM duckdb_columns() WHERE table_name = ? AND schema_name = 'main' "
                "ORDER BY column_index", [table]).fetchall() if not c.endswith("_at")]
            rows = con.execute(f"SELECT {', '.join(repr(c).replace(chr(39), chr(34)) for c in cols)} "
                               f"FROM {table}").fetchall()
            if skip_markers and table == "ingested":
                rows = [r for r in rows if r[2] != "marker"]
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()
