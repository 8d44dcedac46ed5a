"""Speakers the parse hides (source repairs, helper 14), on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one


def test_quotes_asked_read_as_past_tense_names_no_asker():
    q = one('Asked what the plan would cost, Lund replied: "We do not know yet."', "ask-ccomp")
    assert q.speaker is None and q.content[0].text == "what the plan would cost"


def test_quotes_participle_after_an_object_and_a_comma_is_the_subjects():
    text = ("On Sunday morning Mr. Lund made a third attempt to deflect Ms. Berg's criticism, "
            "writing on Twitter that the real issue was the ferry.")
    q = one(text, "write-ccomp")
    assert q.speaker.text == "Mr. Lund"


def test_quotes_participle_after_spend_or_take_is_the_subjects():
    assert one("The harbour master spent much of his speech defending the new quota.",
               "defend-dobj").speaker.text == "The harbour master"
    assert one("The ministers took turns criticizing the plan.", "criticize-dobj").speaker.text == "The ministers"


def test_quotes_with_object_before_a_participle_speaks():
    q = one("The meeting ended with Berg asking the mayor whether the pier would close.", "ask-ccomp")
    assert q.speaker.text == "Berg"


def test_quotes_object_of_leave_before_a_participle_speaks():
    q = one("The vote has left many fishermen, including their leaders, wondering what the council wants.", "wonder")
    assert q.speaker.text == "many fishermen, including their leaders"


def test_quotes_name_between_quotation_and_verb_hung_inside_it():
    text = ("''If the council had gone with Berg, I would have been waiting on the pier for a long time,'' "
            "Mr. Lund, now 70 and retired in Bergen, said by phone this week.")
    q = one(text, "say-")
    assert q.speaker.text == "Mr. Lund, now 70 and retired in Bergen"
    assert [c.text for c in q.content] == [text[:text.index("Mr. Lund") - 1]]


def test_quotes_participle_after_a_speech_tag_goes_with_the_tag():
    q = one('"Too much noise," she said, blaming the new ferry for it.', "blame-dobj")
    assert q.speaker.text == "she"


def test_quotes_relative_clause_is_not_an_interrupting_cue_clause():
    text = "Lund, who announced a new ferry plan on Monday, plans to focus on the harbour budget in December."
    q = one(text, "announce-")
    assert q.rule.endswith("announce-dobj") and q.speaker.text == "who"
    assert q.content[0].text == "a new ferry plan on Monday"


def test_quotes_word_inside_the_quotation_is_not_the_subject():
    q = one('"Great news," tweeted a local user going by the handle Pierman.', "tweet-")
    assert q.speaker.text == "a local user going by the handle Pierman"
    assert [c.text for c in q.content] == ['"Great news,"']
    text = ("''That was a good speech you gave last night, Mr. Mayor,'' Representative Jo Berg, Democrat of Vigo, "
            "told Mr. Lund as he stopped to have his picture taken with him.")
    assert one(text, "tell-").speaker.text == "Representative Jo Berg, Democrat of Vigo"


def test_quotes_finite_verb_joined_to_an_infinitive_keeps_the_subject():
    text = ("During the 2012 race, Ana Lund largely ran on her ability to fix the ferry budget and accused Berg "
            "of wasting the harbour fund.")
    assert one(text, "accuse-dobj").speaker.text == "Ana Lund"


def test_quotes_passive_subject_that_holds_the_view_speaks():
    q = one("The fishermen are split on whether the new quota should be raised.", "split-")
    assert q.speaker.text == "The fishermen" and q.content[0].text == "whether the new quota should be raised"
    assert one("But Mr. Lund is convinced that the pier will be a success.", "convince-ccomp").speaker.text == "Mr. Lund"


def test_quotes_second_subject_hung_on_the_first_object():
    text = ("Over the past two weeks, the council charged the pilot with negligence and Lund fired his harbour master, "
            "acknowledging that the port had lost trust in the board.")
    assert one(text, "acknowledge-ccomp").speaker.text == "Lund"


def test_quotes_continuation_goes_on_the_quote_that_ends_with_it():
    text = ("Time, Ms. Lund added, was on their side. ''It's early days, for heaven's sake,'' she said. "
            "''The race starts in May.''")
    q = one(text, "continuation")
    assert q.speaker.text == "she" and q.content[0].text == "''The race starts in May.''"
