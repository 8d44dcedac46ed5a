"""Quotation marks: pairing, apostrophes, unbalanced marks. Texts written for these tests."""

from __future__ import annotations

from hypothesis import given, strategies as st

from dateline.extract.quote_marks import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start:q.end] for q in find_quotes(text)]


def test_quote_marks_curly_straight_and_guillemets():
    text = '“The bridge opens in May,” she said. He replied: "Not before June." «Jamais», wrote the mayor.'
    assert quoted(text) == ["“The bridge opens in May,”", '"Not before June."', "«Jamais»"]


def test_quote_marks_apostrophes_are_not_quotes():
    text = "The council's plan isn't final, and the '90s figures don't count."
    assert quoted(text) == []


def test_quote_marks_single_quotes_outside_double_ones():
    text = "The headline read 'Ferries return to the fjord' on Monday."
    assert quoted(text) == ["'Ferries return to the fjord'"]


def test_quote_marks_unclosed_quote_stops_at_paragraph_end():
    text = "“We will rebuild the pier and the market.\n\n“Then we will reopen the school,” he said.\n\nNo quote here at all."
    marks = find_quotes(text)
    assert marks[0].open_end and text[marks[0].start:marks[0].end] == "“We will rebuild the pier and the market."
    assert text[marks[1].start:marks[1].end] == "“Then we will reopen the school,”"
    assert all("No quote" not in text[q.start:q.end] for q in marks)


def test_quote_marks_stray_closer_is_ignored():
    assert quoted("The vote ” was close, officials said.") == []


@given(st.text(alphabet="ab \n\"“”'‘’«»,.", max_size=200))
def test_quote_marks_never_cross_paragraphs_or_crash(text):
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text)
        assert "\n" not in text[q.start:q.end]


def test_quote_marks_two_apostrophes_stand_for_a_double_quote():
    text = "He said, ''It is nonsense,'' and left. Voters' views and 'one word' stay apart."
    marks = find_quotes(text)
    assert [text[q.start:q.end] for q in marks] == ["''It is nonsense,''", "'one word'"]
    assert marks[0].wide and text[slice(*marks[0].inner(text))] == "It is nonsense,"
