"""The places stage: find toponyms and geocode them offline against GeoNames.

Recognition takes the model's GPE, LOC and FAC spans; the dateline (the cleaner's, or an
all-caps "CITY —" opening the text); demonyms that name a place ("Russian" -> Russia,
"European" -> Europe); spans the model labelled ORG/PERSON/... that are places (a country
or state by name, or a town after "in"/"near" or before ", Ohio"); a country, state or
leading city inside a longer name ("Bank of Japan", "the Beijing Winter Olympics");
countries and states the model missed; other occurrences of a name already found; and
street names. Spans like "Paris, Texas" are split and the second part qualifies the first.
Resolution (`dateline.geo.resolve`) picks one GeoNames entry per name using the article's
other places; names the gazetteer lacks are placed at the article's main place. A "Moscow"
that stands for the Russian government is still a place mention of Moscow; the events
stage decides what it means as an actor. See docs/places.md.
"""

from __future__ import annotations

import bisect
import re
from functools import cache, lru_cache

import numpy as np

from ..countries import demonym_code
from ..geo.gazetteer import CITY, load_gazetteer, name_key
from ..geo.resolve import Mention, resolve
from ..lexicons import lexicon_rows, lexicon_set
from ..records import Extraction, Place, Span
from .base import FunctionStage

RULE = "places.gazetteer.v1"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")
_INLINE_DATELINE = re.compile(
    r"(?:^|(?<=[.!?'\"’”]\s)|(?<=\n))([A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+){0,3})"
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:—|–|-{1,3}\s|\()")
_STREET = re.compile(
    r"\b(?:[A-Z][\w'’.-]*\s){1,3}(?:Street|St\.|Road|Rd\.|Drive|Dr\.|Lane|Ln\.|Avenue|Ave\.|Boulevard|Blvd\."
    r"|Circle|Parkway|Pkwy\.|Highway|Hwy\.|Pike|Turnpike|Square)(?![\w])")
_DATELINE_HEAD = re.compile(r"^[^\W\d][\w .'’-]*?(?=\s*(?:\(|—|–|-{1,2}\s|:|$|,\s*\d))")


@cache
def _place_demonyms() -> dict[str, str]:
    return {name_key(r[0]): r[1] for r in lexicon_rows("place_demonyms.tsv")}


@lru_cache(maxsize=1 << 14)
def _demonym_entries(text: str) -> tuple:
    gaz = load_gazetteer()
    target = _place_demonyms().get(name_key(text))
    if target:
        found = [e for e, how in gaz.lookup(target) if how == "name"]
        if found:
            non_city = [e for e in found if e.kind != CITY]
            return (non_city or sorted(found, key=lambda e: -e.population))[:1]
    code = demonym_code(text)
    if code and (entry := gaz.country(code)) is not None:
        return (entry,)
    return ()


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    span = text[start:end]
    m = _LEADING.match(span)
    if m:
        start += m.end()
    span = text[start:end]
    m = _TRAILING.search(span)
    if m and end - m.start() < end - start:
        end = start + m.start()
    while end > start and text[end - 1] in " ,.;:" and not text[start:end].endswith(
            tuple(f"{c}." for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")) and not _is_abbrev(text[start:end]):
        end -= 1
    return start, end


def _is_abbrev(span: str) -> bool:
    return bool(re.search(r"\b[A-Z][a-z]{0,3}\.$", span))


def _split_qualified(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """'Paris, Texas' -> [Paris, Texas]; other spans stay whole."""
    span = text[start:end]
    if "," not in span:
        return [(start, end)]
    parts, pos = [], start
    for piece in span.split(","):
        s = pos + len(piece) - len(piece.lstrip())
        e = pos + len(piece.rstrip())
        if e > s:
            parts.append((s, e))
        pos += len(piece) + 1
    return parts


LOCATIVE = frozenset("in at near from to outside across throughout around into inside via toward towards "
                     "between within".split())
OTHER_LABELS = {"ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT"}
MIN_POP_ORG = 100_000  # a city name the model called an organisation, taken without a cue
MIN_POP_EMBEDDED = 100_000  # "Dubai World Cup": a leading city name inside a longer name


@lru_cache(maxsize=1 << 14)
def _best_name_match(text: str):
    """The most prominent entry this exact name (or alias) denotes, or None."""
    found = [e for e, how in load_gazetteer().lookup(text) if how == "name"]
    if not found:
        return None
    non_city = [e for e in found if e.kind != CITY]
    return non_city[0] if non_city else max(found, key=lambda e: e.population)


def _locative_before(doc, start_char: int) -> bool:
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    return doc[span.start - 1].lower_ in LOCATIVE


def _qualified_after(text: str, end: int) -> bool:
    """Followed by ", <state or country>" ("Dublin, Ohio")."""
    m = re.match(r",\s*([A-Z][\w.]*(?:\s[A-Z][\w.]*){0,2})", text[end:end + 40])
    if not m:
        return False
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        e = _best_name_match(" ".join(words[:n]))
        if e is not None and (e.kind in ("country", "admin1") or e.kind == "region" and e.admin1):
            return True
    return False


def _accept_other(label: str, text: str, doc, s: int, e: int, place_names: set[str]) -> bool:
    """Whether a span the model labelled ORG/PERSON/... is really a place here: a country,
    state or region by name, or a town with a cue ("in Gainesville", "Dublin, Ohio") or that
    the model tags as a place elsewhere in the article."""
    entry = _best_name_match(text[s:e])
    if entry is None:
        return False
    if _locative_before(doc, s) or _qualified_after(text, e) or name_key(text[s:e]) in place_names:
        return True
    if label == "PERSON":
        return entry.kind != CITY and " " in text[s:e]
    return entry.kind != CITY or entry.population >= MIN_POP_ORG and not _mostly_other(doc, text[s:e])


def _mostly_other(doc, name: str) -> bool:
    """The model never labels this name a place in the article and labels it something else
    at least three times ("Lincoln" as a person or an institution all through a story)."""
    others = 0
    for ent in doc.ents:
        if ent.text == name:
            if ent.label_ in PLACE_LABELS:
                return False
            others += 1
    return others >= 3


def _embedded_place(doc, ent, text: str) -> tuple[int, int, tuple] | None:
    """A place inside a longer name: a leading town ("Beijing" in "the Beijing Winter
    Olympics"), or a country, state, region or demonym anywhere ("Bank of Japan")."""
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    for start in range(len(toks)):
        for n in range(min(3, len(toks) - start), 0, -1):
            part = toks[start:start + n]
            if len(part) == len(toks) or not part[0].is_title and not part[0].is_upper \
                    or not all(t.is_alpha or t.text in (".", "-") or "." in t.text for t in part):
                continue
            s, e = part[0].idx, part[-1].idx + len(part[-1].text)
            demonym = _demonym_entries(text[s:e])
            if demonym:
                return s, e, demonym
            entry = _best_name_match(text[s:e])
            if entry is not None and (entry.kind != CITY or start == 0 and entry.population >= MIN_POP_EMBEDDED):
                return s, e, ()
    return None


def _untagged(doc, text: str, taken: list[tuple[int, int]]):
    """Capitalised words the model left untagged that are countries, states, regions or demonyms,
    or towns after a locative preposition ("moved to Chiefland")."""
    from spacy.attrs import ENT_TYPE, IDX, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH

    n = len(doc)
    if not n:
        return
    covered = set()
    for s, e in taken:
        covered.update(range(s, e))
    # The token attributes the scan needs, read from the Doc's arrays at once (not a Token
    # object per token and per look-ahead).
    a = doc.to_array([IS_ALPHA, IS_TITLE, IS_UPPER, ENT_TYPE, IDX, LENGTH])
    capital = ((a[:, 1] != 0) | (a[:, 2] != 0))
    tagged = a[:, 3] != 0
    starts = np.flatnonzero((a[:, 0] != 0) & capital & ~tagged).tolist()  # where a name can start
    capital, tagged = capital.tolist(), tagged.tolist()
    idx, length = a[:, 4].tolist(), a[:, 5].tolist()
    i = 0
    for start in starts:
        if start < i:  # inside the previous hit
            continue
        i = start
        if idx[i] in covered:
            continue
        hit = None
        for m in range(min(4, n - i), 0, -1):
            if any(tagged[k] or idx[k] in covered or not capital[k] for k in range(i, i + m)):
                continue
            s, e = idx[i], idx[i + m - 1] + length[i + m - 1]
            demonym = _demonym_entries(text[s:e])
            if demonym:
                hit = (s, e, demonym, m)
                break
            entry = _best_name_match(text[s:e])
            if entry is None:
                continue
            if entry.kind != CITY or (_locative_before(doc, s) and entry.population >= 1000) \
                    or _qualified_after(text, e):
                hit = (s, e, (), m)
                break
        if hit:
            yield hit[:3]
            i += hit[3]


def _repeats(doc, text: str, found: list) -> list:
    """Other occurrences of a name already taken as a place ("Tbilisi" tagged once as GPE and
    once as PERSON is a place both times)."""
    taken = sorted((f[0], f[1]) for f in found)
    names = {text[s:e] for s, e, fixed, source in found if source in ("ent", "dateline") and e - s >= 4
             and text[s:s + 1].isupper() and "\n" not in text[s:e]}
    names = {n for n in names if _best_name_match(n) is not None}
    if not names:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
                         + r")(?![\w-])")
    out = []
    for m in pattern.finditer(text):
        i = bisect.bisect_right(taken, (m.start(), len(text))) - 1
        if i >= 0 and taken[i][1] > m.start() or i + 1 < len(taken) and taken[i + 1][0] < m.end():
            continue
        span = doc.char_span(m.start(), m.end())
        if span is None:
            continue
        inside = {(t.ent_iob_, t.i) for t in span if t.ent_type_}
        if inside:
            ents = [e for e in doc.ents if e.start_char < m.end() and m.start() < e.end_char]
            # the whole of an entity the model mislabelled, not a piece of a longer name
            if len(ents) != 1 or (ents[0].start_char, ents[0].end_char) != (m.start(), m.end()):
                continue
        out.append((m.start(), m.end(), (), "repeat"))
    return out


def _person_words(doc, ents=None) -> frozenset[str]:
    """Last words of the article's multi-word person names ("Lincoln" of "Abraham Lincoln") that
    the model labels as people at least as often as it labels them places."""
    from collections import Counter

    ents = doc.ents if ents is None else ents  # the caller's copy: each doc.ents walks every token
    surnames = {ent[-1].text.casefold() for ent in ents
                if ent.label_ == "PERSON" and len(ent) > 1 and ent[-1].is_title}
    if not surnames:
        return frozenset()
    as_person, as_place = Counter(), Counter()
    for ent in ents:
        tally = as_person if ent.label_ == "PERSON" else as_place if ent.label_ in PLACE_LABELS else None
        # casefold maps each character on its own, so a token equal to a surname is a substring
        # of the casefolded entity text: skip the per-token scan when no surname is in it
        if tally is None:
            continue
        folded = ent.text.casefold()
        if any(w in folded for w in surnames):
            tally.update(w for t in ent if (w := t.text.casefold()) in surnames)
    return frozenset(w for w in surnames if as_person[w] >= as_place[w])


def _drop_surnames(doc, text: str, found: list, ents=None) -> list:
    """A single word that is also the surname of a person named in the article ("Lincoln" after
    "Abraham Lincoln", "Petrova" after "Maria Petrova") is the person, unless a cue makes it a
    place ("in Lincoln", "Lincoln, Neb.") or it is a country, state or region."""
    surnames = _person_words(doc, ents)
    if not surnames:
        return found
    out = []
    for f in found:
        s, e, fixed, source = f
        word = text[s:e]
        if (source not in ("dateline", "street") and not fixed and word.casefold() in surnames
                and " " not in word and not _locative_before(doc, s) and not _qualified_after(text, e)):
            entry = _best_name_match(word)
            if entry is None or entry.kind == CITY:
                continue
        out.append(f)
    return out


def recognise(extraction: Extraction, doc) -> tuple[list[Mention], dict[int, int], int | None]:
    """Toponym mentions in text order, qualifier links, and which mention is the dateline."""
    text = extraction.article.text
    found: list[tuple[int, int, tuple, str]] = []
    dl = extraction.article.dateline_span
    if dl is not None:
        m = _DATELINE_HEAD.match(dl.text.strip())
        if m:
            s = dl.start + (len(dl.text) - len(dl.text.lstrip()))
            for ps, pe in _split_qualified(text, s, s + len(m.group(0).rstrip())):
                found.append((ps, pe, (), "dateline"))
    ents = doc.ents
    place_names = {name_key(ent.text) for ent in ents if ent.label_ in PLACE_LABELS}
    for ent in ents:
        label = ent.label_
        if label in PLACE_LABELS:
            s, e = _trim(text, ent.start_char, ent.end_char)
            if _best_name_match(text[s:e]) is None:
                if entries := _demonym_entries(text[s:e]):  # "Ukrainian" tagged as a place
                    found.append((s, e, entries, "demonym"))
                    continue
                if label == "FAC" and (emb := _embedded_place(doc, ent, text)):
                    found.append((emb[0], emb[1], emb[2], "embedded"))  # "the Beijing Winter Olympics"
                    continue
            for ps, pe in _split_qualified(text, s, e):
                found.append((ps, pe, (), "ent"))
            continue
        if label not in OTHER_LABELS:
            continue
        if label == "NORP" and (entries := _demonym_entries(ent.text)):
            found.append((ent.start_char, ent.end_char, entries, "demonym"))
            continue
        s, e = _trim(text, ent.start_char, ent.end_char)
        parts = _split_qualified(text, s, e)
        if all(_accept_other(label, text, doc, ps, pe, place_names) for ps, pe in parts):
            found.extend((ps, pe, (), "relabelled") for ps, pe in parts)
        elif label != "PERSON" and (emb := _embedded_place(doc, ent, text)):
            found.append((emb[0], emb[1], emb[2], "embedded"))
    found.extend((s, e, fixed, "untagged") for s, e, fixed in _untagged(doc, text, [(f[0], f[1]) for f in found]))
    if dl is None:
        # "TITLE. CITY — text": a dateline the cleaner left in the body
        for m in _INLINE_DATELINE.finditer(text, 0, min(len(text), 2000)):
            if _best_name_match(m.group(1)) is not None:
                found.append((m.start(1), m.end(1), (), "dateline"))
                break
    found.extend(_repeats(doc, text, found))
    found.extend((m.start(), m.end(), (), "street") for m in _STREET.finditer(text))
    found = _drop_surnames(doc, text, found, ents)
    # one mention per stretch of text, the dateline first
    found.sort(key=lambda f: (f[0], f[3] != "dateline", -(f[1] - f[0])))
    mentions: list[Mention] = []
    dateline_index = None
    for s, e, fixed, source in found:
        if e <= s or (mentions and s < mentions[-1].end):
            continue
        if source == "dateline":
            dateline_index = len(mentions)
        mentions.append(Mention(s, e, text[s:e], fixed, source))
    qualifiers = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if text[a.end:b.start].strip() == "," and not b.fixed and b.start - a.end <= 3:
            qualifiers[i] = i + 1
    return mentions, qualifiers, dateline_index


def _approximate(entry) -> bool:
    """A county the gazetteer could only place at its state's point."""
    if entry is None or entry.kind != "admin2":
        return False
    state = load_gazetteer().admin1(entry.admin1 or "")
    return state is not None and (state.lat, state.lon) == (entry.lat, entry.lon)


_CONNECTIVES = frozenset("of the and de la le du des del upon on in am an".split())


def _plausible_unknown(name: str) -> bool:
    """A name the gazetteer lacks is kept only when it looks like a multi-word proper place
    name ("Squirrel Hill", "Cox Field"); unknown single words are mostly people and brands
    the model took for places ("Guhdar", "Dropbox")."""
    words = name.split()
    if len(words) < 2 or _TRAILING.sub("", words[-1]).casefold() in _not_heads() or _NOT_PLACE.search(name):
        return False
    return all(w[:1].isupper() or w[:1].isdigit() or w in _CONNECTIVES for w in words)


@cache
def _not_heads() -> frozenset[str]:
    return lexicon_set("place_not_heads.txt")


# a highway exit, a numbered district, a date or a clock time the model took for a place
_NOT_PLACE = re.compile(r"^(?:Exit|District)\s+\d+$|\b(?:January|February|March|April|May|June|July|August|September"
                        r"|October|November|December)\s+\d|\d(?::\d\d)?\s*(?:[ap]\.?m\b)", re.I)


def article_focus(entries: list) -> object | None:
    """The article's main place: the town or county mentioned most, counting mentions of other
    places in its state and country as support; else the state, else the country."""
    from collections import Counter

    entries = [e for e in entries if e is not None and e.lat is not None and not _approximate(e)]
    by_admin1 = Counter(e.admin1 for e in entries if e.admin1)
    by_country = Counter(e.country for e in entries if e.country)
    for kinds in (("city", "admin2"), ("admin1", "region"), ("country",)):
        counts = Counter(e.id for e in entries if e.kind in kinds)
        if counts:
            first = {e.id: e for e in entries}

            def support(i: int) -> float:
                e = first[i]
                return counts[i] + by_admin1[e.admin1] * 0.5 + by_country[e.country] * 0.25 if e.admin1 else (
                    counts[i] + by_country[e.country] * 0.25)

            return first[max(counts, key=lambda i: (support(i), first[i].population))]
    return None


def _local_focus(entries: list, admin1: str | None):
    """The most-mentioned town of the article within one state, for placing its counties."""
    from collections import Counter

    counts = Counter(e.id for e in entries if e is not None and e.kind == "city" and e.admin1 == admin1)
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    return next(e for e in entries if e is not None and e.id == top)


def extract_places(extraction: Extraction, doc) -> tuple[Place, ...]:
    mentions, qualifiers, dateline_index = recognise(extraction, doc)
    if not mentions:
        return ()
    resolved = resolve(load_gazetteer(), mentions, qualifiers, dateline_index)
    entries = [entry for entry, _ in resolved]
    focus = article_focus(entries)
    text = extraction.article.text
    out = []
    for m, (entry, how) in zip(mentions, resolved):
        span = Span.of(text, m.start, m.end)
        if entry is None:
            if not _plausible_unknown(m.text):
                continue
            # not in the gazetteer (a street, a neighbourhood, a river): placed at the article's main
            # place, which is usually within the 161 km that geocoding is judged by
            if focus is None:
                out.append(Place(span, m.text, None, rule=f"{RULE}:{m.source}-unresolved"))
            else:
                out.append(Place(span, m.text, focus.country, focus.lat, focus.lon, None, None,
                                 rule=f"{RULE}:{m.source}-near-{focus.name}"))
            continue
        lat, lon = entry.lat, entry.lon
        if _approximate(entry) and (town := _local_focus(entries, entry.admin1)) is not None:
            lat, lon, how = town.lat, town.lon, f"{how}-near-{town.name}"
        out.append(Place(span, entry.name, entry.country, lat, lon, entry.feature, entry.geonameid,
                         rule=f"{RULE}:{m.source}-{how}"))
    return tuple(out)


STAGE = FunctionStage(RULE, ("entities",), "places", extract_places)
