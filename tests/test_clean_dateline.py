"""Datelines and bylines at the top of a story."""

from __future__ import annotations

import pytest

from dateline.clean.dateline import parse_byline, parse_dateline
from dateline.clean.text import clean_text


@pytest.mark.parametrize("line,place", [
    ("OSLO — Ferry operators said on Monday", "OSLO"),
    ("GENEVA (Reuters) - Talks resumed", "GENEVA"),
    ("BERGEN, Norway (AP) — A storm closed the port", "BERGEN, Norway"),
    ("TROMSO, Jan. 5 (Reuters) - Fishermen", "TROMSO"),
    ("NEW YORK -- Stocks rose", "NEW YORK"),
    ("ST. PAUL, Minn. (AP) — The city", "ST. PAUL, Minn."),
])
def test_dateline_parsed(line, place):
    found = parse_dateline(line)
    assert found is not None and found.place == place
    assert line[found.place_start:found.place_end] == place
    assert not line[found.body_start].isspace()


@pytest.mark.parametrize("line", ["OK - so this happened", "US President Joe Biden said", "The port opened — finally",
                                  "A - B testing"])
def test_dateline_not_prose(line):
    assert parse_dateline(line) is None


@pytest.mark.parametrize("line,authors", [
    ("By KARI NORDMANN", ("KARI NORDMANN",)),
    ("By Kari Nordmann and Ola Hansen", ("Kari Nordmann", "Ola Hansen")),
    ("By Kari Nordmann, Ola Hansen and Per Berg", ("Kari Nordmann", "Ola Hansen", "Per Berg")),
    ("Kari Nordmann, Associated Press", ("Kari Nordmann",)),
    ("By Kari Nordmann, Reuters", ("Kari Nordmann",)),
    ("By Kari Nordmann | The Coast Times", ("Kari Nordmann",)),
    ("By Kari Nordmann Associated Press Writer", ("Kari Nordmann",)),
    ("By Ana de la Cruz, Staff Writer", ("Ana de la Cruz",)),
    ("Written by Ana Lima", ("Ana Lima",)),
])
def test_byline_parsed(line, authors):
    found = parse_byline(line)
    assert found is not None and found.authors == authors


@pytest.mark.parametrize("line", ["By the way, the port reopened.", "By 2030, the city will have two bridges.",
                                  "by staff", "Ferry data deal signed"])
def test_byline_not_prose(line):
    assert parse_byline(line) is None


def test_dateline_and_byline_in_clean_text(story_text):
    out = clean_text("Ferry deal signed\n\nBy Kari Nordmann, Associated Press\n\n" + story_text.split("\n", 2)[2])
    assert out.title == "Ferry deal signed"
    assert out.authors == ("Kari Nordmann",)
    assert out.dateline == "OSLO"
    assert out.text[out.body_start:].startswith("Norwegian Transport Minister")
    assert out.text[out.dateline_span[0]:out.dateline_span[1]] == "OSLO"


def test_clean_dateline_hyphenated_word_is_not_a_dateline():
    from dateline.clean.dateline import parse_dateline

    assert parse_dateline("NATO-member Norway is willing to send more ships, officials said.") is None
    assert parse_dateline("OSLO - Norway is willing to send more ships.").place == "OSLO"
