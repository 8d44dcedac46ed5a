"""The times stage on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dateline.extract.timex_calendar import easter, holiday_date, season_year, weekday_near
from dateline.extract.timex_grammar import find_candidates
from dateline.extract.times import STAGE, extract_times, times_in_text
from dateline.nlp import load_nlp
from dateline.records import Article, Extraction, OffsetMap

THURSDAY = date(2022, 2, 3)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def values(text: str, published=THURSDAY, nlp=None) -> dict[str, tuple[str, str]]:
    doc = nlp(text) if nlp is not None else None
    return {t.span.text: (t.type, t.value) for t in times_in_text(text, published, doc)}


def test_times_weekday_follows_the_verb_tense(nlp):
    found = values("The mayor will open the bridge on Friday, her office said Thursday.", nlp=nlp)
    assert found["Friday"] == ("DATE", "2022-02-04")
    assert found["Thursday"] == ("DATE", "2022-02-03")
    past = values("The council voted on Monday to close the road.", nlp=nlp)
    assert past["Monday"] == ("DATE", "2022-01-31")
    coming = values("The council will vote on Monday.", nlp=nlp)
    assert coming["Monday"] == ("DATE", "2022-02-07")


def test_times_relative_units_anchor_on_publication(nlp):
    found = values("Prices rose last week, fell last month and will rise next year; two years ago they "
                   "were flat.", nlp=nlp)
    assert found["last week"] == ("DATE", "2022-W04")
    assert found["last month"] == ("DATE", "2022-01")
    assert found["next year"] == ("DATE", "2023")
    assert found["two years ago"] == ("DATE", "2020")


def test_times_dates_years_and_seasons(nlp):
    found = values("The plant, shut since 2019, reopened on March 4, 2021 and will expand this spring.", nlp=nlp)
    assert found["2019"] == ("DATE", "2019")
    assert found["March 4, 2021"] == ("DATE", "2021-03-04")
    assert found["this spring"] == ("DATE", "2022-SP")


def test_times_quarters_durations_sets_and_present(nlp):
    found = values("Profit in the third quarter doubled. The strike lasted three days. The paper is "
                   "printed daily and is now sold online. The fiscal 2021 budget was cut.", nlp=nlp)
    assert found["the third quarter"] == ("DATE", "2022-Q3")
    assert found["three days"] == ("DURATION", "P3D")
    assert found["daily"] == ("SET", "P1D")
    assert found["now"] == ("DATE", "PRESENT_REF")
    assert found["fiscal 2021"] == ("DATE", "2021")


def test_times_clock_times_and_parts_of_day(nlp):
    found = values("The polls close at 8:30 p.m. and results come tomorrow morning.", nlp=nlp)
    assert found["8:30 p.m."] == ("TIME", "2022-02-03T20:30")
    assert found["tomorrow morning"] == ("TIME", "2022-02-04TMO")


def test_times_without_publication_date_stay_unresolved(nlp):
    found = values("The mayor said on Friday that the bridge opened last week, in June.", published=None, nlp=nlp)
    assert found["Friday"] == ("DATE", "XXXX-WXX-5")
    assert found["last week"] == ("DATE", "XXXX-WXX")
    assert found["June"] == ("DATE", "XXXX-06")


def test_times_ignores_ages_prices_and_modal_may():
    found = values("The 6-year-old boy may visit; shares rose to 2.50 and cost $5 a year.", nlp=None)
    assert found == {}


def test_times_works_without_a_parse():
    found = values("Sales fell 5% from a year earlier, in the past two months.", nlp=None)
    assert found["a year earlier"] == ("DATE", "2021")
    assert found["the past two months"] == ("DURATION", "P2M")


def test_times_candidates_do_not_overlap():
    text = "On Monday, Jan. 3, 2022 at 10 a.m. EST and in the late 1990s."
    cands = find_candidates(text)
    for a, b in zip(cands, cands[1:]):
        assert a.end <= b.start
    assert any(text[c.start : c.end] == "Monday, Jan. 3, 2022" for c in cands)


def test_times_stage_interface(nlp):
    text = "The talks ended Tuesday."
    article = Article(id="a", doc_id="a", text=text, body_start=0, offsets=OffsetMap(((0, 0, len(text)),)),
                      published=THURSDAY)
    out = STAGE(Extraction(article), nlp(text))
    assert STAGE.writes == "times" and STAGE.reads == ()
    assert [(t.span.start, t.span.end, t.value) for t in out] == [(16, 23, "2022-02-01")]
    assert out[0].rule.startswith("times.rules.v1:")
    assert list(extract_times(Extraction(article), nlp(text)))[0].span.text == "Tuesday"


def test_times_calendar_helpers():
    assert weekday_near(THURSDAY, 5, "future") == date(2022, 2, 4)
    assert weekday_near(THURSDAY, 4, "past") == THURSDAY
    assert weekday_near(THURSDAY, 4, "before") == date(2022, 1, 27)
    assert easter(2024) == date(2024, 3, 31)
    assert holiday_date(2021, "thanksgiving") == date(2021, 11, 25)
    assert season_year(date(2022, 2, 3), (9, 10, 11), "last") == 2021
    assert season_year(date(2022, 2, 3), (6, 7, 8), "next") == 2022


def test_times_tense_through_noun_phrases_and_deadlines(nlp):
    found = values("The leaders' talks on Friday will mark their first meeting.", nlp=nlp)
    assert found["Friday"] == ("DATE", "2022-02-04")
    # a date inside a noun phrase under a past verb: the nearest such date
    late = values("The board declared a dividend payable March 1 to holders of record Feb. 15.",
                  published=date(2022, 1, 20), nlp=nlp)
    assert late["March 1"] == ("DATE", "2022-03-01")
    assert late["Feb. 15"] == ("DATE", "2022-02-15")
    extended = values("The offer was extended to Feb. 10.", nlp=nlp)
    assert extended["Feb. 10"] == ("DATE", "2022-02-10")
    ended = values("Profit rose in the year ended March 31.", published=date(2022, 10, 30), nlp=nlp)
    assert ended["March 31"] == ("DATE", "2022-03-31")
    assert ended["the year"] == ("DURATION", "P1Y")


def test_times_earnings_talk_reads_a_year_ago_as_a_quarter():
    found = values("Third-quarter profit rose to $5 million from $4 million a year ago.",
                   published=date(2021, 10, 28), nlp=None)
    assert found["Third-quarter"] == ("DATE", "2021-Q3")
    assert found["a year ago"] == ("DATE", "2020-Q3")


PIECES = list("0123456789 ,.-/:'s") + ["Friday", " last ", " week", "May ", "Jan. ", "1999", " ago", " years",
                                       "a.m.", "the ", "quarter", "fiscal ", "every "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join), st.one_of(st.none(), st.dates()))
def test_times_never_fails_and_spans_match_text(text, published):
    for t in times_in_text(text, published, None):
        assert text[t.span.start : t.span.end] == t.span.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value


def test_times_could_is_not_future(nlp):
    found = values("The spokesman could not be reached Friday.", nlp=nlp)
    assert found["Friday"] == ("DATE", "2022-01-28")


def test_times_present_tense_weekday_is_scheduled(nlp):
    found = values("The polls close Tuesday and the count is to start Wednesday.", nlp=nlp)
    assert found["Tuesday"] == ("DATE", "2022-02-08")
    assert found["Wednesday"] == ("DATE", "2022-02-09")
