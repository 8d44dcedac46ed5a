"""`dateline load DIR`: merge finished Parquet shards into the DuckDB store.

Shards are taken in name order and, within a shard, inputs in the order they were
processed. Each input goes through the same writer as a local run (`store/batch.py`),
so stories are clustered across shards with the store's story index, events are
de-duplicated per story across shards, and the ledger records every input: loading
again (or after a crash mid-load) skips what is in, and a later `dateline run` on the
same files does no work twice. Only shards with a completion marker are read.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..config import Settings
from ..errors import UsageError
from ..store.batch import ARTICLE_TABLES, Unit, input_key
from ..store.db import Store
from ..stories import Signature
from .dask import DONE
from .local import lift_writer_limits, limit_writer_memory

_EVENT_EXTRAS = ("input", "domain", "published")


@dataclass
class LoadSummary:
    shards: int = 0
    loaded: int = 0  # shards merged by this call
    inputs: int = 0
    stored: int = 0
    duplicates: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        return [f"shards: {self.shards}  loaded now: {self.loaded}  already loaded: {self.shards - self.loaded}",
                f"inputs: {self.inputs}  stored: {self.stored}  duplicates: {self.duplicates}  "
                f"({self.seconds:.1f} s)"]


def finished_shards(out: str) -> list[str]:
    done = Path(out) / DONE
    if not done.is_dir():
        raise UsageError(f"{out} holds no finished shards (no {DONE}/ folder): run "
                         f"`dateline run --executor dask INPUT... --out {out}` first")
    return sorted(p.stem for p in done.glob("*.json"))


def load_shards(out: str, settings: Settings, batch_size: int | None = None) -> LoadSummary:
    summary = LoadSummary()
    started = time.perf_counter()
    names = finished_shards(out)
    summary.shards = len(names)
    size = batch_size or settings.batch_size
    with Store(settings.db) as store:
        limit_writer_memory(store)
        for name in names:
            shard_key = f"shard:{name}"
            if store.processed([shard_key]):
                continue
            units = shard_units(out, name)
            for i in range(0, max(len(units), 1), size):
                done = store.processed([u.key for u in units[i:i + size]])
                batch = [u for u in units[i:i + size] if u.key not in done]
                last = i + size >= len(units)
                if last:  # the shard counts as loaded with its last batch, in the same transaction
                    batch.append(Unit(shard_key))
                stored, duplicates = store.write_units(batch)
                summary.inputs += sum(1 for u in batch if u.key != shard_key)
                summary.stored += stored
                summary.duplicates += duplicates
            summary.loaded += 1
        lift_writer_limits(store)  # the full-text index build may need more
        store.refresh_fts()
    summary.seconds = time.perf_counter() - started
    return summary


def _read(out: str, table: str, name: str) -> list[dict]:
    import pyarrow.parquet as pq

    path = Path(out) / table / f"{name}.parquet"
    if not path.exists():
        raise UsageError(f"shard {name} is marked done but {path} is missing")
    return pq.read_table(path).to_pylist()


def shard_units(out: str, name: str) -> list[Unit]:
    """The shard's inputs, in processing order, as writer units."""
    articles = {r["id"]: r for r in _read(out, "articles", name)}
    sigs = {r["article_id"]: Signature.from_bytes(r["signature"], r["shingles"])
            for r in _read(out, "story_signatures", name)}
    per_article: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for table in ARTICLE_TABLES:
        for r in _read(out, table, name):
            per_article[r["article_id"]][table].append(r)
    events_by_input: dict[str, list[dict]] = defaultdict(list)
    for r in _read(out, "article_events", name):
        events_by_input[r["input"]].append({k: v for k, v in r.items() if k not in _EVENT_EXTRAS})
    rejected = {input_key(r["source"], r["doc_id"]): {k: v for k, v in r.items() if k != "rejected_at"}
                for r in _read(out, "rejected", name)}
    units = []
    for entry in _read(out, "ingested", name):
        key, aid = entry["key"], entry["article_id"]
        if entry["outcome"].startswith("rejected:"):
            if key in rejected:
                units.append(Unit(key, rejected=rejected[key]))
            continue
        art = {k: v for k, v in articles[aid].items() if k != "stored_at"}
        rows = {t: per_article[aid][t] for t in ARTICLE_TABLES} if entry["outcome"] == "stored" else {}
        rows["events"] = events_by_input.get(key, [])
        units.append(Unit(key, article=art, signature=sigs.get(aid, Signature(None, 0)), rows=rows))
    return units
