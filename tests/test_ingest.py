import gzip
import io
import json
import sys

import pytest

from dateline.config import Settings
from dateline.ingest import read_inputs, read_path
from dateline.records import Document, Rejected


def _one(path, settings=None):
    items = list(read_path(str(path), settings or Settings()))
    assert len(items) == 1
    return items[0]


def test_ingest_txt_reader(tmp_path, story_text):
    p = tmp_path / "a.txt"
    p.write_text(story_text)
    doc = _one(p)
    assert isinstance(doc, Document) and doc.kind == "text" and doc.raw == story_text


def test_ingest_html_reader(tmp_path):
    p = tmp_path / "a.html"
    p.write_text("<html><body><p>Hello there, this is a page.</p></body></html>")
    doc = _one(p)
    assert isinstance(doc, Document) and doc.kind == "html"


def test_ingest_jsonl_reader_keeps_ids_and_rejects_bad_lines(tmp_path):
    p = tmp_path / "b.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "x1", "text": "Some text here.", "published": "2022-02-03"}),
        "this is not json",
        json.dumps({"id": "x3", "title": "no text field"}),
        json.dumps({"id": "x4", "text": 42}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "x6", "html": "<p>Page</p>", "url": "https://example.org/a"}),
    ]) + "\n")
    items = list(read_path(str(p), Settings()))
    assert [type(i).__name__ for i in items] == ["Document", "Rejected", "Rejected", "Rejected", "Rejected", "Document"]
    assert items[0].id == "x1" and str(items[0].published) == "2022-02-03"
    assert [i.reason for i in items if isinstance(i, Rejected)] == ["bad_json", "missing_text", "bad_json", "bad_json"]
    assert items[5].kind == "html" and items[5].url == "https://example.org/a"


def test_ingest_gz_of_each_format(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"Plain text story.\n"))
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(b'{"id": "j", "text": "Line story."}\n'))
    items = list(read_inputs([str(tmp_path)], Settings()))
    assert sorted(i.raw for i in items) == ["Line story.", "Plain text story.\n"]


def test_ingest_folder_recursive_and_glob(tmp_path):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "c.txt").write_text("Deep story.")
    (tmp_path / "d.txt").write_text("Top story.")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")
    assert len(list(read_inputs([str(tmp_path)], Settings()))) == 2
    assert len(list(read_inputs([str(tmp_path / "*.txt")], Settings()))) == 1


def test_ingest_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"A story from a pipe.")))
    items = list(read_inputs(["-"], Settings()))
    assert items[0].raw == "A story from a pipe." and items[0].source == "stdin"


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("binary.txt", bytes(range(256)) * 40, "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "binary"),
    ("corrupt.txt.gz", b"\x1f\x8b\x08\x00garbage-not-deflate", "bad_gzip"),
])
def test_ingest_bad_files_are_rejected_with_reason(tmp_path, name, data, reason):
    p = tmp_path / name
    p.write_bytes(data)
    item = _one(p)
    assert isinstance(item, Rejected) and item.reason == reason


def test_ingest_too_large_single_line(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_bytes(b"word " * (10 * 1024 * 1024))  # 50 MB on one line
    item = _one(p)
    assert isinstance(item, Rejected) and item.reason == "too_large"


def test_ingest_gzip_bomb_stops_at_limit(tmp_path):
    p = tmp_path / "bomb.txt.gz"
    p.write_bytes(gzip.compress(b"a" * 5_000_000))
    item = _one(p, Settings(max_decompressed_bytes=1_000_000))
    assert isinstance(item, Rejected) and item.reason == "too_large"


def test_ingest_invalid_utf8_is_decoded_by_detection(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("Caf\u00e9 owners in S\u00e3o Paulo protested on Monday against new rules.".encode("latin-1"))
    doc = _one(p)
    assert isinstance(doc, Document) and "São Paulo" in doc.raw and doc.encoding != "utf-8"


def test_ingest_nul_bytes_are_removed(tmp_path):
    p = tmp_path / "nul.txt"
    p.write_bytes(b"A story\x00 with a stray NUL byte in it.")
    doc = _one(p)
    assert isinstance(doc, Document) and "\x00" not in doc.raw


def test_ingest_missing_input_is_a_usage_error():
    from dateline.errors import UsageError

    with pytest.raises(UsageError):
        list(read_inputs(["/no/such/file.txt"], Settings()))
