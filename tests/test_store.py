import duckdb
import pytest

from dateline.config import Settings
from dateline.errors import StoreLocked
from dateline.run.local import run_local
from dateline.store.db import Store
from dateline.store.queries import article_detail, corpus_stats, find_article_id, search_articles


@pytest.fixture
def corpus(tmp_path, story_text):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(story_text)
    (folder / "b.txt").write_text("Floods close roads\n\nHeavy rain flooded roads across the valley on Sunday, "
                                  "officials said, and schools stayed shut.\n")
    (folder / "empty.txt").write_text("")
    return folder


def test_store_run_stores_articles_and_rejections(tmp_path, corpus):
    db = str(tmp_path / "t.duckdb")
    summary = run_local([str(corpus)], Settings(db=db))
    assert summary.stored == 2 and summary.rejected == {"empty": 1}
    with Store(db, read_only=True) as store:
        stats = corpus_stats(store)
    assert stats["counts"]["articles"] == 2 and stats["counts"]["rejected"] == 1
    assert stats["counts"]["entities"] > 0


def test_store_reingest_is_idempotent(tmp_path, corpus):
    db = str(tmp_path / "t.duckdb")
    run_local([str(corpus)], Settings(db=db))
    with Store(db, read_only=True) as s:
        before = {t: s.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("articles", "entities", "mentions", "rejected")}
    again = run_local([str(corpus)], Settings(db=db))
    assert again.stored == 0 and again.duplicates == 2
    with Store(db, read_only=True) as s:
        after = {t: s.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert before == after


def test_store_full_text_search_and_detail(tmp_path, corpus):
    db = str(tmp_path / "t.duckdb")
    run_local([str(corpus)], Settings(db=db))
    with Store(db) as store:
        hits = search_articles(store, "ferry")
        assert len(hits) == 1 and "Harbour" in hits[0]["title"]
        assert search_articles(store, "'; DROP TABLE articles; --") == []
        detail = article_detail(store, find_article_id(store, hits[0]["id"][:6]))
    assert detail["dateline"] == "OSLO"
    for e in detail["entities"]:
        for m in e["mentions"]:
            assert detail["text"][m["start"]:m["end"]] == m["text"]


def test_store_second_writer_gets_clear_error(tmp_path):
    import subprocess
    import sys

    db = str(tmp_path / "locked.duckdb")
    holder = subprocess.Popen([sys.executable, "-c",
                               f"import duckdb,time; c=duckdb.connect({db!r}); print('ready', flush=True); time.sleep(30)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreLocked, match="in use by another"):
            Store(db)
    finally:
        holder.kill()


def test_store_fts_loads_from_package_not_network(tmp_path):
    from dateline.store.db import fts_extension_path

    con = duckdb.connect(config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    con.execute(f"LOAD '{fts_extension_path()}'")


def test_store_search_index_is_marked_stale_again_after_a_refresh(tmp_path):
    # The writer marks the full-text index stale once per session, and again after each rebuild.
    from dateline.records import Article, Extraction, OffsetMap
    from dateline.stories import signature

    def ex(body: str) -> Extraction:
        from dateline.clean import content_hash

        art = Article(id=content_hash(body), doc_id=body[:8], text=body, body_start=0,
                      offsets=OffsetMap(((0, 0, len(body)),)), source=body[:8])
        return Extraction(article=art)

    def stale(store: Store) -> str | None:
        row = store.con.execute("SELECT value FROM meta WHERE key = 'fts_stale'").fetchone()
        return row[0] if row else None

    bodies = ["Ferries will run all winter on the northern route, the port said on Monday.",
              "The library opens until midnight in exam season, the council said.",
              "Volunteers planted two thousand trees along the river on Sunday morning."]
    with Store(str(tmp_path / "s.duckdb")) as store:
        store.write_batch([ex(bodies[0])], [], [signature(bodies[0])])
        assert stale(store) == "1"
        store.refresh_fts()
        assert stale(store) == "0"
        store.write_batch([ex(bodies[1])], [], [signature(bodies[1])])
        assert stale(store) == "1"  # marked again after the rebuild
        store.con.execute("UPDATE meta SET value = '0' WHERE key = 'fts_stale'")  # pretend nothing changed
        store.write_batch([ex(bodies[2])], [], [signature(bodies[2])])
        assert stale(store) == "0"  # same session, already marked: no statement per batch
