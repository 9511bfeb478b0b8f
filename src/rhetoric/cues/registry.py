"""The cue detector registry: each detector is one unit that declares the features it feeds, the labels
those features may inform, and the lexicons it reads; the feature table is derived from the registry.

Detectors run in registration order over one `Sentence`, and a later detector may read what earlier
ones found (speculation without a named source needs the sources found first).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from .. import lexicon
from ..lexicon import Tokens


class Cue(NamedTuple):
    """One piece of evidence: the feature it feeds, its span in the sentence, and a reason."""

    feature: str
    start: int
    end: int
    reason: str
    value: float = 1.0  # counts add 1; graded cues (distilled word scores) add their score


CLAUSE_BREAK = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]|--")
"""Marks between two tokens that end a clause or a phrase for the detectors that read who says what
(attribution, passives, hedges): a comma, a colon, brackets, a dash or a quotation mark."""


new_cue = tuple.__new__
"""Builds a Cue without the Python-level NamedTuple constructor (cues are made per token match)."""


DEFAULT_CAP = 3.0
"""A cue count's cap unless its detector lowers it: the fourth intensifier says little the third did not."""


@dataclass(frozen=True)
class Feature:
    """A column of the cue feature row, the labels whose classifier may use it, and the most its
    count may add up to (`cap`)."""

    name: str
    labels: frozenset[str]
    cap: float = DEFAULT_CAP


@dataclass(frozen=True)
class Detector:
    """One registered unit of linguistic evidence.

    `detect` yields spanned cues; a `measure` instead returns one whole-sentence value per feature
    (quotation share, length), which feeds the row but never a passage.
    """

    name: str
    features: tuple[Feature, ...]
    detect: Callable[[Sentence], Iterable[Cue]] | None = None
    measure: Callable[[Sentence], dict[str, float]] | None = None
    lexicons: tuple[str, ...] = ()


REGISTRY: list[Detector] = []


def register(
    name: str, features: dict[str, Iterable[str]], lexicons: tuple[str, ...] = (), measure: bool = False,
    caps: dict[str, float] | None = None,
) -> Callable[[Callable], Callable]:
    """Register the decorated function as a detector (or a measure) feeding `features`, each with the
    label keys it may inform; `caps` lowers a feature's cap below DEFAULT_CAP."""

    def wrap(function: Callable) -> Callable:
        from ..labels import LABEL_KEYS

        declared = tuple(Feature(feature, frozenset(labels), (caps or {}).get(feature, DEFAULT_CAP))
                         for feature, labels in features.items())
        unknown = {label for f in declared for label in f.labels} - set(LABEL_KEYS)
        if unknown:
            raise ValueError(f"detector {name}: unknown label(s) {sorted(unknown)}")
        taken = {f.name for d in REGISTRY for f in d.features}
        clash = [f.name for f in declared if f.name in taken]
        if clash:
            raise ValueError(f"detector {name}: feature(s) {clash} already registered")
        REGISTRY.append(
            Detector(name, declared, None if measure else function, function if measure else None, lexicons)
        )
        return function

    return wrap


@dataclass
class Sentence:
    """One sentence as the detectors see it: tokens, lexicon matches, quotes, and the cues found so far."""

    text: str
    toks: Tokens
    matches: dict[str, list[tuple[int, int, str]]]
    found: list[Cue] = field(default_factory=list)
    notes: dict[str, object] = field(default_factory=dict)  # what one detector tells a later one

    @property
    def words(self) -> tuple[str, ...]:
        return self.toks.words

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        from .quotes import quote_spans

        return quote_spans(self.text)

    def add(self, feature: str, a: int, b: int, reason: str, value: float = 1.0) -> None:
        """A cue over tokens a..b-1."""
        self.found.append(new_cue(Cue, (feature, self.toks.starts[a], self.toks.ends[b - 1], reason, value)))

    def inside_quote(self, offset: int) -> bool:
        return any(a < offset < b for a, b in self.quotes)

    def gap_has(self, marks: re.Pattern[str], left: int, right: int) -> bool:
        """Whether the text between token `left` and a later token `right` holds one of `marks`
        (each detector's own set of clause breaks)."""
        return marks.search(self.text, self.toks.ends[left], self.toks.starts[right]) is not None


def lexicon_names() -> tuple[str, ...]:
    """Every lexicon some detector declares, in first-declared order (matched in one pass)."""
    names: dict[str, None] = {}
    for detector in REGISTRY:
        names.update(dict.fromkeys(detector.lexicons))
    return tuple(names)


def load_lexicon(name: str) -> lexicon.Lexicon:
    """A detector lexicon; the class of a plain phrase list is the lexicon's own cue name."""
    return lexicon.load(name, _DEFAULT_CLASS.get(name, ""))


_DEFAULT_CLASS = {
    "vague_sources": "vague source", "speculation_frames": "speculative frame", "report_verbs": "report verb",
    "intensifiers": "intensifier", "negations": "negation",
}
