"""The stage interface every extractor implements.

A stage reads the spaCy Doc of `Article.text` and the fields that earlier stages
filled in an `Extraction`, and returns the value of the one field it fills. Each
stage declares what it reads and writes, and `check_chain` refuses a pipeline whose
stages would read a field before any stage wrote it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ..errors import DatelineError
from ..records import Extraction

FIELDS = ("entities", "places", "times", "quotes", "events")


class Stage(Protocol):
    name: str  # versioned, e.g. "quotes.rules.v1"
    reads: tuple[str, ...]  # Extraction fields it uses
    writes: str  # the Extraction field it fills

    def __call__(self, extraction: Extraction, doc: Any) -> tuple: ...


@dataclass(frozen=True)
class FunctionStage:
    """A stage made from a plain function `fn(extraction, doc) -> tuple`."""

    name: str
    reads: tuple[str, ...]
    writes: str
    fn: Any

    def __call__(self, extraction: Extraction, doc: Any) -> tuple:
        return tuple(self.fn(extraction, doc))


def check_chain(stages: list[Stage]) -> None:
    written: set[str] = set()
    for stage in stages:
        if stage.writes not in FIELDS:
            raise DatelineError(f"stage {stage.name} writes unknown field {stage.writes!r}")
        missing = [f for f in stage.reads if f not in written]
        if missing:
            raise DatelineError(f"stage {stage.name} reads {', '.join(missing)} before any stage writes it")
        written.add(stage.writes)
