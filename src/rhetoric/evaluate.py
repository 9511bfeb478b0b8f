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
    passages = passage_metrics(model, examples, proba, limits)
    if passages:
        result["passages"] = passages
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


def _token_spans(text: str, spans: list[tuple[int, int]]) -> set[int]:
    from . import lexicon

    return {k for k, t in enumerate(lexicon.tokens(text)) if any(a < t.end and t.start < b for a, b in spans)}


def passage_metrics(model, examples, proba, thresholds: dict[str, float]) -> dict:
    """Token precision and recall and overlap F1 of predicted passages against gold passages.

    Measured on the sentences that have gold passages for a label, with the passages a report would
    show (only where the model flags the label). A predicted passage counts for overlap F1 when it
    overlaps a gold passage, and a gold passage is found when a predicted one overlaps it.
    """
    from .passages import find_passages

    out = {}
    for j, key in enumerate(LABEL_KEYS):
        tp_tok = pred_tok = gold_tok = 0
        pred_hit = pred_n = gold_hit = gold_n = 0
        for i, ex in enumerate(examples):
            golds = ex.passages.get(key) or []
            if not golds or ex.labels.get(key) != 1:
                continue
            gold_spans = []
            for g in golds:
                at = ex.text.find(g)
                if at >= 0:
                    gold_spans.append((at, at + len(g)))
            if not gold_spans:
                continue
            predicted = []
            if proba[i, j] >= thresholds[key]:
                contributions = model.scorer.contributions(ex.text, j)
                predicted = [(p.start, p.end) for p in find_passages(key, ex.text, contributions)]
            gold_tokens = _token_spans(ex.text, gold_spans)
            pred_tokens = _token_spans(ex.text, predicted)
            tp_tok += len(gold_tokens & pred_tokens)
            pred_tok += len(pred_tokens)
            gold_tok += len(gold_tokens)
            pred_n += len(predicted)
            gold_n += len(gold_spans)
            pred_hit += sum(any(a < gb and ga < b for ga, gb in gold_spans) for a, b in predicted)
            gold_hit += sum(any(a < gb and ga < b for a, b in predicted) for ga, gb in gold_spans)
        if not gold_n:
            continue
        precision = pred_hit / pred_n if pred_n else 0.0
        recall = gold_hit / gold_n
        out[key] = {
            "token_precision": round(tp_tok / pred_tok, 4) if pred_tok else 0.0,
            "token_recall": round(tp_tok / gold_tok, 4) if gold_tok else 0.0,
            "overlap_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
            "support": gold_n,
        }
    return out
