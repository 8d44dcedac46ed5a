"""Score the times stage against gold TIMEX3 annotations, TempEval-3 style.

Gold lines are `{"id", "text", "dct" | "published": "YYYY-MM-DD" | null,
"timexes": [{"start", "end", "type", "value", "text"?}]}` with code-point offsets into
`text` (docs/times.md). Each gold text is parsed and run through the times stage as an
article whose text is exactly the gold text, anchored on the gold publication date.

Scores (micro-averaged over all documents):

- strict:  P/R/F1 of predicted spans that equal a gold span exactly (one-to-one);
- relaxed: P/R/F1 of predicted spans that overlap a gold span, matched one-to-one with
           the largest number of pairs (a prediction prefers an exact gold span, then
           the gold span that starts first, then the larger overlap);
- type, value: attribute accuracy over relaxed pairs (identical strings), and F1 =
           accuracy x relaxed F1, as TempEval-3 reports them.
"""

from __future__ import annotations

import time
from dataclasses import replace
from datetime import date
from pathlib import Path

from ..config import Settings
from . import gold_article, read_gold  # noqa: F401  (read_gold is part of this module's API)


def _date(value) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def predict(rows: list[dict], settings: Settings | None = None) -> tuple[dict[str, list[dict]], dict[str, float]]:
    """Predicted times per gold id, and CPU seconds spent in spaCy and in the stage."""
    from ..extract.times import STAGE
    from ..nlp import load_nlp
    from ..records import Extraction

    settings = settings or Settings()
    nlp = load_nlp(settings.model)
    texts = [r["text"] for r in rows]
    clock = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))
    nlp_seconds = time.process_time() - clock
    out: dict[str, list[dict]] = {}
    clock = time.process_time()
    for row, doc in zip(rows, docs):
        article = replace(gold_article(row), published=_date(row.get("dct") or row.get("published")))
        out[row["id"]] = [{"start": t.span.start, "end": t.span.end, "text": t.span.text, "type": t.type,
                           "value": t.value, "rule": t.rule} for t in STAGE(Extraction(article), doc)]
    stage_seconds = time.process_time() - clock
    return out, {"nlp_seconds": nlp_seconds, "stage_seconds": stage_seconds}


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def match_spans(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """One-to-one overlap matching with the most pairs: {pred index: gold index}."""
    def exact(p: dict, g: dict) -> bool:
        return p["start"] == g["start"] and p["end"] == g["end"]

    options = []
    for p in pred:
        hits = [i for i, g in enumerate(gold) if _overlap(p, g) > 0]
        hits.sort(key=lambda i: (not exact(p, gold[i]), gold[i]["start"], -_overlap(p, gold[i]), i))
        options.append(hits)
    holder: dict[int, int] = {}  # gold index -> pred index

    def place(pi: int, visited: set[int]) -> bool:
        for gi in options[pi]:  # a free gold span first
            if gi not in holder and gi not in visited:
                visited.add(gi)
                holder[gi] = pi
                return True
        for gi in options[pi]:  # else move whoever holds one to another
            if gi not in visited:
                visited.add(gi)
                if place(holder[gi], visited):
                    holder[gi] = pi
                    return True
        return False

    order = sorted(range(len(pred)), key=lambda pi: (not any(exact(pred[pi], gold[gi]) for gi in options[pi]),
                                                       pred[pi]["start"], pred[pi]["end"], pi))
    for pi in order:
        if options[pi]:
            place(pi, set())
    return {pi: gi for gi, pi in holder.items()}


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    if n_pred == 0 and n_gold == 0:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def score(gold_rows: list[dict], predicted: dict[str, list[dict]]) -> dict:
    n_gold = n_pred = strict_tp = relaxed_tp = value_ok = type_ok = 0
    for row in gold_rows:
        gold = row.get("timexes") or []
        pred = predicted.get(row["id"], [])
        n_gold += len(gold)
        n_pred += len(pred)
        unused: dict[tuple[int, int], int] = {}
        for g in gold:
            unused[(g["start"], g["end"])] = unused.get((g["start"], g["end"]), 0) + 1
        for p in pred:
            key = (p["start"], p["end"])
            if unused.get(key):
                unused[key] -= 1
                strict_tp += 1
        pairs = match_spans(gold, pred)
        relaxed_tp += len(pairs)
        value_ok += sum(pred[pi]["value"] == gold[gi]["value"] for pi, gi in pairs.items())
        type_ok += sum(pred[pi]["type"] == gold[gi]["type"] for pi, gi in pairs.items())
    relaxed = _prf(relaxed_tp, n_pred, n_gold)

    def attribute(correct: int) -> dict[str, float]:
        acc = correct / relaxed_tp if relaxed_tp else (1.0 if not n_gold and not n_pred else 0.0)
        return {"accuracy": acc, "precision": acc * relaxed["precision"], "recall": acc * relaxed["recall"],
                "f1": acc * relaxed["f1"]}

    return {
        "strict": _prf(strict_tp, n_pred, n_gold),
        "relaxed": relaxed,
        "type": attribute(type_ok),
        "value": attribute(value_ok),
        "counts": {"docs": len(gold_rows), "gold": n_gold, "predicted": n_pred, "strict_matches": strict_tp,
                   "relaxed_matches": relaxed_tp, "type_correct": type_ok, "value_correct": value_ok},
    }


def evaluate(gold_path: str | Path, settings: Settings | None = None) -> dict:
    rows = read_gold(gold_path)
    predicted, timing = predict(rows, settings)
    result = score(rows, predicted)
    result["timing"] = timing
    return result


def format_report(result: dict) -> str:
    lines = [f"{'':8} {'P':>6} {'R':>6} {'F1':>6}"]
    for name in ("strict", "relaxed", "type", "value"):
        s = result[name]
        lines.append(f"{name:8} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")
    c = result["counts"]
    lines.append(f"{c['docs']} documents, {c['gold']} gold and {c['predicted']} predicted time expressions; "
                 f"value accuracy on matched spans {result['value']['accuracy']:.3f}")
    t = result.get("timing")
    if t:
        share = t["stage_seconds"] / t["nlp_seconds"] if t["nlp_seconds"] else 0.0
        lines.append(f"CPU: spaCy {t['nlp_seconds']:.1f} s, times stage {t['stage_seconds']:.2f} s "
                     f"({share:.1%} of spaCy)")
    return "\n".join(lines)
