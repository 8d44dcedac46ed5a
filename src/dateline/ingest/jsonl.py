"""JSONL reader: one batch-contract input object per line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from ..records import Document, Rejected
from .dates import parse_date
from .storable import storable_text


# JSON's \uD800-style escapes can smuggle lone surrogates into a str, and "\u0000" NULs:
# made storable one character for one, so offsets still point into the input's "text".
_text = storable_text


def read_jsonl(stream: BinaryIO, source: str, max_line_bytes: int) -> Iterator[Document | Rejected]:
    lineno = 0
    while True:
        line = stream.readline(max_line_bytes + 1)
        if not line:
            return
        lineno += 1
        where = f"{source}:{lineno}"
        if len(line) > max_line_bytes and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield Rejected(where, where, "too_large", f"line longer than {max_line_bytes:,} bytes")
            continue
        if not line.strip():
            continue
        yield parse_line(line, where)


def _skip_rest_of_line(stream: BinaryIO) -> None:
    while True:
        chunk = stream.readline(1 << 20)
        if not chunk or chunk.endswith(b"\n"):
            return


def parse_line(line: bytes, where: str) -> Document | Rejected:
    try:
        obj = json.loads(line)
    except (ValueError, UnicodeDecodeError) as exc:
        return Rejected(where, where, "bad_json", f"not JSON: {exc}")
    if not isinstance(obj, dict):
        return Rejected(where, where, "bad_json", f"expected an object, got {type(obj).__name__}")
    doc_id = obj.get("id", where)
    if not isinstance(doc_id, (str, int)):
        return Rejected(where, where, "bad_json", "'id' must be a string or a number")
    doc_id = _text(str(doc_id))
    text, html = obj.get("text"), obj.get("html")
    if text is None and html is None:
        return Rejected(doc_id, where, "missing_text", "the object has neither 'text' nor 'html'")
    body = html if text is None else text
    if not isinstance(body, str):
        return Rejected(doc_id, where, "bad_json", "'text'/'html' must be a string")
    published: date | None = None
    if obj.get("published") is not None:
        published = parse_date(obj["published"])
        if published is None:
            return Rejected(doc_id, where, "bad_json", f"'published' is not a date: {obj['published']!r}")
    title = obj.get("title")
    url = obj.get("url")
    return Document(
        id=doc_id,
        raw=_text(body),
        kind="text" if text is not None else "html",
        source=where,
        url=_text(url) if isinstance(url, str) else None,
        published=published,
        title=_text(title) if isinstance(title, str) and title.strip() else None,
    )
