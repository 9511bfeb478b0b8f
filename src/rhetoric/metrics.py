"""Per-label metrics: precision, recall, F1, average precision, Brier score, calibration error."""

from __future__ import annotations

import numpy as np


def expected_calibration_error(y: np.ndarray, p: np.ndarray, bins: int = 10) -> float:
    """Mean gap between predicted probability and observed rate, over 10 equal-width bins."""
    if len(y) == 0:
        return float("nan")
    edges = np.linspace(0.0, 1.0, bins + 1)
    which = np.clip(np.digitize(p, edges[1:-1], right=True), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            total += mask.sum() / len(y) * abs(p[mask].mean() - y[mask].mean())
    return float(total)


def label_metrics(y, p, threshold: float, carried=None) -> dict[str, float | None]:
    """Metrics for one label; `y` is 0/1, `p` the predicted probability. Precision, recall and F1 count
    the flags a report raises: at least the threshold, and (where `carried` says) a passage to show."""
    from sklearn.metrics import average_precision_score

    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    flagged = p >= threshold
    if carried is not None:
        flagged &= np.asarray(carried, dtype=bool)
    tp = int(np.sum(flagged & (y == 1)))
    fp = int(np.sum(flagged & (y == 0)))
    fn = int(np.sum(~flagged & (y == 1)))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    has_both = 0 < y.sum() < len(y)
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "average_precision": round(float(average_precision_score(y, p)), 4) if has_both else None,
        "brier": round(float(np.mean((p - y) ** 2)), 4) if len(y) else None,
        "ece": round(expected_calibration_error(y, p), 4) if len(y) else None,
        "support": int(y.sum()),
        "n": int(len(y)),
    }


def flag_all_f1(y) -> float:
    """F1 of the baseline that flags every sentence: 2r/(1+r) for base rate r."""
    y = np.asarray(y, dtype=int)
    rate = y.mean() if len(y) else 0.0
    return round(float(2 * rate / (1 + rate)), 4) if rate else 0.0


def _f1_curve(y, p, weights=None) -> tuple[np.ndarray, np.ndarray]:
    """The probabilities in falling order and the F1 of flagging every sentence at or above each one
    (-1 where the next probability is the same, so a tie is never split)."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(-p, kind="stable")
    ys, ps, ws = y[order], p[order], w[order]
    tp = np.cumsum(ws * ys)
    fp = np.cumsum(ws * (1 - ys))
    positives = max(float(np.min(ws)) if len(ws) else 1.0, float((ws * ys).sum()))
    f1 = 2 * tp / (tp + fp + positives)
    last_of_value = np.r_[ps[1:] != ps[:-1], True]
    return ps, np.where(last_of_value, f1, -1.0)


def best_f1(y, p) -> float:
    """The F1 at `best_f1_threshold`: the best any threshold on these probabilities reaches."""
    return float(np.max(_f1_curve(y, p)[1]))


def best_f1_threshold(y, p, tolerance: float = 0.0, weights=None) -> float:
    """The probability threshold with the best F1 (the highest such threshold on a tie).

    With `tolerance`, the threshold in the middle of the plateau, the thresholds whose F1 is within
    `tolerance` of the best: the one nearest the midpoint, in log-odds, of the plateau's lowest and
    highest. An F1 curve is often flat over a wide range, and its argmax jumps when a few training
    sentences change; the plateau's extent stays put. (Its median did not: it follows where the
    scores happen to be dense, and moved hedging's threshold from 0.457 to 0.542 when 378 calm
    sentences joined the corpus, on a plateau from about 0.2 to 0.6 both times.) `weights` count each
    sentence that many times (a sample reweighted to another base rate, see `priors.importance`).
    """
    ps, f1 = _f1_curve(y, p, weights)
    best = int(np.argmax(f1))
    if tolerance <= 0:
        return float(ps[best])
    plateau = np.sort(ps[f1 >= f1[best] - tolerance])
    odds = np.log(np.clip(plateau, 1e-9, 1 - 1e-9) / np.clip(1 - plateau, 1e-9, 1))
    middle = (odds[0] + odds[-1]) / 2
    distance = np.abs(odds - middle)
    nearest = np.nonzero(distance <= distance.min() + 1e-9)[0]
    return float(plateau[nearest[-1]])  # a tie goes to the higher threshold, as the argmax's does


def precision_threshold(y, p, target: float, weights=None) -> float:
    """The lowest threshold whose (weighted) precision reaches `target` (best F1 if none does)."""
    y = np.asarray(y, dtype=int)
    p = np.asarray(p, dtype=float)
    w = np.ones(len(y)) if weights is None else np.asarray(weights, dtype=float)
    order = np.argsort(-p, kind="stable")
    ys, ps, ws = y[order], p[order], w[order]
    tp, flagged = np.cumsum(ws * ys), np.cumsum(ws)
    last_of_value = np.r_[ps[1:] != ps[:-1], True]
    reaching = np.nonzero(last_of_value & (tp >= target * flagged - 1e-12))[0]
    if len(reaching):
        return float(ps[reaching[-1]])
    return best_f1_threshold(y, p, weights=weights)
