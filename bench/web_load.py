"""Bounded local load test of `dateline serve` over a store of 1,000,000 synthetic events.

    .venv/bin/python bench/web_load.py [--events 1000000] [--clients 50] [--seconds 30] [--workers N]
                                       [--start staggered|together] [--db PATH]

Builds a temporary DuckDB store (synthetic rows written straight into the schema; `--db PATH`
keeps it there and reuses it on the next run), starts `dateline serve --read-only` on
127.0.0.1 in a subprocess (`--workers` server processes; default: the server's own default),
and runs N concurrent simulated analysts for a fixed time from this (separate) process. Each
analyst sends a request, waits for the answer, then pauses a random think time (default 1-3 s,
an analyst reading a page) before the next: 70 % filtered event queries, the rest article search,
article pages, actor pages and the timeline. With `--start staggered` (the default) each analyst
first waits a random part of one pause, as analysts already at work would; `--start together`
fires all first requests at once (a burst of N requests at t=0). Only 127.0.0.1 is contacted.
Prints the load average, the worker count, request counts, errors, throughput, latency
percentiles (p50/p95/p99) per kind and the events p95 by when the request was sent, the server's
CPU per request (all its processes, and per process) and the load generator's own CPU; exits 1
when there was an error or the p95 of the filtered events query is 200 ms or more.
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
    ten events per article, with random types, actors, places and confidences, each with its mention
    row (three articles per story)."""
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
            INSERT INTO events (event_id, story, num_mentions, num_articles, num_sources,
                                article_id, event_no, type, mode, cameo, source, target, source_code, target_code,
                                place_name, place_country, lat, lon, date, evidence_start, evidence_end,
                                evidence_text, negated, hypothetical, confidence, rule)
            SELECT 'ev' || i, 's' || (i // 30), 1, 1, 1,
                   'a' || (i // 10), (i % 10)::INTEGER, ({types})[1 + (hash(i) % 16)::INTEGER], NULL, NULL,
                   '[{{"text": "x", "code": "' || s || '"}}]', '[{{"text": "y", "code": "' || t || '"}}]', s, t,
                   'Place ' || (hash(i * 3) % 500), s, (hash(i * 5) % 140)::DOUBLE - 60, (hash(i * 11) % 360)::DOUBLE - 180,
                   strftime(DATE '2020-01-01' + ((i // 10) * 1461 // {n_articles})::INTEGER, '%Y-%m-%d'), 0, 10, 'Officials met',
                   false, false, (hash(i * 17) % 100) / 100.0, 'bench.synthetic'
            FROM (SELECT i, ({codes})[1 + (hash(i * 2) % {len(CODES)})::INTEGER] AS s,
                            ({codes})[1 + (hash(i * 19) % {len(CODES)})::INTEGER] AS t FROM range({n_events}) r(i))""")
        # one mention per event, as the store keeps them (the article page lists its events through these)
        con.execute("""
            INSERT INTO event_mentions (event_id, story, article_id, event_no, input, domain, published,
                                        evidence_start, evidence_end, evidence_text, negated, confidence)
            SELECT event_id, story, article_id, event_no, 'bench:' || article_id, 'site.example', CAST(date AS DATE),
                   evidence_start, evidence_end, evidence_text, negated, confidence FROM events""")
        con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '1')")
        store.refresh_fts()
        con.execute("CHECKPOINT")


def store_matches(path: str, n_events: int) -> bool:
    """A store this bench built for the same size (with its event mentions)."""
    import duckdb

    try:
        con = duckdb.connect(path, read_only=True)
        try:
            found = con.execute("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions), "
                                "(SELECT count(*) FROM articles WHERE source = 'bench')").fetchone()
        finally:
            con.close()
    except duckdb.Error:
        return False
    return found == (n_events, n_events, max(1, n_events // 10))


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


async def analyst(client, rng, deadline, n_articles, think, out, stagger):
    """One analyst: their own connection (as their own browser would have), one request at a time."""
    if stagger:
        await asyncio.sleep(rng.uniform(0, think[1]))
    while time.perf_counter() < deadline:
        kind, path, params = request_for(rng, n_articles)
        t0 = time.perf_counter()
        try:
            r = await client.get(path, params=params)
            ok = r.status_code == 200
            err = None if ok else f"{kind} {path} -> HTTP {r.status_code}"
        except Exception as exc:  # a timeout or refused connection counts as an error
            ok, err = False, f"{kind} {path} -> {type(exc).__name__}: {exc}"
        out.append((kind, time.perf_counter() - t0, err, t0))
        await asyncio.sleep(rng.uniform(*think))


async def load(base: str, clients: int, seconds: float, n_articles: int, think: tuple[float, float],
               stagger: bool = False):
    import httpx

    # Every client is made before the clock starts: making one costs ~20 ms of CPU (it loads the CA
    # bundle, unused over plain HTTP), which would otherwise stall the event loop, and so inflate the
    # latencies measured, during the first seconds.
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    made = [httpx.AsyncClient(base_url=base, limits=limits, timeout=10.0) for _ in range(clients)]
    out: list = []
    start = time.perf_counter()
    deadline = start + seconds
    try:
        await asyncio.gather(*(analyst(c, random.Random(i), deadline, n_articles, think, out, stagger)
                               for i, c in enumerate(made)))
    finally:
        for c in made:
            await c.aclose()
    return [(kind, took, err, t0 - start) for kind, took, err, t0 in out]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to show cost apart from machine contention."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


def process_tree(pid: int) -> list[int]:
    """`pid` and all its descendants (the server's worker processes)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def tree_cpu(pids: list[int]) -> dict[int, float]:
    return {p: cpu_seconds(p) for p in pids}


def own_cpu() -> float:
    t = os.times()
    return t.user + t.system


def loadavg() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


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
    ap.add_argument("--workers", type=int, default=None,
                    help="server processes (default: what `dateline serve --read-only` picks)")
    ap.add_argument("--threads", type=int, default=1, help="DuckDB threads per query in the server")
    ap.add_argument("--start", choices=("staggered", "together"), default="staggered",
                    help="analysts start within their first pause (default) or all at once")
    ap.add_argument("--db", default=None, help="keep the store at this path and reuse it when it exists")
    args = ap.parse_args()
    if args.clients > 200 or args.seconds > 300:
        raise SystemExit("keep the load bounded: at most 200 clients for 300 s")

    from dateline.cli.serve import default_workers

    workers = args.workers or default_workers(read_only=True)
    load_before = loadavg()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "load.duckdb")
        if args.db and os.path.exists(db) and store_matches(db, args.events):
            print(f"store: reusing {db}")
        elif args.db and os.path.exists(db):
            raise SystemExit(f"{db} exists but is not this bench's {args.events:,}-event store: "
                             "pass a new path (the bench never deletes a file)")
        else:
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
                                 "--host", "127.0.0.1", "--port", str(port), "--read-only",
                                 "--workers", str(workers), "--threads", str(args.threads)], env=env)
        try:
            wait_ready(base, proc)
            pids = process_tree(proc.pid)
            # one client alone first: the query's own latency, without queueing behind others
            c0, o0 = tree_cpu(pids), own_cpu()
            solo = asyncio.run(load(base, 1, min(10.0, args.seconds), args.events // 10, (0.0, 0.0)))
            c1, o1 = tree_cpu(pids), own_cpu()
            load_start = loadavg()
            results = asyncio.run(load(base, args.clients, args.seconds, args.events // 10, tuple(args.think),
                                       stagger=args.start == "staggered"))
            c2, o2 = tree_cpu(pids), own_cpu()
            load_end = loadavg()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()

    def spent(a: dict, b: dict) -> float:
        return sum(b[p] - a[p] for p in a if p in b)

    print(f"machine: {os.cpu_count()} cores; load average (1, 5, 15 min) before {load_before}; "
          f"at the start of the load {load_start}; at its end {load_end}")
    print(f"server: {workers} worker process(es), DuckDB threads per query {args.threads}; "
          f"{len(pids)} processes measured")
    solo_ev = [d for k, d, e, _ in solo if k == "events" and e is None]
    print(f"single client, no pause: {len(solo)} requests; filtered events query p50 "
          f"{pct(solo_ev, 50) * 1000:.1f} ms, p95 {pct(solo_ev, 95) * 1000:.1f} ms")
    n = max(len(results), 1)
    print(f"server CPU per request: {spent(c0, c1) / max(len(solo), 1) * 1000:.1f} ms alone, "
          f"{spent(c1, c2) / n * 1000:.1f} ms under load (one free core serves about "
          f"{len(results) / max(spent(c1, c2), 1e-9):.0f} req/s of this mix)")
    shares = sorted((c2[p] - c1[p] for p in c1 if p in c2 and c2[p] - c1[p] > 0.05), reverse=True)
    print(f"  server CPU under load by process: {', '.join(f'{x:.1f} s' for x in shares)} "
          f"(total {spent(c1, c2):.1f} s in {args.seconds:.0f} s)")
    print(f"load generator CPU per request: {(o1 - o0) / max(len(solo), 1) * 1000:.1f} ms alone, "
          f"{(o2 - o1) / n * 1000:.1f} ms under load (total {o2 - o1:.1f} s in {args.seconds:.0f} s)")
    errors = [e for _, _, e, _ in results if e]
    print(f"load: {args.clients} clients for {args.seconds:.0f} s (think {args.think[0]}-{args.think[1]} s, "
          f"start {args.start}): {len(results)} requests, {len(results) / args.seconds:.1f} req/s, "
          f"{len(errors)} errors")
    for kind in ("events", "search", "article page", "actor", "timeline"):
        ds = [d for k, d, e, _ in results if k == kind and e is None]
        if ds:
            print(f"  {kind:<13} n={len(ds):>5}  p50 {pct(ds, 50) * 1000:7.1f} ms  p95 {pct(ds, 95) * 1000:7.1f} ms  "
                  f"p99 {pct(ds, 99) * 1000:7.1f} ms  mean {statistics.fmean(ds) * 1000:7.1f} ms")
    for e in errors[:10]:
        print("  error:", e)
    # where the slow requests were: the first seconds (cold caches, a burst start) or throughout
    edges = [0, 5, 10, 20, args.seconds + 60]
    slices = []
    for lo, hi in zip(edges, edges[1:]):
        ds = [d for k, d, e, t in results if k == "events" and e is None and lo <= t < hi]
        if ds:
            slices.append(f"{lo:g}-{min(hi, args.seconds):g} s: n={len(ds)} p95 {pct(ds, 95) * 1000:.0f} ms")
    print("  events p95 by when the request was sent: " + "; ".join(slices))
    p95 = pct([d for k, d, e, _ in results if k == "events" and e is None], 95)
    ok = not errors and p95 < 0.2
    print(f"filtered events query p95 under load: {p95 * 1000:.1f} ms (target < 200 ms), {len(errors)} errors: "
          f"{'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
