"""Train the quotes stage's keep/drop check (logistic regression, plain numpy).

    .venv/bin/python bench/quotes_keep_train.py [--docbin FILE.spacy] [--gold FILE.jsonl]
                                                 [--articles A-B] [--cv] [--out FILE.json]

Runs the quote rules (unfiltered) over the training articles, describes every attribution
they find with the features of `dateline.extract.quote_keep.features`, labels it 1 when its
content covers at least half of some gold content (the scorer's overlap rule), and fits an
L2-regularised logistic regression by full-batch gradient descent (deterministic: the same
articles give the same file). Features seen in fewer than MIN_COUNT attributions are left
out. `--cv` prints, for each L2 and threshold of a small grid, how many attributions 5-fold (by
article) out-of-fold scores would drop, how many of those are right, and the content overlap,
content exact, source overlap and attribution F1 that would be left.

The drop threshold is `quote_keep.THRESHOLD` (chosen with `--cv --articles 0-700`).
Writes src/dateline/data/quote_keep.json: the bias and a weight per feature
name (rule names, cue lemmas, speaker words, buckets) — no text. Parses come from
`dateline.nlp.load_nlp()` or, with --docbin, from parses saved with spaCy's DocBin.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dateline.evaluate.quotes import covers, normalise  # noqa: E402
from dateline.extract import quote_keep  # noqa: E402

GOLD = ROOT.parent / "shared" / "data" / "quotes" / "polnear-train.jsonl"
OUT = quote_keep.WEIGHTS
MIN_COUNT = 5  # a feature must describe at least this many training attributions
L2 = 3.0  # summed-loss L2 (chosen by --cv, docs/quotes.md)
STEPS = 400
LR = 0.5
GRID_L2 = (3.0, 10.0)
GRID_THRESHOLD = (0.25, 0.3, 0.35, 0.4, 0.45)


def collect(rows: list[dict], docs) -> tuple[list[list[str]], np.ndarray, list[int], list[dict]]:
    """Features of every unfiltered attribution, labels (content right, attribution right,
    speaker right: -1 without a speaker) as an (n, 3) array, the article index of each and
    the attribution itself (scorer shape: speaker, cue, content spans)."""
    from dateline.extract.quotes import find_attributions

    feats, labels, article, found = [], [], [], []
    for a, (row, doc) in enumerate(zip(rows, docs)):
        text = row["text"]
        cands = find_attributions(doc, text=text)
        gs = quote_keep.groups(cands)
        gold = [(normalise(g.get("content"), text), normalise(g.get("source"), text))
                for g in row.get("attributions") or []]
        for g, f in zip(gs, quote_keep.features(doc, text, cands, gs)):
            content = normalise([{"start": s, "end": e} for i in g for s, e in cands[i].content], text)
            src = cands[g[0]].source
            source = normalise({"start": src[0], "end": src[1]} if src else None, text)
            hit = [(gc, gs_) for gc, gs_ in gold if covers(gc, content)]
            attr = any((not gs_ and not source) or covers(gs_, source) for _, gs_ in hit)
            spk = -1 if not source else int(any(covers(gs_, source) for _, gs_ in hit))
            feats.append(f)
            labels.append((int(bool(hit)), int(attr), spk))
            article.append(a)
            cue = cands[g[0]].cue
            found.append({"speaker": {"start": src[0], "end": src[1]} if src else None,
                          "cue": {"start": cue[0], "end": cue[1]} if cue else None,
                          "content": [{"start": s, "end": e} for i in g for s, e in cands[i].content]})
    return feats, np.array(labels, dtype=np.int64), article, found


def vocabulary(feats: list[list[str]], min_count: int = MIN_COUNT) -> list[str]:
    counts: dict[str, int] = {}
    for f in feats:
        for x in set(f):
            counts[x] = counts.get(x, 0) + 1
    return sorted(x for x, n in counts.items() if n >= min_count)


def design(feats: list[list[str]], vocab: list[str]) -> tuple[np.ndarray, np.ndarray, int]:
    """Sparse binary matrix as (row, column) index pairs."""
    col = {x: i for i, x in enumerate(vocab)}
    rows, cols = [], []
    for r, f in enumerate(feats):
        for c in sorted({col[x] for x in f if x in col}):
            rows.append(r)
            cols.append(c)
    return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64), len(feats)


def fit(X: tuple[np.ndarray, np.ndarray, int], y: np.ndarray, dim: int, l2: float = L2,
        steps: int = STEPS, lr: float = LR) -> tuple[np.ndarray, float]:
    """Logistic regression, summed log-loss + l2/2 |w|^2, full-batch Adam from zero."""
    rows, cols, n = X
    y = y.astype(np.float64)
    w = np.zeros(dim)
    b = float(np.log((y.mean() + 1e-9) / (1 - y.mean() + 1e-9)))
    m, v = np.zeros(dim + 1), np.zeros(dim + 1)
    for t in range(1, steps + 1):
        z = np.bincount(rows, weights=w[cols], minlength=n) + b
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        g = p - y
        grad = np.append(np.bincount(cols, weights=g[rows], minlength=dim) + l2 * w, g.sum()) / n
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        step = lr * (m / (1 - 0.9 ** t)) / (np.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        w -= step[:-1] * 0.1
        b -= float(step[-1]) * 0.1
    return w, b


def predict(X, w: np.ndarray, b: float) -> np.ndarray:
    rows, cols, n = X
    z = np.bincount(rows, weights=w[cols], minlength=n) + b
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def train(feats, y, l2: float = L2, min_count: int = MIN_COUNT) -> tuple[list[str], np.ndarray, float]:
    vocab = vocabulary(feats, min_count)
    w, b = fit(design(feats, vocab), y, len(vocab), l2)
    return vocab, w, b


def oof(feats, y, article, l2: float = L2, min_count: int = MIN_COUNT, folds: int = 5) -> np.ndarray:
    """Out-of-fold probabilities, folds by article (article index mod folds)."""
    art = np.array(article)
    out = np.zeros(len(feats))
    for k in range(folds):
        test = art % folds == k
        tr = [f for f, t in zip(feats, test) if not t]
        vocab, w, b = train(tr, y[~test], l2, min_count)
        out[test] = predict(design([f for f, t in zip(feats, test) if t], vocab), w, b)
    return out


def cv_scores(rows, found, article, kept) -> str:
    """Content overlap / content exact / source overlap / attribution F1 of the kept attributions."""
    from dateline.evaluate.quotes import score

    preds: dict = {row["id"]: [] for row in rows}
    for q, a, k in zip(found, article, kept):
        if k:
            preds[rows[a]["id"]].append(q)
    r = score(rows, preds)
    f1 = (r["content"]["overlap"], r["content"]["exact"], r["source"]["overlap"], r["attribution"])
    return "content_ov %.4f content_ex %.4f source_ov %.4f attr %.4f" % tuple(x["f1"] for x in f1)


def model_json(vocab, w, b) -> str:
    weights = {x: round(float(v), 4) for x, v in zip(vocab, w) if round(float(v), 4) != 0.0}
    return json.dumps({"bias": round(b, 4), "weights": weights},
                      indent=0, sort_keys=True) + "\n"


def load(gold: Path, docbin: str | None, articles: str | None):
    from dateline.evaluate import read_gold
    from dateline.nlp import load_nlp

    if not gold.is_file():
        sys.exit(f"no training file at {gold}: pass --gold (PolNeAR format, docs/quotes.md)")
    rows = read_gold(gold)
    nlp = load_nlp()
    if docbin:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(docbin).get_docs(nlp.vocab))
        if len(docs) != len(rows):
            sys.exit(f"{docbin} holds {len(docs)} parses for {len(rows)} articles in {gold}")
    else:
        docs = None
    if articles:
        a, b = map(int, articles.split("-"))
        rows = rows[a:b]
        docs = docs[a:b] if docs is not None else None
    if docs is None:
        docs = list(nlp.pipe(r["text"] for r in rows))
    return rows, docs


def arguments(description: str, out: Path) -> argparse.ArgumentParser:
    """The options both quote-model trainers take."""
    ap = argparse.ArgumentParser(description=description)
    ap.add_argument("--gold", default=str(GOLD), help="PolNeAR-format training file [default: %(default)s]")
    ap.add_argument("--docbin", help="parses of the same articles saved with spaCy's DocBin (skips parsing)")
    ap.add_argument("--articles", help="A-B: only these training articles (e.g. 0-700)")
    ap.add_argument("--cv", action="store_true", help="print 5-fold out-of-fold figures instead of writing")
    ap.add_argument("--out", default=str(out), help="weights file to write [default: %(default)s]")
    return ap


def main(argv=None) -> None:
    ap = arguments(__doc__.splitlines()[0], OUT)
    ap.add_argument("--l2", type=float, default=L2)
    args = ap.parse_args(argv)
    rows, docs = load(Path(args.gold), args.docbin, args.articles)
    feats, labels, article, found = collect(rows, docs)
    y = labels[:, 0]
    print(f"{len(feats)} attributions, {y.mean():.3f} right", file=sys.stderr)
    if args.cv:
        print("kept all:", cv_scores(rows, found, article, np.ones(len(y), dtype=bool)))
        for l2 in GRID_L2:
            p = oof(feats, y, article, l2)
            for th in GRID_THRESHOLD:
                d = p < th
                print(f"l2 {l2} threshold {th:.2f}: drop {d.sum()} ({y[d].mean() if d.any() else 0:.3f} right)",
                      cv_scores(rows, found, article, ~d))
        return
    vocab, w, b = train(feats, y, args.l2)
    Path(args.out).write_text(model_json(vocab, w, b), encoding="utf-8")
    print(f"wrote {args.out}: {len(vocab)} features", file=sys.stderr)


if __name__ == "__main__":
    os.environ["DATELINE_QUOTE_KEEP"] = "0"
    main()
