"""Truncated WARC files in a batch: the complete records are stored, the broken tail is
rejected with a reason, and the other inputs of the batch are unaffected."""

from __future__ import annotations

import io

import duckdb
import pytest

from dateline.config import Settings
from dateline.run.local import run_local

PAGES = [
    ("https://news.example.org/ferry", "Norway and Denmark sign ferry pact",
     "Norwegian Transport Minister Jon Berg met Danish officials in Oslo on Monday and signed an agreement "
     "to share ferry traffic data between the two countries' harbours."),
    ("https://news.example.org/grain", "Grain exports resume from Odesa",
     "Ukraine's agriculture ministry said on Tuesday that grain shipments from Odesa had resumed after a "
     "two-week pause, and officials in Ankara welcomed the news."),
    ("https://news.example.org/lagos", "Lagos council approves bus lanes",
     "The Lagos state council approved three new bus lanes on Wednesday after a long debate about traffic "
     "on the mainland bridges, a council spokesman said."),
]


def _warc(gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    for url, title, text in PAGES:
        html = (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
                f"<p>{text}</p><p>{text.split(',')[0]}, the report added.</p></article></body></html>").encode()
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html),
                                                      http_headers=headers))
    return out.getvalue()


@pytest.mark.parametrize("gzip", [False, True], ids=["warc", "warc.gz"])
def test_reliability_truncated_warc_keeps_complete_records(tmp_path, gzip):
    data = _warc(gzip)
    cut = int(len(data) * 0.8)  # inside the third record
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    (tmp_path / name).write_bytes(data[:cut])
    (tmp_path / "good.txt").write_text("Harbour talks end with a deal\n\nOfficials in Bergen signed a new "
                                       "agreement with Danish ferry operators on Monday, the ministry said.\n")
    db = str(tmp_path / "w.duckdb")
    run_local([str(tmp_path / name), str(tmp_path / "good.txt")], Settings(db=db))
    con = duckdb.connect(db, read_only=True)
    urls = {r[0] for r in con.execute("SELECT url FROM articles WHERE url IS NOT NULL").fetchall()}
    rejected = con.execute("SELECT source, reason, detail FROM rejected").fetchall()
    good = con.execute("SELECT count(*) FROM articles WHERE source LIKE '%good.txt'").fetchone()[0]
    con.close()
    assert good == 1
    assert urls == {PAGES[0][0], PAGES[1][0]}
    assert len(rejected) == 1 and rejected[0][1] in {"bad_warc", "bad_gzip", "truncated"} and rejected[0][2]
    assert rejected[0][0].endswith(f"{name}#3")


def test_reliability_complete_warc_stores_every_page(tmp_path):
    (tmp_path / "crawl.warc.gz").write_bytes(_warc(True))
    db = str(tmp_path / "w.duckdb")
    summary = run_local([str(tmp_path / "crawl.warc.gz")], Settings(db=db))
    con = duckdb.connect(db, read_only=True)
    urls = {r[0] for r in con.execute("SELECT url FROM articles").fetchall()}
    con.close()
    assert urls == {p[0] for p in PAGES} and summary.stored == 3
