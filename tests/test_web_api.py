"""The HTTP API and pages, in-process (no server started)."""

from __future__ import annotations

import io
import json

import pytest
from fastapi.testclient import TestClient

from dateline.web import create_app
from test_web_data import build_store


@pytest.fixture
def client(tmp_path):
    path = str(tmp_path / "web.duckdb")
    build_store(path)
    app = create_app(path, max_upload_bytes=20_000)
    with TestClient(app) as c:
        yield c
    app.state.db.close()


@pytest.fixture
def ro_client(tmp_path):
    path = str(tmp_path / "web.duckdb")
    build_store(path)
    app = create_app(path, read_only=True)
    with TestClient(app) as c:
        yield c
    app.state.db.close()


def test_web_events_filters_and_pagination(client):
    everything = client.get("/api/events").json()
    assert everything["total"] == 5
    conflict = client.get("/api/events", params={"quad": 4, "source": "DNK"}).json()
    assert conflict["total"] == 2 and {e["type"] for e in conflict["events"]} == {"COERCE"}
    assert all(e["quad"] == 4 and e["source"][0]["code"] == "DNK" for e in conflict["events"])
    dated = client.get("/api/events", params={"date_from": "2024-03-05", "date_to": "2024-03-08"}).json()
    assert {e["article_id"] for e in dated["events"]} == {"art-xss"}
    assert client.get("/api/events", params={"place": "aarhus"}).json()["total"] == 2
    assert client.get("/api/events", params={"type": "CONSULT,PROTEST"}).json()["total"] == 3
    page = client.get("/api/events", params={"limit": 2, "offset": 2, "sort": "confidence", "order": "asc"}).json()
    assert len(page["events"]) == 2 and page["total"] == 5
    confs = [e["confidence"] for e in client.get("/api/events", params={"sort": "confidence", "order": "asc"}).json()["events"]]
    assert confs == sorted(confs)


def test_web_events_hard_limits(client):
    assert client.get("/api/events", params={"limit": 501}).status_code == 422
    assert client.get("/api/events", params={"offset": -1}).status_code == 422
    assert client.get("/api/events", params={"quad": 9}).status_code == 422
    assert client.get("/api/events", params={"date_from": "yesterday"}).status_code == 422


def test_web_sql_in_filters_is_inert(client):
    for bad in ("'; DROP TABLE events; --", "\" OR 1=1 --", "DNK' OR '1'='1"):
        r = client.get("/api/events", params={"source": bad, "q": bad, "place": bad, "type": bad})
        assert r.status_code == 200 and r.json()["total"] == 0
        r = client.get("/api/articles", params={"q": bad, "source": bad})
        assert r.status_code == 200
    assert client.get("/api/events").json()["total"] == 5


def test_web_article_detail_spans_point_into_text(client):
    data = client.get("/api/articles/art-harbour").json()
    text = data["article"]["text"]
    assert data["article"]["dateline"] == "OSLO"
    for e in data["entities"]:
        for m in e["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]
    for ev in data["events"]:
        assert text[ev["evidence_start"]:ev["evidence_end"]] == ev["evidence_text"]
    assert {ev["type"] for ev in data["events"]} == {"CONSULT", "COERCE"}
    assert data["quotes"][0]["speaker_name"] == "Jon Berg"
    assert client.get("/api/articles/nope").status_code == 404
    same = client.get("/api/articles", params={"story": data["article"]["story"]}).json()["articles"]
    assert {c["id"] for c in data["copies"]} == {a["id"] for a in same} - {"art-harbour"}
    assert "art-xss" not in {c["id"] for c in data["copies"]}


def test_web_search_facets(client):
    r = client.get("/api/articles", params={"q": "ferry", "facets": "true"}).json()
    assert {a["id"] for a in r["articles"]} == {"art-harbour", "art-harbour-later"}
    assert {f["value"] for f in r["facets"]["type"]} == {"CONSULT", "COERCE"}
    assert client.get("/api/articles", params={"type": "PROTEST"}).json()["total"] == 1
    assert client.get("/api/articles", params={"actor": "NOR"}).json()["total"] == 2
    assert client.get("/api/articles", params={"date_from": "2024-03-06"}).json()["total"] == 1


def test_web_quotes_entities_actors_stories_stats(client):
    assert client.get("/api/quotes", params={"speaker": "berg"}).json()["total"] == 2
    assert client.get("/api/quotes", params={"q": "no such words"}).json()["total"] == 0
    names = {e["name"] for e in client.get("/api/entities", params={"type": "person"}).json()["entities"]}
    assert names == {"Jon Berg"}
    codes = {a["code"]: a for a in client.get("/api/actors").json()["actors"]}
    assert codes["DNK"]["as_source"] == 2 and codes["DNK"]["as_target"] == 4
    nor = client.get("/api/actors/NOR").json()
    assert nor["partners"][0]["partner"] == "DNK" and len(nor["quotes"]) == 2
    assert client.get("/api/stories").json()["stories"]
    stats = client.get("/api/stats").json()
    assert stats["counts"]["events"] == 5 and stats["counts"]["articles"] == 3


def test_web_charts_data(client):
    tl = client.get("/api/timeline").json()["days"]
    assert {(d["day"], d["quad"]) for d in tl} >= {("2024-03-04", 1), ("2024-03-04", 4)}
    net = client.get("/api/network").json()
    assert {(e["source"], e["target"]) for e in net["edges"]} == {("NOR", "DNK"), ("javascript:alert(1)", "DEU")}
    places = client.get("/api/places").json()["places"]
    assert {p["name"] for p in places} == {"Oslo", "Aarhus"}


def test_web_exports_csv_and_parquet(client):
    import pyarrow.parquet as pq

    csv = client.get("/api/events.csv", params={"quad": 4})
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.strip().splitlines()
    assert len(lines) == 4 and all("COERCE" in x or "PROTEST" in x for x in lines[1:])
    pqr = client.get("/api/events.parquet", params={"source": "NOR"})
    table = pq.read_table(io.BytesIO(pqr.content))
    assert table.num_rows == 2 and set(table.column("type").to_pylist()) == {"CONSULT"}


def test_web_security_headers_on_every_response(client):
    for path in ("/", "/api/stats", "/articles/art-xss", "/static/app.js", "/nope"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_web_stored_text_is_escaped(client):
    html = client.get("/articles/art-xss").text
    assert "<script>window" not in html and "<img src=x" not in html and 'href="javascript:' not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html
    for page in ("/", "/events", "/actors", "/network", "/map", "/actors/javascript:alert(1)"):
        body = client.get(page).text
        assert "<script>window" not in body and 'href="javascript:' not in body, page


def test_web_openapi_lists_the_api(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/articles", "/api/articles/{article_id}", "/api/quotes", "/api/entities",
                 "/api/actors", "/api/stories", "/api/stats", "/api/events.csv", "/api/events.parquet",
                 "/api/upload"):
        assert path in spec["paths"], path
    writes = [(p, m) for p, ops in spec["paths"].items() for m in ops if m != "get"]
    assert sorted(writes) == [("/api/articles", "post"), ("/api/upload", "post")]
    assert client.get("/docs").status_code == 404 and client.get("/redoc").status_code == 404


def test_web_upload_size_limit(client):
    big = "x" * 30_000
    r = client.post("/api/articles", json={"documents": [{"text": big}]})
    assert r.status_code == 413
    r = client.post("/api/upload", files={"file": ("big.txt", big.encode(), "text/plain")})
    assert r.status_code == 413
    r = client.post("/upload", data={"text": big})
    assert r.status_code == 413


def test_web_cross_origin_posts_are_refused(client):
    doc = {"documents": [{"text": "A title\n\nSome body text about ferries."}]}
    r = client.post("/api/articles", json=doc, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403 and "content-security-policy" in r.headers
    r = client.post("/upload", data={"text": "x"}, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    same = client.post("/api/articles", json={"documents": [{"text": " "}]}, headers={"Origin": "http://testserver"})
    assert same.status_code == 200


def test_web_read_only_server_refuses_writes(ro_client):
    r = ro_client.post("/api/articles", json={"documents": [{"text": "A title\n\nSome body text."}]})
    assert r.status_code == 403
    assert ro_client.get("/api/events").json()["total"] == 5


def test_web_ingest_rejects_empty_with_reason(client):
    r = client.post("/api/articles", json={"documents": [{"id": "blank", "text": "   "}]})
    assert r.status_code == 200
    assert r.json()["results"] == [{"id": "blank", "rejected": "empty", "detail": "no text or html"}]
    assert client.post("/api/articles", json={"documents": []}).status_code == 422


def test_web_ingest_stores_a_story(client, story_text):
    before = client.get("/api/stats").json()["counts"]["articles"]
    r = client.post("/api/articles", json={"documents": [{"id": "ferry", "text": story_text,
                                                          "published": "2024-03-04"}]})
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["stored"] == 1
    new_id = result["results"][0]["article"]
    detail = client.get(f"/api/articles/{new_id}").json()
    assert detail["article"]["published"] == "2024-03-04" and detail["entities"]
    assert "Subscribe now" not in detail["article"]["text"]
    assert client.get("/api/stats").json()["counts"]["articles"] == before + 1  # cached answers were dropped
    # the search index is rebuilt after the write
    hits = client.get("/api/articles", params={"q": "harbours"}).json()
    assert new_id in {a["id"] for a in hits["articles"]}
    again = client.post("/api/upload", files={"file": ("ferry.txt", story_text.encode(), "text/plain")},
                        data={"published": "2024-03-04"}).json()
    assert again["stored"] == 0 and again["duplicates"] == 1


def test_web_upload_jsonl_accounts_for_every_line(client, story_text):
    lines = [json.dumps({"id": "ok", "text": story_text}), "not json", json.dumps({"id": "nothing"})]
    r = client.post("/api/upload", files={"file": ("batch.jsonl", "\n".join(lines).encode(), "application/jsonl")})
    results = r.json()["results"]
    assert [x.get("rejected") for x in results] == [None, "bad_json", "missing_text"]


def test_web_pages_render(client):
    for path in ("/", "/?q=ferry&type=COERCE", "/events?quad=1", "/actors", "/actors/DNK", "/quotes",
                 "/network", "/timeline", "/map", "/upload", "/api-docs", "/articles/art-harbour"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html"), path
    assert "Oslo" in client.get("/map").text
    assert client.get("/articles/missing").status_code == 404
    # bad form values fall back to no filter instead of failing
    assert client.get("/events?date_from=garbage&quad=x&page=-3").status_code == 200
