"""Comparing two models on the same labeled sentences: metrics side by side, flags that flip."""

from __future__ import annotations

from .evaluate import evaluate
from .labels import LABEL_KEYS

METRICS = ("precision", "recall", "f1", "average_precision", "brier", "ece")


def compare_models(old, new, examples) -> dict:
    a = evaluate(old, examples)
    b = evaluate(new, examples)
    metrics = {
        key: {m: (a["labels"][key][m], b["labels"][key][m]) for m in METRICS}
        for key in LABEL_KEYS
        if key in a["labels"]
    }
    flips = []
    for i, ex in enumerate(examples):
        for j, key in enumerate(LABEL_KEYS):
            old_flag = bool(a["_proba"][i, j] >= old.thresholds[key])
            new_flag = bool(b["_proba"][i, j] >= new.thresholds[key])
            if old_flag != new_flag:
                flips.append({"label": key, "text": ex.text, "id": ex.id, "gold": ex.labels.get(key),
                              "old_score": round(float(a["_proba"][i, j]), 4),
                              "new_score": round(float(b["_proba"][i, j]), 4),
                              "old_flag": old_flag, "new_flag": new_flag})
    return {
        "old": {"version": old.version, "thresholds": old.thresholds},
        "new": {"version": new.version, "thresholds": new.thresholds},
        "metrics": metrics,
        "flips": flips,
    }
