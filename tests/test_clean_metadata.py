"""Page metadata from HTML: headline, authors and date, from markup written for these tests."""

from __future__ import annotations

import json
from datetime import date

from lxml import html as lxml_html

from dateline.clean.html import extract_html, page_lines
from dateline.clean.metadata import clean_author, page_metadata, strip_site_name

PARAS = "".join(
    f"<p>Paragraph {i} of the story says that the harbour pilots accepted the contract after long talks "
    f"with the port authority, which had warned of delays to winter deliveries.</p>" for i in range(6))


def make_page(head: str = "", header: str = "", extra: str = "") -> str:
    return (f"<html><head>{head}</head><body><nav><a href='/'>Home</a><a href='/world'>World</a></nav>"
            f"<article>{header}{PARAS}</article>{extra}<footer>About us</footer></body></html>")


def meta(page: str, url: str = "https://www.coasttimes.example/news/pilots"):
    return page_metadata(lxml_html.fromstring(page), url)


def test_metadata_title_prefers_the_visible_headline():
    page = make_page(head="<title>Pilots vote yes | Business | The Coast Times</title>"
                          "<meta property='og:title' content='Pilots vote yes to new deal - The Coast Times'>",
                     header="<h1>Pilots vote yes to new deal</h1>")
    assert meta(page).title == "Pilots vote yes to new deal"


def test_metadata_title_without_h1_drops_site_name():
    page = make_page(head="<title>Pilots vote yes to new deal - The Coast Times</title>"
                          "<meta property='og:site_name' content='The Coast Times'>")
    assert meta(page).title == "Pilots vote yes to new deal"


def test_metadata_strip_site_name_keeps_colons_in_headlines():
    sites = {"the coast times"}
    assert strip_site_name("Port strike: what happens next | The Coast Times", sites) == "Port strike: what happens next"
    assert strip_site_name("Port strike: what happens next", sites) == "Port strike: what happens next"


def test_metadata_authors_from_json_ld():
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"headline": "Pilots vote yes", "datePublished": "2024-01-09T08:30:00+01:00", '
          '"author": [{"@type": "Person", "name": "Kari A. Nordmann"}, {"@type": "Person", "name": "Ola Hansen, Coast Wire"}]}'
          '</script>')
    m = meta(make_page(head=ld, header="<h1>Pilots vote yes</h1>"))
    assert m.authors == ("Kari A. Nordmann", "Ola Hansen")
    assert m.published == date(2024, 1, 9)


def test_metadata_authors_from_byline_near_headline():
    page = make_page(header="<h1>Pilots vote yes</h1><p class='meta'>By <a href='/authors/kari-nordmann'>Kari Nordmann"
                            "</a> and <a href='/authors/ola-hansen'>Ola Hansen</a></p>")
    assert meta(page).authors == ("Kari Nordmann", "Ola Hansen")


def test_metadata_author_cleaning():
    sites = {"coasttimes"}
    assert clean_author("By Kari Nordmann", sites) == "Kari Nordmann"
    assert clean_author("https://www.coasttimes.example/by/kari", sites) is None
    assert clean_author("Published on", sites) is None
    assert clean_author("Kari Nordmann | Sponsored", sites) == "Kari Nordmann"
    assert clean_author("Kari Nordmann The Associated Press", sites) == "Kari Nordmann"
    assert clean_author("The Associated Press", sites) == "The Associated Press"


def test_metadata_extract_html_end_to_end():
    page = make_page(head="<meta property='article:published_time' content='2024-01-09T08:30:00Z'>"
                          "<meta name='author' content='Kari Nordmann'>",
                     header="<h1>Pilots vote yes to new deal</h1>")
    parts = extract_html(page, url="https://www.coasttimes.example/news/pilots")
    assert parts.title == "Pilots vote yes to new deal"
    assert parts.authors == ("Kari Nordmann",)
    assert parts.published == date(2024, 1, 9)
    assert "Paragraph 0 of the story" in parts.body and "About us" not in parts.body


def test_metadata_page_lines_put_blocks_on_lines():
    tree = lxml_html.fromstring("<html><body><div>One <b>bold</b> line</div><p>Two</p><script>x=1</script></body></html>")
    assert page_lines(tree) == ["One bold line", "Two"]


def test_metadata_visible_date_with_the_headline():
    page = make_page(head="<meta property='article:published_time' content='2024-01-10T03:00:00Z'>",
                     header="<h1>Pilots vote yes</h1><p>Updated Jan. 9, 2024 10:00 pm EST</p>")
    m = meta(page)
    assert m.visible_date == date(2024, 1, 9)
    assert m.published == date(2024, 1, 10)
    assert extract_html(page).published == date(2024, 1, 9)


def test_metadata_time_element_text_before_its_attribute():
    page = make_page(header="<h1>Pilots vote yes</h1><time datetime='2019-05-01'>01/15/2024</time>")
    assert meta(page).visible_date == date(2024, 1, 15)


def test_metadata_date_in_needs_a_date_line():
    from dateline.clean.metadata import date_in

    assert date_in("Published 9 January 2024, 10:15") == date(2024, 1, 9)
    assert date_in("2024-01-09T22:00:00-05:00") == date(2024, 1, 9)
    assert date_in("The pilots first asked for a raise in a letter sent on January 9, 2024 to the board") is None
    assert date_in("03/04/2024") is None  # day and month cannot be told apart


def test_metadata_json_ld_article_body_when_more_complete():
    body = " ".join(f"Sentence {i} of the publisher's own copy of the story about the harbour." for i in range(40))
    ld = '<script type="application/ld+json">' + json.dumps({"@type": "NewsArticle", "headline": "Pilots",
                                                             "articleBody": body}) + "</script>"
    page = f"<html><head>{ld}</head><body><h1>Pilots</h1><p>Only a teaser paragraph is in the markup.</p></body></html>"
    assert "Sentence 39" in extract_html(page).body
