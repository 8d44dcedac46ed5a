"""Events accuracy and speed on the shared gold data (PLOVER GSR dev, NGEC synthetic stories).

    .venv/bin/python bench/events_accuracy.py [--ngec N] [--reference]

Prints type / triple P, R, F1 and actor-code accuracy on plover-gsr-dev.jsonl, the
document-level type accuracy on a seeded 20% hold-out of ngec-synthetic-train.jsonl (the
first N stories of it; 400 by default), and how much the events stage adds to the time of
nlp.pipe on the same texts. `--reference` also runs the shared reference scorer
(../shared/scorers/score_events.py) on the same predictions. `measure()` returns the
figures pinned in bench/floors/events.json.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

DATA = ROOT.parent / "shared" / "data" / "events"
SCORER = ROOT.parent / "shared" / "scorers" / "score_events.py"
GSR = DATA / "plover-gsr-dev.jsonl"
NGEC = DATA / "ngec-synthetic-train.jsonl"
HOLDOUT_SEED = 20240601  # our own hold-out of the NGEC training file (20%)


def ngec_split(rows: list[dict]) -> tuple[list[int], list[int]]:
    """(training indices, held-out indices): a seeded 20% of every doc_type (stratified).

    The held-out list is in seeded random order, so its first N stories are a fair sample
    (the file is grouped by type). The classifier is trained on the other 80% only.
    """
    rng = random.Random(HOLDOUT_SEED)
    by_type: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_type.setdefault(row.get("doc_type") or "", []).append(i)
    held: list[int] = []
    for doc_type in sorted(by_type):
        idx = by_type[doc_type][:]
        rng.shuffle(idx)
        held.extend(idx[: round(len(idx) * 0.2)])
    rng.shuffle(held)
    taken = set(held)
    return [i for i in range(len(rows)) if i not in taken], held


def ngec_holdout(limit: int | None = None, path: Path = NGEC) -> list[dict]:
    from dateline.evaluate.events import read_gold

    rows = read_gold(path)
    _, held = ngec_split(rows)
    return [rows[i] for i in held[:limit]]


def gsr_scores(path: Path = GSR) -> tuple[dict, dict]:
    from dateline.evaluate.events import predict, read_gold, score

    rows = read_gold(path)
    preds = predict(rows)
    return score(rows, preds), preds


def ngec_scores(limit: int | None, path: Path = NGEC) -> dict:
    """Scores on the first `limit` held-out stories (all with None), plus `doc_events`: how
    many of them lead with a document-level event of the story classifier."""
    from dateline.evaluate.events import predict, score

    rows = ngec_holdout(limit, path)
    preds = predict(rows)
    led = sum(bool(evs) and str(evs[0].get("rule", "")).startswith("events.doctype") for evs in preds.values())
    return {**score(rows, preds), "doc_events": led}


def stage_overhead(texts: list[str]) -> dict:
    """Seconds of nlp.pipe, and of the events stage alone on the same parsed texts."""
    from dateline.extract import default_stages
    from dateline.nlp import load_nlp
    from dateline.pipeline import Pipeline
    from dateline.records import Document

    pipeline = Pipeline()
    articles = [pipeline.clean(Document(f"t{n}", t)) for n, t in enumerate(texts)]
    articles = [a for a in articles if hasattr(a, "body_start")]
    nlp = load_nlp()
    start = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=64))
    nlp_secs = time.perf_counter() - start
    stages = default_stages()
    before, events_stage = stages[:-1], stages[-1]
    prepared = []
    for article, doc in zip(articles, docs):
        ex = Pipeline(stages=before).annotate(article, doc)
        prepared.append((ex, doc))
    start = time.perf_counter()
    for ex, doc in prepared:
        events_stage(ex, doc)
    ev_secs = time.perf_counter() - start
    return {"texts": len(articles), "nlp_pipe_s": round(nlp_secs, 3), "events_stage_s": round(ev_secs, 3),
            "overhead": round(ev_secs / nlp_secs, 4) if nlp_secs else 0.0}


def reference(preds: dict) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for doc_id, events in preds.items():
            f.write(json.dumps({"id": doc_id, "events": events}) + "\n")
    out = subprocess.run([sys.executable, str(SCORER), str(GSR), f.name, "--code-map", "UNO=IGO",
                          "--code-map", "EUR=IGO"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def measure(data_dir: str | None = None, ngec_limit: int = 400) -> dict[str, float]:
    """The floored figures; `data_dir` is the shared data folder (default ../shared/data)."""
    events = Path(data_dir) / "events" if data_dir else DATA
    gsr, _ = gsr_scores(events / GSR.name)
    ngec = ngec_scores(ngec_limit, events / NGEC.name)
    return {
        "gsr type f1": gsr["type"]["f1"],
        "gsr triple f1": gsr["triple"]["f1"],
        "gsr actor code accuracy": gsr["actors"]["code_accuracy"],
        "ngec doc first type accuracy": ngec["doc"]["first_type_accuracy"],
        "ngec_first_type_acc": ngec["doc"]["first_type_accuracy"],
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ngec", type=int, default=400, help="hold-out stories to score (of 799; 0: all)")
    ap.add_argument("--reference", action="store_true", help="also run the shared reference scorer")
    args = ap.parse_args()
    from dateline.evaluate.events import format_report

    start = time.perf_counter()
    gsr, preds = gsr_scores()
    print(format_report({**gsr, "gold": GSR.name}))
    if args.reference:
        ref = reference(preds)
        print("reference scorer:", json.dumps({k: ref[k] for k in ("type", "triple") if k in ref}))
    ngec = ngec_scores(args.ngec or None)
    d = ngec["doc"]
    print(f"ngec hold-out ({d['documents']} stories): first type {d['first_type_accuracy']:.3f}, "
          f"type among predicted {d['type_among_predicted']:.3f}; {ngec['doc_events']} lead with a "
          f"document-level event")
    from dateline.extract.event_doctype import best_type

    held = ngec_holdout(None)
    alone = sum((best_type(r["text"], require_story=False) or ("",))[0] == r["doc_type"] for r in held)
    print(f"story classifier alone on the whole hold-out ({len(held)} stories): {alone / len(held):.3f}")
    texts = [r["text"] for r in ngec_holdout(200)]
    speed = stage_overhead(texts)
    print(f"speed on {speed['texts']} stories: nlp.pipe {speed['nlp_pipe_s']}s, events stage "
          f"{speed['events_stage_s']}s -> +{100 * speed['overhead']:.1f}% of nlp.pipe")
    print(f"({time.perf_counter() - start:.0f}s)")


if __name__ == "__main__":
    main()
