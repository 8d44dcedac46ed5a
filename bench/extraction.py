"""Article-extraction benchmark: body, title, authors and date against gold data.

Reads `../shared/data/extraction` (relative to the repository):
  scrapinghub-dev.jsonl       HTML pages            -> body P/R/F1
  scrapinghub-text-dev.jsonl  boilerplated text     -> body P/R/F1 (the {"id","text"} path)
  naeb-dev.jsonl              HTML + title/authors/date
Each page goes through `dateline.clean.clean_document` exactly as in the pipeline (no NLP
is needed, so this is fast); predictions are written as batch-contract JSONL and scored
with `../shared/scorers/score_body.py`.

    .venv/bin/python bench/extraction.py [--set NAME] [--out DIR] [--per-doc]
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "extraction"
SCORER = REPO.parent / "shared" / "scorers" / "score_body.py"
sys.path.insert(0, str(REPO / "src"))

SETS = {
    "scrapinghub": ("scrapinghub-dev.jsonl", "html"),
    "scrapinghub-text": ("scrapinghub-text-dev.jsonl", "text"),
    "naeb": ("naeb-dev.jsonl", "html"),
}


def _scorer():
    spec = importlib.util.spec_from_file_location("score_body", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_gold(name: str, data: Path = DATA) -> list[dict]:
    path = data / SETS[name][0]
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def predict(record: dict, kind: str, data: Path = DATA) -> dict:
    from dateline.clean import clean_document
    from dateline.config import Settings
    from dateline.records import Document, Rejected

    if kind == "html":
        raw = gzip.decompress((data / record["html_file"]).read_bytes()).decode("utf-8", errors="replace")
        doc = Document(id=record["id"], raw=raw, kind="html", url=record.get("url"))
    else:
        doc = Document(id=record["id"], raw=record["text"], kind="text")
    result = clean_document(doc, Settings())
    if isinstance(result, Rejected):
        return {"id": record["id"], "rejected": result.reason}
    return {"id": record["id"], "body": result.body, "title": result.title, "authors": list(result.authors),
            "published": result.published.isoformat() if result.published else None}


def _warm_up() -> None:
    """Load trafilatura and the language model once, so ms/doc is the per-document cost."""
    from dateline.clean import clean_document
    from dateline.config import Settings
    from dateline.records import Document

    page = "<html><body><article><h1>Warm up</h1><p>" + "A sentence to read. " * 30 + "</p></article></body></html>"
    clean_document(Document(id="warm", raw=page, kind="html"), Settings())


def run_set(name: str, out_dir: Path | None = None, per_doc: bool = False, data: Path = DATA) -> dict:
    gold = load_gold(name, data)
    kind = SETS[name][1]
    _warm_up()
    started = time.perf_counter()
    preds = [predict(g, kind, data) for g in gold]
    elapsed = time.perf_counter() - started
    scorer = _scorer()
    result, rows = scorer.score({g["id"]: g for g in gold}, {p["id"]: p for p in preds}, n_bootstrap=0)
    result["ms_per_doc"] = 1000 * elapsed / max(1, len(gold))
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
        with (out_dir / f"{name}.pred.jsonl").open("w", encoding="utf-8") as f:
            for p in preds:
                f.write(json.dumps(p, ensure_ascii=False) + "\n")
        if per_doc:
            with (out_dir / f"{name}.per-doc.jsonl").open("w", encoding="utf-8") as f:
                for r in rows:
                    f.write(json.dumps(r) + "\n")
    return result


def measure(data_dir: str | None = None) -> dict[str, float]:
    """The metrics named in bench/floors/extraction.json (`data_dir`: the shared data folder)."""
    data = Path(data_dir) / "extraction" if data_dir else DATA
    out: dict[str, float] = {}
    sh = run_set("scrapinghub", data=data)
    out["scrapinghub html body f1"] = sh["body"]["f1"]
    tx = run_set("scrapinghub-text", data=data)
    out["scrapinghub text body f1"] = tx["body"]["f1"]
    out["scrapinghub text body precision"] = tx["body"]["precision"]
    nb = run_set("naeb", data=data)
    out["naeb body f1"] = nb["body"]["f1"]
    out["naeb title accuracy"] = nb["title"]["accuracy"]
    out["naeb author f1"] = nb["authors"]["f1"]
    out["naeb date accuracy"] = nb["date"]["accuracy"]
    return {k: round(v, 4) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=sorted(SETS), action="append", help="only these sets (repeatable)")
    ap.add_argument("--out", type=Path, help="write predictions (and --per-doc scores) here")
    ap.add_argument("--per-doc", action="store_true")
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"no gold data at {DATA}", file=sys.stderr)
        return 2
    for name in args.set or list(SETS):
        r = run_set(name, args.out, args.per_doc)
        b = r["body"]
        line = f"{name:17s} body F1 {b['f1']:.4f}  P {b['precision']:.4f}  R {b['recall']:.4f}  acc {b['accuracy']:.3f}"
        if "title" in r:
            line += f"  title {r['title']['accuracy']:.3f}"
        if "authors" in r:
            line += f"  authors F1 {r['authors']['f1']:.3f}"
        if "date" in r:
            line += f"  date {r['date']['accuracy']:.3f}"
        line += f"  rejected {r['n_rejected']}  {r['ms_per_doc']:.1f} ms/doc"
        print(line, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
