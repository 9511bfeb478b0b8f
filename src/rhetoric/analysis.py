"""analyze(text, model) -> the `rhetoric.report/1` object: pure, no I/O."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .features import SentenceFeatures, prepare
from .labels import LABEL_KEYS
from .passages import Passage, carries, find_passages
from .sentences import split

if TYPE_CHECKING:
    import numpy as np

    from .records import ModelRecord, Report, Scorer, ScoringModel, SentenceRecord

SCHEMA_ID = "rhetoric.report/1"


def analyze(text: str, model: ScoringModel, source: str = "-", thresholds: dict[str, float] | None = None) -> Report:
    """Score one article. `thresholds` overrides the model's per-label thresholds (the gate's policy)."""
    return analyze_many([(source, text)], model, thresholds)[0]


CHUNK = 2048
"""Sentences scored together: large enough for numpy to pay off, small enough that their prepared
features (`features.SentenceFeatures`) stay small in memory until their passages are found."""


def analyze_many(
    articles: list[tuple[str, str]], model: ScoringModel, thresholds: dict[str, float] | None = None
) -> list[Report]:
    """Score several articles with few calls into the model (the fast path scores in batches)."""
    limits = {**model.thresholds, **(thresholds or {})}
    reports: list[Report] = []
    prose: list[SentenceRecord] = []  # every article's prose sentence entries, in order
    for source, text in articles:
        units = split(text)
        sentences: list[SentenceRecord] = [
            {"index": index, "start": unit.start, "end": unit.end, "text": unit.text, "prose": unit.prose,
             "kind": unit.kind, "scores": None, "flags": [], "passages": []}
            for index, unit in enumerate(units)
        ]
        prose.extend(entry for entry in sentences if entry["prose"])
        described: ModelRecord = {"version": model.version, "sha256": model.sha256}
        if model.outlet:
            described["outlet"] = model.outlet
        reports.append({
            "schema": SCHEMA_ID,
            "source": source,
            "model": described,
            "labels": list(LABEL_KEYS),
            "thresholds": {key: limits[key] for key in LABEL_KEYS},
            "sentences": sentences,
            "summary": {"sentences": len(sentences), "prose": sum(u.prose for u in units), "flagged": {}},
            "warnings": [],
        })
    for first in range(0, len(prose), CHUNK):
        chunk = prose[first : first + CHUNK]
        prepared = [prepare(entry["text"]) for entry in chunk]
        for entry, sentence, row in zip(chunk, prepared, model.probabilities(prepared)):
            _score(entry, sentence, row, limits, model.scorer)
    for report in reports:
        report["summary"]["flagged"] = {
            key: sum(key in entry["flags"] for entry in report["sentences"]) for key in LABEL_KEYS
        }
    return reports


def _score(entry: SentenceRecord, sentence: SentenceFeatures, probabilities: list[float], limits: dict[str, float],
           scorer: Scorer) -> None:
    """Fill one prose sentence's scores, flags and the passages of each flag."""
    scores = entry["scores"] = {key: round(p, 4) for key, p in zip(LABEL_KEYS, probabilities)}
    flagged = [key for key in LABEL_KEYS if scores[key] >= limits[key]]
    for key in flagged:
        found = carrying_passages(scorer, sentence, key, entry["start"])
        if not found:
            continue  # no passage carries the label: a flag an editor could not act on is not raised
        entry["flags"].append(key)
        entry["passages"].extend(p.record() for p in found)
    entry["passages"].sort(key=lambda p: (p["start"], p["label"]))


def carrying_passages(scorer: Scorer, sentence: SentenceFeatures, key: str, offset: int = 0) -> list[Passage]:
    """The passages that carry a flag of `key` in this sentence (`passages.carries`), the only ones a
    report shows: a weaker word beside them is not what the editor must act on. With none, the flag
    is not raised."""
    token_weight, cues = scorer.shares(sentence, LABEL_KEYS.index(key))
    found = find_passages(key, sentence.text, cues, offset, token_weight, flagged=True, toks=sentence.tokens)
    return [passage for passage in found if carries(passage)]


def carried(scorer: Scorer, sentences: list[SentenceFeatures]) -> np.ndarray:
    """Whether a flag of each label would have a passage in each sentence, (sentences, labels): a sentence
    is flagged for a label when it scores at least the threshold and this holds, as `analyze` flags it."""
    import numpy as np

    return np.array([[bool(carrying_passages(scorer, sentence, key)) for key in LABEL_KEYS] for sentence in sentences],
                    dtype=bool).reshape(len(sentences), len(LABEL_KEYS))
