"""Linguistic cues for the three labels, as registered detector units.

Each module registers detectors (see `registry`): sources and attribution (who carries a claim),
hedging (in whose voice), loaded language, and form. `find(text)` runs them all over one sentence
and returns every cue with its character span; `FEATURES` (the columns of the cue feature row) and
`RELEVANT` (which columns each label's classifier may use) are derived from what the detectors
declare.
"""

from __future__ import annotations

from functools import cache

from .. import lexicon
from ..labels import LABEL_KEYS

# isort: off
# Registration order is the order detectors run in and the order of the feature columns (a trained
# model records it, and loading refuses another): who carries a claim first, then whose each hedge is.
from . import sources, passives, attribution, forecasts, hedging, loaded, form  # noqa: F401
# isort: on
from .quotes import plain_quotes, quote_spans
from .registry import REGISTRY, Cue, Detector, Sentence, lexicon_names, load_lexicon

__all__ = ["Cue", "Detector", "FEATURES", "FEATURE_INDEX", "RELEVANT", "REGISTRY", "detect", "find", "row_of",
           "quote_spans"]

FEATURES: tuple[str, ...] = tuple(f.name for d in REGISTRY for f in d.features)
FEATURE_INDEX: dict[str, int] = {name: i for i, name in enumerate(FEATURES)}
RELEVANT: dict[str, tuple[str, ...]] = {
    key: tuple(f.name for d in REGISTRY for f in d.features if key in f.labels) for key in LABEL_KEYS
}
"""The cue features each label's classifier may use: a label does not learn from another label's
cues, which in a written corpus correlate by accident of style, not by meaning."""

_DETECTORS = tuple(d.detect for d in REGISTRY if d.detect is not None)
_MEASURES = tuple(d.measure for d in REGISTRY if d.measure is not None)
CAPS: tuple[float, ...] = tuple(f.cap for d in REGISTRY for f in d.features)
"""Each feature's cap on its count, in column order (`registry.Feature.cap`)."""


@cache
def _lexicons() -> tuple[tuple[str, ...], lexicon.LexiconSet]:
    names = lexicon_names()
    return names, lexicon.LexiconSet([load_lexicon(name) for name in names])


def detect(text: str, toks: lexicon.Tokens) -> tuple[Cue, ...]:
    """Every cue in one sentence, given its tokens, with character offsets into `text`."""
    names, lexicons = _lexicons()
    s = Sentence(plain_quotes(text), toks, dict(zip(names, lexicons.matches(toks.words))))
    for run in _DETECTORS:
        s.found.extend(run(s))
    return tuple(s.found)


def row_of(text: str, toks: lexicon.Tokens, found: tuple[Cue, ...]) -> tuple[float, ...]:
    """One sentence's feature row from its cues: capped cue counts plus the whole-sentence measures."""
    row = [0.0] * len(FEATURES)
    for cue in found:
        row[FEATURE_INDEX[cue.feature]] += cue.value
    row = [v if v <= cap else cap for v, cap in zip(row, CAPS)]
    s = Sentence(plain_quotes(text), toks, {})  # measures read words and quotes, no lexicon matches
    for measure in _MEASURES:
        for name, value in measure(s).items():
            row[FEATURE_INDEX[name]] = value
    return tuple(row)


def find(text: str) -> tuple[Cue, ...]:
    """Every cue in one sentence, with character offsets into `text`."""
    return detect(text, lexicon.tokens(text))
