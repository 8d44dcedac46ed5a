"""Several read-only server processes (`dateline serve --read-only --workers N`) and the answer cache."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import duckdb
import httpx
import pytest
from click.testing import CliRunner
from fastapi.encoders import jsonable_encoder
from fastapi.testclient import TestClient

from dateline.cli.serve import command as serve_command
from dateline.web import create_app
from dateline.web import queries as Q
from test_web_data import build_store, harbour_extraction

SRC = str(Path(__file__).resolve().parent.parent / "src")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    out.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return out


def _workers(pid: int) -> list[int]:
    """The server's worker processes (not multiprocessing's resource tracker)."""
    found = []
    for child in _children(pid):
        try:
            cmd = Path(f"/proc/{child}/cmdline").read_bytes()
        except OSError:
            continue
        if b"spawn_main" in cmd:
            found.append(child)
    return found


def _listeners(port: int) -> int:
    """Listening sockets on the port: with SO_REUSEPORT each worker has its own, and a worker
    process that exists but is still starting up has none yet."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            rows = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for row in rows:
            fields = row.split()
            if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:  # 0A: LISTEN
                count += 1
    return count


def _wait(predicate, timeout: float = 60, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def multi_server(tmp_path):
    path = str(tmp_path / "multi.duckdb")
    build_store(path)
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": SRC + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.Popen([sys.executable, "-c", "from dateline.cli import main; main()", "serve", "--db", path,
                             "--port", str(port), "--read-only", "--workers", "2"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"

    def up():
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read().decode(errors='replace')}")
        try:
            return httpx.get(url + "/api/stats", timeout=5).status_code == 200 and len(_workers(proc.pid)) == 2 \
                and _listeners(port) == 2  # both listen: killing one must leave the other serving
        except httpx.HTTPError:
            return False

    try:
        _wait(up, what="two workers to answer")
        yield {"url": url, "proc": proc, "path": path}
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def _get_fresh_connection(url: str) -> tuple[int, dict, dict]:
    # a new connection each time, so the kernel spreads them over the workers
    with httpx.Client(base_url=url, timeout=30) as c:
        r = c.get("/api/events", params={"quad": 4, "source": "DNK"})
        return r.status_code, dict(r.headers), r.json()


def test_web_workers_answer_read_only_and_stop_cleanly(multi_server):
    url, proc = multi_server["url"], multi_server["proc"]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda _: _get_fresh_connection(url), range(40)))
    assert {status for status, _, _ in answers} == {200}
    assert all("content-security-policy" in headers for _, headers, _ in answers)
    bodies = {json.dumps(body, sort_keys=True) for _, _, body in answers}
    assert len(bodies) == 1 and json.loads(bodies.pop())["total"] == 2
    # every worker opened the store read-only: the write endpoints are refused
    r = httpx.post(url + "/api/articles", json={"documents": [{"text": "Title\n\nOSLO — Officials met."}]})
    assert r.status_code == 403
    workers = _workers(proc.pid)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=30) == 0
    assert not [p for p in workers if Path(f"/proc/{p}").exists() and b"spawn_main" in
                Path(f"/proc/{p}/cmdline").read_bytes()], "a worker outlived the server"
    # the file is free again: a writer can open it
    duckdb.connect(multi_server["path"]).close()


def test_web_workers_restart_a_worker_that_dies(multi_server):
    url, proc = multi_server["url"], multi_server["proc"]
    victim = _workers(proc.pid)[0]
    os.kill(victim, signal.SIGKILL)
    port = int(url.rsplit(":", 1)[1])
    _wait(lambda: victim not in _workers(proc.pid) and len(_workers(proc.pid)) == 2 and _listeners(port) == 2,
          what="a replacement worker listening")
    with ThreadPoolExecutor(4) as pool:
        statuses = {s for s, _, _ in pool.map(lambda _: _get_fresh_connection(url), range(20))}
    assert statuses == {200}


def test_web_workers_need_read_only(tmp_path):
    path = str(tmp_path / "w.duckdb")
    build_store(path)
    result = CliRunner().invoke(serve_command, ["--db", path, "--workers", "2"])
    assert result.exit_code == 2 and "--read-only" in result.output


def test_web_workers_port_in_use_is_a_clear_error(tmp_path):
    path = str(tmp_path / "w.duckdb")
    build_store(path)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(serve_command, ["--db", path, "--read-only", "--workers", "2",
                                                    "--port", str(port)])
    assert result.exit_code == 1 and "cannot serve" in result.output


# -- the answer cache -----------------------------------------------------------------------------------

@pytest.fixture
def app_client(tmp_path):
    path = str(tmp_path / "cache.duckdb")
    build_store(path)
    app = create_app(path)
    with TestClient(app) as c:
        yield app, c
    app.state.db.close()


def test_web_events_json_matches_the_query(app_client):
    app, client = app_client
    for params in ({}, {"source": "DNK", "sort": "confidence", "order": "asc"}, {"type": "protest, consult"},
                   {"limit": 1, "offset": 1}):
        got = client.get("/api/events", params=params)
        assert got.status_code == 200 and got.headers["content-type"] == "application/json"
        f = Q.EventFilter(source=params.get("source"), type=params.get("type"))
        want = Q.events(app.state.db, f, params.get("sort", "date"), params.get("order", "desc"),
                        params.get("limit", 50), params.get("offset", 0))
        assert got.json() == json.loads(json.dumps(jsonable_encoder(want)))


def test_web_events_equivalent_filters_share_a_cache_entry(app_client, monkeypatch):
    _, client = app_client
    calls = []
    real = Q.events
    monkeypatch.setattr(Q, "events", lambda *a, **k: calls.append(a) or real(*a, **k))
    first = client.get("/api/events", params={"type": "PROTEST,consult"}).json()
    second = client.get("/api/events", params={"type": " consult , protest", "source": ""}).json()
    assert first == second and first["total"] == 3
    assert len(calls) == 1
    client.get("/api/events", params={"type": "PROTEST"})
    assert len(calls) == 2


def test_web_events_cache_dropped_when_the_server_writes(app_client):
    app, client = app_client
    full = client.get("/api/events", params={"source": "DNK"}).json()
    one = client.get("/api/events", params={"source": "DNK", "limit": 1}).json()  # caches the count too
    assert full["total"] == one["total"] == 2
    app.state.db.write([harbour_extraction("harbour-third", date(2024, 3, 20))], [])
    full = client.get("/api/events", params={"source": "DNK"}).json()
    one = client.get("/api/events", params={"source": "DNK", "limit": 1}).json()
    assert full["total"] == one["total"] == 3
    assert one["events"][0]["date"] == "2024-03-20"


def test_web_events_cache_dropped_after_ingest(app_client, pipeline, story_text):
    app, client = app_client
    app.state.ingester._pipeline = pipeline
    before = client.get("/api/events", params={"limit": 500}).json()
    r = client.post("/api/articles", json={"documents": [{"id": "ferry", "text": story_text,
                                                          "published": "2024-03-04"}]})
    assert r.status_code == 200 and r.json()["stored"] == 1
    added = r.json()["results"][0]["events"]
    assert added > 0, "the fixture story should give at least one event"
    after = client.get("/api/events", params={"limit": 500}).json()
    assert after["total"] == before["total"] + added


def test_web_workers_socket_turns_nagle_off():
    # asyncio sets TCP_NODELAY only on sockets created with proto=TCP; without it, every response
    # written in two parts waited ~40 ms for the client's delayed ACK
    from dateline.web.workers import _listening_socket

    sock = _listening_socket("127.0.0.1", 0)
    try:
        assert sock.proto == socket.IPPROTO_TCP
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT)
    finally:
        sock.close()


def test_web_workers_share_the_memory_limit(tmp_path):
    from dateline.cli.serve import _memory_share_mb
    from dateline.web.database import WebDB

    assert _memory_share_mb(4) < _memory_share_mb(1) and _memory_share_mb(64) >= 256
    path = str(tmp_path / "m.duckdb")
    build_store(path)
    db = WebDB(path, read_only=True, memory_limit_mb=300)
    try:
        limit = db.value("SELECT current_setting('memory_limit')")
        assert limit.startswith("300") and "MiB" in limit
    finally:
        db.close()


def test_web_workers_second_server_on_the_same_port_is_refused(multi_server, tmp_path):
    port = int(multi_server["url"].rsplit(":", 1)[1])
    other = str(tmp_path / "other.duckdb")
    build_store(other)
    result = CliRunner().invoke(serve_command, ["--db", other, "--read-only", "--workers", "2", "--port", str(port)])
    assert result.exit_code == 1 and "already serving" in result.output


def test_web_app_starts_warm_on_an_empty_store(tmp_path):
    # create_app runs one events query at start (DuckDB's first reads); an empty store must not mind
    from dateline.store.db import Store

    path = str(tmp_path / "empty.duckdb")
    Store(path).close()
    app = create_app(path)
    try:
        with TestClient(app) as c:
            body = c.get("/api/events").json()
        assert body["total"] == 0 and body["events"] == []
    finally:
        app.state.db.close()
