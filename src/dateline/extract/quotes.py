"""The quotes stage (being built: see its issue). Returns nothing yet."""

from __future__ import annotations

from ..records import Extraction
from .base import FunctionStage


def extract_quotes(extraction: Extraction, doc) -> tuple:
    return ()


STAGE = FunctionStage("quotes.none.v0", ("entities",), "quotes", extract_quotes)
