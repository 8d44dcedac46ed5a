"""Score the places stage against gold toponyms (GeoWebNews/LGL-style JSONL, docs/places.md).

Gold lines are `{"id", "text", "toponyms": [{"start", "end", "text", "lat", "lon",
"geonameid"?, "type"?}]}` with code-point offsets into `text` (lat/lon may be null). Each
gold text is parsed and run through the entities and places stages as an article whose
text is exactly the gold text, so predicted offsets are gold offsets.

- recognition: a predicted place matches a gold toponym when their spans overlap; pairs
  are one-to-one (maximum matching, an exact-span pair preferred, then the earliest
  overlapping gold). precision = matched / predicted, recall = matched / gold.
- geocoding: over matched pairs whose gold has coordinates, the great-circle error in km
  (a prediction without coordinates counts 20,039 km, half the Earth's circumference);
  accuracy = share of errors within 161 km (100 miles), plus the median and mean error.
- `ignore_types`: gold toponyms of these types (GWN's Demonym, Language, Homonym) are left
  out, and a prediction that only overlaps such a toponym counts neither way.
"""

from __future__ import annotations

import math
import statistics
import time
from pathlib import Path

from ..config import Settings
from . import read_gold, run_stage_on_gold  # noqa: F401  (read_gold is part of this module's API)

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = 20039.0
WITHIN_KM = 161.0


def predict(rows: list[dict], settings: Settings | None = None) -> tuple[dict[str, list[dict]], dict[str, float]]:
    """Predicted places per gold id (batch-contract place shape), and CPU seconds spent in
    nlp.pipe, in the entities stage, in the places stage and in loading the gazetteer."""
    from ..extract import places
    from ..geo import load_gazetteer

    settings = settings or Settings()
    clock = time.perf_counter()
    load_gazetteer()
    load_seconds = time.perf_counter() - clock
    results, seconds = run_stage_on_gold(rows, places.STAGE, settings)
    out = {row["id"]: [place_json(p) for p in found] for row, found in results}
    return out, {**seconds, "gazetteer_load_seconds": load_seconds}


def place_json(p) -> dict:
    return {"start": p.span.start, "end": p.span.end, "text": p.span.text, "name": p.name, "lat": p.lat,
            "lon": p.lon, "country": p.country, "feature": p.feature, "geonameid": p.geonameid, "rule": p.rule}


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def _overlaps(a: dict, b: dict) -> bool:
    return max(a["start"], b["start"]) < min(a["end"], b["end"])


def match(gold: list[dict], pred: list[dict]) -> dict[int, int]:
    """One-to-one overlap pairs, pred index -> gold index (augmenting paths: maximum matching)."""
    options = []
    for p in pred:
        cands = [gi for gi, g in enumerate(gold) if _overlaps(p, g)]
        cands.sort(key=lambda gi: ((gold[gi]["start"], gold[gi]["end"]) != (p["start"], p["end"]), gold[gi]["start"]))
        options.append(cands)
    owner: dict[int, int] = {}

    def claim(pi: int, seen: set[int]) -> bool:
        for gi in options[pi]:
            if gi not in seen and gi not in owner:
                seen.add(gi)
                owner[gi] = pi
                return True
        for gi in options[pi]:
            if gi in seen:
                continue
            seen.add(gi)
            if claim(owner[gi], seen):
                owner[gi] = pi
                return True
        return False

    exact_first = sorted(range(len(pred)), key=lambda pi: (
        not any((gold[gi]["start"], gold[gi]["end"]) == (pred[pi]["start"], pred[pi]["end"]) for gi in options[pi]),
        pred[pi]["start"]))
    for pi in exact_first:
        claim(pi, set())
    return {pi: gi for gi, pi in owner.items()}


def score(gold_rows: list[dict], predicted: dict[str, list[dict]], ignore_types: tuple[str, ...] = ()) -> dict:
    tp = n_gold = n_pred = 0
    errors: list[float] = []
    unresolved = 0
    for row in gold_rows:
        all_gold = row.get("toponyms", [])
        gold = [g for g in all_gold if g.get("type") not in ignore_types]
        ignored = [g for g in all_gold if g.get("type") in ignore_types]
        pred = predicted.get(row["id"], [])
        pairs = match(gold, pred)
        kept = [pi for pi in range(len(pred)) if pi in pairs or not any(_overlaps(pred[pi], g) for g in ignored)]
        n_gold += len(gold)
        n_pred += len(kept)
        tp += len(pairs)
        for pi, gi in pairs.items():
            g, p = gold[gi], pred[pi]
            if g.get("lat") is None or g.get("lon") is None:
                continue
            if p.get("lat") is None or p.get("lon") is None:
                unresolved += 1
                errors.append(MAX_ERROR_KM)
            else:
                errors.append(haversine_km((g["lat"], g["lon"]), (p["lat"], p["lon"])))
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "recognition": {"precision": precision, "recall": recall, "f1": f1, "tp": tp,
                        "fp": n_pred - tp, "fn": n_gold - tp},
        "geocoding": {
            "pairs": len(errors),
            "pairs_without_coordinates": unresolved,
            "accuracy_161km": sum(e <= WITHIN_KM for e in errors) / len(errors) if errors else None,
            "median_error_km": statistics.median(errors) if errors else None,
            "mean_error_km": sum(errors) / len(errors) if errors else None,
        },
        "counts": {"documents": len(gold_rows), "gold_toponyms": n_gold, "predicted_places": n_pred},
    }


def evaluate(gold_path: str | Path, settings: Settings | None = None, ignore_types: tuple[str, ...] = ()) -> dict:
    rows = read_gold(gold_path)
    predicted, seconds = predict(rows, settings)
    result = score(rows, predicted, ignore_types)
    result["gold"] = str(gold_path)
    result["seconds"] = {k: round(v, 3) for k, v in seconds.items()}
    nlp = seconds.get("nlp_seconds") or 0.0
    result["seconds"]["stage_share_of_nlp"] = round(seconds.get("stage_seconds", 0.0) / nlp, 4) if nlp else None
    if ignore_types:
        result["ignore_types"] = list(ignore_types)
    return result


def format_report(result: dict) -> str:
    rec, geo, n = result["recognition"], result["geocoding"], result["counts"]

    def num(v, fmt="{:.3f}"):
        return "-" if v is None else fmt.format(v)

    lines = [
        f"places: {result.get('gold', '')}  ({n['documents']} documents, {n['gold_toponyms']} gold toponyms, "
        f"{n['predicted_places']} predicted)",
        f"  recognition (overlap)  P {num(rec['precision'])}  R {num(rec['recall'])}  F1 {num(rec['f1'])}"
        f"  (tp {rec['tp']}, fp {rec['fp']}, fn {rec['fn']})",
        f"  geocoding  accuracy@161km {num(geo['accuracy_161km'])}  median {num(geo['median_error_km'], '{:.1f}')} km"
        f"  mean {num(geo['mean_error_km'], '{:.0f}')} km  over {geo['pairs']} pairs"
        f" ({geo['pairs_without_coordinates']} without coordinates)",
    ]
    s = result.get("seconds")
    if s:
        lines.append(f"  time  nlp.pipe {s.get('nlp_seconds', 0):.2f} s, places stage {s.get('stage_seconds', 0):.2f} s"
                     f" ({100 * (s.get('stage_share_of_nlp') or 0):.1f}% of nlp), gazetteer load "
                     f"{s.get('gazetteer_load_seconds', 0):.2f} s")
    return "\n".join(lines)
