"""Full-page text: the article is found among menus, teasers, footers and comments."""

from __future__ import annotations

from dateline.clean.page import headline_case, line_size, looks_like_full_page, main_region
from dateline.clean.text import clean_text

MENU = ["Home", "World", "Business", "Sport", "Weather", "Sign in", "Search", "Video", "Podcasts", "Live"]
ARTICLE = [
    "Harbour pilots in the northern port voted on Tuesday to accept a new contract after months of talks with the authority.",
    "The agreement raises night-shift pay and adds a second pilot on the largest vessels, the union said in a statement.",
    "Shipping companies had warned that a strike would delay winter deliveries of fuel and food to the islands.",
    "A spokeswoman for the port authority said the deal would be signed next week once the board had reviewed it.",
]
FOOTER = ["About Us", "Contact", "Privacy Policy", "Terms of Use", "Careers", "Advertise with us"]
COMMENTS = [
    "12 Comments",
    "Readers have long argued that the pilots were underpaid compared with their colleagues in other northern ports and this is overdue.",
    "I hope the islands get their deliveries on time this winter because last year the shelves were empty for weeks on end here.",
]


def page(*parts: list[str]) -> str:
    return "\n".join(line for part in parts for line in part)


def test_page_detects_whole_page_text():
    assert looks_like_full_page((MENU + ARTICLE + FOOTER))
    assert not looks_like_full_page(ARTICLE)


def test_page_region_is_the_article():
    lines = MENU + ARTICLE + FOOTER
    start, end = main_region(lines)
    assert lines[start:end] == ARTICLE


def test_page_comments_close_the_article():
    lines = MENU + ARTICLE + COMMENTS + FOOTER
    start, end = main_region(lines)
    assert lines[start:end] == ARTICLE


def test_page_teasers_in_title_case_lose_to_prose():
    teasers = [
        "Storm Knocks Out Power Across The Coast As Crews Work Overnight residents were told to expect outages until the weekend.",
        "City Council Approves New Budget After Long Debate On Parks the vote followed a five-hour meeting that ran past midnight.",
        "Local Bakery Wins National Award For Its Rye Bread Recipe the owners said they would keep prices where they are now.",
    ]
    lines = MENU + teasers + MENU[:3] + ARTICLE + FOOTER
    start, end = main_region(lines)
    assert lines[start:end] == ARTICLE
    assert headline_case(teasers[0])
    assert not headline_case(ARTICLE[0])
    assert not headline_case("U.S. President Joe Biden Met Chinese President Xi Jinping in San Francisco on Wednesday.")


def test_page_cjk_lines_are_measured_by_characters():
    assert line_size("港の水先案内人は火曜日、当局との数か月にわたる交渉の末、新しい契約を受け入れることを決めた。") > 15
    assert line_size("ホーム") < 5


def test_page_clean_text_keeps_only_the_article_and_maps_offsets():
    raw = page(["Harbour pilots accept new contract - The Coast Times"], MENU, ARTICLE, FOOTER)
    out = clean_text(raw)
    assert out.title == "Harbour pilots accept new contract - The Coast Times"
    body = out.text[out.body_start:]
    assert body.startswith(ARTICLE[0]) and body.endswith(ARTICLE[-1])
    assert "Privacy Policy" not in body and "Podcasts" not in body
    for text_start, input_start, length in out.pieces:  # every kept character is the input's own
        assert out.text[text_start:text_start + length] == raw[input_start:input_start + length]


def test_page_plain_article_is_not_cut():
    raw = "\n\n".join(["Pilots accept contract"] + ARTICLE + ["Short closing line."])
    out = clean_text(raw)
    assert out.text[out.body_start:].endswith("Short closing line.")


def test_page_full_page_can_be_switched_off():
    raw = page(ARTICLE[:2], MENU, ARTICLE[2:], FOOTER)
    out = clean_text(raw, given_title=None, find_title=False, full_page=False)
    assert "Weather" in out.text  # kept: only stubs at the very end go
    assert "Careers" not in out.text


def test_page_inline_box_does_not_split_the_article():
    second_half = [
        "Union members said the vote was the largest turnout in the history of the pilots' association, with almost every member taking part.",
        "The authority said it would publish the full text of the agreement on its website once both sides had signed the final document.",
        "Ferry operators welcomed the news and said they expected timetables to return to normal by the end of the month across the region.",
        "Island councils, which had prepared emergency stocks of fuel in case of a strike, said they would now release them back to local suppliers.",
    ]
    box = ["Related Stories", "Harbour fees rise again", "New bridge opens"]
    out = clean_text(page(MENU, ARTICLE, box, second_half, FOOTER))
    body = out.text[out.body_start:]
    assert body.startswith(ARTICLE[0]) and body.endswith(second_half[-1])
    assert "Harbour fees" not in body and "Related Stories" not in body
