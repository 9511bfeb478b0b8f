"""Fast scoring from a fitted pipeline's weights, with numpy alone (no scikit-learn import).

`import sklearn` costs about 1.5 s on the reference machine, more than the whole cold-start budget of
`rhetoric score`. The fitted pipeline is linear after its feature step, so its weights (vocabulary,
idf, scaler, coefficients, sigmoid calibration) are exported to a plain `.npz` file that loads without
unpickling anything. `tests/test_scorer.py` proves this path and the pipeline give the same
probabilities.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import features, lexicon


@dataclass(frozen=True)
class Contribution:
    """How much one stretch of a sentence pushes one label's decision score, and why."""

    start: int
    end: int
    weight: float
    reason: str


class LinearScorer:
    """Per-label probabilities from exported weights; mirrors `pipeline.build_pipeline` exactly."""

    def __init__(self, arrays: dict[str, np.ndarray]):
        self.terms = arrays["terms"]
        self.idf = arrays["idf"]
        self.ngram_max = int(arrays["ngram_max"])
        self.cue_mean = arrays["cue_mean"]
        self.cue_scale = arrays["cue_scale"]
        self.coef = arrays["coef"]  # (labels, words + cues)
        self.intercept = arrays["intercept"]
        self.cal_a = arrays["cal_a"]
        self.cal_b = arrays["cal_b"]
        self.vocabulary = {term: i for i, term in enumerate(self.terms.tolist())}
        self.n_words = len(self.terms)
        self.word_coef = self.coef[:, : self.n_words]
        self.cue_coef = self.coef[:, self.n_words :] / self.cue_scale
        self._cache: dict[str, dict[int, float]] = {}

    @classmethod
    def from_pipeline(cls, pipeline) -> LinearScorer:
        """Read the weights out of a fitted `build_pipeline()` pipeline."""
        union = pipeline.named_steps["features"]
        words = union.transformer_list[0][1]
        scaler = union.transformer_list[1][1].named_steps["scale"]
        vocab = words.vocabulary_
        terms = np.empty(len(vocab), dtype=object)
        for term, i in vocab.items():
            terms[i] = term
        coefs, intercepts, cal_a, cal_b = [], [], [], []
        for calibrated in pipeline.named_steps["classifier"].estimators_:
            (member,) = calibrated.calibrated_classifiers_
            coefs.append(member.estimator.coef_[0])
            intercepts.append(member.estimator.intercept_[0])
            (sigmoid,) = member.calibrators
            cal_a.append(sigmoid.a_)
            cal_b.append(sigmoid.b_)
        return cls(
            {
                "terms": terms.astype(str),
                "idf": words.idf_.astype(np.float64),
                "ngram_max": np.int64(words.analyzer.ngram_max),
                "cue_mean": scaler.mean_.astype(np.float64),
                "cue_scale": scaler.scale_.astype(np.float64),
                "coef": np.vstack(coefs).astype(np.float64),
                "intercept": np.asarray(intercepts, dtype=np.float64),
                "cal_a": np.asarray(cal_a, dtype=np.float64),
                "cal_b": np.asarray(cal_b, dtype=np.float64),
            }
        )

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "terms": self.terms, "idf": self.idf, "ngram_max": np.int64(self.ngram_max),
            "cue_mean": self.cue_mean, "cue_scale": self.cue_scale, "coef": self.coef,
            "intercept": self.intercept, "cal_a": self.cal_a, "cal_b": self.cal_b,
        }

    def save(self, path) -> None:
        with open(path, "wb") as handle:
            np.savez(handle, **self.arrays())

    @classmethod
    def load(cls, path) -> LinearScorer:
        with np.load(path, allow_pickle=False) as data:
            return cls({key: data[key] for key in data.files})

    def _word_weights(self, text: str) -> dict[int, float]:
        """TF-IDF of the sentence's known n-grams, sublinear tf, l2-normalised (as TfidfVectorizer).

        Kept for the last few thousand sentences: scoring and each flagged label's passages ask again.
        """
        cached = self._cache.get(text)
        if cached is None:
            if len(self._cache) >= 8192:
                self._cache.clear()
            cached = self._cache[text] = self._compute_word_weights(text)
        return cached

    def _compute_word_weights(self, text: str) -> dict[int, float]:
        counts: dict[int, int] = {}
        vocab = self.vocabulary
        for gram in features.word_ngrams(text, self.ngram_max):
            j = vocab.get(gram)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return {}
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))
        values = tf * self.idf[idx]
        values /= np.sqrt(np.dot(values, values))
        return dict(zip(idx.tolist(), values.tolist()))

    def decision(self, texts: list[str]) -> np.ndarray:
        """The linear decision score per sentence and label, before calibration."""
        n = len(texts)
        rows, cols, vals = [], [], []
        for r, text in enumerate(texts):
            for j, v in self._word_weights(text).items():
                rows.append(r)
                cols.append(j)
                vals.append(v)
        out = np.tile(self.intercept, (n, 1))
        if rows:
            rows_a = np.asarray(rows)
            contrib = self.word_coef[:, cols] * np.asarray(vals)
            for k in range(len(self.intercept)):
                out[:, k] += np.bincount(rows_a, weights=contrib[k], minlength=n)
        if n:
            cue_rows = np.asarray([features.cue_vector(t) for t in texts], dtype=np.float64)
            out += (cue_rows - self.cue_mean) @ self.cue_coef.T
        return out

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Calibrated probability per sentence and label: the sigmoid calibration of `decision`."""
        return 1.0 / (1.0 + np.exp(self.decision(texts) * self.cal_a + self.cal_b))

    def contributions(self, text: str, label: int) -> list[Contribution]:
        """Each token's and cue's share of one label's decision score, as spans of `text`.

        An n-gram's weight is split evenly over its tokens; a cue's weight goes to its span.
        """
        toks = lexicon.tokens(text)
        words = [t.text for t in toks]
        token_weight = [0.0] * len(toks)
        weights = self._word_weights(text)
        out: list[Contribution] = []
        for n in range(1, self.ngram_max + 1):
            for i in range(len(words) - n + 1):
                j = self.vocabulary.get(" ".join(words[i : i + n]))
                if j is not None:
                    share = self.word_coef[label, j] * weights[j] / n
                    for k in range(i, i + n):
                        token_weight[k] += share
        for k, tok in enumerate(toks):
            if token_weight[k]:
                out.append(Contribution(tok.start, tok.end, token_weight[k], ""))
        for cue in features.cues(text):
            j = features.FEATURE_INDEX[cue.feature]
            weight = float(self.cue_coef[label, j]) * cue.value
            if weight:
                out.append(Contribution(cue.start, cue.end, weight, cue.reason))
        return out
