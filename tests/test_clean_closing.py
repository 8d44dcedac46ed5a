"""What closes an article: reader comments, author bios, credits and prompts; cookie dialogs
in HTML; newsroom-wide bylines. The article text around them stays."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from dateline.clean.boilerplate import boilerplate_rule, is_author_bio
from dateline.clean.html import drop_consent_banners, extract_html
from dateline.clean.metadata import page_metadata
from dateline.clean.text import clean_text

STORY = [
    "The harbour pilots accepted the new contract on Tuesday after eleven weeks of talks with the port.",
    "The deal raises pay by four percent a year and adds a second pilot on night shifts, the union said.",
    "Shipping lines had warned that a strike would delay winter deliveries of fuel to the islands.",
    "The port authority said the first ships under the new rota would sail on Friday morning.",
]


@pytest.mark.parametrize("line,label", [
    ("Join thousands of readers who get the harbour news first — and have for twenty years. We'll send the "
     "morning briefing, the weekend long read, the shipping tables, the weather outlook for the strait, the ferry "
     "timetable changes and the best letters of the week straight to your inbox.", "promo"),
    ("[Want the best stories delivered right to your inbox? Create a free account today.]", "newsletter"),
    ("The rota looks fine to me, but the night shifts will be a problem for older pilots. Reply", "comment_marker"),
    ("harbourfan said:The rota looks fine to me.", "comment_marker"),
    ("Reporting by the Coast Wire.", "credit"),
    ("Includes reporting from the Coast Wire", "credit"),
    ("Originally published as Pilots accept deal after long talks", "credit"),
    ("Reprinted with permission of Harbour Books.", "credit"),
    ("Listen to Harbour Hour on Spotify, Apple Podcasts and YouTube.", "widget"),
    ("Watch the full interview with the harbour master:", "embed"),
    ("The author does not own shares in any of the companies mentioned in this article.", "disclosure"),
    ("The opinions expressed here are the writer's own.", "disclosure"),
    ("Correction: Jan. 9, 2024:", "note"),
    ("Editor's note: An earlier version misstated the pay rise.", "note"),
    ("Questions about the harbour? Email us at desk@coasttimes.example.", "contact"),
    ("REQUIRED READING: Pilots vote on the new rota this week", "related"),
    ("Readers are also reading…", "related_header"),
    ("Hair: Kari Nordmann for Studio Nord", "photo_credit"),
    ("For more information, visit www.coasttimes.example/pilots", "prompt"),
    ("Our journalism needs your support. Please subscribe today.", "paywall"),
    ("[CLIP: Waves breaking on the harbour wall]", "cue"),
])
def test_closing_boilerplate_labels(line, label):
    assert boilerplate_rule(line) == label


@pytest.mark.parametrize("line", [
    "The pilots said they would reply to the port's offer on Monday.",
    "The union's leader said: the rota would change in spring.",
    "Reporters asked the minister about the strike, which she said was over.",
    "The port will watch the weather closely before the first sailing on Friday.",
    "Some shareholders said they did not own enough shares to force a vote.",
])
def test_closing_prose_is_not_boilerplate(line):
    assert boilerplate_rule(line) is None


@pytest.mark.parametrize("line,last", [
    ("Kari Nordmann is a senior reporter for The Coast Times. Email: kari@coasttimes.example.", False),
    ("Ola Hansen writes about shipping and the islands for The Coast Times.", False),
    ("Ola Hansen (he/him) is the Coast Times' first harbour columnist.", False),
    ("• Per Olsen, a former harbour master, is president of the Pilots' Institute.", False),
    ("Per Olsen is the chief operating officer of Nord Shipping.", True),
])
def test_closing_author_bio(line, last):
    assert is_author_bio(line, last=last)


@pytest.mark.parametrize("line", [
    "Nordmann is the third pilot to leave the port this year.",
    "Per Olsen said the contract was fair to both sides.",
    "Per Olsen is the chief operating officer of Nord Shipping.",  # not the last line: part of the story
])
def test_closing_story_sentences_are_not_bios(line):
    assert not is_author_bio(line)


def test_closing_bio_and_what_follows_dropped_at_the_end():
    raw = "\n".join(["Pilots accept deal", *STORY,
                     "Kari Nordmann is a senior reporter for The Coast Times covering the harbour.",
                     "When not reporting, she can be found sailing in the strait."])
    out = clean_text(raw)
    assert STORY[-1] in out.text
    assert "senior reporter" not in out.text and "sailing" not in out.text
    assert ("author_bio", "When not reporting, she can be found sailing in the strait.") in out.dropped


def test_closing_reader_comments_dropped_from_the_box_before_them():
    comments = [
        "Stay in the loop",
        "Join the harbour readers who get the news first. We'll send the morning briefing straight to your inbox.",
        "I think the rota is fine.",
        "Night shifts are hard on older pilots. Reply",
        "harbourfan said:Night shifts are hard.They were always hard. Reply",
    ]
    out = clean_text("\n".join([*STORY, *comments]), given_title="Pilots accept deal", find_title=False)
    assert all(s in out.text for s in STORY)
    assert "rota is fine" not in out.text and "Reply" not in out.text
    assert any(label == "comments" for label, _ in out.dropped)


def test_closing_single_reply_marker_is_not_a_comment_section():
    lines = [*STORY[:2], "He said the vote was close. Reply", *STORY[2:]]
    out = clean_text("\n".join(lines), given_title="Pilots accept deal", find_title=False)
    assert all(s in out.text for s in STORY)


def test_closing_long_leading_list_is_kept():
    items = [f"- {s} It follows months of talks in which both sides traded offers, walked out twice and came "
             f"back under pressure from the shipping lines and the island councils." for s in STORY[:3]]
    out = clean_text("\n".join(["What to know", *items, STORY[3]]), given_title="Pilots accept deal",
                     find_title=False)
    assert STORY[0] in out.text


COOKIE_TEXT = " ".join(["A cookie is a small file that a website asks your browser to store on your device."] * 40)


def test_closing_consent_dialog_removed_from_html():
    story = "".join(f"<p>{s}</p>" for s in STORY)
    page = (f"<html><body><article><h1>Pilots accept deal</h1><h2 id='safety-and-consent'>Safety and consent</h2>"
            f"{story}</article><div class='privacy-modal'><p>{COOKIE_TEXT}</p></div>"
            f"<div id='onetrust-consent-sdk'><p>{COOKIE_TEXT}</p></div></body></html>")
    tree = lxml_html.fromstring(page)
    assert drop_consent_banners(tree) == 2
    text = tree.text_content()
    assert "small file" not in text and "Safety and consent" in text and STORY[0] in text
    body = extract_html(page).body
    assert "cookie" not in body and STORY[0] in body


def test_closing_consent_class_on_the_main_container_is_kept():
    story = "".join(f"<p>{s}</p>" for s in STORY)
    page = f"<html><body><div class='cookie-consent-given'>{story}</div></body></html>"
    tree = lxml_html.fromstring(page)
    assert drop_consent_banners(tree) == 0


@pytest.mark.parametrize("author", ["Coast Times Staff", "Staff reports", "Coast Times Correspondent"])
def test_closing_newsroom_byline_names_no_author(author):
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Pilots accept deal", '
          f'"author": {{"@type": "Person", "name": "{author}"}}}}</script>')
    page = (f"<html><head>{ld}<meta name='author' content='Kari Nordmann'></head><body><h1>Pilots accept deal</h1>"
            + "".join(f"<p>{s}</p>" for s in STORY) + "</body></html>")
    assert page_metadata(lxml_html.fromstring(page), "https://www.coasttimes.example/x").authors == ()


def test_closing_company_blurb_dropped_at_the_end():
    blurb = ("Nord Shipping is a global logistics provider focused on ferries and island freight. The company runs "
             "forty vessels and employs about 1,200 people in five countries from its base in Bergen.")
    out = clean_text("\n".join(["Pilots accept deal", *STORY, blurb, "Nord Shipping is listed in Oslo."]))
    assert STORY[-1] in out.text and "logistics provider" not in out.text and "listed in Oslo" not in out.text
    # A short closing sentence of the same shape is news, not a blurb.
    out = clean_text("\n".join(["Pilots accept deal", *STORY, "Nord Shipping is a ferry company."]))
    assert "ferry company" in out.text


def test_closing_coauthors_from_the_author_meta_tag():
    ld = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Pilots accept deal", '
          '"author": {"@type": "Person", "name": "Kari Nordmann"}}</script>')
    head = ld + "<meta name='author' content='Kari Nordmann,Ola Hansen,Per Olsen'><meta name='author' content='Nord Media'>"
    page = (f"<html><head>{head}</head><body><h1>Pilots accept deal</h1>"
            + "".join(f"<p>{s}</p>" for s in STORY) + "</body></html>")
    authors = page_metadata(lxml_html.fromstring(page), "https://www.coasttimes.example/x").authors
    assert authors == ("Kari Nordmann", "Ola Hansen", "Per Olsen")


def test_closing_posted_on_byline_is_parsed():
    from dateline.clean.dateline import parse_byline

    assert parse_byline("Posted on Dec. 19, 2023 by Kari Nordmann").authors == ("Kari Nordmann",)
    assert parse_byline("Published in the harbour gazette by the council") is None


def test_closing_section_kicker_cut_from_the_title():
    page = ("<html><head><title>Politics | Pilots accept deal after long talks - The Coast Times</title></head>"
            "<body><h1>Politics | Pilots accept deal after long talks</h1>"
            + "".join(f"<p>{s}</p>" for s in STORY) + "</body></html>")
    assert page_metadata(lxml_html.fromstring(page), "https://www.coasttimes.example/x").title == \
        "Pilots accept deal after long talks"
