"""Stories: clusters of copies of the same article (syndicated wire copy).

Two articles are copies when their clean bodies share most of their word 5-gram
shingles. Exact copies have the same content hash (`Article.id`). Near copies are
found with MinHash LSH: each body gets a 128-permutation MinHash (the values of
datasketch's affine32 scheme, computed here with numpy); LSH at a low Jaccard
threshold (datasketch's banding for it, in compact numpy tables) proposes
candidates, and a candidate is accepted when the
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
from functools import cache
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
WINDOW = 50_000  # most recently indexed articles new ones are compared with (~0.8 KB each)

WORD_CACHE = 200_000  # words whose hash is kept (~30 MB at most)

_WORD = re.compile(r"\w+")
_MASK = np.uint64(0xFFFFFFFF)
_MULT = np.uint64(1_000_003)


@dataclass(frozen=True, slots=True)
class Signature:
    """A body's MinHash (uint32 per permutation) and its number of distinct shingles."""

    hashvalues: np.ndarray
    shingles: int
    scheme: ClassVar[str] = "affine32"  # datasketch's name for the permutation scheme; with
    # `hashvalues` and len() this lets a Signature stand in for a datasketch MinHash.

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


def clear_word_cache() -> None:
    _WORDS.clear()


def prose_words(body: str) -> list[str]:
    """The casefolded words of the body's prose lines. Short lines (menus, site names,
    share bars) differ between sites that carry the same story, so they are left out
    when enough remains without them."""
    lines = [_WORD.findall(line) for line in body.casefold().splitlines()]
    kept = [w for line in lines if len(line) >= MIN_LINE_WORDS for w in line]
    return kept if len(kept) >= MIN_PROSE_WORDS else [w for line in lines for w in line]


def shingle_hashes(body: str, k: int = SHINGLE_WORDS) -> np.ndarray:
    """Distinct 32-bit hashes of the prose's word k-grams (stable across processes)."""
    if len(_WORDS) > WORD_CACHE:  # keep the cache bounded on endless streams
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


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutations for seed 1 (`MinHash(num_perm=128, scheme="affine32").permutations`),
    drawn the same way without importing datasketch (which loads scipy: seconds per process)."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


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
    a, b = _permutations()
    shingles = shingle_hashes(body)
    values = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for start in range(0, len(shingles), 4096):  # bounded memory on very long bodies
            hv = _fmix32(shingles[start : start + 4096]).reshape(-1, 1)
            values = np.minimum(values, (hv * a + b).min(axis=0))
    return Signature(values, int(len(shingles)))


def _score(shared: int, mine: int, theirs: int) -> tuple[bool, float]:
    """(same story?, score) from the number of equal MinHash values and the shingle counts."""
    if mine == 0 or theirs == 0:
        return False, 0.0
    jaccard = float(shared) / NUM_PERM
    if min(mine, theirs) < SHORT:
        return jaccard >= MIN_JACCARD_SHORT, jaccard
    common = jaccard * (mine + theirs) / (1.0 + jaccard)
    containment = min(1.0, common / min(mine, theirs))
    return containment >= MIN_CONTAINMENT, containment


def is_copy(a: Signature, b: Signature) -> tuple[bool, float]:
    """(same story?, score) from two signatures."""
    if a.shingles == 0 or b.shingles == 0:
        return False, 0.0
    return _score(int(np.count_nonzero(a.hashvalues == b.hashvalues)), a.shingles, b.shingles)


# LSH banding: the (bands, rows) datasketch's MinHashLSH picks for LSH_THRESHOLD and NUM_PERM
# (its `_optimal_param` with equal false-positive and false-negative weights; a test checks it).
BANDS, ROWS = 28, 2
_SALT = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def _band_keys(hashvalues: np.ndarray) -> np.ndarray:
    """One uint64 per band: the band's two 32-bit MinHash values side by side. Two articles
    fall in the same LSH bucket of a band exactly when their keys for that band are equal."""
    v = hashvalues[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS)
    return (v[:, 0] << np.uint64(32)) | v[:, 1]


def _bucket_ids(keys: np.ndarray) -> np.ndarray:
    """The band keys mixed with their band number into one 64-bit space (splitmix64's
    finaliser), so all bands share one sorted table. A collision between two buckets can
    only propose an extra candidate, which the band check in `StoryIndex._candidates` drops."""
    with np.errstate(over="ignore"):
        z = keys ^ _SALT[: len(keys)] if keys.ndim == 1 else keys ^ _SALT
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


class StoryIndex:
    """Articles seen so far and their stories; the recent ones searchable by MinHash LSH.

    Memory is bounded and compact: the `window` most recently indexed articles sit in
    fixed-size numpy arrays (signature, band keys, shingle count: ~0.8 KB an article,
    ~40 MB for 50,000) with their ids and stories; the LSH buckets are one sorted array
    of 64-bit bucket ids (rebuilt every `REBUILD` insertions) plus a small dict of the
    latest insertions. Candidates are exactly those of datasketch's `MinHashLSH` with the
    same bands: articles sharing all values of at least one band.

    An article is put in the index only when it is not a near-identical copy (Jaccard >=
    `REDUNDANT`) of one already there, and only the `window` most recently indexed articles
    stay searchable (copies of a story arrive within days of each other, not a corpus
    apart). Both rules depend only on input order, so a store reloading its index (`index`
    in stored order) is in exactly the state an uninterrupted run would be.

    `remember` bounds how many of the latest assignments `story_of` still knows beyond the
    window (None: all, as `dateline extract` needs for exact copies across its input; the
    store keeps none and asks the database instead).
    """

    REBUILD = 4096

    def __init__(self, window: int = WINDOW, remember: int | None = None):
        self._window = window
        self._remember = remember
        self._cap = 0
        self._sigs = np.zeros((0, NUM_PERM), dtype=np.uint32)
        self._bands = np.zeros((0, BANDS), dtype=np.uint64)
        self._shingles = np.zeros(0, dtype=np.int64)
        self._ids: list[str | None] = []
        self._stories: list[str | None] = []
        self._slot: dict[str, int] = {}  # indexed article id -> row
        self._next = 0  # indexed so far (the row of the next one is _next % window)
        self._table = np.zeros(0, dtype=np.uint64)  # sorted bucket ids of rows indexed before the last rebuild
        self._table_rows = np.zeros(0, dtype=np.int64)
        self._recent: dict[int, list[int]] = {}  # bucket id -> rows, since the last rebuild
        self._story: dict[str, str] = {}  # assignments remembered (see `remember`)
        self._seen = 0

    def __len__(self) -> int:
        return self._seen

    def __contains__(self, article_id: str) -> bool:
        return self.story_of(article_id) is not None

    def story_of(self, article_id: str) -> str | None:
        story = self._story.get(article_id)
        if story is None and (row := self._slot.get(article_id)) is not None:
            story = self._stories[row]
        return story

    @property
    def window(self) -> int:
        return self._window

    def is_indexed(self, article_id: str) -> bool:
        return article_id in self._slot

    def _remember_story(self, article_id: str, story: str) -> None:
        self._seen += 1
        if self._remember == 0:
            return
        self._story[article_id] = story
        if self._remember is not None and len(self._story) > self._remember:
            del self._story[next(iter(self._story))]  # the oldest assignment

    def add(self, article_id: str, story: str, sig: Signature | None = None) -> None:
        """Record an article whose story is already decided (e.g. loaded from the store);
        with a signature it is also made searchable."""
        if article_id in self._story or article_id in self._slot:
            return
        self._remember_story(article_id, story)
        if sig is not None:
            self.index(article_id, sig, story)

    def index(self, article_id: str, sig: Signature, story: str | None = None) -> None:
        if not sig.shingles or article_id in self._slot:
            return
        story = story or self.story_of(article_id) or article_id
        row = self._next % self._window
        self._next += 1
        if row >= self._cap:
            self._grow()
        old = self._ids[row]
        if old is not None:  # the oldest indexed article leaves the window
            del self._slot[old]
        self._ids[row], self._stories[row] = article_id, story
        self._slot[article_id] = row
        self._sigs[row] = sig.hashvalues
        self._shingles[row] = sig.shingles
        keys = _band_keys(sig.hashvalues)
        self._bands[row] = keys
        for bucket in _bucket_ids(keys).tolist():
            self._recent.setdefault(bucket, []).append(row)
        if len(self._recent) >= self.REBUILD * BANDS:
            self._rebuild()

    def _grow(self) -> None:
        cap = min(self._window, max(1024, 2 * self._cap))
        extra = cap - self._cap
        self._sigs = np.concatenate([self._sigs, np.zeros((extra, NUM_PERM), dtype=np.uint32)])
        self._bands = np.concatenate([self._bands, np.zeros((extra, BANDS), dtype=np.uint64)])
        self._shingles = np.concatenate([self._shingles, np.zeros(extra, dtype=np.int64)])
        self._ids += [None] * extra
        self._stories += [None] * extra
        self._cap = cap

    def _rebuild(self) -> None:
        """Fold the recent buckets into the sorted table (rows evicted since are dropped)."""
        live = np.fromiter((r for r in range(self._cap) if self._ids[r] is not None), dtype=np.int64)
        ids = _bucket_ids(self._bands[live]).ravel()
        rows = np.repeat(live, BANDS)
        order = np.argsort(ids, kind="stable")
        self._table, self._table_rows = ids[order], rows[order]
        self._recent = {}

    def _candidates(self, keys: np.ndarray) -> np.ndarray:
        """Rows sharing at least one band with `keys`: datasketch's `MinHashLSH.query`."""
        buckets = _bucket_ids(keys)
        found: list[int] = []
        if len(self._table):
            lo = np.searchsorted(self._table, buckets, "left")
            hi = np.searchsorted(self._table, buckets, "right")
            for i in np.flatnonzero(hi > lo).tolist():
                found += self._table_rows[lo[i]:hi[i]].tolist()
        for bucket in buckets.tolist():
            found += self._recent.get(bucket, ())
        if not found:
            return np.zeros(0, dtype=np.int64)
        rows = np.unique(np.asarray(found, dtype=np.int64))
        # a row may hold a newer article than the one its bucket entry was made for
        return rows[(self._bands[rows] == keys).any(axis=1)]

    def assign(self, article_id: str, sig: Signature) -> str:
        """The story of a new article (its own id when it copies nothing seen before)."""
        known = self.story_of(article_id)
        if known is not None:  # exact copy: same content hash
            return known
        best: tuple[float, str] | None = None
        closest = 0
        if sig.shingles and self._next:
            rows = self._candidates(_band_keys(sig.hashvalues))
            if len(rows):
                shared = (self._sigs[rows] == sig.hashvalues).sum(axis=1).tolist()
                for row, same, theirs in zip(rows.tolist(), shared, self._shingles[rows].tolist()):
                    match, score = _score(same, sig.shingles, theirs)
                    if match:
                        closest = max(closest, same)
                        cand = (-score, self._stories[row])
                        if best is None or cand < best:
                            best = cand
        story = best[1] if best else article_id
        self._remember_story(article_id, story)
        if float(closest) / NUM_PERM < REDUNDANT:
            self.index(article_id, sig, story)
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
