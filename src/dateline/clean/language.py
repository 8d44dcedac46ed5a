"""Language identification with py3langid (a maintained fork of langid.py, model bundled)."""

from __future__ import annotations

from functools import cache

# Below this confidence (normalised probability) a text is not called non-English: short
# English sentences with many names are otherwise read as Pidgin, Scots or Afrikaans.
MIN_CONFIDENCE = 0.90


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str, expected: str = "en") -> str | None:
    """ISO 639-1 code of the text's language, or None when there is too little text.

    A guess other than `expected` needs MIN_CONFIDENCE; otherwise `expected` stands.
    """
    sample = text[:4000]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None
    lang, prob = _identifier().classify(sample)
    if lang != expected and prob < MIN_CONFIDENCE:
        expected_prob = dict(_identifier().rank(sample)).get(expected, 0.0)
        if expected_prob > 0.01:
            return expected
    return lang
