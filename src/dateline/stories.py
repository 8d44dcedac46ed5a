"""Stories: clusters of copies of the same article (syndicated wire copy).

Two articles are copies when their clean bodies share most of their word 5-gram
shingles. Exact copies have the same content hash (`Article.id`). Near copies are
found with MinHash LSH (datasketch): each body gets a 128-permutation MinHash; LSH at
a low Jaccard threshold proposes candidates, and a candidate is accepted when the
estimated *containment* of the smaller body in the larger is high. Containment rather
than Jaccard is what makes truncated copies and copies with a site's own header or
footer still match.

Assignment is incremental and deterministic: articles are taken in input order; a new
article joins the story of its best-matching earlier article (ties broken by story
id), or starts a story named after its own id. Stories never merge or split after
the fact, so the same inputs in the same order give the same stories whether they
arrive in one run, in resumed runs or through several workers (`StoryIndex.add`
reloads what the store already holds).
"""

from __future__ import annotations

import re
import zlib
from collections import deque
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np

from .records import Extraction, Rejected

NUM_PERM = 128
SHINGLE_WORDS = 5
LSH_THRESHOLD = 0.2  # candidate recall: a copy truncated to a fifth still collides
MIN_CONTAINMENT = 0.75  # share of the smaller body's shingles found in the larger
MIN_JACCARD_SHORT = 0.5  # bodies with few shingles must match as a whole
SHORT = 10  # shingles: below this, only near-identical bodies match
MIN_LINE_WORDS = 8  # shorter lines are site furniture more often than story
MIN_PROSE_WORDS = 25  # ... unless dropping them leaves less than this
REDUNDANT = 0.9  # a copy this close (Jaccard) to an indexed article is not indexed itself
WINDOW = 50_000  # most recently indexed articles new ones are compared with (~9 KB each in the LSH)

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
_MULT = np.uint64(1_000_003)


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's MinHash (uint32 per permutation) and its number of distinct shingles."""

    hashvalues: np.ndarray
    shingles: int
    scheme: ClassVar[str] = "affine32"  # what datasketch's MinHashLSH checks; it reads only this,
    # `hashvalues` and len(), so a Signature goes into the index as it is.

    def __len__(self) -> int:
        return NUM_PERM

    def to_bytes(self) -> bytes:
        return self.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> "Signature":
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), shingles)


class _WordHashes(dict):
    """crc32 of each word, cached: news vocabulary repeats, hashing does not need to."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


_WORDS = _WordHashes()


def prose_words(body: str) -> list[str]:
    """The casefolded words of the body's prose lines. Short lines (menus, site names,
    share bars) differ between sites that carry the same story, so they are left out
    when enough remains without them."""
    lines = [_WORD.findall(line) for line in body.casefold().splitlines()]
    kept = [w for line in lines if len(line) >= MIN_LINE_WORDS for w in line]
    return kept if len(kept) >= MIN_PROSE_WORDS else [w for line in lines for w in line]


def shingle_hashes(body: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes of the prose's word k-grams (stable across processes)."""
    if len(_WORDS) > 2_000_000:  # keep the cache bounded on endless streams
        _WORDS.clear()
    tokens = prose_words(body)
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    words = np.fromiter(map(_WORDS.__getitem__, tokens), dtype=np.uint64, count=len(tokens))
    k = min(k, len(words))
    n = len(words) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        h = (h * _MULT + words[i : i + n]) & _MASK
    h = np.sort(h.astype(np.uint32))
    return h[np.concatenate(([True], h[1:] != h[:-1]))]


def _permutations() -> tuple[np.ndarray, np.ndarray]:
    from datasketch import MinHash

    a, b = MinHash(num_perm=NUM_PERM, scheme="affine32", hashfunc=int).permutations
    return np.asarray(a, dtype=np.uint32), np.asarray(b, dtype=np.uint32)


_PERMS: tuple[np.ndarray, np.ndarray] | None = None


def _perms() -> tuple[np.ndarray, np.ndarray]:
    global _PERMS
    if _PERMS is None:
        _PERMS = _permutations()
    return _PERMS


def _fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's finaliser, as datasketch's affine32 scheme applies it to each input hash."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


def signature(body: str) -> Signature:
    """The MinHash signature of a clean body: the values datasketch's
    `MinHash(num_perm=128, scheme="affine32").update_batch(shingles)` computes, in one
    vectorised pass instead of a Python call per shingle."""
    a, b = _perms()
    shingles = shingle_hashes(body)
    values = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for start in range(0, len(shingles), 4096):  # bounded memory on very long bodies
            hv = _fmix32(shingles[start : start + 4096]).reshape(-1, 1)
            values = np.minimum(values, (hv * a + b).min(axis=0))
    return Signature(values, int(len(shingles)))


def is_copy(a: Signature, b: Signature) -> tuple[bool, float]:
    """(same story?, score) from two signatures."""
    if a.shingles == 0 or b.shingles == 0:
        return False, 0.0
    jaccard = float(np.count_nonzero(a.hashvalues == b.hashvalues)) / NUM_PERM
    if min(a.shingles, b.shingles) < SHORT:
        return jaccard >= MIN_JACCARD_SHORT, jaccard
    shared = jaccard * (a.shingles + b.shingles) / (1.0 + jaccard)
    containment = min(1.0, shared / min(a.shingles, b.shingles))
    return containment >= MIN_CONTAINMENT, containment


class StoryIndex:
    """Every article seen so far and its story; the recent ones searchable by LSH.

    Memory is bounded: an article is put in the LSH index only when it is not a
    near-identical copy (Jaccard >= `REDUNDANT`) of one already there, and only the
    `window` most recently indexed articles stay searchable (copies of a story arrive
    within days of each other, not a corpus apart). Both rules depend only on input
    order, so a store reloading its index (`add` then `index` in stored order) is in
    exactly the state an uninterrupted run would be.
    """

    def __init__(self, window: int = WINDOW):
        from datasketch import MinHashLSH

        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._window = window
        self._signatures: dict[str, Signature] = {}  # the indexed articles
        self._order: deque[str] = deque()  # indexed ids, oldest first
        self._story: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._story)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._story

    def story_of(self, article_id: str) -> str | None:
        return self._story.get(article_id)

    @property
    def window(self) -> int:
        return self._window

    def is_indexed(self, article_id: str) -> bool:
        return article_id in self._signatures

    def add(self, article_id: str, story: str, sig: Signature | None = None) -> None:
        """Record an article whose story is already decided (e.g. loaded from the store);
        with a signature it is also made searchable."""
        if article_id in self._story:
            return
        self._story[article_id] = story
        if sig is not None:
            self.index(article_id, sig)

    def index(self, article_id: str, sig: Signature) -> None:
        if not sig.shingles or article_id in self._signatures:
            return
        self._signatures[article_id] = sig
        self._lsh.insert(article_id, sig, check_duplication=False)
        self._order.append(article_id)
        while len(self._order) > self._window:
            old = self._order.popleft()
            self._lsh.remove(old)
            del self._signatures[old]

    def assign(self, article_id: str, sig: Signature) -> str:
        """The story of a new article (its own id when it copies nothing seen before)."""
        known = self._story.get(article_id)
        if known is not None:  # exact copy: same content hash
            return known
        best: tuple[float, str] | None = None
        closest = 0.0
        if sig.shingles:
            for other in self._lsh.query(sig):
                theirs = self._signatures[other]
                match, score = is_copy(sig, theirs)
                if match:
                    closest = max(closest, float(np.count_nonzero(sig.hashvalues == theirs.hashvalues)) / NUM_PERM)
                    cand = (-score, self._story[other])
                    if best is None or cand < best:
                        best = cand
        story = best[1] if best else article_id
        self._story[article_id] = story
        if closest < REDUNDANT:
            self.index(article_id, sig)
        return story


def body_of(ex: Extraction) -> str:
    return ex.article.text[ex.article.body_start :]


def assign_stories(results: list[Extraction | Rejected], index: StoryIndex | None = None) -> list[Extraction | Rejected]:
    """Fill `story` for every extraction, clustering copies across the whole list (in order)."""
    index = index if index is not None else StoryIndex()
    out = []
    for r in results:
        if isinstance(r, Extraction):
            r = replace(r, story=index.assign(r.article.id, signature(body_of(r))))
        out.append(r)
    return out
