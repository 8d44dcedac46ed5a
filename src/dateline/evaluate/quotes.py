"""Score the quotes stage against gold attributions (PolNeAR-style JSONL, docs/quotes.md).

Gold lines are `{"id", "text", "attributions": [{"source": [SPAN...], "cue": [SPAN...],
"content": [SPAN...]}]}` with SPAN = `{"start", "end"}` code-point offsets into `text`.
Each gold text is parsed and run through the entities and quotes stages as an article
whose text is exactly the gold text. Continuation quotes are joined to the quote they
continue first (`as_attributions`), because the gold counts a quote and its
continuations as one attribution.

A role item is the set of fragments of one role in one attribution, normalised the
same way on both sides: whitespace trimmed, fragments sorted, and fragments that
overlap, touch or are separated only by whitespace merged. Per role (source, cue,
content), micro-averaged over documents:

- exact:   a predicted item equals a gold item (each gold item matched at most once);
- overlap: a predicted item shares at least half of a gold item's characters; pairs
           are taken one-to-one, largest overlap first;
- attribution: a quote matches a gold attribution when its content matches under the
           overlap rule and its speaker matches the gold source under the overlap rule
           (or both are missing).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..config import Settings
from . import read_gold, run_stage_on_gold  # noqa: F401  (read_gold is part of this module's API)

ROLES = (("source", "speaker"), ("cue", "cue"), ("content", "content"))
MIN_SHARE = 0.5
Item = tuple[tuple[int, int], ...]


def predict(rows: list[dict], settings: Settings | None = None) -> tuple[dict[str, list[dict]], dict[str, float]]:
    """Predicted attributions per gold id (batch-contract quote shape), and CPU seconds
    spent in nlp.pipe, in the entities stage and in the quotes stage."""
    from ..extract import quotes

    results, seconds = run_stage_on_gold(rows, quotes.STAGE, settings or Settings())
    out = {row["id"]: [quote_json(q) for q in quotes.as_attributions(found)] for row, found in results}
    return out, seconds


def quote_json(q) -> dict:
    def span(s):
        return None if s is None else {"start": s.start, "end": s.end, "text": s.text}

    return {"speaker": span(q.speaker), "speaker_entity": q.speaker_entity, "cue": span(q.cue),
            "content": [span(s) for s in q.content], "kind": q.kind, "rule": q.rule}


def normalise(spans, text: str) -> Item:
    """Spans (a SPAN, a list of SPANs or None) -> merged, trimmed, sorted fragments."""
    if spans is None:
        spans = []
    elif isinstance(spans, dict):
        spans = [spans]
    frags = []
    for sp in spans:
        if not sp:
            continue
        s, e = max(0, sp["start"]), min(len(text), sp["end"])
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            frags.append((s, e))
    merged: list[tuple[int, int]] = []
    for s, e in sorted(frags):
        if merged and (s <= merged[-1][1] or not text[merged[-1][1]:s].strip()):
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return tuple(merged)


def shared(a: Item, b: Item) -> int:
    return sum(max(0, min(e1, e2) - max(s1, s2)) for s1, e1 in a for s2, e2 in b)


def covers(gold: Item, pred: Item) -> int:
    """Characters shared when they reach half of the gold item, else 0."""
    if not gold or not pred:
        return 0
    n = shared(gold, pred)
    return n if n and n >= MIN_SHARE * sum(e - s for s, e in gold) else 0


def one_to_one(pairs: list[tuple]) -> int:
    """pairs: (sort key, gold index, pred index); best key first, each side used once."""
    used_g, used_p, n = set(), set(), 0
    for _, g, p in sorted(pairs):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            n += 1
    return n


def score(gold_rows: list[dict], predictions: dict[str, list[dict]]) -> dict:
    counts = {role: Counter() for role, _ in ROLES}
    att = Counter()
    for row in gold_rows:
        text = row["text"]
        gold = [{role: normalise(a.get(role), text) for role, _ in ROLES} for a in row.get("attributions") or []]
        pred = [{role: normalise(q.get(key), text) for role, key in ROLES} for q in predictions.get(row["id"], [])]
        for role, _ in ROLES:
            g_items = [a[role] for a in gold if a[role]]
            p_items = [q[role] for q in pred if q[role]]
            c = counts[role]
            c["gold"] += len(g_items)
            c["pred"] += len(p_items)
            c["exact"] += sum((Counter(g_items) & Counter(p_items)).values())
            c["overlap"] += one_to_one([((-ov, gi, pi), gi, pi) for gi, g in enumerate(g_items)
                                        for pi, p in enumerate(p_items) if (ov := covers(g, p))])
        pairs = []
        for gi, g in enumerate(gold):
            for pi, p in enumerate(pred):
                cov = covers(g["content"], p["content"])
                if not cov:
                    continue
                src = covers(g["source"], p["source"])
                if (g["source"] or p["source"]) and not src:
                    continue
                pairs.append(((-cov, -src, gi, pi), gi, pi))
        att["matched"] += one_to_one(pairs)
        att["gold"] += len(gold)
        att["pred"] += len(pred)
    result: dict = {}
    for role, _ in ROLES:
        c = counts[role]
        result[role] = {m: prf(c[m], c["gold"], c["pred"]) for m in ("exact", "overlap")}
    result["attribution"] = prf(att["matched"], att["gold"], att["pred"])
    result["documents"] = len(gold_rows)
    return result


def prf(matched: int, gold: int, pred: int) -> dict:
    p = matched / pred if pred else float(gold == 0)
    r = matched / gold if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "matched": matched, "gold": gold, "pred": pred}


def evaluate(gold_path: str | Path, settings: Settings | None = None) -> dict:
    rows = read_gold(gold_path)
    predictions, seconds = predict(rows, settings)
    result = score(rows, predictions)
    result["seconds"] = {k: round(v, 3) for k, v in seconds.items()}
    nlp_s = seconds.get("nlp_seconds") or 0.0
    result["stage_share_of_nlp"] = round(seconds.get("stage_seconds", 0.0) / nlp_s, 4) if nlp_s else None
    return result


def format_report(d: dict) -> str:
    lines = [f"quotes: {d['documents']} documents", f"{'role':<12}{'match':<9}{'P':>7}{'R':>7}{'F1':>7}"]
    for role in ("source", "cue", "content"):
        for m in ("exact", "overlap"):
            s = d[role][m]
            lines.append(f"{role:<12}{m:<9}{s['precision']:>7.3f}{s['recall']:>7.3f}{s['f1']:>7.3f}")
    a = d["attribution"]
    lines.append(f"{'attribution':<21}{a['precision']:>7.3f}{a['recall']:>7.3f}{a['f1']:>7.3f}"
                 f"   ({a['matched']} of {a['gold']} gold, {a['pred']} predicted)")
    if d.get("seconds"):
        sec = d["seconds"]
        share = d.get("stage_share_of_nlp")
        lines.append(f"time: nlp.pipe {sec.get('nlp_seconds', 0):.2f} s, quotes stage "
                     f"{sec.get('stage_seconds', 0):.2f} s" + (f" ({share:.1%} of nlp.pipe)" if share is not None else ""))
    return "\n".join(lines)
