"""Why a sentence got its scores: the words and cues that push each label up or down."""

from __future__ import annotations

from .labels import LABEL_KEYS
from .passages import find_passages

TOP = 6


def explain(sentence: str, model) -> dict:
    """Scores, flags, passages and the strongest contributions per label, for one sentence."""
    proba = model.predict_proba([sentence])[0]
    out = {"text": sentence, "model": {"version": model.version}, "labels": {}}
    for j, key in enumerate(LABEL_KEYS):
        contributions = model.scorer.contributions(sentence, j)
        merged: dict[tuple[int, int, str], float] = {}
        for c in contributions:
            merged[(c.start, c.end, c.reason or "learned wording")] = merged.get(
                (c.start, c.end, c.reason or "learned wording"), 0.0) + c.weight
        items = [{"text": sentence[a:b], "start": a, "end": b, "reason": r, "weight": round(w, 4)}
                 for (a, b, r), w in merged.items() if abs(w) >= 1e-4]
        flagged = bool(proba[j] >= model.thresholds[key])
        out["labels"][key] = {
            "score": round(float(proba[j]), 4),
            "threshold": model.thresholds[key],
            "flagged": flagged,
            "passages": [p.__dict__ for p in find_passages(key, sentence, contributions, flagged=True)]
            if flagged else [],
            "up": sorted((i for i in items if i["weight"] > 0), key=lambda i: -i["weight"])[:TOP],
            "down": sorted((i for i in items if i["weight"] < 0), key=lambda i: i["weight"])[:TOP],
        }
    return out
