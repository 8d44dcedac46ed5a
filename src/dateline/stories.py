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
from dataclasses import dataclass, replace

import numpy as np

from .records import Extraction, Rejected

NUM_PERM = 128
SHINGLE_WORDS = 5
LSH_THRESHOLD = 0.2  # candidate recall: a copy truncated to a fifth still collides
MIN_CONTAINMENT = 0.75  # share of the smaller body's shingles found in the larger
MIN_JACCARD_SHORT = 0.5  # bodies with few shingles must match as a whole
SHORT = 20  # shingles

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
_MULT = np.uint64(1_000_003)


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's MinHash (uint32 per permutation) and its number of distinct shingles."""

    hashvalues: np.ndarray
    shingles: int

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


def shingle_hashes(body: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes of the body's casefolded word k-grams (stable across processes)."""
    if len(_WORDS) > 2_000_000:  # keep the cache bounded on endless streams
        _WORDS.clear()
    words = np.fromiter((_WORDS[w] for w in _WORD.findall(body.casefold())), dtype=np.uint64)
    if len(words) == 0:
        return np.zeros(0, dtype=np.uint32)
    k = min(k, len(words))
    n = len(words) - k + 1
    h = np.zeros(n, dtype=np.uint64)
    for i in range(k):
        h = (h * _MULT + words[i : i + n]) & _MASK
    return np.unique(h.astype(np.uint32))


def _permutations():
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, scheme="affine32", hashfunc=int).permutations


_PERMS = None


def signature(body: str) -> Signature:
    """The MinHash signature of a clean body."""
    from datasketch import MinHash

    global _PERMS
    if _PERMS is None:
        _PERMS = _permutations()
    shingles = shingle_hashes(body)
    m = MinHash(num_perm=NUM_PERM, scheme="affine32", hashfunc=int, permutations=_PERMS)
    if len(shingles):
        m.update_batch(shingles)
    return Signature(np.asarray(m.hashvalues, dtype=np.uint32), int(len(shingles)))


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
    """Every article seen so far: its signature and story, searchable by LSH."""

    def __init__(self):
        from datasketch import MinHash, MinHashLSH

        global _PERMS
        if _PERMS is None:
            _PERMS = _permutations()
        self._minhash = MinHash
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._signatures: dict[str, Signature] = {}
        self._story: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self._story)

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._story

    def story_of(self, article_id: str) -> str | None:
        return self._story.get(article_id)

    def add(self, article_id: str, story: str, sig: Signature) -> None:
        """Record an article whose story is already decided (e.g. loaded from the store)."""
        if article_id in self._story:
            return
        self._story[article_id] = story
        if sig.shingles:
            self._signatures[article_id] = sig
            self._lsh.insert(article_id, self._as_minhash(sig), check_duplication=False)

    def assign(self, article_id: str, sig: Signature) -> str:
        """The story of a new article (its own id when it copies nothing seen before)."""
        known = self._story.get(article_id)
        if known is not None:  # exact copy: same content hash
            return known
        best: tuple[float, str] | None = None
        if sig.shingles:
            for other in self._lsh.query(self._as_minhash(sig)):
                match, score = is_copy(sig, self._signatures[other])
                if match:
                    cand = (-score, self._story[other])
                    if best is None or cand < best:
                        best = cand
        story = best[1] if best else article_id
        self.add(article_id, story, sig)
        return story

    def _as_minhash(self, sig: Signature):
        return self._minhash(num_perm=NUM_PERM, scheme="affine32", hashvalues=sig.hashvalues, permutations=_PERMS)


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
