"""Score `dateline extract` on the specimen story with ../shared/examples/check_example.py.

Prints the checks per section and returns the pass rate of each section for the
quality gate (bench/floors/specimen.json).

    .venv/bin/python bench/specimen.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SECTIONS = ("article", "entities", "places", "times", "quotes", "events")
REPO = Path(__file__).resolve().parent.parent


def run_checks(shared: Path) -> dict[str, tuple[int, int, list[str]]]:
    examples = shared / "examples"
    expected = examples / "putin-china-olympics.expected.json"
    spec = json.loads(expected.read_text())
    text = (examples / spec["input"]["file"]).read_text()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text(json.dumps({"id": "seed", "text": text, "published": spec["input"]["published"]}) + "\n")
        subprocess.run([sys.executable, "-m", "dateline", "extract", str(src), "-o", str(out)], check=True,
                       capture_output=True)
        results = {}
        for section in SECTIONS:
            proc = subprocess.run([sys.executable, str(examples / "check_example.py"), str(expected), str(out),
                                   "--only", section], capture_output=True, text=True)
            lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(("PASS", "FAIL"))]
            results[section] = (sum(ln.startswith("PASS") for ln in lines), len(lines), lines)
    return results


def measure(data_dir: str) -> dict[str, float]:
    shared = Path(data_dir).resolve().parent
    return {f"{s} checks": (p / n if n else 1.0) for s, (p, n, _) in run_checks(shared).items()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    args = ap.parse_args()
    for section, (passed, total, lines) in run_checks(Path(args.shared)).items():
        print(f"{section}: {passed}/{total}")
        for ln in lines:
            if ln.startswith("FAIL"):
                print("   ", ln)


if __name__ == "__main__":
    main()
