"""Events once per story, mentions per article (fixtures written here)."""

from datetime import date

from dateline.clean import content_hash
from dateline.records import Actor, Article, Event, Extraction, OffsetMap, Span
from dateline.store.db import Store

BODY = ("Border guards from Norland detained four fishermen from Sudmark on Tuesday after their boat crossed into "
        "disputed waters, the coast guard said. Sudmark's foreign ministry protested the detentions and demanded "
        "the men's release within a day, calling the arrests a provocation. Officials in Norland said the boat "
        "had ignored repeated radio warnings and would be returned once an inquiry was finished.")


def copy_of(body: str, doc_id: str, domain: str, extra: str = "") -> Extraction:
    text = extra + body
    start = text.index("detained")
    evidence = Span(start, start + len("detained"), "detained")
    src, tgt = Actor("Border guards", "NRL"), Actor("fishermen", "SDM")
    events = (Event("COERCE", evidence, (src,), (tgt,), date="2024-03-05", confidence=0.8, rule="test"),
              Event("PROTEST", Span(0, 6, text[:6]), (Actor("ministry", "SDM"),), (Actor("Norland", "NRL"),),
                    date="2024-03-05", rule="test"))
    art = Article(id=content_hash(text), doc_id=doc_id, text=text, body_start=0,
                  offsets=OffsetMap(((0, 0, len(text)),)), source=f"{domain}/{doc_id}", domain=domain,
                  url=f"https://{domain}/{doc_id}", published=date(2024, 3, 5))
    return Extraction(article=art, events=events, stages=("test.v1",))


def test_scale_events_copies_are_mentions_of_one_event(tmp_path):
    db = str(tmp_path / "e.duckdb")
    first = copy_of(BODY, "a", "one.example")
    header = "Menu | World | Sport\nThe Valley Courier, est. 1901\n\n"
    second = copy_of(BODY, "b", "two.example", extra=header)  # near copy: another site's header
    third = copy_of(BODY, "c", "three.example")  # exact copy from a third site
    with Store(db) as store:
        store.write_batch([first, second], [])
        store.write_batch([third], [])  # a later batch joins the same events
        con = store.con
        stories = con.execute("SELECT count(DISTINCT story) FROM articles").fetchone()[0]
        rows = con.execute("SELECT type, article_id, story, num_mentions, num_articles, num_sources "
                           "FROM events ORDER BY type").fetchall()
        mentions = con.execute("SELECT count(*), count(DISTINCT input) FROM event_mentions").fetchone()
    assert stories == 1
    assert [(r[0], r[3], r[4], r[5]) for r in rows] == [("COERCE", 3, 3, 3), ("PROTEST", 3, 3, 3)]
    assert {r[1] for r in rows} == {first.article.id}  # stored as the first mention's row
    assert mentions == (6, 3)


def test_scale_events_other_stories_keep_their_own_events(tmp_path):
    db = str(tmp_path / "e.duckdb")
    other = ("Rail workers in Sudmark began a two-day strike on Monday over pay, halting most trains between "
             "the capital and the coast. The union said talks with the operator had broken down last week and "
             "that a longer strike was possible if the operator did not improve its offer soon.")
    with Store(db) as store:
        store.write_batch([copy_of(BODY, "a", "one.example"), copy_of(other + " " + BODY[:40], "z", "two.example")], [])
        n, stories = store.con.execute("SELECT count(*), count(DISTINCT story) FROM events").fetchone()
    assert n == 4 and stories == 2
