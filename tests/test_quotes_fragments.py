"""Which fragments a quote has: continuations, quoted and unquoted fronted pieces
(sentences written for these tests)."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of

from dateline.extract.quotes import as_attributions


def attributions(text: str):
    return [(q.cue.text if q.cue else None, [c.text for c in q.content]) for q in as_attributions(quotes_of(text))]


def test_continuation_joins_the_quote_not_a_participle_of_the_same_speaker():
    text = ("“The ferry will run all winter,” Berg said, referring to the new timetable. "
            "“Nobody will be left behind on the island.”")
    found = dict(attributions(text))
    assert found["said"] == ["“The ferry will run all winter,”", "“Nobody will be left behind on the island.”"]
    assert found["referring to"] == ["the new timetable"]


def test_continuation_owner_across_a_title_abbreviation():
    text = ("“The ferry will run all winter,” said Mr. Berg, noting the delays of last year. "
            "“Nobody will be left behind on the island.”")
    found = dict(attributions(text))
    assert found["said"] == ["“The ferry will run all winter,”", "“Nobody will be left behind on the island.”"]


def test_short_quotation_right_after_a_quote_continues_it():
    text = "“The pier will be ready by May,” Berg said. “Big time.”\n\nThe council meets on Friday."
    found = dict(attributions(text))
    assert found["said"] == ["“The pier will be ready by May,”", "“Big time.”"]


def test_short_quotation_in_another_paragraph_is_not_a_continuation():
    text = "“The pier will be ready by May,” Berg said.\n\nThe boat is called “Big Time.”"
    found = dict(attributions(text))
    assert found["said"] == ["“The pier will be ready by May,”"]


def test_quoted_opening_words_hung_on_the_cue_verb():
    q = one("“Honestly,” he continued, “the pier should have opened years ago.”", "continue")
    assert [c.text for c in q.content] == ["“Honestly,”", "“the pier should have opened years ago.”"]


def test_fronted_words_before_an_interrupting_cue_and_a_quotation():
    q = one("In other words, she said, “the pier is finished.”", "say-")
    assert [c.text for c in q.content] == ["In other words", "“the pier is finished.”"]


def test_fronted_words_stay_out_when_the_quotation_is_a_sentence_of_its_own():
    q = one("Asked about the delays, she said, “The pier is finished.”", "say-")
    assert [c.text for c in q.content] == ["“The pier is finished.”"]


def test_connective_opening_a_content_is_left_out():
    q = one("In fact, the pier will open in May, according to the harbour master.", "according-to")
    assert [c.text for c in q.content] == ["the pier will open in May"]


def test_interrupted_report_ends_before_a_participle_of_the_cue():
    q = one("The pier will open in May, the harbour master said, adding that the ferry is ready.", "say-interrupted")
    assert [c.text for c in q.content] == ["The pier will open in May"]


def test_object_before_a_predicative_preposition_is_content():
    q = one("Critics have portrayed the mayor as a bully who ignores the port.", "portray-pobj:as")
    assert [c.text for c in q.content] == ["the mayor as a bully who ignores the port"]


def test_passive_subject_of_ask_is_the_addressee_not_content():
    q = one("The mayor was asked about the delays at the new pier.", "ask-pobj:about")
    assert [c.text for c in q.content] == ["the delays at the new pier"]


def test_unbalanced_parenthesis_stays_out_of_a_content():
    q = one("(The mayor said the pier would open in May.)", "say-ccomp")
    assert [c.text for c in q.content] == ["the pier would open in May"]
    q = one("The council met on Monday. (“We will not sell the harbour,” the mayor said.)", "say")
    assert [c.text for c in q.content] == ["“We will not sell the harbour,”"]

