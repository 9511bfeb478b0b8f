"""An outlet's own weights (`pipeline.LabelwiseClassifier` with `outlets`): fitted after the shared
weights, as a change to their log-odds, only as strong as the outlet's held-out rows support."""

import numpy as np
import pytest
from scipy import sparse
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression

from rhetoric.pipeline import LabelwiseClassifier, block_strength, fit_offset_logistic


def _rows(n: int, width: int, seed: int):
    rng = np.random.default_rng(seed)
    X = sparse.random(n, width, density=0.3, random_state=seed, format="csr")
    return X, rng


def test_with_no_offset_it_is_scikit_learns_logistic_regression():
    X, rng = _rows(300, 12, 0)
    y = (X @ rng.normal(size=12) + rng.normal(scale=0.5, size=300) > 0.3).astype(int)
    weights = rng.uniform(0.5, 2.0, size=300)
    change, bias = fit_offset_logistic(X, y, np.zeros(300), weights, C=0.7)
    reference = LogisticRegression(C=0.7, tol=1e-10, max_iter=10_000).fit(X, y, sample_weight=weights)
    assert np.allclose(change, reference.coef_[0], atol=1e-4)
    assert bias == pytest.approx(reference.intercept_[0], abs=1e-4)


def test_a_constant_offset_moves_only_the_bias():
    X, rng = _rows(200, 8, 1)
    y = rng.integers(0, 2, size=200)
    offset = rng.normal(size=200)
    change, bias = fit_offset_logistic(X, y, offset, np.ones(200), C=1.0)
    moved, moved_bias = fit_offset_logistic(X, y, offset + 1.5, np.ones(200), C=1.0)
    assert np.allclose(change, moved, atol=1e-3) and moved_bias == pytest.approx(bias - 1.5, abs=1e-3)


def test_a_block_is_used_where_the_outlets_labels_follow_words_the_shared_model_ignores():
    X, rng = _rows(240, 10, 2)
    y = (X[:, 3].toarray().ravel() > 0).astype(float)  # the outlet reads one word as the label
    strength = block_strength(X, y, np.zeros(240), np.ones(240), C=4.0, groups=np.arange(240) // 4)
    assert strength > 0


def test_no_block_where_the_outlets_labels_are_noise_around_the_shared_models_view():
    X, rng = _rows(240, 10, 3)
    prior = rng.normal(size=240)
    y = (rng.uniform(size=240) < 1 / (1 + np.exp(-prior))).astype(float)  # the shared model is right
    assert block_strength(X, y, prior, np.ones(240), C=4.0, groups=np.arange(240) // 4) == 0.0


def _classifier(outlets=()):
    estimator = CalibratedClassifierCV(LogisticRegression(max_iter=5000), method="sigmoid", cv=3, ensemble=False)
    return LabelwiseClassifier(estimator, C=(1.0, 1.0, 1.0), outlets=outlets, outlet_scale=0.5)


def test_an_outlets_labels_never_move_the_shared_weights():
    from sklearn.metrics import roc_auc_score

    X, rng = _rows(600, 15, 4)
    Y = (X @ rng.normal(size=(15, 3)) + rng.normal(scale=0.8, size=(600, 3)) > 0.2).astype(float)
    outlet = np.where(np.arange(600) < 200, 0, -1)
    Y[:200, 0] = X[:200, 3].toarray().ravel() > 0  # the outlet reads one word, and only it, as the first label
    general = outlet < 0
    with_outlet = _classifier(("desk",)).fit(X, Y, outlet=outlet, groups=np.arange(600) // 5)
    without = _classifier().fit(X[general], Y[general])
    assert np.allclose(with_outlet.predict_proba(X, outlet=np.full(600, -1)), without.predict_proba(X))
    assert with_outlet.block_strengths_[0, 0] > 0
    own = with_outlet.predict_proba(X[:200], outlet=np.zeros(200, dtype=int))[:, 0]
    shared = without.predict_proba(X[:200])[:, 0]
    assert roc_auc_score(Y[:200, 0], own) > roc_auc_score(Y[:200, 0], shared) + 0.1
