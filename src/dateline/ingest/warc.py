"""WARC reader (Common Crawl News layout): HTML responses become Documents.

Each `response` (or `resource`) record with an HTML payload and a 2xx status becomes
a Document with its URL, source domain and fetch date (`WARC-Date`, used as the
publication date when the page carries none). Other responses are rejected with a
reason: `http_error` (non-2xx), `not_html` (PDF, images, JSON, ...), `revisit`
(a pointer to an earlier capture), `too_large`, or what decoding the bytes says
(`binary`, `empty`). `request`, `metadata` and `warcinfo` records describe the crawl,
not pages, and are passed over. The record's number in the file makes each input's
`source` unique (`path#number`), so resumed runs can skip what they already stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..config import Settings
from ..records import Document, Rejected
from . import document_from_bytes
from .dates import parse_date
from .sources import BAD_GZIP, open_lines

_PAGE_RECORDS = ("response", "resource")
_SKIPPED_RECORDS = ("request", "metadata", "warcinfo", "conversion", "continuation")
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(path: str, settings: Settings) -> Iterator[Document | Rejected]:
    """Documents (and rejections) for the page records of one .warc / .warc.gz file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    # warcio reads a .warc.gz member by member itself; handing it one decompressed stream
    # would lose every record when the last member is cut short. Payloads are capped per
    # record (max_input_bytes), which bounds what a compressed bomb can cost.
    stream = open(path, "rb") if path != "-" else open_lines(path, settings.max_decompressed_bytes)
    try:
        records = ArchiveIterator(stream)
        number, end = 0, 0
        while True:
            number += 1
            try:
                record = next(records)
            except StopIteration:
                tail = _unread_tail(stream, end)
                if tail:  # warcio stops quietly at a record cut short: say so
                    where = f"{path}#{number}"
                    yield Rejected(where, where, "bad_warc", f"the file ends inside a record ({tail:,} bytes left over)")
                return
            except (ArchiveLoadFailed, ValueError, *BAD_GZIP) as exc:  # a corrupt tail: keep what we read
                where = f"{path}#{number}"
                yield Rejected(where, where, "bad_warc", f"{type(exc).__name__}: {exc}"[:500])
                return
            try:
                item = _record_to_item(record, path, number, settings)
            except (ArchiveLoadFailed, ValueError, *BAD_GZIP) as exc:
                where = f"{path}#{number}"
                yield Rejected(where, where, "bad_warc", f"{type(exc).__name__}: {exc}"[:500])
                return
            records.read_to_end(record)
            end = records.get_record_offset() + records.get_record_length()
            if item is not None:
                yield item
    finally:
        if path != "-":
            stream.close()


def _unread_tail(stream, end: int) -> int:
    """Bytes after the last complete record that are not just padding (0 when unknown)."""
    try:
        stream.seek(end)
        rest = stream.read(1 << 16)
    except (OSError, ValueError, AttributeError):
        return 0
    return len(rest) if rest.strip(b"\r\n\x00 ") else 0


def _record_to_item(record, path: str, number: int, settings: Settings) -> Document | Rejected | None:
    kind = record.rec_type
    if kind in _SKIPPED_RECORDS:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    source = f"{path}#{number}"
    doc_id = url or record.rec_headers.get_header("WARC-Record-ID") or source
    if kind == "revisit":
        return Rejected(doc_id, source, "revisit", "a revisit record points at an earlier capture")
    if kind not in _PAGE_RECORDS:
        return Rejected(doc_id, source, "unsupported", f"WARC record type {kind!r}")
    if record.http_headers is not None and kind == "response":
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return Rejected(doc_id, source, "http_error", f"HTTP status {status or '?'}")
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    mime = ctype.split(";")[0].strip().lower()
    if mime and mime not in _HTML_TYPES:
        return Rejected(doc_id, source, "not_html", f"content type {mime}")
    data = record.content_stream().read(settings.max_input_bytes + 1)
    if len(data) > settings.max_input_bytes:
        return Rejected(doc_id, source, "too_large", f"payload larger than {settings.max_input_bytes:,} bytes")
    fetched = parse_date(record.rec_headers.get_header("WARC-Date"))
    doc = document_from_bytes(data, source, "html", doc_id=doc_id, url=url)
    if isinstance(doc, Document) and fetched is not None:
        doc = replace(doc, fetched=fetched)
    return doc
