"""Fragments of a content: continuations far away, bridged quotations, reports under seem/appear."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of

from dateline.extract.quotes import as_attributions


def test_quotes_quotation_going_on_with_the_report_keeps_the_words_between():
    text = ('Berg said she wants to win every seat on the board, so she will have enough votes next spring '
            'to pass "the boldest harbour plan this city has ever seen."')
    q = next(q for q in as_attributions(quotes_of(text)) if "say-" in q.rule)
    pieces = sorted((c.start, c.end) for c in q.content)
    assert pieces[0][0] == text.index("she wants") and pieces[-1][1] == len(text)
    assert all(not text[e:s].strip() for (_, e), (s, _) in zip(pieces, pieces[1:]))


def test_quotes_quotation_two_paragraphs_later_is_not_a_continuation():
    text = ("“The pier will open in May and we are ready for it,” the harbour master said.\n\n"
            "The council met on Tuesday.\n\n"
            "“We have trained the crews and the first boats are booked.”")
    q = one(text, "say-")
    assert [c.text for c in q.content] == ["“The pier will open in May and we are ready for it,”"]
    assert not any(q.kind == "continuation" for q in quotes_of(text))


def test_quotes_cue_verb_under_seem_reports_for_the_subject():
    q = one("The senator seemed to mock his rival's vague tough talk.", "mock-dobj")
    assert q.speaker.text == "The senator" and [c.text for c in q.content] == ["his rival's vague tough talk"]
    assert not any("seem-" in q.rule for q in quotes_of("The senator seemed to mock his rival's vague tough talk."))


def test_quotes_showed_no_sign_of_reports_the_complement():
    q = one("The harbour board showed no sign of backing down on the pier plan.", "show-sign-light")
    assert q.speaker.text == "The harbour board" and [c.text for c in q.content] == ["backing down on the pier plan"]
