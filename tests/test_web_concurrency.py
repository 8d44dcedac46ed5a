"""The server keeps answering reads while stories are ingested through it (real uvicorn on 127.0.0.1)."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

from dateline.web import create_app
from test_web_data import build_store, live_server


@pytest.fixture
def live(tmp_path, pipeline):
    path = str(tmp_path / "live.duckdb")
    build_store(path)
    app = create_app(path, settings=pipeline.settings, max_upload_bytes=10_000_000)
    app.state.ingester._pipeline = pipeline
    with live_server(app) as url:
        yield url


def test_web_serves_reads_while_ingesting(live, story_text):
    # forty distinct stories in one upload keep the pipeline busy for a while
    lines = [json.dumps({"id": f"s{i}", "text": story_text.replace("Monday", f"day {i}").replace(
        "Harbour talks", f"Harbour talks {i}"), "published": "2024-03-04"}) for i in range(40)]
    result: dict = {}

    def ingest():
        with httpx.Client(base_url=live, timeout=300) as c:
            r = c.post("/api/upload", files={"file": ("batch.jsonl", "\n".join(lines).encode(), "application/jsonl")})
            result["status"] = r.status_code
            result["body"] = r.json()

    writer = threading.Thread(target=ingest)
    writer.start()
    statuses, slowest, during = [], 0.0, 0
    with httpx.Client(base_url=live, timeout=30) as c:
        while writer.is_alive():
            for path in ("/api/events?quad=4", "/api/stats", "/", "/articles/art-harbour", "/api/articles?q=ferry"):
                t0 = time.perf_counter()
                statuses.append(c.get(path).status_code)
                slowest = max(slowest, time.perf_counter() - t0)
            during += 1
    writer.join()
    assert result["status"] == 200 and result["body"]["stored"] == 40
    assert during >= 2, "the ingest finished before reads could overlap it"
    assert set(statuses) == {200}
    assert slowest < 10, f"a read waited {slowest:.1f} s behind the ingest"
    with httpx.Client(base_url=live) as c:
        assert c.get("/api/stats").json()["counts"]["articles"] == 43
        assert c.get("/api/articles", params={"q": "forecast"}).json()["total"] == 40
