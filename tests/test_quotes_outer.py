"""An outer report that holds a nested one, on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of


def test_quotes_poll_share_speaks_through_the_poll():
    q = one("In a harbour council survey released on Monday, 62 percent of residents said the new pier "
            "was too small.", "in-source-share")
    assert q.speaker.text == "a harbour council survey released on Monday"
    assert q.content[0].text.startswith("62 percent of residents said")
    # the share's own report nests in the poll's and is not given apart
    assert not [x for x in quotes_of("In a harbour council survey released on Monday, 62 percent of residents "
                                     "said the new pier was too small.") if x.cue and x.cue.text == "said"]
    # a named speaker after the `In` phrase keeps the report of its verb
    q = one("In a statement released on Monday, the harbour master said the new pier was too small.", "say-ccomp")
    assert q.speaker.text == "the harbour master"
    assert not [x for x in quotes_of("In a statement released on Monday, the harbour master said the new pier "
                                     "was too small.") if "in-source" in x.rule]


def test_quotes_owned_stance_noun_is_what_the_verb_expresses():
    q = one("At the meeting, the fishermen expressed their support for the new pier.", "express-dobj")
    assert q.content[0].text.startswith("their support for the new pier")
    # without a possessor the light-verb reading stays
    q = one("At the meeting, the fishermen expressed support for the new pier.", "-light")
    assert q.content[0].text == "the new pier"


def test_quotes_to_a_person_opens_that_persons_view():
    q = one("To Maria Lund, the new pier is a waste of public money.", "to-holder")
    assert q.speaker.text == "Maria Lund" and q.cue.text == "To"
    assert q.content[0].text == "the new pier is a waste of public money"
    # a demonstrative after `To` is no holder
    assert not [x for x in quotes_of("To that, the council replied with a new plan for the harbour.")
                if "to-holder" in x.rule]

