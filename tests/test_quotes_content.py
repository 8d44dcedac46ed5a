"""Content spans of cue verbs: parse slips around coordination, quoted phrases and
fronted relative words, on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one

from dateline.nlp import load_nlp


def test_quotes_second_report_of_the_same_speaker_is_cut_off():
    # "and insisted that …" hangs on the reported clause in the parse: a second report by Lund
    text = "Mayor Ana Lund said the ferry plan had failed and insisted that the harbour would stay open."
    q = one(text, "say-ccomp")
    assert [c.text for c in q.content] == ["the ferry plan had failed"]
    second = one(text, "insist-ccomp")
    assert second.speaker.text == "Mayor Ana Lund"
    assert second.content[0].text == "that the harbour would stay open"


def test_quotes_quoted_name_before_saying_is_not_the_report():
    q = one("The council dropped what residents call the “harbour tax,” saying that the port could pay its own way.",
            "say-ccomp")
    assert [c.text for c in q.content] == ["that the port could pay its own way"]


def test_quotes_fronted_relative_word_is_part_of_the_content():
    q = one("The town built a new pier, which critics have called “a waste of money.”", "call-oprd")
    assert [c.text for c in q.content] == ["which", "“a waste of money.”"]
    q = one("The port now faces what the mayor called a slow decline.", "call-oprd")
    assert [c.text for c in q.content] == ["what", "a slow decline"]



def _parsed(words, heads, deps, pos, lemmas):
    """A Doc with a hand-made parse (the parser's slip, reproduced exactly)."""
    from spacy.tokens import Doc
    return Doc(load_nlp().vocab, words=words, heads=heads, deps=deps, pos=pos, lemmas=lemmas)


def test_quotes_content_ending_on_a_conjunction_takes_the_hung_conjunct():
    from dateline.extract.quote_content import content_tokens
    # "talked about the tax and about telling …", the parser making the second "about" a conjunct of the verb
    words = ["She", "talked", "about", "the", "tax", "and", "about", "telling", "voters", "the", "truth", "."]
    heads = [1, 1, 1, 4, 2, 4, 1, 6, 7, 10, 7, 1]
    deps = ["nsubj", "ROOT", "prep", "det", "pobj", "cc", "conj", "pcomp", "dative", "det", "dobj", "punct"]
    pos = ["PRON", "VERB", "ADP", "DET", "NOUN", "CCONJ", "ADP", "VERB", "NOUN", "DET", "NOUN", "PUNCT"]
    doc = _parsed(words, heads, deps, pos, lemmas=["she", "talk", "about", "the", "tax", "and", "about", "tell",
                                                   "voter", "the", "truth", "."])
    pieces = content_tokens(doc[1], doc[4], "pobj:about", doc[0], doc.text)
    assert [doc[s:e].text for s, e in pieces] == ["the tax and about telling voters the truth"]


def test_quotes_content_ending_on_a_conjunction_before_a_new_clause_drops_it():
    from dateline.extract.quote_content import content_tokens
    words = ["He", "mentioned", "the", "ferry", "and", "the", "crowd", "said", "nothing", "."]
    heads = [1, 1, 3, 1, 3, 6, 7, 1, 7, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "cc", "det", "nsubj", "conj", "dobj", "punct"]
    pos = ["PRON", "VERB", "DET", "NOUN", "CCONJ", "DET", "NOUN", "VERB", "PRON", "PUNCT"]
    doc = _parsed(words, heads, deps, pos, lemmas=["he", "mention", "the", "ferry", "and", "the", "crowd", "say",
                                                   "nothing", "."])
    pieces = content_tokens(doc[1], doc[3], "dobj", doc[0], doc.text)
    assert [doc[s:e].text for s, e in pieces] == ["the ferry"]


def test_quotes_content_goes_on_after_a_colon_in_lower_case():
    q = one("The mayor repeated many of the pledges she has made for months: rebuilding the pier, "
            "cutting ferry fares and hiring more wardens.", "repeat-dobj")
    assert q.content[0].text == ("many of the pledges she has made for months: rebuilding the pier, "
                                 "cutting ferry fares and hiring more wardens")

