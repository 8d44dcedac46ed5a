"""Story clustering benchmark: syndicated copies built from the BBC corpus.

Reads `../shared/data/corpora/bbc.jsonl`. Every article gets 0-4 "syndicated" copies,
each with some of: another site's header and footer boilerplate, truncation (keeping
the first 30-90% of the paragraphs), a changed headline, light edits (words replaced
or dropped, a sentence removed, a wire credit added). The corpus's own exact
duplicates stay in. Gold stories: the original article's text (so BBC's own exact
duplicates are one story). Scores are pairwise precision and recall over all pairs
of documents.

The scale run (`--scale 100000`) adds "new" stories made by mixing sentences of
different articles, then copies of those, up to N documents, and reports time and
peak memory of clustering them.

    .venv/bin/python bench/stories.py [--scale 100000]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO / "src"))

from dateline.clean import clean_document  # noqa: E402
from dateline.config import Settings  # noqa: E402
from dateline.records import Article, Document  # noqa: E402
from dateline.stories import StoryIndex, shingle_hashes, signature  # noqa: E402

SETTINGS = Settings()

# Invented site furniture: what different sites wrap around the same wire copy.
HEADERS = [
    "Home | World | Business | Sport | Opinion\nSign in to your account",
    "Breaking news and analysis from the Valley Courier\nSubscribe for full access",
    "The Morning Ledger - Your trusted local source since 1887",
    "Skip to main content\nMenu  Search  Newsletters",
]
FOOTERS = [
    "Copyright 2024 Example Media Group. All rights reserved. This material may not be redistributed.",
    "Share this article: Facebook Twitter Email\nRead more stories like this in our daily newsletter.",
    "Have a news tip? Contact our newsroom at any time of the day or night.\nAdvertisement",
    "Related coverage\nMost read today\nTerms of use | Privacy policy | Cookie settings",
]
CREDITS = ["(AP) -", "(Reuters) -", "LONDON (AFP) -", "By Staff Writers -"]


def load_bbc(data_dir: Path = DATA) -> list[dict]:
    with open(Path(data_dir) / "corpora" / "bbc.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _edit(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(words))
        if rng.random() < 0.5:
            words[i] = rng.choice(["said", "reported", "the", "new", "officials", "on"])
        else:
            words.pop(i)
    text = " ".join(words)
    sentences = text.split(". ")
    if len(sentences) > 4 and rng.random() < 0.5:
        sentences.pop(rng.randrange(1, len(sentences)))
    return ". ".join(sentences)


def make_copy(title: str, body: str, rng: random.Random) -> tuple[str, str]:
    """A syndicated copy: (title, text) with 1-3 kinds of change."""
    kinds = rng.sample(["boilerplate", "truncate", "headline", "edit"], rng.randint(1, 3))
    if "truncate" in kinds:  # an excerpt: the first 30-90% of the sentences, at least two
        sentences = body.split(". ")
        keep = max(2, round(len(sentences) * rng.uniform(0.3, 0.9)))
        body = ". ".join(sentences[:keep]) + ("." if keep < len(sentences) else "")
    if "edit" in kinds:
        body = _edit(body, rng)
        body = f"{rng.choice(CREDITS)} {body}"
    if "headline" in kinds:
        title = rng.choice(["UPDATE: ", "", "Report: "]) + " ".join(reversed(title.split()))
    if "boilerplate" in kinds:
        body = f"{rng.choice(HEADERS)}\n\n{body}\n\n{rng.choice(FOOTERS)}"
    return title, body


def corpus_versions(base: list[dict], min_containment: float = 0.75) -> dict[str, str]:
    """Gold story of each original text: the corpus's own exact duplicates and near-identical
    versions (exact word 5-gram containment >= `min_containment`, over full shingle sets, no
    MinHash) share one, joined transitively."""
    from collections import defaultdict

    texts = sorted({" ".join(d["text"].split()) for d in base})
    sets = [set(shingle_hashes(t).tolist()) for t in texts]
    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    postings = defaultdict(list)
    for i, sh in enumerate(sets):
        for h in sh:
            postings[h].append(i)
    for i, sh in enumerate(sets):
        shared = Counter(j for h in sh for j in postings[h] if j > i)
        for j, n in shared.items():
            if sets[i] and sets[j] and n / min(len(sets[i]), len(sets[j])) >= min_containment:
                parent[root(j)] = root(i)
    return {t: texts[root(i)] for i, t in enumerate(texts)}


def syndication_corpus(base: list[dict], seed: int = 7, merge_versions: bool = True) -> list[tuple[str, str, str]]:
    """(gold story, title, text) for every original and its copies."""
    rng = random.Random(seed)
    versions = corpus_versions(base) if merge_versions else {}
    out = []
    for doc in base:
        gold = " ".join(doc["text"].split())
        gold = versions.get(gold, gold)
        title = doc.get("title") or ""
        out.append((gold, title, doc["text"]))
        for _ in range(rng.choice([0, 1, 1, 2, 3, 4])):
            t, body = make_copy(title, doc["text"], rng)
            out.append((gold, t, body))
    rng.shuffle(out)
    return out


def mixed_stories(base: list[dict], n: int, seed: int = 11) -> list[dict]:
    """`n` new articles made of sentences from several different BBC articles."""
    rng = random.Random(seed)
    sentences = [s for d in base for s in d["text"].replace("\n\n", " ").split(". ") if len(s) > 40]
    out = []
    for i in range(n):
        picked = rng.sample(sentences, rng.randint(8, 20))
        out.append({"id": f"mix/{i}", "title": picked[0][:60], "text": ". ".join(picked) + "."})
    return out


def cluster(corpus: list[tuple[str, str, str]], clean: bool = True, window: int | None = None) -> list[str]:
    """Predicted story of each document. With `clean`, each copy goes through the cleaner
    (the headline as the text's first line for half of them, as a given title for the
    rest) and the clean body is clustered, exactly as the store does; without, the raw
    headline and text are hashed (the fast path of the scale run)."""
    index = StoryIndex(window=window) if window else StoryIndex()
    out = []
    for i, (_, title, text) in enumerate(corpus):
        if not clean:
            out.append(index.assign(str(i), signature(f"{title}\n\n{text}")))
            continue
        doc = (Document(id=str(i), raw=f"{title}\n\n{text}") if i % 2 else
               Document(id=str(i), raw=text, title=title or None))
        article = clean_document(doc, SETTINGS)
        if not isinstance(article, Article):
            out.append(f"rejected:{i}")
            continue
        out.append(index.assign(article.id, signature(article.body)))
    return out


def pairwise(gold: list[str], pred: list[str]) -> dict[str, float]:
    def pairs(counts) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    both = pairs(Counter(zip(gold, pred)))
    gp, pp = pairs(Counter(gold)), pairs(Counter(pred))
    return {"pairwise precision": both / pp if pp else 1.0, "pairwise recall": both / gp if gp else 1.0}


def measure(data_dir: str = str(DATA)) -> dict[str, float]:
    base = load_bbc(Path(data_dir))
    corpus = syndication_corpus(base)
    pred = cluster(corpus)
    strict_gold = [g for g, _, _ in syndication_corpus(base, merge_versions=False)]  # same draws, same order
    scores = pairwise([g for g, _, _ in corpus], pred)
    scores["pairwise precision (exact-text gold)"] = pairwise(strict_gold, pred)["pairwise precision"]
    return scores


def scale_run(n: int, data_dir: Path = DATA) -> dict[str, float]:
    base = load_bbc(data_dir)
    originals = base + mixed_stories(base, max(0, n // 4 - len(base)))
    corpus = syndication_corpus(originals, seed=3)
    rng = random.Random(5)
    while len(corpus) < n:  # top up with more copies
        doc = rng.choice(originals)
        t, body = make_copy(doc.get("title") or "", doc["text"], rng)
        corpus.append((" ".join(doc["text"].split()), t, body))
    corpus = corpus[:n]
    before_mb = _rss_mb()
    started, cpu = time.perf_counter(), time.process_time()
    # Copies are shuffled through the whole corpus (real copies arrive within days), so the
    # index keeps every document searchable here: the largest index, the hardest case.
    pred = cluster(corpus, clean=False, window=len(corpus))
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    scores = pairwise([g for g, _, _ in corpus], pred)
    return {"documents": len(corpus), "stories": len(set(pred)), "seconds (wall)": took, "seconds (CPU)": cpu,
            "docs/s (wall)": len(corpus) / took, "MB before clustering (corpus in memory)": before_mb,
            "peak MB (whole process)": peak_mb, "MB added by clustering": peak_mb - before_mb, **scores}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(DATA))
    ap.add_argument("--scale", type=int, default=0, help="also cluster this many documents and time it")
    args = ap.parse_args()
    started = time.perf_counter()
    scores = measure(args.data)
    print(f"syndication benchmark (cleaned copies, {time.perf_counter() - started:.1f} s):")
    for k, v in scores.items():
        print(f"  {k}: {v:.4f}")
    if args.scale:
        print(f"scale run ({args.scale} documents):")
        for k, v in scale_run(args.scale, Path(args.data)).items():
            print(f"  {k}: {v:.4f}" if isinstance(v, float) else f"  {k}: {v}")


if __name__ == "__main__":
    main()
