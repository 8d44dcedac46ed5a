"""Speakers: from the words that name a source to the article's canonical entity.

Light coreference, in order:
  1. a mention of an entity inside the speaker phrase (names, surnames and the
     descriptions the entities stage already attached, like "the Russian president");
  2. relative pronouns ("Massrali, who said …") take the noun they modify;
  3. personal pronouns take the nearest earlier person (he/she/I) or group
     (they/it/we), skipping people known to be of the other gender for he/she
     (titles, "Mrs."/"Mr.", common first names: `lexicons/quote_gender.tsv`) and
     otherwise preferring the one the same pronoun pointed at last;
  4. descriptions ("the spokeswoman", "the ministry") take the latest entity
     whose title or name ends in that noun.
When nothing fits the speaker keeps its written span and no entity.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cache

from ..lexicons import lexicon_rows
from ..records import Entity

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "i", "me", "my"}
GROUP_PRONOUNS = {"they", "them", "their", "it", "its", "we", "our", "us"}
RELATIVES = {"who", "which", "that", "whom", "whose"}
PERSON_TYPES = {"PERSON"}
GROUP_TYPES = {"ORG", "GPE", "NORP"}
GENDER_WINDOW = 600  # characters
TITLE_SHORT = {"sen.": "senator", "gov.": "governor", "rep.": "representative", "pres.": "president",
               "gen.": "general", "sec.": "secretary"}


@dataclass
class SpeakerIndex:
    """Entity mentions of one article sorted by position, for nearest-before lookups."""

    entities: tuple[Entity, ...]
    text: str = ""
    starts: list[int] = field(default_factory=list)
    spans: list[tuple[int, int, Entity]] = field(default_factory=list)
    last_for_pronoun: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.spans = sorted(((m.start, m.end, e) for e in self.entities for m in e.mentions), key=lambda x: x[0])
        self.starts = [s for s, _, _ in self.spans]

    def inside(self, start: int, end: int, head: tuple[int, int] | None, proper: bool) -> Entity | None:
        """The entity with a mention covering the head word; for a proper-noun head with no
        such mention, a person mentioned inside the span ("Clinton, a Democrat")."""
        i = bisect.bisect_right(self.starts, end)
        hits = [(s, e, ent) for s, e, ent in self.spans[max(0, i - 50):i] if s < end and e > start]
        if head:
            for s, e, ent in hits:
                if s <= head[0] and head[1] <= e:
                    return ent
        if proper:
            people = [h for h in hits if h[2].type in PERSON_TYPES]
            return people[0][2] if people else None
        return None

    def by_name(self, word: str) -> Entity | None:
        """An entity whose name has this word ("Sanders" for Bernie Sanders), people first."""
        word = word.casefold()
        named = [e for e in self.entities if word in e.name.casefold().split()]
        named.sort(key=lambda e: e.type not in PERSON_TYPES)
        return named[0] if named else None

    def before(self, pos: int, types: set[str], avoid: list[tuple[int, int]] = (),
               gender: str | None = None, doc_text: str = "") -> Entity | None:
        i = bisect.bisect_left(self.starts, pos)
        fallback = None
        for s, e, ent in reversed(self.spans[:i]):
            if ent.type not in types or any(a <= s < b for a, b in avoid):
                continue
            if not gender:
                return ent
            known = entity_gender(ent, doc_text)
            if known == gender:
                return ent  # a person of the right gender not too far back beats a nearer unknown
            if known is None and fallback is None:
                fallback, fallback_at = ent, s
            if fallback is not None and fallback_at - s > GENDER_WINDOW:
                break
        return fallback


@cache
def gender_words() -> dict[str, str]:
    return {row[0].casefold(): row[1] for row in lexicon_rows("quote_gender.tsv")}


def entity_gender(ent: Entity, text: str) -> str | None:
    """f, m or None, from the title, a first name, or a word like "Mrs." before a mention."""
    words = gender_words()
    if ent.type not in PERSON_TYPES:
        return None
    for key in ((ent.title or "").casefold(), ent.name.casefold().split()[0] if ent.name else ""):
        if key in words:
            return words[key]
        last = key.split()[-1] if key.split() else ""
        if last in words:
            return words[last]
    for m in ent.mentions:
        before = text[max(0, m.start - 14):m.start].casefold().split()
        if before and before[-1] in words:
            return words[before[-1]]
    return None


def resolve_speaker(index: SpeakerIndex, doc, span: tuple[int, int] | None, head_i: int | None,
                    avoid: list[tuple[int, int]] = ()) -> str | None:
    """Entity id for the speaker written at `span` (characters), or None."""
    if span is None:
        return None
    head = doc[head_i] if head_i is not None else None
    head_chars = (head.idx, head.idx + len(head.text)) if head is not None else None
    word = head.lower_ if head is not None else index.text[span[0]:span[1]].casefold()
    if word in RELATIVES and head is not None:
        noun = head.head.head if head.head.dep_ == "relcl" else None
        if noun is not None:
            found = index.inside(noun.idx, noun.idx + len(noun.text), (noun.idx, noun.idx + len(noun.text)),
                                 noun.pos_ == "PROPN")
            return found.id if found else None
        return None
    proper = head is not None and head.pos_ == "PROPN"
    found = index.inside(span[0], span[1], head_chars, proper)
    if found is None and proper:
        found = index.by_name(head.text)
    if found is not None:
        return found.id
    if word in PERSON_PRONOUNS or word in GROUP_PRONOUNS:
        types = PERSON_TYPES if word in PERSON_PRONOUNS else GROUP_TYPES
        key = {"him": "he", "his": "he", "her": "she", "me": "i", "my": "i"}.get(word, word)
        gender = {"he": "m", "she": "f"}.get(key)
        ent = index.before(span[0], types, avoid, gender, index.text)
        previous = index.last_for_pronoun.get(key)
        if previous and ent and previous != ent.id and gender is None:
            # keep the referent the same pronoun had, unless a new person of that kind
            # was introduced after it: "she" after "Massrali … she" stays Massrali
            prev_ent = next((e for e in index.entities if e.id == previous), None)
            if prev_ent and _last_mention_before(prev_ent, span[0]) >= _last_mention_before(ent, span[0]) - 400:
                ent = prev_ent
        if ent is not None:
            index.last_for_pronoun[key] = ent.id
            return ent.id
        return None
    if head is not None and head.pos_ in ("NOUN", "PROPN"):
        noun = TITLE_SHORT.get(head.lower_, head.lemma_.casefold())
        for s, e, ent in reversed(index.spans[:bisect.bisect_left(index.starts, span[0])]):
            title = [TITLE_SHORT.get(w, w) for w in (ent.title or "").casefold().split()]
            name = ent.name.casefold().split()
            if (title and title[-1] == noun) or (name and name[-1] == noun and ent.type not in PERSON_TYPES):
                return ent.id
    return None


def _last_mention_before(ent: Entity, pos: int) -> int:
    return max((m.start for m in ent.mentions if m.start < pos), default=-1)
