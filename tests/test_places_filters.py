"""Person surnames, non-place names and clusters of small towns. Every text here was written for
these tests."""

from __future__ import annotations

import re

import spacy
from spacy.tokens import Doc

from dateline.extract import places
from dateline.geo import load_gazetteer
from dateline.geo.resolve import _cluster_support, resolve
from test_places_resolve import names


def doc_with(words: list[str], ents: list[str]) -> Doc:
    """A blank-pipeline doc with IOB entity tags set by hand, so the model plays no part."""
    return Doc(spacy.blank("en").vocab, words=words, ents=ents)


def test_places_surname_of_a_named_person_is_dropped():
    words = "Mayor Ada Lincoln spoke . Lincoln said the Lincoln budget grew .".split()
    ents = ["O", "B-PERSON", "I-PERSON", "O", "O", "B-ORG", "O", "O", "B-ORG", "O", "O", "O"]
    doc = doc_with(words, ents)
    text = doc.text
    found = [(m.start(), m.end(), (), "relabelled") for m in re.finditer("Lincoln", text)][1:]
    assert places._drop_surnames(doc, text, found) == []


def test_places_surname_rule_keeps_a_place_with_a_cue_or_tagged_as_a_place():
    words = "Ada Lincoln moved to Lincoln last year . Lincoln grew .".split()
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-GPE", "O", "O", "O", "B-GPE", "O", "O"]
    doc = doc_with(words, ents)
    text = doc.text
    found = [(m.start(), m.end(), (), "ent") for m in re.finditer("Lincoln", text)][1:]
    # as often a place as a person in this article: both kept
    assert places._drop_surnames(doc, text, found) == found


def test_places_surname_rule_keeps_countries_and_states():
    words = "Tom Georgia arrived . Georgia voted .".split()
    ents = ["B-PERSON", "I-PERSON", "O", "O", "B-PERSON", "O", "O"]
    doc = doc_with(words, ents)
    text = doc.text
    s = text.index("Georgia", 5)
    found = [(s, s + 7, (), "relabelled")]
    assert places._drop_surnames(doc, text, found) == found


def test_places_unknown_names_that_are_events_laws_or_exits_are_not_places():
    for name in ("Harbour Lights Festival", "St. Swithin's Day", "Clean Rivers Act", "Exit 14",
                 "District 9", "March 31", "Elm Cafe"):
        assert not places._plausible_unknown(name), name
    for name in ("Cox Field", "Squirrel Hill", "Bay of Plenty", "Route 9"):
        assert places._plausible_unknown(name), name
    assert not places._plausible_unknown("Guhdar")


def test_places_cluster_support_counts_other_names_nearby():
    gaz = load_gazetteer()
    priors = {n: [(0.0, e, how) for e, how in gaz.lookup(n)] for n in ("barre", "waterbury", "stowe", "berlin")}
    support = _cluster_support(priors)
    berlin: dict[str, float] = {}
    for _, e, _ in priors["berlin"]:
        berlin[e.country] = max(berlin.get(e.country, 0.0), support.get(("berlin", e.id), 0.0))
    assert berlin["USA"] >= 1.0 > berlin["DEU"]
    assert _cluster_support({"barre": priors["barre"]}) == {}  # too few names to judge


def test_places_small_towns_named_together_pull_a_namesake_home():
    gaz = load_gazetteer()
    picks = [e for e, _ in resolve(gaz, names("Barre", "Waterbury", "Stowe", "Berlin"))]
    assert [e.country for e in picks] == ["USA"] * 4
    assert resolve(gaz, names("Berlin"))[0][0].country == "DEU"
