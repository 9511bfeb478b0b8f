"""The model's two kinds of input: word n-grams and the cue feature row, and the one object per
sentence that holds them.

The cues themselves are registered detector units in `rhetoric.cues`; this module names the feature
columns derived from them, turns a sentence into the words the TF-IDF step counts, and prepares a
sentence once (`prepare`) so that scoring it and finding its passages share one tokenisation, one
cue pass and one TF-IDF row instead of caches keyed by the sentence's text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon
from .cues import FEATURE_INDEX, FEATURES, RELEVANT, detect, row_of

if TYPE_CHECKING:
    import numpy as np

    from .cues import Cue

__all__ = ["FEATURES", "FEATURE_INDEX", "RELEVANT", "SentenceFeatures", "prepare", "prepare_all", "cue_vector",
           "word_ngrams", "ngrams_of", "WordNgrams"]


@dataclass(eq=False, slots=True)
class SentenceFeatures:
    """One sentence as the model sees it, computed once: its tokens, its cues and its cue row.

    A scorer adds the sentence's word features the first time it scores it: the vocabulary index of
    each n-gram (`grams`, in `word_ngrams` order) and the TF-IDF weights of the known ones (`columns`,
    `values`), tagged with the vocabulary they index (`vocabulary`) so another model recomputes them.
    """

    text: str
    tokens: lexicon.Tokens
    cues: tuple[Cue, ...]
    row: tuple[float, ...]
    grams: list[int | None] | None = None
    columns: np.ndarray | list[int] | None = None  # an array from a batch, a list from one article
    values: np.ndarray | list[float] | None = None
    vocabulary: object = None


def prepare(text: str) -> SentenceFeatures:
    """Tokenise a sentence and run every cue detector over it, once."""
    toks = lexicon.tokens(text)
    found = detect(text, toks)
    return SentenceFeatures(text, toks, found, row_of(text, toks, found))


def prepare_all(items: Sequence[str | SentenceFeatures]) -> list[SentenceFeatures]:
    """`prepare` each text; sentences already prepared are kept as they are."""
    return [item if isinstance(item, SentenceFeatures) else prepare(item) for item in items]


def cue_vector(text: str) -> list[float]:
    """One sentence's cue feature row (`cues.row_of` its cues): the pipeline's cue features."""
    return list(prepare(text).row)


def ngrams_of(words: Sequence[str], ngram_max: int) -> list[str]:
    """The word 1..ngram_max-grams of a sentence's normalised words, unigrams first, then bigrams..."""
    grams = list(words)
    if ngram_max >= 2:
        grams.extend(map(" ".join, zip(words, words[1:])))
    for n in range(3, ngram_max + 1):
        grams.extend(" ".join(words[i : i + n]) for i in range(len(words) - n + 1))
    return grams


def word_ngrams(text: str, ngram_max: int) -> list[str]:
    """The sentence's word 1..ngram_max-grams: the word features of the pipeline and the scorer."""
    return ngrams_of(lexicon.words(text), ngram_max)


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
