"""The typed shapes of what rhetoric produces and reads back: reports, sentences, passages, verdicts,
and the model every command scores with.

They mirror `report/schema.json` (`rhetoric.report/1`) and the gate's JSON, which other tools rely
on; the dictionaries stay plain JSON values, so a type here never changes a byte of output.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, NotRequired, Protocol, TypedDict

if TYPE_CHECKING:
    from collections.abc import Sequence

    import numpy as np

    from .features import SentenceFeatures

    Sentences = Sequence[str | SentenceFeatures]
    """Sentences to score: plain text, or prepared once (`features.prepare`) to share the work."""


class PassageRecord(TypedDict):
    label: str
    start: int
    end: int
    text: str
    weight: float
    reason: str
    allowed: NotRequired[bool]


class SentenceRecord(TypedDict):
    index: int
    start: int
    end: int
    text: str
    prose: bool
    kind: str
    scores: dict[str, float] | None
    flags: list[str]
    passages: list[PassageRecord]


class ModelRecord(TypedDict):
    version: str
    sha256: str
    outlet: NotRequired[str]


class SummaryRecord(TypedDict):
    sentences: int
    prose: int
    flagged: dict[str, int]


class Report(TypedDict):
    schema: str
    source: str
    model: ModelRecord
    labels: list[str]
    thresholds: dict[str, float]
    sentences: list[SentenceRecord]
    summary: SummaryRecord
    warnings: list[str]


class Reason(TypedDict):
    level: str
    label: str
    rule: str
    value: float
    limit: float
    sentences: list[int]
    passages: list[str]
    highest_score: float
    count: str


class Verdict(TypedDict):
    source: str
    verdict: str
    reasons: list[Reason]
    report: Report


class Scorer(Protocol):
    """What scoring needs from a model's weights (`scorer.LinearScorer`)."""

    def predict_proba(self, items: Sentences) -> np.ndarray: ...

    def probabilities(self, items: Sentences) -> list[list[float]]: ...

    def calibrated_proba(self, items: Sentences) -> np.ndarray: ...

    def shares(self, item: str | SentenceFeatures, label: int) -> tuple[list[float], list[Any]]: ...

    def contributions(self, item: str | SentenceFeatures, label: int) -> list[Any]: ...


class ScoringModel(Protocol):
    """What `analysis` scores with: a loaded model (`store.Model`) or anything shaped like it."""

    @property
    def version(self) -> str: ...

    @property
    def sha256(self) -> str: ...

    @property
    def thresholds(self) -> dict[str, float]: ...

    @property
    def outlet(self) -> str | None: ...

    @property
    def scorer(self) -> Scorer: ...

    def predict_proba(self, items: Sentences) -> np.ndarray: ...

    def probabilities(self, items: Sentences) -> list[list[float]]: ...
