"""Who voices a cue noun owned by a pronoun (fixtures written for these tests)."""

from __future__ import annotations

from test_quotes_rules import one

def test_plural_noun_subject_owns_their_cue_noun():
    q = one("The ferry captains stepped up their criticism of the harbour board.", "-noun")
    assert q.speaker.text == "The ferry captains"

def test_subject_speaks_for_cue_noun_after_in():
    q = one("Even the ferry captains were unsparing in their criticism of the harbour board.", "-noun")
    assert q.speaker.text == "Even the ferry captains"
