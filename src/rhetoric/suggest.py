"""What to label next: sentences the model is least sure about and a random share, spread over articles."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence, Set
from typing import Any

from .labels import LABEL_KEYS


def margin(scores: dict[str, float], thresholds: dict[str, float], labels=LABEL_KEYS) -> tuple[float, str]:
    """How close the sentence is to flipping a flag of `labels`: the smallest distance to a threshold,
    and where."""
    key = min(labels, key=lambda k: abs(scores[k] - thresholds[k]))
    return abs(scores[key] - thresholds[key]), key


def suggest(
    reports: Sequence[Mapping], n: int = 50, exclude: Set[str] = frozenset(), labels: tuple[str, ...] = LABEL_KEYS,
    explore: float = 0.5, seed: int = 0,
) -> list[dict]:
    """Up to `n` sentences: those nearest their thresholds (uncertainty sampling, taken round-robin
    over articles so one long article cannot fill the list) and a share drawn at random; rows in the
    labels format, labels left null.

    `exclude` holds the normalised texts (`corpus.normalised`) of sentences already labeled; `labels`
    are the labels the annotator will judge (the margin looks at their thresholds only). `explore`
    is the share of the `n` drawn at random (seeded by `seed`) from the other sentences instead:
    sentences near a threshold are mostly negatives where a label is rare, and random ones show the
    model the positives it scores far from it. Half and half is the default: in bench/adapt.py it beat
    three random draws' mean in five of six cells in session 11 and four of six in session 12, where
    nearest-only beat it in four cells and lost to it by 0.080 in one (FactBank hedging at 100).
    """
    import random

    from .corpus import normalised

    per_article: list[list[tuple[float, str, Any, Mapping]]] = []
    seen: set[str] = set(exclude)
    for report in reports:
        rows = []
        for s in report["sentences"]:
            key = normalised(s["text"]) if s["prose"] else ""
            if not s["prose"] or key in seen:
                continue
            seen.add(key)
            distance, key = margin(s["scores"], report["thresholds"], labels)
            rows.append((distance, key, s, report))
        rows.sort(key=lambda r: r[0])
        if rows:
            per_article.append(rows)
    per_article.sort(key=lambda rows: rows[0][0])
    nearest = n - round(n * explore)
    picked: list[tuple[float, str, Any, Mapping]] = []
    depth = 0
    while len(picked) < nearest and any(depth < len(rows) for rows in per_article):
        for rows in per_article:
            if depth < len(rows) and len(picked) < nearest:
                picked.append(rows[depth])
        depth += 1
    if len(picked) < n:
        chosen = {id(row) for row in picked}
        rest = [row for rows in per_article for row in rows if id(row) not in chosen]
        picked += random.Random(seed).sample(rest, min(n - len(picked), len(rest)))
    out = []
    for _distance, key, s, report in sorted(picked, key=lambda r: r[0]):
        scores = ", ".join(f"{k} {s['scores'][k]:.2f} (threshold {report['thresholds'][k]:.2f})" for k in LABEL_KEYS)
        out.append({
            "id": "suggest-" + hashlib.sha256(s["text"].encode("utf-8")).hexdigest()[:12],
            "text": s["text"],
            **{k: None for k in LABEL_KEYS},
            "passages": {},
            "provenance": "imported",
            "source": f"suggest:{report['source']}#{s['index']}",
            "note": f"closest to flipping: {key}; model scores: {scores}. Fill each label with 0 or 1.",
        })
    return out
