import dateline
from dateline.records import Extraction, Rejected


def test_api_exports_public_names():
    for name in dateline.__all__:
        assert hasattr(dateline, name)
    assert "extract" in dateline.__all__


def test_api_extract_returns_typed_record(story_text):
    r = dateline.extract(story_text, published="2023-03-14")
    assert isinstance(r, Extraction)
    assert r.article.dateline == "OSLO" and str(r.article.published) == "2023-03-14"
    assert any(e.name == "Jon Berg" for e in r.entities)


def test_api_extract_rejects_empty_text():
    r = dateline.extract("   ")
    assert isinstance(r, Rejected) and r.reason == "empty"


def test_api_non_english_is_kept_but_not_annotated():
    r = dateline.extract("Der Bundeskanzler hat heute in Berlin gesagt, dass die Regierung die Steuern "
                         "im kommenden Jahr nicht erhöhen werde. Die Opposition kritisierte den Plan.")
    assert isinstance(r, Extraction) and r.article.language == "de" and r.article.skipped == "not_english"
    assert r.entities == ()
