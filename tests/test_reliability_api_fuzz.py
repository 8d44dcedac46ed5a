"""API fuzzing: schemathesis generates requests from the web app's own OpenAPI document
(valid and invalid ones) and sends them in-process; no response may be a 5xx.

The store behind the app holds real pipeline output, so the read endpoints have rows to
page through, and the two write endpoints (POST /api/articles, POST /api/upload) run the
pipeline on whatever schemathesis sends. Examples per operation are bounded (and
derandomized) so the test stays well under a minute; DATELINE_FUZZ_SCALE=10 explores more.
"""

from __future__ import annotations

import json
import os
from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from dateline.config import Settings
from dateline.run.local import run_local
from dateline.web import create_app

SCALE = int(os.environ.get("DATELINE_FUZZ_SCALE", "1"))
CALLS: Counter = Counter()  # operation -> requests sent, for docs/reliability.md
FAILURES: Counter = Counter()

STORIES = {
    "a.txt": "Norway and Denmark sign a ferry data pact\n\nOSLO (Reuters) — Norwegian Transport Minister Jon Berg "
             "met Danish officials in Oslo on Monday and signed an agreement to share ferry data.\n\n"
             "\"Sharing data is the cheapest safety measure we have,\" Berg told reporters.\n",
    "b.txt": "Police detain protesters in Lagos\n\nLAGOS — Nigerian police detained dozens of protesters in Lagos "
             "on Friday, witnesses said, after a march against fuel prices.\n",
    "c.txt": "Le conseil municipal de Lyon vote un budget\n\nLe conseil municipal de Lyon a adopté lundi soir un "
             "budget consacré aux transports publics, après un long débat.\n",
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    d = tmp_path_factory.mktemp("fuzz_inputs")
    for name, text in STORIES.items():
        (d / name).write_text(text)
    (d / "empty.txt").write_text("")
    db = str(tmp_path_factory.mktemp("fuzz_db") / "web.duckdb")
    run_local([str(d)], Settings(db=db))
    return create_app(db, max_upload_bytes=200_000)


def _operations(app):
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    ops = []
    for result in schema.get_all_operations():
        ops.append(result.ok())  # an invalid operation in the document raises here: a failure too
    return ops


def _fuzz(op, mode: GenerationMode, examples: int) -> list[str]:
    """Send `examples` generated requests to one operation; the 5xx ones, described."""
    errors: list[str] = []

    @settings(max_examples=examples, deadline=None, derandomize=SCALE == 1, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    @given(case=op.as_strategy(generation_mode=mode))
    def run(case):
        CALLS[f"{op.method.upper()} {op.path}"] += 1
        response = case.call()
        if response.status_code >= 500:
            FAILURES[f"{op.method.upper()} {op.path}"] += 1
            errors.append(f"{op.method.upper()} {case.formatted_path} query={case.query!r} "
                          f"body={str(case.body)[:200]!r} -> {response.status_code} {response.text[:200]!r}")

    try:
        run()
    except Unsatisfiable:  # e.g. no invalid request exists for an operation without parameters
        pass
    return errors


def test_reliability_api_no_server_errors(app):
    ops = _operations(app)
    assert len(ops) >= 10
    errors = []
    for op in ops:
        writes = op.method.upper() != "GET"  # each write runs the pipeline: fewer examples
        for mode in GenerationMode:
            errors += _fuzz(op, mode, (6 if writes else 10) * SCALE)
    print(f"\napi fuzz: {sum(CALLS.values())} requests over {len(CALLS)} operations, "
          f"{sum(FAILURES.values())} server errors")
    assert not errors, "\n".join(errors[:20])


@pytest.mark.parametrize("field", ["id", "title", "url", "text"])
def test_reliability_api_lone_surrogate_is_not_a_server_error(app, field):
    from fastapi.testclient import TestClient

    doc = {"id": "surrogate", "text": "Police in Tromso detained two men on Monday, officials said.", field: "@"}
    body = '{"documents": [%s]}' % json.dumps(doc).replace('"@"', '"a \\ud800 b"')
    client = TestClient(app, raise_server_exceptions=False)  # no `with`: the lifespan would close the store
    r = client.post("/api/articles", content=body, headers={"content-type": "application/json"})
    assert r.status_code < 500, r.text[:300]
