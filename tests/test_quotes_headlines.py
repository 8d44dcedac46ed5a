"""Headline attributions and capitalised line labels, on lines written for these tests."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of

def test_headline_title_case_verb():
    q = one("Harbour Union Chief Praises Mayor Lund’s Ferry Plan.\n\nThe union backed the plan on Monday.",
            "-headline")
    assert q.speaker.text == "Harbour Union Chief" and q.cue.text == "Praises"
    assert q.content[0].text == "Mayor Lund’s Ferry Plan"

def test_headline_two_verbs_and_time_clause():
    found = [q for q in quotes_of("Fishing Board Backs Lund And Denounces Berg After Quota Vote.\n\nMore follows.")
             if q.rule.endswith("-headline") and q.cue.text != ":"]
    assert [(q.speaker.text, q.cue.text, q.content[0].text) for q in found] == [
        ("Fishing Board", "Backs", "Lund"), ("Fishing Board", "Denounces", "Berg")]

def test_headline_noun_subject_is_not_a_cue():
    found = [q for q in quotes_of("Harbour reports lift ferry owners and fishermen.\n\nThe report came out on Monday.")
             if q.rule.endswith("-headline")]
    assert not [q for q in found if q.cue.text == "reports"]

def test_colon_label_the_tagger_misread():
    # the tagger reads the label `Noble:` as an adjective; the article names a Dana Noble
    text = ("Senator Dana Noble on the ferry plan.\n\n"
            "Noble: The fares will cover the running costs within four years.\n\nMore later.")
    q = one(text, "colon-headline")
    assert q.speaker.text == "Noble" and q.content[0].text.startswith("The fares will cover")

def test_as_someone_put_it_takes_the_quotation():
    q = one("Ferry fares rose again. As one harbour pilot put it, “Nobody can afford the crossing now.”", "put-it")
    assert q.speaker.text == "one harbour pilot" and q.cue.text == "put it"
    assert q.content[0].text == "“Nobody can afford the crossing now.”"


def test_long_first_line_is_not_read_as_a_headline():
    # an untitled text whose first line is a whole paragraph: the word-form reading stays off
    text = ("Harbour Union Chief Lund Praises the ferry plan and the new pier, the second harbour office, "
            "the late bus service and the longer opening hours that the council voted through in a long "
            "night session with many residents present.\n\nThe union backed the plan on Monday.")
    assert not [q for q in quotes_of(text) if q.rule.endswith("-headline")]
