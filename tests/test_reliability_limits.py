"""Limits and the pieces behind the matrix: sentence capping before the parser, decoding of
wide and mixed encodings, storable strings, stage cost as articles grow, and documented limits."""

from __future__ import annotations

import dataclasses
import random
import re
import time
from pathlib import Path

import pytest

from dateline.clean import clean_document
from dateline.config import Settings
from dateline.ingest.decode import Undecodable, decode_bytes
from dateline.ingest.storable import storable, storable_text
from dateline.nlp import mark_sentence_starts
from dateline.records import Document, Extraction, Rejected

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def pipeline():
    from dateline.pipeline import Pipeline

    return Pipeline()


# -- sentence starts before the parser -----------------------------------------------------

def test_reliability_limits_long_run_is_cut_at_max_token_run(pipeline):
    words = " ".join(["ferries", "and", "barges", "crossed", "the", "fjord", "while", "rain", "fell"] * 400)
    text = "Officials said " + words + "."
    doc = pipeline.nlp.make_doc(text)
    mark_sentence_starts(doc, 500)
    starts = [t.i for t in doc if t.is_sent_start]
    gaps = [b - a for a, b in zip([0] + starts, starts + [len(doc)])]
    assert max(gaps) <= 501 and len(starts) >= len(doc) // 501
    assert doc.text == text  # only sentence starts are set; the text is untouched
    # the cut prefers a soft break ("and") near the end of the run
    assert sum(doc[i - 1].text == "and" for i in starts) >= len(starts) // 2


def test_reliability_limits_parser_keeps_the_cap(pipeline):
    """The parser keeps the starts we set (without them it makes this one 3,000-token sentence)."""
    text = "Officials said " + " ".join(["harbour"] * 3_000) + "."
    doc = mark_sentence_starts(pipeline.nlp.make_doc(text), 400)
    doc = pipeline.nlp(doc)
    assert max(len(s) for s in doc.sents) <= 401
    assert doc.text == text


def test_reliability_limits_blank_line_and_title_start_sentences(pipeline):
    raw = "Police detain protesters in Lagos\nVladimir Putin praised police in Lagos on Friday.\n\n" \
          "officials in Abuja met on Monday"
    ex = pipeline.extract_one(Document(id="t", raw=raw))
    art = ex.article
    assert art.title == "Police detain protesters in Lagos"
    doc = pipeline.nlp.pipe([pipeline._tokenize(art)]).__next__()
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Police detain protesters in Lagos"
    assert "officials in Abuja met on Monday" in sents
    for span in (e.evidence for e in ex.events):
        assert not (span.start < art.title_span.end < span.end), span


# -- decoding ------------------------------------------------------------------------------------

TEXT = "Ministers in Kyiv met on Monday to discuss the grain corridor and the ferry schedule."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_reliability_limits_wide_and_bom_encodings_decode(encoding):
    text, used = decode_bytes(TEXT.encode(encoding))
    assert text == TEXT and used


def test_reliability_limits_mixed_utf8_and_cp1252_keeps_both():
    data = "Café owners in Lisbon protested. ".encode() + "Naïve officials in Porto answered “later”.".encode("cp1252")
    text, used = decode_bytes(data)
    assert text == "Café owners in Lisbon protested. Naïve officials in Porto answered “later”." and used == "utf-8+cp1252"


@pytest.mark.parametrize("encoding,text", [
    ("cp1251", "Министры встретились в понедельник, чтобы обсудить зерновой коридор и расписание паромов."),
    ("shift_jis", "東京都の担当者は月曜日、新しい規則について記者会見を開いた。規則は来月から施行される予定である。"),
    ("gb18030", "部长们周一在基辅会面，讨论粮食走廊和渡轮时刻表，并同意下个月再次会面。"),
    ("cp1252", "Café owners in São Paulo protested on Monday against the “new” rules on terraces."),
])
def test_reliability_limits_legacy_charsets_detected(encoding, text):
    assert decode_bytes(text.encode(encoding))[0] == text


def test_reliability_limits_binary_is_still_binary():
    for data in (bytes(range(256)) * 30, b"\x89PNG\r\n\x1a\n" + bytes(500), random.Random(3).randbytes(4000)):
        with pytest.raises(Undecodable):
            decode_bytes(data)


def test_reliability_limits_storable_keeps_length():
    bad = "a\x00b\ud800c\udfffd"
    assert storable_text(bad) == "a b\ufffdc\ufffdd" and len(storable_text(bad)) == len(bad)
    doc = storable(Document(id="\ud800", raw=bad, title="t\x00", url="http://x/\udc00"))
    for value in (doc.id, doc.raw, doc.title, doc.url):
        value.encode("utf-8")
    ok = Document(id="x", raw="fine")
    assert storable(ok) is ok
    assert storable(Rejected("\ud800", "s", "bad_json")).doc_id == "\ufffd"


def test_reliability_limits_pipeline_survives_surrogates(pipeline):
    ex = pipeline.extract_one(Document(id="s\ud800", raw="Police in Oslo \ud800 detained two men on Monday, officials said.",
                                       title="Arrests \udc00 in Oslo"))
    assert not isinstance(ex, Rejected), ex
    assert "\ufffd" in ex.article.text and ex.article.doc_id == "s\ufffd"


# -- limits are settings, documented -----------------------------------------------------------

LIMITS = [f.name for f in dataclasses.fields(Settings) if f.name.startswith("max_")]


@pytest.mark.parametrize("name", LIMITS)
def test_reliability_limits_documented(name):
    default = getattr(Settings(), name)
    for doc in ("settings.md", "reliability.md"):
        table = (DOCS / doc).read_text()
        row = re.search(rf"^\|\s*`{name}`\s*\|\s*([^|]+)\|", table, re.M)
        assert row, f"{name} missing from docs/{doc}"
        assert int(row.group(1).replace(",", "").strip()) == default, f"docs/{doc} shows a stale default for {name}"


def test_reliability_limits_text_limit_rejects_not_crashes():
    settings = Settings(max_text_chars=2_000)
    raw = "Long report\n\n" + "Officials in Oslo met on Monday. " * 200
    out = clean_document(Document(id="l", raw=raw), settings)
    assert isinstance(out, Rejected) and out.reason == "too_large" and "2,000" in out.detail


# -- stage cost grows linearly with the article ------------------------------------------------

SENTENCES = ["Norwegian officials met Danish ministers in Oslo on Monday.",
             "Police detained protesters in Lagos, witnesses said.",
             "The Russian president criticised Western governments over sanctions.",
             "\"We will not accept this,\" the minister told reporters in Kyiv.",
             "Kenyan troops attacked rebel positions near the border on Friday."]


def _article(paragraphs: int):
    rng = random.Random(paragraphs)
    raw = "Weekly report\n\n" + "\n\n".join(" ".join(rng.choice(SENTENCES) for _ in range(4))
                                              for _ in range(paragraphs))
    return clean_document(Document(id=f"n{paragraphs}", raw=raw), Settings())


def _stage_seconds(pipeline, article) -> dict[str, float]:
    doc = next(pipeline.nlp.pipe([pipeline._tokenize(article)]))
    ex = Extraction(article=article)
    out = {}
    for stage in pipeline.stages:
        t = time.process_time()  # CPU time: other processes on a shared machine do not count
        value = stage(ex, doc)
        out[stage.name.split(".")[0]] = time.process_time() - t
        ex = dataclasses.replace(ex, **{stage.writes: value})
    return out


@pytest.fixture(scope="module")
def stage_costs(pipeline):
    small, big = _article(20), _article(80)  # ~750 and ~3,000 tokens
    _stage_seconds(pipeline, small)  # warm caches

    def best_of_three(article):
        runs = [_stage_seconds(pipeline, article) for _ in range(3)]
        return {name: min(r[name] for r in runs) for name in runs[0]}

    return best_of_three(small), best_of_three(big)


_QUADRATIC = {
    "quotes": "the quotes stage grows faster than linearly with article length (~0.09 s at 1,900 tokens, "
              "~1.2 s at 7,600); quotes helper's file",
}


@pytest.mark.parametrize("stage", [pytest.param(s, marks=pytest.mark.xfail(reason=_QUADRATIC[s], strict=False))
                                   if s in _QUADRATIC else s
                                   for s in ("entities", "places", "times", "quotes", "events")])
def test_reliability_limits_stage_cost_is_linear(stage_costs, stage):
    small, big = stage_costs
    # 4x the text: linear work takes ~4x; allow noise, and ignore stages too fast to time
    assert big[stage] <= max(7 * small[stage], 0.25), (stage, small[stage], big[stage])


def test_reliability_limits_event_spans_have_no_edge_whitespace(pipeline):
    raw = "Putin visits Beijing\n\nThe Russian president Jon Berg met officials in Oslo on Monday."
    ex = pipeline.extract_one(Document(id="w", raw=raw))
    spans = [e.evidence for e in ex.events] + [a.span for e in ex.events for a in e.source + e.target if a.span]
    assert spans
    assert all(s.text == s.text.strip() for s in spans), [s.text for s in spans]


def test_reliability_limits_long_article_parsed_in_pieces_same_text():
    from dateline.pipeline import Pipeline

    rng = random.Random(5)
    raw = "Weekly report\n\n" + "\n\n".join(" ".join(rng.choice(SENTENCES) for _ in range(4)) for _ in range(25))
    whole = Pipeline(Settings()).extract_one(Document(id="a", raw=raw))
    pieces = Pipeline(Settings(max_parse_tokens=200)).extract_one(Document(id="a", raw=raw))
    assert pieces.article == whole.article and pieces.stages == whole.stages
    text = pieces.article.text
    from test_reliability_properties import all_spans, assert_span_valid

    spans = all_spans(pieces)
    assert len(spans) > 50
    for span in spans:
        assert_span_valid(text, span)
    # the pieces only lose the parser's context at a few cuts
    for field in ("entities", "places", "times", "quotes", "events"):
        a, b = getattr(whole, field), getattr(pieces, field)
        assert abs(len(a) - len(b)) <= max(2, len(a) // 10), field
