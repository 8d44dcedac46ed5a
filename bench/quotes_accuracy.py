"""Quotes accuracy on PolNeAR (../shared/data/quotes), and the stage's cost next to nlp.pipe.

    .venv/bin/python bench/quotes_accuracy.py [--split dev|train] [--limit N] [--data DIR]

Scores with our own scorer (`dateline.evaluate.quotes`) and cross-checks with the
reference scorer ../shared/scorers/score_quotes.py on the same predictions.
`measure(data_dir)` feeds the quality gate (bench/floors/quotes.json).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from dateline.evaluate import quotes as Q  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data"


def reference_scorer(data_dir: Path):
    path = data_dir.parent / "scorers" / "score_quotes.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_quotes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(data_dir: Path, split: str = "dev", limit: int | None = None) -> dict:
    rows = Q.read_gold(data_dir / "quotes" / f"polnear-{split}.jsonl")[:limit]
    predictions, seconds = Q.predict(rows)
    result = Q.score(rows, predictions)
    result["seconds"] = seconds
    result["stage_share_of_nlp"] = seconds["stage_seconds"] / seconds["nlp_seconds"]
    ref = reference_scorer(data_dir)
    if ref is not None:
        pred_rows = [{"id": r["id"], "quotes": predictions.get(r["id"], [])} for r in rows]
        result["reference"] = ref.score(rows, pred_rows)
    return result


def metrics(result: dict) -> dict[str, float]:
    return {
        "content_overlap_f1": result["content"]["overlap"]["f1"],
        "content_exact_f1": result["content"]["exact"]["f1"],
        "source_overlap_f1": result["source"]["overlap"]["f1"],
        "cue_overlap_f1": result["cue"]["overlap"]["f1"],
        "attribution_f1": result["attribution"]["f1"],
    }


def measure(data_dir: str = str(DEFAULT_DATA)) -> dict[str, float]:
    return metrics(run(Path(data_dir), "dev"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--split", default="dev", choices=("dev", "train"))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "quotes").is_dir():
        print(f"no gold data at {data / 'quotes'}")
        return 1
    result = run(data, args.split, args.limit)
    result["documents"] = len(Q.read_gold(data / "quotes" / f"polnear-{args.split}.jsonl")[:args.limit])
    print(Q.format_report({**result, "seconds": {k: v for k, v in result["seconds"].items()},
                           "stage_share_of_nlp": result["stage_share_of_nlp"]}))
    sec = result["seconds"]
    print(f"entities stage {sec.get('entities_seconds', 0):.2f} s (not counted in the quotes share)")
    ref = result.get("reference")
    if ref:
        print("reference scorer: " + ", ".join(
            f"{role} {m} F1 {ref[role][m]['f1']:.3f}" for role in ("source", "cue", "content")
            for m in ("exact", "overlap")) + f", attribution F1 {ref['attribution_f1']:.3f}")
    for name, value in metrics(result).items():
        print(f"{name}: {value:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
