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
    """Feature augmentation for outlets (Daume 2007, "frustratingly easy domain adaptation"): each row
    keeps its shared features and gets, in its outlet's own block, a copy of them and a bias column;
    other outlets' blocks stay zero. `outlet` holds each row's outlet index, -1 for none.

    The shared weights learn what every outlet agrees on; an outlet's block learns only where its
    labels read a definition differently, so its labels move its own scores and not everyone's.
    `scale` multiplies the outlet blocks: below 1, an outlet needs more evidence to move away from
    the shared weights (the same penalty buys a smaller change)."""
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
    `outlets` names the outlets whose rows get their own feature block (`augment`); `fit` and
    `predict_proba` then take each row's outlet index (-1 for none).
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

    def fit(self, X, Y, sample_weight=None, outlet=None):
        Y = np.asarray(Y, dtype=np.float64)
        strengths = tuple(self.C) if self.C is not None else (1.0,) * len(LABEL_KEYS)
        if Y.ndim != 2 or Y.shape[1] != len(strengths):
            raise ValueError(f"Y must have one column per label ({len(strengths)})")
        self.estimators_ = []
        for j, c in enumerate(strengths):
            known = ~np.isnan(Y[:, j])
            y = Y[known, j].astype(int)
            if len(set(y.tolist())) < 2:
                raise ValueError(f"label {j} needs positive and negative examples")
            model = clone(self.estimator).set_params(estimator__C=c)
            weights = None if sample_weight is None else np.asarray(sample_weight)[known]
            model.fit(self.inputs(X, j, outlet)[known], y, sample_weight=weights)
            self.estimators_.append(model)
        self.n_labels_ = len(strengths)
        return self

    def predict_proba(self, X, outlet=None):
        return np.column_stack([m.predict_proba(self.inputs(X, j, outlet))[:, 1]
                                for j, m in enumerate(self.estimators_)])

    def predict(self, X, outlet=None):
        return (self.predict_proba(X, outlet) >= 0.5).astype(int)


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
