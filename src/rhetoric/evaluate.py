"""Evaluation of a model on labeled sentences: per label, optionally per source, with errors listed."""

from __future__ import annotations

import numpy as np

from .labels import LABEL_KEYS
from .metrics import flag_all_f1, label_metrics


def source_prefix(source: str) -> str:
    return source.split(":", 1)[0] if source else "(none)"


def metrics_for(examples, proba: np.ndarray, thresholds: dict[str, float], carried: np.ndarray | None = None) -> dict:
    """Per label metrics; `carried` (from `analysis.carried`) makes the flags those a report raises."""
    out = {}
    for j, key in enumerate(LABEL_KEYS):
        rows = [i for i, ex in enumerate(examples) if ex.labels.get(key) is not None]
        if not rows:
            continue
        y = [examples[i].labels[key] for i in rows]
        m = label_metrics(y, proba[rows, j], thresholds[key], None if carried is None else carried[rows, j])
        m["flag_all_f1"] = flag_all_f1(y)
        out[key] = m
    return out


def evaluate(model, examples, by_source: bool = False, thresholds: dict[str, float] | None = None) -> dict:
    """Score each example's text as one sentence and compare with its labels (nulls skipped).

    Flags are counted as a report raises them: a sentence at or over the threshold whose flag has a
    passage (`analysis.carried`). `_proba` and `_carried` hold the per-sentence arrays for callers.
    """
    from .analysis import carried as carried_by
    from .features import prepare_all

    limits = {**model.thresholds, **(thresholds or {})}
    sentences = prepare_all([ex.text for ex in examples])
    proba = model.predict_proba(sentences) if examples else np.zeros((0, len(LABEL_KEYS)))
    carried = carried_by(model.scorer, sentences)
    result = {"labels": metrics_for(examples, proba, limits, carried), "sentences": len(examples)}
    passages = passage_metrics(model, examples, proba, limits, sentences)
    if passages:
        result["passages"] = passages
    if by_source:
        groups: dict[str, list[int]] = {}
        for i, ex in enumerate(examples):
            groups.setdefault(source_prefix(ex.source), []).append(i)
        result["by_source"] = {
            name: {"labels": metrics_for([examples[i] for i in rows], proba[rows], limits, carried[rows]),
                   "sentences": len(rows)}
            for name, rows in sorted(groups.items())
        }
    result["_proba"] = proba
    result["_carried"] = carried
    return result


def raised(proba: np.ndarray, thresholds: dict[str, float], carried: np.ndarray | None = None) -> np.ndarray:
    """The flags a report raises, (sentences, labels): at the label's threshold and, where `carried`
    (`analysis.carried`) is given, with a passage that carries the flag."""
    flags = proba >= np.array([thresholds[key] for key in LABEL_KEYS])
    return flags if carried is None else flags & carried


def errors(examples, proba: np.ndarray, thresholds: dict[str, float], carried: np.ndarray | None = None) -> list[dict]:
    """Every false positive and false negative, with its score, for reading."""
    out = []
    flags = raised(proba, thresholds, carried)
    for i, ex in enumerate(examples):
        for j, key in enumerate(LABEL_KEYS):
            gold = ex.labels.get(key)
            if gold is None:
                continue
            flagged = bool(flags[i, j])
            if flagged != bool(gold):
                out.append({"label": key, "error": "false_positive" if flagged else "false_negative",
                            "score": round(float(proba[i, j]), 4), "text": ex.text, "source": ex.source})
    return out


def _token_spans(text: str, spans: list[tuple[int, int]]) -> set[int]:
    from . import lexicon

    return {k for k, t in enumerate(lexicon.tokens(text)) if any(a < t.end and t.start < b for a, b in spans)}


def passage_metrics(model, examples, proba, thresholds: dict[str, float], sentences=None) -> dict:
    """Token precision and recall and overlap F1 of predicted passages against gold passages.

    Measured on the sentences that have gold passages for a label, with the passages a report would
    show (only where the model flags the label). A predicted passage counts for overlap F1 when it
    overlaps a gold passage, and a gold passage is found when a predicted one overlaps it; exact F1
    counts only a predicted passage with exactly a gold passage's words (case and edge punctuation aside).
    `sentences`: the examples already prepared (`features.prepare_all`), if they are.
    """
    from . import lexicon
    from .analysis import carrying_passages
    from .features import prepare

    out = {}
    for j, key in enumerate(LABEL_KEYS):
        tp_tok = pred_tok = gold_tok = 0
        pred_hit = pred_n = gold_hit = gold_n = exact = 0
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
                sentence = sentences[i] if sentences is not None else prepare(ex.text)
                predicted = [(p.start, p.end) for p in carrying_passages(model.scorer, sentence, key)]
            gold_tokens = _token_spans(ex.text, gold_spans)
            pred_tokens = _token_spans(ex.text, predicted)
            tp_tok += len(gold_tokens & pred_tokens)
            pred_tok += len(pred_tokens)
            gold_tok += len(gold_tokens)
            pred_n += len(predicted)
            gold_n += len(gold_spans)
            pred_hit += sum(any(a < gb and ga < b for ga, gb in gold_spans) for a, b in predicted)
            gold_hit += sum(any(a < gb and ga < b for a, b in predicted) for ga, gb in gold_spans)
            gold_words = {lexicon.words(ex.text[a:b]) for a, b in gold_spans}
            exact += sum(lexicon.words(ex.text[a:b]) in gold_words for a, b in predicted)
        if not gold_n:
            continue
        precision = pred_hit / pred_n if pred_n else 0.0
        recall = gold_hit / gold_n
        out[key] = {
            "token_precision": round(tp_tok / pred_tok, 4) if pred_tok else 0.0,
            "token_recall": round(tp_tok / gold_tok, 4) if gold_tok else 0.0,
            "overlap_f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
            "exact_f1": round(2 * exact / (pred_n + gold_n), 4),
            "support": gold_n,
        }
    return out


MIN_ARTICLE_SENTENCES = 6
"""Articles shorter than this (in sentences labeled for a label) are left out of the article measures."""


def _ranks(values: list[float]) -> np.ndarray:
    """Ranks with ties averaged (for Spearman's correlation)."""
    array = np.asarray(values, dtype=np.float64)
    order = array.argsort(kind="mergesort")
    ranks = np.empty(len(array))
    ranks[order] = np.arange(1, len(array) + 1)
    for value in np.unique(array):
        tied = array == value
        ranks[tied] = ranks[tied].mean()
    return ranks


def spearman(first: list[float], second: list[float]) -> float | None:
    """Spearman's rank correlation; None when either side is constant (undefined)."""
    if len(first) < 2:
        return None
    a, b = _ranks(first), _ranks(second)
    if a.std() == 0 or b.std() == 0:
        return None
    return float(np.corrcoef(a, b)[0, 1])


def article_metrics(examples, proba: np.ndarray, thresholds: dict[str, float], policy,
                    carried: np.ndarray | None = None) -> dict:
    """The gate's decision per article, from the annotators' labels and from the model, per label.

    Sentences are grouped by their `article` field (in file order). For each label the policy's rule
    is applied twice: to the annotators' labels (a sentence counts when it is labeled 1) and to the
    model's scores, as `rhetoric gate` applies it (flags, or expected counts where the rule says so;
    with `carried`, a flag counts only where a report would raise it, with a passage).
    Reports the confusion matrix (positive = the rule fires), balanced accuracy, and Spearman's
    correlation between the annotators' and the model's flagged share per article.
    """
    articles: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        if ex.article:
            articles.setdefault(ex.article, []).append(i)
    out = {}
    for j, key in enumerate(LABEL_KEYS):
        rule = policy.rules.get(key)
        if rule is None or rule.level == "off":
            continue
        limit = thresholds[key] if rule.threshold is None else rule.threshold
        matrix = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
        gold_share, model_share = [], []
        for rows in articles.values():
            rows = [i for i in rows if examples[i].labels.get(key) is not None]
            if len(rows) < MIN_ARTICLE_SENTENCES:
                continue
            gold = sum(examples[i].labels[key] for i in rows)
            scores = proba[rows, j]
            raised = scores >= limit
            if carried is not None:
                raised &= carried[rows, j]
            flagged = scores[raised]
            count = float(scores.sum()) if rule.count == "expected" else len(flagged)
            top = float(flagged.max()) if len(flagged) else 0.0
            gold_fires = gold > 0 and rule.fired(gold, len(rows), 1.0) is not None  # a label is certain
            can_fire = len(flagged) > 0 or rule.count == "expected"
            model_fires = can_fire and rule.fired(count, len(rows), top) is not None
            matrix[("t" if gold_fires == model_fires else "f") + ("p" if model_fires else "n")] += 1
            gold_share.append(gold / len(rows))
            model_share.append(len(flagged) / len(rows))
        n = sum(matrix.values())
        if not n:
            continue
        positives, negatives = matrix["tp"] + matrix["fn"], matrix["tn"] + matrix["fp"]
        tpr = matrix["tp"] / positives if positives else None
        tnr = matrix["tn"] / negatives if negatives else None
        balanced = (tpr + tnr) / 2 if tpr is not None and tnr is not None else None
        rho = spearman(gold_share, model_share)
        out[key] = {
            "articles": n,
            "confusion": matrix,
            "balanced_accuracy": None if balanced is None else round(balanced, 4),
            "agreement": round((matrix["tp"] + matrix["tn"]) / n, 4),
            "spearman_share": None if rho is None else round(rho, 4),
            "count": rule.count,
        }
    return out
