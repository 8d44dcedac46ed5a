"""Page metadata from HTML: title, authors and publication date.

Sources, best first: the page's own headline (`<h1>`) checked against the titles the
page declares (JSON-LD `headline`, `og:title`, `twitter:title`, `<title>`); authors from
JSON-LD `author`, author meta tags and byline elements; dates from JSON-LD, meta tags and
`<time>` elements. Every rule is about the shape of news pages, never one site.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date

from functools import cache

from lxml import etree

from ..ingest.dates import parse_date
from ..lexicons import lexicon_lines

_WORD = re.compile(r"\w+")
_ARTICLE_TYPES = {"article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
                  "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "scholarlyarticle",
                  "techarticle", "report", "liveblogposting", "socialmediaposting", "posting", "webpage",
                  "medicalwebpage", "itempage"}
# Separators between a headline and the site or section name in <title> / og:title.
_TITLE_SEP = re.compile(r"\s+(?:\||-|–|—|::|:|·|•|»|/)\s+")
_BY_PREFIX = re.compile(r"^\s*(?:(?:written|posted|published|reported|words|story|text|view all posts)\s+)?by\b[:\s]*",
                        re.I)
_NOT_NAME = re.compile(r"https?:|www\.|@|\d|\b(?:published|updated|posted|views?|comments?|minutes?|read|"
                       r"share|follow|subscribe|facebook|twitter|instagram|linkedin|email|contributors?|"
                       r"more stories|all posts|about the author|author|by)\b", re.I)
_ORG_WORD = re.compile(r"\b(?:press|news|post|times|today|network|journal|enquirer|media|tribune|herald|"
                       r"reuters|agency|staff|wire|report|daily|gazette|magazine|\.com)\b", re.I)


# A byline that names no one: the newsroom as a whole.
_GENERIC_BYLINE = re.compile(r"^(?:(?:from )?staff(?: reports?| writers?)?|.{0,40}\b(?:staff|correspondents?|editors|"
                             r"editorial (?:team|staff|board)|newsroom|news desk|web desk))$", re.I)


def _generic_only(raw: list[str]) -> bool:
    """Every name given is the newsroom as a whole ("Acme Staff", "Staff reports"): no author."""
    names = [_BY_PREFIX.sub("", _squash(n)).strip(" .,;:|") for n in raw]
    names = [n for n in names if n]
    return bool(names) and all(_GENERIC_BYLINE.match(n) for n in names)


@dataclass
class PageMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    published: date | None = None
    visible_date: date | None = None
    article_body: str | None = None  # JSON-LD articleBody, the publisher's own copy of the text
    site_name: str | None = None
    declared_titles: list[str] = field(default_factory=list)


def _squash(s: str | None) -> str:
    return " ".join((s or "").split())


def _tokens(s: str) -> set[str]:
    return {t.casefold() for t in _WORD.findall(s)}


def _overlap(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


# ---------------------------------------------------------------- JSON-LD

def _jsonld_objects(tree) -> list[dict]:
    out: list[dict] = []
    for node in tree.xpath('//script[@type="application/ld+json"]'):
        raw = node.text or ""
        if not raw.strip():
            continue
        try:
            data = json.loads(raw)
        except ValueError:
            try:  # pages often leave control characters or trailing commas in the blob
                data = json.loads(re.sub(r",\s*([}\]])", r"\1", re.sub(r"[\x00-\x1f]", " ", raw)))
            except ValueError:
                continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                out.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
                main = item.get("mainEntity") or item.get("mainEntityOfPage")
                if isinstance(main, dict) and ("headline" in main or "author" in main):
                    stack.append(main)
    return out


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.casefold()}
    if isinstance(t, list):
        return {x.casefold() for x in t if isinstance(x, str)}
    return set()


def _articles(objs: list[dict]) -> list[dict]:
    arts = [o for o in objs if _types(o) & _ARTICLE_TYPES and ("headline" in o or "author" in o
                                                                or "datePublished" in o)]
    # Real articles before generic web pages.
    arts.sort(key=lambda o: bool(_types(o) & {"webpage", "itempage", "medicalwebpage"}))
    return arts


def _ld_names(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [n for n in name if isinstance(n, str)]
        return []
    if isinstance(value, list):
        out: list[str] = []
        for v in value:
            out.extend(_ld_names(v))
        return out
    return []


# ---------------------------------------------------------------- title

def _meta(tree, *keys: str) -> list[str]:
    out = []
    for key in keys:
        for value in tree.xpath(f'//meta[@property="{key}" or @name="{key}" or @itemprop="{key}"]/@content'):
            value = _squash(value)
            if value:
                out.append(value)
    return out


def _site_names(tree, url: str | None, objs: list[dict]) -> set[str]:
    names = {n.casefold() for n in _meta(tree, "og:site_name", "application-name", "twitter:site")}
    for o in objs:
        if _types(o) & {"organization", "newsmediaorganization", "website"} and isinstance(o.get("name"), str):
            names.add(_squash(o["name"]).casefold())
        pub = o.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            names.add(_squash(pub["name"]).casefold())
    if url:
        host = re.sub(r"^[a-z]+://", "", url.casefold()).split("/")[0].split(":")[0]
        labels = [x for x in host.split(".") if x not in ("www", "com", "org", "net", "co", "uk", "au", "edu", "gov")]
        names.update(labels)
        names.add(host.removeprefix("www."))
    return {n.lstrip("@") for n in names if n}


def _is_site_name(segment: str, sites: set[str]) -> bool:
    s = segment.casefold().strip()
    squashed = re.sub(r"\W", "", s)
    for name in sites:
        n = re.sub(r"\W", "", name)
        if n and (squashed == n or (len(n) >= 4 and n in squashed and len(squashed) <= len(n) + 12)):
            return True
    return False


def strip_site_name(title: str, sites: set[str]) -> str:
    """`Headline | Section | Site` -> `Headline` when the other parts name the site or a section."""
    parts = _TITLE_SEP.split(title)
    if len(parts) == 1:
        return title
    # Keep the longest run of text that is not a site or short section name.
    seps = _TITLE_SEP.findall(title)
    while len(parts) > 1 and (_is_site_name(parts[-1], sites) or len(_WORD.findall(parts[-1])) <= 3
                              and len(parts[0]) > len(parts[-1])):
        parts.pop()
        seps.pop()
    while len(parts) > 1 and (_is_site_name(parts[0], sites) or len(_WORD.findall(parts[0])) <= 2
                              and len(parts[-1]) > 3 * len(parts[0])):
        parts.pop(0)
        seps.pop(0)
    out = parts[0]
    for sep, part in zip(seps, parts[1:]):
        out += sep + part
    return out.strip()


def _h1_texts(tree) -> list[str]:
    out = []
    for h in tree.iter("h1"):
        text = _squash(h.text_content())
        if text:
            out.append(text)
    return out


# A section kicker run into the headline: "Politics | Governor vetoes the ban on ...".
_KICKER = re.compile(r"^(?:[\w&'’.-]+(?: [\w&'’.-]+)?) \| (?=(?:\S+ ){3,}\S)(?!.* \| )")


def choose_title(tree, objs: list[dict], sites: set[str]) -> tuple[str | None, list[str]]:
    title, declared = _choose_title(tree, objs, sites)
    if title:
        title = _KICKER.sub("", title)
    return title, declared


def _choose_title(tree, objs: list[dict], sites: set[str]) -> tuple[str | None, list[str]]:
    declared = []
    for a in _articles(objs):
        if isinstance(a.get("headline"), str):
            declared.append(_squash(a["headline"]))
    declared += _meta(tree, "og:title", "twitter:title")
    doc_title = tree.find(".//title")
    if doc_title is not None and doc_title.text_content().strip():
        declared.append(_squash(doc_title.text_content()))
    declared = [d for d in declared if d]
    stripped = [strip_site_name(d, sites) for d in declared]

    h1s = [h for h in _h1_texts(tree) if len(h) <= 300 and not _is_site_name(h, sites)]
    if h1s:
        scored = [(max((_overlap(h, d) for d in declared), default=0.0), -i, h) for i, h in enumerate(h1s)]
        best = max(scored)
        score, _, text = best
        substantial = [h for h in h1s if len(_WORD.findall(h)) >= 3]
        if score >= 0.5 or (score >= 0.25 and len(_WORD.findall(text)) >= 3):
            return text, declared
        if len(substantial) == 1 and not stripped:
            return substantial[0], declared
        if len(substantial) == 1 and len(h1s) <= 2 and len(_WORD.findall(substantial[0])) >= 3:
            # One real headline on the page that differs from the declared (SEO) title.
            return substantial[0], declared
    if stripped:
        return stripped[0], declared
    return (h1s[0] if h1s else None), declared


# ---------------------------------------------------------------- authors

@cache
def _wire_names() -> tuple[str, ...]:
    return tuple(sorted((n.casefold() for n in lexicon_lines("wire_services.txt")), key=len, reverse=True))


def clean_author(name: str, sites: set[str]) -> str | None:
    s = _squash(name)
    s = _BY_PREFIX.sub("", s)
    s = re.split(r"\s+\|\s+|\s+[-–—]\s+(?=[A-Z][\w.]*\s[A-Z])(?![A-Z]\w+$)", s)[0] if " | " in s else s
    if "," in s:
        head = s.split(",")[0].strip()
        if not head:
            return None
        s = head
    s = s.strip(" .,;:|-–—'\"{}()[]")
    for wire in _wire_names():  # "Jane Doe The Associated Press"
        if s.casefold() == wire:
            break
        if s.casefold().endswith(" " + wire) and len(s[: -len(wire) - 1].split()) >= 2:
            s = s[: -len(wire) - 1].strip(" ,")
            break
    if not s or len(s) > 60 or _NOT_NAME.search(s):
        return None
    words = s.split()
    if not 1 <= len(words) <= 6:
        return None
    if s.islower() and " " not in s:  # a user handle such as "jsmith"
        return None
    if _is_site_name(s, sites) and len(words) <= 2 and not re.search(r"\b(?:staff|press|news)\b", s, re.I):
        return None
    return s


def _split_byline(text: str) -> list[str]:
    text = _BY_PREFIX.sub("", _squash(text))
    return [p for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*|\s*;\s*", text) if p]


def _dedupe(names: list[str]) -> tuple[str, ...]:
    people = [n for n in names if not _ORG_WORD.search(n)]
    if people:  # "Jane Doe, The Associated Press": the person is the author
        names = people
    seen, out = set(), []
    for n in names:
        key = n.casefold()
        if key not in seen:
            seen.add(key)
            out.append(n)
    return tuple(out)


_AUTHOR_HREF = re.compile(r"/(?:authors?|writers?|by|staff|people|profiles?|contributors?|journalists?)/", re.I)
_BY_START = re.compile(r"^\s*by\b", re.I)


def _byline_near_headline(tree, sites: set[str], window: int = 250) -> tuple[str, ...]:
    """Names in a "By NAME" line or author-page links shortly after the first <h1>."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return ()
    seen = 0
    for el in h1.xpath("following::*"):
        seen += 1
        if seen > window or el.tag == "h1":
            break
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        if el.tag == "a" and _AUTHOR_HREF.search(el.get("href") or ""):
            name = clean_author(el.text_content(), sites)
            if name and len(name.split()) >= 2:
                names = [name]
                # Co-authors linked in the same byline.
                parent = el.getparent()
                if parent is not None:
                    for a in parent.iter("a"):
                        if a is not el and _AUTHOR_HREF.search(a.get("href") or ""):
                            other = clean_author(a.text_content(), sites)
                            if other and len(other.split()) >= 2:
                                names.append(other)
                return _dedupe(names)
        text = _squash(" ".join(el.itertext()))  # "<span>By</span><a>Name</a>" keeps its space
        if 4 < len(text) <= 80 and _BY_START.match(text):
            names = [n for n in (clean_author(p, sites) for p in _split_byline(re.sub(r"^\s*by\b", "", text, flags=re.I)))
                     if n and len(n.split()) >= 2]
            if names:
                return _dedupe(names)
    return ()


def _with_coauthors(tree, names: list[str], sites: set[str]) -> list[str]:
    """An author meta tag listing these names and more ("A, B, C" where JSON-LD has "A")."""
    wanted = {n.casefold() for n in names}
    lists = [[c for c in (clean_author(n, sites) for n in _split_byline(value)) if c]
             for value in _meta(tree, "author", "parsely-author", "sailthru.author")]
    for listed in lists:
        if wanted < {n.casefold() for n in listed}:
            return listed
    return names


def _meta_authors(tree, sites: set[str]) -> list[str] | None:
    """Names in the author meta tags; None when they name only the newsroom."""
    names: list[str] = []
    for value in _meta(tree, "author", "article:author", "parsely-author", "sailthru.author", "byl", "dc.creator",
                       "DC.creator"):
        if _generic_only([value]):
            return None
        names += [c for c in (clean_author(n, sites) for n in _split_byline(value)) if c]
    return names


def choose_authors(tree, objs: list[dict], sites: set[str]) -> tuple[str, ...]:
    for a in _articles(objs):
        raw = _ld_names(a.get("author"))
        if _generic_only(raw):
            return ()
        names = [c for c in (clean_author(n, sites) for n in raw) if c]
        if names:
            return _dedupe(_with_coauthors(tree, names, sites))
    names = _meta_authors(tree, sites)
    if names is None:
        return ()
    if names:
        return _dedupe(names)
    for xp in ('//*[@rel="author"]', '//*[@itemprop="author"]//*[@itemprop="name"]', '//*[@itemprop="author"]',
               '//*[contains(@class,"byline") or contains(@class,"author-name") or contains(@class,"author__name")'
               ' or contains(@class,"authorName") or contains(@class,"article-author")]'):
        for el in tree.xpath(xp)[:6]:
            if not hasattr(el, "itertext") or len(_squash(el.text_content())) > 200:
                continue
            for text in el.itertext():
                if len(text) > 100:
                    continue
                for part in _split_byline(text):
                    name = clean_author(part, sites)
                    if name and len(name.split()) >= 2:
                        names.append(name)
        if names:
            return _dedupe(names)
    return _byline_near_headline(tree, sites)


# ---------------------------------------------------------------- date

_MONTHS = {m: i + 1 for i, m in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split())}
_MON = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_DATE_PATTERNS = (
    (re.compile(rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b"), (3, 1, 2)),  # Dec. 21, 2023
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MON},?\s+(\d{{4}})\b"), (3, 2, 1)),  # 21 December 2023
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), (1, 2, 3)),                                # 2023-12-21(T...)
    (re.compile(r"\b(\d{1,2})/(1[3-9]|2\d|3[01])/(\d{4})\b"), (3, 1, 2)),                   # 12/21/2023 (unambiguous)
    (re.compile(r"\b(1[3-9]|2\d|3[01])/(\d{1,2})/(\d{4})\b"), (3, 2, 1)),                   # 21/12/2023 (unambiguous)
)
# A date line says little else: "Published Dec. 21, 2023 11:00 pm EST", "Updated on 21 Dec 2023".
_DATE_LINE_MAX_WORDS = 5


def date_in(text: str) -> date | None:
    """The first calendar date written in `text`, when the text is mostly that date."""
    found: tuple[int, date] | None = None
    rest = text
    for pattern, (y, m, d) in _DATE_PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        rest = pattern.sub(" ", rest)
        month = match.group(m)
        try:
            month_no = int(month) if month.isdigit() else _MONTHS[month[:3].casefold()]
            value = date(int(match.group(y)), month_no, int(match.group(d)))
        except (ValueError, KeyError):
            continue
        if found is None or match.start() < found[0]:
            found = (match.start(), value)
    if found is None or len(re.findall(r"[^\W\d_]+", rest)) > _DATE_LINE_MAX_WORDS:
        return None
    return found[1]


def visible_date(tree, window: int = 150) -> date | None:
    """The date printed with the headline: the first date line (or `<time datetime>`, in the
    page's local time) shortly after the first `<h1>`."""
    h1 = next(tree.iter("h1"), None)
    if h1 is None:
        return None
    for n, node in enumerate(h1.xpath("following::text() | following::time")):
        if n >= window:
            break
        if not isinstance(node, str):  # <time>: what it shows, else its machine-readable value
            found = date_in(_squash(node.text_content())) or date_in(node.get("datetime") or "")
            if found:
                return found
            continue
        parent = node.getparent()
        if parent is not None and parent.tag in ("script", "style", "time"):
            continue
        text = str(node)
        if len(text) <= 200:
            found = date_in(text)
            if found:
                return found
    return None


def choose_date(tree, objs: list[dict]) -> date | None:
    for a in _articles(objs):
        d = parse_date(a.get("datePublished")) if isinstance(a.get("datePublished"), str) else None
        if d:
            return d
    for value in _meta(tree, "article:published_time", "og:article:published_time", "datePublished",
                       "parsely-pub-date", "pubdate", "publishdate", "date", "dc.date", "DC.date.issued"):
        d = parse_date(value)
        if d:
            return d
    return None


def page_metadata(tree: etree._Element, url: str | None = None) -> PageMeta:
    objs = _jsonld_objects(tree)
    sites = _site_names(tree, url, objs)
    title, declared = choose_title(tree, objs, sites)
    bodies = [a["articleBody"] for a in _articles(objs) if isinstance(a.get("articleBody"), str)]
    return PageMeta(title=title, authors=choose_authors(tree, objs, sites),
                    published=choose_date(tree, objs), visible_date=visible_date(tree),
                    article_body=max(bodies, key=len).strip() if bodies else None,
                    site_name=next(iter(sorted(sites)), None), declared_titles=declared)
