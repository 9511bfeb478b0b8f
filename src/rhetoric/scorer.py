"""Fast scoring from a fitted pipeline's weights, without scikit-learn, and for an article without numpy.

`import sklearn` costs about 1.5 s on the reference machine, more than the whole cold-start budget of
`rhetoric score`. The fitted pipeline is linear after its feature step, so its weights (vocabulary,
idf, scaler, coefficients, sigmoid calibration) are exported to a plain `.npz` file that loads without
unpickling anything. Training checks that this path and the pipeline give the same probabilities
(`train.check_agreement`), and `tests/test_model_store.py` checks it again on a freshly fitted pipeline.

Importing numpy costs a third of the cold start too, so the scorer keeps its weights as plain Python
lists and scores a batch of fewer than `SMALL_BATCH` sentences (an article) with them; a larger batch
goes through numpy arrays made from the same lists on first use. `tests/test_scorer.py` proves the
two paths agree.
"""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from . import features
from .features import SentenceFeatures
from .labels import LABEL_KEYS

if TYPE_CHECKING:
    import numpy as np

SMALL_BATCH = 256
"""Batches smaller than this may be scored in plain Python (`probabilities`)."""
PLAIN_BUDGET = 600
"""Sentences a scorer scores in plain Python before it imports numpy after all. Plain Python costs about
40 µs more per sentence than numpy and saves numpy's import (about 70 ms): an article or a few score
faster without it, and a process that goes on scoring (a gate over a folder, the review desk) pays at
most about 25 ms before it switches."""


class Contribution(NamedTuple):
    """How much one stretch of a sentence pushes one label's decision score, and why."""

    start: int
    end: int
    weight: float
    reason: str


class Plain(NamedTuple):
    """An array as plain Python: its shape and its values in C order (`store.npz_plain` reads weights
    this way, without numpy)."""

    shape: tuple[int, ...]
    values: list[Any]


def _plain(value: Any) -> Plain:
    """A numpy array or a `Plain` as a `Plain`."""
    if isinstance(value, Plain):
        return value
    return Plain(tuple(value.shape), value.ravel().tolist())


def _rows(array: Plain) -> list[list[Any]]:
    """A 2-d `Plain` as a list of rows."""
    width = array.shape[1] if len(array.shape) == 2 else 0
    return [array.values[i * width : (i + 1) * width] for i in range(array.shape[0])]


def _logistic(z: float) -> float:
    """1 / (1 + e**z) as numpy computes it, 0 where e**z overflows a float."""
    return 1.0 / (1.0 + math.exp(z)) if z < 709.0 else 0.0


class LinearScorer:
    """Per-label probabilities from exported weights; mirrors `pipeline.build_pipeline` exactly."""

    def __init__(self, arrays: Mapping[str, Any]):
        plain = {key: _plain(value) for key, value in arrays.items()}
        names = plain.get("features")
        if names is None or tuple(names.values) != features.FEATURES:
            raise ValueError(
                "its cue features are not the ones this version of rhetoric computes; retrain with `rhetoric train`"
            )
        labels = len(LABEL_KEYS)
        plain.setdefault("prior_offset", Plain((labels,), [0.0] * labels))
        outlets = plain.get("outlets", Plain((0,), []))
        width = plain["coef"].shape[1] if len(plain["coef"].shape) == 2 else -1
        plain.setdefault("outlet_coef", Plain((0, labels, width), []))
        plain.setdefault("outlet_intercept", Plain((0, labels), []))
        self._check_shapes(plain, len(outlets.values))
        self.terms: list[str] = plain["terms"].values
        self.idf_values: list[float] = plain["idf"].values
        self.ngram_max = int(plain["ngram_max"].values[0])
        self.cue_mean_values: list[float] = plain["cue_mean"].values
        self.cue_scale_values: list[float] = plain["cue_scale"].values
        self.coef_rows: list[list[float]] = _rows(plain["coef"])  # (labels, words + cues)
        self.intercept_values: list[float] = plain["intercept"].values
        self.cal_a_values: list[float] = plain["cal_a"].values
        self.cal_b_values: list[float] = plain["cal_b"].values
        self.prior_offset_values: list[float] = plain["prior_offset"].values
        self.outlets: tuple[str, ...] = tuple(outlets.values)
        per_outlet = labels * max(width, 0)
        self.outlet_coef_rows = [_rows(Plain((labels, width), plain["outlet_coef"].values[k * per_outlet :
                                                                                          (k + 1) * per_outlet]))
                                 for k in range(len(self.outlets))]
        self.outlet_intercept_rows = _rows(plain["outlet_intercept"])
        self.vocabulary = {term: i for i, term in enumerate(self.terms)}
        self.n_words = len(self.terms)
        self._word_coef_rows = [row[: self.n_words] for row in self.coef_rows]
        self._cue_coef_rows = [[c / s for c, s in zip(row[self.n_words :], self.cue_scale_values)]
                               for row in self.coef_rows]
        self._plain_scored = 0

    @staticmethod
    def _check_shapes(plain: dict[str, Plain], outlets: int) -> None:
        """Refuse weights whose arrays disagree in size or hold NaN: they would score silently wrong."""
        labels, words, cues_n = len(LABEL_KEYS), plain["terms"].shape[0], len(features.FEATURES)
        expected = {"intercept": (labels,), "idf": (words,), "cue_mean": (cues_n,), "cue_scale": (cues_n,),
                    "coef": (labels, words + cues_n), "cal_a": (labels,), "cal_b": (labels,),
                    "prior_offset": (labels,), "outlet_coef": (outlets, labels, words + cues_n),
                    "outlet_intercept": (outlets, labels)}
        for name, shape in expected.items():
            array = plain[name]
            if array.shape != shape or len(array.values) != math.prod(shape) \
                    or not all(map(math.isfinite, array.values)):
                if name.startswith("outlet"):
                    raise ValueError("the outlets' weights do not match the model's")
                raise ValueError(f"{name} has shape {array.shape} or non-finite values; expected {shape}")
        if plain["ngram_max"].shape != () or not 1 <= plain["ngram_max"].values[0] <= 5 \
                or 0 in plain["cue_scale"].values:
            raise ValueError("cue_scale holds 0 or ngram_max is out of range")

    @cached_property
    def _np(self) -> dict[str, np.ndarray]:
        """The weights as numpy arrays, for batches (made once, on first use)."""
        import numpy as np

        coef = np.asarray(self.coef_rows, dtype=np.float64).reshape(len(LABEL_KEYS), -1)
        return {
            "coef": coef, "word_coef": coef[:, : self.n_words],
            "cue_coef": np.asarray(self._cue_coef_rows, dtype=np.float64).reshape(len(LABEL_KEYS), -1),
            "idf": np.asarray(self.idf_values, dtype=np.float64),
            "cue_mean": np.asarray(self.cue_mean_values, dtype=np.float64),
            "cue_scale": np.asarray(self.cue_scale_values, dtype=np.float64),
            "intercept": np.asarray(self.intercept_values, dtype=np.float64),
            "cal_a": np.asarray(self.cal_a_values, dtype=np.float64),
            "cal_b": np.asarray(self.cal_b_values, dtype=np.float64),
            "prior_offset": np.asarray(self.prior_offset_values, dtype=np.float64),
            "outlet_coef": np.asarray(self.outlet_coef_rows, dtype=np.float64).reshape(
                len(self.outlets), len(LABEL_KEYS), coef.shape[1]),
            "outlet_intercept": np.asarray(self.outlet_intercept_rows, dtype=np.float64).reshape(
                len(self.outlets), len(LABEL_KEYS)),
        }

    def ready_for_batches(self) -> None:
        """Import numpy and make the weights' arrays now (before forking workers that will score many
        sentences); `probabilities` then takes the batch path."""
        self._np  # noqa: B018 - the cached property is the work

    @property
    def prior_offset(self) -> np.ndarray:
        return self._np["prior_offset"]

    @classmethod
    def from_pipeline(cls, pipeline, prior_offsets=None) -> LinearScorer:
        """Read the weights out of a fitted `build_pipeline()` pipeline; `prior_offsets` (log-odds per
        label, see `priors`) move its probabilities to other base rates."""
        import numpy as np

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
        import numpy as np

        arrays = {key: self._np[key] for key in ("idf", "cue_mean", "cue_scale", "coef", "intercept", "cal_a",
                                                   "cal_b", "prior_offset")}
        by_outlet = {"outlets": np.asarray(self.outlets, dtype=str), "outlet_coef": self._np["outlet_coef"],
                     "outlet_intercept": self._np["outlet_intercept"]} if self.outlets else {}
        return {
            "terms": np.asarray(self.terms, dtype=str), "ngram_max": np.asarray(self.ngram_max, dtype=np.int64),
            "features": np.asarray(features.FEATURES, dtype=str), **arrays, **by_outlet,
        }

    def _state(self) -> dict[str, Plain]:
        """Every array this scorer was made from, as `Plain` (what `for_outlet` and `keeping_shared` copy)."""
        labels, width = len(LABEL_KEYS), len(self.coef_rows[0])
        flat = [value for row in self.coef_rows for value in row]
        return {
            "terms": Plain((self.n_words,), self.terms), "idf": Plain((self.n_words,), self.idf_values),
            "ngram_max": Plain((), [self.ngram_max]), "features": Plain((len(features.FEATURES),),
                                                                        list(features.FEATURES)),
            "cue_mean": Plain((len(self.cue_mean_values),), self.cue_mean_values),
            "cue_scale": Plain((len(self.cue_scale_values),), self.cue_scale_values),
            "coef": Plain((labels, width), flat), "intercept": Plain((labels,), self.intercept_values),
            "cal_a": Plain((labels,), self.cal_a_values), "cal_b": Plain((labels,), self.cal_b_values),
            "prior_offset": Plain((labels,), self.prior_offset_values),
        }

    def for_outlet(self, name: str) -> LinearScorer:
        """This model as it scores `name`'s text: the shared weights plus the outlet's own block."""
        k = self.outlets.index(name)
        state = self._state()
        block, own = self.outlet_coef_rows[k], self.outlet_intercept_rows[k]
        state["coef"] = Plain(state["coef"].shape, [shared + extra for row, extra_row in zip(self.coef_rows, block)
                                                    for shared, extra in zip(row, extra_row)])
        state["intercept"] = Plain(state["intercept"].shape, [a + b for a, b in zip(self.intercept_values, own)])
        return LinearScorer(state)

    def keeping_shared(self, shared: dict[str, list[str]]) -> LinearScorer:
        """This model with each outlet's block set to zero for the labels listed under its name: those
        labels score by the shared weights on the outlet's text (`train.outlets_keeping_shared`)."""
        if not any(shared.values()):
            return self
        blocks = [[row[:] for row in block] for block in self.outlet_coef_rows]
        intercepts = [row[:] for row in self.outlet_intercept_rows]
        for name, keys in shared.items():
            k = self.outlets.index(name)
            for label in (LABEL_KEYS.index(key) for key in keys):
                blocks[k][label] = [0.0] * len(blocks[k][label])
                intercepts[k][label] = 0.0
        state = self._state()
        labels, width = state["coef"].shape
        state["outlets"] = Plain((len(self.outlets),), list(self.outlets))
        state["outlet_coef"] = Plain((len(self.outlets), labels, width),
                                     [v for block in blocks for row in block for v in row])
        state["outlet_intercept"] = Plain((len(self.outlets), labels), [v for row in intercepts for v in row])
        return LinearScorer(state)

    def _words(self, sentences: list[SentenceFeatures]) -> None:
        """Give each sentence its n-grams' vocabulary indices and its TF-IDF row for this model's
        vocabulary (sublinear tf, l2-normalised, as TfidfVectorizer), computed for the whole batch at
        once with numpy; a sentence that has them already keeps them."""
        import numpy as np

        todo = [sf for sf in sentences if sf.vocabulary is not self.vocabulary]
        if not todo:
            return
        size = np.int64(self.n_words)
        rows: list[int] = []
        cols: list[int] = []
        for r, sf in enumerate(todo):
            sf.grams = grams = self._grams(sf)
            found = [j for j in grams if j is not None]
            rows.extend([r] * len(found))
            cols.extend(found)
        pairs, counts = np.unique(np.asarray(rows, dtype=np.int64) * size + np.asarray(cols, dtype=np.int64),
                                  return_counts=True)
        row, col = np.divmod(pairs, size)
        values = (1.0 + np.log(counts)) * self._np["idf"][col]
        if len(values):
            values /= np.sqrt(np.bincount(row, weights=values * values, minlength=len(todo)))[row]
        bounds = np.searchsorted(row, np.arange(len(todo) + 1))
        for r, sf in enumerate(todo):
            sf.columns, sf.values = col[bounds[r] : bounds[r + 1]], values[bounds[r] : bounds[r + 1]]
            sf.vocabulary = self.vocabulary

    def _grams(self, sf: SentenceFeatures) -> list[int | None]:
        """The vocabulary index of each of the sentence's n-grams (`features.word_ngrams` order), None if unknown."""
        return list(map(self.vocabulary.get, features.ngrams_of(sf.tokens.words, self.ngram_max)))

    def _words_plain(self, sf: SentenceFeatures) -> None:
        """`_words` for one sentence in plain Python: the same n-grams, counts and norm, as lists."""
        if sf.vocabulary is self.vocabulary:
            return
        sf.grams = grams = self._grams(sf)
        counts = sorted(Counter(j for j in grams if j is not None).items())
        idf = self.idf_values
        values = [(1.0 + math.log(count)) * idf[j] for j, count in counts]
        norm = math.sqrt(sum(v * v for v in values))  # summed in column order, as numpy's bincount sums
        sf.columns = [j for j, _count in counts]
        sf.values = [v / norm for v in values] if norm else values
        sf.vocabulary = self.vocabulary

    def decision(self, items: Sequence[str | SentenceFeatures]) -> np.ndarray:
        """The linear decision score per sentence and label, before calibration."""
        import numpy as np

        sentences = features.prepare_all(items)
        n = len(sentences)
        weights = self._np
        out = np.tile(weights["intercept"], (n, 1))
        if not n:
            return out
        self._words(sentences)
        row = np.repeat(np.arange(n), [len(sf.columns) for sf in sentences])  # type: ignore[arg-type]
        if len(row):
            col = np.concatenate([sf.columns for sf in sentences])  # type: ignore[misc]
            contrib = weights["word_coef"][:, col] * np.concatenate([sf.values for sf in sentences])  # type: ignore[misc]
            for k in range(len(LABEL_KEYS)):
                out[:, k] += np.bincount(row, weights=contrib[k], minlength=n)
        cue_rows = np.asarray([sf.row for sf in sentences], dtype=np.float64)
        out += (cue_rows - weights["cue_mean"]) @ weights["cue_coef"].T
        return out

    def predict_proba(self, items: Sequence[str | SentenceFeatures]) -> np.ndarray:
        """Calibrated probability per sentence and label: the sigmoid calibration of `decision`, moved
        to the model's target base rates (`prior_offset`, zero when it has none)."""
        return self._sigmoid(items, self._np["prior_offset"])

    def calibrated_proba(self, items: Sequence[str | SentenceFeatures]) -> np.ndarray:
        """The probabilities at the training corpus's base rates, as the scikit-learn pipeline gives them."""
        return self._sigmoid(items, 0.0)

    def _sigmoid(self, items: Sequence[str | SentenceFeatures], offset) -> np.ndarray:
        import numpy as np

        return 1.0 / (1.0 + np.exp(self.decision(items) * self._np["cal_a"] + self._np["cal_b"] - offset))

    def probabilities(self, items: Sequence[str | SentenceFeatures]) -> list[list[float]]:
        """`predict_proba` as lists. A batch of fewer than `SMALL_BATCH` sentences is scored in plain
        Python while numpy is not yet imported and this scorer has scored fewer than `PLAIN_BUDGET` that
        way: the same probabilities (to within 1e-12), without numpy's import at a cold start."""
        sentences = features.prepare_all(items)
        if self._plain_pays(len(sentences)):
            return self.plain_probabilities(sentences)
        return self.predict_proba(sentences).tolist()

    def _plain_pays(self, n: int) -> bool:
        return n < SMALL_BATCH and self._plain_scored < PLAIN_BUDGET and "numpy" not in sys.modules

    def plain_probabilities(self, sentences: list[SentenceFeatures]) -> list[list[float]]:
        """`predict_proba`'s probabilities computed in plain Python, one sentence at a time."""
        self._plain_scored += len(sentences)
        out = []
        calibration = list(zip(self.intercept_values, self._word_coef_rows, self._cue_coef_rows, self.cal_a_values,
                               self.cal_b_values, self.prior_offset_values))
        mean = self.cue_mean_values
        for sf in sentences:
            self._words_plain(sf)
            centred = [value - m for value, m in zip(sf.row, mean)]
            pairs = list(zip(_as_list(sf.columns), _as_list(sf.values)))
            scores = []
            for intercept, word_coef, cue_coef, a, b, offset in calibration:
                z = intercept + sum(word_coef[j] * v for j, v in pairs)
                z += sum(c * x for c, x in zip(cue_coef, centred))
                scores.append(_logistic(z * a + b - offset))
            out.append(scores)
        return out

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
        self._words_plain(sf)
        length = len(sf.tokens.words)
        weights = dict(zip(_as_list(sf.columns), _as_list(sf.values)))
        coef = self._word_coef_rows[label]
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


def _as_list(values: Any) -> list[Any]:
    """A sentence's TF-IDF columns or values: a list from the plain path, an array from the batch path."""
    return values if isinstance(values, list) else values.tolist()


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
