"""Shared fixtures. Every text here was written for these tests."""

from __future__ import annotations

import pytest

STORY = """Harbour talks end with a deal on ferry data

OSLO (Reuters) — Norwegian Transport Minister Jon Berg met Danish officials in Oslo on Monday and signed an agreement to share ferry traffic data.

Subscribe now for unlimited access to all our journalism.

"Sharing what our harbours see is the cheapest safety measure we have," Berg told reporters. The minister said the first joint forecast would come next month.

Advertisement

Swedish officials did not attend, a ministry spokeswoman said.
"""


@pytest.fixture
def story_text() -> str:
    return STORY


@pytest.fixture(scope="session")
def pipeline():
    from dateline.pipeline import Pipeline

    return Pipeline()
