"""End-to-end: a real uvicorn server on 127.0.0.1 and Debian's headless Chromium driven by Playwright.

Nothing here downloads a browser: Playwright is pointed at /usr/bin/chromium.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
SPECIMEN = Path(__file__).resolve().parent.parent / "examples" / "putin-china-olympics.txt"

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM),
                                reason=f"{CHROMIUM} is absent: install Debian's chromium and chromium-driver")


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline):
    from dateline.ingest import read_inputs
    from dateline.records import Extraction, Rejected
    from dateline.store.db import Store
    from dateline.web import create_app
    from test_web_data import build_store, live_server

    path = str(tmp_path_factory.mktemp("web") / "browser.duckdb")
    build_store(path)
    # the specimen story, processed through the real pipeline
    items = list(read_inputs([str(SPECIMEN)], pipeline.settings, published=date(2022, 2, 3)))
    with Store(path) as store:
        for batch in pipeline.process(items):
            store.write_batch([x for x in batch if isinstance(x, Extraction)],
                              [x for x in batch if isinstance(x, Rejected)])
        specimen_id = store.con.execute("SELECT id FROM articles WHERE dateline = 'MOSCOW'").fetchone()[0]
    app = create_app(path, settings=pipeline.settings)
    app.state.ingester._pipeline = pipeline  # share the loaded model with the other tests
    with live_server(app) as url:
        yield {"url": url, "specimen": specimen_id}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    pg.dialogs = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


def test_web_browser_specimen_article_shows_highlights_and_events(server, page):
    import httpx

    detail = httpx.get(f"{server['url']}/api/articles/{server['specimen']}").json()
    page.goto(f"{server['url']}/?q=Putin")
    page.click("ol.articles a.title >> nth=0")
    page.wait_for_selector("#article-text")
    assert page.inner_text("#article-title") == detail["article"]["title"]
    assert "Putin" in " ".join(page.locator("#article-text .hl.entity").all_inner_texts())
    # every coded event has a highlight whose selection shows its coding
    assert page.locator("#event-cards .event-card").count() == len(detail["events"])
    for ev in detail["events"]:
        key = f"event-{ev['event_no']}"
        page.locator(f"#article-text .hl[data-keys~='{key}']").first.click()
        shown = page.inner_text("#inspector")
        assert ev["type"] in shown and (ev["rule"] or "—") in shown
        page.locator(f"#article-text .hl[data-keys~='{key}']").first.click()  # unpin
    # every entity mention is highlighted: its characters sit in consecutive entity segments
    joined = "".join(page.locator("#article-text .hl.entity").all_inner_texts())
    mentions = [m["text"] for e in detail["entities"] for m in e["mentions"]]
    assert mentions and all(m in joined for m in mentions)


def test_web_browser_hover_shows_event_coding(server, page):
    page.goto(f"{server['url']}/articles/art-harbour")
    page.hover("#article-text .hl.event >> text=met Danish officials in")
    shown = page.inner_text("#inspector")
    for expected in ("CONSULT", "visit", "NOR", "Jon Berg", "DNK", "Oslo", "2024-03-04", "0.90",
                     "events.test.v1:met"):
        assert expected in shown, expected
    page.click("#article-text .hl.event >> text=detained two smugglers near")
    shown = page.inner_text("#inspector")
    assert "COERCE" in shown and "arrest" in shown and "Aarhus" in shown and "events.test.v1:detained" in shown
    page.click("#article-text .hl.quote")
    assert "Jon Berg" in page.inner_text("#inspector") and "quotes.test.v1:said" in page.inner_text("#inspector")


def test_web_browser_search_and_filters(server, page):
    page.goto(server["url"] + "/")
    page.fill("input[name=q]", "ferry")
    page.click("#search-form button")
    page.wait_for_load_state()
    titles = page.locator("ol.articles a.title").all_inner_texts()
    assert titles == ["Harbour ministers agree on ferry data"] * 2
    page.fill("input[name=date_from]", "2024-03-05")
    page.click("#search-form button")
    page.wait_for_load_state()
    assert page.locator("ol.articles a.title").count() == 1
    # facets: an actor facet narrows the whole store to the stories it acts in
    page.goto(server["url"] + "/")
    page.click("#facet-actor a >> text=DEU")
    page.wait_for_load_state()
    assert page.locator("ol.articles a.title").count() == 1
    assert "actor DEU" in page.inner_text(".active-filters")
    # events page: quad and source filters
    page.goto(server["url"] + "/events")
    page.select_option("select[name=quad]", "4")
    page.fill("input[name=source]", "DNK")
    page.click("form.filters button")
    page.wait_for_load_state()
    assert page.inner_text("#event-count") == "2"
    assert set(page.locator("#events-table td.etype").all_inner_texts()) == {"COERCE"}
    for path in ("/network", "/timeline", "/map"):
        page.goto(server["url"] + path)
        assert page.locator("svg").count() >= 1, path
    assert page.locator("svg.map path.country").count() > 100
    assert page.locator("svg.map circle.place").count() >= 2


def test_web_browser_upload_story(server, page, story_text):
    page.goto(server["url"] + "/upload")
    page.fill("textarea[name=text]", story_text)
    page.fill("input[name=published]", "2024-03-04")
    page.click("#upload-form button")
    page.wait_for_selector("#upload-result", timeout=120_000)
    assert "1 stored" in page.inner_text("#upload-result")
    page.click("#upload-result a")
    page.wait_for_selector("#article-text")
    assert page.inner_text("#article-title") == "Harbour talks end with a deal on ferry data"
    assert "Subscribe now" not in page.inner_text("#article-text")
    assert page.locator("#article-text .hl.entity").count() > 0


def test_web_browser_stored_xss_is_inert(server, page):
    page.goto(f"{server['url']}/articles/art-xss")
    for i in range(page.locator("#article-text .hl").count()):
        page.locator("#article-text .hl").nth(i).click()
    page.hover("#inspector")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.dialogs == []
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#article-title")
    assert page.locator("img[src=x]").count() == 0 and page.locator("a[href^='javascript:']").count() == 0
    # a pasted story with the same payloads stays inert too, and the page keeps its CSP
    page.goto(server["url"] + "/upload")
    page.fill("textarea[name=text]", "Pasted <script>window.__pwned=7</script> trap\n\n"
                                     "LONDON — Officials met in London. \"><img src=x onerror=window.__pwned=8> "
                                     "<a href=\"javascript:window.__pwned=9\">go</a>")
    page.click("#upload-form button")
    page.wait_for_selector("#upload-result", timeout=120_000)
    link = page.locator("#upload-result a")
    if link.count():
        link.first.click()
        page.wait_for_selector("#article-text")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("img[src=x]").count() == 0 and page.locator("a[href^='javascript:']").count() == 0
    response = page.goto(f"{server['url']}/articles/art-xss")
    assert "script-src 'self'" in response.headers["content-security-policy"]
