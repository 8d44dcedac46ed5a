"""The places stage: find toponyms and geocode them offline against GeoNames.

Recognition takes the model's GPE, LOC and FAC spans, the dateline, demonyms that name a
place ("Russian" -> Russia, "European" -> Europe) and ORG spans that are really a place
("EU"). Spans like "Paris, Texas" are split and the second part qualifies the first.
Resolution (`dateline.geo.resolve`) picks one GeoNames entry per name using the article's
other places. A "Moscow" that stands for the Russian government is still a place mention
of Moscow; the events stage decides what it means as an actor.
"""

from __future__ import annotations

import re
from functools import cache

from ..countries import demonym_code
from ..geo.gazetteer import CITY, load_gazetteer, name_key
from ..geo.resolve import Mention, resolve
from ..lexicons import lexicon_rows
from ..records import Extraction, Place, Span
from .base import FunctionStage

RULE = "places.gazetteer.v1"
PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"(?:'s|’s|'|’)$")
_DATELINE_HEAD = re.compile(r"^[^\W\d][\w .'’-]*?(?=\s*(?:\(|—|–|-{1,2}\s|:|$|,\s*\d))")


@cache
def _place_demonyms() -> dict[str, str]:
    return {name_key(r[0]): r[1] for r in lexicon_rows("place_demonyms.tsv")}


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
MIN_POP_ORG = 20_000  # a city name the model called an organisation is taken only if this big
MIN_POP_EMBEDDED = 100_000  # "Dubai World Cup": a leading city name inside a longer name


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
        if e is not None and e.kind in ("country", "admin1"):
            return True
    return False


def _accept_other(label: str, text: str, doc, s: int, e: int) -> bool:
    """Whether a span the model labelled ORG/PERSON/... is really a place here."""
    entry = _best_name_match(text[s:e])
    if entry is None:
        return False
    cue = _locative_before(doc, s) or _qualified_after(text, e)
    if label == "PERSON":
        return cue or (entry.kind != CITY and " " in text[s:e])
    return cue or entry.kind != CITY or entry.population >= MIN_POP_ORG


def _embedded_prefix(doc, ent, text: str) -> tuple[int, int, tuple] | None:
    """A place name leading a longer name: "Beijing" in "the Beijing Winter Olympics"."""
    toks = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    for n in range(min(3, len(toks) - 1), 0, -1):
        part = toks[:n]
        if not all(t.is_alpha or t.text in (".", "-") or "." in t.text for t in part) or not part[0].is_title and not part[0].is_upper:
            continue
        s, e = part[0].idx, part[-1].idx + len(part[-1].text)
        demonym = _demonym_entries(text[s:e])
        if demonym:
            return s, e, demonym
        entry = _best_name_match(text[s:e])
        if entry is not None and (entry.kind != CITY or entry.population >= MIN_POP_EMBEDDED):
            return s, e, ()
    return None


def _untagged(doc, text: str, taken: list[tuple[int, int]]):
    """Capitalised words the model left untagged that are countries, states, regions or demonyms,
    or towns after a locative preposition ("moved to Chiefland")."""
    covered = set()
    for s, e in taken:
        covered.update(range(s, e))
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.idx in covered or not tok.is_alpha or not (tok.is_title or tok.is_upper) or tok.ent_type_:
            i += 1
            continue
        hit = None
        for m in range(min(4, n - i), 0, -1):
            toks = doc[i:i + m]
            if any(t.ent_type_ or t.idx in covered or not (t.is_title or t.is_upper) for t in toks):
                continue
            s, e = toks.start_char, toks.end_char
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
        else:
            i += 1


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
    for ent in doc.ents:
        label = ent.label_
        if label in PLACE_LABELS:
            s, e = _trim(text, ent.start_char, ent.end_char)
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
        if all(_accept_other(label, text, doc, ps, pe) for ps, pe in parts):
            found.extend((ps, pe, (), "relabelled") for ps, pe in parts)
        elif label != "PERSON" and (emb := _embedded_prefix(doc, ent, text)):
            found.append((emb[0], emb[1], emb[2], "embedded"))
    found.extend((s, e, fixed, "untagged") for s, e, fixed in _untagged(doc, text, [(f[0], f[1]) for f in found]))
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


def article_focus(entries: list) -> object | None:
    """The article's main place: its most-mentioned town or county, else state, else country."""
    from collections import Counter

    for kinds in (("city", "admin2"), ("admin1", "region"), ("country",)):
        counts = Counter(e.id for e in entries if e is not None and e.kind in kinds and e.lat is not None)
        if counts:
            top = counts.most_common(1)[0][0]
            return next(e for e in entries if e is not None and e.id == top)
    return None


def extract_places(extraction: Extraction, doc) -> tuple[Place, ...]:
    mentions, qualifiers, dateline_index = recognise(extraction, doc)
    if not mentions:
        return ()
    resolved = resolve(load_gazetteer(), mentions, qualifiers, dateline_index)
    focus = article_focus([entry for entry, _ in resolved])
    text = extraction.article.text
    out = []
    for m, (entry, how) in zip(mentions, resolved):
        span = Span.of(text, m.start, m.end)
        if entry is None:
            # not in the gazetteer (a street, a neighbourhood, a river): placed at the article's main
            # place, which is usually within the 161 km that geocoding is judged by
            if focus is None:
                out.append(Place(span, m.text, None, rule=f"{RULE}:{m.source}-unresolved"))
            else:
                out.append(Place(span, m.text, focus.country, focus.lat, focus.lon, None, None,
                                 rule=f"{RULE}:{m.source}-near-{focus.name}"))
            continue
        out.append(Place(span, entry.name, entry.country, entry.lat, entry.lon, entry.feature, entry.geonameid,
                         rule=f"{RULE}:{m.source}-{how}"))
    return tuple(out)


STAGE = FunctionStage(RULE, ("entities",), "places", extract_places)
