"""A quotation that opens a sentence and is followed by its own speech tag, however the
parser read the tag (helper 38); fixtures written for these tests."""

from __future__ import annotations

from test_quotes_rules import quotes_of


def _owner(text: str, quotation: str):
    found = [q for q in quotes_of(text) if any(c.text == quotation for c in q.content)]
    assert found, [(q.rule, [c.text for c in q.content]) for q in quotes_of(text)]
    return found[0]


def test_quotations_tag_before_a_long_tail():
    text = ("The harbour board approved the budget on Monday and promised to repair the old pier.\n\n"
            "“Who do they think they are?” Lund said of the ferry company in March, when the company "
            "refused to stop its crossings during the storm.")
    q = _owner(text, "“Who do they think they are?”")
    assert q.cue.text == "said" and q.speaker.text == "Lund"


def test_quotations_speaker_read_as_the_object():
    text = ("Several newspapers warned that the new timetable would strand commuters on the islands. "
            "\"Ferry users should plan for long delays this summer,\" opined the Coastal Gazette.")
    q = _owner(text, "\"Ferry users should plan for long delays this summer,\"")
    assert q.cue.text == "opined" and q.speaker.text == "the Coastal Gazette"


def test_quotations_comma_lead_after_a_named_speaker():
    text = ("The mayor said the budget for the pier was late.\n\n"
            "During the first meeting of the board, Ana Lund cracked, “I'm an optimist, but I'm an optimist "
            "who counts the money.” The board laughed.")
    q = _owner(text, "“I'm an optimist, but I'm an optimist who counts the money.”")
    assert q.cue.text == "cracked" and q.speaker.text == "Ana Lund"
    # a verb that already reports a quotation keeps the next one as its continuation
    text = "The mayor said the budget was late. “We will not wait,” she said. “The ferries need it.” She added, “The work starts in May.”"
    assert not [q for q in quotes_of(text) if "comma-lead" in q.rule]
