"""The one model definition: `build_pipeline(**params)` returns an unfitted scikit-learn Pipeline.

Training fits it; `scorer.LinearScorer` reads the fitted weights for fast scoring, and a test proves
the two agree.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin, clone
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import StandardScaler

from . import features
from .labels import LABEL_KEYS


class CueFeatures(TransformerMixin, BaseEstimator):
    """Sentences in, one row of linguistic cue counts per sentence out (see `features.FEATURES`).

    Stateless: the rows depend only on the sentence and the shipped word lists.
    """

    def fit(self, X, y=None):
        self.n_features_in_ = 1
        return self

    def transform(self, X):
        rows = [features.cue_vector(text) for text in X]
        return np.asarray(rows, dtype=np.float64).reshape(-1, len(features.FEATURES))

    def get_feature_names_out(self, input_features=None):
        return np.asarray([f"cue:{name}" for name in features.FEATURES], dtype=object)


def augment(X, outlet, n_outlets: int, scale: float = 1.0):
    """The layout of an outlet's weights (Daume 2007's feature augmentation): each row keeps its
    shared features and gets, in its outlet's own block, a copy of them times `scale` and a bias
    column; other outlets' blocks stay zero. `outlet` holds each row's outlet index, -1 for none."""
    if not n_outlets:
        return X
    from scipy import sparse

    X = sparse.csr_matrix(X)
    codes = np.full(X.shape[0], -1) if outlet is None else np.asarray(outlet)
    blocks = [X]
    for k in range(n_outlets):
        mine = (codes == k).astype(np.float64) * scale
        blocks += [sparse.diags(mine) @ X, sparse.csr_matrix(mine.reshape(-1, 1))]
    return sparse.hstack(blocks, format="csr")


class LabelwiseClassifier(ClassifierMixin, BaseEstimator):
    """One calibrated binary classifier per label, each fitted on the rows where that label is known.

    `Y` is an (n, labels) array of 0, 1 or NaN (not judged); `C` gives each label its own
    regularisation strength. `predict_proba` returns the positive-class probability per label.

    `outlets` names the outlets whose labelled rows (`fit`'s `outlet`: each row's outlet index, -1 for
    none) get their own block of weights, fitted in two stages. The shared weights are fitted on the
    rows of no outlet, so an outlet's labels never teach them; then each outlet's block is fitted on
    that outlet's rows alone, as a change to the shared model's calibrated log-odds (the shared model is
    the prior its labels move away from; Chelba & Acero 2006). The block is as strong as the outlet's
    own held-out rows support (`block_strength`), at most C times `outlet_scale` squared.
    """

    def __init__(self, estimator=None, C=None, cue_masks=None, outlets=(), outlet_scale=1.0):
        self.estimator = estimator
        self.C = C
        self.cue_masks = cue_masks
        self.outlets = outlets
        self.outlet_scale = outlet_scale

    def masked(self, X, j: int):
        """X with the cue columns label j may not use set to zero (cues are the last columns)."""
        if self.cue_masks is None:
            return X
        from scipy import sparse

        keep = np.ones(X.shape[1])
        cue_cols = X.shape[1] - len(self.cue_masks[j])
        keep[cue_cols:] = np.asarray(self.cue_masks[j], dtype=float)
        return sparse.csr_matrix(X) @ sparse.diags(keep)

    def inputs(self, X, j: int, outlet=None):
        """What label j's classifier sees: its allowed cues, and each row's outlet block."""
        return augment(self.masked(X, j), outlet, len(self.outlets), self.outlet_scale)

    def fit(self, X, Y, sample_weight=None, outlet=None, groups=None):
        """`groups` (each row's article) keeps an article on one side of the folds that choose an
        outlet block's strength."""
        Y = np.asarray(Y, dtype=np.float64)
        strengths = tuple(self.C) if self.C is not None else (1.0,) * len(LABEL_KEYS)
        if Y.ndim != 2 or Y.shape[1] != len(strengths):
            raise ValueError(f"Y must have one column per label ({len(strengths)})")
        codes = np.full(len(Y), -1) if outlet is None else np.asarray(outlet)
        weights = np.ones(len(Y)) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
        groups = np.arange(len(Y)) if groups is None else np.asarray(groups)
        self.estimators_ = []
        self.block_strengths_ = np.zeros((len(self.outlets), len(strengths)))
        for j, c in enumerate(strengths):
            shared = ~np.isnan(Y[:, j]) & (codes < 0)
            y = Y[shared, j].astype(int)
            if len(set(y.tolist())) < 2:
                raise ValueError(f"label {j} needs positive and negative examples")
            model = clone(self.estimator).set_params(estimator__C=c)
            X_j = self.masked(X, j)
            model.fit(X_j[shared], y, sample_weight=weights[shared])
            if self.outlets:
                self._add_outlet_blocks(model, X_j, j, c, Y[:, j], codes, weights, groups)
            self.estimators_.append(model)
        self.n_labels_ = len(strengths)
        return self

    def _add_outlet_blocks(self, model, X, j: int, c: float, y, codes, weights, groups) -> None:
        """Fit each outlet's block for label j on its own rows and append it to the shared weights, in
        `augment`'s layout, so that prediction and `scorer.LinearScorer` read one weight vector."""
        (member,) = model.calibrated_classifiers_
        (sigmoid,) = member.calibrators
        estimator = member.estimator
        blocks = []
        for k in range(len(self.outlets)):
            rows = np.flatnonzero((codes == k) & ~np.isnan(y))
            block = np.zeros(X.shape[1] + 1)
            if len(set(y[rows].tolist())) == 2 and sigmoid.a_ < 0:
                prior = -(sigmoid.a_ * estimator.decision_function(X[rows]) + sigmoid.b_)  # calibrated log-odds
                C = block_strength(X[rows], y[rows], prior, weights[rows], c * self.outlet_scale ** 2, groups[rows])
                self.block_strengths_[k, j] = C / (c * self.outlet_scale ** 2)
                if C:
                    change, bias = fit_offset_logistic(X[rows], y[rows], prior, weights[rows], C)
                    # from calibrated log-odds back to decision units, on `augment`'s scaled copy
                    block = -np.append(change, bias) / (sigmoid.a_ * self.outlet_scale)
            blocks.append(block)
        estimator.coef_ = np.concatenate([estimator.coef_[0], *blocks]).reshape(1, -1)
        estimator.n_features_in_ = estimator.coef_.shape[1]

    def predict_proba(self, X, outlet=None):
        return np.column_stack([m.predict_proba(self.inputs(X, j, outlet))[:, 1]
                                for j, m in enumerate(self.estimators_)])

    def predict(self, X, outlet=None):
        return (self.predict_proba(X, outlet) >= 0.5).astype(int)


def fit_offset_logistic(X, y, offset, sample_weight, C: float):
    """Weights and bias of a logistic regression whose log-odds are `offset + X @ w + b`: the weighted
    log-loss plus ||w||^2 / 2C (the bias is not penalised, as in scikit-learn), minimised by L-BFGS."""
    from scipy import sparse
    from scipy.optimize import minimize
    from scipy.special import expit

    X = sparse.csr_matrix(X)
    y = np.asarray(y, dtype=np.float64)
    sample_weight = np.asarray(sample_weight, dtype=np.float64)

    def loss(theta):
        w, b = theta[:-1], theta[-1]
        z = offset + X @ w + b
        residual = sample_weight * (expit(z) - y)
        value = np.sum(sample_weight * log_losses(z, y)) + w @ w / (2 * C)
        return float(value), np.append(X.T @ residual + w / C, residual.sum())

    found = minimize(loss, np.zeros(X.shape[1] + 1), jac=True, method="L-BFGS-B",
                     options={"maxiter": 5000, "gtol": 1e-6})
    return found.x[:-1], float(found.x[-1])


def log_losses(log_odds, y):
    """Each row's logistic loss for log-odds `log_odds` and label `y` (0 or 1), without overflow."""
    return np.logaddexp(0.0, log_odds) - y * log_odds


def grouped_folds(groups, n_folds: int) -> list:
    """Up to `n_folds` folds that keep each group (an article) on one side."""
    from sklearn.model_selection import GroupKFold

    splitter = GroupKFold(n_splits=min(n_folds, len(set(np.asarray(groups).tolist()))))
    return list(splitter.split(np.zeros(len(groups)), groups=groups))


BLOCK_STRENGTHS = (0.0, 1 / 64, 1 / 16, 1 / 4, 1.0)
"""The fractions of an outlet block's full C that training tries; 0 is no block (the shared model)."""


def block_strength(X, y, prior, sample_weight, C: float, groups) -> float:
    """The C (a fraction of `C`, or 0) whose block gives the lowest log-loss on the outlet's own rows
    it did not see (5 folds, an article on one side). An outlet's labels move its model only as far as
    they predict its other sentences: on bench/adapt.py's split, 100 sentences chosen by `suggest` took
    PTC's loaded F1 from 0.580 to 0.400 through weights fitted at full strength (session 12); this
    chooses none for them (0.581)."""
    from scipy import sparse

    y = np.asarray(y, dtype=np.float64)
    if len(set(groups.tolist())) < 2:
        return 0.0
    folds = grouped_folds(groups, 5)
    X = sparse.csr_matrix(X)
    losses = []
    for fraction in BLOCK_STRENGTHS:
        total = 0.0
        for fit_idx, held_idx in folds:
            z = prior[held_idx]
            if fraction and len(set(y[fit_idx].tolist())) == 2:
                change, bias = fit_offset_logistic(X[fit_idx], y[fit_idx], prior[fit_idx], sample_weight[fit_idx],
                                                   C * fraction)
                z = z + X[held_idx] @ change + bias
            total += float(np.sum(log_losses(z, y[held_idx])))
        losses.append(total)
    return C * BLOCK_STRENGTHS[int(np.argmin(losses))]


def build_pipeline(
    C: tuple[float, ...] | None = None,
    ngram_max: int = 2,
    min_df: int = 2,
    calibration_folds: int = 5,
    label_cues: bool = True,
    outlets: tuple[str, ...] = (),
    outlet_scale: float = 1.0,
) -> Pipeline:
    """Word n-gram TF-IDF beside linguistic cue features, then a calibrated logistic regression per label."""
    words = TfidfVectorizer(
        analyzer=features.WordNgrams(ngram_max),
        min_df=min_df,
        sublinear_tf=True,
        dtype=np.float64,
    )
    cues = Pipeline([("count", CueFeatures()), ("scale", StandardScaler())])
    base = LogisticRegression(C=1.0, class_weight="balanced", max_iter=5000)
    classifier = LabelwiseClassifier(
        CalibratedClassifierCV(base, method="sigmoid", cv=calibration_folds, ensemble=False),
        C=tuple(C) if C is not None else (1.0,) * len(LABEL_KEYS),
        cue_masks=tuple(
            tuple(name in features.RELEVANT[key] for name in features.FEATURES) for key in LABEL_KEYS
        ) if label_cues else None,
        outlets=tuple(outlets),
        outlet_scale=outlet_scale,
    )
    if len(classifier.C) != len(LABEL_KEYS):
        raise ValueError(f"C needs one value per label: {LABEL_KEYS}")
    return Pipeline([("features", FeatureUnion([("words", words), ("cues", cues)])), ("classifier", classifier)])
