"""Language identification with py3langid (a maintained fork of langid.py, model bundled)."""

from __future__ import annotations

from functools import cache

# Below this confidence (normalised probability) a text is not called non-English: short
# English sentences with many names are otherwise read as Pidgin, Scots or Afrikaans.
MIN_CONFIDENCE = 0.90
SAMPLE = 4000  # characters read to decide
# A first look at a short prefix settles most documents: when it reads as `expected` with at
# least this confidence, the full sample is not read (langid's cost is linear in the length).
# On the 3,251 texts of the shared corpora and gold sets this gave the same answer every time
# as reading the full sample.
QUICK_SAMPLE = 500
QUICK_CONFIDENCE = 0.99
MIN_LETTERS = 20


@cache
def _identifier():
    """py3langid's identifier. Its bundled model is LZMA-compressed and takes most of a second
    to unpack, in every process; the unpacked model is cached next to the gazetteer's index
    (a pickle keyed by the package version and model file), which loads ten times faster."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    model = _cached_model(MODEL_DIR / MODEL_FILE)
    if model is None:
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ptc, pc, classes, nextmove, row, output = model
    return LanguageIdentifier(np.asarray(ptc), np.asarray(pc), classes, nextmove, output, norm_probs=True, tk_row=row)


def _cached_model(path):
    """The unpacked model tuple of `py3langid.modelio.load_model`, from the cache when there;
    None when no cache can be used (the caller then loads the model the ordinary way)."""
    import hashlib
    import os
    import pickle
    import tempfile
    from importlib import metadata

    from ..geo.gazetteer import cache_dir

    try:
        stat = os.stat(path)
        key = hashlib.sha256(f"{metadata.version('py3langid')}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        cached = cache_dir() / f"langid-{key.hexdigest()[:16]}.pickle"
        if cached.exists():
            with open(cached, "rb") as fh:
                return pickle.load(fh)
        from py3langid.modelio import load_model

        model = load_model(path)
        cached.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=cached.parent, delete=False, suffix=".tmp") as fh:
            pickle.dump(model, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(fh.name, cached)
        return model
    except Exception:  # an unwritable or damaged cache must never stop cleaning
        return None


def identify_language(text: str, expected: str = "en") -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text.

    A guess other than `expected` needs MIN_CONFIDENCE; otherwise `expected` stands.
    """
    sample = text[:SAMPLE]
    if not _has_letters(sample, MIN_LETTERS):
        return None
    if len(sample) > QUICK_SAMPLE:
        lang, prob = _identifier().classify(sample[:QUICK_SAMPLE])
        if lang == expected and prob >= QUICK_CONFIDENCE:
            return lang
    lang, prob = _identifier().classify(sample)
    if lang != expected and prob < MIN_CONFIDENCE:
        expected_prob = dict(_identifier().rank(sample)).get(expected, 0.0)
        if expected_prob > 0.01:
            return expected
    return lang


def _has_letters(text: str, n: int) -> bool:
    """At least `n` letters in `text` (stops counting there)."""
    seen = 0
    for ch in text:
        if ch.isalpha():
            seen += 1
            if seen >= n:
                return True
    return False
