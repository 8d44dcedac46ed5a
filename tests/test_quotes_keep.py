"""The learned keep/drop check over the quotes stage's attributions (quote_keep.py), on
sentences written for these tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np

from dateline.extract import quote_keep
from dateline.extract.quotes import find_attributions
from dateline.nlp import load_nlp

TEXT = "The harbour master said the new pier will open to ferries in May."


def _found(text: str = TEXT):
    doc = load_nlp()(text)
    cands = find_attributions(doc, text=text)
    return doc, cands


def _trainer():
    path = Path(__file__).resolve().parents[1] / "bench" / "quotes_keep_train.py"
    spec = importlib.util.spec_from_file_location("quotes_keep_train", path)
    tr = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tr)
    return tr


def test_quotes_keep_features_describe_a_report():
    doc, cands = _found()
    gs = quote_keep.groups(cands)
    assert len(gs) == 1
    (f,) = quote_keep.features(doc, TEXT, cands, gs)
    assert "lem=say" in f and "spkhead=master" in f and "first_line" in f
    assert any(x.startswith("rule=say-") for x in f) and "nocue" not in f and "nospk" not in f
    assert "c_noverb" not in f and "c_word=that" not in f and "same_sent=1" in f
    assert quote_keep.features(doc, TEXT, [], []) == []


def test_quotes_keep_groups_join_continuations():
    text = '"The pier is ready," the harbour master said. "Ferries will come in May and stay all summer."'
    doc, cands = _found(text)
    gs = quote_keep.groups(cands)
    assert [len(g) for g in gs] == [2] and cands[gs[0][1]].kind == "continuation"


def test_quotes_keep_drops_what_the_weights_score_low():
    doc, cands = _found()
    low = {"bias": 0.0, "weights": {"lem=say": -4.0}}
    high = {"bias": 0.0, "weights": {"lem=say": 4.0}}
    assert quote_keep.keep(doc, TEXT, cands, low) == []
    assert quote_keep.keep(doc, TEXT, cands, high) == cands
    assert quote_keep.keep(doc, TEXT, cands, high, threshold=0.999) == []
    other = {"bias": 0.0, "weights": {"lem=whisper": -4.0}}  # nothing here: p = 0.5, kept
    assert quote_keep.keep(doc, TEXT, cands, other, threshold=0.5) == cands


def test_quotes_keep_can_be_switched_off(monkeypatch):
    monkeypatch.setenv("DATELINE_QUOTE_KEEP", "1")
    doc, cands = _found()
    monkeypatch.setattr(quote_keep, "_model", {"bias": -9.0, "weights": {"lem=say": -1.0}})
    assert quote_keep.keep(doc, TEXT, cands) == []
    monkeypatch.setenv("DATELINE_QUOTE_KEEP", "0")
    assert not quote_keep.enabled() and quote_keep.keep(doc, TEXT, cands) == cands


def test_quotes_keep_runs_in_the_stage(monkeypatch):
    from dateline.extract import quotes
    from dateline.records import Article, Extraction, OffsetMap

    article = Article(id="t", doc_id="t", text=TEXT, body_start=0, offsets=OffsetMap(((0, 0, len(TEXT)),)))
    doc = load_nlp()(TEXT)
    monkeypatch.setenv("DATELINE_QUOTE_KEEP", "1")
    monkeypatch.setattr(quote_keep, "_model", {"bias": 0.0, "weights": {"lem=say": -4.0}})
    assert quotes.extract_quotes(Extraction(article), doc) == ()
    monkeypatch.setattr(quote_keep, "_model", {"bias": 0.0, "weights": {"lem=say": 4.0}})
    assert [q.cue.text for q in quotes.extract_quotes(Extraction(article), doc)] == ["said"]


def test_quotes_keep_weights_file_loads():
    quote_keep._model = None
    model = quote_keep.load_model()
    assert set(model) == {"bias", "weights"} and isinstance(model["bias"], float)
    assert 0.0 < quote_keep.THRESHOLD < 0.5
    w = model["weights"]
    assert 500 < len(w) < 10_000 and all(isinstance(v, float) for v in w.values())
    assert all("=" in k or k in ("neg", "modal", "passive", "marks", "contins") or k.startswith(("rule+", "c_", "cue_", "holds_", "overlaps_", "spk_", "sent_", "nocue", "nospk", "first_line"))
               for k in w)
    assert any(k.startswith("rule=") for k in w) and any(k.startswith("lem=") for k in w)


def test_quotes_keep_trainer_fits_a_tiny_set():
    tr = _trainer()
    feats = [["a", "b"], ["a", "c"], ["a", "b"], ["d", "c"], ["d", "b"], ["d", "c"]] * 5
    y = np.array([1, 1, 1, 0, 0, 0] * 5)
    vocab, w, b = tr.train(feats, y, l2=0.1, min_count=2)
    assert vocab == ["a", "b", "c", "d"]
    p = tr.predict(tr.design(feats, vocab), w, b)
    assert (p[y == 1] > 0.8).all() and (p[y == 0] < 0.2).all()
    assert w[vocab.index("a")] > 0 > w[vocab.index("d")]
    text = tr.model_json(vocab, w, b)
    assert tr.model_json(*tr.train(feats, y, l2=0.1, min_count=2)) == text  # deterministic
    assert '"a": ' in text and '"bias": ' in text


def test_quotes_keep_features_name_the_content_head():
    doc, cands = _found()
    (f,) = quote_keep.features(doc, TEXT, cands, quote_keep.groups(cands))
    assert "chead=open" in f and "lem*chead=say|open" in f
    text = "The mayor backs the new bridge over the river."
    doc, cands = _found(text)
    fs = quote_keep.features(doc, text, cands, quote_keep.groups(cands))
    assert len(fs) == 1 and "chead=bridge" in fs[0] and "lem*chead=back|bridge" in fs[0]


def test_quotes_keep_content_head_skips_punctuation_and_takes_the_root():
    # tokens: 0 "  1 Ferries  2 come  3 .  4 "  (heads: 1->2, 2 is the root, 0/3/4 hang on 2)
    starts, head, punct = [0, 1, 9, 13, 14], [2, 2, 2, 2, 2], [True, False, False, True, True]
    assert quote_keep._content_heads(starts, head, punct, [(0, 15), (1, 8), (13, 15)]) == [2, 1, None]
