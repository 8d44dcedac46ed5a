"""One report running over a second one (swallowed contents), on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of


def _contents(text: str):
    return {q.cue.text if q.cue else None: [c.text for c in q.content] for q in quotes_of(text)}


def test_quotes_contrast_clause_with_speech_verb_is_its_own_report():
    got = {q.speaker.text: [c.text for c in q.content] for q in quotes_of(
        "About half of the residents said the new pier was too small, while a third said it was too costly.")}
    assert got["About half of the residents"] == ["the new pier was too small"]
    assert got["a third"] == ["it was too costly"]
    # a contrast clause whose verb is no verb of speech goes on with what is reported
    q = one("The survey found that most residents backed the pier, while a few favored a new bridge.", "find-ccomp")
    assert q.content[-1].text.endswith("favored a new bridge")


def test_quotes_participle_after_quotation_leaves_it_to_the_first_report():
    text = ("Lund said the harbour reminds her of an old song called “Tides of Home,” explaining, "
            "“because the water always brings people back.”")
    got = _contents(text)
    assert got["said"] == ["the harbour reminds her of an old song called “Tides of Home,”"]
    assert got["explaining"] == ["“because the water always brings people back.”"]


def test_quotes_later_cue_takes_its_own_quotation():
    text = "“The ferry will run all winter,” Lund said before adding: “We owe the islands that much.”"
    got = _contents(text)
    assert got["said"] == ["“The ferry will run all winter,”"]
    assert got["adding"] == ["“We owe the islands that much.”"]


def test_quotes_fronted_contrast_clause_is_left_out_of_the_report_after_it():
    got = {q.speaker.text: [c.text for c in q.content] for q in quotes_of(
        "While the mayor says the pier is safe, the deck is clearly rotting, inspectors said.")}
    assert got["inspectors"] == ["the deck is clearly rotting"]
    assert got["the mayor"] == ["the pier is safe"]


def test_quotes_relative_clause_with_its_own_speaker_is_its_own_report():
    got = {q.speaker.text: [c.text for c in q.content] for q in quotes_of(
        "Residents praised the new ferry timetable, which officials said would save an hour a day.")}
    assert got["Residents"] == ["the new ferry timetable"]
    assert got["officials"] == ["which", "would save an hour a day"]
