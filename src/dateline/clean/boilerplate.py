"""Site boilerplate in plain text: paywall prompts, newsletter sign-ups, share widgets,
cookie notices, ads, related-link lists, photo credits. Rules live in
`lexicons/boilerplate.tsv`; this module applies them line by line."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from ..lexicons import lexicon_patterns, lexicon_set

_WORD = re.compile(r"\w+")
_LIST_MARK = re.compile(r"^(?:[-–•·*▪►]\s+)+")
# Rules tested on lines of any length: markers that running prose never carries.
ANY_LENGTH = frozenset({"comment_marker", "promo"})


@lru_cache(maxsize=65536)
def boilerplate_rule(line: str) -> str | None:
    """The label of the first boilerplate rule the line matches, or None."""
    stripped = _LIST_MARK.sub("", line.strip())  # "- Print Article", "• Share"
    if not stripped:
        return None
    # Long lines of running prose are article text even when they mention cookies or
    # subscriptions; prompts and widgets are short.
    words = _WORD.findall(stripped)
    long = len(words) > 40
    for label, pattern in lexicon_patterns("boilerplate.tsv"):
        if (not long or label in ANY_LENGTH) and pattern.search(stripped):
            return label
    if long:
        return None
    if len(words) <= 8 and sum(1 for w in words if w.casefold() in _social_names()) >= 2:
        return "share"  # "Facebook Twitter WhatsApp ..." in any language
    if len(words) >= 6 and _shouted(stripped) and not stripped.endswith("."):
        return "teaser"  # "MINISTER QUITS AMID ROW OVER FERRY DEAL": a headline link, not prose
    return None


def _shouted(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(1 for c in letters if c.isupper()) >= 0.9 * len(letters)


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


# An author's biography: "Jane Roe is a senior reporter for ...", "John Doe writes about ...",
# "• Jo Bloggs, a former regulator, is president of ...". Only tested near the end of a text.
_NAME = r"[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|de|van|von|da|del|la|le|bin|al)){1,3}"
_ROLE = (r"(?:writer|editor|reporter|journalist|columnist|correspondent|contributor|critic|blogger|producer|"
         r"freelancer|staff|author of|anchor|host of|analyst|co-?host|writes about|covers|covering|reporting on|has written for|"
         r"has been writing)")
_BIO = re.compile(r"(?:[-•*—–]\s*)?" + _NAME + r"(?:\s*\([^)]{1,40}\))?(?:,\s[^,]{3,80},)?\s+"
                  r"(?:(?:writes about|writes for|reports on|covers|has covered|has written for|has written about)\b"
                  r"|(?:is|was|has been|joined|writes|has worked)\b(?:(?!\.\s).){0,120}?\b" + _ROLE + r"\b)")
_BULLET_BIO = re.compile(r"[-•*—–]\s*" + _NAME + r",\s[^,]{3,120},\s+is\b")
# A guest writer's one-sentence credit, as the very last line: "Jo Roe is the chief technology
# officer of Acme." (only there: elsewhere such a sentence introduces someone in the story).
_GUEST_ROLE = (r"(?:officer|executive|director|president|founder|co-?founder|professor|fellow|partner|"
               r"chair(?:man|woman)?|ceo|cto|author|lecturer|researcher|consultant|attorney|lawyer)")
_GUEST_BIO = re.compile(r"(?:[-•*—–]\s*)?" + _NAME + r"(?:\s*\([^)]{1,40}\))?(?:,\s[^,]{3,80},)?\s+(?:is|was)\s+"
                        r"(?:an?|the)\b(?:(?!\.\s).){0,80}?\b" + _GUEST_ROLE + r"\b(?:(?!\.\s).){0,120}$")
_BIO_MAX_WORDS = 120
_GUEST_MAX_WORDS = 60


def is_author_bio(line: str, last: bool = False) -> bool:
    """A line that introduces the writer rather than continuing the story (`last`: the text's
    final line, where a guest writer's one-sentence credit also counts)."""
    s = line.strip()
    n = len(_WORD.findall(s))
    if n > _BIO_MAX_WORDS:
        return False
    if _BIO.match(s) or _BULLET_BIO.match(s):
        return True
    return last and n <= _GUEST_MAX_WORDS and bool(_GUEST_BIO.match(s))


# A press release's closing "about us" paragraph: "Acme is a global provider of ...". Long
# (a short closing sentence of that shape is more likely news) and only tested near the end.
_COMPANY_BLURB = re.compile(
    r"(?:[A-Z][\w.&'’-]*\s+){0,4}(?:is|are)\s+(?:an?|the)\s+(?:(?:leading|global|world|international|premier|"
    r"national|independent|privately[- ]held|publicly[- ]traded|non-?profit|[\w-]+)\s+){0,4}(?:provider|company|"
    r"leader|firm|organi[sz]ation|manufacturer|developer|supplier|group|network|agency|institution|foundation|"
    r"operator|publisher|platform|association|charity)\b")
_BLURB_MIN_WORDS = 25


def is_company_blurb(line: str) -> bool:
    s = line.strip()
    n = len(_WORD.findall(s))
    return _BLURB_MIN_WORDS <= n <= _BIO_MAX_WORDS and bool(_COMPANY_BLURB.match(s))
