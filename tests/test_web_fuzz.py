"""Schemathesis against the OpenAPI document, in-process: no input makes the read API answer 500."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

import hypothesis
import schemathesis
from schemathesis.checks import not_a_server_error

from dateline.web import create_app
from test_web_data import build_store

_DIR = tempfile.mkdtemp(prefix="dateline-fuzz-")
atexit.register(shutil.rmtree, _DIR, ignore_errors=True)
_PATH = str(Path(_DIR) / "fuzz.duckdb")
build_store(_PATH)
# read-only: the fuzzer exercises every read endpoint; POSTs get a documented 403 instead of running the pipeline
APP = create_app(_PATH, read_only=True)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@schema.parametrize()
@hypothesis.settings(max_examples=25, deadline=None, derandomize=True,
                     suppress_health_check=list(hypothesis.HealthCheck))
def test_web_api_fuzz_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
