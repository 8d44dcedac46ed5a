"""Cue verbs of the lexicon whose content the parse hides (relative clauses, pronoun objects,
passives and linking verbs, complements parsed as adverbials): sentences written for these tests,
some of them built by hand with the parser's slip."""

from __future__ import annotations

from quote_parses import built, contents
from test_quotes_rules import one, quotes_of


def test_quotes_cue_in_relative_clause_is_not_an_interrupting_clause():
    found = quotes_of("Lund, who endorsed Berg in May, is running for the harbour board.")
    assert not [q for q in found if "interrupted" in q.rule]
    q = one("Lund, who endorsed Berg in May, is running for the harbour board.", "endorse-dobj")
    assert q.content[0].text == "Berg in May"


def test_quotes_bare_pronoun_of_a_stance_verb_is_the_content():
    q = one("The fishermen's union strongly supported her.", "support-dobj")
    assert q.content[0].text == "her" and q.speaker.text == "The fishermen's union"
    q = one("Most residents agree with him.", "agree-pobj:with")
    assert q.content[0].text == "him"


def test_quotes_predicative_passive_of_a_hand_verb():
    q = one("The old pier is widely considered a landmark.", "consider-passive")
    assert [c.text for c in q.content] == ["The old pier", "a landmark"] and q.speaker is None


def test_quotes_linking_verb_subject_and_predicate():
    q = one("The harbour plan seems unlikely to pass this year.", "seem-linking")
    assert [c.text for c in q.content] == ["The harbour plan", "unlikely to pass this year"] and q.speaker is None
    q = one("The ferry service appears stable.", "appear-linking")
    assert [c.text for c in q.content] == ["The ferry service", "stable"]


def test_quotes_infinitive_and_question_parsed_as_adverbial_clauses():
    q = one("Mayor Ana Lund sought on Monday to calm fears about the ferry.", "seek-xcomp")
    assert q.content[0].text == "to calm fears about the ferry" and q.speaker.text == "Mayor Ana Lund"
    q = one("The reporter asked the mayor if the pier would open in May.", "ask-pobj:if")
    assert q.content[0].text == "if the pier would open in May" and q.speaker.text == "The reporter"


def test_quotes_relative_which_is_the_object_of_the_cue():
    q = one("The new levy, which the mayor defended, will fund the pier.", "defend-dobj")
    assert q.content[0].text == "which" and q.speaker.text == "the mayor"


def test_quotes_clause_before_the_verb_gives_way_to_its_object():
    """"As rents rise, residents fear the tower" with "As rents rise" parsed as a complement clause
    of "fear": the object after the verb is what is feared (built by hand)."""
    doc = built([("As", 2, "mark", "IN", "SCONJ", "as", True), ("rents", 2, "nsubj", "NNS", "NOUN", "rent", True),
                 ("rise", 5, "ccomp", "VBP", "VERB", "rise", False), (",", 5, "punct", ",", "PUNCT", ",", True),
                 ("residents", 5, "nsubj", "NNS", "NOUN", "resident", True),
                 ("fear", 5, "ROOT", "VBP", "VERB", "fear", True), ("the", 7, "det", "DT", "DET", "the", True),
                 ("tower", 5, "dobj", "NN", "NOUN", "tower", False), (".", 5, "punct", ".", "PUNCT", ".", False)])
    assert contents(doc, "fear") == ("fear-dobj", ["the tower"])


def test_quotes_infinitive_before_a_stray_clause_is_the_report():
    """"Lund is hoping to keep her lead before voters vote" with "before voters vote" hung on
    "hoping" as its complement clause: the infinitive right after the verb is hoped for (built by hand)."""
    doc = built([("Lund", 2, "nsubj", "NNP", "PROPN", "Lund", True), ("is", 2, "aux", "VBZ", "AUX", "be", True),
                 ("hoping", 2, "ROOT", "VBG", "VERB", "hope", True), ("to", 4, "aux", "TO", "PART", "to", True),
                 ("keep", 2, "xcomp", "VB", "VERB", "keep", True), ("her", 6, "poss", "PRP$", "PRON", "her", True),
                 ("lead", 4, "dobj", "NN", "NOUN", "lead", True), ("before", 9, "mark", "IN", "SCONJ", "before", True),
                 ("voters", 9, "nsubj", "NNS", "NOUN", "voter", True), ("vote", 2, "ccomp", "VBP", "VERB", "vote", False),
                 (".", 2, "punct", ".", "PUNCT", ".", False)])
    rule, content = contents(doc, "hope")
    assert rule == "hope-xcomp" and content[0].startswith("to keep her lead")


def test_quotes_object_runs_on_over_a_participle_of_a_noun():
    """"The poll showed a lead for Lund, with most voters supporting her": the participle describes
    the voters, it does not start a report of its own (built by hand)."""
    doc = built([("The", 1, "det", "DT", "DET", "the", True), ("poll", 2, "nsubj", "NN", "NOUN", "poll", True),
                 ("showed", 2, "ROOT", "VBD", "VERB", "show", True), ("a", 4, "det", "DT", "DET", "a", True),
                 ("lead", 2, "dobj", "NN", "NOUN", "lead", True), ("for", 4, "prep", "IN", "ADP", "for", True),
                 ("Lund", 5, "pobj", "NNP", "PROPN", "Lund", False), (",", 2, "punct", ",", "PUNCT", ",", True),
                 ("with", 2, "prep", "IN", "ADP", "with", True), ("most", 10, "amod", "JJS", "ADJ", "most", True),
                 ("voters", 8, "pobj", "NNS", "NOUN", "voter", True),
                 ("supporting", 10, "acl", "VBG", "VERB", "support", True),
                 ("her", 11, "dobj", "PRP", "PRON", "she", False), (".", 2, "punct", ".", "PUNCT", ".", False)])
    assert contents(doc, "show") == ("show-dobj", ["a lead for Lund, with most voters supporting her"])


def test_quotes_phrase_before_an_interrupting_clause_opens_the_report():
    q = one("At times last year, people close to the mayor said, the mere mention of her name could make him fume.",
            "say-interrupted")
    assert [c.text for c in q.content] == ["At times last year", "the mere mention of her name could make him fume"]
    assert q.speaker.text == "people close to the mayor"


def test_quotes_object_keeps_an_as_phrase_parsed_as_a_clause():
    """"Voters cheer and see Lund as most likely to win" with "as most likely to win" parsed as an
    adverbial clause: what the object is taken for is part of the content (built by hand)."""
    doc = built([("Voters", 1, "nsubj", "NNS", "NOUN", "voter", True), ("cheer", 1, "ROOT", "VBP", "VERB", "cheer", True),
                 ("and", 1, "cc", "CC", "CCONJ", "and", True), ("see", 1, "conj", "VBP", "VERB", "see", True),
                 ("Lund", 3, "dobj", "NNP", "PROPN", "Lund", True), ("as", 7, "advmod", "RB", "ADV", "as", True),
                 ("most", 7, "advmod", "RBS", "ADV", "most", True), ("likely", 3, "advcl", "JJ", "ADJ", "likely", True),
                 ("to", 9, "aux", "TO", "PART", "to", True), ("win", 7, "xcomp", "VB", "VERB", "win", False),
                 (".", 1, "punct", ".", "PUNCT", ".", False)])
    assert contents(doc, "see") == ("see-dobj", ["Lund as most likely to win"])
