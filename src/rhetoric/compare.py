"""Comparing two models on the same labeled sentences: metrics side by side, flags that flip."""

from __future__ import annotations

from .evaluate import evaluate, raised
from .labels import LABEL_KEYS

METRICS = ("precision", "recall", "f1", "average_precision", "brier", "ece")


def _defined(m: dict, flagged: int) -> dict:
    """A label's metrics with the undefined ones as None (label_metrics reports them as 0): precision
    when nothing is flagged, recall when nothing is positive, F1 when either is undefined, AP when one
    class is missing."""
    out = dict(m)
    if m["support"] == 0:
        out["recall"] = out["f1"] = None
    if flagged == 0:
        out["precision"] = out["f1"] = None
    return out


def compare_models(old, new, examples) -> dict:
    """Metrics of both models on `examples` (undefined ones as None) and every flag that flips."""
    a = evaluate(old, examples)
    b = evaluate(new, examples)
    flags_old = raised(a["_proba"], old.thresholds, a["_carried"])
    flags_new = raised(b["_proba"], new.thresholds, b["_carried"])
    metrics = {}
    for j, key in enumerate(LABEL_KEYS):
        if key not in a["labels"]:
            continue
        rows = [i for i, ex in enumerate(examples) if ex.labels.get(key) is not None]
        flagged_old, flagged_new = int(flags_old[rows, j].sum()), int(flags_new[rows, j].sum())
        before, after = _defined(a["labels"][key], flagged_old), _defined(b["labels"][key], flagged_new)
        metrics[key] = {m: (before[m], after[m]) for m in METRICS}
    flips = []
    for i, ex in enumerate(examples):
        for j, key in enumerate(LABEL_KEYS):
            old_flag, new_flag = bool(flags_old[i, j]), bool(flags_new[i, j])
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
