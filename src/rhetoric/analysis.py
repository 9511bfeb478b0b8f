"""analyze(text, model) -> the `rhetoric.report/1` object: pure, no I/O."""

from __future__ import annotations

from .labels import LABEL_KEYS
from .passages import find_passages
from .sentences import split

SCHEMA_ID = "rhetoric.report/1"


def analyze(text: str, model, source: str = "-", thresholds: dict[str, float] | None = None) -> dict:
    """Score one article. `thresholds` overrides the model's per-label thresholds (the gate's policy)."""
    return analyze_many([(source, text)], model, thresholds)[0]


def analyze_many(articles: list[tuple[str, str]], model, thresholds: dict[str, float] | None = None) -> list[dict]:
    """Score several articles with one call into the model (the fast path scores in batches)."""
    limits = {**model.thresholds, **(thresholds or {})}
    units_per_article = [split(text) for _, text in articles]
    prose = [u.text for units in units_per_article for u in units if u.prose]
    proba = model.predict_proba(prose).tolist() if prose else []
    reports = []
    row = 0
    for (source, _text), units in zip(articles, units_per_article):
        sentences = []
        flagged = {key: 0 for key in LABEL_KEYS}
        for index, unit in enumerate(units):
            entry = {"index": index, "start": unit.start, "end": unit.end, "text": unit.text, "prose": unit.prose,
                     "scores": None, "flags": [], "passages": []}
            if unit.prose:
                scores = {key: round(p, 4) for key, p in zip(LABEL_KEYS, proba[row])}
                row += 1
                entry["scores"] = scores
                entry["flags"] = [key for key in LABEL_KEYS if scores[key] >= limits[key]]
                for key in entry["flags"]:
                    flagged[key] += 1
                    token_weight, cues = model.scorer.shares(unit.text, LABEL_KEYS.index(key))
                    for p in find_passages(key, unit.text, cues, unit.start, token_weight):
                        entry["passages"].append({"label": p.label, "start": p.start, "end": p.end,
                                                  "text": p.text, "weight": p.weight, "reason": p.reason})
                entry["passages"].sort(key=lambda p: (p["start"], p["label"]))
            sentences.append(entry)
        reports.append({
            "schema": SCHEMA_ID,
            "source": source,
            "model": {"version": model.version, "sha256": model.sha256},
            "labels": list(LABEL_KEYS),
            "thresholds": {key: limits[key] for key in LABEL_KEYS},
            "sentences": sentences,
            "summary": {"sentences": len(sentences), "prose": sum(u.prose for u in units), "flagged": flagged},
            "warnings": [],
        })
    return reports
