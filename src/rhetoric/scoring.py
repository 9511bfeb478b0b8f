"""Scoring files: read safely, analyze, attach warnings. Shared by `score`, `gate` and the queue."""

from __future__ import annotations

from .analysis import analyze_many
from .text import looks_english, read_article

ENGLISH_ONLY = "the text does not look like English; the model is English-only, so scores may be meaningless"


def score_texts(articles: list[tuple[str, str]], model, thresholds: dict[str, float] | None = None) -> list[dict]:
    """Reports for (source, text) pairs, with the English-only warning where it applies."""
    reports = analyze_many(articles, model, thresholds)
    for (_, text), report in zip(articles, reports):
        if not looks_english(text):
            report["warnings"].append(ENGLISH_ONLY)
    return reports


def score_file(path: str, model, thresholds: dict[str, float] | None = None) -> tuple[dict, str]:
    """The report of one article file (or `-`), and the text its offsets index."""
    article = read_article(path)
    return score_texts([(article.source, article.text)], model, thresholds)[0], article.text
