"""CI quality gate: score Dateline on the gold data and fail below pinned floors.

Every `bench/floors/NAME.json` holds {"metric": floor}. The bench module
`bench/NAME.py` (or `bench/NAME_accuracy.py`) provides `measure(data_dir) -> dict`.
Floors only go up: `--pin` raises a floor to (measured - margin) and refuses to lower
one unless `--allow-lower` is given.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FLOORS = HERE / "floors"


def load_bench(name: str):
    for candidate in (HERE / f"{name}.py", HERE / f"{name}_accuracy.py"):
        if candidate.exists():
            spec = importlib.util.spec_from_file_location(f"bench_{name}", candidate)
            module = importlib.util.module_from_spec(spec)
            sys.path.insert(0, str(HERE))
            spec.loader.exec_module(module)
            return module
    raise SystemExit(f"no bench module for floors/{name}.json")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(HERE.parent.parent / "shared" / "data"), help="gold data folder")
    ap.add_argument("--only", help="comma-separated floor names")
    ap.add_argument("--pin", action="store_true", help="raise floors to measured minus --margin")
    ap.add_argument("--margin", type=float, default=0.015)
    ap.add_argument("--allow-lower", action="store_true")
    args = ap.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"quality gate skipped: {data} not found")
        return 0
    failed = []
    for floors_file in sorted(FLOORS.glob("*.json")):
        name = floors_file.stem
        if args.only and name not in args.only.split(","):
            continue
        floors = json.loads(floors_file.read_text())
        started = time.perf_counter()
        measured = load_bench(name).measure(str(data))
        took = time.perf_counter() - started
        print(f"[{name}] ({took:.0f} s)")
        for metric, floor in floors.items():
            value = measured.get(metric)
            ok = value is not None and value >= floor
            print(f"  {'ok  ' if ok else 'FAIL'} {metric}: {value if value is None else round(value, 4)} (floor {floor})")
            if not ok:
                failed.append(f"{name}.{metric}")
            if args.pin and value is not None:
                target = round(value - args.margin, 3)
                if target > floor or args.allow_lower:
                    floors[metric] = target
        if args.pin:
            floors_file.write_text(json.dumps(floors, indent=2) + "\n")
    if failed:
        print("quality gate FAILED: " + ", ".join(failed))
        return 1
    print("quality gate passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
