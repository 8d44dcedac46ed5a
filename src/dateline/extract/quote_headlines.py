"""Headline attributions: `Senator Diaz Slams Budget Deal`, `Mayor urges calm after vote`.

A headline is written in a clipped style the parser reads badly: a title-case verb comes
out as a proper noun (`Praises`, `Endorses`) or an auxiliary, and the name after it as the
verb. So the first line of an article is read by word form instead of by parse: the first
word that is a form of a cue verb of the lexicon (`blasts`, `endorsed`, `to release`),
after a short run of words that can be its subject, is the cue; the words before it are
the source and the words after it (up to a comma, a semicolon, a dash or a time clause
such as `after …`) the content. `… Backs X And Denounces Y` gives two attributions.
"""

from __future__ import annotations

from functools import cache
from itertools import takewhile

from .quote_lexicon import verb_frames
from .quote_rules import Candidate, trim

MAX_SUBJECT_WORDS = 7
MAX_HEADLINE_WORDS = 30  # a longer first line is the opening paragraph of an untitled text, not a headline
QUESTION_WORDS = {"why", "how", "what", "when", "where", "who", "which", "is", "are", "can", "will", "should", "does", "do",
                  # a headline that opens with a phrase or a clause: its first noun is not the speaker
                  "as", "in", "after", "with", "for", "on", "amid", "if", "while", "before", "despite", "at", "from"}
NOT_IN_SUBJECT = {"is", "are", "was", "were", "will", "has", "have", "had", "be", "been", ".", "?", "!", ":"}
CONTENT_STOPS = {"after", "before", "amid", "despite", "while", "as", "because", "following", "ahead"}
NOT_SUBJECT_END = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your", "this", "that", "of",
                   "for", "on", "in", "to", "with", "by", "at", "from", "and", "or", "’s", "'s", "’", "'"}
IRREGULAR = {"said": "say", "told": "tell", "wrote": "write", "thought": "think", "found": "find", "saw": "see",
             "sought": "seek", "took": "take", "gave": "give", "spoke": "speak", "held": "hold", "made": "make",
             "won": "win", "ran": "run", "chose": "choose", "threw": "throw", "stood": "stand", "came": "come",
             "went": "go", "felt": "feel", "meant": "mean", "knew": "know", "led": "lead", "left": "leave",
             "struck": "strike", "swore": "swear", "fought": "fight", "brought": "bring", "hid": "hide"}


@cache
def verb_forms() -> dict[str, str]:
    """Finite forms of the lexicon's cue verbs -> lemma (`slams`, `slammed`, `denies`, `urged`)."""
    out: dict[str, str] = {}
    for lemma in verb_frames():
        if not lemma.isalpha():
            continue
        forms = {lemma + "s", lemma + "es", lemma + "d", lemma + "ed", lemma + lemma[-1] + "ed"}
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        for f in forms:
            out.setdefault(f, lemma)
        out[lemma] = lemma
    for form, lemma in IRREGULAR.items():
        if lemma in verb_frames():
            out[form] = lemma
    return out


def headline_candidates(doc, text: str, found: list[Candidate]) -> list[Candidate]:
    """The first line's `Source Verb Content` when no other rule found a cue in it."""
    end = text.find("\n")
    if end <= 0 or not text[end:].strip() or any(c.cue and c.cue[0] < end for c in found):
        return []  # a text of one line has no headline
    words = [t for t in takewhile(lambda t: t.idx < end, doc) if not t.is_space]
    if not 3 <= len(words) <= MAX_HEADLINE_WORDS or words[0].lower_ in QUESTION_WORDS:
        return []
    forms = verb_forms()
    frames = verb_frames()
    out: list[Candidate] = []
    source = None
    i = 1
    while i < len(words):
        tok = words[i]
        lemma = forms.get(tok.lower_)
        to = i >= 2 and words[i - 1].lower_ == "to" and tok.lower_ == lemma
        if lemma is None or not tok.is_alpha or not (tok.lower_ != lemma or to or _plural_subject(words[i - 1])) \
                or _noun_before_verb(words, i):
            i += 1
            continue
        if tok.lower_.endswith("ed") and i + 1 < len(words) and words[i + 1].lower_ == "by":
            return out  # "Suspect Named By Police": a passive, the agent is not before it
        if source is None:
            first = i - 1 if to else i
            while first > 1 and words[first - 1].lower_ in ("just", "finally", "now", "also", "again", "quietly"):
                first -= 1
            subject = words[:first]
            if not subject or len(subject) > MAX_SUBJECT_WORDS or subject[-1].lower_ in NOT_SUBJECT_END \
                    or subject[-1].is_punct or any(forms.get(w.lower_) and w.text[:1].islower() for w in subject) \
                    or any(w.lower_ in NOT_IN_SUBJECT for w in subject) \
                    or not any(w.pos_ in ("PROPN", "NOUN", "PRON") for w in subject):
                return out
            source = trim(text, subject[0].idx, subject[-1].idx + len(subject[-1]))
            cue_start = words[first].idx
        else:  # "… Backs X And Denounces Y": a second verb after `and` or a comma
            if words[i - 1].lower_ not in ("and", ","):
                i += 1
                continue
            cue_start = tok.idx
        j = i + 1
        if j < len(words) and any(f == "pobj:" + words[j].lower_ for f in frames.get(lemma, ())):
            j += 1  # "Calls For X", "Worries About Y": the preposition belongs to the cue
        cue = (cue_start, words[j - 1].idx + len(words[j - 1]))
        k = j
        while k < len(words) and not (words[k].text in (",", ";", "—", "–", "-") and words[k].whitespace_
                                      or words[k].lower_ in CONTENT_STOPS
                                      or words[k].lower_ == "and" and k + 1 < len(words)
                                      and words[k + 1].lower_ in forms):
            k += 1
        if k > j:
            content = trim(text, words[j].idx, words[k - 1].idx + len(words[k - 1]))
            if content[1] > content[0] and not (k == j + 1 and words[j].pos_ == "PRON"):
                out.append(Candidate(cue, source, [content], "indirect", f"{lemma}-headline", None, None))
        i = k + 1 if k < len(words) and words[k].lower_ == "and" else k
        if not (k < len(words) and words[k].lower_ in ("and", ",")):
            break
    return out


def _plural_subject(tok) -> bool:
    """`Republicans blast X`: a base-form verb after a plural noun."""
    return tok.tag_ in ("NNS", "NNPS") or tok.lower_.endswith("s") and tok.text[:1].isupper()


def _noun_before_verb(words, i: int) -> bool:
    """`Jobs report gives …`, `Sanders campaign buys …`, `More emails released …`: a plural or
    noun form directly before a word the tagger reads as a finite verb is part of the subject."""
    nxt = next((w for w in words[i + 1:i + 3] if w.pos_ != "ADV"), None)
    if nxt is None or nxt.text[:1].isupper() and nxt.lower_ not in verb_forms():
        return False  # "Clinton blasts Trump": a capitalised name the tagger took for the verb
    return nxt.tag_ in ("VBZ", "VBD", "VBP", "VBN", "MD") or nxt.pos_ == "AUX"
