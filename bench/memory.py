"""Memory benchmark: peak RSS of a worker, and whether it stays flat as the corpus grows.

Builds a corpus of N documents by varying the BBC texts (sentences shuffled, numbers
changed, invented names and places added, so that the vocabulary keeps growing as
news vocabulary does), then runs `dateline run --workers 1` on it in a fresh process,
where the one process is both the worker (model, stages) and the writer (story index,
DuckDB). With `--role worker` the process does only what one worker process of
`--workers N` does (clean, nlp, stages, signatures), without the writer. RSS is
sampled after every batch; it prints RSS after the first 2,000 documents, at the
end, and the peak.

`--stages none` runs no extract stages and `--nlp tokenizer` only spaCy's tokenizer:
reduced runs that make a 50,000-document measurement fit in a short time on a busy
machine (they still exercise ingest, cleaning, the vocabulary, stories and storage).

    .venv/bin/python bench/memory.py --docs 2000
    .venv/bin/python bench/memory.py --docs 50000 --stages none --nlp tokenizer [--role worker]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from dateline.config import Settings  # noqa: E402

SYLLABLES = ["ka", "lo", "ver", "mi", "dan", "sho", "ru", "tel", "an", "bo", "zi", "mar", "ne", "qu", "os"]


def invented_name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def varied_corpus(n: int, out: Path, data_dir: Path = DATA, seed: int = 1) -> Path:
    rng = random.Random(seed)
    base = [json.loads(line) for line in (Path(data_dir) / "corpora" / "bbc.jsonl").open(encoding="utf-8")]
    with out.open("w", encoding="utf-8") as fh:
        for i in range(n):
            doc = base[i % len(base)]
            paras = doc["text"].split("\n\n")
            lede, rest = paras[0], paras[1:]
            rng.shuffle(rest)
            text = "\n\n".join([lede, *rest])
            text = re.sub(r"\d+", lambda m: str(rng.randint(1, 9999)), text)
            person, place = invented_name(rng), invented_name(rng)
            text += (f"\n\n{person} {invented_name(rng)}, who follows the subject in {place}, said the news "
                     f"would be discussed again on {rng.choice(['Monday', 'Friday'])}.")
            fh.write(json.dumps({"id": f"v{i}", "title": doc.get("title"), "text": text}) + "\n")
    return out


def _child(args: argparse.Namespace) -> None:
    """Runs in a fresh process: the measured worker + writer."""
    from dateline.extract import default_stages
    from dateline.nlp import load_nlp
    from dateline.pipeline import Pipeline
    from dateline.run import local

    settings = Settings(db=args.db, batch_size=args.batch_size, nlp_reload_docs=args.nlp_reload_docs)

    class Reduced(Pipeline):
        @property
        def nlp(self):
            nlp = load_nlp(self.settings.model)
            if args.nlp == "tokenizer":
                nlp.select_pipes(disable=list(nlp.pipe_names))
            return nlp

    stages = default_stages() if args.stages == "full" else []
    local.Pipeline = lambda settings: Reduced(settings, stages=stages)  # used by the run's worker set-up
    samples: list[tuple[int, float]] = []
    done = 0

    def progress(k: int) -> None:
        nonlocal done
        done += k
        samples.append((done, _rss_mb()))

    started = time.perf_counter()
    if args.role == "worker":  # what one worker process does: clean, nlp, stages, signatures
        from itertools import islice

        from dateline.ingest import read_inputs

        items = read_inputs([args.corpus], settings)
        local._init_worker(settings)
        while batch := list(islice(items, settings.batch_size)):
            local.process_batch(batch)
            progress(len(batch))
        stored = 0
    else:  # the whole run in one process: worker and writer (store, story index)
        stored = local.run_local([args.corpus], settings, progress=progress).stored
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"docs": done, "stored": stored, "seconds": time.perf_counter() - started,
                      "peak_mb": peak, "samples": samples}))


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--stages", choices=["full", "none"], default="full")
    ap.add_argument("--nlp", choices=["full", "tokenizer"], default="full")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--role", choices=["run", "worker"], default="run",
                    help="run: `dateline run --workers 1` (worker and writer in one process); "
                         "worker: what one worker process of `--workers N` does")
    ap.add_argument("--nlp-reload-docs", type=int, default=Settings.nlp_reload_docs,
                    help="reload the spaCy model after this many documents (0: never)")
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--corpus", help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(args)
        return
    with tempfile.TemporaryDirectory() as tmp:
        corpus = varied_corpus(args.docs, Path(tmp) / "varied.jsonl", Path(args.data))
        cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--db", str(Path(tmp) / "m.duckdb"),
               "--stages", args.stages, "--nlp", args.nlp, "--batch-size", str(args.batch_size), "--role", args.role,
               "--nlp-reload-docs", str(args.nlp_reload_docs)]
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    result = json.loads(out.strip().splitlines()[-1])
    samples = result["samples"]
    at_2k = next((mb for n, mb in samples if n >= 2000), samples[-1][1])
    first = samples[0][1]
    print(f"{result['docs']} varied BBC documents (role: {args.role}, stages: {args.stages}, nlp: {args.nlp}, "
          f"model reloaded every {args.nlp_reload_docs or 'never'} docs), {result['seconds']:.0f} s")
    print(f"  RSS after first batch : {first:8.1f} MB")
    print(f"  RSS after 2,000 docs  : {at_2k:8.1f} MB")
    print(f"  RSS at the end        : {samples[-1][1]:8.1f} MB")
    print(f"  peak RSS              : {result['peak_mb']:8.1f} MB  (target <= 1024 MB, flat)")
    marks = sorted({min(len(samples) - 1, round(k * (len(samples) - 1) / 10)) for k in range(11)})
    print("  RSS along the run     : " + ", ".join(f"{samples[i][0]:,}: {samples[i][1]:.0f}" for i in marks) + " (MB)")
    if len(samples) > 4:
        n0, m0 = samples[len(samples) // 4]
        n1, m1 = samples[-1]
        if n1 > n0:
            print(f"  growth over the last 3/4 of the run: {1000 * (m1 - m0) / (n1 - n0):.2f} MB per 1,000 docs")
        n0, m0 = samples[len(samples) // 2]
        if n1 > n0:
            print(f"  growth over the last half of the run: {1000 * (m1 - m0) / (n1 - n0):.2f} MB per 1,000 docs")


if __name__ == "__main__":
    main()
