"""Cue rules beyond plain speech verbs, on sentences written for these tests."""

from __future__ import annotations

import pytest

from dateline.extract.quote_rules import _learned_precision, verb_frames
from dateline.extract.quotes import extract_quotes
from dateline.nlp import load_nlp
from dateline.records import Article, Extraction, OffsetMap


def quotes_of(text: str):
    article = Article(id="t", doc_id="t", text=text, body_start=0, offsets=OffsetMap(((0, 0, len(text)),)))
    return extract_quotes(Extraction(article), load_nlp()(text))


def one(text: str, rule_part: str):
    found = [q for q in quotes_of(text) if rule_part in q.rule]
    assert found, f"no {rule_part!r} quote in {[(q.rule, [c.text for c in q.content]) for q in quotes_of(text)]}"
    return found[0]


def test_quotes_interrupted_report_keeps_both_sides():
    q = one("The new pier, the harbour master said, will open to ferries in May.", "-interrupted")
    assert [c.text for c in q.content] == ["The new pier", "will open to ferries in May"]
    assert q.speaker.text == "the harbour master" and q.cue.text == "said"


def test_quotes_calling_for_a_clause_marked_by_for():
    q = one("Mayor Ana Lund is calling for the ministry to fund the new pier.", "call-pobj:for")
    assert q.cue.text == "is calling for" and q.content[0].text == "the ministry to fund the new pier"


def test_quotes_naming_verb_keeps_its_object():
    q = one("Critics called the new bridge a waste of money.", "call-oprd")
    assert q.content[0].text == "the new bridge a waste of money"


def test_quotes_stance_adjective():
    q = one("Local fishermen have been critical of the new quota system.", "critical-adj")
    assert q.cue.text == "have been critical of" and q.content[0].text == "the new quota system"
    assert q.speaker.text == "Local fishermen" and q.kind == "indirect"


def test_quotes_copular_noun_with_possessor():
    q = one("Lund's answer was that the port cannot wait another year.", "answer-copula")
    assert q.speaker.text == "Lund" and q.content[0].text == "that the port cannot wait another year"
    assert q.cue.text == "answer was"


def test_quotes_short_answer():
    q = one("Of the residents who were asked, about half said yes.", "say-short")
    assert q.content[0].text == "yes"


def test_quotes_double_apostrophe_quotation_is_direct():
    q = one("''We will not sell the harbour,'' the mayor said on Monday.", "say")
    assert q.kind == "direct" and q.content[0].text == "''We will not sell the harbour,''"


@pytest.mark.parametrize("stats, frame, expected", [
    ("ccomp=3/6 dobj=2/4", "dobj", 0.5), ("ccomp=3/6", "ccomp", 0.5), ("ccomp=3/6", "xcomp", 1.0),
])
def test_quotes_learned_precision_parsed_from_stats(stats, frame, expected):
    assert _learned_precision(stats, frame) == expected


def test_quotes_learned_frames_below_the_floor_are_not_used():
    from dateline.extract.quote_rules import MIN_LEARNED_PRECISION
    from dateline.lexicons import lexicon_rows

    hand = {row[0].casefold() for row in lexicon_rows("quote_verbs.tsv")}
    for row in lexicon_rows("quote_verbs_learned.tsv"):
        if row[0].casefold() in hand:
            continue
        for frame in row[1].split(","):
            used = frame in verb_frames().get(row[0].casefold(), ())
            assert used == (_learned_precision(row[2], frame) >= MIN_LEARNED_PRECISION)


def test_quotes_in_a_poll_names_the_source():
    q = one("In a new harbour survey, the ferry ranked first among local services.", "in-source")
    assert q.speaker.text == "a new harbour survey" and q.cue.text == "In"
    assert q.content[0].text == "the ferry ranked first among local services"


def test_quotes_in_a_statement_leaves_the_cue_verb_in_charge():
    rules = [q.rule for q in quotes_of("In a statement, the harbour board said the fees would rise.")]
    assert not any("in-source" in r for r in rules) and any("say-" in r for r in rules)


def test_quotes_made_it_clear_that():
    q = one("The mayor made it clear that the ferry will keep running.", "make-clear-light")
    assert q.content[0].text == "that the ferry will keep running"


def test_quotes_long_answer_label_does_not_hide_inner_cues():
    answer = "Well, it is a long story about the port. " * 5 + "I believe the ferry will return next year."
    text = f"LUND: {answer}\n"
    found = quotes_of(text)
    assert any("believe" in q.rule for q in found) and any("colon-headline" in q.rule for q in found)


def test_quotes_continuation_skips_an_indirect_clause_in_the_cue_sentence():
    text = ('"The new ferry is like a small ship," Captain Lund said in a film that showed the repairs. '
            '"It will carry twice the cars we carry today."\n')
    found = quotes_of(text)
    cont = [q for q in found if q.kind == "continuation"]
    assert cont and cont[0].speaker.text == "Captain Lund" and cont[0].content[0].text.startswith('"It will carry')


def test_quotes_finished_quotation_before_a_new_report_is_not_its_content():
    text = ('"We disagree with that view entirely," she said. "We feel good about the plan." '
            'The mayor noted that the vote is next week.\n')
    q = one(text, "note-")
    assert [c.text for c in q.content] == ["that the vote is next week"]


def test_quotes_speaker_keeps_its_participle_modifier():
    q = one("The harbour report published Tuesday showed that ferry use doubled last year.", "show-")
    assert q.speaker.text == "The harbour report published Tuesday"


def test_quotes_speaker_keeps_a_quoted_title_after_a_preposition():
    text = '"The crossing will close," said Ana Lund, author of "The Last Ferry."'
    q = one(text, "say-")
    assert q.speaker.text.startswith('Ana Lund, author of "The Last Ferry')
    assert [c.text for c in q.content] == ['"The crossing will close,"']


def test_quotes_title_between_speaker_and_cue_keeps_the_speaker():
    q = one('Ana Lund, author of "The Last Ferry," said that the crossing will close.', "say-")
    assert q.speaker.text.startswith("Ana Lund, author of") and q.content[0].text == "that the crossing will close"


def test_quotes_short_answer_wins_over_a_fronted_question():
    q = one("Asked whether the ferry should return, about half of the residents said yes.", "say-")
    assert q.rule.endswith("say-short") and q.content[0].text == "yes"


def test_quotes_object_content_runs_through_an_adjacent_clause():
    # the parser hangs "to expand …" / "the board is failing" on the verb, not on its object
    q = one("He supports the amendments to expand the ferry service.", "support-dobj")
    assert q.content[0].text == "the amendments to expand the ferry service"
    q = one("The mayor cited the closure as proof the harbour board is failing.", "cite-dobj")
    assert q.content[0].text == "the closure as proof the harbour board is failing"


def test_quotes_object_content_stops_before_circumstances():
    # not the main verb, so no run-on to the sentence end: "because …" is not taken in
    q = one("Lund, who supports the amendments because they expand the ferry service, spoke first.", "support-dobj")
    assert q.content[0].text == "the amendments"
    q = one("Lund, who supports the amendments to expand the ferry service, spoke first.", "support-dobj")
    assert q.content[0].text == "the amendments to expand the ferry service"


def test_quotes_subject_with_a_quoted_phrase_in_its_relative_clause():
    q = one('Mara Holt, who called the levy "a small price," said the county would reopen the ferry.', "say-")
    assert q.speaker is not None and q.speaker.text.startswith("Mara Holt")
    assert [c.text for c in q.content] == ["the county would reopen the ferry"]


def test_quotes_object_content_runs_on_to_the_sentence_end():
    q = one("Critics called for a new vote, because the count was wrong.", "call-pobj:for")
    assert q.content[0].text == "a new vote, because the count was wrong"


def test_quotes_object_content_stops_before_another_cue():
    q = one("Critics called for a new vote, and the mayor said the count was wrong.", "call-pobj:for")
    assert q.content[0].text == "a new vote"


def test_quotes_interview_letters_are_not_speakers():
    found = quotes_of("Q: What happens to the old pier now?\nA: I think the county will rebuild it next year.")
    assert not any(q.speaker is not None and q.speaker.text in ("Q", "A") for q in found)
    q = next(q for q in found if q.cue is not None and q.cue.text == "think")
    assert q.speaker.text == "I" and q.content[0].text == "the county will rebuild it next year"


def test_quotes_according_to_at_the_sentence_end_takes_the_whole_sentence():
    q = one("The ferry will stop in May, and the pier will close, according to the harbour office.", "according-to")
    assert [c.text for c in q.content] == ["The ferry will stop in May, and the pier will close"]
    assert q.speaker.text == "the harbour office"
