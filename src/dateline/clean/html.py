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


_WORDS = re.compile(r"\w+")
# When the precise pass keeps less than this many words and under a third of what the
# default pass finds, it has missed the article (paywalled teasers, odd markup).
_SHORT_BODY = 100


def _trafilatura(source, url: str | None, precise: bool):
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(source, url=url, with_metadata=False, include_comments=False,
                                          include_tables=True, favor_precision=precise, deduplicate=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise MalformedHtml(str(exc)[:200]) from exc
    if doc is None:
        return {}
    return doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)


def _flatten(html: str) -> str:
    """Tag-stripped text of a page, for markup too deep for lxml."""
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", " ", html, flags=re.S | re.I)
    text = re.sub(r"<[^>]*>", " ", text)
    text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(ln.strip() for ln in text.splitlines() if ln.strip())


_BLOCK_TAGS = frozenset("p div br li ul ol h1 h2 h3 h4 h5 h6 tr table section article header footer blockquote "
                        "pre dd dt dl figcaption figure form nav aside main hr title address details summary".split())
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object button select option".split())


def page_lines(tree) -> list[str]:
    """The page as text lines, one per block element (what a text-mode browser shows)."""
    out: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            if el.tail:
                out.append(el.tail)
            return
        block = tag in _BLOCK_TAGS
        if block:
            out.append("\n")
        if el.text:
            out.append(el.text)
        for child in el:
            walk(child)
        if block:
            out.append("\n")
        if el.tail:
            out.append(el.tail)

    body = tree.find(".//body")
    walk(body if body is not None else tree)
    text = "".join(out)
    return [" ".join(ln.split()) for ln in text.split("\n") if ln.strip()]


def _by_line_shape(html: str) -> str:
    """The article found by line shape alone in the rendered page (see `page.py`)."""
    from trafilatura.utils import load_html

    from .page import main_region

    tree = load_html(html)
    if tree is None:
        return ""
    drop_consent_banners(tree)
    lines = page_lines(tree)
    span = main_region(lines)
    return "\n".join(lines[span[0]:span[1]]) if span else ""


# Cookie-consent dialogs (their id or class names the consent tool); their long policy text
# can outweigh a short article. Never half the page or the box holding the headline.
_CONSENT = re.compile(r"cookie|consent|onetrust|optanon|gdpr|didomi|usercentrics|sp_message|privacy-(bar|modal|banner|popup)",
                      re.I)
# Dialogs are boxes; a heading or paragraph whose id slugs its words ("...-and-consent") is text.
_BOX_TAGS = frozenset({"div", "section", "aside", "dialog", "form", "iframe", "footer", "header"})
_CONSENT_MAX_SHARE = 0.5


def drop_consent_banners(tree) -> int:
    """Remove cookie-consent dialogs from the parsed page; returns how many were removed."""
    body = tree.find(".//body")
    total = len((body if body is not None else tree).text_content()) or 1
    removed = 0
    for el in tree.xpath("//*[@id or @class]"):
        if el.tag not in _BOX_TAGS or not _CONSENT.search(f"{el.get('id', '')} {el.get('class', '')}"):
            continue
        parent = el.getparent()
        if parent is None or len(el.text_content()) > _CONSENT_MAX_SHARE * total or el.find(".//h1") is not None:
            continue
        tail = el.tail
        if tail and tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
        parent.remove(el)
        removed += 1
    return removed


_LOW_MASS = 100.0
# JSON-LD articleBody replaces the extracted text when it has at least this many words and
# this many times as many as the extraction (teaser-only articleBody values are common).
_DECLARED_MIN = 150
_DECLARED_RATIO = 1.2


def _shared_words(a: str, b: str, n: int = 4) -> float:
    """Share of the smaller text's word n-grams found in the other one."""
    ta, tb = _WORDS.findall(a.casefold()), _WORDS.findall(b.casefold())
    ga = {tuple(ta[i:i + n]) for i in range(max(1, len(ta) - n + 1))}
    gb = {tuple(tb[i:i + n]) for i in range(max(1, len(tb) - n + 1))}
    if not ta or not tb:
        return 0.0
    return len(ga & gb) / min(len(ga), len(gb))


def extract_html(html: str, url: str | None = None, max_depth: int = 2000) -> HtmlParts:
    """Main text, title, authors and date of a page.

    The body comes from trafilatura's precision-oriented pass, or from its default pass
    when the precise one kept almost nothing. Title, authors and date come from the page's
    own metadata (see `metadata.py`), with trafilatura/htmldate's date first.
    """
    from htmldate import find_date
    from trafilatura.utils import load_html

    from .metadata import page_metadata
    from .page import looks_like_full_page, main_region, prose_mass

    if nesting_depth(html, max_depth) > max_depth:
        # lxml refuses very deep trees: strip the tags and find the article by line shape.
        lines = _flatten(html).split("\n")
        if looks_like_full_page(lines):
            span = main_region(lines)
            if span:
                lines = lines[span[0]:span[1]]
        return HtmlParts(body="\n".join(lines), title=None, authors=(), published=None)
    tree = load_html(html)
    if tree is None:
        raise MalformedHtml("the page could not be parsed as HTML")
    meta = page_metadata(tree, url)
    drop_consent_banners(tree)
    data = _trafilatura(tree, url, precise=True)
    body = data.get("text") or ""
    n_words = len(_WORDS.findall(body))
    if n_words < _SHORT_BODY:
        again = load_html(html)  # the first pass may have changed the tree: parse afresh
        if again is not None:
            drop_consent_banners(again)
        fuller = _trafilatura(again if again is not None else html, url, precise=False).get("text") or ""
        if 3 * n_words < len(_WORDS.findall(fuller)):
            body, n_words = fuller, len(_WORDS.findall(fuller))
    if prose_mass(body) < _LOW_MASS:
        # Little prose: trafilatura may have taken a teaser list for the article. Prefer
        # the article found by line shape when it is disjoint from it and far more prose.
        shaped = _by_line_shape(html)
        if prose_mass(shaped) > 3 * prose_mass(body) and _shared_words(body, shaped) < 0.1:
            body = shaped
    if meta.article_body:
        # The page's JSON-LD copy of the text, when it is clearly more complete than ours.
        declared = len(_WORDS.findall(meta.article_body))
        if declared >= _DECLARED_MIN and declared >= _DECLARED_RATIO * len(_WORDS.findall(body)):
            body = meta.article_body
    if not body.strip():
        raise MalformedHtml("no article text found in the page")
    # The date printed with the headline, else htmldate's reading of the page's markup,
    # else the declared JSON-LD / meta date.
    published = meta.visible_date
    if published is None:
        try:
            published = parse_date(find_date(html, url=url, original_date=True, extensive_search=False))
        except Exception:
            published = None
    published = published or meta.published
    return HtmlParts(body=body, title=meta.title or data.get("title") or None, authors=meta.authors,
                     published=published)
