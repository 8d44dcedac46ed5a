"""Clean: Document -> Article (or Rejected). Drops whole segments, never rewrites text."""

from __future__ import annotations

import hashlib

from ..config import Settings
from ..records import Article, Document, OffsetMap, Rejected, Span
from .html import MalformedHtml, extract_html
from .language import identify_language
from .text import SEPARATOR, clean_text

__all__ = ["clean_document", "content_hash"]


def content_hash(text: str) -> str:
    """Identity of a clean text: whitespace and case do not matter."""
    return hashlib.sha1(" ".join(text.split()).casefold().encode("utf-8")).hexdigest()[:16]


def clean_document(doc: Document, settings: Settings) -> Article | Rejected:
    if not doc.raw.strip():
        return Rejected(doc.id, doc.source, "empty", "no text")
    if len(doc.raw) > settings.max_input_bytes:
        return Rejected(doc.id, doc.source, "too_large", f"{len(doc.raw):,} characters is more than the limit")
    published, authors, title = doc.published, (), doc.title
    if doc.kind == "html":
        try:
            parts = extract_html(doc.raw, url=doc.url, max_depth=settings.max_html_depth)
        except MalformedHtml as exc:
            return Rejected(doc.id, doc.source, "malformed_html", str(exc))
        raw = parts.body
        title = title or parts.title
        authors = parts.authors
        published = published or parts.published
        cleaned = clean_text(raw, given_title=title, find_title=False)
        if title and cleaned.text and cleaned.title_span is None:
            # The title is a sentence too: it leads the text, outside the body.
            shift = len(title) + len(SEPARATOR)
            cleaned.text = title + SEPARATOR + cleaned.text
            cleaned.title_span = (0, len(title))
            cleaned.body_start += shift
            cleaned.pieces = [(s + shift, i, n) for s, i, n in cleaned.pieces]
            if cleaned.dateline_span:
                cleaned.dateline_span = (cleaned.dateline_span[0] + shift, cleaned.dateline_span[1] + shift)
        # For HTML input the batch contract's offsets point into the output "body".
        offsets = OffsetMap(((cleaned.body_start, 0, len(cleaned.text) - cleaned.body_start),))
    else:
        cleaned = clean_text(doc.raw, given_title=title)
        offsets = OffsetMap(tuple(cleaned.pieces))
    if not cleaned.text[cleaned.body_start:].strip():
        reason = "no_body" if cleaned.dropped or cleaned.title else "empty"
        return Rejected(doc.id, doc.source, reason, "nothing left after removing title and boilerplate")
    if len(cleaned.text) > settings.max_text_chars:
        return Rejected(doc.id, doc.source, "too_large",
                        f"{len(cleaned.text):,} characters of clean text; the limit is {settings.max_text_chars:,}")
    text = cleaned.text
    language = identify_language(text[cleaned.body_start:], expected=settings.language)
    skipped = None
    if language is not None and language != settings.language:
        skipped = "not_english" if settings.language == "en" else f"not_{settings.language}"
    return Article(
        id=content_hash(text[cleaned.body_start:]),
        doc_id=doc.id,
        text=text,
        body_start=cleaned.body_start,
        offsets=offsets,
        kind=doc.kind,
        source=doc.source,
        url=doc.url,
        domain=doc.domain,
        title=cleaned.title,
        title_span=Span.of(text, *cleaned.title_span) if cleaned.title_span else None,
        dateline=cleaned.dateline,
        dateline_span=Span.of(text, *cleaned.dateline_span) if cleaned.dateline_span else None,
        byline=cleaned.byline,
        # Page metadata names authors more reliably than a "By" line inside the body.
        authors=tuple(authors) or tuple(cleaned.authors),
        published=published or doc.fetched,
        language=language,
        skipped=skipped,
        dropped=tuple(cleaned.dropped),
    )
