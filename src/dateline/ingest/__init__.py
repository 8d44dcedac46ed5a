"""Ingest: every input (file, folder, glob, stdin; txt, html, jsonl, warc; gzipped or not)
becomes a stream of `Document`s, or `Rejected` records saying why not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from urllib.parse import urlparse

from ..config import Settings
from ..records import Document, Rejected
from .decode import Undecodable, decode_bytes
from .jsonl import read_jsonl
from .sources import BAD_GZIP, TooLarge, expand, format_of, open_lines, read_limited

__all__ = ["read_inputs", "read_path", "document_from_bytes"]


def read_inputs(inputs: list[str], settings: Settings, published: date | None = None) -> Iterator[Document | Rejected]:
    """Documents from every input, in order. `published` fills in a missing date."""
    for path in expand(inputs):
        for item in read_path(path, settings):
            if isinstance(item, Document) and item.published is None and published is not None:
                item = _with_published(item, published)
            yield item


def _with_published(doc: Document, published: date) -> Document:
    from dataclasses import replace

    return replace(doc, published=published)


def read_path(path: str, settings: Settings, fmt: str | None = None) -> Iterator[Document | Rejected]:
    fmt = fmt or format_of(path) or ("txt" if path == "-" else None)
    if fmt is None:
        yield Rejected(path, path, "unsupported", "unknown file type (expected .txt, .html, .jsonl, .warc, or .gz of these)")
        return
    try:
        if fmt == "jsonl":
            stream = open_lines(path, settings.max_decompressed_bytes)
            try:
                yield from read_jsonl(stream, path, settings.max_input_bytes)
            finally:
                if path != "-":
                    stream.close()
        elif fmt == "warc":
            from .warc import read_warc

            yield from read_warc(path, settings)
        else:
            data = read_limited(path, settings.max_input_bytes, settings.max_decompressed_bytes)
            yield document_from_bytes(data, path, fmt)
    except TooLarge as exc:
        yield Rejected(path, path, "too_large", str(exc))
    except BAD_GZIP as exc:
        yield Rejected(path, path, "bad_gzip" if path.lower().endswith(".gz") else "unreadable", str(exc))


def document_from_bytes(data: bytes, source: str, fmt: str, doc_id: str | None = None, url: str | None = None,
                        published: date | None = None) -> Document | Rejected:
    doc_id = doc_id or ("stdin" if source == "-" else source)
    if not data.strip():
        return Rejected(doc_id, source, "empty", "no text")
    try:
        text, encoding = decode_bytes(data, html=fmt == "html")
    except Undecodable as exc:
        return Rejected(doc_id, source, exc.reason, exc.detail)
    if not text.strip():
        return Rejected(doc_id, source, "empty", "no text after decoding")
    return Document(
        id=doc_id,
        raw=text,
        kind="html" if fmt == "html" else "text",
        source="stdin" if source == "-" else source,
        url=url,
        domain=urlparse(url).hostname if url else None,
        published=published,
        encoding=encoding,
    )
