"""Clean plain text: find the title, drop boilerplate lines, parse dateline and byline.

Cleaning keeps or drops whole lines and never rewrites a kept character. Kept lines
that were adjacent in the input stay one piece (with the input's own newline between
them); separate pieces are joined with a blank line. `pieces` records where every
piece came from, which is what `Article.offsets` is built from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .boilerplate import boilerplate_rule, is_related_header, looks_like_link_title
from .dateline import parse_byline, parse_dateline
from .page import looks_like_full_page, main_region

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
    return parse_dateline(line) is None and (line[:1].isupper() or line[:1].isdigit() or line[:1] in "\"'‘“")


def _normalise(s: str) -> str:
    return " ".join(s.split()).casefold()


def drop_boilerplate(lines: list[Line], dropped: list[tuple[str, str]]) -> list[Line]:
    kept, in_related = [], False
    for line in lines:
        label = boilerplate_rule(line.text)
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


def _keep_main_region(lines: list[Line], dropped: list[tuple[str, str]],
                      want_title: bool) -> tuple[list[Line], Line | None]:
    """Whole-page text: keep the article's run of lines (and the page's headline line)."""
    title = lines[0] if want_title and reads_like_headline(lines[0].text) else None
    rest = lines[1:] if title else lines
    span = main_region([ln.text for ln in rest])
    if span is None:
        return lines, None
    start, end = span
    for ln in rest[:start] + rest[end:]:
        dropped.append(("page", ln.text))
    return rest[start:end], title


def clean_text(raw: str, given_title: str | None = None, find_title: bool = True) -> CleanText:
    dropped: list[tuple[str, str]] = []
    lines = split_lines(raw)
    page_title = None
    if looks_like_full_page([ln.text for ln in lines]):
        lines, page_title = _keep_main_region(lines, dropped, find_title and given_title is None)
    lines = drop_boilerplate(lines, dropped)
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
