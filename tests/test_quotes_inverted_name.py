"""A name after an inverted cue verb that the parser made the subject of the next clause."""

from __future__ import annotations

from test_quotes_rules import one

def test_inverted_speaker_parsed_as_subject_of_following_clause():
    q = one("''I'm more at home on the water than I am on land,'' said Jo Lund, half joking. He owns two boats.",
            "say-")
    assert q.speaker is not None and q.speaker.text == "Jo Lund"
