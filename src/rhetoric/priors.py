"""Prior shift: probabilities for the base rates of the text being read, not of the training corpus.

A calibrated classifier's probabilities are right for the base rate it was calibrated on. The corpus
holds dense tabloid and opinion pieces beside calm wire copy; a newsroom's own mix has its own rates.
For a label with training base rate c and target rate t, Bayes' rule moves each probability by a
constant in log-odds, log(t/(1-t)) - log(c/(1-c)) (Saerens, Latinne & Decaestecker 2002). The same
paper's EM procedure estimates t from unlabeled text alone: `estimate`.
"""

from __future__ import annotations

import math

import numpy as np

EPSILON = 1e-6


def logit(p: float) -> float:
    """Log-odds of a probability, clipped away from 0 and 1."""
    p = min(max(p, EPSILON), 1 - EPSILON)
    return math.log(p / (1 - p))


def offset(train: float, target: float) -> float:
    """The log-odds shift that moves probabilities calibrated at base rate `train` to rate `target`."""
    return logit(target) - logit(train)


def shift(proba: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Probabilities (columns = labels) moved by each column's log-odds offset: p e^o / (p e^o + 1 - p),
    which leaves p exactly as it is for a zero offset and needs no clipping at 0 or 1."""
    p = np.asarray(proba, dtype=np.float64)
    scaled = p * np.exp(np.asarray(offsets, dtype=np.float64))
    return scaled / (scaled + (1.0 - p))


def shift_thresholds(thresholds: dict[str, float], offsets: dict[str, float]) -> dict[str, float]:
    """Thresholds moved with their probabilities (each by its label's log-odds offset), so the same
    sentences are flagged before and after a prior shift."""
    return {key: round(float(shift(np.array([[t]]), np.array([offsets[key]]))[0, 0]), 6)
            for key, t in thresholds.items()}


def importance(y: np.ndarray, train: float, target: float) -> np.ndarray:
    """Per-example weights that make a sample with base rate `train` count as one with rate `target`
    (for choosing thresholds at the target rate)."""
    y = np.asarray(y)
    return np.where(y == 1, target / max(train, EPSILON), (1 - target) / max(1 - train, EPSILON))


def estimate(proba: np.ndarray, train: float, iterations: int = 200, tolerance: float = 1e-7) -> float:
    """The base rate of unlabeled sentences, by EM: shift the probabilities to the current estimate,
    take their mean as the next estimate, until it settles (Saerens et al. 2002)."""
    p = np.asarray(proba, dtype=np.float64)
    if len(p) == 0:
        raise ValueError("no sentences to estimate a base rate from")
    rate = train
    for _ in range(iterations):
        moved = float(shift(p[:, None], np.array([offset(train, rate)]))[:, 0].mean())
        if abs(moved - rate) < tolerance:
            rate = moved
            break
        rate = moved
    return min(max(rate, RATE_FLOOR), 1 - RATE_FLOOR)


RATE_FLOOR = 1e-4
"""A base rate of exactly 0 or 1 is an infinite shift; EM on a few sentences with no positive can reach it."""
