"""Site boilerplate in plain text: paywall prompts, newsletter sign-ups, share widgets,
cookie notices, ads, related-link lists, photo credits. Rules live in
`lexicons/boilerplate.tsv`; this module applies them line by line."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import lexicon_patterns, lexicon_set

_WORD = re.compile(r"\w+")


@lru_cache(maxsize=65536)
def boilerplate_rule(line: str) -> str | None:
    """The label of the first boilerplate rule the line matches, or None."""
    stripped = line.strip()
    if not stripped:
        return None
    # Long lines of running prose are article text even when they mention cookies or
    # subscriptions; prompts and widgets are short.
    words = _WORD.findall(stripped)
    if len(words) > 40:
        return None
    for label, pattern in lexicon_patterns("boilerplate.tsv"):
        if pattern.search(stripped):
            return label
    if len(words) <= 8 and sum(1 for w in words if w.casefold() in _social_names()) >= 2:
        return "share"  # "Facebook Twitter WhatsApp ..." in any language
    return None


@cache
def _social_names() -> frozenset[str]:
    return lexicon_set("social_networks.txt")


def is_related_header(label: str | None) -> bool:
    return label == "related_header"


def looks_like_link_title(line: str) -> bool:
    """A short line with no sentence end: the shape of an item in a list of links."""
    s = line.strip()
    words = _WORD.findall(s)
    return 0 < len(words) <= 16 and not s.endswith((".", "!", "?", ".”", '."', ":"))


def ends_article(line: str) -> bool:
    """A comments header: in a full page, what follows is readers' text, not the article."""
    return boilerplate_rule(line) in ("comments_start", "about_section")
