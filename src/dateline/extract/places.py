"""The places stage (being built: see its issue). Returns nothing yet."""

from __future__ import annotations

from ..records import Extraction
from .base import FunctionStage


def extract_places(extraction: Extraction, doc) -> tuple:
    return ()


STAGE = FunctionStage("places.none.v0", ("entities",), "places", extract_places)
