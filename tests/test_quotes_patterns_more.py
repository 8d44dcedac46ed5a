"""Non-verb attribution patterns: according to, nouns, light verbs, adjectives, quotation
clauses and colon lead-ins, on sentences written for these tests."""

from __future__ import annotations

from test_quotes_rules import one, quotes_of


def test_quotes_pronoun_owned_object_noun_speaks_for_the_subject():
    q = one("Mayor Ana Lund stepped up her attacks on the ferry company.", "attacks-noun")
    assert q.speaker.text == "Mayor Ana Lund" and q.content[0].text == "the ferry company"


def test_quotes_light_verb_addressee_is_not_the_content():
    q = one("The campaign is making an urgent case to the voters that the toll must go.", "make-case-light")
    assert q.content[0].text == "that the toll must go"
    q = one("The mayor made it clear to the council on Monday that the pier will stay closed.", "make-clear-light")
    assert q.content[0].text == "that the pier will stay closed"


def test_quotes_according_to_takes_the_whole_quotation():
    text = ("According to the harbour office, “The pier is closed. Ferries will dock in the north bay. "
            "Repairs start in May.”")
    q = one(text, "according-to")
    assert q.content[0].text.endswith("Repairs start in May.”")


def test_quotes_according_to_after_a_speech_tag_takes_the_quotation():
    text = "“The pier is closed. We will not sell the harbour,” the mayor said, according to a transcript."
    q = one(text, "according-to")
    assert q.content[0].text.startswith("“The pier is closed.")


def test_quotes_according_to_source_with_its_own_clause():
    text = ("The ministry is reviewing the ferry contract, according to two officials who spoke to "
            "the Gazette but were not allowed to speak publicly.")
    q = one(text, "according-to")
    assert q.content[0].text == "The ministry is reviewing the ferry contract"
    assert q.speaker.text.startswith("two officials who spoke to the Gazette")


def test_quotes_scare_quote_inside_a_sentence_is_not_a_quotation_clause():
    found = quotes_of("Through this “night vision” I began to see the harbour differently.")
    assert not any(q.rule.endswith("-after-quote") for q in found)


def test_quotes_quick_to_point_out_reports_through_the_verb():
    q = one("Advisers to the mayor were quick to point out that the pier opened on time.", "point-")
    assert q.content[0].text == "that the pier opened on time"
    assert not any(q.rule.endswith("quick-adj") for q in quotes_of(
        "Advisers to the mayor were quick to point out that the pier opened on time."))


def test_quotes_noun_content_keeps_a_phrase_hung_on_the_noun():
    q = one("Lund has been firm in her criticism of Berg's vote in favor of the toll.", "criticism-noun")
    assert q.content[0].text == "Berg's vote in favor of the toll"


def test_quotes_colon_lead_in_starts_a_new_report():
    text = ("“The toll will stay,” the mayor said on Monday.\n\n"
            "Councillor Ana Berg went even further on the radio the next day:\n\n"
            "“The toll has to go, and it will go before the summer.”")
    found = quotes_of(text)
    lead = [q for q in found if q.rule.endswith("colon-lead")]
    assert lead and lead[0].speaker.text == "Councillor Ana Berg"
    assert lead[0].content[0].text.startswith("“The toll has to go")
