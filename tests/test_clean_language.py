from dateline.clean import language
from dateline.clean.language import identify_language

ENGLISH = ("The council agreed on Tuesday to keep the harbour ferry running through the winter, after "
           "residents of the outer islands said the boat was their only way to reach the hospital. ")
GERMAN = ("Der Gemeinderat hat am Dienstag beschlossen, die Hafenfähre auch im Winter fahren zu lassen, "
          "nachdem die Bewohner der äußeren Inseln gesagt hatten, das Boot sei ihr einziger Weg ins Krankenhaus. ")


def test_clean_language_long_texts_short_cut_and_full_read_agree(monkeypatch):
    for text, lang in ((ENGLISH * 20, "en"), (GERMAN * 20, "de"), (ENGLISH + GERMAN * 20, "de")):
        assert identify_language(text) == lang
        monkeypatch.setattr(language, "QUICK_SAMPLE", 10**9)  # no short look: the full sample decides
        assert identify_language(text) == lang
        monkeypatch.undo()


def test_clean_language_short_look_is_only_for_the_expected_language(monkeypatch):
    seen = []
    cls = type(language._identifier())
    real = cls.classify
    monkeypatch.setattr(cls, "classify", lambda self, s: (seen.append(len(s)), real(self, s))[1])
    assert identify_language(ENGLISH * 20) == "en"
    assert seen == [language.QUICK_SAMPLE]  # settled by the short look
    seen.clear()
    assert identify_language(GERMAN * 30) == "de"
    assert seen == [language.QUICK_SAMPLE, language.SAMPLE]  # not English: the full sample decides


def test_clean_language_needs_letters():
    assert identify_language("12 34 56 -- 78 90 !!") is None
    assert identify_language("") is None
