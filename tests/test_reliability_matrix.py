"""The bad-input matrix: every hostile input goes through `run_local` in ONE batch with
good stories, and each is accounted for in the store as stored or rejected with a reason,
while the good stories in the same batch are stored intact.

All texts here were written for these tests. The expected outcome of every input is the
table `EXPECTED` (docs/reliability.md shows the same table).
"""

from __future__ import annotations

import gzip
import json
import random

import duckdb
import pytest

from dateline.config import Settings
from dateline.run.local import run_local

GOOD = [
    ("good_ferry.txt", "Norway and Denmark sign a ferry data pact\n\n"
     "OSLO (Reuters) — Norwegian Transport Minister Jon Berg met Danish officials in Oslo on Monday "
     "and signed an agreement to share ferry traffic data.\n\n"
     "\"Sharing what our harbours see is the cheapest safety measure we have,\" Berg told reporters.\n"),
    ("good_grain.txt", "Grain exports resume from Odesa\n\n"
     "KYIV — Ukraine's agriculture ministry said on Tuesday that grain shipments from Odesa had resumed "
     "after a two-week pause, and officials in Ankara welcomed the news.\n"),
]
GOOD_HTML = ("good_page.html", "<html><head><title>Lagos council approves new bus lanes</title></head><body>"
             "<article><h1>Lagos council approves new bus lanes</h1>"
             "<p>LAGOS — The Lagos state council approved three new bus lanes on Wednesday after a long debate "
             "about traffic on the mainland bridges.</p>"
             "<p>Commissioner Ade Bello said construction would begin in March and take about a year.</p>"
             "</article></body></html>")

NON_ENGLISH = {
    "story_fr.txt": ("fr", "Le conseil municipal de Lyon vote un nouveau budget",
                     "Le conseil municipal de Lyon a adopté lundi soir un budget consacré aux transports publics, "
                     "après un long débat entre la majorité et l'opposition sur le prix des billets."),
    "story_de.txt": ("de", "Berliner Senat beschließt neue Radwege",
                     "Der Berliner Senat hat am Dienstag den Bau von zwölf neuen Radwegen beschlossen, wie eine "
                     "Sprecherin der Verkehrsverwaltung nach der Sitzung mitteilte."),
    "story_ru.txt": ("ru", "Министры обсудили расписание паромов",
                     "Министры транспорта двух стран встретились в понедельник, чтобы обсудить зерновой коридор "
                     "и новое расписание паромов между портами."),
    "story_ar.txt": ("ar", "وزراء النقل يناقشون جدول العبارات",
                     "اجتمع وزراء النقل في البلدين يوم الاثنين لمناقشة جدول العبارات الجديد بين الموانئ "
                     "وخطط توسيع الأرصفة في العام المقبل."),
}

# A run-on sentence of 50,000 words with no sentence end before the final full stop.
_CLAUSE = "the ferry from the north harbour carried grain to the south quay".split()
LONG_SENTENCE = "Harbour traffic report\n\nOfficials said " + " ".join(
    _CLAUSE[i % len(_CLAUSE)] for i in range(50_000)) + ".\n"

EMOJI_RTL_CONTROL = (
    "Fans celebrate in Cairo after the cup final 🎉\n\n"
    "CAIRO — Thousands of fans 🏆🔥 gathered in Tahrir Square on Friday night after Egypt won the cup, "
    "police said. One banner read \u202bمبروك يا مصر\u202c in large letters, and a family 👩\u200d👩\u200d👧 waved "
    "flags from a balcony.\x07 The match ended \x1b[1m2-1\x1b[0m after extra time, the football "
    "federation said in a statement.\u200f\n")

JSONL_LINES = [
    json.dumps({"id": "jl-good", "text": "Kenyan election officials said on Monday that the vote in Nairobi "
                "was held peacefully, with turnout above sixty percent.", "published": "2023-08-14"}),
    "this line is not JSON at all",
    json.dumps({"id": "jl-num-text", "text": 42}),
    json.dumps({"id": "jl-no-text", "title": "A title and nothing else"}),
    json.dumps(["a", "list", "not", "an", "object"]),
    json.dumps({"id": ["a", "list"], "text": "The id is a list."}),
    json.dumps({"id": "jl-bad-date", "text": "Some story text about a port.", "published": "last Tuesday"}),
    json.dumps({"id": "jl-empty", "text": ""}),
    '{"id": "jl-nan", "text": NaN}',
    '{"id": "jl-surrogate", "text": "Port officials in Mombasa said \\ud800 on Monday that the new cranes '
    'had arrived from the manufacturer in Shanghai."}',
    '{"id": "jl-truncated", "text": "The line stops in the middle of a str',
]


def _gzip_bomb(prefix: bytes = b"", members: int = 1200) -> bytes:
    """About 1.2 GB of spaces once decompressed, about 1.2 MB on disk (repeated gzip members)."""
    member = gzip.compress(b" " * (1 << 20), compresslevel=9)
    return (gzip.compress(prefix) if prefix else b"") + member * members


def _build_inputs(d) -> list[str]:
    """Write every input; returns the command-line arguments."""
    for name, text in GOOD:
        (d / name).write_text(text)
    (d / GOOD_HTML[0]).write_text(GOOD_HTML[1])
    (d / "empty.txt").write_bytes(b"")
    (d / "blank.txt").write_bytes(b" \n\t\n  \n")
    (d / "binary.txt").write_bytes(random.Random(7).randbytes(50_000))
    (d / "zip_as.html").write_bytes(b"PK\x03\x04" + random.Random(8).randbytes(5_000))
    (d / "nul_bytes.txt").write_bytes(b"Dock workers in Antwerp\x00 went on strike on Thursday over pay, "
                                      b"the union\x00 said, halting container traffic at the port.\n")
    (d / "latin1.txt").write_bytes("Café owners in São Paulo protested on Monday against the new municipal "
                                   "rules on terraces, the mayor's office said.".encode("latin-1"))
    (d / "mixed_encoding.txt").write_bytes(
        "Café owners in Lisbon protested on Monday against rent rises. ".encode("utf-8")
        + "Naïve officials in Porto answered on Tuesday with a rent freeze.".encode("cp1252"))
    (d / "utf16.txt").write_bytes("Ministers in Kyiv met on Monday to discuss the grain corridor and the "
                                  "ferry schedule for the coming winter.".encode("utf-16"))
    (d / "cp1252_meta.html").write_bytes(
        b'<html><head><meta charset="windows-1252"><title>Caf\xe9 rules</title></head><body><article>'
        b"<p>Caf\xe9 owners in Montr\xe9al protested on Monday against new rules on terraces, "
        b"saying the \x93summer permit\x94 was too expensive for small businesses.</p>"
        b"<p>The city said it would review the fee before June.</p></article></body></html>")
    (d / "shift_jis_meta.html").write_bytes(
        '<html><head><meta charset="shift_jis"><title>新しい規則</title></head><body><article>'
        "<p>東京都の担当者は月曜日、新しい規則について記者会見を開いた。市民からの意見を受けて、"
        "規則は来月から施行される予定である。</p></article></body></html>".encode("shift_jis"))
    with open(d / "line_100mb.txt", "wb") as fh:
        chunk = b"word " * (1 << 20)  # 5 MB
        for _ in range(21):
            fh.write(chunk)
    with open(d / "line_100mb.jsonl", "wb") as fh:
        fh.write(b'{"id": "jl-huge", "text": "')
        for _ in range(21):
            fh.write(b"word " * (1 << 20))
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "jl-after-huge", "text": "Fishermen in Bodø said on Friday that the cod "
                             "quota talks with Russia had stalled again."}).encode() + b"\n")
    (d / "bomb.txt.gz").write_bytes(_gzip_bomb())
    first = json.dumps({"id": "jl-before-bomb", "text": "Customs officers in Rotterdam seized a shipment of "
                        "counterfeit medicine on Wednesday, prosecutors said."}) + "\n"
    (d / "bomb.jsonl.gz").write_bytes(_gzip_bomb(first.encode()))
    (d / "deep.html").write_text("<html><body>" + "<div>" * 100_000
                                 + "<p>Transport ministers from Norway and Sweden met in Oslo on Monday "
                                   "to plan a new rail link between the two capitals.</p>"
                                 + "</div>" * 100_000 + "</body></html>")
    (d / "bad.jsonl").write_text("\n".join(JSONL_LINES) + "\n")
    for name, (_lang, title, body) in NON_ENGLISH.items():
        (d / name).write_text(f"{title}\n\n{body}\n")
    (d / "sentence_50k.txt").write_text(LONG_SENTENCE)
    (d / "emoji_rtl_control.txt").write_text(EMOJI_RTL_CONTROL)
    (d / "boilerplate_only.txt").write_text("Subscribe now for unlimited access to all our journalism.\n"
                                            "Advertisement\n")
    (d / "notes.pdf").write_bytes(b"%PDF-1.4 not a news story")
    return [str(d), str(d / "notes.pdf")]


# input -> ("stored", None) | ("rejected", reason); JSONL lines are "file:line".
EXPECTED = {
    "good_ferry.txt": ("stored", None),
    "good_grain.txt": ("stored", None),
    "good_page.html": ("stored", None),
    "empty.txt": ("rejected", "empty"),
    "blank.txt": ("rejected", "empty"),
    "binary.txt": ("rejected", "binary"),
    "zip_as.html": ("rejected", "binary"),
    "nul_bytes.txt": ("stored", None),
    "latin1.txt": ("stored", None),
    "mixed_encoding.txt": ("stored", None),
    "utf16.txt": ("stored", None),
    "cp1252_meta.html": ("stored", None),
    "shift_jis_meta.html": ("stored", None),
    "line_100mb.txt": ("rejected", "too_large"),
    "line_100mb.jsonl:1": ("rejected", "too_large"),
    "line_100mb.jsonl:2": ("stored", None),
    "bomb.txt.gz": ("rejected", "too_large"),
    "bomb.jsonl.gz:1": ("stored", None),
    "bomb.jsonl.gz": ("rejected", "too_large"),
    "deep.html": ("stored", None),
    "bad.jsonl:1": ("stored", None),
    "bad.jsonl:2": ("rejected", "bad_json"),
    "bad.jsonl:3": ("rejected", "bad_json"),
    "bad.jsonl:4": ("rejected", "missing_text"),
    "bad.jsonl:5": ("rejected", "bad_json"),
    "bad.jsonl:6": ("rejected", "bad_json"),
    "bad.jsonl:7": ("rejected", "bad_json"),
    "bad.jsonl:8": ("rejected", "empty"),
    "bad.jsonl:9": ("rejected", "bad_json"),
    "bad.jsonl:10": ("stored", None),
    "bad.jsonl:11": ("rejected", "bad_json"),
    "story_fr.txt": ("stored", None),
    "story_de.txt": ("stored", None),
    "story_ru.txt": ("stored", None),
    "story_ar.txt": ("stored", None),
    "sentence_50k.txt": ("stored", None),
    "emoji_rtl_control.txt": ("stored", None),
    "boilerplate_only.txt": ("rejected", "no_body"),
    "notes.pdf": ("rejected", "unsupported"),
}


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    d = tmp_path_factory.mktemp("matrix_inputs")
    args = _build_inputs(d)
    db = str(tmp_path_factory.mktemp("matrix_db") / "m.duckdb")
    summary = run_local(args, Settings(db=db, batch_size=64))
    for big in ("line_100mb.txt", "line_100mb.jsonl", "bomb.txt.gz", "bomb.jsonl.gz"):
        (d / big).unlink()  # free the disk early
    con = duckdb.connect(db, read_only=True)
    prefix = str(d) + "/"

    def rows(sql):
        cur = con.execute(sql)
        names = [c[0] for c in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    articles = {r["source"].removeprefix(prefix): r for r in rows("SELECT * FROM articles")}
    rejected = {r["source"].removeprefix(prefix): r for r in rows("SELECT * FROM rejected")}
    yield {"summary": summary, "articles": articles, "rejected": rejected, "con": con, "rows": rows}
    con.close()


def test_reliability_matrix_every_input_accounted_for(matrix):
    outcome = {}
    for src in matrix["articles"]:
        outcome[src] = ("stored", None)
    for src, row in matrix["rejected"].items():
        assert src not in outcome, f"{src} both stored and rejected"
        assert row["detail"], f"{src} rejected without a detail"
        outcome[src] = ("rejected", row["reason"])
    assert outcome == EXPECTED


def test_reliability_matrix_summary_counts_match_store(matrix):
    s = matrix["summary"]
    assert s.stored == len(matrix["articles"])
    assert sum(s.rejected.values()) == len(matrix["rejected"])
    assert s.skipped["not_english"] == len(NON_ENGLISH) + 1  # + the Shift-JIS page


def test_reliability_matrix_good_stories_intact(matrix):
    arts = matrix["articles"]
    for name, text in GOOD:
        a = arts[name]
        assert a["language"] == "en" and a["skipped"] is None
        assert a["text"] in text  # cleaning only drops segments
        assert all("!" not in s for s in a["stages"]), a["stages"]
        assert len(a["stages"]) == 5
    ents = matrix["rows"]("SELECT a.source, e.name FROM entities e JOIN articles a ON a.id = e.article_id")
    names = {r["name"] for r in ents if r["source"].endswith("good_ferry.txt")}
    assert any("Berg" in n for n in names)
    assert "Lagos" in arts["good_page.html"]["text"] and arts["good_page.html"]["kind"] == "html"


def test_reliability_matrix_decoding(matrix):
    arts = matrix["articles"]
    assert "\x00" not in arts["nul_bytes.txt"]["text"]
    assert "Antwerp went on strike" in arts["nul_bytes.txt"]["text"]
    assert "São Paulo" in arts["latin1.txt"]["text"]
    mixed = arts["mixed_encoding.txt"]["text"]
    assert "Café owners in Lisbon" in mixed and "Naïve officials in Porto" in mixed
    assert "Ministers in Kyiv" in arts["utf16.txt"]["text"]
    html = arts["cp1252_meta.html"]["text"]
    assert "Montréal" in html and "“summer permit”" in html
    assert "東京都" in arts["shift_jis_meta.html"]["text"] and arts["shift_jis_meta.html"]["language"] == "ja"


def test_reliability_matrix_deep_html_keeps_text(matrix):
    assert "rail link between the two capitals" in matrix["articles"]["deep.html"]["text"]


def test_reliability_matrix_limits_leave_rest_of_file(matrix):
    arts = matrix["articles"]
    assert arts["line_100mb.jsonl:2"]["doc_id"] == "jl-after-huge"
    assert arts["bomb.jsonl.gz:1"]["doc_id"] == "jl-before-bomb"
    assert "limit" in matrix["rejected"]["bomb.txt.gz"]["detail"]
    assert "\ufffd" in arts["bad.jsonl:10"]["text"]  # the lone surrogate, one character for one


@pytest.mark.parametrize("name", sorted(NON_ENGLISH))
def test_reliability_matrix_non_english_stored_without_english_stages(matrix, name):
    lang, title, body = NON_ENGLISH[name]
    a = matrix["articles"][name]
    assert a["language"] == lang
    assert a["title"] == title
    assert a["text"][a["body_start"]:].strip() == body
    assert a["skipped"] == "not_english"
    assert list(a["stages"]) == []


def test_reliability_matrix_long_sentence_annotated(matrix):
    a = matrix["articles"]["sentence_50k.txt"]
    assert a["language"] == "en" and a["skipped"] is None
    assert a["text"] == LONG_SENTENCE.strip()
    assert len(a["stages"]) == 5 and all("!" not in s for s in a["stages"]), a["stages"]


def test_reliability_matrix_emoji_rtl_control_spans_valid(matrix):
    a = matrix["articles"]["emoji_rtl_control.txt"]
    assert "🏆🔥" in a["text"] and "مبروك" in a["text"] and "\x07" in a["text"]
    assert a["language"] == "en" and len(a["stages"]) == 5
    assert all("!" not in s for s in a["stages"]), a["stages"]


SPAN_TABLES = {
    "mentions": ("start", '"end"', "text"),
    "places": ("start", '"end"', "text"),
    "times": ("start", '"end"', "text"),
    "events": ("evidence_start", "evidence_end", "evidence_text"),
    "quotes": ("speaker_start", "speaker_end", "speaker_text"),
}


@pytest.mark.parametrize("table", sorted(SPAN_TABLES))
def test_reliability_matrix_stored_spans_point_at_their_text(matrix, table):
    start, end, text = SPAN_TABLES[table]
    found = matrix["rows"](f"SELECT a.text AS body, t.{start} AS s, t.{end} AS e, t.{text} AS t "
                           f"FROM {table} t JOIN articles a ON a.id = t.article_id WHERE t.{start} IS NOT NULL")
    for r in found:
        assert 0 <= r["s"] < r["e"] <= len(r["body"])
        assert r["body"][r["s"]:r["e"]] == r["t"]
