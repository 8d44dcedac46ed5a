"""Train the story-level event-type classifier (softmax regression over words, plain numpy).

    .venv/bin/python bench/events_doctype_train.py [--min-df 3] [--l2 1e-5] [--epochs 150]

Reads ../shared/data/events/ngec-synthetic-train.jsonl, trains on the 80% that
bench/events_accuracy.py does not hold out (stratified, seeded), and writes
src/dateline/data/event_doctype.npz: the vocabulary (unigrams and bigrams seen in at least
--min-df training stories), their idf, the weights (float16, scaled) and the bias. Only
word statistics are stored, never text. Prints the classifier's accuracy on the hold-out.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from events_accuracy import NGEC, ngec_split  # noqa: E402

OUT = ROOT / "src" / "dateline" / "data" / "event_doctype.npz"


def _sparse(vectors: list[tuple[np.ndarray, np.ndarray]]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    rows = np.concatenate([np.full(len(c), i, dtype=np.int64) for i, (c, _) in enumerate(vectors)])
    cols = np.concatenate([c for c, _ in vectors])
    vals = np.concatenate([v for _, v in vectors]).astype(np.float32)
    return rows, cols, vals, len(vectors)


def _times(x, w: np.ndarray) -> np.ndarray:
    rows, cols, vals, n = x
    out = np.zeros((n, w.shape[1]), dtype=np.float32)
    np.add.at(out, rows, w[cols] * vals[:, None])
    return out


def _times_t(x, g: np.ndarray, dim: int) -> np.ndarray:
    rows, cols, vals, _ = x
    out = np.zeros((dim, g.shape[1]), dtype=np.float32)
    np.add.at(out, cols, g[rows] * vals[:, None])
    return out


def train(x, y: np.ndarray, dim: int, k: int, l2: float, epochs: int, lr: float = 0.05):
    """Full-batch softmax regression with Adam; returns (weights, bias)."""
    w = np.zeros((dim, k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    for t in range(1, epochs + 1):
        z = _times(x, w) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) / len(y)
        gw, gb = _times_t(x, g, dim) + l2 * w, g.sum(axis=0)
        mw, vw = 0.9 * mw + 0.1 * gw, 0.999 * vw + 0.001 * gw * gw
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        w -= lr * (mw / c1) / (np.sqrt(vw / c2) + 1e-8)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
    return w, b


def main() -> None:
    from dateline.evaluate.events import read_gold
    from dateline.extract import event_doctype as dt

    ap = argparse.ArgumentParser()
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--l2", type=float, default=1e-5)
    ap.add_argument("--epochs", type=int, default=150)
    args = ap.parse_args()
    start = time.perf_counter()
    rows = read_gold(NGEC)
    train_idx, held_idx = ngec_split(rows)
    types = sorted({r["doc_type"] for r in rows})
    index = {t: i for i, t in enumerate(types)}
    counts = [dt.features(rows[i]["text"]) for i in train_idx]
    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    words = sorted(w for w, n in df.items() if n >= args.min_df)
    vocab = {w: i for i, w in enumerate(words)}
    idf = np.array([math.log((len(counts) + 1) / (df[w] + 1)) + 1.0 for w in words], dtype=np.float32)
    x = _sparse([dt.vectorise(c, vocab, idf) for c in counts])
    y = np.array([index[rows[i]["doc_type"]] for i in train_idx])
    w, b = train(x, y, len(words), len(types), args.l2, args.epochs)
    scale = float(np.abs(w).max()) / 32000.0 or 1.0
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        OUT,
        types=np.frombuffer("\n".join(types).encode("utf-8"), dtype=np.uint8),
        vocab=np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8),
        idf=idf.astype(np.float16),
        weights=np.round(w / scale).astype(np.int16),
        scale=np.float64(scale),
        bias=b.astype(np.float32),
    )
    dt.load_model.cache_clear()
    held = [rows[i] for i in held_idx]
    preds = [dt.best_type(r["text"], require_story=False) for r in held]
    ok = sum(p is not None and p[0] == r["doc_type"] for p, r in zip(preds, held))
    print(f"wrote {OUT.relative_to(ROOT)} ({OUT.stat().st_size / 1e6:.2f} MB, {len(words)} features, "
          f"{len(train_idx)} training stories); classifier alone on the hold-out: {ok / len(held):.3f} "
          f"({len(held)} stories) ({time.perf_counter() - start:.0f}s)")


if __name__ == "__main__":
    main()
