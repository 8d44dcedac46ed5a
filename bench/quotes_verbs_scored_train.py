"""Train the gate of the scored cue verbs (`dateline.extract.quote_verbs_scored`).

    .venv/bin/python bench/quotes_verbs_scored_train.py [--docbin FILE.spacy] [--gold FILE.jsonl]
                                                        [--articles A-B] [--cv] [--out FILE.json]

Runs the quote rules alone (keep check and scored verbs off) over the training articles,
collects the open candidates `quote_verbs_scored.open_candidates` offers at its hook (verbs
outside the lexicons, frames a lexicon row lacks, where no rule claims the place), labels each 1
when its content covers at least half of a gold content that the rules' own attributions do
not cover (the scorer's overlap rule) and its speaker covers that attribution's source
(`--label overlap` / `exact` for the other labels tried), and fits the same L2 logistic regression as the keep
check (`quotes_keep_train.fit`, deterministic). `--cv` trains on four fifths of the articles
(by article) and runs the whole stage on the fifth left out with each threshold of a small grid,
printing content overlap, content exact, source overlap and attribution F1 end to end.
Writes src/dateline/data/quote_verbs_scored.json: bias and a weight per feature name — no text.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from quotes_keep_train import arguments, load, model_json, oof, train  # noqa: E402

from dateline.evaluate.quotes import covers, normalise  # noqa: E402
from dateline.extract import quote_verbs_scored as qvs  # noqa: E402

MIN_COUNT = 3
L2 = 3.0
GRID_THRESHOLD = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


def _spans(c):
    return [{"start": s, "end": e} for s, e in c.content]


def collect(rows, docs):
    """Features and labels (overlap right, exact right) of every open candidate, article index."""
    from dateline.extract.quotes import find_attributions

    feats, labels, article = [], [], []
    for a, (row, doc) in enumerate(zip(rows, docs)):
        text = row["text"]
        qvs.RECORD = []
        found = find_attributions(doc, text=text)
        _, cands, fs = qvs.RECORD[0]
        qvs.RECORD = None
        gold = [(normalise(g.get("content"), text), normalise(g.get("source"), text))
                for g in row.get("attributions") or []]
        have = [normalise(_spans(c), text) for c in found]
        open_gold = [g for g in gold if not any(covers(g[0], p) for p in have)]
        for c, f in zip(cands, fs):
            item = normalise(_spans(c), text)
            source = normalise({"start": c.source[0], "end": c.source[1]}, text)
            hit = [gs for g, gs in open_gold if covers(g, item)]
            feats.append(f)
            labels.append((int(bool(hit)), int(any(item == g for g, _ in open_gold)),
                           int(any(covers(gs, source) for gs in hit))))
            article.append(a)
    return feats, np.array(labels, dtype=np.int64), article


def predictions(rows, docs, threshold: float) -> dict:
    from dateline.evaluate.quotes import quote_json
    from dateline.extract.quotes import as_attributions, find_attributions, to_quote

    qvs.THRESHOLD = threshold
    preds = {}
    for row, doc in zip(rows, docs):
        text = row["text"]
        found = find_attributions(doc, text=text)
        preds[row["id"]] = [quote_json(q) for q in as_attributions(tuple(to_quote(c, text, None) for c in found))]
    return preds


def figures(rows, preds) -> str:
    from dateline.evaluate.quotes import score

    r = score(rows, preds)
    f1 = (r["content"]["overlap"], r["content"]["exact"], r["source"]["overlap"], r["attribution"])
    return "content_ov %.4f content_ex %.4f source_ov %.4f attr %.4f  pred %d" % (
        tuple(x["f1"] for x in f1) + (r["content"]["overlap"]["pred"],))


def model_of(vocab, w, b) -> dict:
    return {"bias": float(b), "weights": {x: float(v) for x, v in zip(vocab, w)}}


def cv(rows, docs, feats, y, article, folds: int = 5) -> None:
    art = np.array(article)
    p = oof(feats, y, article, L2, MIN_COUNT, folds)
    ranks = np.argsort(np.argsort(p)) + 1.0
    pos = y.sum()
    auc = (ranks[y == 1].sum() - pos * (pos + 1) / 2) / max(1, pos * (len(y) - pos))
    print(f"out-of-fold AUC {auc:.3f}", file=sys.stderr)
    for th in GRID_THRESHOLD:
        k = p >= th
        print(f"  p>={th}: {k.sum()} kept, {y[k].mean() if k.any() else 0:.3f} right", file=sys.stderr)
    qvs._model = {"bias": -30.0, "weights": {}}
    print("rules only:", figures(rows, predictions(rows, docs, 0.5)))
    merged: dict[float, dict] = {th: {} for th in GRID_THRESHOLD}
    for k in range(folds):
        test = art % folds == k
        vocab, w, b = train([f for f, t in zip(feats, test) if not t], y[~test], L2, MIN_COUNT)
        qvs._model = model_of(vocab, w, b)
        idx = [i for i in range(len(rows)) if i % folds == k]
        for th in GRID_THRESHOLD:
            merged[th].update(predictions([rows[i] for i in idx], [docs[i] for i in idx], th))
    for th in GRID_THRESHOLD:
        print(f"threshold {th:.2f}:", figures(rows, merged[th]))


def main(argv=None) -> None:
    ap = arguments(__doc__.splitlines()[0], qvs.WEIGHTS)
    ap.add_argument("--label", choices=("overlap", "exact", "attribution"), default="attribution")
    args = ap.parse_args(argv)
    rows, docs = load(Path(args.gold), args.docbin, args.articles)
    feats, labels, article = collect(rows, docs)
    y = labels[:, ("overlap", "exact", "attribution").index(args.label)]
    rate = labels.mean(axis=0)
    print(f"{len(feats)} candidates, right: {rate[0]:.3f} overlap, {rate[1]:.3f} exact, {rate[2]:.3f} attribution",
          file=sys.stderr)
    if args.cv:
        cv(rows, docs, feats, y, article)
        return
    vocab, w, b = train(feats, y, L2, MIN_COUNT)
    Path(args.out).write_text(model_json(vocab, w, b), encoding="utf-8")
    print(f"wrote {args.out}: {len(vocab)} features", file=sys.stderr)


if __name__ == "__main__":
    os.environ["DATELINE_QUOTE_KEEP"] = "0"
    main()
