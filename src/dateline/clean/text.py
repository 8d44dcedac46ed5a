"""Clean plain text: find the title, drop boilerplate lines, parse dateline and byline.

Cleaning keeps or drops whole lines and never rewrites a kept character. Kept lines
that were adjacent in the input stay one piece (with the input's own newline between
them); separate pieces are joined with a blank line. `pieces` records where every
piece came from, which is what `Article.offsets` is built from.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .boilerplate import (boilerplate_rule, is_author_bio, is_company_blurb, is_related_header,
                          looks_like_link_title)
from .dateline import parse_byline, parse_dateline
from .page import _SENTENCE_END, line_size, looks_like_full_page, main_regions

SEPARATOR = "\n\n"
_WORD = re.compile(r"\w+")


@dataclass
class Line:
    start: int  # offsets of the stripped line in the input
    end: int
    index: int  # line number in the input
    text: str


@dataclass
class CleanText:
    text: str
    pieces: list[tuple[int, int, int]]
    body_start: int
    title: str | None = None
    title_span: tuple[int, int] | None = None
    dateline: str | None = None
    dateline_span: tuple[int, int] | None = None
    byline: str | None = None
    authors: tuple[str, ...] = ()
    dropped: list[tuple[str, str]] = field(default_factory=list)


def split_lines(raw: str) -> list[Line]:
    lines, pos = [], 0
    for index, chunk in enumerate(raw.split("\n")):
        stripped = chunk.strip()
        if stripped:
            lead = len(chunk) - len(chunk.lstrip())
            lines.append(Line(pos + lead, pos + lead + len(stripped), index, stripped))
        pos += len(chunk) + 1
    return lines


def reads_like_headline(line: str) -> bool:
    words = _WORD.findall(line)
    if not 1 <= len(words) <= 30 or len(line) > 250:
        return False
    if line.endswith((".", ",", ";", ":")) and not line.endswith("..."):
        return False
    first = line[:1]
    # Scripts without letter case (Arabic, CJK) start headlines with a caseless letter.
    starts_well = first.isupper() or first.isdigit() or first in "\"'‘“" or (first.isalpha() and not first.islower())
    return parse_dateline(line) is None and starts_well


def _normalise(s: str) -> str:
    return " ".join(s.split()).casefold()


# Reader comments: at least this many comment markers ("... Reply", "jdoe said:...") after the
# first third of the text; the comments start at the first marker, or just after the closing
# box (newsletter, share widget) found within this many lines before it.
_MIN_COMMENT_MARKS = 2
_COMMENT_LOOKBACK = 6


def _comments_start(labels: list[str | None]) -> int | None:
    marks = [i for i, label in enumerate(labels) if label == "comment_marker"]
    if len(marks) < _MIN_COMMENT_MARKS or marks[0] < len(labels) // 3:
        return None
    start = marks[0]
    for j in range(start - 1, max(-1, start - 1 - _COMMENT_LOOKBACK), -1):
        if labels[j] is not None:
            return j + 1
    return start


def drop_boilerplate(lines: list[Line], dropped: list[tuple[str, str]]) -> list[Line]:
    labels = [boilerplate_rule(line.text) for line in lines]
    cut = _comments_start(labels)
    if cut is not None:
        dropped.extend(("comments", ln.text) for ln in lines[cut:])
        lines, labels = lines[:cut], labels[:cut]
    kept, in_related = [], False
    for line, label in zip(lines, labels):
        if label:
            dropped.append((label, line.text))
            in_related = is_related_header(label)
            continue
        if in_related and looks_like_link_title(line.text):
            dropped.append(("related", line.text))
            continue
        in_related = False
        kept.append(line)
    return kept


_LIST_ITEM = re.compile(r"^[-•*▪]\s")


def _is_stub(text: str) -> bool:
    """A short line that is not a sentence: a kicker, a label, a leftover widget."""
    return line_size(text) < 5 and not _SENTENCE_END.search(text)


# A line that restates other lines of the text without being a sentence itself: a photo
# caption or pull quote ("Jo Roe (pictured) arrived on Thursday"). Exact copies stay (repeated
# questions, list items and headings are the text's own), and so do list items and table rows.
_REPEAT_MIN_TOKENS = 6
_REPEAT_SHARE = 0.8
_TABLE_ROW = re.compile(r"^\||^\d{1,3}[.)]\s")


def _shingles(text: str) -> Counter:
    tokens = _WORD.findall(text)
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3)))


def _may_repeat(text: str) -> bool:
    """A line of the kind `drop_repeats` checks (before counting its copies)."""
    return (len(_WORD.findall(text)) >= _REPEAT_MIN_TOKENS and not _SENTENCE_END.search(text)
            and not _LIST_ITEM.match(text) and not _TABLE_ROW.match(text))


def drop_repeats(lines: list[Line], dropped: list[tuple[str, str]]) -> list[Line]:
    if not any(_may_repeat(ln.text) for ln in lines):  # most articles: every line is prose
        return list(lines)
    grams = [_shingles(ln.text) for ln in lines]
    total: Counter = Counter()
    for g in grams:
        total.update(g)
    copies = Counter(_normalise(ln.text) for ln in lines)
    kept = []
    for ln, g in zip(lines, grams):
        text = ln.text
        if _may_repeat(text) and copies[_normalise(text)] == 1:
            elsewhere = sum(min(c, total[k] - c) for k, c in g.items())
            if elsewhere >= _REPEAT_SHARE * sum(g.values()):
                dropped.append(("repeat", text))
                for k, c in g.items():
                    total[k] -= c
                continue
        kept.append(ln)
    return kept


# An author's biography or a company's "about us" paragraph among the last lines closes the
# article: it and what follows go.
_BIO_ZONE = 4


def drop_closing_blurbs(lines: list[Line], dropped: list[tuple[str, str]]) -> list[Line]:
    for i in range(max(1, len(lines) - _BIO_ZONE), len(lines)):
        text = lines[i].text
        label = ("author_bio" if is_author_bio(text, last=i == len(lines) - 1)
                 else "company_blurb" if is_company_blurb(text) else None)
        if label:
            dropped.extend((label, ln.text) for ln in lines[i:])
            return lines[:i]
    return lines


# Bullet-point highlights before a story are one-sentence summaries; a list of long
# paragraphs at the top ("What to know" in a live blog) is the text itself.
_HIGHLIGHT_MAX_WORDS = 40


def _is_highlight(text: str) -> bool:
    return bool(_LIST_ITEM.match(text)) and len(_WORD.findall(text)) <= _HIGHLIGHT_MAX_WORDS


def trim_edges(lines: list[Line], dropped: list[tuple[str, str]], leading: bool) -> list[Line]:
    """Drop stub lines at the end (and, when asked, at the start) of the text."""
    if all(_is_stub(ln.text) for ln in lines):
        return lines  # nothing but short lines: a note or a headline, not furniture around prose
    start, end = 0, len(lines)
    while end > start and _is_stub(lines[end - 1].text):
        end -= 1
    while leading and start < end and (_is_stub(lines[start].text) or _is_highlight(lines[start].text)):
        start += 1  # kickers, labels and the bullet-point highlights that precede a story
    for ln in lines[:start] + lines[end:]:
        dropped.append(("stub", ln.text))
    return lines[start:end]


def _keep_main_region(lines: list[Line], dropped: list[tuple[str, str]],
                      want_title: bool) -> tuple[list[Line], Line | None]:
    """Whole-page text: keep the article's run of lines (and the page's headline line)."""
    title = lines[0] if want_title and reads_like_headline(lines[0].text) else None
    rest = lines[1:] if title else lines
    spans = main_regions([ln.text for ln in rest])
    if not spans:
        return lines, None
    keep = {i for start, end in spans for i in range(start, end)}
    for i, ln in enumerate(rest):
        if i not in keep:
            dropped.append(("page", ln.text))
    return [ln for i, ln in enumerate(rest) if i in keep], title


def clean_text(raw: str, given_title: str | None = None, find_title: bool = True,
               full_page: bool | None = None) -> CleanText:
    """Clean plain text. `full_page`: True when `raw` is the text of a whole web page (menus,
    footers and all), False when it is already an article, None to decide from the shape of
    the lines (never for `find_title=False`, the HTML path, whose text is already extracted).
    With `find_title=False` stub lines and bullet highlights are also trimmed at the start."""
    dropped: list[tuple[str, str]] = []
    lines = split_lines(raw)
    page_title = None
    if full_page is None:
        # find_title=False is the HTML path: the text is an extracted article already.
        full_page = find_title and looks_like_full_page([ln.text for ln in lines])
    if full_page and lines:
        lines, page_title = _keep_main_region(lines, dropped, find_title and given_title is None)
    lines = drop_repeats(drop_boilerplate(lines, dropped), dropped)
    head = []
    if given_title is not None and lines and _normalise(lines[0].text) == _normalise(given_title):
        head = [lines.pop(0)]  # the given title heads the text; trimming starts after it
    lines = head + trim_edges(drop_closing_blurbs(lines, dropped), dropped, leading=not find_title)
    if page_title is not None:
        lines.insert(0, page_title)

    title = title_line = None
    if lines:
        first = lines[0]
        if given_title is not None:
            title = given_title.strip()
            if _normalise(first.text) == _normalise(title):
                title_line = first
        elif find_title and len(lines) > 1 and reads_like_headline(first.text):
            title, title_line = first.text, first
    body_lines = [ln for ln in lines if ln is not title_line]

    byline = None
    for ln in body_lines[:3]:
        found = parse_byline(ln.text)
        if found:
            byline = found
            dropped.append(("byline", ln.text))
            body_lines.remove(ln)
            break

    kept = ([title_line] if title_line else []) + body_lines
    text, pieces, where = _assemble(raw, kept)
    out = CleanText(text=text, pieces=pieces, body_start=len(text), dropped=dropped, title=title,
                    byline=byline.text if byline else None, authors=byline.authors if byline else ())
    if title_line:
        out.title_span = (where[id(title_line)], where[id(title_line)] + len(title_line.text))
    if body_lines:
        first_body = body_lines[0]
        start = where[id(first_body)]
        out.body_start = start
        found = parse_dateline(first_body.text)
        if found:
            out.dateline = found.place
            out.dateline_span = (start + found.place_start, start + found.place_end)
            out.body_start = start + found.body_start
    return out


def _assemble(raw: str, kept: list[Line]) -> tuple[str, list[tuple[int, int, int]], dict[int, int]]:
    """Join kept lines: adjacent input lines stay one piece; pieces get a blank line between."""
    parts: list[str] = []
    pieces: list[tuple[int, int, int]] = []
    where: dict[int, int] = {}
    length = 0
    block_start = block_end = None
    prev_index = None
    block_lines: list[Line] = []

    def flush():
        nonlocal length
        if block_start is None:
            return
        if parts:
            parts.append(SEPARATOR)
            length += len(SEPARATOR)
        for ln in block_lines:
            where[id(ln)] = length + (ln.start - block_start)
        parts.append(raw[block_start:block_end])
        pieces.append((length, block_start, block_end - block_start))
        length += block_end - block_start

    for ln in kept:
        if block_start is not None and prev_index is not None and ln.index == prev_index + 1 and ln.start >= block_end:
            block_end = ln.end
            block_lines.append(ln)
        else:
            flush()
            block_start, block_end, block_lines = ln.start, ln.end, [ln]
        prev_index = ln.index
    flush()
    return "".join(parts), pieces, where
