"""Places accuracy and cost on the GeoWebNews and LGL dev halves.

    .venv/bin/python bench/places_accuracy.py [--data ../shared/data]

Prints, per corpus: recognition P/R/F1 (overlap), accuracy within 161 km and median error,
both from `dateline.evaluate.places` and from the reference scorer in ../shared/scorers;
the places stage's CPU time as a share of nlp.pipe's; and the time a fresh process needs
to load the gazetteer index. `measure(data_dir)` feeds the CI quality gate
(bench/floors/places.json).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data"
CORPORA = ("gwn-dev", "lgl-dev")

sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))

from _reference import reference_scorer  # noqa: E402


def run(data_dir: str | Path, name: str) -> dict:
    from dateline.evaluate import places

    return places.evaluate(Path(data_dir) / "places" / f"{name}.jsonl")


def measure(data_dir: str | Path = DEFAULT_DATA) -> dict[str, float]:
    out = {}
    for name in CORPORA:
        r = run(data_dir, name)
        short = name.split("-")[0]
        out[f"{short}_f1"] = r["recognition"]["f1"]
        out[f"{short}_acc161"] = r["geocoding"]["accuracy_161km"]
    return out


def reference_scores(data_dir: Path, name: str) -> dict | None:
    """The shared reference scorer on the same predictions (None when it is not there)."""
    module = reference_scorer(data_dir, "places")
    if module is None:
        return None
    from dateline.evaluate import places

    rows = places.read_gold(data_dir / "places" / f"{name}.jsonl")
    predicted, _ = places.predict(rows)
    gold = {r["id"]: r for r in rows}
    pred = {k: {"id": k, "places": v} for k, v in predicted.items()}
    return module.score(gold, pred)


def cold_load_seconds() -> float:
    """Gazetteer load time in a fresh interpreter (the index is built first if missing)."""
    code = ("import time,sys; sys.path.insert(0, %r); from dateline.geo import load_gazetteer; "
            "t=time.perf_counter(); load_gazetteer(); print(time.perf_counter()-t)") % str(HERE.parent / "src")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)  # builds the cache if needed
    done = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    return float(done.stdout.strip())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DEFAULT_DATA))
    ap.add_argument("--reference", action="store_true", help="also score with ../shared/scorers/score_places.py")
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "places").is_dir():
        print(f"no gold data at {data}/places")
        return 1
    from dateline.evaluate import places

    print(f"gazetteer load in a fresh process: {cold_load_seconds():.2f} s")
    for name in CORPORA:
        r = run(data, name)
        print(places.format_report(r))
        if args.reference:
            ref = reference_scores(data, name)
            if ref:
                print("  reference scorer:", json.dumps({"recognition_f1": round(ref["recognition"]["f1"], 4),
                                                        "acc_at_161km": round(ref["geocoding"]["acc_at_161km"], 4),
                                                        "median_error_km": round(ref["geocoding"]["median_error_km"], 1)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
