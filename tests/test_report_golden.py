"""Golden files for the three report formats of a fixed article.

The golden files change whenever the shipped model changes (retraining moves scores, flags and
passages) or a renderer's layout changes on purpose. Regenerate them with
`UPDATE_GOLDEN=1 make test`, then read the diff before committing: it is the visible effect of the
change on a report.
"""

from __future__ import annotations

import os

import pytest

from rhetoric.articles import score_file
from rhetoric.report import render

from .conftest import DATA

GOLDEN = DATA.parent / "golden"


@pytest.mark.parametrize("fmt", ["text", "json", "html"])
def test_report_matches_golden_file(model, fmt):
    source = "tests/data/tabloid_article.txt"
    report, text = score_file(str(DATA / "tabloid_article.txt"), model)
    report["source"] = source
    rendered = render(report, fmt, colour=False, text=text)
    golden = GOLDEN / f"tabloid_article.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")
