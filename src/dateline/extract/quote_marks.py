"""Quotation marks: find the quoted stretches of a text, marks included.

Pairs are found paragraph by paragraph, so an unbalanced mark can never swallow
the rest of an article. Conventions handled:

- curly double (“…”), straight double ("…"), low-high („…“ / „…”), guillemets
  («…» and »…«), and single quotes (‘…’ or '…') when no double quote encloses them;
- the wire-copy habit of leaving a quote open at the end of a paragraph and
  reopening it in the next one: the open quote ends at its paragraph end and is
  flagged `open_end`;
- two apostrophes standing for a double quote (`''…''`, an old wire and archive habit);
- apostrophes (`don't`, `Clinton's`, `’90s`) are not quote marks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENERS = {"“": "”", "„": "“”", "«": "»", "»": "«", "‘": "’"}
MAX_SINGLE = 400  # a single-quoted stretch longer than this is more likely apostrophes


@dataclass(frozen=True, slots=True)
class QuoteMark:
    """Characters [start, end) of `text`, the marks included."""

    start: int
    end: int
    open_end: bool = False  # no closing mark before the paragraph ended
    single: bool = False
    wide: bool = False  # two-character marks: ''...''

    def inner(self, text: str) -> tuple[int, int]:
        n = 2 if self.wide else 1
        s, e = self.start + n, self.end - (0 if self.open_end else n)
        return s, max(s, e)

    def words(self, text: str) -> int:
        s, e = self.inner(text)
        return len(text[s:e].split())

    def last_point(self, text: str) -> str:
        """The last character before the closing mark(s) and spaces: `,` for "“…,” she said"."""
        return text[self.start:self.end].rstrip("”\"'’ ")[-1:]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line-separated paragraph."""
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def _is_apostrophe(text: str, i: int) -> bool:
    """A ' or ’ between letters/digits (don't, Clinton's) or eliding a year ('90s)."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return True
    if after.isdigit() and (i + 3 < len(text) and text[i + 1:i + 3].isdigit()):
        return True  # '90s
    if before in "sS" and not after.isalnum():
        return True  # plural possessive: voters' — ambiguous, treat as apostrophe
    return False


_DOUBLE_CHARS = re.compile("[" + re.escape("".join(sorted(set("'\"”".join(OPENERS) + "".join(OPENERS.values()))))) + "]")
_SINGLE_CHARS = re.compile("['‘’]")


def _double_marks(text: str, start: int, end: int) -> list[QuoteMark]:
    out: list[QuoteMark] = []
    open_at: int | None = None
    closer = ""
    skip = -1  # the second apostrophe of a pair, already read
    for m in _DOUBLE_CHARS.finditer(text, start, end):  # every other character changes nothing
        i = m.start()
        if i == skip:
            continue
        ch = text[i]
        if ch == "'" and text.startswith("''", i) and i + 2 <= end:
            ch = '"'  # two apostrophes standing for a double quote (''...'')
            i += 1
            skip = i
        if open_at is None:
            if ch in ("“", "„", "«", "»"):
                open_at, closer = i, OPENERS[ch]
            elif ch == '"':
                open_at, closer = (i - 1 if text[i] == "'" else i), '"'
            elif ch == "”" and _opens_like(text, i, start):  # "\n\n”The pier stays,” said X"
                open_at, closer = i, "”"
            elif ch == "”":  # a stray closer: the opening was lost, ignore it
                continue
        else:
            if ch in closer or (ch == "”" and closer == '"') or (ch == '"' and closer in ("”", "“”")):
                out.append(QuoteMark(open_at, i + 1, wide=text.startswith("''", open_at)))
                open_at = None
            elif ch == "“" and closer == "”" and _closes_like(text, i, end):  # "a “quick look“ at"
                out.append(QuoteMark(open_at, i + 1))
                open_at = None
            elif ch == "“" and closer == "”":
                # a new opener before the old one closed: the old one was left open
                out.append(QuoteMark(open_at, _trim_end(text, open_at, i), open_end=True))
                open_at, closer = i, "”"
    if open_at is not None:
        out.append(QuoteMark(open_at, _trim_end(text, open_at, end), open_end=True,
                             wide=text.startswith("''", open_at)))
    return out


def _opens_like(text: str, i: int, start: int) -> bool:
    """A closing curly mark written where a quotation opens: at a paragraph start or after a
    space, right before a letter or digit."""
    before = text[start:i].replace("\u202a", "").replace("\u200e", "")
    return (not before.strip() or before[-1].isspace()) and text[i + 1:i + 2].isalnum()


def _closes_like(text: str, i: int, end: int) -> bool:
    """An opening curly mark written where a quotation closes: right after a word or a comma
    or point, before a space, a punctuation mark or the paragraph end."""
    after = text[i + 1:i + 2] if i + 1 < end else ""
    return i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".,!?") and (not after or after.isspace() or after in ".,;:!?)")


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start + 1 and text[end - 1].isspace():
        end -= 1
    return end


def _single_marks(text: str, start: int, end: int, taken: list[QuoteMark]) -> list[QuoteMark]:
    """Single-quoted stretches outside double quotes, with apostrophes ruled out."""
    inside = [(q.start, q.end) for q in taken]
    out = []
    open_at = None
    for m in _SINGLE_CHARS.finditer(text, start, end):
        i = m.start()
        ch = text[i]
        if any(s <= i < e for s, e in inside):
            continue
        if _is_apostrophe(text, i):
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if open_at is None:
            if ch in ("'", "‘") and (before.isspace() or before in "([—–-:") and after.isalnum():
                open_at = i
        elif ch in ("'", "’") and not after.isalnum() and not before.isspace():
            if i + 1 - open_at <= MAX_SINGLE:
                out.append(QuoteMark(open_at, i + 1, single=True))
            open_at = None
    return out


def find_quotes(text: str) -> list[QuoteMark]:
    """Every quoted stretch, in text order, never crossing a paragraph break."""
    out: list[QuoteMark] = []
    for start, end in paragraphs(text):
        doubles = _double_marks(text, start, end)
        out.extend(doubles)
        out.extend(_single_marks(text, start, end, doubles))
    out.sort(key=lambda q: q.start)
    return out


TITLE_SLOT = re.compile(r"(?:\w['’]s|\b(?:on|to|of|from|in|at|for|by|with|about))\s*$", re.IGNORECASE)
TITLE_MINOR = frozenset("a an and at but by for from in into of on or the to with".split())


def quoted_title(text: str, q: QuoteMark) -> bool:
    """A quotation in title case right after a possessive or a preposition (`on the station's “Harbour
    Hour,”`, `walked on to “Rise of the Tide”`): the name of a show, a book or a song,
    not words someone spoke."""
    if not TITLE_SLOT.search(text[max(0, q.start - 30):q.start]):
        return False
    words = [w.strip(".,;:!?()[]\"'“”‘’") for w in text[slice(*q.inner(text))].split()]
    words = [w for w in words if w]
    if not words or len(words) > 8:
        return False
    return all(w[0].isupper() or w[0].isdigit() or w.lower() in TITLE_MINOR for w in words) and words[0][0].isupper()
