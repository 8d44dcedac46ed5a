"""Train the document-type word model used to rank a story's events (naive Bayes, words only).

    .venv/bin/python bench/events_doctype_train.py [--features 1500]

Reads ../shared/data/events/ngec-synthetic-train.jsonl, leaves out the same seeded 20%
hold-out that bench/events_accuracy.py scores on, and writes
src/dateline/lexicons/event_doctype_words.tsv: for the most type-discriminating words,
the log-probability of the word appearing in a story of each PLOVER type. Only word
statistics are stored, never text. Prints the hold-out accuracy of the word model alone.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from events_accuracy import HOLDOUT_SEED, NGEC  # noqa: E402

OUT = ROOT / "src" / "dateline" / "lexicons" / "event_doctype_words.tsv"


def main() -> None:
    import random

    from dateline.evaluate.events import read_gold
    from dateline.extract.event_doctype import words

    ap = argparse.ArgumentParser()
    ap.add_argument("--features", type=int, default=1500)
    ap.add_argument("--alpha", type=float, default=0.5)
    args = ap.parse_args()
    rows = read_gold(NGEC)
    order = list(range(len(rows)))
    random.Random(HOLDOUT_SEED).shuffle(order)
    held = set(order[: len(rows) // 5])
    train = [r for i, r in enumerate(rows) if i not in held]
    test = [r for i, r in enumerate(rows) if i in held]
    types = sorted({r["doc_type"] for r in rows})
    docs = Counter(r["doc_type"] for r in train)
    seen: dict[str, Counter] = {t: Counter() for t in types}
    df: Counter = Counter()
    for r in train:
        ws = set(words(r["text"]))
        seen[r["doc_type"]].update(ws)
        df.update(ws)
    vocab = [w for w, c in df.items() if c >= 3]
    # Multinomial estimates over the stories' distinct words: log P(word | type), smoothed.
    totals = {t: sum(seen[t][w] for w in vocab) for t in types}
    logp = {w: [math.log((seen[t][w] + args.alpha) / (totals[t] + args.alpha * len(vocab))) for t in types]
            for w in vocab}
    # Only how much a word favours one type over the others matters: centre each row.
    logp = {w: [x - sum(v) / len(v) for x in v] for w, v in logp.items()}
    spread = {w: max(v) for w, v in logp.items()}
    keep = sorted(vocab, key=lambda w: -spread[w])[: args.features]
    with OUT.open("w", encoding="utf-8") as f:
        f.write("# Document-type word model, trained by bench/events_doctype_train.py on word statistics of\n")
        f.write("# the NGEC synthetic stories (no text is stored). Row 'PRIOR' holds log P(type); other rows\n")
        f.write("# hold log P(word | type), centred per word, one column per type in the header's order.\n")
        f.write("word\t" + "\t".join(types) + "\n")
        f.write("PRIOR\t" + "\t".join(f"{math.log(docs[t] / len(train)):.3f}" for t in types) + "\n")
        for w in sorted(keep):
            f.write(w + "\t" + "\t".join(f"{x:.2f}" for x in logp[w]) + "\n")
    from dateline.extract import event_doctype

    event_doctype.load_model.cache_clear()
    ok = sum(event_doctype.best_type(r["text"]) == r["doc_type"] for r in test)
    print(f"wrote {OUT.relative_to(ROOT)} ({len(keep)} words); word model alone on the hold-out: "
          f"{ok / len(test):.3f} ({len(test)} stories)")


if __name__ == "__main__":
    main()
