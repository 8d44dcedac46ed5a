"""The quotes stage's word lists: cue verbs and their frames (`lexicons/quote_verbs.tsv`,
plus the pairs `quote_learn.py` learned into `quote_verbs_learned.tsv`) and the noun rows of
`lexicons/quote_nouns.tsv` that the rules ask about (vehicles, causatives, control nouns, …)."""

from __future__ import annotations

from functools import cache

from ..lexicons import lexicon_rows

MIN_LEARNED_PRECISION = 0.3  # learned (verb, frame) pairs right less often than this are not used


@cache
def verb_frames() -> dict[str, tuple[str, ...]]:
    """Lemma -> frames: the hand-written lexicon first, then frames learned from
    annotated data (`quote_learn.py` writes `quote_verbs_learned.tsv`)."""
    out: dict[str, list[str]] = {}
    for name in ("quote_verbs.tsv", "quote_verbs_learned.tsv"):
        try:
            rows = lexicon_rows(name)
        except FileNotFoundError:
            continue
        for row in rows:
            wanted = [f.strip() for f in row[1].split(",")]
            if len(row) > 2:  # learned rows: keep the frames that were right often enough
                wanted = [f for f in wanted if _learned_precision(row[2], f) >= MIN_LEARNED_PRECISION]
                if not wanted:
                    continue
            frames = out.setdefault(row[0].casefold(), [])
            frames += [f for f in wanted if f not in frames]
    return {k: tuple(v) for k, v in out.items()}


def _learned_precision(stats: str, frame: str) -> float:
    """`ccomp=3/6 dobj=2/4` -> matched/tried for one frame."""
    for item in stats.split():
        name, _, counts = item.partition("=")
        if name == frame:
            matched, _, tried = counts.partition("/")
            return int(matched) / max(1, int(tried))
    return 1.0


@cache
def hand_verbs() -> frozenset[str]:
    """The cue verbs of the hand-written lexicon (the common, reliable ones)."""
    return frozenset(hand_frames())


@cache
def hand_frames() -> dict[str, tuple[str, ...]]:
    """Lemma -> frames of the hand-written lexicon only (what `quote_learn.py` starts from)."""
    return {row[0].casefold(): tuple(f.strip() for f in row[1].split(",")) for row in lexicon_rows("quote_verbs.tsv")}


@cache
def vehicle_nouns() -> frozenset[str]:
    """Nouns for what a speaker issues or gives ("a statement saying …"): the issuer is the source."""
    return noun_rows("vehicle")


@cache
def causative_verbs() -> frozenset[str]:
    """Verbs that make their object act ("led X to say"): the object is the source of the inner cue."""
    return noun_rows("causative")


@cache
def holder_verbs() -> frozenset[str]:
    """Verbs whose passive subject holds the view ("X is convinced that …"): that subject speaks."""
    return noun_rows("holder")


@cache
def control_nouns() -> frozenset[str]:
    """Nouns whose to-infinitive is done by their owner or maker ("her refusal to comment")."""
    return noun_rows("control")


def noun_rows(kind: str) -> frozenset[str]:
    """The comma-separated words of the `kind` rows of `lexicons/quote_nouns.tsv`."""
    return frozenset(w.strip().casefold() for row in lexicon_rows("quote_nouns.tsv") if row[0] == kind
                     for w in row[1].split(","))
