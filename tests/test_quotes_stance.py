"""Stance adjectives after their noun, `in X's view`, backing nouns, cue nouns whose complement
the parse hung elsewhere, and cue verbs read as nouns; on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one


def test_adjective_after_its_noun():
    q = one("The union officials, angry about the quota cuts, walked out of the meeting.", "-adj-after")
    assert q.speaker.text == "The union officials" and q.cue.text == "angry about"
    assert q.content[0].text == "the quota cuts"


def test_adjective_joined_to_a_predicate_adjective():
    q = one("The council members are confident in the plan and openly skeptical about the budget.", "-adj-conj")
    assert q.speaker.text == "The council members" and q.cue.text == "skeptical about"
    assert q.content[0].text == "the budget"


def test_in_someones_view():
    q = one("In their view, the council could win the vote if Berg stays out of the race.", "-in-view")
    assert q.speaker.text == "their" and q.cue.text == "view"
    assert q.content[0].text == "the council could win the vote if Berg stays out of the race"


def test_backing_noun_speaks_for_its_of_object():
    q = one("The bill had the support of most harbour councillors.", "-backing")
    assert q.speaker.text == "most harbour councillors" and q.cue.text == "the support of"
    assert q.content[0].text == "The bill"


def test_cue_noun_with_negated_infinitive():
    q = one("Lund's decision not to close the pier pleased the fishermen.", "-noun-detached")
    assert q.speaker.text == "Lund" and q.content[0].text == "not to close the pier"


def test_cue_noun_clause_after_a_time_phrase():
    q = one("The jab was aimed at Berg's statement earlier this year that fishermen should pay more.", "-noun-detached")
    assert q.speaker.text == "Berg" and q.cue.text == "statement"
    assert q.content[0].text == "that fishermen should pay more"


def test_cue_verb_tagged_as_noun():
    q = one("Lund brags that's good news for the harbour.", "-noun-verb")
    assert q.speaker.text == "Lund" and q.cue.text == "brags"
    assert q.content[0].text == "that's good news for the harbour"


def test_critique_is_a_cue_noun():
    q = one("Anna Berg's critique of the ferry plan drew applause.", "critique-noun")
    assert q.speaker.text == "Anna Berg" and q.content[0].text == "the ferry plan"


def test_agent_noun_after_be():
    q = one("Mayor Lund has been a fierce critic of the ferry plan.", "-agent")
    assert q.speaker.text == "Mayor Lund" and q.cue.text == "fierce critic of"
    assert q.content[0].text == "the ferry plan"


def test_adjective_clause_after_the_main_clause():
    q = one("The union leaders left the meeting early, confident that the vote would pass.", "-adj-advcl")
    assert q.speaker.text == "The union leaders" and q.cue.text == "confident"
    assert q.content[0].text == "that the vote would pass"


def test_adjective_with_its_own_subject():
    q = one("The long delays made me wary of the new ferry.", "-adj-ccomp")
    assert q.speaker.text == "me" and q.cue.text == "wary of" and q.content[0].text == "the new ferry"
