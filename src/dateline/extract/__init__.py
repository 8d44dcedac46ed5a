"""Extractors: entities, places, times, quotes, events. Each is one module with one stage."""

from __future__ import annotations

from .base import FunctionStage, Stage, check_chain


def default_stages() -> list[Stage]:
    """The stages in the order they run; later stages read what earlier ones wrote."""
    from . import entities, events, places, quotes, times

    stages = [entities.STAGE, places.STAGE, times.STAGE, quotes.STAGE, events.STAGE]
    check_chain(stages)
    return stages


__all__ = ["FunctionStage", "Stage", "check_chain", "default_stages"]
