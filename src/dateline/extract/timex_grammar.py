"""Find time-expression candidates with compiled regexes over the text.

The patterns live in `lexicons/time_patterns.tsv`; their `{MACROS}` are built here from
the words in `lexicons/time_words.tsv`, so adding a word to the lexicon widens every
pattern that uses its kind. Matching is one `finditer` per pattern over the whole text
(all in C), then a single pass keeps the longest of overlapping matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..lexicons import lexicon_rows


@dataclass(frozen=True, slots=True)
class Candidate:
    start: int
    end: int
    rule: str


@cache
def words(kind: str) -> dict[str, str]:
    """`word -> value` for one kind of row in time_words.tsv (lower-case keys)."""
    return {row[1].lower(): row[2] for row in lexicon_rows("time_words.tsv") if row[0] == kind}


@cache
def season_months(code: str) -> tuple[int, ...]:
    for row in lexicon_rows("time_words.tsv"):
        if row[0] == "season" and row[2] == code:
            return tuple(int(m) for m in row[3].split())
    return ()


def _trie(items) -> str:
    """A regex alternation of `items` factored into a trie on their lower-case characters.

    Python's `re` tries alternatives one by one; factored this way a failing position is
    rejected after one character comparison per branch instead of one per word. Longer
    continuations come before shorter ones so a prefix never wins over the whole word.
    """
    tree: dict = {}
    for word in items:
        node = tree
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        branches = []
        for ch in sorted(k for k in node if k):
            piece = r"\s+" if ch == " " else re.escape(ch)
            branches.append(piece + emit(node[ch]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(tree)


def _alt(items, flags: str = "") -> str:
    """A non-capturing alternation of words (see `_trie`)."""
    body = _trie(list(items))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"


def _capitalised(items) -> str:
    return _alt([w[:1].upper() + w[1:] for w in items], "-i")


_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@cache
def macros() -> dict[str, str]:
    months = words("month")
    units = words("unit")
    numbers = [w for w in words("number") if w != "the"]
    unit_forms = []
    for u in units:
        unit_forms += [u, u + "s"] if not u.endswith("ie") else [u + "s"]
    compound = rf"(?:{'|'.join(_TENS)})[-\s](?:{'|'.join(_ONES)})"
    year_words = (
        rf"(?:nineteen|twenty)[-\s](?:hundred(?:\s+and)?\s+)?(?:{compound}|{'|'.join(_TENS)}|ten|eleven|twelve|"
        rf"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|o[-\s](?:{'|'.join(_ONES)}))"
        rf"|two\s+thousand(?:\s+and)?(?:[-\s](?:{'|'.join(_ONES)}|ten))?"
    )
    return {
        "MONTH": _capitalised(list(months) + [m.rstrip(".") for m in months if m.endswith(".")]),
        "MONTHX": _capitalised([m for m in months if m != "may" and not m.endswith(".")]
                               + ["jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec."]),
        "WEEKDAY": _capitalised(words("weekday")),
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\d,]\d)",
        "YEAR": r"(?<![\w$.,/])(?<!\d-)(?:1[5-9]\d\d|20\d\d)(?![\w%]|[.,]\d)",
        "YEARWORDS": f"(?:{year_words})",
        "NUM": rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{compound}|{_alt(numbers)})",
        "UNIT": _alt(unit_forms) + r"(?!\w)(?!-(?!(?:old|long)\b))",
        "UNITSG": _alt(units) + r"(?![\w-])",
        "ORD": _alt(words("ordinal")),
        "ORDWORDS": "(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
                    "thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|"
                    "twenty[-\\s]first)",
        "SEASON": _alt(words("season")),
        "POD": _alt(w for w in words("partofday") if w not in ("tonight", "overnight")),
        "EDGE": r"(?:early|late|mid-?|the\s+(?:end|middle|beginning|start|first\s+half|second\s+half)\s+of)",
        "APPROX": r"(?:about|around|nearly|almost|roughly|approximately|more\s+than|less\s+than|fewer\s+than|"
                  r"at\s+least|at\s+most|over|under|up\s+to|no\s+more\s+than|just|only|barely|well\s+over|"
                  r"some|another|the\s+first|the\s+last|the\s+past)",
        "CLOCK": r"(?:(?<![\d.:])(?:[01]?\d|2[0-3]):[0-5]\d(?:\s*[ap]\.?m\b\.?)?|(?<![\d.:])(?:1[0-2]|0?[1-9])\.[0-5]\d\s*[ap]\.?m\b\.?|(?<![\d.:])(?:1[0-2]|0?[1-9])"
                 r"\s*(?:[ap]\.m\.|[ap]m\b|o'clock)|noon|midnight|midday)",
        "TZ": r"(?-i:(?:[ECMP][SD]?T|GMT|UTC|BST|CES?T)\b)",
        "REF": r"(?<![\w-])" + _alt(words("ref")) + r"(?![\w-])",
        "SETWORD": r"(?<![\w-])" + _alt(words("set")) + r"(?![\w-])",
        "HOLIDAY": _alt(words("holiday")) + r"(?!\w)",
    }


@dataclass(frozen=True)
class Grammar:
    rules: tuple[str, ...]
    compiled: tuple[re.Pattern[str], ...]
    anchors: re.Pattern[str]  # every gate word, over lower-cased text
    gated: dict[str, tuple[int, ...]]  # matched gate word -> indexes of the rules it opens


MARGIN = 80  # how far a match may reach either side of its gate word


@cache
def grammar() -> Grammar:
    m = macros()
    rules, compiled, gates = [], [], []
    for rule, gate, source in lexicon_rows("time_patterns.tsv"):
        expanded = re.sub(r"\{([A-Z]+)\}", lambda g: m[g.group(1)], source)
        rules.append(rule)
        compiled.append(re.compile(r"(?<![\w-])(?:" + expanded + r")(?![\w])", re.I))
        gates.append(set(gate.split()))
    every = set().union(*gates)
    # A longer gate word ("weekend") also opens the rules of the gate words inside it ("week").
    gated = {word: tuple(i for i, g in enumerate(gates) if any(w in word for w in g)) for word in every}
    return Grammar(tuple(rules), tuple(compiled), re.compile(_trie(every)), gated)


def patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    g = grammar()
    return tuple(zip(g.rules, g.compiled))


def _windows(text: str, g: Grammar) -> list[list[tuple[int, int]]]:
    """Per rule, the merged stretches of text around its gate words."""
    low = text.lower()
    per_rule: list[list[tuple[int, int]]] = [[] for _ in g.rules]
    if len(low) != len(text):  # lower-casing changed offsets (rare scripts): try everywhere
        return [[(0, len(text))] for _ in g.rules]
    n = len(text)
    for hit in g.anchors.finditer(low):
        start, end = max(0, hit.start() - MARGIN), min(n, hit.end() + MARGIN)
        for i in g.gated[hit.group()]:
            spans = per_rule[i]
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return per_rule


def find_candidates(text: str) -> list[Candidate]:
    """Non-overlapping matches, longest first among overlaps, then pattern order."""
    g = grammar()
    found = set()
    for rank, spans in enumerate(_windows(text, g)):
        pattern = g.compiled[rank]
        for start, end in spans:
            for m in pattern.finditer(text, start, end):
                if m.end() > m.start():
                    found.add((m.start(), m.end(), rank))
    ordered = sorted(found, key=lambda f: (f[0] - f[1], f[2], f[0]))
    taken = bytearray(len(text))
    kept = []
    for start, end, rank in ordered:
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        kept.append(Candidate(start, end, g.rules[rank]))
    kept.sort(key=lambda c: c.start)
    return kept
