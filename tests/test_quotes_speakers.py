"""Speaker spans the parser makes hard to find, on sentences written for these tests."""

from __future__ import annotations

from spacy.tokens import Doc

from test_quotes_rules import one, quotes_of

from dateline.extract.quotes import find_attributions
from dateline.nlp import load_nlp


def speaker(q) -> str | None:
    return q.speaker.text if q.speaker else None


# -- the passive subject of a governing verb speaks -------------------------------------


def test_quotes_participle_under_a_passive_verb_takes_its_subject():
    q = one("The ferry captain was sidelined after arguing that the harbour needed a new pier.", "argue-ccomp")
    assert speaker(q) == "The ferry captain"
    q = one("Asked about the vote, the mayor's aide was quoted as saying that the council would decide in May.",
            "say-ccomp")
    assert speaker(q) == "the mayor's aide" and q.content[0].text == "that the council would decide in May"


def test_quotes_participle_under_a_noun_or_adjective_climbs_to_the_verb():
    q = one("Lund has a long history of blaming others for the delays at the port.", "blame-dobj")
    assert speaker(q) == "Lund"
    q = one("At the same time, Lund has been the most aggressive on the council in denouncing the new quota.",
            "denounce-dobj")
    assert speaker(q) == "Lund"
    q = one("It is too soon to say whether the pier will open in May.", "say-ccomp")
    assert speaker(q) is None  # an expletive "it" is nobody


def test_quotes_contracted_has_is_not_a_passive():
    q = one("He's said he will fight for the new pier until the final vote.", "say-ccomp")
    assert speaker(q) == "He"


# -- subjects the parser hung somewhere else ------------------------------------------------


def test_quotes_inverted_speaker_after_a_quotation():
    q = one('"The pier is finished," tweeted another.', "tweet-")
    assert speaker(q) == "another" and q.content[0].text == '"The pier is finished,"'
    q = one('"The pier is finished," read the sign.', "read-")
    assert speaker(q) == "the sign"


def test_quotes_speaker_with_apposition_after_a_fronted_phrase():
    q = one("In a letter to the council, Berg, head of the harbour board, wrote that the pier would open in May.",
            "write-ccomp")
    assert speaker(q) == "Berg, head of the harbour board"
    assert q.content[0].text == "that the pier would open in May"


def test_quotes_speaker_with_relative_clause_before_the_verb():
    q = one("The council met on Monday. Lund, meanwhile, who chairs the harbour board, said the vote would come "
            "in May.", "say-ccomp")
    assert speaker(q) == "Lund, meanwhile, who chairs the harbour board"


def test_quotes_inverted_speaker_keeps_the_whole_phrase():
    q = one('"It is not a joke," mused Harbour Radio co-host Ana Berg.', "muse-")
    assert speaker(q) == "Harbour Radio co-host Ana Berg"
    q = one('"It is not over yet," wrote the authors of the "Harbour Plan," a report on the port.', "write-")
    assert speaker(q) == 'the authors of the "Harbour Plan," a report on the port'
    assert [c.text for c in q.content] == ['"It is not over yet,"']


def test_quotes_infinitive_on_a_control_noun_takes_its_owner():
    q = one("Ana Berg's refusal to comment on the pier angered the council.", "comment-pobj:on")
    assert speaker(q) == "Ana Berg's"


def test_quotes_subjects_the_parser_split_are_one_speaker():
    # hand-built parse of a slip seen in news text: "Kent, Essex" read as two subjects of "said"
    words = ["Voters", "in", "Kent", ",", "Essex", "said", "they", "felt", "betrayed", "."]
    doc = Doc(load_nlp().vocab, words=words, spaces=[True, True, False, True, True, True, True, True, False, False],
              heads=[5, 0, 1, 5, 5, 5, 7, 5, 7, 5],
              deps=["nsubj", "prep", "pobj", "punct", "nsubj", "ROOT", "nsubj", "ccomp", "acomp", "punct"],
              tags=["NNS", "IN", "NNP", ",", "NNP", "VBD", "PRP", "VBD", "VBN", "."],
              pos=["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PRON", "VERB", "VERB", "PUNCT"],
              lemmas=["voter", "in", "Kent", ",", "Essex", "say", "they", "feel", "betray", "."])
    found = [c for c in find_attributions(doc) if c.rule == "say-ccomp"]
    assert found and doc.text[found[0].source[0]:found[0].source[1]] == "Voters in Kent, Essex"


# -- what the speaker span keeps -------------------------------------------------------------


def test_quotes_quoted_title_stays_in_the_speaker():
    q = one('Ana Berg, the co-author of "Harbour Lights," about the history of the port, said the pier would '
            'open in May.', "say-ccomp")
    assert speaker(q) == 'Ana Berg, the co-author of "Harbour Lights," about the history of the port'
    q = one('The "Harbour Lights" star posted a long message about the pier.', "post-dobj")
    assert speaker(q) == 'The "Harbour Lights" star' and [c.text for c in q.content] == ["a long message about the pier"]
    q = one('"It is over," the mayor said.', "say-")  # a quotation before the name is still not part of it
    assert speaker(q) == "the mayor"


def test_quotes_pattern_speaker_keeps_its_participle():
    q = one("Groups representing the ferry workers voiced concern about the new schedule.", "voice-concern-light")
    assert speaker(q) == "Groups representing the ferry workers"


def test_quotes_raising_verbs_quote_nobody_in_any_frame():
    q = one("The plan for a new pier seems like a distant dream to most fishermen.", "seem-pobj:like")
    assert speaker(q) is None
    q = one("Lund appeared poised to win the vote on the pier.", "appear-")
    assert speaker(q) is None


# -- line labels that are not speakers -------------------------------------------------------


def test_quotes_newsroom_labels_and_lead_ins_are_not_headline_speakers():
    for label in ("Correction: An earlier version of this story gave the wrong date for the vote.",
                  "For example: the ferry lost money in each of the last three winters."):
        assert not [q for q in quotes_of("Harbour news\n" + label) if "colon-headline" in q.rule]
    q = one("Harbour news\nMayor Lund: The pier will open in May.", "colon-headline")
    assert speaker(q) == "Mayor Lund"
