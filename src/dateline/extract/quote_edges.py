"""Tidying the edges of found spans: what an attribution's content or speaker should not
start or end with. Run once every rule has proposed its candidates (`quotes.find_attributions`).
"""

from __future__ import annotations

import re

from .quote_rules import Candidate, trim


def tidy_content_edges(found: list[Candidate], text: str) -> None:
    """Connectives and lone conjunctions off a content's start, an abbreviation's point back on its end."""
    _drop_connectives(found, text)
    _drop_lone_links(found, text)
    _abbreviation_points(found, text)
    _quotation_of_its_own(found, text)
    _closing_aside(found, text)
    _closing_mark(found, text)


def one_line_source(doc, found: list[Candidate], text: str) -> None:
    """A speaker phrase never runs over a line break: a list number, a headline or a byline line
    the parser joined to the name on the next line ("3\nAna Berg", "Budget Talks\nJo Lund") is
    cut off, keeping the last line when it starts with a capital, else the line with the head word."""
    for c in found:
        if c.source is None or "\n" not in text[c.source[0]:c.source[1]].strip():
            continue
        s, e = c.source
        last = text.rfind("\n", s, e) + 1
        rest = text[last:e].lstrip(" \xa0-–—•*")
        at = e - 1 if rest[:1].isupper() or c.source_head is None or not s <= doc[c.source_head].idx < e \
            else doc[c.source_head].idx
        cut_s = text.rfind("\n", s, at) + 1 or s
        cut_e = text.find("\n", at, e)
        s2, e2 = trim(text, max(s, cut_s), e if cut_e < 0 else cut_e)
        while s2 < e2 and not text[s2].isalnum() and text[s2] not in "\"“'‘":
            s2 += 1  # "-Ana Berg": a list dash
        if e2 > s2:
            c.source = (s2, e2)


CONNECTIVE = re.compile(r"(?:Still|Yet|However|Nevertheless|Nonetheless|Even so|Also|Meanwhile|Indeed|Moreover|"
                        r"Furthermore|In fact|In contrast|In particular|By contrast|In addition)\s*,\s+(?=\S)")


def _drop_connectives(found: list[Candidate], text: str) -> None:
    """A content that opens with a discourse connective and a comma ("Still, the pier will
    open", "In fact, few voters …"): the connective links the article's sentences, it is
    not part of what is reported. A fragment that is only the connective stays."""
    for c in found:
        s, e = c.content[0]
        m = CONNECTIVE.match(text, s, e)
        if m is not None and m.end() < e:
            c.content[0] = (m.end(), e)


LONE_CONNECTIVE = re.compile(r"(?:However|Nevertheless|Nonetheless|Even so|Also|Meanwhile|Indeed|Moreover|Furthermore|"
                             r"In fact|In contrast|In particular|By contrast|In addition|In the end|At the same time|"
                             r"For instance|For example)\W{0,2}")
LONE_LINK = re.compile(r"(?:But|And|Yet|Still|And yet|But still)\W{0,2}")


def _drop_lone_links(found: list[Candidate], text: str) -> None:
    """A first fragment that is only a sentence-opening conjunction before the cue clause ("But,
    she said, the pier is finished", "Still, he added, “…”"): it links the sentence to the one
    before, the report is the part after the cue."""
    for c in found:
        if len(c.content) > 1 and c.cue and c.content[0][1] <= c.cue[0] \
                and LONE_LINK.fullmatch(text, *c.content[0]):
            c.content = c.content[1:]
        elif len(c.content) > 1 and c.cue and c.content[0][1] <= c.cue[0] \
                and LONE_CONNECTIVE.fullmatch(text, *c.content[0]):
            c.content = c.content[1:]  # "In contrast, she said, the pier …": as a connective with its comma


CONTENT_ABBREVIATION = re.compile(
    r"(?:\b[ap]\.m|\b(?:etc|Ala|Ariz|Ark|Calif|Colo|Conn|Fla|Ill|Kan|Ky|Md|Mass|Mich|Minn|Miss|Mont|Neb"
    r"|Nev|Okla|Ore|Tenn|Tex|Vt|Wis|Wyo))$")


def _abbreviation_points(found: list[Candidate], text: str) -> None:
    """A content ending on a state or time abbreviation ("… in Eureka, Calif.",
    "… at 7 p.m.") keeps the abbreviation's point, which span trimming took for the
    sentence's full stop. Contents only: sources are annotated without the point."""
    for c in found:
        s, e = c.content[-1]
        if text[e:e + 1] == "." and CONTENT_ABBREVIATION.search(text, max(s, e - 8), e):
            c.content[-1] = (s, e + 1)


# a full stop, then a quotation of the next sentence that closes on a comma (its own "…," X said follows)
STOP_THEN_QUOTATION = re.compile(r"(?<=\w)[.?!]\s+(?:''|\"|“)(?=[A-Z])")
CLOSING_ON_COMMA = re.compile(r",\s*(?:''|\"|”)$")


def _quotation_of_its_own(found: list[Candidate], text: str) -> None:
    """A content fragment of the writer's words that runs over a sentence end the parser missed
    into a quotation closing on a comma ("… the answer was simple. ''Put it in a fund,'' he said"): the
    quotation has its own cue after it, so the fragment stops at the sentence end."""
    for c in found:
        for k, (s, e) in enumerate(c.content):
            if text[s] in "'\"“‘" or not CLOSING_ON_COMMA.search(text, s, e):
                continue
            m = STOP_THEN_QUOTATION.search(text, s, e)
            if m is not None and m.start() > s and _outside_quotes(text[s:m.start()]):
                c.content[k] = (s, m.start())
                break


def _outside_quotes(part: str) -> bool:
    """No quotation left open in `part` (doubled apostrophes and straight quotes in pairs, curly ones matched)."""
    return part.count("''") % 2 == 0 and part.count('"') % 2 == 0 and part.count("“") == part.count("”")


ASIDE_WORDS = 4  # a shorter parenthesis is a label: "(R-Texas)", "(TPP)", "(90 percent)"
NAME_LINKS = {"and", "of", "for", "the", "on", "in", "&"}


def _closing_aside(found: list[Candidate], text: str) -> None:
    """A content of the writer's words that ends on a parenthesis of a few words or more ("… as many
    as 250,000 refugees (the ministry has offered 10,000)"): the writer's aside, not part of the
    report. Short labels and abbreviations in parentheses stay."""
    for c in found:
        s, e = c.content[-1]
        if text[e - 1] != ")" or text[s] in "'\"“‘":
            continue
        o = text.rfind("(", s, e)
        words = text[o + 1:e - 1].split()
        if o <= s or ")" in text[o:e - 1] or "(" in text[s:o] or not text[o - 1].isspace() \
                or len(words) < ASIDE_WORDS or all(w[:1].isupper() or w in NAME_LINKS for w in words):
            continue  # a list of parentheses, or a name spelled out: "(State Archive and Records Office)"
        c.content[-1] = trim(text, s, o)


CLOSE_AFTER = re.compile(r"[.?!,](?:''|\"|”)")


def _closing_mark(found: list[Candidate], text: str) -> None:
    """A content that ends inside a quotation it opened, right before the quotation's closing
    point and mark (`that she was ''good enough.''`, `called it "a fair deal."`): the span
    trimming took them for the sentence's; the content keeps them, as for a whole quotation."""
    for c in found:
        s, e = c.content[-1]
        m = CLOSE_AFTER.match(text, e)
        if m is not None and not _outside_quotes(text[s:e]):
            c.content[-1] = (s, m.end())
