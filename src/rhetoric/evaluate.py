"""Evaluation of a model on labeled sentences: per label, optionally per source, with errors listed."""

from __future__ import annotations

import numpy as np

from .labels import LABEL_KEYS
from .metrics import flag_all_f1, label_metrics


def source_prefix(source: str) -> str:
    return source.split(":", 1)[0] if source else "(none)"


def metrics_for(examples, proba: np.ndarray, thresholds: dict[str, float]) -> dict:
    out = {}
    for j, key in enumerate(LABEL_KEYS):
        rows = [i for i, ex in enumerate(examples) if ex.labels.get(key) is not None]
        if not rows:
            continue
        y = [examples[i].labels[key] for i in rows]
        m = label_metrics(y, proba[rows, j], thresholds[key])
        m["flag_all_f1"] = flag_all_f1(y)
        out[key] = m
    return out


def evaluate(model, examples, by_source: bool = False, thresholds: dict[str, float] | None = None) -> dict:
    """Score each example's text as one sentence and compare with its labels (nulls skipped)."""
    limits = {**model.thresholds, **(thresholds or {})}
    proba = model.predict_proba([ex.text for ex in examples]) if examples else np.zeros((0, len(LABEL_KEYS)))
    result = {"labels": metrics_for(examples, proba, limits), "sentences": len(examples)}
    if by_source:
        groups: dict[str, list[int]] = {}
        for i, ex in enumerate(examples):
            groups.setdefault(source_prefix(ex.source), []).append(i)
        result["by_source"] = {
            name: {"labels": metrics_for([examples[i] for i in rows], proba[rows], limits), "sentences": len(rows)}
            for name, rows in sorted(groups.items())
        }
    result["_proba"] = proba
    return result


def errors(examples, proba: np.ndarray, thresholds: dict[str, float]) -> list[dict]:
    """Every false positive and false negative, with its score, for reading."""
    out = []
    for i, ex in enumerate(examples):
        for j, key in enumerate(LABEL_KEYS):
            gold = ex.labels.get(key)
            if gold is None:
                continue
            flagged = proba[i, j] >= thresholds[key]
            if flagged != bool(gold):
                out.append({"label": key, "error": "false_positive" if flagged else "false_negative",
                            "score": round(float(proba[i, j]), 4), "text": ex.text, "source": ex.source})
    return out
