"""Content ends: abbreviation points and quotations in a narrated paragraph (fixtures written for these tests)."""

from __future__ import annotations

from dateline.extract.quotes import as_attributions
from test_quotes_rules import one, quotes_of


def test_quotes_content_keeps_point_of_state_abbreviation():
    q = one("The harbour master said the ferry will stop in Eureka, Calif.", "say-ccomp")
    assert q.content[-1].text == "the ferry will stop in Eureka, Calif."


def test_quotes_content_keeps_point_of_time_abbreviation():
    q = one("The harbour master said the ferry leaves at 7 p.m.", "say-ccomp")
    assert q.content[-1].text == "the ferry leaves at 7 p.m."


def test_quotes_quotation_inside_narrated_paragraph_is_no_continuation():
    text = ("“The pier will open in May,” the harbour master said.\n\n"
            "The pier sits beside the old ferry terminal, once “the busiest building in the whole county.”")
    atts = as_attributions(quotes_of(text))
    pier = next(q for q in atts if q.content[0].text.startswith("“The pier"))
    assert len(pier.content) == 1


def test_quotes_quotation_alone_in_next_paragraph_still_continues():
    text = ("“The pier will open in May,” the harbour master said.\n\n"
            "“It will cost the town almost nothing over the next ten years.”")
    atts = as_attributions(quotes_of(text))
    pier = next(q for q in atts if q.content[0].text.startswith("“The pier"))
    assert len(pier.content) == 2
