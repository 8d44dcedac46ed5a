"""Language identification with py3langid (a maintained fork of langid.py, model bundled)."""

from __future__ import annotations


def identify_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text."""
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    import py3langid  # loads its bundled model on first use (about 0.7 s, once per process)

    lang, _score = py3langid.classify(sample)
    return lang
