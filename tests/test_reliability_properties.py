"""Property-based tests (hypothesis) over the readers, the cleaner and the extractors.

Properties:
- no exception escapes a reader, the cleaner or an extract stage, whatever the input;
- every span satisfies 0 <= start < end <= len(text) and text[start:end] == span.text;
- spans map back to the original input through `Article.offsets` and the input slice
  equals the span text;
- cleaning a clean article changes nothing: the text cleaning kept, fed back in, is kept
  whole (same body, same title, nothing more dropped).

Examples are derandomized so CI is repeatable; set DATELINE_FUZZ_SCALE=10 (or more) for
a longer exploratory run with fresh random examples.
"""

from __future__ import annotations

import dataclasses
import io
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dateline.clean import clean_document
from dateline.clean.text import SEPARATOR
from dateline.config import Settings
from dateline.ingest import document_from_bytes
from dateline.ingest.decode import Undecodable, decode_bytes
from dateline.ingest.jsonl import parse_line, read_jsonl
from dateline.records import Article, Document, Extraction, Rejected, Span

SCALE = int(os.environ.get("DATELINE_FUZZ_SCALE", "1"))


def _settings(n: int) -> settings:
    return settings(max_examples=n * SCALE, deadline=None, derandomize=SCALE == 1, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


# -- strategies: news-shaped text with hostile pieces mixed in ---------------------------

NAMES = ["Jon Berg", "Vladimir Putin", "Putin", "Xi Jinping", "Nabila Massrali", "Ada Okafor", "Lee", "O'Neill"]
TITLES = ["President", "Minister", "spokeswoman", "Prime Minister", "the Russian president", ""]
PLACES = ["Oslo", "Moscow", "Beijing", "Kyiv", "Xinjiang", "Lagos", "São Paulo", "Tel Aviv", "New York"]
GROUPS = ["police", "the government", "protesters", "Western officials", "the European Union", "NATO", "China"]
VERBS = ["met", "visited", "criticised", "accused", "detained", "protested against", "boycotted", "praised",
         "said", "warned", "signed a deal with", "attacked", "denied"]
WHEN = ["on Monday", "on Friday", "last week", "Feb. 3", "on 4 February 2022", "yesterday", "next month", "in 2021"]
ODD = ["🎉", "👩\u200d👩\u200d👧", "\u202bمبروك\u202c", "\u200f", "\x07", "\x1b[1m", "\ufffd", "\t", "\u00a0",
       "—", "«", "»", "“", "”", "'", '"', "\u2028", "\r", "…", "ß", "İ", "ﬁ"]
BOILER = ["Subscribe Now", "Advertisement", "Share this article", "Sign up for our newsletter",
          "Already a subscriber? Log in", "Photo: Reuters", "Read more:", "Related"]
DATELINES = ["MOSCOW —", "OSLO (Reuters) -", "BUFFALO, N.Y. (AP) —", "KYIV:", "LAGOS, Feb 3 (Reuters) -"]


@st.composite
def sentences(draw) -> str:
    who = draw(st.sampled_from(TITLES)) + " " + draw(st.sampled_from(NAMES))
    obj = draw(st.sampled_from(NAMES + GROUPS + PLACES))
    s = f"{who.strip()} {draw(st.sampled_from(VERBS))} {obj} in {draw(st.sampled_from(PLACES))} " \
        f"{draw(st.sampled_from(WHEN))}."
    kind = draw(st.integers(0, 5))
    if kind == 1:
        s = f"\"{s[:-1]},\" {draw(st.sampled_from(NAMES))} said."
    elif kind == 2:
        s = f"{draw(st.sampled_from(GROUPS)).capitalize()} said {s[0].lower()}{s[1:]}"
    elif kind == 3:
        s = s[:-1] + " " + draw(st.text(max_size=6)) + "."
    elif kind == 4:
        s = draw(st.sampled_from(ODD)).join(s.split(" ", 2)) if " " in s else s
    return s


@st.composite
def news_lines(draw) -> str:
    choice = draw(st.integers(0, 9))
    if choice == 0:
        return draw(st.sampled_from(BOILER))
    if choice == 1:
        return draw(st.sampled_from(DATELINES)) + " " + draw(sentences())
    if choice == 2:
        return draw(st.text(max_size=40))
    if choice == 3:
        return ""
    return " ".join(draw(st.lists(sentences(), min_size=1, max_size=4)))


@st.composite
def news_texts(draw) -> str:
    lines = draw(st.lists(news_lines(), min_size=0, max_size=12))
    if draw(st.booleans()):
        lines.insert(0, draw(st.sampled_from(["Putin visits Beijing", "Talks end with a deal",
                                               "Police detain protesters in Lagos", "Breaking: ferry sinks"])))
    sep = draw(st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
    return sep.join(lines)


@st.composite
def html_pages(draw) -> str:
    body = draw(news_texts())
    paras = "".join(f"<p>{draw(st.sampled_from(['', '<b>', '<i>']))}{line}</p>" for line in body.split("\n"))
    junk = draw(st.sampled_from(["", "<div>", "</span>", "<!--", "<script>var x=1;</script>", "<p", "&amp;&#0;&#xD800;"]))
    depth = draw(st.integers(0, 30))
    return f"<html><head><title>{draw(st.text(max_size=20))}</title></head><body>{'<div>' * depth}" \
           f"<article>{paras}{junk}</article>{'</div>' * depth}</body></html>"


# -- helpers ---------------------------------------------------------------------------

def all_spans(value) -> list[Span]:
    """Every Span anywhere inside an Extraction (or a record, tuple, ...)."""
    out: list[Span] = []
    if isinstance(value, Span):
        out.append(value)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            if f.name != "article":
                out += all_spans(getattr(value, f.name))
    elif isinstance(value, (tuple, list)):
        for v in value:
            out += all_spans(v)
    return out


def assert_span_valid(text: str, span: Span) -> None:
    assert 0 <= span.start < span.end <= len(text), span
    assert text[span.start:span.end] == span.text, span


def assert_maps_to_input(article: Article, raw: str, span: Span) -> None:
    """Every part of the span inside a kept piece is that piece's input, character for character;
    what lies between pieces is exactly the separator cleaning inserted."""
    pieces = article.offsets.pieces
    covered = span.start
    for ts, is_, ln in pieces:
        lo, hi = max(span.start, ts), min(span.end, ts + ln)
        if lo >= hi:
            continue
        if lo > covered:
            assert article.text[covered:lo] == SEPARATOR, (span, pieces)
        assert raw[is_ + lo - ts: is_ + hi - ts] == article.text[lo:hi]
        covered = hi
    if covered < span.end:  # a span may end inside the separator after its last piece
        assert SEPARATOR.startswith(article.text[covered:span.end]), (span, pieces)
    if any(ts <= span.start and span.end <= ts + ln for ts, _, ln in pieces):
        mapped = article.offsets.span_to_input(span.start, span.end)
        assert mapped is not None
        assert raw[mapped[0]:mapped[1]] == span.text


def article_spans(article: Article) -> list[Span]:
    return [s for s in (article.title_span, article.dateline_span) if s is not None]


# -- readers ---------------------------------------------------------------------------

@_settings(300)
@given(st.binary(max_size=2000), st.booleans())
def test_reliability_decode_bytes_raises_only_undecodable(data, html):
    try:
        text, encoding = decode_bytes(data, html=html)
    except Undecodable as exc:
        assert exc.reason == "binary"
        return
    assert isinstance(text, str) and encoding
    assert "\x00" not in text
    text.encode("utf-8")  # no lone surrogates


@_settings(200)
@given(st.one_of(st.binary(max_size=500), news_texts().map(lambda t: t.encode("utf-8")),
                 news_texts().map(lambda t: t.encode("utf-16")),
                 news_texts().map(lambda t: t.encode("cp1252", errors="ignore"))),
       st.sampled_from(["txt", "html"]))
def test_reliability_document_from_bytes_never_raises(data, fmt):
    item = document_from_bytes(data, "fuzz." + fmt, fmt)
    assert isinstance(item, (Document, Rejected))
    if isinstance(item, Rejected):
        assert item.reason in {"empty", "binary"} and item.detail
    else:
        assert item.raw.strip()


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
                           lambda kids: st.lists(kids, max_size=3) | st.dictionaries(st.text(max_size=8), kids,
                                                                                     max_size=3), max_leaves=8)


@st.composite
def jsonl_objects(draw) -> bytes:
    import json

    obj = draw(st.dictionaries(st.sampled_from(["id", "text", "html", "published", "url", "title", "x"]),
                               JSON_VALUES | news_texts(), max_size=6))
    line = json.dumps(obj, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):  # hostile escapes, truncation, raw bytes
        line = line.replace("a", draw(st.sampled_from(["\\ud800", "\\u0000", "a", "\\udfff\\ud800"])))
    data = line.encode("utf-8", errors="surrogatepass")
    cut = draw(st.integers(0, len(data)))
    return data[:cut] if draw(st.integers(0, 4)) == 0 else data


@_settings(200)
@given(st.one_of(jsonl_objects(), st.binary(max_size=300)))
def test_reliability_jsonl_line_never_raises(line):
    item = parse_line(line, "fuzz.jsonl:1")
    assert isinstance(item, (Document, Rejected))
    if isinstance(item, Document):
        for value in (item.id, item.raw, item.title or "", item.url or ""):
            value.encode("utf-8")  # storable: no lone surrogates
            assert "\x00" not in value


@_settings(60)
@given(st.lists(st.one_of(jsonl_objects(), st.binary(max_size=200)), max_size=8), st.integers(5, 400))
def test_reliability_jsonl_stream_accounts_for_every_line(lines, limit):
    data = b"\n".join(lines)
    items = list(read_jsonl(io.BytesIO(data), "fuzz.jsonl", limit))
    parts = data.split(b"\n")
    lines = [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])
    # One item per line: a line longer than the limit is rejected once (however long it is),
    # a blank line gives nothing, any other line a Document or a Rejected.
    too_long = [len(ln) > limit and not ln[:limit + 1].endswith(b"\n") for ln in lines]
    expected = sum(1 for ln, long_ in zip(lines, too_long) if long_ or ln.strip())
    assert len(items) == expected
    assert sum(isinstance(i, Rejected) and i.reason == "too_large" for i in items) == sum(too_long)
    assert all(isinstance(i, (Document, Rejected)) for i in items)


# -- cleaner ---------------------------------------------------------------------------

SETTINGS = Settings()


@_settings(250)
@given(news_texts(), st.one_of(st.none(), st.sampled_from(["Putin visits Beijing", "Talks end"])))
def test_reliability_clean_text_spans_and_offsets(raw, given_title):
    doc = Document(id="p", raw=raw, kind="text", source="fuzz", title=given_title)
    art = clean_document(doc, SETTINGS)
    if isinstance(art, Rejected):
        assert art.reason in {"empty", "no_body"}
        return
    assert art.body.strip()
    for span in article_spans(art):
        assert_span_valid(art.text, span)
        if span is not art.title_span or given_title is None:
            assert_maps_to_input(art, raw, span)
    # every character of the text is either input (through the pieces) or a separator
    assert_maps_to_input(art, raw, Span.of(art.text, 0, len(art.text)))
    for ts, is_, ln in art.offsets.pieces:
        assert ln > 0 and raw[is_:is_ + ln] == art.text[ts:ts + ln]


@_settings(150)
@given(news_texts())
def test_reliability_clean_is_idempotent(raw):
    """Cleaning the text cleaning kept gives back the same text, title and body."""
    first = clean_document(Document(id="p", raw=raw, source="fuzz"), SETTINGS)
    if isinstance(first, Rejected):
        return
    second = clean_document(Document(id="p", raw=first.text, source="fuzz"), SETTINGS)
    assert isinstance(second, Article), second
    assert second.text == first.text
    assert second.body == first.body
    assert second.title == first.title
    assert second.dateline == first.dateline
    assert second.dropped == ()


@_settings(60)
@given(html_pages())
def test_reliability_clean_html_never_raises(html):
    doc = Document(id="h", raw=html, kind="html", source="fuzz.html")
    art = clean_document(doc, SETTINGS)
    if isinstance(art, Rejected):
        assert art.reason in {"empty", "no_body", "malformed_html"} and art.detail
        return
    for span in article_spans(art):
        assert_span_valid(art.text, span)
    # HTML offsets point into the output body: text[body_start:] maps to 0..len(body)
    assert art.offsets.span_to_input(art.body_start, len(art.text)) == (0, len(art.body))


# -- extractors ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def stages_and_nlp():
    from dateline.pipeline import Pipeline

    p = Pipeline()
    return p.stages, p.nlp


@_settings(50)
@given(news_texts())
def test_reliability_extract_stages_spans_valid_and_map_to_input(stages_and_nlp, raw):
    stages, nlp = stages_and_nlp
    art = clean_document(Document(id="e", raw=raw, source="fuzz", published=None), SETTINGS)
    if isinstance(art, Rejected):
        return
    doc = nlp(art.text)
    ex = Extraction(article=art)
    for stage in stages:  # called directly: an exception here fails the test
        ex = dataclasses.replace(ex, **{stage.writes: stage(ex, doc)})
    for span in all_spans(ex):
        assert_span_valid(art.text, span)
        assert_maps_to_input(art, raw, span)
