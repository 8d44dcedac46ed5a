"""Train the story-level event-type classifier (softmax regression over words, plain numpy).

    .venv/bin/python bench/events_doctype_train.py [--min-df 2] [--l2 L] [--epochs N] [--temperature T]
                                                   [--cv [--oof FILE.npy]] [--stack FILE.npy]

Reads ../shared/data/events/ngec-synthetic-train.jsonl and trains on the 80% that
bench/events_accuracy.py does not hold out (stratified, seeded). The features are those of
`dateline.extract.event_doctype.features`; the loss is class-balanced cross-entropy (every
type weighs the same in total, however many stories it has) plus L2, minimised by
full-batch Adam.

`--cv` chooses L2 and the number of epochs by 5-fold stratified cross-validation *within
the 80%* (vocabulary and idf rebuilt in every fold), so the 20% hold-out stays unseen until
the end, and fits a softmax temperature on the out-of-fold scores of that choice (so the
shipped probabilities are calibrated; the events stage thresholds them). It then trains on
the whole 80% with the best setting. Without `--cv` the defaults below (the last
cross-validated choice) are used, which gives the same file.

`--stack FILE.npy` (after `--cv --oof FILE.npy`) writes nothing: it runs the event patterns
over the 80% and prints the LEAD_BONUS / FOUND_BONUS of extract/events.py (how much a type
the patterns found, in the lead or anywhere, adds to the classifier's log-probability) that
make the out-of-fold story type most often right.

Writes src/dateline/data/event_doctype.npz: the vocabulary (features seen in at least
--min-df training stories), their idf, the weights (int16, scaled) and the bias. Only word
statistics are stored, never text. Prints the classifier's accuracy on the hold-out.
"""

from __future__ import annotations

import argparse
import math
import random
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
L2 = 3e-4  # chosen by --cv (docs/events.md)
EPOCHS = 100
TEMPERATURE = 0.472
LR = 0.05
GRID_L2 = (1e-4, 3e-4, 1e-3)
GRID_EPOCHS = (100, 200)


class Sparse:
    """A CSR-like matrix with both row-major and column-major orders for fast products."""

    def __init__(self, vectors: list[tuple[np.ndarray, np.ndarray]], dim: int):
        self.n, self.dim = len(vectors), dim
        rows = np.concatenate([np.full(len(c), i, dtype=np.int64) for i, (c, _) in enumerate(vectors)])
        cols = np.concatenate([c for c, _ in vectors]).astype(np.int64)
        vals = np.concatenate([v for _, v in vectors]).astype(np.float32)
        order = np.lexsort((cols, rows))
        self.r_rows, self.r_cols, self.r_vals = rows[order], cols[order], vals[order]
        self.r_starts, self.r_ids = _starts(self.r_rows)
        order = np.argsort(cols, kind="stable")
        self.c_rows, self.c_cols, self.c_vals = rows[order], cols[order], vals[order]
        self.c_starts, self.c_ids = _starts(self.c_cols)

    def times(self, w: np.ndarray) -> np.ndarray:
        """X @ w"""
        out = np.zeros((self.n, w.shape[1]), dtype=np.float32)
        if len(self.r_vals):
            out[self.r_ids] = np.add.reduceat(w[self.r_cols] * self.r_vals[:, None], self.r_starts, axis=0)
        return out

    def times_t(self, g: np.ndarray) -> np.ndarray:
        """X.T @ g"""
        out = np.zeros((self.dim, g.shape[1]), dtype=np.float32)
        if len(self.c_vals):
            out[self.c_ids] = np.add.reduceat(g[self.c_rows] * self.c_vals[:, None], self.c_starts, axis=0)
        return out


def _starts(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start offsets of the runs of equal keys in a sorted array, and the keys of the runs."""
    if not len(keys):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    return starts, keys[starts]


def train(x: Sparse, y: np.ndarray, k: int, l2: float, epochs: int, lr: float = LR,
          checkpoints: tuple[int, ...] = ()):
    """Class-balanced softmax regression with full-batch Adam; returns (weights, bias), or
    with `checkpoints` a list of (epoch, weights, bias) taken at those epochs."""
    w = np.zeros((x.dim, k), dtype=np.float32)
    b = np.zeros(k, dtype=np.float32)
    onehot = np.eye(k, dtype=np.float32)[y]
    counts = np.bincount(y, minlength=k).astype(np.float32)
    sample = (len(y) / (k * np.maximum(counts, 1)))[y][:, None] / len(y)  # balanced weights
    mw, vw, mb, vb = np.zeros_like(w), np.zeros_like(w), np.zeros_like(b), np.zeros_like(b)
    saved = []
    for t in range(1, epochs + 1):
        z = x.times(w) + b
        z -= z.max(axis=1, keepdims=True)
        p = np.exp(z)
        p /= p.sum(axis=1, keepdims=True)
        g = (p - onehot) * sample
        gw, gb = x.times_t(g) + l2 * w, g.sum(axis=0)
        mw, vw = 0.9 * mw + 0.1 * gw, 0.999 * vw + 0.001 * gw * gw
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        w -= lr * (mw / c1) / (np.sqrt(vw / c2) + 1e-8)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
        if t in checkpoints:
            saved.append((t, w.copy(), b.copy()))
    return saved if checkpoints else (w, b)


def build(counts: list[Counter], min_df: int):
    """Vocabulary (sorted), idf and block of every feature seen in at least min_df stories."""
    from dateline.extract import event_doctype as dt

    df: Counter = Counter()
    for c in counts:
        df.update(c.keys())
    words = sorted(w for w, n in df.items() if n >= min_df)
    idf = np.array([math.log((len(counts) + 1) / (df[w] + 1)) + 1.0 for w in words], dtype=np.float32)
    blocks = np.array([dt.block_of(w) for w in words], dtype=np.int64)
    return words, {w: i for i, w in enumerate(words)}, idf, blocks


def matrix(counts: list[Counter], vocab, idf, blocks) -> Sparse:
    from dateline.extract import event_doctype as dt

    return Sparse([dt.vectorise(c, vocab, idf, blocks) for c in counts], len(vocab))


def folds(y: np.ndarray, n: int = 5, seed: int = 7) -> list[np.ndarray]:
    """Stratified folds (lists of indices into y)."""
    rng = random.Random(seed)
    out: list[list[int]] = [[] for _ in range(n)]
    k = 0
    for label in sorted(set(y.tolist())):
        idx = [i for i in range(len(y)) if y[i] == label]
        rng.shuffle(idx)
        for i in idx:
            out[k % n].append(i)
            k += 1
    return [np.array(sorted(f)) for f in out]


def cross_validate(counts: list[Counter], y: np.ndarray, k: int, min_df: int):
    """Cross-validated choice of (l2, epochs) with the best mean accuracy over stratified
    folds, and the out-of-fold logits [stories x types] of that choice; prints the grid."""
    acc: dict[tuple[float, int], list[float]] = {}
    oof: dict[tuple[float, int], np.ndarray] = {}
    for f, test in enumerate(folds(y)):
        taken = set(test.tolist())
        train_idx = np.array([i for i in range(len(y)) if i not in taken])
        _, vocab, idf, blocks = build([counts[i] for i in train_idx], min_df)
        xt = matrix([counts[i] for i in train_idx], vocab, idf, blocks)
        xv = matrix([counts[i] for i in test], vocab, idf, blocks)
        for l2 in GRID_L2:
            for epoch, w, b in train(xt, y[train_idx], k, l2, max(GRID_EPOCHS), checkpoints=GRID_EPOCHS):
                logits = xv.times(w) + b
                acc.setdefault((l2, epoch), []).append(float((logits.argmax(axis=1) == y[test]).mean()))
                oof.setdefault((l2, epoch), np.zeros((len(y), k), dtype=np.float32))[test] = logits
        print(f"  fold {f + 1} done", flush=True)
    for (l2, epoch), a in sorted(acc.items()):
        print(f"  l2 {l2:g} epochs {epoch}: cv accuracy {np.mean(a):.3f} (sd {np.std(a):.3f})")
    best = max(acc, key=lambda key: np.mean(acc[key]))
    return best, oof[best]


def temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The softmax temperature that minimises the log loss of (out-of-fold) logits, so that
    the shipped probabilities are calibrated: a story scored 0.6 is right about 60% of the time."""
    def loss(t: float) -> float:
        z = logits / t
        z = z - z.max(axis=1, keepdims=True)
        return float(-(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1))).mean())
    grid = np.exp(np.linspace(np.log(0.05), np.log(5.0), 200))
    return float(min(grid, key=loss))


GRID_BONUS = (0.0, 0.25, 0.5, 1.0, 1.5, 2.0)


def pattern_types(rows: list[dict]) -> list[list[tuple[str, bool]]]:
    """For each story, the types of the events the patterns find and whether each is in the
    lead sentence: the pipeline runs with a story classifier that has no opinion."""
    from dateline.extract import events as ev
    from dateline.pipeline import Pipeline
    from dateline.records import Document

    seen: list[tuple[str, bool]] = []

    def capture(scores, events, lead_end):
        seen.extend((e.type, e.evidence.start < lead_end) for e in events)
        return scores

    saved = ev.read_story, ev.story_scores
    ev.read_story = lambda text: ({"-": 1.0}, 0.0)  # a "story" with no type and no trust
    ev.story_scores = capture
    out = []
    try:
        pipeline = Pipeline()
        for row in rows:
            seen.clear()
            pipeline.extract_one(Document(row["id"], row["text"]))
            out.append(list(seen))
    finally:
        ev.read_story, ev.story_scores = saved
    return out


def choose_bonus(logits: np.ndarray, y: np.ndarray, found: list[list[tuple[str, bool]]], types: list[str]):
    """(LEAD_BONUS, FOUND_BONUS) of extract/events.py that make the out-of-fold classifier
    plus the pattern events most often right; prints the best settings."""
    index = {t: i for i, t in enumerate(types)}
    logp = logits - logits.max(axis=1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
    results = []
    for lead in GRID_BONUS:
        for anywhere in GRID_BONUS:
            right = 0
            for k, events in enumerate(found):
                z = logp[k].copy()
                bonus: dict[int, float] = {}
                for type_, in_lead in events:
                    j = index[type_]
                    bonus[j] = max(bonus.get(j, 0.0), anywhere + (lead if in_lead else 0.0))
                for j, b in bonus.items():
                    z[j] += b
                right += int(z.argmax() == y[k])
            results.append((right / len(y), lead, anywhere))
    results.sort(reverse=True)
    print(f"  classifier alone (out of fold): {(logits.argmax(axis=1) == y).mean():.3f}")
    for acc, lead, anywhere in results[:5]:
        print(f"  lead bonus {lead:g}, found bonus {anywhere:g}: {acc:.3f}")
    return results[0][1], results[0][2]


def main() -> None:
    from dateline.evaluate.events import read_gold
    from dateline.extract import event_doctype as dt

    ap = argparse.ArgumentParser()
    ap.add_argument("--min-df", type=int, default=2)
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    ap.add_argument("--temperature", type=float, default=TEMPERATURE)
    ap.add_argument("--cv", action="store_true",
                    help="choose --l2, --epochs and --temperature by cross-validation in the 80%%")
    ap.add_argument("--oof", help="with --cv: save the calibrated out-of-fold logits here (.npy)")
    ap.add_argument("--stack", metavar="OOF.npy",
                    help="only choose extract/events.py's LEAD_BONUS and FOUND_BONUS: run the patterns on "
                         "the 80%% and combine them with these out-of-fold logits (from --cv --oof)")
    args = ap.parse_args()
    start = time.perf_counter()
    rows = read_gold(NGEC)
    train_idx, held_idx = ngec_split(rows)
    types = sorted({r["doc_type"] for r in rows})
    index = {t: i for i, t in enumerate(types)}
    counts = [dt.features(rows[i]["text"]) for i in train_idx]
    y = np.array([index[rows[i]["doc_type"]] for i in train_idx])
    if args.stack:
        found = pattern_types([rows[i] for i in train_idx])
        lead, anywhere = choose_bonus(np.load(args.stack), y, found, types)
        print(f"chose LEAD_BONUS {lead:g}, FOUND_BONUS {anywhere:g} ({time.perf_counter() - start:.0f}s)")
        return
    l2, epochs, temp = args.l2, args.epochs, args.temperature
    if args.cv:
        (l2, epochs), logits = cross_validate(counts, y, len(types), args.min_df)
        temp = temperature(logits, y)
        print(f"cross-validation chose l2 {l2:g}, epochs {epochs}; calibrated temperature {temp:.3f}")
        if args.oof:
            np.save(args.oof, logits / temp)
    words, vocab, idf, blocks = build(counts, args.min_df)
    w, b = train(matrix(counts, vocab, idf, blocks), y, len(types), l2, epochs)
    w, b = w / temp, b / temp  # calibrated probabilities (see temperature())
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
          f"{len(train_idx)} training stories, l2 {l2:g}, {epochs} epochs, temperature {temp:.3f}); "
          f"classifier alone on the hold-out: {ok / len(held):.3f} ({len(held)} stories) ({time.perf_counter() - start:.0f}s)")


if __name__ == "__main__":
    main()
