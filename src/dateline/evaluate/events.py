"""Score extracted events against gold JSONL (PLOVER event-level or document-level files).

Gold lines are `{"id", "text", "published"?, "events": [{"type", "mode"?, "source": [{"code"}],
"target": [{"code"}]}]}` (event level) or `{"id", "text", "doc_type", "doc_mode"?}` (document
level). Scores (see docs/events.md for the exact definitions):

- type:   P/R/F1 over (document, type) pairs;
- triple: P/R/F1 over events; an event matches a gold event of the same type whose source
          code set and target code set each intersect it (or are both empty), one-to-one;
- actors: on type-matched gold events, how often the source and target code sets are exact;
- doc:    for document-level gold, how often the first event's type is the doc_type.

Codes are compared after folding `CODE_MAP` (UN and EU bodies fold into IGO, as the GSR
codes them).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..config import Settings
from ..records import Document
from . import read_gold  # noqa: F401  (read_gold is part of this module's API)

CODE_MAP = {"UNO": "IGO", "EUR": "IGO"}


def predict(rows: list[dict], settings: Settings | None = None) -> dict[str, list[dict]]:
    """Batch-contract `events` lists for gold rows, keyed by id."""
    from ..output import extraction_json
    from ..pipeline import Pipeline

    docs = [Document(r["id"], r["text"], source=r["id"], published=_date(r.get("published") or r.get("date")))
            for r in rows]
    out: dict[str, list[dict]] = {}
    pipeline = Pipeline(settings)
    for batch in pipeline.process(docs):
        for item in batch:
            if hasattr(item, "article"):
                out[item.article.doc_id] = extraction_json(item)["events"]
    return out


def _date(value):
    from datetime import date

    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _codes(actors: Iterable[dict] | None, code_map: dict) -> frozenset:
    out = set()
    for a in actors or ():
        code = (a.get("code") if isinstance(a, dict) else a) or ""
        code = code.strip().upper()
        if code:
            out.add(code_map.get(code, code))
    return frozenset(out)


def _overlap(a: frozenset, b: frozenset) -> bool:
    return (not a and not b) or bool(a & b)


def _jaccard(a: frozenset, b: frozenset) -> float:
    return 1.0 if not a and not b else len(a & b) / len(a | b)


def _match(gold: list[tuple], pred: list[tuple], need_codes: bool) -> list[tuple[int, int]]:
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g[0] == p[0] and (not need_codes or (_overlap(g[1], p[1]) and _overlap(g[2], p[2]))):
                pairs.append((-(_jaccard(g[1], p[1]) + _jaccard(g[2], p[2])), gi, pi))
    pairs.sort()
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in pairs:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "predicted": n_pred, "gold": n_gold}


def score(gold_rows: list[dict], predictions: dict[str, list[dict]], code_map: dict | None = None) -> dict:
    """Scores of predictions (id -> events) against gold rows; pure, no extraction."""
    cmap = CODE_MAP if code_map is None else code_map
    type_tp = type_pred = type_gold = 0
    tri_tp = tri_pred = tri_gold = 0
    src_ok = tgt_ok = matched = mode_ok = mode_n = 0
    doc_first = doc_any = doc_n = 0
    per_type: dict[str, list[int]] = {}
    for row in gold_rows:
        pred = [(str(e.get("type", "")).upper(), _codes(e.get("source"), cmap), _codes(e.get("target"), cmap),
                 e.get("mode")) for e in predictions.get(row["id"], [])]
        ptypes = {p[0] for p in pred}
        if "doc_type" in row:
            doc_n += 1
            doc_first += bool(pred) and pred[0][0] == row["doc_type"]
            doc_any += row["doc_type"] in ptypes
            gtypes = {row["doc_type"]}
        else:
            gold = [(e["type"].upper(), _codes(e.get("source"), cmap), _codes(e.get("target"), cmap),
                     e.get("mode")) for e in row.get("events", [])]
            gtypes = {g[0] for g in gold}
            tri_tp += len(_match(gold, pred, True))
            tri_pred += len(pred)
            tri_gold += len(gold)
            for gi, pi in _match(gold, pred, False):
                matched += 1
                src_ok += gold[gi][1] == pred[pi][1]
                tgt_ok += gold[gi][2] == pred[pi][2]
                if gold[gi][3]:
                    mode_n += 1
                    mode_ok += (pred[pi][3] or "").lower() == gold[gi][3].lower()
        type_tp += len(gtypes & ptypes)
        type_pred += len(ptypes)
        type_gold += len(gtypes)
        for t in gtypes | ptypes:
            c = per_type.setdefault(t, [0, 0, 0])
            c[0] += t in gtypes and t in ptypes
            c[1] += t in ptypes
            c[2] += t in gtypes
    result = {"documents": len(gold_rows), "type": _prf(type_tp, type_pred, type_gold),
              "per_type": {t: _prf(*c) for t, c in sorted(per_type.items())}}
    if tri_gold:
        result["triple"] = _prf(tri_tp, tri_pred, tri_gold)
        result["actors"] = {"matched": matched,
                            "source_accuracy": round(src_ok / matched, 4) if matched else 0.0,
                            "target_accuracy": round(tgt_ok / matched, 4) if matched else 0.0,
                            "code_accuracy": round((src_ok + tgt_ok) / (2 * matched), 4) if matched else 0.0,
                            "mode_accuracy": round(mode_ok / mode_n, 4) if mode_n else None}
    if doc_n:
        result["doc"] = {"documents": doc_n, "first_type_accuracy": round(doc_first / doc_n, 4),
                         "type_among_predicted": round(doc_any / doc_n, 4)}
    return result


def evaluate(gold_path: str | Path, settings: Settings | None = None) -> dict:
    rows = read_gold(gold_path)
    settings = settings or Settings()
    if settings.batch_size < 64:
        settings = replace(settings, batch_size=64)
    result = score(rows, predict(rows, settings))
    result["gold"] = str(gold_path)
    return result


def format_report(result: dict) -> str:
    lines = [f"events: {result.get('gold', '')} ({result['documents']} documents)"]

    def prf(name, d):
        lines.append(f"  {name:<8} P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
                     f"  (tp {d['tp']}, predicted {d['predicted']}, gold {d['gold']})")

    prf("type", result["type"])
    if "triple" in result:
        prf("triple", result["triple"])
        a = result["actors"]
        mode = "n/a" if a["mode_accuracy"] is None else f"{a['mode_accuracy']:.3f}"
        lines.append(f"  actors   source {a['source_accuracy']:.3f}  target {a['target_accuracy']:.3f}"
                     f"  code {a['code_accuracy']:.3f}  mode {mode}  (on {a['matched']} type-matched events)")
    if "doc" in result:
        d = result["doc"]
        lines.append(f"  doc      first type {d['first_type_accuracy']:.3f}  among predicted "
                     f"{d['type_among_predicted']:.3f}  ({d['documents']} documents)")
    lines.append("  per type:")
    for t, d in result["per_type"].items():
        lines.append(f"    {t:<10} P {d['precision']:.2f}  R {d['recall']:.2f}  F1 {d['f1']:.2f}  (gold {d['gold']})")
    return "\n".join(lines)
