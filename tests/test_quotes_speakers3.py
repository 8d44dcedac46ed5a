"""Speakers of reports whose content we find but whose speaker the parse hides (helper 37)."""

from test_quotes_rules import one


def test_passive_cue_takes_a_by_phrase_hung_on_its_predicate():
    # the parser hangs `by the harbour board` on the predicate noun, not on the verb as its agent
    q = one("The new pier was declared the winner of the design contest by the harbour board late on Tuesday.",
            "declare-")
    assert q.speaker is not None and q.speaker.text == "the harbour board"
    assert all("harbour board" not in c.text for c in q.content)


def test_passive_cue_takes_a_by_phrase_hung_on_its_as_phrase():
    q = one("The vote was viewed as a victory by some in the fishing union.", "view-")
    assert q.speaker is not None and q.speaker.text == "some in the fishing union"
    assert [c.text for c in q.content] == ["The vote", "a victory"]
    # not a `by` of time: nobody is named
    q = one("The new pier was declared the winner of the design contest by the end of the year.", "declare-")
    assert q.speaker is None


def test_passive_cue_agent_keeps_a_name_in_apposition():
    q = one("The harbour fee was confirmed as the highest on the coast by the port authority, Vigo Ports.", "confirm-")
    assert q.speaker is not None and q.speaker.text == "the port authority, Vigo Ports"
    assert [c.text for c in q.content] == ["The harbour fee", "as the highest on the coast"]


def test_subject_of_a_participle_root_speaks_for_a_dangling_cue_verb():
    # the parser made `going` the root and hung `say` on it as a bare dep
    q = one("Fishermen in three harbours going to the council meeting Monday say they would accept a smaller fee.",
            "say-ccomp")
    assert q.speaker is not None
    assert q.speaker.text == "Fishermen in three harbours going to the council meeting Monday"


def test_comma_participle_speaks_for_the_nearer_clause_when_the_main_subject_is_a_thing():
    q = one("The first clash came during a speech at the college, when protesters interrupted her speech, "
            "shouting “she wins, we lose!”", "shout-")
    assert q.speaker is not None and q.speaker.text == "protesters"


def test_participle_on_an_issued_thing_speaks_for_the_issuer():
    q = one("The ferry campaign on Tuesday released a parody website asking for ideas for a new pier.", "ask-")
    assert q.speaker is not None and q.speaker.text == "The ferry campaign"
    q = one("The harbour board opened the meeting blasting the mayor for raising the fee.", "blast-")
    assert q.speaker is not None and q.speaker.text == "The harbour board"


def test_company_aside_between_subject_and_verb_stays_in_the_speaker():
    q = one("Economists, like their rivals in the union, say the fee encourages savings.", "say-ccomp")
    assert q.speaker is not None and q.speaker.text == "Economists, like their rivals in the union"


def test_according_to_source_keeps_phrases_hung_on_according():
    q = one("According to port cables at the time that were later released by the council, Mr. Lund and his "
            "colleagues pressed the board to act.", "according-to")
    assert q.speaker is not None
    assert q.speaker.text == "port cables at the time that were later released by the council"


def test_subject_made_an_apposition_of_an_opening_phrase():
    q = one("At the town hall in Vigo, a young woman who had been an exchange student in Oslo asked Lund what he "
            "thought of the new pier.", "ask-")
    assert q.speaker is not None
    assert q.speaker.text == "a young woman who had been an exchange student in Oslo"
    q = one("In addition to the union, a broad coalition of skippers and harbour pilots have vouched for the "
            "new schedule.", "vouch-")
    assert q.speaker is not None and q.speaker.text == "a broad coalition of skippers and harbour pilots"
