"""Accuracy and cost of the times stage on TempEval-3 TBAQ (../shared/data/times/tbaq-dev.jsonl).

Prints strict/relaxed span F1, type F1 and value F1 from our scorer and from the shared
TempEval-3 scorer (they must agree), per part of the corpus (TimeBank, AQUAINT), and the
CPU time of the stage against the CPU time of `nlp.pipe` on the same texts.

    .venv/bin/python bench/times_accuracy.py [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

sys.path.insert(0, str(REPO / "bench"))

from _reference import reference_scorer  # noqa: E402
from dateline.evaluate.times import predict, read_gold, score  # noqa: E402

GOLD = "times/tbaq-dev.jsonl"


def _shared_scorer(data_dir: Path):
    return reference_scorer(data_dir, "times")


def run(data_dir: str) -> dict:
    data = Path(data_dir)
    rows = read_gold(data / GOLD)
    predicted, timing = predict(rows)
    ours = score(rows, predicted)
    aquaint = [r for r in rows if r["id"].startswith(("APW", "NYT", "XIE"))]
    parts = {"timebank": score([r for r in rows if r not in aquaint], predicted), "aquaint": score(aquaint, predicted)}
    shared = _shared_scorer(data)
    official = None
    if shared is not None:
        official = shared.score({r["id"]: r for r in rows}, {k: {"id": k, "times": v} for k, v in predicted.items()})
    return {"ours": ours, "parts": parts, "official": official, "timing": timing}


def measure(data_dir: str = str(REPO.parent / "shared" / "data")) -> dict[str, float]:
    r = run(data_dir)["ours"]
    return {"value_f1": r["value"]["f1"], "relaxed_f1": r["relaxed"]["f1"], "strict_f1": r["strict"]["f1"],
            "type_f1": r["type"]["f1"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data"))
    args = ap.parse_args()
    r = run(args.data)
    print(f"{'':22} {'strict':>7} {'relaxed':>7} {'type':>7} {'value':>7}   (F1)")
    rows = [("tbaq-dev (ours)", r["ours"])] + [(f"  {k}", v) for k, v in r["parts"].items()]
    if r["official"]:
        rows.append(("tbaq-dev (TE3 scorer)", r["official"]))
    for name, s in rows:
        print(f"{name:22} {s['strict']['f1']:7.4f} {s['relaxed']['f1']:7.4f} {s['type']['f1']:7.4f} "
              f"{s['value']['f1']:7.4f}")
    print(f"{'HeidelTime (TE3)':22} {'':7} {0.9030:7.4f} {'':7} {0.7761:7.4f}")
    t = r["timing"]
    print(f"CPU seconds: nlp.pipe {t['nlp_seconds']:.2f}, times stage {t['stage_seconds']:.2f} "
          f"= {t['stage_seconds'] / t['nlp_seconds']:.1%} of nlp.pipe")


if __name__ == "__main__":
    main()
