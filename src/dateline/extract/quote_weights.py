"""What the two learned parts of the quotes stage share: a switch in the environment, a
weights file of feature names (`{"bias": b, "weights": {name: w}}`, no text) and the
logistic score over the names an item has. Used by `quote_keep.py` (which attributions to
keep) and `quote_verbs_scored.py` (which verbs outside the lexicons report)."""

from __future__ import annotations

import json
import math
import os
from bisect import bisect_right
from pathlib import Path

OFF = ("0", "off", "no", "false")


def switched_on(variable: str) -> bool:
    """True unless the environment variable says 0/off/no/false."""
    return os.environ.get(variable, "1").strip().lower() not in OFF


def read_weights(path: Path, bias_when_missing: float) -> dict:
    """The weights file; without it, no weights and the given bias (each caller picks the
    bias that makes a missing file harmless: keep everything, add nothing)."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {"bias": bias_when_missing, "weights": {}}


def score(feats: list[str], model: dict) -> float:
    """Logistic probability of an item described by feature names."""
    w = model["weights"]
    z = model["bias"] + sum(w.get(x, 0.0) for x in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def bucket(n: float, edges: tuple[int, ...]) -> int:
    """How many of the (sorted) edges `n` reaches: a count or length as a feature value."""
    return bisect_right(edges, n)
