"""The quotes stage on stories written for these tests."""

from __future__ import annotations

import pytest

from dateline.pipeline import Pipeline
from dateline.records import Document

STORY = """Harbour deal signed after long talks

OSLO — Norwegian Transport Minister Jon Berg signed a ferry data agreement with Denmark on Monday.

"Sharing what our harbours see is the cheapest safety measure we have," Berg told reporters. "It costs almost nothing. Every captain will see the same forecast."

The minister said that the first joint forecast would be published next month.

Danish harbour official Mette Lund said: "We waited six years for this."

According to the Danish Maritime Authority, the agreement covers forty ports.

She added that the so-called "blue corridor" would come later.

The ministry warned that fuel prices could delay the plan.
"""


@pytest.fixture(scope="module")
def extraction():
    result = Pipeline().extract_one(Document("harbour", STORY))
    assert "quotes.rules.v1" in result.stages
    return result


def find(extraction, words):
    hits = [q for q in extraction.quotes if any(words in c.text for c in q.content)]
    assert hits, f"no quote with {words!r}: {[[c.text for c in q.content] for q in extraction.quotes]}"
    return hits[0]


def entity_name(extraction, quote):
    return next((e.name for e in extraction.entities if e.id == quote.speaker_entity), None)


def test_quotes_direct_quote_after_cue(extraction):
    q = find(extraction, "cheapest safety measure")
    assert q.kind == "direct" and q.cue.text == "told" and q.speaker.text == "Berg"
    assert q.content[0].text.startswith('"Sharing') and q.content[0].text.endswith('have,"')
    assert entity_name(extraction, q) == "Jon Berg"


def test_quotes_continuation_inherits_speaker(extraction):
    q = find(extraction, "same forecast")
    assert q.kind == "continuation" and q.cue is None
    assert q.speaker_entity == find(extraction, "cheapest safety measure").speaker_entity


def test_quotes_indirect_speech_with_description_speaker(extraction):
    q = find(extraction, "first joint forecast")
    assert q.kind == "indirect" and q.cue.text == "said"
    assert q.content[0].text.startswith("that the first joint forecast")
    assert not q.content[0].text.endswith(".")
    assert q.speaker.text == "The minister"


def test_quotes_colon_lead_in(extraction):
    q = find(extraction, "six years")
    assert q.kind == "direct" and q.speaker.text.endswith("Mette Lund")


def test_quotes_according_to(extraction):
    q = find(extraction, "forty ports")
    assert q.cue.text == "According to" and "Danish Maritime Authority" in q.speaker.text


def test_quotes_pronoun_speaker_resolves_to_latest_person(extraction):
    q = find(extraction, "would come later")
    assert q.speaker.text == "She" and entity_name(extraction, q) == "Mette Lund"
    assert q.kind == "partial"


def test_quotes_scare_quote_is_not_a_quotation(extraction):
    assert not any(c.text == '"blue corridor"' for q in extraction.quotes for c in q.content)


def test_quotes_organisation_speaker_kept_without_entity(extraction):
    q = find(extraction, "fuel prices")
    assert q.speaker.text == "The ministry" and q.cue.text == "warned"


def test_quotes_every_quote_names_its_rule(extraction):
    assert all(q.rule.startswith("quotes.rules.v1:") for q in extraction.quotes)


def test_quotes_unbalanced_marks_do_not_swallow_the_article():
    text = 'Talks stalled on Tuesday.\n\n"We are not leaving, the union leader said.\n\nThe port reopened on Friday and ships left on time.'
    result = Pipeline().extract_one(Document("open", text))
    for q in result.quotes:
        assert all("ships left" not in c.text for c in q.content)


def test_quotes_she_skips_a_nearer_man():
    text = ("Council member Maria Lopez spoke after Mayor Tom Hale opened the meeting.\n\n"
            "She said the budget would not cover the new bridge.\n")
    result = Pipeline().extract_one(Document("gender", text))
    q = find(result, "budget would not cover")
    assert q.speaker.text == "She" and entity_name(result, q) == "Maria Lopez"


def test_quotes_light_verb_and_noun_cues():
    text = ("Port director Ines Moreau made the case that the canal needs dredging before winter.\n\n"
            "Moreau's criticism of the shipping lobby drew little response.\n")
    result = Pipeline().extract_one(Document("light", text))
    q = find(result, "canal needs dredging")
    assert q.cue.text.startswith("made the case") and q.content[0].text.startswith("that the canal")
    assert entity_name(result, q) == "Ines Moreau"
    q = find(result, "the shipping lobby")
    assert q.cue.text == "criticism of" and q.speaker.text == "Moreau"


def test_quotes_cue_inside_a_quotation_is_not_a_separate_quote():
    text = '"I think the ferry will run again by May," the captain said.\n'
    result = Pipeline().extract_one(Document("inner", text))
    assert len(result.quotes) == 1 and result.quotes[0].cue.text == "said"


@pytest.mark.parametrize("text", [
    '"', '“”', '«', "''", 'He said: "', 'according to', '“A,” said.', 'Minister: \n\n"Quote here at length for sure',
    "<tweet author='x'>He said 'hello'</tweet>", '"Unclosed one.\n\n"Unclosed two.\n\n"Closed," she said.',
])
def test_quotes_odd_inputs_never_crash(text):
    from dateline.extract.quotes import extract_quotes
    from dateline.nlp import load_nlp
    from dateline.records import Article, Extraction, OffsetMap

    article = Article(id="x", doc_id="x", text=text, body_start=0, offsets=OffsetMap(((0, 0, len(text)),)))
    for q in extract_quotes(Extraction(article), load_nlp()(text)):
        assert all(0 <= c.start < c.end <= len(text) and c.text == text[c.start:c.end] for c in q.content)


def test_quotes_participle_after_an_infinitive_is_a_second_attribution():
    # "citing …" hangs inside "not to run again" in the parse, but its speaker is the same "She":
    # two attributions, the first one ending before the participle
    from dateline.extract.quotes import extract_quotes
    from dateline.nlp import load_nlp
    from dateline.records import Article, Extraction, OffsetMap

    text = "She decided not to run again, citing her health."
    article = Article(id="t", doc_id="t", text=text, body_start=0, offsets=OffsetMap(((0, 0, len(text)),)))
    found = {q.cue.text: q for q in extract_quotes(Extraction(article), load_nlp()(text))}
    assert [c.text for c in found["decided"].content] == ["not to run again"]
    assert [c.text for c in found["citing"].content] == ["her health"]
    assert found["citing"].speaker.text == "She"
