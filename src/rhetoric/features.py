"""The model's two kinds of input: word n-grams and the cue feature row.

The cues themselves are registered detector units in `rhetoric.cues`; this module names the feature
columns derived from them and turns a sentence into the words the TF-IDF step counts.
"""

from __future__ import annotations

from . import lexicon
from .cues import FEATURE_INDEX, FEATURES, RELEVANT, clear_caches, cue_row

__all__ = ["FEATURES", "FEATURE_INDEX", "RELEVANT", "clear_caches", "cue_vector", "word_ngrams", "WordNgrams"]


def cue_vector(text: str) -> list[float]:
    """One sentence's cue feature row (see `cues.cue_row`)."""
    return list(cue_row(text))


def word_ngrams(text: str, ngram_max: int) -> list[str]:
    """The sentence's word 1..ngram_max-grams: the word features of the pipeline and the scorer."""
    toks = lexicon.words(text)
    grams = list(toks)
    if ngram_max >= 2:
        grams.extend(map(" ".join, zip(toks, toks[1:])))
    for n in range(3, ngram_max + 1):
        grams.extend(" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1))
    return grams


class WordNgrams:
    """A picklable analyzer for TfidfVectorizer (a plain function of the text, no hidden state)."""

    def __init__(self, ngram_max: int = 2):
        self.ngram_max = ngram_max

    def __call__(self, text: str) -> list[str]:
        return word_ngrams(text, self.ngram_max)

    def __eq__(self, other) -> bool:
        return isinstance(other, WordNgrams) and other.ngram_max == self.ngram_max

    def __hash__(self) -> int:
        return hash(("WordNgrams", self.ngram_max))
