"""Why a sentence got its scores: the words and cues that push each label up or down."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from .labels import LABEL_KEYS
from .passages import LEARNED

if TYPE_CHECKING:
    from .records import ScoringModel

TOP = 6


class Push(TypedDict):
    """One span's contribution to a label's decision score (logit units)."""

    text: str
    start: int
    end: int
    reason: str
    weight: float


def explain(sentence: str, model: ScoringModel) -> dict[str, Any]:
    """Scores, flags, passages and the strongest contributions per label, for one sentence. Flags and
    passages are the ones a report raises (`analysis.carrying_passages`): a score over the threshold
    that no passage carries is not flagged, in a report or here."""
    from .analysis import carrying_passages
    from .features import prepare

    prepared = prepare(sentence)
    proba = model.predict_proba([prepared])[0]
    labels: dict[str, dict[str, Any]] = {}
    out = {"text": sentence, "model": {"version": model.version}, "labels": labels}
    for j, key in enumerate(LABEL_KEYS):
        contributions = model.scorer.contributions(prepared, j)
        merged: dict[tuple[int, int, str], float] = {}
        for c in contributions:
            merged[(c.start, c.end, c.reason or LEARNED)] = merged.get(
                (c.start, c.end, c.reason or LEARNED), 0.0) + c.weight
        items: list[Push] = [{"text": sentence[a:b], "start": a, "end": b, "reason": r, "weight": round(w, 4)}
                 for (a, b, r), w in merged.items() if abs(w) >= 1e-4]
        passages = carrying_passages(model.scorer, prepared, key) if proba[j] >= model.thresholds[key] else []
        labels[key] = {
            "score": round(float(proba[j]), 4),
            "threshold": model.thresholds[key],
            "flagged": bool(passages),
            "passages": [p.record() for p in passages],
            "up": sorted((i for i in items if i["weight"] > 0), key=lambda i: -i["weight"])[:TOP],
            "down": sorted((i for i in items if i["weight"] < 0), key=lambda i: i["weight"])[:TOP],
        }
    return out
