"""Entities: one canonical entity per real-world referent within an article.

From the model's named-entity spans we
  1. repair common slips (an ORG span swallowing a following name: "Xinhua, Putin");
  2. read titles, nationalities and affiliations from pre-modifiers and appositives
     ("Russian President Vladimir Putin", "EU spokeswoman Nabila Massrali",
     "Nabila Massrali, a spokeswoman for the EU");
  3. merge name variants (surnames, acronyms, country short names);
  4. attach definite descriptions that refer back ("the Russian president").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

import numpy as np
from spacy.attrs import IS_UPPER, LOWER

from ..countries import capital_code, country_code, demonym_code
from ..lexicons import lexicon_rows, lexicon_set
from ..records import Entity, Extraction, Span
from .base import FunctionStage

NAME = "entities.rules.v1"
LABELS = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
_DETERMINERS = {"the", "a", "an"}


@cache
def _titles() -> dict[tuple[str, ...], str | None]:
    """Title word sequences (lower case) -> sector."""
    return {tuple(row[0].casefold().split()): (row[1] if len(row) > 1 and row[1] != "-" else None)
            for row in lexicon_rows("titles.tsv")}


@cache
def _title_heads() -> frozenset[str]:
    return frozenset(t[-1] for t in _titles())


@cache
def _organizations() -> dict[str, tuple[str, str | None, str | None]]:
    """Acronym or short name (case-folded) -> (full name, actor code, country)."""
    out = {}
    for row in lexicon_rows("organizations.tsv"):
        full, code, country = row[1], row[2], row[3]
        value = (full, None if code == "-" else code, None if country == "-" else country)
        out[row[0].casefold()] = value
        out.setdefault(full.casefold(), value)
    return out


def _is_known_acronym(word: str) -> bool:
    """An organisation written in capitals that our lexicon knows ("WHO", "UN", "NATO")."""
    return word.isupper() and len(word) > 1 and word.casefold() in _organizations()


@dataclass
class Mention:
    start: int  # token indices in the doc, end exclusive
    end: int
    label: str
    text: str
    char_start: int
    char_end: int
    title: str | None = None
    title_sector: str | None = None
    country: str | None = None
    affiliation: str | None = None
    ext_start: int | None = None  # char start of "Russian President ..." when the phrase is the mention


@dataclass
class Cluster:
    key: str
    label: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)  # extra mentions (descriptions)


def _tokens_where(doc, attr: int, values: frozenset[int] | None = None):
    """The tokens whose `attr` is true (or, with `values`, one of them), in order: a scan of the
    Doc's attribute array instead of a Python object per token."""
    if not len(doc):
        return
    col = doc.to_array([attr])
    hits = np.flatnonzero(np.isin(col, list(values)) if values is not None else col != 0)
    for i in hits.tolist():
        yield doc[i]


@cache
def _hashes(words: frozenset[str]) -> frozenset[int]:
    """spaCy's string hashes of the words (what LOWER and ORTH arrays hold)."""
    from spacy.strings import hash_string

    return frozenset(hash_string(w) for w in words)


def _strip_det(tokens) -> int:
    """Index of the first token after a leading determiner."""
    return 1 if len(tokens) > 1 and tokens[0].lower_ in _DETERMINERS else 0


def collect_mentions(doc) -> list[Mention]:
    """Model entity spans, with ORG spans that swallowed a following name split at the comma."""
    ents = doc.ents
    person_words = {t.lower_ for e in ents if e.label_ == "PERSON" for t in e}
    out: list[Mention] = []
    for ent in ents:
        if ent.label_ not in LABELS:
            continue
        pieces = [(ent.start, ent.end, ent.label_)]
        if ent.label_ == "ORG":
            commas = [t.i for t in ent if t.text == ","]
            if commas:
                c = commas[0]
                tail = doc[c + 1:ent.end]
                tail_label = "PERSON" if tail and all(t.lower_ in person_words for t in tail) else "ORG"
                pieces = [(ent.start, c, "ORG"), (c + 1, ent.end, tail_label)]
        for start, end, label in pieces:
            span = doc[start:end]
            if not len(span):
                continue
            skip = _strip_det(list(span))
            if label in ("ORG", "FAC", "LOC", "GPE") and skip:
                start += skip
                span = doc[start:end]
            while len(span) and span[-1].tag_ == "POS":  # "Putin's" -> "Putin"
                end -= 1
                span = doc[start:end]
            if not len(span) or not any(ch.isalpha() for ch in span.text):
                continue
            if label in ("PERSON", "ORG") and len(span) == 1 and not (
                    span[0].tag_ in ("NNP", "NNPS") or span[0].is_upper):
                continue  # "Sharing" read as a person: a one-word name is a proper noun or an acronym
            out.append(Mention(start, end, label, span.text, span.start_char, span.end_char))
    # Acronyms the model missed ("the WHO would help") when our lexicon knows them.
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    for tok in _tokens_where(doc, IS_UPPER):  # only words in capitals can be acronyms
        if tok.i not in taken and _is_known_acronym(tok.text):
            out.append(Mention(tok.i, tok.i + 1, "ORG", tok.text, tok.idx, tok.idx + len(tok)))
    out.sort(key=lambda m: m.start)
    return out


def _match_title(words: list[str]) -> tuple[int, str | None] | None:
    """Longest title at the end of `words`: (number of words, sector)."""
    titles = _titles()
    for n in range(min(4, len(words)), 0, -1):
        key = tuple(words[-n:])
        if key in titles:
            return n, titles[key]
    return None


def read_premodifiers(doc, m: Mention, ent_at: dict[int, Mention]) -> None:
    """Title, nationality and affiliation written before a person's name."""
    sent_start = doc[m.start].sent.start
    i = m.start
    words: list = []
    while i > sent_start and len(words) < 6:
        tok = doc[i - 1]
        named = tok.i in ent_at or _is_known_acronym(tok.text)
        if tok.is_punct or (not named and tok.pos_ in ("VERB", "AUX", "PRON", "ADP", "CCONJ", "SCONJ", "NUM")):
            break
        words.insert(0, tok)
        i -= 1
    if not words:
        return
    lowered = [t.lower_ for t in words]
    found = _match_title(lowered)
    if not found:
        return
    n, sector = found
    title_tokens = words[-n:]
    m.title = " ".join(t.text for t in title_tokens)
    m.title_sector = sector
    before = words[:-n]
    other_entity = False
    first = title_tokens[0].i
    for tok in reversed(before):
        owner = ent_at.get(tok.i)
        code = demonym_code(tok.text) if tok.pos_ in ("ADJ", "PROPN", "NOUN") else None
        if owner is None and _is_known_acronym(tok.text):
            m.affiliation = m.affiliation or tok.text
            other_entity = True
            break
        if code and (owner is None or owner.label == "NORP"):
            m.country = m.country or code
            first = tok.i
        elif owner is not None and owner.label in ("ORG", "GPE"):
            other_entity = True
            if owner.label == "ORG":
                m.affiliation = m.affiliation or owner.text
            else:
                m.country = m.country or country_code(owner.text)
            break
        elif tok.lower_ in _DETERMINERS:
            first = tok.i
            break
        elif tok.text[:1].isupper() and tok.pos_ in ("PROPN", "NOUN", "ADJ") and first == title_tokens[0].i:
            # "Transport Minister", "Foreign Secretary": a capitalised qualifier is part of the title.
            m.title = f"{tok.text} {m.title}"
            first = tok.i
            title_tokens = [tok, *title_tokens]
        else:
            break
    if not other_entity:
        m.ext_start = doc[first].idx


def read_appositive(doc, m: Mention, ent_at: dict[int, Mention]) -> None:
    """", a spokeswoman for the EU," / ", Russia's president," after a name."""
    if m.end >= len(doc) or doc[m.end].text != ",":
        return
    words = []
    for tok in doc[m.end + 1:min(len(doc), m.end + 10)]:
        if tok.text in (",", ".", ";", ":") or tok.is_sent_start:
            break
        words.append(tok)
    heads = [t for t in words if t.lower_ in _title_heads()]
    if not heads:
        return
    head = heads[0]
    upto = [t.lower_ for t in words[:words.index(head) + 1]]
    found = _match_title(upto)
    if not found:
        return
    n, sector = found
    m.title = m.title or " ".join(t.text for t in words[words.index(head) + 1 - n:words.index(head) + 1])
    m.title_sector = m.title_sector or sector
    for tok in words:
        owner = ent_at.get(tok.i)
        if owner is not None and owner.label == "ORG":
            m.affiliation = m.affiliation or owner.text
        elif owner is not None and owner.label == "GPE":
            m.country = m.country or country_code(owner.text)
        elif demonym_code(tok.text) and tok.pos_ in ("ADJ", "PROPN"):
            m.country = m.country or demonym_code(tok.text)


def org_country(doc, m: Mention) -> str | None:
    """"the Chinese news agency Xinhua", "Russian Foreign Ministry", "Bank of England"."""
    for tok in doc[m.start:m.end]:
        code = demonym_code(tok.text) or (country_code(tok.text) if tok.pos_ == "PROPN" else None)
        if code:
            return code
    descriptors = lexicon_set("descriptors.txt")
    i, seen_descriptor = m.start, False
    while i > max(0, m.start - 6):
        tok = doc[i - 1]
        if tok.lower_ in descriptors:
            seen_descriptor = True
        elif seen_descriptor and demonym_code(tok.text):
            return demonym_code(tok.text)
        elif not (tok.pos_ in ("ADJ", "NOUN") or tok.lower_ in ("state", "state-run", "official")):
            break
        i -= 1
    return None


def _person_key(m: Mention, full_names: list[tuple[str, ...]]) -> str:
    words = tuple(w.casefold() for w in m.text.replace("’", "'").split())
    candidates = [f for f in full_names if set(words) <= set(f) and f != words]
    if candidates:
        # Prefer the full name whose surname matches the mention's last word.
        best = sorted(candidates, key=lambda f: (f[-1] != words[-1], -len(f), f))[0]  # f: same in every process
        return "PERSON:" + " ".join(best)
    return "PERSON:" + " ".join(words)


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def cluster_mentions(doc, mentions: list[Mention]) -> list[Cluster]:
    person_names = {tuple(w.casefold() for w in m.text.replace("’", "'").split())
                    for m in mentions if m.label == "PERSON"}
    full_names = [n for n in person_names if not any(set(n) < set(o) for o in person_names)]
    orgs = _organizations()
    org_initials = {_initials(m.text): m.text for m in mentions if m.label == "ORG" and len(m.text.split()) > 1}
    clusters: dict[str, Cluster] = {}
    for m in mentions:
        name = m.text
        words = set(w.casefold() for w in name.replace("’", "'").split())
        if m.label in ("ORG", "GPE", "NORP") and any(words < set(f) for f in full_names if len(f) > 1):
            m.label = "PERSON"  # "Costa" after "Tomas Costa": the model's label slipped
        if m.label == "PERSON":
            key = _person_key(m, full_names)
        elif m.label == "ORG":
            known = orgs.get(name.casefold())
            if known:
                name = known[0]
            elif name in org_initials:
                name = org_initials[name]
            key = "ORG:" + name.casefold()
        elif m.label in ("GPE", "LOC"):
            code = country_code(name)
            key = f"GPE:{code}" if code else f"{m.label}:{name.casefold()}"
        elif m.label == "NORP":
            code = demonym_code(name)
            key = f"NORP:{code}" if code else "NORP:" + name.casefold()
        else:
            key = f"{m.label}:{name.casefold()}"
        cluster = clusters.get(key)
        if cluster is None:
            cluster = clusters[key] = Cluster(key, m.label, name)
        if len(name) > len(cluster.name) and m.label in ("PERSON", "ORG"):
            cluster.name = name
        cluster.mentions.append(m)
    return list(clusters.values())


def attach_descriptions(doc, clusters: list[Cluster]) -> None:
    """"The Russian president" -> the latest person before it titled president (and Russian)."""
    heads = _title_heads()
    people = [c for c in clusters if c.label == "PERSON"]
    if not people:
        return
    inside = {i for c in clusters if c.label != "NORP" for m in c.mentions for i in range(m.start, m.end)}
    for tok in _tokens_where(doc, LOWER, _hashes(heads)):
        if tok.lower_ not in heads or tok.i in inside or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        if tok.i + 1 < len(doc) and doc[tok.i + 1].ent_type_ == "PERSON":
            continue  # a title before a name, already read as a pre-modifier
        left = doc[tok.left_edge.i:tok.i + 1]
        if not len(left) or left[0].lower_ != "the" or any(t.i in inside for t in left):
            continue
        demonyms = [demonym_code(t.text) for t in left[1:-1] if demonym_code(t.text)]
        best = None
        for c in people:
            titled = [m for m in c.mentions if m.title and m.title.casefold().split()[-1] == tok.lower_]
            before = [m for m in c.mentions if m.char_start < tok.idx]
            if not titled or not before:
                continue
            country = next((m.country for m in c.mentions if m.country), None)
            if demonyms and country and country != demonyms[0]:
                continue
            last = max(m.char_start for m in before)
            if best is None or last > best[0]:
                best = (last, c)
        if best:
            best[1].spans.append((left[0].idx, tok.idx + len(tok)))


def drop_absorbed_nationalities(clusters: list[Cluster]) -> list[Cluster]:
    """"Russian" in "Russian President Vladimir Putin" is part of Putin's mention, not its own entity."""
    covered = [(m.ext_start, m.char_end) for c in clusters for m in c.mentions if m.ext_start is not None]
    covered += [span for c in clusters for span in c.spans]
    out = []
    for c in clusters:
        if c.label == "NORP":
            c.mentions = [m for m in c.mentions if not any(s <= m.char_start and m.char_end <= e for s, e in covered)]
            if not c.mentions:
                continue
        out.append(c)
    return out


def _display_name(cluster: Cluster) -> str:
    """Prefer a mention as written in running text over an all-capitals dateline form."""
    if cluster.name.isupper() and len(cluster.name) > 3:
        for m in cluster.mentions:
            if not m.text.isupper():
                return m.text
    return cluster.name


def _entity(cluster: Cluster, eid: str, text: str) -> Entity:
    ms = cluster.mentions
    spans = set(cluster.spans)
    for m in ms:
        spans.add((m.char_start, m.char_end))
        if m.ext_start is not None and m.ext_start < m.char_start:
            spans.add((m.ext_start, m.char_end))
    title = next((m.title for m in ms if m.title), None)
    sector = next((m.title_sector for m in ms if m.title_sector), None)
    country = next((m.country for m in ms if m.country), None)
    affiliation = next((m.affiliation for m in ms if m.affiliation), None)
    code = country
    if cluster.label == "ORG":
        known = _organizations().get(cluster.name.casefold())
        if known:
            code = known[1] or known[2] or country
            country = country or known[2]
    if cluster.label == "PERSON" and affiliation and not code:
        known = _organizations().get(affiliation.casefold())
        if known:
            code = known[1] or known[2]
    return Entity(id=eid, name=_display_name(cluster), type=cluster.label,
                  mentions=tuple(Span.of(text, s, e) for s, e in sorted(spans)),
                  title=title, country=country, affiliation=affiliation, code=code, sector=sector)


def find_entities(doc, text: str, dateline: Span | None = None) -> tuple[Entity, ...]:
    mentions = collect_mentions(doc)
    for m in mentions:
        if dateline and m.char_start == dateline.start:
            m.label = "GPE"  # the model often reads an all-capitals dateline as an organisation
    ent_at = {i: m for m in mentions for i in range(m.start, m.end)}
    for m in mentions:
        if m.label == "PERSON":
            read_premodifiers(doc, m, ent_at)
            read_appositive(doc, m, ent_at)
        elif m.label == "ORG":
            m.country = org_country(doc, m)
        elif m.label in ("GPE", "LOC"):
            m.country = country_code(m.text) or capital_code(m.text)
        elif m.label == "NORP":
            m.country = demonym_code(m.text)
    clusters = cluster_mentions(doc, mentions)
    attach_descriptions(doc, clusters)
    clusters = drop_absorbed_nationalities(clusters)
    clusters.sort(key=lambda c: min([m.char_start for m in c.mentions] + [s for s, _ in c.spans]))
    return tuple(_entity(c, f"E{n}", text) for n, c in enumerate(clusters, 1))


def extract_entities(extraction: Extraction, doc) -> tuple[Entity, ...]:
    return find_entities(doc, extraction.article.text, extraction.article.dateline_span)


STAGE = FunctionStage(NAME, (), "entities", extract_entities)
