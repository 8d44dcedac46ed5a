"""Bounded local load test of `dateline serve` over a store of 1,000,000 synthetic events.

    .venv/bin/python bench/web_load.py [--events 1000000] [--clients 50] [--seconds 30]

Builds a temporary DuckDB store (synthetic rows written straight into the schema), starts
the server on 127.0.0.1 in a subprocess, and runs N concurrent simulated analysts for a
fixed time. Each analyst sends a request, waits for the answer, then pauses a random
think time (default 1-3 s, an analyst reading a page) before the next: 70 % filtered event queries, the rest
article search, article pages, actor pages and the timeline. Only 127.0.0.1 is contacted.
Prints request counts, errors, throughput and latency percentiles per kind; exits 1 when
there was an error or the p95 of the filtered events query is 200 ms or more.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
CODES = ["USA", "RUS", "CHN", "UKR", "DEU", "FRA", "GBR", "IND", "BRA", "ZAF", "NGA", "EGY", "TUR", "IRN", "ISR",
         "PSE", "SYR", "IRQ", "SAU", "JPN", "KOR", "PRK", "PAK", "AFG", "MEX", "CAN", "AUS", "IDN", "ETH", "KEN",
         "SDN", "VEN", "COL", "ARG", "POL", "ITA", "ESP", "NLD", "SWE", "NOR", "IGO", "NGO", "UN", "EU", "NATO"]


WORDS = ("trade tariff border troops ceasefire election protest sanctions pipeline embargo summit treaty refugees "
         "drought harvest currency inflation strike parliament minister court verdict police riot militia drone "
         "missile navy port airport railway bridge hospital vaccine outbreak flood earthquake wildfire storm "
         "mining oil gas grain fishing shipping cyber hackers espionage embassy ambassador envoy talks hostage "
         "prisoner amnesty pardon referendum constitution budget debt loan aid donors famine water dam river "
         "coast island frontier checkpoint convoy ammunition artillery tanks jets satellite reactor uranium "
         "inspectors monitors observers journalists censorship internet blackout curfew martial students "
         "teachers doctors farmers miners workers union wages pension").split()


def build_store(path: str, n_events: int) -> None:
    """Articles published over four years and stored in that order, as a growing news store is;
    ten events per article, with random types, actors, places and confidences."""
    from dateline.store.db import Store

    n_articles = max(1, n_events // 10)
    types = "[" + ", ".join(f"'{t}'" for t in TYPES) + "]"
    codes = "[" + ", ".join(f"'{c}'" for c in CODES) + "]"
    with Store(path) as store:
        con = store.con
        con.execute("SET enable_progress_bar = false")
        con.execute(f"""
            INSERT INTO articles (id, doc_id, source, domain, kind, title, dateline, published, language, text,
                                  body_start, story, stages)
            SELECT 'a' || i, 'd' || i, 'bench', 'site' || (i % 40) || '.example', 'text',
                   'Synthetic story ' || i || ' about ' || ({codes})[1 + (i * 7) % {len(CODES)}],
                   'CITY', DATE '2020-01-01' + (i * 1461 // {n_articles})::INTEGER, 'en',
                   'Synthetic story ' || i || chr(10) || chr(10) || 'Officials of '
                     || ({codes})[1 + (i * 7) % {len(CODES)}] || ' met counterparts from '
                     || ({codes})[1 + (i * 13) % {len(CODES)}] || ' to discuss '
                     || array_to_string(list_transform(range(8),
                          k -> $words[1 + (hash(i * 31 + k) % {len(WORDS)})::INTEGER]), ' ') || '.',
                   0, 's' || (i // 3), ['bench']
            FROM range({n_articles}) t(i)""", {"words": list(WORDS)})
        con.execute(f"""
            INSERT INTO events (article_id, event_no, type, mode, cameo, source, target, source_code, target_code,
                                place_name, place_country, lat, lon, date, evidence_start, evidence_end,
                                evidence_text, negated, hypothetical, confidence, rule)
            SELECT 'a' || (i // 10), (i % 10)::INTEGER, ({types})[1 + (hash(i) % 16)::INTEGER], NULL, NULL,
                   '[{{"text": "x", "code": "' || s || '"}}]', '[{{"text": "y", "code": "' || t || '"}}]', s, t,
                   'Place ' || (hash(i * 3) % 500), s, (hash(i * 5) % 140)::DOUBLE - 60, (hash(i * 11) % 360)::DOUBLE - 180,
                   strftime(DATE '2020-01-01' + ((i // 10) * 1461 // {n_articles})::INTEGER, '%Y-%m-%d'), 0, 10, 'Officials met',
                   false, false, (hash(i * 17) % 100) / 100.0, 'bench.synthetic'
            FROM (SELECT i, ({codes})[1 + (hash(i * 2) % {len(CODES)})::INTEGER] AS s,
                            ({codes})[1 + (hash(i * 19) % {len(CODES)})::INTEGER] AS t FROM range({n_events}) r(i))""")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
        store.refresh_fts()
        con.execute("CHECKPOINT")


def events_query(rng: random.Random) -> dict:
    """A random filtered events query, as the events page or an API user would send it."""
    params: dict = {"limit": 50}
    roll = rng.random()
    params["source" if roll < 0.5 else "actor"] = rng.choice(CODES)
    if rng.random() < 0.5:
        params["quad"] = rng.randint(1, 4)
    elif rng.random() < 0.5:
        params["type"] = rng.choice(TYPES)
    if rng.random() < 0.6:
        year = rng.randint(2020, 2023)
        month = rng.randint(1, 12)
        params["date_from"] = f"{year}-{month:02d}-01"
        params["date_to"] = f"{year}-{month:02d}-28"
    if rng.random() < 0.2:
        params["target"] = rng.choice(CODES)
    if rng.random() < 0.2:
        params["sort"] = "confidence"
    if rng.random() < 0.1:
        params["offset"] = rng.randint(1, 20) * 50
    return params


def request_for(rng: random.Random, n_articles: int) -> tuple[str, str, dict]:
    roll = rng.random()
    if roll < 0.7:
        return "events", "/api/events", events_query(rng)
    if roll < 0.8:
        params = {"q": " ".join(rng.sample(WORDS, rng.randint(1, 2)))}
        if rng.random() < 0.5:
            params["source"] = f"site{rng.randint(0, 39)}."
        return "search", "/api/articles", params
    if roll < 0.9:
        return "article page", f"/articles/a{rng.randrange(n_articles)}", {}
    if roll < 0.95:
        return "actor", f"/api/actors/{rng.choice(CODES)}", {}
    return "timeline", "/api/timeline", {"actor": rng.choice(CODES), "date_from": "2021-01-01",
                                         "date_to": "2021-12-31"}


async def analyst(client, rng, deadline, n_articles, think, out):
    while time.perf_counter() < deadline:
        kind, path, params = request_for(rng, n_articles)
        t0 = time.perf_counter()
        try:
            r = await client.get(path, params=params)
            ok = r.status_code == 200
            err = None if ok else f"{kind} {path} -> HTTP {r.status_code}"
        except Exception as exc:  # a timeout or refused connection counts as an error
            ok, err = False, f"{kind} {path} -> {type(exc).__name__}: {exc}"
        out.append((kind, time.perf_counter() - t0, err))
        await asyncio.sleep(rng.uniform(*think))


async def load(base: str, clients: int, seconds: float, n_articles: int, think: tuple[float, float]):
    import httpx

    out: list = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10.0) as client:
        deadline = time.perf_counter() + seconds
        await asyncio.gather(*(analyst(client, random.Random(i), deadline, n_articles, think, out)
                               for i in range(clients)))
    return out


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to show cost apart from machine contention."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else float("nan")


def wait_ready(base: str, proc, timeout: float = 120) -> None:
    import httpx

    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early with code {proc.returncode}")
        try:
            if httpx.get(base + "/api/stats", timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise SystemExit("server did not come up")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--think", type=float, nargs=2, default=(1.0, 3.0), metavar=("MIN", "MAX"),
                    help="pause between one analyst's requests, seconds")
    args = ap.parse_args()
    if args.clients > 200 or args.seconds > 300:
        raise SystemExit("keep the load bounded: at most 200 clients for 300 s")

    with open("/proc/loadavg") as fh:
        load_before = fh.read().split()[0]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "load.duckdb")
        t0 = time.perf_counter()
        build_store(db, args.events)
        print(f"store: {args.events:,} events, {max(1, args.events // 10):,} articles "
              f"built in {time.perf_counter() - t0:.1f} s")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        base = f"http://127.0.0.1:{port}"
        env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
        proc = subprocess.Popen([sys.executable, "-c", "from dateline.cli import main; main()", "serve", "--db", db,
                                 "--host", "127.0.0.1", "--port", str(port), "--read-only"], env=env)
        try:
            wait_ready(base, proc)
            # one client alone first: the query's own latency, without queueing behind others
            c0 = cpu_seconds(proc.pid)
            solo = asyncio.run(load(base, 1, min(10.0, args.seconds), args.events // 10, (0.0, 0.0)))
            c1 = cpu_seconds(proc.pid)
            results = asyncio.run(load(base, args.clients, args.seconds, args.events // 10, tuple(args.think)))
            c2 = cpu_seconds(proc.pid)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()

    with open("/proc/loadavg") as fh:
        print(f"machine: {os.cpu_count()} cores, load average before the run {load_before}, after {fh.read().split()[0]}")
    solo_ev = [d for k, d, e in solo if k == "events" and e is None]
    print(f"single client, no pause: {len(solo)} requests; filtered events query p50 "
          f"{pct(solo_ev, 50) * 1000:.1f} ms, p95 {pct(solo_ev, 95) * 1000:.1f} ms")
    print(f"server CPU per request: {(c1 - c0) / max(len(solo), 1) * 1000:.1f} ms alone, "
          f"{(c2 - c1) / max(len(results), 1) * 1000:.1f} ms under load "
          f"(one free core serves about {len(results) / max(c2 - c1, 1e-9):.0f} req/s of this mix)")
    errors = [e for _, _, e in results if e]
    print(f"load: {args.clients} clients for {args.seconds:.0f} s (think {args.think[0]}-{args.think[1]} s): "
          f"{len(results)} requests, {len(results) / args.seconds:.1f} req/s, {len(errors)} errors")
    for kind in ("events", "search", "article page", "actor", "timeline"):
        ds = [d for k, d, e in results if k == kind and e is None]
        if ds:
            print(f"  {kind:<13} n={len(ds):>5}  p50 {pct(ds, 50) * 1000:7.1f} ms  p95 {pct(ds, 95) * 1000:7.1f} ms  "
                  f"p99 {pct(ds, 99) * 1000:7.1f} ms  mean {statistics.fmean(ds) * 1000:7.1f} ms")
    for e in errors[:10]:
        print("  error:", e)
    p95 = pct([d for k, d, e in results if k == "events" and e is None], 95)
    ok = not errors and p95 < 0.2
    print(f"filtered events query p95 under load: {p95 * 1000:.1f} ms (target < 200 ms): {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
