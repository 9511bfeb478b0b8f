"""Fast scoring from a fitted pipeline's weights, with numpy alone (no scikit-learn import).

`import sklearn` costs about 1.5 s on the reference machine, more than the whole cold-start budget of
`rhetoric score`. The fitted pipeline is linear after its feature step, so its weights (vocabulary,
idf, scaler, coefficients, sigmoid calibration) are exported to a plain `.npz` file that loads without
unpickling anything. Training checks that this path and the pipeline give the same probabilities
(`train.check_agreement`), and `tests/test_model_store.py` checks it again on a freshly fitted pipeline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from . import features
from .features import SentenceFeatures
from .labels import LABEL_KEYS


class Contribution(NamedTuple):
    """How much one stretch of a sentence pushes one label's decision score, and why."""

    start: int
    end: int
    weight: float
    reason: str


class LinearScorer:
    """Per-label probabilities from exported weights; mirrors `pipeline.build_pipeline` exactly."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        names = arrays.get("features")
        if names is None or tuple(names.tolist()) != features.FEATURES:
            raise ValueError(
                "its cue features are not the ones this version of rhetoric computes; retrain with `rhetoric train`"
            )
        self.terms = arrays["terms"]
        self.idf = arrays["idf"]
        self.ngram_max = int(arrays["ngram_max"])
        self.cue_mean = arrays["cue_mean"]
        self.cue_scale = arrays["cue_scale"]
        self.coef = arrays["coef"]  # (labels, words + cues)
        self.intercept = arrays["intercept"]
        self.cal_a = arrays["cal_a"]
        self.cal_b = arrays["cal_b"]
        self.prior_offset = arrays.get("prior_offset", np.zeros(len(self.intercept)))
        self.outlets = tuple(arrays["outlets"].tolist()) if "outlets" in arrays else ()
        self.outlet_coef = arrays.get("outlet_coef", np.zeros((0, *self.coef.shape)))
        self.outlet_intercept = arrays.get("outlet_intercept", np.zeros((0, len(self.intercept))))
        self._check_shapes()
        self.vocabulary = {term: i for i, term in enumerate(self.terms.tolist())}
        self.n_words = len(self.terms)
        self.word_coef = self.coef[:, : self.n_words]
        self.cue_coef = self.coef[:, self.n_words :] / self.cue_scale
        self._word_coef_rows: dict[int, list[float]] = {}
        self._cue_coef_rows = self.cue_coef.tolist()

    @classmethod
    def from_pipeline(cls, pipeline, prior_offsets=None) -> LinearScorer:
        """Read the weights out of a fitted `build_pipeline()` pipeline; `prior_offsets` (log-odds per
        label, see `priors`) move its probabilities to other base rates."""
        union = pipeline.named_steps["features"]
        words = union.transformer_list[0][1]
        scaler = union.transformer_list[1][1].named_steps["scale"]
        vocab = words.vocabulary_
        terms = np.empty(len(vocab), dtype=object)
        for term, i in vocab.items():
            terms[i] = term
        classifier = pipeline.named_steps["classifier"]
        outlets = tuple(classifier.outlets)
        width = len(vocab) + len(scaler.mean_)
        coefs, intercepts, cal_a, cal_b, outlet_coefs, outlet_intercepts = [], [], [], [], [], []
        for calibrated in classifier.estimators_:
            (member,) = calibrated.calibrated_classifiers_
            full = member.estimator.coef_[0]
            coefs.append(full[:width])
            # an outlet block's features are scaled by `outlet_scale`, so its weights count that much
            blocks = (full[width:].reshape(len(outlets), width + 1) * classifier.outlet_scale if outlets
                      else np.zeros((0, width + 1)))
            outlet_coefs.append(blocks[:, :width])
            outlet_intercepts.append(blocks[:, width])
            intercepts.append(member.estimator.intercept_[0])
            (sigmoid,) = member.calibrators
            cal_a.append(sigmoid.a_)
            cal_b.append(sigmoid.b_)
        by_outlet = {}
        if outlets:  # (outlets, labels, features) and (outlets, labels); absent without outlets, as before
            by_outlet = {"outlets": np.asarray(outlets, dtype=str),
                         "outlet_coef": np.stack(outlet_coefs, axis=1).astype(np.float64),
                         "outlet_intercept": np.stack(outlet_intercepts, axis=1).astype(np.float64)}
        return cls(
            {
                "terms": terms.astype(str),
                "idf": words.idf_.astype(np.float64),
                "ngram_max": np.asarray(words.analyzer.ngram_max, dtype=np.int64),
                "cue_mean": scaler.mean_.astype(np.float64),
                "cue_scale": scaler.scale_.astype(np.float64),
                "coef": np.vstack(coefs).astype(np.float64),
                "intercept": np.asarray(intercepts, dtype=np.float64),
                "cal_a": np.asarray(cal_a, dtype=np.float64),
                "cal_b": np.asarray(cal_b, dtype=np.float64),
                "features": np.asarray(features.FEATURES, dtype=str),
                "prior_offset": np.zeros(len(coefs)) if prior_offsets is None
                else np.asarray(prior_offsets, dtype=np.float64),
                **by_outlet,
            }
        )

    def arrays(self) -> dict[str, np.ndarray]:
        by_outlet = {"outlets": np.asarray(self.outlets, dtype=str), "outlet_coef": self.outlet_coef,
                     "outlet_intercept": self.outlet_intercept} if self.outlets else {}
        return {
            "terms": self.terms, "idf": self.idf, "ngram_max": np.asarray(self.ngram_max, dtype=np.int64),
            "cue_mean": self.cue_mean, "cue_scale": self.cue_scale, "coef": self.coef,
            "intercept": self.intercept, "cal_a": self.cal_a, "cal_b": self.cal_b,
            "features": np.asarray(features.FEATURES, dtype=str),
            "prior_offset": self.prior_offset,
            **by_outlet,
        }

    def for_outlet(self, name: str) -> LinearScorer:
        """This model as it scores `name`'s text: the shared weights plus the outlet's own block."""
        k = self.outlets.index(name)
        arrays = {key: value for key, value in self.arrays().items()
                  if key not in ("outlets", "outlet_coef", "outlet_intercept")}
        arrays["coef"] = self.coef + self.outlet_coef[k]
        arrays["intercept"] = self.intercept + self.outlet_intercept[k]
        return LinearScorer(arrays)

    def keeping_shared(self, shared: dict[str, list[str]]) -> LinearScorer:
        """This model with each outlet's block set to zero for the labels listed under its name: those
        labels score by the shared weights on the outlet's text (`train.outlets_keeping_shared`)."""
        if not any(shared.values()):
            return self
        arrays = self.arrays()
        coef, intercept = arrays["outlet_coef"].copy(), arrays["outlet_intercept"].copy()
        for name, keys in shared.items():
            k, labels = self.outlets.index(name), [LABEL_KEYS.index(key) for key in keys]
            coef[k, labels] = 0.0
            intercept[k, labels] = 0.0
        arrays["outlet_coef"], arrays["outlet_intercept"] = coef, intercept
        return LinearScorer(arrays)

    def _check_shapes(self) -> None:
        """Refuse weights whose arrays disagree in size or hold NaN: they would score silently wrong."""
        labels, words, cues_n = len(LABEL_KEYS), len(self.terms), len(features.FEATURES)
        expected = {"intercept": (labels,), "idf": (words,), "cue_mean": (cues_n,), "cue_scale": (cues_n,),
                    "coef": (labels, words + cues_n), "cal_a": (labels,), "cal_b": (labels,),
                    "prior_offset": (labels,)}
        for name, shape in expected.items():
            array = getattr(self, name)
            if array.shape != shape or not np.all(np.isfinite(array)):
                raise ValueError(f"{name} has shape {array.shape} or non-finite values; expected {shape}")
        if (self.outlet_coef.shape != (len(self.outlets), *self.coef.shape)
                or self.outlet_intercept.shape != (len(self.outlets), labels)
                or not (np.all(np.isfinite(self.outlet_coef)) and np.all(np.isfinite(self.outlet_intercept)))):
            raise ValueError("the outlets' weights do not match the model's")
        if np.any(self.cue_scale == 0) or not 1 <= self.ngram_max <= 5:
            raise ValueError("cue_scale holds 0 or ngram_max is out of range")

    def _words(self, sentences: list[SentenceFeatures]) -> None:
        """Give each sentence its n-grams' vocabulary indices and its TF-IDF row for this model's
        vocabulary (sublinear tf, l2-normalised, as TfidfVectorizer), computed for the whole batch at
        once; a sentence that has them already keeps them."""
        todo = [sf for sf in sentences if sf.vocabulary is not self.vocabulary]
        if not todo:
            return
        lookup, size = self.vocabulary.get, np.int64(self.n_words)
        rows: list[int] = []
        cols: list[int] = []
        for r, sf in enumerate(todo):
            sf.grams = grams = list(map(lookup, features.ngrams_of(sf.tokens.words, self.ngram_max)))
            found = [j for j in grams if j is not None]
            rows.extend([r] * len(found))
            cols.extend(found)
        pairs, counts = np.unique(np.asarray(rows, dtype=np.int64) * size + np.asarray(cols, dtype=np.int64),
                                  return_counts=True)
        row, col = np.divmod(pairs, size)
        values = (1.0 + np.log(counts)) * self.idf[col]
        if len(values):
            values /= np.sqrt(np.bincount(row, weights=values * values, minlength=len(todo)))[row]
        bounds = np.searchsorted(row, np.arange(len(todo) + 1))
        for r, sf in enumerate(todo):
            sf.columns, sf.values = col[bounds[r] : bounds[r + 1]], values[bounds[r] : bounds[r + 1]]
            sf.vocabulary = self.vocabulary

    def decision(self, items: Sequence[str | SentenceFeatures]) -> np.ndarray:
        """The linear decision score per sentence and label, before calibration."""
        sentences = features.prepare_all(items)
        n = len(sentences)
        out = np.tile(self.intercept, (n, 1))
        if not n:
            return out
        self._words(sentences)
        row = np.repeat(np.arange(n), [len(sf.columns) for sf in sentences])  # type: ignore[arg-type]
        if len(row):
            col = np.concatenate([sf.columns for sf in sentences])  # type: ignore[misc]
            contrib = self.word_coef[:, col] * np.concatenate([sf.values for sf in sentences])  # type: ignore[misc]
            for k in range(len(self.intercept)):
                out[:, k] += np.bincount(row, weights=contrib[k], minlength=n)
        cue_rows = np.asarray([sf.row for sf in sentences], dtype=np.float64)
        out += (cue_rows - self.cue_mean) @ self.cue_coef.T
        return out

    def predict_proba(self, items: Sequence[str | SentenceFeatures]) -> np.ndarray:
        """Calibrated probability per sentence and label: the sigmoid calibration of `decision`, moved
        to the model's target base rates (`prior_offset`, zero when it has none)."""
        return self._sigmoid(items, self.prior_offset)

    def calibrated_proba(self, items: Sequence[str | SentenceFeatures]) -> np.ndarray:
        """The probabilities at the training corpus's base rates, as the scikit-learn pipeline gives them."""
        return self._sigmoid(items, 0.0)

    def _sigmoid(self, items: Sequence[str | SentenceFeatures], offset) -> np.ndarray:
        return 1.0 / (1.0 + np.exp(self.decision(items) * self.cal_a + self.cal_b - offset))

    def contributions(self, item: str | SentenceFeatures, label: int) -> list[Contribution]:
        """Each token's and cue's share of one label's decision score, as spans of the sentence.

        An n-gram's weight is split over its tokens (see `shares`); a cue's weight goes to its span.
        """
        (sf,) = features.prepare_all([item])
        token_weight, cue_contributions = self.shares(sf, label)
        starts, ends = sf.tokens.starts, sf.tokens.ends
        new = tuple.__new__  # a Contribution without the Python-level constructor
        words = [new(Contribution, (starts[k], ends[k], w, "")) for k, w in enumerate(token_weight) if w]
        return words + cue_contributions

    def shares(self, item: str | SentenceFeatures, label: int) -> tuple[list[float], list[Contribution]]:
        """`contributions` in two parts: the word n-grams' share per token, and the cues' spans.

        A longer n-gram's weight goes to its words in proportion to what each word carries alone (in the
        same direction), so "staggering half" credits "staggering"; evenly when no word carries any.
        """
        (sf,) = features.prepare_all([item])
        self._words([sf])
        length = len(sf.tokens.words)
        weights = dict(zip(sf.columns.tolist(), sf.values.tolist()))  # type: ignore[union-attr]
        coef = self._word_coef_rows.get(label)
        if coef is None:
            coef = self._word_coef_rows[label] = self.word_coef[label].tolist()
        token_weight = [0.0] * length
        indices = sf.grams or []
        for i, j in enumerate(indices[:length]):
            if j is not None:
                token_weight[i] += coef[j] * weights[j]
        unigram = token_weight[:]
        block = length  # where the n-grams of the current n start in `indices`
        for n in range(2, self.ngram_max + 1):
            count = max(0, length - n + 1)
            for i, j in enumerate(indices[block : block + count]):
                if j is not None:
                    _spread(token_weight, unigram, i, n, coef[j] * weights[j])
            block += count
        new = tuple.__new__
        cue_coef = self._cue_coef_rows[label]
        index = features.FEATURE_INDEX
        cue_contributions = []
        for feature, start, end, reason, value in sf.cues:
            weight = cue_coef[index[feature]] * value
            if weight:
                cue_contributions.append(new(Contribution, (start, end, weight, reason)))
        return token_weight, cue_contributions


def _spread(token_weight: list[float], unigram: list[float], first: int, n: int, weight: float) -> None:
    """Add an n-gram's `weight` to its tokens first..first+n-1, in proportion to the same-signed weight
    each token carries as a unigram, or evenly when none does."""
    parts = [max(0.0, unigram[k] * weight) for k in range(first, first + n)]
    total = sum(parts)
    if total > 0:
        for offset, part in enumerate(parts):
            token_weight[first + offset] += weight * part / total
    else:
        share = weight / n
        for k in range(first, first + n):
            token_weight[k] += share
