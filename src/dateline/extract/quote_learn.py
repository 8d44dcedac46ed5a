"""Learn extra cue verbs and frames from annotated attributions (PolNeAR-style JSONL).

The hand-written lexicon (`lexicons/quote_verbs.tsv`) covers the common cue verbs.
This script tries every other verb with every frame on the training articles (and
each hand verb with the frames its row lacks, after its own), counts
how often the content it yields matches a gold content (at least half of it
covered), and writes the (verb, frame) pairs that are right often enough (a hand
verb's extra frame at least `HAND_PRECISION` of the time) to
`lexicons/quote_verbs_learned.tsv`: a small, readable table that the rules then use
like the hand lexicon. Rerun it to refresh the table:

    .venv/bin/python -m dateline.extract.quote_learn ../shared/data/quotes/polnear-train.jsonl

Options: --min-precision (default 0.3), --min-count (default 2), --docbin FILE to
reuse parses saved with spaCy's DocBin.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from importlib import resources
from pathlib import Path

from .quote_marks import find_quotes
from .quote_lexicon import hand_frames, verb_frames
from .quote_rules import OPEN_FRAMES, verb_candidates

HAND_PRECISION = 0.5  # an extra frame for a verb of the hand lexicon must be right at least this often

HEADER = """# Cue verbs and frames learned from annotated attributions by dateline.extract.quote_learn.
# lemma<TAB>frames (best first)<TAB>matched/tried per frame on the training articles.
# Generated: edit quote_verbs.tsv by hand instead, and rerun the script to refresh this file.
"""


def _items(spans, text):
    out = []
    for s, e in sorted((sp["start"], sp["end"]) if isinstance(sp, dict) else sp for sp in spans):
        if out and (s <= out[-1][1] or not text[out[-1][1]:s].strip()):
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def _covered(gold, pred) -> bool:
    n = sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in gold for s2, e2 in pred)
    return n > 0 and n >= 0.5 * sum(e - s for s, e in gold)


def _touches(gold, span) -> bool:
    return any(s < span[1] and span[0] < e for s, e in gold)


def frame_counts(rows: list[dict], docs) -> dict[tuple[str, str], Counter]:
    """(lemma, frame) -> Counter(tried, matched) for verbs outside the hand lexicon and for
    the frames a hand verb's row lacks (tried only where its own frames find nothing)."""
    hand = hand_frames()
    counts: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for row, doc in zip(rows, docs):
        text = row["text"]
        gold = [(_items(a["content"], text), _items(a["cue"], text)) for a in row.get("attributions") or []]
        for c in verb_candidates(doc, text, find_quotes(text), open_frames=True):
            lemma, _, frame = c.rule.partition("-")
            frame = frame.replace("+quote", "")
            if frame in hand.get(lemma.casefold(), ()) or not (frame in OPEN_FRAMES or frame.startswith("pobj:")):
                continue  # a hand frame, or a rule that is not a frame (passive, interrupted, …)
            key = (lemma.casefold(), frame)
            counts[key]["tried"] += 1
            counts[key]["matched"] += any(_covered(g, c.content) and _touches(cue, c.cue) for g, cue in gold)
    return counts


def learned_rows(counts, min_precision: float, min_count: int, hand_precision: float = HAND_PRECISION) -> list[str]:
    by_lemma: dict[str, list[tuple[float, str, Counter]]] = defaultdict(list)
    hand = hand_frames()
    for (lemma, frame), c in counts.items():
        if not frame or c["matched"] < min_count:
            continue
        precision = c["matched"] / c["tried"]
        if precision >= (max(min_precision, hand_precision) if lemma in hand else min_precision):
            by_lemma[lemma].append((precision, frame, c))
    rows = []
    for lemma in sorted(by_lemma):
        frames = sorted(by_lemma[lemma], key=lambda x: -x[0])
        stats = " ".join(f"{f}={c['matched']}/{c['tried']}" for _, f, c in frames)
        rows.append(f"{lemma}\t{','.join(f for _, f, _ in frames)}\t{stats}")
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", help="training JSONL: id, text, attributions")
    ap.add_argument("--docbin", help="spaCy DocBin with the parses of the gold texts, in order")
    ap.add_argument("--min-precision", type=float, default=0.3)
    ap.add_argument("--min-count", type=int, default=2)
    ap.add_argument("--skip", type=int, default=0, help="leave out the first N articles (held out)")
    ap.add_argument("-o", "--output", default=None, help="where to write [default: the package lexicon]")
    args = ap.parse_args(argv)
    from ..nlp import load_nlp

    nlp = load_nlp()
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    if args.docbin:
        from spacy.tokens import DocBin

        docs = list(DocBin().from_disk(args.docbin).get_docs(nlp.vocab))
    else:
        docs = list(nlp.pipe((r["text"] for r in rows), batch_size=32))
    rows, docs = rows[args.skip:], docs[args.skip:]
    verb_frames.cache_clear()
    out = learned_rows(frame_counts(rows, docs), args.min_precision, args.min_count)
    target = Path(args.output) if args.output else Path(str(resources.files("dateline.lexicons"))) / "quote_verbs_learned.tsv"
    target.write_text(HEADER + "\n".join(out) + "\n", encoding="utf-8")
    print(f"{len(out)} verbs written to {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
