from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from dateline.config import Settings
from dateline.ingest import read_inputs
from dateline.records import Document, Rejected

PAGE = (b"<html><head><title>Ferry deal signed</title></head><body><nav>Home | News</nav><article>"
        b"<h1>Ferry deal signed</h1><p>OSLO - Norway and Denmark signed an agreement on Monday to share "
        b"ferry traffic data, the transport ministry said in a statement.</p><p>The first joint forecast is "
        b"due next month, officials added, and both ports will publish their figures.</p></article></body></html>")


def write_warc(path, pages, gzip=True):
    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "dateline tests"}))
        for url, status, ctype, body in pages:
            w.write_record(w.create_warc_record(url, "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http,
                                                warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"}))


@pytest.mark.parametrize("gz", [True, False])
def test_warc_html_responses_become_documents_and_others_are_rejected(tmp_path, gz):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, [
        ("https://news.example.com/ferry", "200 OK", "text/html; charset=utf-8", PAGE),
        ("https://news.example.com/gone", "404 Not Found", "text/html", b"<html>missing</html>"),
        ("https://news.example.com/report.pdf", "200 OK", "application/pdf", b"%PDF-1.4 not a page"),
        ("https://other.example.org/moved", "301 Moved Permanently", "text/html", b""),
    ], gzip=gz)
    items = list(read_inputs([str(path)], Settings()))
    docs = [x for x in items if isinstance(x, Document)]
    rejected = {x.doc_id: x.reason for x in items if isinstance(x, Rejected)}
    assert len(docs) == 1
    doc = docs[0]
    assert doc.url == "https://news.example.com/ferry" and doc.domain == "news.example.com"
    assert doc.kind == "html" and "ferry traffic data" in doc.raw
    assert str(doc.fetched) == "2024-03-05" and doc.published is None
    assert rejected == {"https://news.example.com/gone": "http_error",
                        "https://news.example.com/report.pdf": "not_html",
                        "https://other.example.org/moved": "http_error"}
    sources = [x.source for x in items]
    assert len(set(sources)) == len(sources)  # every record its own input, for the ledger


def test_warc_fetch_date_is_the_fallback_publication_date(tmp_path, pipeline):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://news.example.com/ferry", "200 OK", "text/html", PAGE)])
    doc = next(x for x in read_inputs([str(path)], Settings()) if isinstance(x, Document))
    result = pipeline.extract_one(doc)
    assert str(result.article.published) == "2024-03-05"
    assert result.article.domain == "news.example.com"
    assert "Home | News" not in result.article.body


def test_warc_truncated_file_keeps_what_was_read(tmp_path):
    path = tmp_path / "crawl.warc"
    write_warc(path, [("https://news.example.com/ferry", "200 OK", "text/html", PAGE),
                      ("https://news.example.com/two", "200 OK", "text/html", PAGE.replace(b"Monday", b"Friday"))],
               gzip=False)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) - 200])
    items = list(read_inputs([str(path)], Settings()))
    assert any(isinstance(x, Document) and x.url.endswith("/ferry") for x in items)
