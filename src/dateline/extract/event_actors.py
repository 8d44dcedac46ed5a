"""Actors of an event: code (ISO 3166-1 alpha-3 or IGO/NGO-style) and sector, from a phrase.

`ActorCoder` is built once per article. Given the head token of an argument ("officials"
in "Senior Hungarian and Romanian officials") it returns one `Actor` per country or
organisation the phrase names, looking in this order at: organisations we know
(`lexicons/actor_orgs.tsv`), the canonical entity from the entities stage, country
names, capitals used for governments ("Moscow" -> RUS), demonyms, possessors ("his
country's border" -> the country of whoever "his" is), and, for police and government
words with no country of their own, the dateline's country.
"""

from __future__ import annotations

from functools import cache, lru_cache

from ..countries import capital_code, country_code, demonym_code
from ..lexicons import lexicon_rows
from ..records import Actor, Entity, Extraction, Span

PRONOUNS = frozenset({"he", "she", "his", "her", "hers", "him", "it", "its", "they", "their", "them", "we", "our"})
# Words whose referent is "the country" of the article when nothing else says which.
LOCAL_WORDS = frozenset({"police", "policeman", "policemen", "government", "authorities", "authority",
                         "parliament", "court", "army", "military", "cabinet", "ministry", "president"})
SKIP_DEPS = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl"})


@cache
def org_table() -> dict[str, tuple[str, str | None]]:
    return {row[0].casefold(): (row[1], None if len(row) < 3 or row[2] == "-" else row[2])
            for row in lexicon_rows("actor_orgs.tsv")}


@cache
def sector_table() -> dict[str, str]:
    out: dict[str, str] = {}
    for word, sector in lexicon_rows("actor_sectors.tsv"):
        out.setdefault(word.casefold(), sector)
    return out


def _clean(text: str) -> str:
    return " ".join(text.replace("’", "'").split()).casefold().removeprefix("the ").strip(" .,'\"")


PLACE_CACHE = 50_000  # distinct texts whose place code is remembered (bounded: a long run sees many)


@cache
def extra_places() -> dict[str, str]:
    return {row[0].casefold(): row[1] for row in lexicon_rows("actor_places.tsv")}


@lru_cache(maxsize=PLACE_CACHE)
def place_code(text: str) -> str | None:
    """A country, a capital or a demonym as a country code."""
    if not text:
        return None
    text = text.replace("’", "'").strip(" ,\"")
    if text.endswith("'s"):
        text = text[:-2]
    for form in (text, text.strip(".")):
        code = extra_places().get(form.casefold()) or country_code(form) or capital_code(form) or demonym_code(form)
        if code:
            return code
    return _demonym_guess(text.strip(".")) if text[:1].isupper() else None


def _demonym_guess(word: str) -> str | None:
    """"Burundian" -> Burundi, "Congolese" -> Congo: demonyms our lexicon lacks."""
    if len(word) < 5 or " " in word.strip() or not word.endswith(("an", "ans", "ese", "ish")):
        return None
    base = word[:-1] if word.endswith("s") else word
    for stem in (base[:-1], base[:-2], base[:-3], base[:-4] + "o", base[:-3] + "a"):
        if len(stem) >= 4:
            code = country_code(stem)
            if code:
                return code
    return None


def org_code(text: str) -> tuple[str, str | None] | None:
    return org_table().get(_clean(text))


class ActorCoder:
    """Codes argument phrases of one article."""

    def __init__(self, extraction: Extraction, doc):
        self.doc = doc
        self.article = extraction.article
        # token index -> the model's entity span, built once: per-call rebuilding made long articles quadratic
        self.ents = doc.ents  # built once: each `doc.ents` makes every span again
        self.ent_at = {t.i: e for e in self.ents for t in e}
        self.by_token: dict[int, Entity] = {}
        self._index_entities(extraction.entities, doc)
        self.place_at: dict[int, str] = {}
        for place in extraction.places:
            span = doc.char_span(place.span.start, place.span.end, alignment_mode="expand")
            if span is not None and place.country:
                for tok in span:
                    self.place_at[tok.i] = place.country
        self.names: dict[str, tuple[str, str | None]] = {}  # surname -> (code, sector) seen earlier
        self.home = self._home_code()
        self.last: dict[str, list[Actor]] = {}  # pronoun class -> last actors seen
        self._resolving: set[int] = set()
        self.named_events = self._learn_named_events(doc)
        self._learn_names(doc)

    # --- set-up ---------------------------------------------------------------
    def _index_entities(self, entities, doc) -> None:
        for ent in entities:
            for m in ent.mentions:
                span = doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is not None:
                    for tok in span:
                        self.by_token.setdefault(tok.i, ent)

    def _home_code(self) -> str | None:
        line = self.article.dateline
        if not line:
            return None
        first = line.split(",")[0].split("(")[0].strip()
        return place_code(first.title()) or place_code(first) or place_code(line.split(",")[-1].strip().title())

    def _learn_names(self, doc) -> None:
        """Remember "Russian President Vladimir Putin" so that a later "Putin" is RUS."""
        for ent in self.ents:
            if ent.label_ != "PERSON":
                continue
            np = _phrase_tokens(ent.root)
            code = next((c for c in (self._modifier_codes(np, ent.root)) if c), None)
            sector = self._sector(np, ent.root)
            if code:
                self.names.setdefault(ent[-1].text, (code, sector))
                self.names.setdefault(ent.text, (code, sector))

    def _learn_named_events(self, doc) -> dict[str, str]:
        """"Beijing Winter Olympics" -> a later "the Olympics" or "the Games" is CHN."""
        out: dict[str, str] = {}
        for ent in self.ents:
            if ent.label_ in ("EVENT", "FAC", "ORG") and len(ent) > 1:
                code = _first_place_in(ent)
                if code:
                    out.setdefault(ent[-1].lower_, code)
        return out

    # --- coding ---------------------------------------------------------------
    def actors(self, head, role: str = "") -> list[Actor]:
        """Actors named by the phrase headed by `head`, one per conjunct and code."""
        out: list[Actor] = []
        if head.idx < self.article.body_start:  # "OSLO (Reuters) — Norwegian minister X met ...":
            inside = [t for t in head.subtree if t.idx >= self.article.body_start and t.head.idx < self.article.body_start]
            if inside:  # the parser hung the real subject on the dateline word
                head = inside[0]
        for tok in [head, *_conjuncts(head)]:
            for actor in self._code_one(tok):
                if all(a.code != actor.code for a in out):
                    out.append(actor)
        return out

    def _code_one(self, head) -> list[Actor]:
        tokens = [t for t in _phrase_tokens(head) if not t.is_space] or [head]
        if head.idx >= self.article.body_start:  # the dateline ("OSLO (Reuters) —") is no part of it
            tokens = [t for t in tokens if t.idx >= self.article.body_start] or [head]
        span = self.doc[min(t.i for t in tokens): max(t.i for t in tokens) + 1]
        text = span.text
        sector = self._sector(tokens, head)
        entity = self.by_token.get(head.i)
        hit = None
        # 1. the head's own named entity, a known organisation, or the whole phrase
        own = self._own_entity(head, span)
        if own is not None and own.label_ in ("GPE", "NORP") and place_code(own.text):
            return [self._actor(span, place_code(own.text), sector, entity, head)]
        for cand in (text, head.text, *(own.text for own in [own] if own is not None)):
            hit = org_code(cand)
            if hit:
                return [self._actor(span, hit[0], sector or hit[1], entity, head)]
        # 2. the entities stage's canonical entity ("the Olympics" -> "Beijing Winter Olympics")
        if entity is not None and (entity.code or entity.country):
            return [self._actor(span, entity.code or entity.country, sector or entity.sector, entity, head)]
        if entity is not None and entity.type in ("EVENT", "FAC", "ORG"):
            code = next((c for c in (place_code(w) for w in entity.name.split() if w[:1].isupper()) if c), None)
            if code:
                return [self._actor(span, code, sector, entity, head)]
        if head.pos_ == "PROPN" and head.lower_ in self.named_events and not head.ent_type_ in ("GPE", "NORP"):
            return [self._actor(span, self.named_events[head.lower_], sector, entity, head)]
        # 3. the head itself is a place or people name
        if head.ent_type_ in ("GPE", "NORP", "LOC") or head.pos_ == "PROPN":
            ent = self._own_entity(head, span)
            code = place_code(ent.text if ent is not None else head.text)
            if code:
                return [self._actor(span, code, sector, entity, head)]
        if head.ent_type_ == "PERSON":
            ent = self._own_entity(head, span)
            known = self.names.get(ent.text if ent is not None else head.text) or self.names.get(head.text)
            if known and not self._modifier_codes(tokens, head):
                return [self._actor(span, known[0], sector or known[1], entity, head)]
        # 4. modifiers: demonyms, country names, capitals, possessors, "of"/"in" phrases
        codes = self._modifier_codes(tokens, head)
        if codes:
            return [self._actor(span, c, sector, entity, head, text=t) for c, t in codes.items()]
        # 5. pronouns
        if head.lower_ in PRONOUNS:
            prior = self._resolve_pronoun(head)
            return [Actor(head.text, a.code, a.sector, a.entity, Span.of(self.article.text, head.idx,
                                                                          head.idx + len(head.text)))
                    for a in prior]
        # 6. "police", "the government": the dateline's country
        if self.home and head.lemma_.casefold() in LOCAL_WORDS:
            return [self._actor(span, self.home, sector, entity, head)]
        return []

    def _own_entity(self, head, span):
        """The model's entity around the head, when it lies inside the phrase."""
        ent = self.ent_at.get(head.i)
        return ent if ent is not None and span.start <= ent.start and ent.end <= span.end else None

    def _modifier_codes(self, tokens, head) -> dict[str, str]:
        """Codes of country words that modify the head, in order: {code: text}."""
        out: dict[str, str] = {}
        ents = self.ent_at
        seen = set()
        for tok in sorted(tokens, key=lambda t: t.i):
            if tok.i in seen or tok.i == head.i and not ents.get(tok.i):
                continue
            ent = ents.get(tok.i)
            if ent is not None and ent.label_ in ("GPE", "NORP", "LOC", "ORG", "FAC", "EVENT"):
                seen.update(range(ent.start, ent.end))
                org = org_code(ent.text)
                code = org[0] if org else place_code(ent.text) or _first_place_in(ent)
            elif tok.lower_ in PRONOUNS and tok.dep_ == "poss":
                prior = self._resolve_pronoun(tok)
                code = prior[0].code if prior else None
            elif ent is not None:  # a person's or organisation's name is no country
                code = None
            else:
                org = org_code(tok.text) if tok.pos_ == "PROPN" else None
                code = org[0] if org else place_code(tok.text) if tok.pos_ in ("ADJ", "PROPN") else None
            if _not_nationality(tok):
                continue
            code = code or self.place_at.get(tok.i)
            if code:
                out.setdefault(code, ent.text if ent is not None else tok.text)
        return out

    def sector_of(self, head) -> str | None:
        return self._sector(_phrase_tokens(head), head)

    def _sector(self, tokens, head) -> str | None:
        table = sector_table()
        entity = self.by_token.get(head.i)
        if entity is not None and entity.sector:
            return entity.sector
        for word in (head.lemma_.casefold(), head.lower_):
            if word in table:
                return table[word]
        for tok in tokens:
            if tok.dep_ in ("compound", "amod", "nmod") and tok.head.i == head.i:
                sector = table.get(tok.lemma_.casefold())
                if sector:
                    return sector
        if entity is not None and entity.title:
            return table.get(entity.title.split()[-1].casefold())
        return None

    def _actor(self, span, code, sector, entity, head, text: str | None = None) -> Actor:
        actor = Actor(text or span.text, code, sector, entity.id if entity is not None else None,
                      Span.of(self.article.text, span.start_char, span.end_char))
        self.remember(head, [actor])
        return actor

    # --- light coreference -----------------------------------------------------
    def remember(self, head, actors: list[Actor]) -> None:
        if not actors or head.lower_ in PRONOUNS:
            return
        kind = "person" if head.ent_type_ == "PERSON" or head.lemma_.casefold() in (
            "president", "minister", "leader", "premier", "chancellor") else "thing"
        self.last[kind] = actors
        if head.tag_ in ("NNS", "NNPS") or len(actors) > 1:
            self.last["plural"] = actors
        self.last["any"] = actors

    def _resolve_pronoun(self, tok) -> list[Actor]:
        if tok.i in self._resolving:  # "their leaders' own ...": a pronoun inside its own antecedent
            return []
        self._resolving.add(tok.i)
        try:
            return self._antecedent(tok)
        finally:
            self._resolving.discard(tok.i)

    def _antecedent(self, tok) -> list[Actor]:
        word = tok.lower_
        kind = {"he": "person", "she": "person", "his": "person", "her": "person", "him": "person",
                "they": "plural", "their": "plural", "them": "plural"}.get(word, "thing")
        if word in ("its", "it"):  # the nearest country or organisation before it in the sentence
            for t in reversed(list(tok.sent)):
                if t.i < tok.i and t.ent_type_ in ("GPE", "ORG") and t.pos_ == "PROPN" and t.dep_ != "compound":
                    got = [a for a in self._code_one(t) if a.code]
                    if got:
                        return got
        # The nearest subject before the pronoun in the same sentence, of the right kind
        # ("his" wants a person, "their" a plural), is the best antecedent.
        subjects = [t for t in tok.sent if t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass")
                    and t.lower_ not in PRONOUNS]
        for t in reversed(subjects):
            if kind == "person" and not _is_person(t):
                continue
            if kind == "plural" and not (t.tag_ in ("NNS", "NNPS") or t.conjuncts):
                continue
            got = [a for a in self._code_one(t) if a.code]
            if got:
                return got
        return self.last.get(kind) or self.last.get("any") or []


PERSON_WORDS = frozenset({"president", "minister", "leader", "premier", "chancellor", "king", "queen", "emir",
                          "spokesman", "spokeswoman", "official", "general", "secretary", "ambassador"})


def _is_person(tok) -> bool:
    return tok.ent_type_ == "PERSON" or (tok.lemma_.casefold() in PERSON_WORDS and tok.tag_ in ("NN", "NNP"))


def _not_nationality(tok) -> bool:
    """"ethnic Albanians", "anti-Syria journalist": the word names no actor's country."""
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and prev.lower_ == "ethnic":
        return True
    if prev is not None and prev.text == "-" and tok.i > 1 and tok.nbor(-2).lower_ in ("anti", "pro"):
        return True
    return tok.lower_.startswith(("anti-", "pro-"))


def _conjuncts(head) -> list:
    out = []
    for c in head.conjuncts:
        if c.i > head.i and c.pos_ in ("NOUN", "PROPN", "PRON", "ADJ"):
            out.append(c)
    return out


def _phrase_tokens(head) -> list:
    """The head and its modifiers, without relative clauses, appositions or conjuncts."""
    out = [head]
    stack = [c for c in head.children if c.dep_ not in SKIP_DEPS]
    while stack:
        tok = stack.pop()
        if tok.dep_ == "prep" and tok.lower_ not in ("of", "in", "from", "by") and tok.head.i == head.i:
            continue
        out.append(tok)
        stack.extend(c for c in tok.children if c.dep_ not in ("relcl", "acl", "punct", "advcl"))
    # "Hungarian and Romanian officials": conjoined modifiers are part of the phrase
    for tok in list(out):
        if tok.dep_ in ("amod", "compound") and tok.head.i == head.i:
            out.extend(c for c in tok.conjuncts if c not in out)
    return out


def _first_place_in(ent) -> str | None:
    """"Beijing Winter Olympics" -> CHN: a place word inside a named event or facility."""
    for tok in ent:
        code = place_code(tok.text) if tok.pos_ == "PROPN" else None
        if code:
            return code
    return None
