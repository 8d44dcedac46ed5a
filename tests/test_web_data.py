"""Hand-made stores for the web tests (every text written for these tests), and checks on them."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager
from datetime import date

from dateline.records import Actor, Article, Entity, Event, Extraction, OffsetMap, Place, Quote, Span, TimeExpr
from dateline.store.db import Store

HARBOUR = ("Harbour ministers agree on ferry data\n\n"
           "OSLO — Norwegian minister Jon Berg met Danish officials in Oslo on Monday. "
           "\"Sharing harbour data is cheap safety,\" Berg said. "
           "Danish police later detained two smugglers near Aarhus.")
XSS = ('Trap <script>window.__pwned = 1</script> story\n\n'
       'BERLIN — A post said "><img src=x onerror="window.__pwned=2"> and linked '
       '<a href="javascript:window.__pwned=3">click</a> while officials met in Berlin.')


def span(text: str, needle: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle), needle)


def article(text: str, doc_id: str, published: date, source: str = "fixtures/harbour.txt",
            domain: str | None = "news.example") -> Article:
    title = text.split("\n", 1)[0]
    body_start = text.index("\n\n") + 2
    return Article(id=f"art-{doc_id}", doc_id=doc_id, text=text, body_start=body_start,
                   offsets=OffsetMap(((0, 0, len(text)),)), source=source, domain=domain, title=title,
                   title_span=Span(0, len(title), title), dateline=text[body_start:].split(" ", 1)[0],
                   published=published, language="en")


def harbour_extraction(doc_id: str = "harbour", published: date = date(2024, 3, 4)) -> Extraction:
    t = HARBOUR
    berg = Entity("E1", "Jon Berg", "PERSON", (span(t, "Jon Berg"), span(t, "Berg", 1)), title="minister",
                  country="NOR", code="NOR", sector="GOV")
    oslo_ent = Entity("E2", "Oslo", "GPE", (span(t, "Oslo"),), country="NOR", code="NOR")
    police = Entity("E3", "Danish police", "ORG", (span(t, "Danish police"),), country="DNK", code="DNK", sector="COP")
    quote = Quote(content=(span(t, "Sharing harbour data is cheap safety,"),), kind="direct",
                  speaker=span(t, "Berg", 1), speaker_entity="E1", cue=span(t, "said"), rule="quotes.test.v1:said")
    oslo = Place(span(t, "Oslo"), "Oslo", "NOR", 59.91, 10.75, "P", 3143244, "places.test.v1")
    aarhus = Place(span(t, "Aarhus"), "Aarhus", "DNK", 56.16, 10.21, "P", 2624652, "places.test.v1")
    meet = Event("CONSULT", span(t, "Norwegian minister Jon Berg met Danish officials in Oslo on Monday"),
                 source=(Actor("Jon Berg", "NOR", "GOV", "E1"),), target=(Actor("Danish officials", "DNK", "GOV"),),
                 mode="visit", cameo="042", place=oslo, date=published.isoformat(), confidence=0.9,
                 rule="events.test.v1:met")
    detain = Event("COERCE", span(t, "Danish police later detained two smugglers near Aarhus"),
                   source=(Actor("Danish police", "DNK", "COP", "E3"),), target=(Actor("two smugglers", "DNK", "CRM"),),
                   mode="arrest", cameo="173", place=aarhus, date=published.isoformat(), confidence=0.7,
                   rule="events.test.v1:detained")
    monday = TimeExpr(span(t, "on Monday"), "DATE", published.isoformat(), "times.test.v1")
    return Extraction(article(t, doc_id, published), entities=(berg, oslo_ent, police), quotes=(quote,),
                      events=(meet, detain), places=(oslo, aarhus), times=(monday,), stages=("test.v1",))


def xss_extraction() -> Extraction:
    t = XSS
    ev = Event("PROTEST", span(t, 'A post said "><img src=x onerror="window.__pwned=2">'),
               source=(Actor('<b onmouseover="window.__pwned=4">x</b>', "javascript:alert(1)"),),
               target=(Actor("Berlin", "DEU"),), mode="demo", date="2024-03-05", confidence=0.5,
               rule='<script>window.__pwned=5</script>')
    ent = Entity("E1", '<img src=x onerror="window.__pwned=6">', "ORG", (span(t, "officials"),),
                 code="javascript:alert(1)")
    return Extraction(article(t, "xss", date(2024, 3, 5), source="fixtures/<script>.txt",
                              domain='evil.example"><script>'),
                      entities=(ent,), events=(ev,), stages=("test.v1",))


def build_store(path: str) -> dict[str, str]:
    """A store with the harbour story, a second dated copy, and the XSS trap; returns article ids."""
    with Store(path) as store:
        store.write_batch([harbour_extraction(), harbour_extraction("harbour-later", date(2024, 3, 9)),
                           xss_extraction()], [])
        store.refresh_fts()
    return {"harbour": "art-harbour", "later": "art-harbour-later", "xss": "art-xss"}


@contextmanager
def live_server(app):
    """Serve `app` with uvicorn on a free 127.0.0.1 port in a thread; yields the base URL."""
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    assert srv.started, "server did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)
        app.state.db.close()


def test_web_data_spans_match_text():
    for ex in (harbour_extraction(), xss_extraction()):
        text = ex.article.text
        spans = [m for e in ex.entities for m in e.mentions] + [ev.evidence for ev in ex.events]
        spans += [s for q in ex.quotes for s in q.content] + [p.span for p in ex.places]
        for s in spans:
            assert text[s.start:s.end] == s.text


def test_web_data_store_builds(tmp_path):
    ids = build_store(str(tmp_path / "w.duckdb"))
    with Store(str(tmp_path / "w.duckdb"), read_only=True) as store:
        n = store.con.execute("SELECT count(*) FROM events").fetchone()[0]
        got = {r[0] for r in store.con.execute("SELECT id FROM articles").fetchall()}
    assert n == 5 and got == set(ids.values())
