"""Cue verbs whose report the rules missed or cut short (helper h20): a contrast inside the
reported clause, an object that is the subject of the reported clause, a cue verb tagged as a
noun, an `as` clause whose verb has its own object. Sentences written for these tests; two of
them are parsed by hand to reproduce the parser's slip."""

from __future__ import annotations

from quote_parses import built, contents
from test_quotes_rules import one, quotes_of


def test_quotes_contrast_with_but_stays_in_the_report():
    text = "Mia Berg, a ferry pilot, said she backed the new quota but feared its cost to small boats."
    q = one(text, "say-ccomp")
    assert [c.text for c in q.content] == ["she backed the new quota but feared its cost to small boats"]
    assert not [q for q in quotes_of(text) if q.rule.endswith("fear-dobj")]


def test_quotes_object_that_is_the_subject_of_a_stray_clause():
    # "saying" hangs on "council"; the parser made "fee" its object and hung "is hurting" on "wrote"
    doc = built([
        ("Berg", 1, "nsubj", "NNP", "PROPN", "Berg"), ("wrote", 1, "ROOT", "VBD", "VERB", "write"),
        ("to", 1, "prep", "IN", "ADP", "to"), ("the", 4, "det", "DT", "DET", "the"),
        ("council", 2, "pobj", "NN", "NOUN", "council"), ("saying", 4, "acl", "VBG", "VERB", "say"),
        ("a", 7, "det", "DT", "DET", "a"), ("fee", 5, "dobj", "NN", "NOUN", "fee"),
        ("is", 9, "aux", "VBZ", "AUX", "be"), ("hurting", 1, "advcl", "VBG", "VERB", "hurt"),
        ("the", 11, "det", "DT", "DET", "the"), ("fleet", 9, "dobj", "NN", "NOUN", "fleet"),
        (".", 1, "punct", ".", "PUNCT", "."),
    ])
    assert contents(doc, "say") == ("say-dobj", ["a fee is hurting the fleet"])


def test_quotes_cue_verb_tagged_as_a_noun_at_the_root():
    doc = built([
        ("Lund", 1, "nsubj", "NNP", "PROPN", "Lund"), ("claims", 1, "ROOT", "NNS", "NOUN", "claim"),
        ("she", 3, "nsubj", "PRP", "PRON", "she"), ("is", 1, "ccomp", "VBZ", "AUX", "be"),
        ("ready", 3, "acomp", "JJ", "ADJ", "ready"), (".", 1, "punct", ".", "PUNCT", "."),
    ])
    assert contents(doc, "claim") == ("claim-ccomp", ["she is ready"])


def test_quotes_as_clause_with_its_own_object_reports_the_object():
    text = "As the judge read her ruling, the fishermen stood silently in the hall."
    q = one(text, "read-as-object")
    assert [c.text for c in q.content] == ["her ruling"] and q.speaker.text == "the judge"
    assert not [q for q in quotes_of(text) if q.rule.endswith("as-clause")]
