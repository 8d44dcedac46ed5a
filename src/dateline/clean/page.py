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


def headline_case(text: str) -> bool:
    """Starts like a Headline In Title Case (a teaser: headline run into its summary)."""
    words = _ALPHA_WORD.findall(text[:160])[:8]
    if len(words) < 6:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps >= 0.8 * len(words) and any(w[0].islower() for w in _ALPHA_WORD.findall(text)[8:40])


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
    counts = Counter(" ".join(t.split()).casefold() for t in texts)
    scores = [line_score(t, counts[" ".join(t.split()).casefold()]) for t in texts]
    for i, text in enumerate(texts):
        if ends_article(text):
            # Comments follow; the article is before them, once there is one.
            score, span = _best_run(scores, i)
            if score >= MIN_ARTICLE:
                return span
    return _best_run(scores, len(texts))[1]
