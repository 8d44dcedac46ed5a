"""The spaCy pipeline is loaded once per process, however its arguments are written."""

from dateline.config import DEFAULT_MODEL, Settings
from dateline.nlp import load_nlp, unload_models


def test_nlp_loading_default_arguments_share_one_model():
    settings = Settings()
    nlp = load_nlp()
    assert load_nlp(DEFAULT_MODEL) is nlp
    assert load_nlp(settings.model, settings.max_token_run) is nlp
    assert load_nlp(max_token_run=settings.max_token_run) is nlp


def test_nlp_loading_other_max_run_is_another_model_and_unload_forgets():
    nlp = load_nlp()
    other = load_nlp(DEFAULT_MODEL, 123)
    assert other is not nlp
    assert other.get_pipe_config("dateline_sentence_starts")["max_run"] == 123
    unload_models()
    assert load_nlp() is not nlp
