"""Full-page text: find the article among menus, footers, related links and comments.

Text extracted from a whole web page (html-to-text output, a copy-paste of a page) is
mostly short lines — navigation, section names, teasers — around one run of long prose
lines, the article. Each line gets a score from its length and shape alone (no markup,
no link density): long prose lines score positive, short lines negative, known
boilerplate strongly negative. The article is the run of lines with the highest total
(a maximum-sum segment). A comments header ends the article: nothing after it joins.

Only whole lines are kept or dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from .boilerplate import boilerplate_rule, ends_article

_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»)\]]*$|[.!?][\"'”’]?\s*\(?[\w ]{0,30}\)?$")

# A line worth this many words is neutral; longer lines count for the article.
THRESHOLD = 13.0
# One very long line (a footer blurb, a long comment) must not outweigh a run of paragraphs.
LINE_CAP = 45.0
# A run must be worth this much before a comments header may close the article.
MIN_ARTICLE = 40.0
BOILERPLATE_PENALTY = -20.0


def line_size(text: str) -> float:
    """Words, with each CJK character counting as half a word (those scripts use no spaces)."""
    cjk = len(_CJK.findall(text))
    if not cjk:
        return float(len(_TOKEN.findall(text)))
    latin = len(_TOKEN.findall(_CJK.sub(" ", text)))
    return latin + cjk / 2.0


def looks_like_full_page(lines: list[str]) -> bool:
    """Many short lines (menus, link lists) around the text: a whole page, not an article."""
    if len(lines) < 12:
        return False
    short = sum(1 for ln in lines if line_size(ln) < 5)
    return short >= 0.35 * len(lines)


_ALPHA_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_TITLE_SMALL_WORDS = frozenset("A An The In On At Of To For With From By As And Or Nor But After Before Over Into Onto "
                               "Off Down Amid Than Is Are Was Were Be Been Can Could Will Would May Might Must Should "
                               "Has Have Had Do Does Did Not No Your Our Their His Her Its My Up Out About Here There "
                               "This That These Those What Why How When Where Who Get Gets Make Makes".split())


def headline_case(text: str) -> bool:
    """Starts like a Headline In Title Case (a teaser: headline run into its summary)."""
    words = _ALPHA_WORD.findall(text[:160])[:8]
    if len(words) < 6:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    # Title Case capitalises the small words too ("Crash On The Coast"); a sentence that
    # merely opens with names ("U.S. President Joe Biden met ...") does not.
    small = any(w in _TITLE_SMALL_WORDS for w in words)
    return caps >= 0.8 * len(words) and small and any(w[0].islower() for w in _ALPHA_WORD.findall(text)[8:40])


def line_score(text: str, repeats: int) -> float:
    if boilerplate_rule(text):
        return BOILERPLATE_PENALTY
    size = line_size(text)
    score = size - THRESHOLD
    if _SENTENCE_END.search(text):
        score += 3.0
    score = min(score, LINE_CAP)
    if headline_case(text):
        score -= 25.0
    if repeats > 1:  # the same line twice on a page is navigation or a teaser, not prose
        score = min(score, -THRESHOLD)
    return score


def _best_run(scores: list[float], stop: int) -> tuple[float, tuple[int, int] | None]:
    best = cur = 0.0
    best_span = None
    cur_start = 0
    for i in range(stop):
        if cur <= 0:
            cur, cur_start = 0.0, i
        cur += scores[i]
        if cur > best:
            best, best_span = cur, (cur_start, i + 1)
    return best, best_span


def main_region(texts: list[str]) -> tuple[int, int] | None:
    """[start, end) of the best-scoring run of lines, or None when nothing scores."""
    return _main_region(texts, _scores(texts))


def _scores(texts: list[str]) -> list[float]:
    counts = Counter(" ".join(t.split()).casefold() for t in texts)
    return [line_score(t, counts[" ".join(t.split()).casefold()]) for t in texts]


# An inline box (related links, a gallery, an ad) may split the article: a run of prose
# within GAP_MAX lines of the article and worth RUN_MIN points joins it, the box does not.
GAP_MAX = 10
RUN_MIN = 40.0


def main_regions(texts: list[str]) -> list[tuple[int, int]]:
    """The article's runs of lines: the best run plus nearby runs split off by inline boxes."""
    scores = _scores(texts)
    span = _main_region(texts, scores)
    if span is None:
        return []
    spans = [span]
    stop = next((i for i in range(span[1], len(texts)) if ends_article(texts[i])), len(texts))
    end = span[1]
    while True:  # forward
        nxt = _next_run(scores, end, stop)
        if nxt is None:
            break
        spans.append(nxt)
        end = nxt[1]
    start = span[0]
    while True:  # backward
        prev = _prev_run(scores, start)
        if prev is None:
            break
        spans.insert(0, prev)
        start = prev[0]
    return spans


def _next_run(scores: list[float], end: int, stop: int) -> tuple[int, int] | None:
    j = end
    while j < stop and j - end < GAP_MAX and scores[j] <= 0:
        j += 1
    if j >= stop or scores[j] <= 0:
        return None
    gap = -sum(scores[end:j])
    total = best = 0.0
    best_end = j
    for k in range(j, stop):
        total += scores[k]
        if total <= 0:
            break
        if total > best:
            best, best_end = total, k + 1
    if best >= RUN_MIN and best >= 0.5 * gap:
        return j, best_end
    return None


def _prev_run(scores: list[float], start: int) -> tuple[int, int] | None:
    rev = scores[:start][::-1]
    found = _next_run(rev, 0, len(rev))
    if found is None:
        return None
    a, b = found
    return start - b, start - a


def _main_region(texts: list[str], scores: list[float]) -> tuple[int, int] | None:
    span = None
    for i, text in enumerate(texts):
        if ends_article(text):
            # Comments follow; the article is before them, once there is one.
            score, run = _best_run(scores, i)
            if score >= MIN_ARTICLE:
                span = run
                break
    if span is None:
        span = _best_run(scores, len(texts))[1]
    return _with_list(texts, scores, span) if span else None


LIST_MIN_WORDS = 3
LIST_MAX_LINES = 150


def _with_list(texts: list[str], scores: list[float], span: tuple[int, int]) -> tuple[int, int]:
    """A run that ends by announcing a list ("Tour dates:") takes the list's items too:
    lines of a few words each, up to the first short, repeated or boilerplate line."""
    start, end = span
    if not any(texts[i].rstrip().endswith(":") for i in range(max(start, end - 2), end)):
        if end < len(texts) and texts[end].rstrip().endswith(":") and line_size(texts[end]) >= LIST_MIN_WORDS:
            end += 1
        else:
            return span
    limit = min(len(texts), end + LIST_MAX_LINES)
    while end < limit and line_size(texts[end]) >= LIST_MIN_WORDS and scores[end] > BOILERPLATE_PENALTY \
            and not ends_article(texts[end]) and scores[end] > -THRESHOLD - 1:
        end += 1
    return start, end


def prose_mass(text: str) -> float:
    """How much article-like prose a text holds: the sum of its lines' positive scores."""
    return sum(max(0.0, line_score(t, 1)) for t in text.split("\n") if t.strip())
