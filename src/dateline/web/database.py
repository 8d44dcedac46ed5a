"""The server's one handle on the store: many concurrent readers, one writer at a time.

DuckDB connections are not safe to share between threads, so each worker thread
reads through its own cursor (a connection to the same database instance), made
once per thread from a reader root. Writes (the ingest endpoint) go through the
`Store` connection under `write_lock`; DuckDB's MVCC lets readers carry on meanwhile.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import duckdb

from ..store.db import Store


class WebDB:
    def __init__(self, path: str, read_only: bool = False, threads: int | None = None,
                 memory_limit_mb: int | None = None):
        self.path = path
        self.read_only = read_only
        self.store = Store(path, read_only=read_only)
        if threads:
            # concurrent requests already keep the cores busy; one thread per query spends less CPU on each
            self.store.con.execute(f"SET threads = {int(threads)}")
        if memory_limit_mb:
            # several worker processes share the machine's memory (DuckDB's default is 80 % of it each)
            self.store.con.execute(f"SET memory_limit = '{int(memory_limit_mb)}MiB'")
        self.write_lock = threading.Lock()
        self._cursor_lock = threading.Lock()
        self._local = threading.local()
        self._cursors: list[duckdb.DuckDBPyConnection] = []
        self.fts = False
        try:
            if read_only:
                self.store.load_fts()
            else:
                self.store.refresh_fts()
            self.fts = self._fts_ready()
        except Exception:  # no FTS extension or index: search falls back to substring match
            self.fts = False
        self._root = self.store.con.cursor()
        # Answers of the costlier aggregate queries, dropped whenever this server writes. Nobody else
        # can write meanwhile: the server holds the file (DuckDB allows one writer or many readers).
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.cache_size = 512
        self._generation = 0

    def _fts_ready(self) -> bool:
        found = self.store.con.execute(
            "SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'fts_main_articles'").fetchone()
        return bool(found and found[0])

    def cursor(self) -> duckdb.DuckDBPyConnection:
        cur = getattr(self._local, "cur", None)
        if cur is None:
            with self._cursor_lock:
                cur = self._root.cursor()
                self._cursors.append(cur)
            self._local.cur = cur
        return cur

    def rows(self, sql: str, params: list[Any] | tuple = ()) -> list[dict[str, Any]]:
        cur = self.cursor()
        result = cur.execute(sql, list(params))
        names = [d[0] for d in result.description]
        return [dict(zip(names, row)) for row in result.fetchall()]

    def one(self, sql: str, params: list[Any] | tuple = ()) -> dict[str, Any] | None:
        found = self.rows(sql, params)
        return found[0] if found else None

    def value(self, sql: str, params: list[Any] | tuple = ()) -> Any:
        row = self.cursor().execute(sql, list(params)).fetchone()
        return row[0] if row else None

    def arrow(self, sql: str, params: list[Any] | tuple = ()):
        return self.cursor().execute(sql, list(params)).to_arrow_table()

    def cached(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        with self._cache_lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            generation = self._generation
        value = compute()
        with self._cache_lock:
            if generation != self._generation:  # a write landed meanwhile: this answer may be stale
                return value
            self._cache[key] = value
            while len(self._cache) > self.cache_size:
                self._cache.popitem(last=False)
        return value

    def _invalidate(self) -> None:
        with self._cache_lock:
            self._cache.clear()
            self._generation += 1

    def write(self, extractions, rejected) -> tuple[int, int]:
        """Store one batch, then rebuild the search index (readers never see half a batch)."""
        if self.read_only:
            raise PermissionError("the server was started read-only")
        with self.write_lock:
            try:
                stored = self.store.write_batch(extractions, rejected)
            finally:
                self._invalidate()
            try:
                self.store.refresh_fts()
                self.fts = self._fts_ready()
            except Exception:
                self.fts = False
            self._invalidate()
            return stored

    def close(self) -> None:
        with self._cursor_lock:
            for cur in self._cursors:
                try:
                    cur.close()
                except duckdb.Error:
                    pass
            self._cursors.clear()
        try:
            self._root.close()
        except duckdb.Error:
            pass
        self.store.close()
