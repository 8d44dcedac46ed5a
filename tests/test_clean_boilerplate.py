"""Boilerplate rules: whole lines of site furniture are recognised, prose is not."""

from __future__ import annotations

import pytest

from dateline.clean.boilerplate import boilerplate_rule, ends_article
from dateline.clean.text import clean_text


@pytest.mark.parametrize("line,label", [
    ("Subscribe today", "paywall"),
    ("Already a member? Log in here", "paywall"),
    ("Sign up for our morning newsletter to get the headlines in your inbox", "newsletter"),
    ("Share on Facebook", "share"),
    ("Facebook Twitter WhatsApp Email", "share"),
    ("Partager Facebook Twitter", "share"),
    ("We use cookies to improve your experience on our site", "cookie"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    ("Related Stories", "related_header"),
    ("Leia também", "related_header"),
    ("Photo: Jane Roe/Harbour Agency", "photo_credit"),
    ("© 2024 The Coast Times. All rights reserved.", "legal"),
    ("Download the Coast Times app", "app"),
    ("Updated: Jan. 4, 2024 10:15 am EST", "timestamp"),
    ("Tuesday 9 January 2024 08:30, UK", "timestamp"),
    ("27 Comments", "comments_start"),
    ("Leave a Reply", "comments_start"),
    ("About the author", "about_section"),
    ("Kari Nordmann contributed reporting from Bergen.", "credit"),
    ("Contact reporter Kari Nordmann at kari@coasttimes.example", "credit"),
    ("Filed under: Harbours | Shipping", "credit"),
    ("Order Reprints", "widget"),
    ("Follow The Coast Times on Facebook and Instagram", "widget"),
    ("A post shared by Harbour Life (@harbourlife)", "embed"),
    ("Ferry Chaos As Storm Hits [VIDEO]", "related"),
    ("Related: Harbour fees rise again", "related"),
    ("[Related: Harbour fees rise again]", "related"),
    ("(Photo courtesy of the harbour authority)", "photo_credit"),
    ("Want the headlines first? Subscribe to our daily newsletter.", "newsletter"),
    ("Also available on Spotify", "widget"),
    ("This interview has been edited for length and clarity.", "note"),
    ("- Print Article", "widget"),
    ("HARBOUR PILOTS ACCEPT DEAL AFTER MONTHS OF TALKS", "teaser"),
    ("1 of 6", "caption"),
    ("https://www.coasttimes.example/news/pilots", "url"),
])
def test_boilerplate_rule_labels(line, label):
    assert boilerplate_rule(line) == label


@pytest.mark.parametrize("line", [
    "The minister said the agreement would be signed on Monday, Jan. 8, 2024.",
    "Readers who subscribe to the paper's print edition were not affected by the outage, the company said.",
    "MOSCOW — Officials met on Friday.",
    "Facebook said it would appeal the ruling.",
    "More than 200 people attended the meeting, which lasted until late in the evening and ended without a vote.",
    "Copyright holders sued the company on Monday, saying the deal breached an agreement signed in 2019.",
    "The minister said she would follow the talks closely.",
    "— Harbour Life (@harbourlife) January 4, 2024",
])
def test_boilerplate_rule_leaves_prose(line):
    assert boilerplate_rule(line) is None


def test_boilerplate_comments_header_ends_article():
    assert ends_article("5 Comments")
    assert not ends_article("Advertisement")


def test_boilerplate_related_list_dropped_with_header():
    raw = "\n".join([
        "Ferry data deal signed",
        "",
        "OSLO — Norway and Denmark signed a deal on Monday to share ferry traffic data across the strait.",
        "Related Stories",
        "Harbour fees rise again",
        "New bridge opens to traffic",
        "The first joint forecast will come next month, officials said.",
    ])
    out = clean_text(raw)
    body = out.text[out.body_start:]
    assert "Harbour fees" not in body and "New bridge" not in body
    assert body.endswith("officials said.")
    assert ("related", "Harbour fees rise again") in out.dropped


def test_boilerplate_stub_lines_trimmed_at_the_end_only_for_text():
    raw = "Ferry deal signed\n\nOSLO — The deal was signed on Monday by both ministers.\n\nTags\nHarbours"
    out = clean_text(raw)
    assert out.title == "Ferry deal signed"
    assert out.text[out.body_start:] == "The deal was signed on Monday by both ministers."
    assert ("stub", "Harbours") in out.dropped


def test_boilerplate_short_text_is_not_trimmed_away():
    out = clean_text("Fire downtown kills two")
    assert out.text == "Fire downtown kills two"
    out = clean_text("Fire downtown\n\nTwo people died")
    assert out.text[out.body_start:] == "Two people died"
