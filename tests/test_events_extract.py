"""The events stage on sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from dateline.records import Document, Extraction


def _events(pipeline, text: str, published: date | None = None):
    result = pipeline.extract_one(Document("t", text, published=published))
    assert isinstance(result, Extraction)
    return result.events


def _codes(actors) -> set[str]:
    return {a.code for a in actors}


def _find(events, type_):
    found = [e for e in events if e.type == type_]
    assert found, f"no {type_} among {[(e.type, e.rule) for e in events]}"
    return found[0]


def test_events_verbal_event_has_source_target_and_sector(pipeline):
    ev = _find(_events(pipeline, "Russian troops shelled a Ukrainian border village on Monday."), "ASSAULT")
    assert _codes(ev.source) == {"RUS"} and ev.source[0].sector == "MIL"
    assert "UKR" in _codes(ev.target)
    assert ev.mode == "heavy-weapons" and ev.cameo.startswith("19")
    assert "shelled" in ev.evidence.text and ev.rule.startswith("events.rules.v1:")


def test_events_threat_frame_changes_the_type(pipeline):
    ev = _find(_events(pipeline, "Iran threatened to cut diplomatic ties with Canada."), "THREATEN")
    assert _codes(ev.source) == {"IRN"} and _codes(ev.target) == {"CAN"}
    assert ev.hypothetical and ev.mode == "relations"


def test_events_passive_agent_is_the_source(pipeline):
    ev = _find(_events(pipeline, "Two Kenyan reporters were detained by Ugandan police on Tuesday."), "COERCE")
    assert _codes(ev.source) == {"UGA"} and ev.source[0].sector == "COP"
    assert _codes(ev.target) == {"KEN"}


def test_events_nominal_event_with_possessor(pipeline):
    events = _events(pipeline, "Egypt's detention of thirty Sudanese traders drew an angry response.")
    ev = _find(events, "COERCE")
    assert _codes(ev.source) == {"EGY"} and _codes(ev.target) == {"SDN"}


def test_events_compound_actors_are_all_sources(pipeline):
    ev = _find(_events(pipeline, "Chilean and Peruvian officials agreed to hold joint naval exercises."), "AGREE")
    assert _codes(ev.source) == {"CHL", "PER"}


def test_events_capitals_stand_for_governments(pipeline):
    ev = _find(_events(pipeline, "Lisbon and Madrid signed a water-sharing treaty on Friday."), "SUPPORT")
    assert _codes(ev.source) == {"PRT", "ESP"}


def test_events_refusal_and_negated_cooperation_are_reject(pipeline):
    ev = _find(_events(pipeline, "Peru refused to extradite the former minister to Bolivia."), "REJECT")
    assert _codes(ev.source) == {"PER"}
    ev = _find(_events(pipeline, "Norway said it would not meet the kidnappers' demands."), "REJECT")
    assert _codes(ev.source) == {"NOR"}


def test_events_negation_is_flagged(pipeline):
    ev = _find(_events(pipeline, "Turkish soldiers did not fire on the Syrian refugees."), "ASSAULT")
    assert ev.negated


def test_events_police_belong_to_the_dateline_country(pipeline):
    text = "Crowds gather after arrests\n\nNAIROBI — Police arrested five opposition activists on Sunday."
    ev = _find(_events(pipeline, text, date(2023, 3, 6)), "COERCE")
    assert ev.source and ev.source[0].code == "KEN" and ev.source[0].sector == "COP"


def test_events_weekday_resolves_against_publication_and_tense(pipeline):
    # 2022-02-03 was a Thursday: a future "Friday" is the next day, a past "Monday" three days before.
    events = _events(pipeline, "Finland's president will visit Estonia on Friday.", date(2022, 2, 3))
    assert _find(events, "CONSULT").date == "2022-02-04"
    events = _events(pipeline, "Greek police arrested two smugglers on Monday.", date(2022, 2, 3))
    assert _find(events, "COERCE").date == "2022-01-31"


def test_events_date_falls_back_to_publication(pipeline):
    events = _events(pipeline, "Japan expelled two Russian diplomats.", date(2021, 6, 9))
    assert _find(events, "SANCTION").date == "2021-06-09"


def test_events_reporting_verb_alone_is_no_event(pipeline):
    assert not _events(pipeline, "The minister said the weather in the capital was mild.")


def test_events_demand_names_the_addressee(pipeline):
    ev = _find(_events(pipeline, "Brazil demanded that Paraguay release the detained farmers."), "REQUEST")
    assert _codes(ev.source) == {"BRA"} and _codes(ev.target) == {"PRY"}


@pytest.mark.parametrize("text", ["", "   ", "Subscribe now for unlimited access."])
def test_events_empty_or_junk_text_gives_nothing(pipeline, text):
    result = pipeline.extract_one(Document("t", text))
    assert not getattr(result, "events", ())


def test_events_none_from_dropped_boilerplate(pipeline, story_text):
    result = pipeline.extract_one(Document("story", story_text, published=date(2024, 5, 6)))
    assert result.events, "the story has events"
    text = result.article.text
    assert "Subscribe now" not in text
    for ev in result.events:
        assert text[ev.evidence.start:ev.evidence.end] == ev.evidence.text
        assert "Subscribe" not in ev.evidence.text and "Advertisement" not in ev.evidence.text
    signed = [e for e in result.events if e.type in ("SUPPORT", "CONSULT", "COOPERATE", "AGREE")]
    assert any(a.code == "NOR" for e in signed for a in e.source)


def test_events_uncoded_source_is_named_without_code(pipeline):
    ev = _find(_events(pipeline, "A local union leader accused the mayor of lying."), "ACCUSE")
    assert ev.source and ev.source[0].code is None and "union leader" in ev.source[0].text
    assert ev.confidence < 0.75  # no code for who did it: less sure
    assert not _events(pipeline, "It was denied.")  # nobody to name: no event
