"""DuckDB benchmark: a dyad-by-month count over 1,000,000 stored events.

Builds a store with Dateline's schema and N synthetic story-level events (country-coded
source and target from 60 codes, dates over 10 years, mention counts), reopens it, and
times the query analysts run first: events per (source, target, month), with mentions.

    .venv/bin/python bench/duckdb_dyads.py [--events 1000000] [--db PATH]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from dateline.store.db import Store  # noqa: E402

CODES = ["USA", "RUS", "CHN", "GBR", "FRA", "DEU", "UKR", "ISR", "PSE", "IRN", "IND", "PAK", "TUR", "SYR", "IRQ",
         "EGY", "SAU", "JPN", "KOR", "PRK", "BRA", "MEX", "NGA", "ZAF", "KEN", "ETH", "SDN", "AFG", "POL", "ITA",
         "ESP", "CAN", "AUS", "IDN", "PHL", "VNM", "THA", "MMR", "BGD", "LKA", "NPL", "COL", "VEN", "ARG", "CHL",
         "PER", "CUB", "HTI", "LBY", "TUN", "DZA", "MAR", "MLI", "NER", "TCD", "SOM", "YEM", "LBN", "JOR", "QAT"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
         "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]

DYADS_BY_MONTH = """
    SELECT source_code, target_code, substr(date, 1, 7) AS month,
           count(*) AS events, sum(num_mentions) AS mentions
    FROM events
    WHERE source_code IS NOT NULL AND target_code IS NOT NULL AND date IS NOT NULL
    GROUP BY ALL
"""


def build(db: str, n: int) -> float:
    started = time.perf_counter()
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    with Store(db) as store:
        store.con.execute(f"""
            INSERT INTO events (article_id, event_no, type, source_code, target_code, date, evidence_start,
                                evidence_end, negated, hypothetical, confidence, rule, event_id, story,
                                num_mentions, num_articles, num_sources)
            SELECT 'a' || (i // 4)::VARCHAR, (i % 4)::INTEGER,
                   {types}[1 + (hash(i, 1) % {len(TYPES)})::INTEGER],
                   {codes}[1 + (hash(i, 2) % {len(CODES)})::INTEGER],
                   {codes}[1 + (hash(i, 3) % {len(CODES)})::INTEGER],
                   strftime(DATE '2015-01-01' + (hash(i, 4) % 3650)::INTEGER, '%Y-%m-%d'),
                   0, 10, false, false, 0.5, 'bench', md5(i::VARCHAR)[:16], 's' || (i // 8)::VARCHAR,
                   1 + (hash(i, 5) % 5)::INTEGER, 1, 1
            FROM range({n}) t(i)""")
        store.con.execute("CHECKPOINT")
    return time.perf_counter() - started


def time_query(db: str, repeats: int = 5) -> dict[str, float]:
    with Store(db, read_only=True) as store:
        runs = []
        for _ in range(repeats):
            started = time.perf_counter()
            rows = store.con.execute(DYADS_BY_MONTH).fetchall()
            runs.append(time.perf_counter() - started)
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
    return {"events": n, "groups": len(rows), "first s": runs[0], "median s": statistics.median(runs),
            "best s": min(runs)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--db", default=None, help="keep the store here (default: a temporary file)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or str(Path(tmp) / "dyads.duckdb")
        took = build(db, args.events)
        print(f"built {args.events:,} events in {took:.1f} s")
        for k, v in time_query(db).items():
            print(f"  {k}: {v:.3f}" if isinstance(v, float) else f"  {k}: {v:,}")


if __name__ == "__main__":
    main()
