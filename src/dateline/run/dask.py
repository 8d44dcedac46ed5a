"""Run on a Dask cluster: one task per input shard, one set of Parquet files per shard.

`dateline run --executor dask INPUT... --out DIR [--scheduler tcp://HOST:8786]`. A shard
is one JSONL or WARC file, or up to `FILES_PER_SHARD` consecutive .txt/.html files.
Each task runs the ordinary pipeline and stages its shard in a DuckDB file (the same
writer as local runs: stories and story-level events within the shard, a ledger),
then copies every table to `DIR/<table>/<shard>.parquet` and finally writes
`DIR/_done/<shard>.json`. A shard with a marker is finished: re-running skips it, and
a shard killed half-way is simply done again. `dateline load DIR` merges the shards
into the DuckDB store and clusters stories across them (`run/load.py`).

Dask is an optional extra (`pip install dateline[dask]`); it is imported only here.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..config import Settings
from ..errors import MissingDependency, UsageError
from ..ingest import read_inputs
from ..ingest.sources import expand, format_of
from ..records import Extraction
from ..store.batch import insert_rows, unit_of, write_units
from ..store.schema import TABLES
from ..stories import StoryIndex
from . import local

FILES_PER_SHARD = 500
DONE = "_done"
SHARD_TABLES = ("articles", "entities", "mentions", "quotes", "events", "event_mentions", "places", "times",
                "rejected", "story_signatures", "ingested", "article_events")


@dataclass(frozen=True)
class Shard:
    name: str
    paths: tuple[str, ...]


@dataclass
class DaskRun:
    shards: int = 0
    skipped: int = 0  # already finished by an earlier run
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    out: str = ""

    def lines(self) -> list[str]:
        c = self.counts
        return [f"shards: {self.shards}  run: {self.shards - self.skipped}  already done: {self.skipped}  "
                f"({self.seconds:.1f} s)",
                f"inputs: {c['inputs']}  stored: {c['stored']}  duplicates: {c['duplicates']}  "
                f"rejected: {c['rejected']}",
                f"Parquet shards in {self.out}; merge them with `dateline load {self.out} --db PATH`"]


def require_dask():
    try:
        import dask  # noqa: F401
        import distributed
    except ImportError as exc:
        raise MissingDependency("the Dask executor needs the dask extra: pip install dateline[dask]") from exc
    return distributed


def shards_of(inputs: list[str]) -> list[Shard]:
    """Input shards in a stable order: each JSONL/WARC file, and runs of small files."""
    shards: list[Shard] = []
    loose: list[str] = []

    def flush() -> None:
        if loose:
            shards.append(_shard(tuple(loose)))
            loose.clear()

    for path in expand(inputs):
        if path == "-":
            raise UsageError("the Dask executor reads files, not standard input")
        path = os.path.abspath(path)  # workers may run elsewhere, from another folder
        if format_of(path) in ("jsonl", "warc"):
            flush()
            shards.append(_shard((path,)))
        else:
            loose.append(path)
            if len(loose) >= FILES_PER_SHARD:
                flush()
    flush()
    return shards


def _shard(paths: tuple[str, ...]) -> Shard:
    digest = hashlib.sha1("\n".join(paths).encode()).hexdigest()[:10]
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(paths[0]).name)[:60]
    return Shard(f"{stem}-{digest}", paths)


def is_done(out: str, shard: Shard) -> bool:
    return (Path(out) / DONE / f"{shard.name}.json").exists()


def process_shard(shard: Shard, settings: Settings, out: str, published: date | None = None) -> dict:
    """Run the pipeline over one shard and write its Parquet files and marker (in a worker)."""
    import duckdb

    outdir = Path(out)
    tmp = outdir / "_tmp"
    tmp.mkdir(parents=True, exist_ok=True)
    staging = tmp / f"{shard.name}.duckdb"
    for leftover in (staging, Path(f"{staging}.wal")):  # from a killed attempt
        leftover.unlink(missing_ok=True)
    if local._PIPELINE is None or local._PIPELINE.settings != settings:
        local._init_worker(settings)
    counts = Counter()
    con = duckdb.connect(str(staging))
    try:
        for ddl in TABLES.values():
            con.execute(ddl)
        con.execute("CREATE TABLE article_events AS SELECT * EXCLUDE (event_id, story, num_mentions, num_articles, "
                    "num_sources) FROM events LIMIT 0")
        con.execute("ALTER TABLE article_events ADD COLUMN input VARCHAR")
        con.execute("ALTER TABLE article_events ADD COLUMN domain VARCHAR")
        con.execute("ALTER TABLE article_events ADD COLUMN published DATE")
        index = StoryIndex(remember=0)  # write_units reads older stories from the shard
        items = read_inputs(list(shard.paths), settings, published)
        batch: list = []
        for item in items:
            batch.append(item)
            if len(batch) >= settings.batch_size:
                _stage_batch(con, index, batch, counts)
                batch = []
        if batch:
            _stage_batch(con, index, batch, counts)
        for table in SHARD_TABLES:
            final = outdir / table / f"{shard.name}.parquet"
            final.parent.mkdir(parents=True, exist_ok=True)
            part = final.with_suffix(".parquet.tmp")
            con.execute(f"COPY (SELECT * FROM {table} ORDER BY rowid) TO '{part}' (FORMAT parquet)")
            os.replace(part, final)
    finally:
        con.close()
    staging.unlink(missing_ok=True)
    marker = outdir / DONE / f"{shard.name}.json"
    marker.parent.mkdir(parents=True, exist_ok=True)
    record = {"shard": shard.name, "inputs": list(shard.paths), **counts}
    part = marker.with_suffix(".json.tmp")
    part.write_text(json.dumps(record, indent=1))
    os.replace(part, marker)
    return record


def _stage_batch(con, index: StoryIndex, batch: list, counts: Counter) -> None:
    results, sigs = local.process_batch(batch)
    units = [unit_of(r, s) for r, s in zip(results, sigs)]
    stored, duplicates = write_units(con, index, units)
    article_events = [{**ev, "input": u.key, "domain": u.article["domain"], "published": u.article["published"]}
                      for u in units if u.article for ev in u.rows.get("events", [])]
    if article_events:
        insert_rows(con, "article_events", article_events)
    counts["inputs"] += len(results)
    counts["stored"] += stored
    counts["duplicates"] += duplicates
    counts["rejected"] += sum(1 for r in results if not isinstance(r, Extraction))


def run_dask(inputs: list[str], settings: Settings, out: str, scheduler: str | None = None,
             published: date | None = None) -> DaskRun:
    """Process every unfinished shard on the cluster; returns what was done."""
    distributed = require_dask()
    started = time.perf_counter()
    shards = shards_of(inputs)
    result = DaskRun(shards=len(shards), out=out)
    todo = [s for s in shards if not is_done(out, s)]
    result.skipped = len(shards) - len(todo)
    Path(out).mkdir(parents=True, exist_ok=True)
    if todo:
        cluster = None
        if scheduler:
            client = distributed.Client(scheduler)
        else:
            cluster = distributed.LocalCluster(n_workers=max(1, settings.workers), threads_per_worker=1,
                                               processes=True, dashboard_address=None,
                                               silence_logs=logging.ERROR)
            client = distributed.Client(cluster)
        try:
            futures = client.map(process_shard, todo, settings=settings, out=os.path.abspath(out),
                                 published=published, pure=False)
            for record in client.gather(futures):
                result.counts.update({k: v for k, v in record.items() if isinstance(v, int)})
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    result.seconds = time.perf_counter() - started
    return result
