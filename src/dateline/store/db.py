"""The DuckDB store: open (with a clear message when another process holds it),
create the schema, write batches in one transaction each, and keep the FTS index."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterable
from pathlib import Path

import duckdb

from ..errors import StoreError, StoreLocked
from ..records import Extraction, Rejected
from .batch import Unit, load_index, unit_of, write_units
from .schema import SCHEMA_VERSION, TABLES

_CONFIG = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


def fts_extension_path() -> str:
    """The FTS extension shipped by the duckdb-extension-fts package (never downloaded)."""
    try:
        import duckdb_extension_fts
    except ImportError as exc:
        raise StoreError("full-text search needs the duckdb-extension-fts package") from exc
    found = glob.glob(os.path.join(os.path.dirname(duckdb_extension_fts.__file__), "extensions", "*",
                                   "fts.duckdb_extension"))
    if not found:
        raise StoreError("duckdb-extension-fts is installed but holds no fts.duckdb_extension file")
    return found[0]


def connect(path: str, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if read_only and path != ":memory:" and not Path(path).exists():
        raise StoreError(f"no database at {path}: run `dateline run INPUT... --db {path}` first")
    try:
        return duckdb.connect(path, read_only=read_only, config=_CONFIG)
    except duckdb.IOException as exc:
        msg = str(exc)
        if "lock" in msg.lower():
            pid = re.search(r"PID (\d+)", msg)
            who = f" (process {pid.group(1)})" if pid else ""
            raise StoreLocked(f"{path} is in use by another Dateline process{who}; wait for it to finish "
                              "or use another --db") from None
        raise StoreError(f"cannot open {path}: {msg}") from None
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {path}: {exc}") from None


class Store:
    """One DuckDB file. Use as a context manager; writes happen in per-batch transactions."""

    def __init__(self, path: str = "dateline.duckdb", read_only: bool = False):
        self.path = path
        self.read_only = read_only
        self.con = connect(path, read_only=read_only)
        self._fts_loaded = False
        self._stories = None  # StoryIndex, loaded on the first write
        self._marked_stale = False  # this session has committed meta.fts_stale = '1'
        if not read_only:
            for ddl in TABLES.values():
                self.con.execute(ddl)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        try:
            self.con.close()
        except duckdb.Error:
            pass

    # -- writing -----------------------------------------------------------------

    def existing_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        found = self.con.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in found}

    def write_batch(self, extractions: list[Extraction], rejected: list[Rejected],
                    signatures: list | None = None) -> tuple[int, int]:
        """Store new articles and rejections in one transaction; returns (stored, duplicates).

        Stories, story-level events and the ledger of processed inputs are written in the
        same transaction (see `store/batch.py`)."""
        sigs = signatures or [None] * len(extractions)
        return self.write_units([unit_of(ex, sig) for ex, sig in zip(extractions, sigs)] +
                                [unit_of(r) for r in rejected])

    def write_units(self, units: list[Unit]) -> tuple[int, int]:
        if self._stories is None:
            self._stories = load_index(self.con)
        try:
            stored, duplicates = write_units(self.con, self._stories, units, mark_stale=not self._marked_stale)
            self._marked_stale = self._marked_stale or stored > 0
            return stored, duplicates
        except BaseException:
            self._stories = None  # the index may hold articles the rolled-back batch did not store
            raise

    def processed(self, keys: list[str]) -> dict[str, str]:
        """The ledger outcome of those inputs already processed (key -> outcome)."""
        if not keys:
            return {}
        return dict(self.con.execute("SELECT key, outcome FROM ingested WHERE key IN (SELECT unnest(?))",
                                     [keys]).fetchall())

    # -- full-text search ----------------------------------------------------------

    def load_fts(self) -> None:
        if not self._fts_loaded:
            self.con.execute(f"LOAD '{fts_extension_path()}'")
            self._fts_loaded = True

    def refresh_fts(self) -> None:
        """Rebuild the article index when articles changed since the last build."""
        self.load_fts()
        self._marked_stale = False  # the next stored batch marks the index stale again
        stale = self.con.execute("SELECT value FROM meta WHERE key = 'fts_stale'").fetchone()
        exists = self.con.execute(
            "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_articles'").fetchone()[0]
        if exists and not (stale and stale[0] == "1"):
            return
        self.con.execute("PRAGMA create_fts_index('articles', 'id', 'title', 'text', overwrite=1)")
        self.con.execute("INSERT OR REPLACE INTO meta VALUES ('fts_stale', '0')")
