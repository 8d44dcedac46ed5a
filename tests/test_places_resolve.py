"""The gazetteer index and toponym disambiguation. Every text here was written for these tests."""

from __future__ import annotations

import pickle

import pytest

from dateline.geo import load_gazetteer, name_key
from dateline.geo.gazetteer import COUNTRY, index_path
from dateline.geo.resolve import Mention, resolve


def names(*texts: str) -> list[Mention]:
    out, pos = [], 0
    for t in texts:
        out.append(Mention(pos, pos + len(t), t))
        pos += len(t) + 2
    return out


def one(texts, qualifiers=None, dateline=None, index=0):
    return resolve(load_gazetteer(), names(*texts), qualifiers, dateline)[index][0]


def test_places_name_key_folds_case_accents_and_hyphens():
    assert name_key("The  Côte-d’Ivoire") == "cote d'ivoire"
    assert name_key("St. Louis") == "st. louis"


def test_places_gazetteer_index_is_cached_and_loads_back():
    gaz = load_gazetteer()
    assert index_path().exists()
    with index_path().open("rb") as f:
        columns = pickle.load(f)[0]
    assert len(columns["gid"]) == len(gaz) > 200_000
    assert index_path().name.startswith("gazetteer-") and len(list(index_path().parent.glob("gazetteer-*"))) == 1


def test_places_country_resolves_to_country_point_not_capital():
    e = one(["Russia"])
    assert (e.kind, e.country, e.feature) == (COUNTRY, "RUS", "A")
    assert abs(e.lat - 60) < 1 and abs(e.lon - 100) < 1


def test_places_big_city_beats_small_namesakes():
    e = one(["Moscow"])
    assert e.country == "RUS" and e.feature == "P"


def test_places_region_and_continent_resolve():
    assert one(["Xinjiang"]).country == "CHN"
    africa = one(["Africa"])
    assert africa.kind == "continent" and africa.lat is not None


def test_places_qualifier_picks_the_namesake_in_that_state():
    e = one(["Paris", "Texas"], qualifiers={0: 1})
    assert e.country == "USA" and e.admin1 == "US.TX"


def test_places_abbreviated_state_qualifies():
    e = one(["Athens", "Tenn."], qualifiers={0: 1})
    assert e.admin1 == "US.TN"


def test_places_unqualified_paris_is_the_french_capital():
    assert one(["Paris"]).country == "FRA"


def test_places_context_of_other_places_decides_georgia():
    us = one(["Georgia", "Atlanta", "Savannah", "Macon"])
    assert us.country == "USA" and us.kind == "admin1"
    caucasus = one(["Georgia", "Tbilisi", "Batumi"])
    assert caucasus.country == "GEO"


def test_places_same_name_resolves_the_same_everywhere():
    res = resolve(load_gazetteer(), names("Springfield", "Illinois", "Springfield"), {0: 1})
    assert res[0][0] == res[2][0]
    assert res[0][0].admin1 == "US.IL"


def test_places_dateline_country_breaks_ties():
    # a small Canadian town name that also exists in the United States
    res = resolve(load_gazetteer(), names("Toronto", "London"), dateline=0)
    assert res[1][0].country == "CAN"


@pytest.mark.parametrize("alias,country", [("U.S.", "USA"), ("Britain", "GBR"), ("Holy See", "VAT")])
def test_places_country_aliases(alias, country):
    assert one([alias]).country == country


def test_places_unknown_name_stays_unresolved():
    entry, rule = resolve(load_gazetteer(), names("Qwertzuiopland"))[0]
    assert entry is None and rule == "unresolved"


def test_places_lexicon_province_learns_its_division_and_qualifies():
    ontario = next(e for e, _ in load_gazetteer().lookup("Ontario") if e.kind == "region")
    assert ontario.country == "CAN" and ontario.admin1 and ontario.admin1.startswith("CA.")
    london = one(["London", "Ontario"], qualifiers={0: 1})
    assert london.country == "CAN"


def test_places_saint_and_st_spellings_meet():
    e = one(["ST. PAUL", "Minnesota"])
    assert e.admin1 == "US.MN"


def test_places_home_state_of_a_local_story():
    # three towns that only share one state between them pull an ambiguous fourth there
    e = one(["Lebanon", "Chillicothe", "Zanesville", "Lancaster", "Circleville"], index=3)
    assert e.admin1 == "US.OH"
