"""The places stage on articles written for these tests."""

from __future__ import annotations

import pytest

from dateline.extract import places
from dateline.records import Article, Extraction, OffsetMap, Span

TEXT = (
    "KYIV — Ukrainian officials met envoys from Poland on Tuesday as trains from Lviv resumed. "
    "The talks followed a visit to Paris, Texas, by a trade delegation, and a stop in Xinjiang. "
    "A spokesman for the European Union said Brussels would send observers to Crimea."
)


@pytest.fixture(scope="module")
def extraction():
    from dateline.nlp import load_nlp

    doc = load_nlp()(TEXT)
    article = Article("a", "a", TEXT, 0, OffsetMap(((0, 0, len(TEXT)),)), dateline="KYIV",
                      dateline_span=Span.of(TEXT, 0, 4))
    return Extraction(article), doc


def found(extraction):
    ex, doc = extraction
    return places.STAGE(ex, doc)


def by_text(result, text):
    return [p for p in result if p.span.text == text]


def test_places_stage_contract():
    assert places.STAGE.reads == ("entities",) and places.STAGE.writes == "places"
    assert places.STAGE.name.startswith("places.")


def test_places_stage_resolves_dateline(extraction):
    kyiv = by_text(found(extraction), "KYIV")
    assert kyiv and kyiv[0].country == "UKR" and kyiv[0].feature == "P"
    assert kyiv[0].rule.endswith(("dateline-only", "dateline-prior", "dateline-context"))


def test_places_stage_spans_point_into_article_text(extraction):
    for p in found(extraction):
        assert TEXT[p.span.start:p.span.end] == p.span.text
        assert p.rule.startswith(places.RULE)


def test_places_stage_countries_regions_and_demonyms(extraction):
    result = found(extraction)
    assert by_text(result, "Poland")[0].country == "POL"
    assert by_text(result, "Xinjiang")[0].country == "CHN"
    assert by_text(result, "Crimea")[0].country == "UKR"
    assert by_text(result, "Ukrainian")[0].country == "UKR"


def test_places_stage_qualified_town(extraction):
    paris = by_text(found(extraction), "Paris")
    assert paris and paris[0].country == "USA"
    assert by_text(found(extraction), "Texas")


def test_places_stage_no_entities_no_places():
    from dateline.nlp import load_nlp

    text = "nothing here mentions anywhere at all."
    article = Article("b", "b", text, 0, OffsetMap(((0, 0, len(text)),)))
    assert places.extract_places(Extraction(article), load_nlp()(text)) == ()


def test_places_focus_prefers_towns_then_states():
    from dateline.geo import load_gazetteer

    gaz = load_gazetteer()
    ohio = next(e for e, _ in gaz.lookup("Ohio") if e.kind == "admin1")
    dayton = max((e for e, _ in gaz.lookup("Dayton") if e.country == "USA"), key=lambda e: e.population)
    assert places.article_focus([ohio, dayton, None]) == dayton
    assert places.article_focus([ohio]) == ohio
    assert places.article_focus([None]) is None


@pytest.mark.parametrize("name,kept", [("Squirrel Hill", True), ("Cox Field", True), ("Gates of History", True),
                                       ("Guhdar", False), ("red states", False)])
def test_places_unknown_names_kept_only_when_they_look_like_places(name, kept):
    assert places._plausible_unknown(name) is kept
