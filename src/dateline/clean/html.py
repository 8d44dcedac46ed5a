"""HTML pages: main text, title, authors and publication date with trafilatura and htmldate."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..ingest.dates import parse_date


@dataclass(frozen=True, slots=True)
class HtmlParts:
    body: str
    title: str | None
    authors: tuple[str, ...]
    published: date | None


class MalformedHtml(Exception):
    pass


_TAG_DEPTH = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")


def nesting_depth(html: str, stop_at: int) -> int:
    """Rough maximum element depth; stops counting once past `stop_at`."""
    depth = deepest = 0
    for m in _TAG_DEPTH.finditer(html):
        if m.group(3):
            continue
        depth += -1 if m.group(1) else 1
        if depth > deepest:
            deepest = depth
            if deepest > stop_at:
                break
    return deepest


def extract_html(html: str, url: str | None = None, max_depth: int = 2000) -> HtmlParts:
    import trafilatura
    from htmldate import find_date

    if nesting_depth(html, max_depth) > max_depth:
        # lxml refuses very deep trees; strip tags so the text is still readable.
        text = re.sub(r"<[^>]*>", " ", html)
        text = re.sub(r"[ \t]+", " ", text)
        return HtmlParts(body="\n".join(ln.strip() for ln in text.splitlines() if ln.strip()), title=None,
                         authors=(), published=None)
    from trafilatura.utils import load_html

    from .metadata import page_metadata

    tree = load_html(html)
    if tree is None:
        raise MalformedHtml("the page could not be parsed as HTML")
    meta = page_metadata(tree, url)
    try:
        doc = trafilatura.bare_extraction(tree, url=url, with_metadata=True, include_comments=False,
                                          include_tables=True, favor_precision=True, deduplicate=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise MalformedHtml(str(exc)[:200]) from exc
    if doc is None:
        raise MalformedHtml("no article text found in the page")
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    body = data.get("text") or ""
    published = parse_date(data.get("date"))
    if published is None:
        try:
            published = parse_date(find_date(html, url=url, extensive_search=False))
        except Exception:
            published = None
    authors = meta.authors
    return HtmlParts(body=body, title=meta.title or data.get("title") or None, authors=authors,
                     published=published or meta.published)
