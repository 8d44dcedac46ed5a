"""Entity merging, titles, nationalities and repairs on stories written for these tests."""

import pytest

import dateline


@pytest.fixture(scope="module")
def reading():
    text = (
        "Brazilian President Ana Ribeiro arrives in Lisbon\n\n"
        "LISBON — Brazilian President Ana Ribeiro arrived in Lisbon on Tuesday for talks with Portuguese "
        "Prime Minister Tomas Costa about trade.\n\n"
        "Ribeiro told the Portuguese news agency Lusa, Costa would be invited to Brasilia. "
        "The Brazilian president also met WHO spokesman Karl Dorn, who said the UN and the WHO would help.\n\n"
        "Later, the prime minister said the talks went well, and Dorn agreed."
    )
    return dateline.extract(text, published="2023-05-02")


def _by_name(reading, name):
    found = [e for e in reading.entities if e.name == name]
    assert found, [e.name for e in reading.entities]
    return found[0]


def test_entities_merge_surname_with_full_name(reading):
    e = _by_name(reading, "Ana Ribeiro")
    assert "Ribeiro" in {m.text for m in e.mentions}
    assert sum(1 for x in reading.entities if x.type == "PERSON" and "Ribeiro" in x.name) == 1


def test_entities_title_and_nationality_from_premodifiers(reading):
    e = _by_name(reading, "Ana Ribeiro")
    assert e.title and e.title.lower() == "president"
    assert e.country == "BRA"
    assert "Brazilian President Ana Ribeiro" in {m.text for m in e.mentions}


def test_entities_multiword_title(reading):
    e = _by_name(reading, "Tomas Costa")
    assert e.title.lower() == "prime minister" and e.country == "PRT"


def test_entities_definite_description_refers_back(reading):
    e = _by_name(reading, "Ana Ribeiro")
    assert "The Brazilian president" in {m.text for m in e.mentions}
    costa = _by_name(reading, "Tomas Costa")
    assert "the prime minister" in {m.text for m in costa.mentions}


def test_entities_affiliation_keeps_bare_name_mention(reading):
    e = _by_name(reading, "Karl Dorn")
    assert e.title == "spokesman" and e.affiliation == "WHO"
    assert "Karl Dorn" in {m.text for m in e.mentions}


def test_entities_acronym_gets_full_name(reading):
    names = {e.name for e in reading.entities if e.type == "ORG"}
    assert "United Nations" in names and "World Health Organization" in names


def test_entities_mentions_point_at_their_text(reading):
    text = reading.article.text
    for e in reading.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text


def test_entities_org_country_from_descriptor():
    r = dateline.extract("The talks were reported by the Chinese news agency Xinhua on Monday. "
                         "Officials in Beijing declined to comment on the report.")
    xinhua = [e for e in r.entities if e.name == "Xinhua"]
    assert xinhua and xinhua[0].country == "CHN"
