"""Sentence features: what linguistics knows about the three labels, as scikit-learn transformers.

`cues(text)` finds every cue with its character span; `CueFeatures` turns those cues into one row of
numbers per sentence. The spans are what `passages` later underlines, so a feature and its evidence
never disagree.
"""

from __future__ import annotations

import math
import re
from functools import cache, lru_cache
from typing import NamedTuple

from . import lexicon
from .lexicon import Tokens

LOADED_CATEGORIES = (
    "pejorative", "emotive_verb", "intensifier", "hyperbole", "metaphor_violence",
    "metaphor_disaster", "fear_appeal", "partisan_label", "sneer", "moral_judgment",
    "emotional_state", "figurative_theft",
)
HEDGE_CLASSES = (
    "modal verb", "epistemic adverb", "distancing adverb", "likelihood adjective", "appearance verb",
    "evidential verb", "distancing passive", "approximator", "belief verb", "condition",
)

FEATURES: tuple[str, ...] = (
    *(f"hedge:{c}" for c in HEDGE_CLASSES),
    "hedge in quote",
    "vague source",
    "vague source in quote",
    "speculative frame",
    "speculative frame in quote",
    "report verb",
    "named source",
    "institutional source",
    "unsourced speculation",
    "vague source with report verb",
    "quotation share",
    "scare quote",
    *(f"loaded:{c}" for c in LOADED_CATEGORIES),
    "loaded words",
    "distilled max",
    "distilled top3",
    "distilled strong",
    "intensifier",
    "exclamation",
    "question",
    "shouting",
    "negation",
    "length",
)
FEATURE_INDEX = {name: i for i, name in enumerate(FEATURES)}

_SHARED = ("quotation share", "question", "length", "negation")
RELEVANT: dict[str, tuple[str, ...]] = {
    "hedging": tuple(f for f in FEATURES if f.startswith("hedge")) + (
        "named source", "institutional source", "report verb") + _SHARED,
    "loaded_language": tuple(f for f in FEATURES if f.startswith(("loaded", "distilled"))) + (
        "intensifier", "exclamation", "shouting", "scare quote") + _SHARED,
    "unattributed_speculation": tuple(f for f in FEATURES if f.startswith(("vague", "speculative", "hedge:"))) + (
        "unsourced speculation", "named source", "institutional source", "report verb") + _SHARED,
}
"""The cue features each label's classifier may use: a label does not learn from another label's
cues, which in a written corpus correlate by accident of style, not by meaning."""

_QUOTES = re.compile(r"\"[^\"]{1,600}\"|\u201c[^\u201d]{1,600}\u201d|(?<![\w])\u2018[^\u2019]{1,200}\u2019(?![\w])")
_INSTITUTIONS = frozenset(
    "ministry government police court company department agency spokesman spokeswoman "
    "spokesperson statement bank commission council committee office regulator prosecutors "
    "university hospital union board army navy embassy parliament congress senate".split()
)
_NOT_NAMES = frozenset(
    "the a an this that these those however but and or so yet in on at for of to from by with as "
    "it he she they we i you his her their our its if when while after before since despite "
    "although though meanwhile also still then now there here what who why how where mr mrs ms "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
_ACCORDING = ("according", "to")


class Cue(NamedTuple):
    """One piece of evidence: the feature it feeds, its span in the sentence, and a reason."""

    feature: str
    start: int
    end: int
    reason: str
    value: float = 1.0  # counts add 1; graded cues (distilled word scores) add their score


_new = tuple.__new__
"""Builds a Cue without the Python-level NamedTuple constructor (cues are made per token match)."""


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted material (straight, curly double and curly single quotes)."""
    return [m.span() for m in _QUOTES.finditer(text)]


def _has_quote_mark(text: str) -> bool:
    """Whether `quote_spans` can find anything (substring tests are much cheaper than its regex)."""
    return '"' in text or "\u201c" in text or "\u2018" in text


def _inside(spans: list[tuple[int, int]], start: int) -> bool:
    return any(a < start < b for a, b in spans)


def _capitalised(text: str, toks: Tokens, i: int) -> bool:
    return text[toks.starts[i]].isupper() and toks.words[i] not in _NOT_NAMES


def _names(text: str, toks: Tokens, vague: set[int]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (people, organisations), excluding vague-source words."""
    runs = []
    i = 0
    n = len(toks.words)
    while i < n:
        if _capitalised(text, toks, i) and i not in vague:
            j = i
            while j + 1 < n and _capitalised(text, toks, j + 1) and j + 1 not in vague:
                j += 1
            sentence_initial_single = i == 0 and j == 0
            if not sentence_initial_single:
                runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return runs


@cache
def _cue_lexicons() -> lexicon.LexiconSet:
    return lexicon.LexiconSet([
        lexicon.load("hedges"),
        lexicon.load("vague_sources", "vague source"),
        lexicon.load("speculation_frames", "speculative frame"),
        lexicon.load("report_verbs", "report verb"),
        lexicon.load("loaded"),
        lexicon.load("intensifiers", "intensifier"),
        lexicon.load("negations", "negation"),
    ])


@lru_cache(maxsize=8192)
def cues(text: str) -> tuple[Cue, ...]:
    """Every cue in one sentence, with character offsets into `text` (cached: scoring and passages
    both ask)."""
    toks = lexicon.tokens(text)
    words, starts, ends = toks.words, toks.starts, toks.ends
    quotes = quote_spans(text) if _has_quote_mark(text) else []
    found: list[Cue] = []

    def add(feature: str, a: int, b: int, reason: str) -> None:
        found.append(_new(Cue, (feature, starts[a], ends[b - 1], reason, 1.0)))

    hedges, vague_matches, frames, reports, loaded, intensifiers, negations = _cue_lexicons().matches(words)
    for a, b, cls in hedges:
        if a > 0 and text[starts[a]].isupper() and cls == "modal verb":
            continue  # "May 10": the month, not the modal
        if _inside(quotes, starts[a]):
            add("hedge in quote", a, b, f"{cls} (quoted)")
        else:
            add(f"hedge:{cls}", a, b, cls)

    vague_tokens: set[int] = set()
    for a, b, _cls in vague_matches:
        vague_tokens.update(range(a, b))
        quoted = _inside(quotes, starts[a])
        add("vague source in quote" if quoted else "vague source", a, b, "vague source")

    for a, b, _cls in frames:
        quoted = _inside(quotes, starts[a])
        add("speculative frame in quote" if quoted else "speculative frame", a, b, "speculative frame")

    for a, b, _cls in reports:
        add("report verb", a, b, "report verb")

    names = _names(text, toks, vague_tokens) if reports else []
    named = False
    for a, b, _cls in reports:
        for na, nb in names:
            if 0 <= a - nb <= 5 or 0 <= na - b <= 3:
                add("named source", na, nb, "named source")
                named = True
                break
        else:
            if not _INSTITUTIONS.isdisjoint(words[max(0, a - 4) : a]):
                add("institutional source", max(0, a - 4), a, "institutional source")
                named = True
    if "according" in words:
        for i in range(len(toks) - 2):
            if (words[i], words[i + 1]) == _ACCORDING and _capitalised(text, toks, i + 2):
                add("named source", i, i + 3, "named source")
                named = True

    speculative = [c for c in found if c.feature in ("speculative frame", "vague source")]
    if speculative and not named:
        for c in speculative:
            found.append(Cue("unsourced speculation", c.start, c.end, "no named source"))
    if reports and any(c.feature == "vague source" for c in found):
        for c in found:
            if c.feature == "vague source":
                found.append(Cue("vague source with report verb", c.start, c.end, "vague source"))

    for a, b in quotes:
        inner = text[a + 1 : b - 1]
        if 0 < len(inner.split()) <= 3 and not inner.rstrip().endswith((".", ",", "!", "?")):
            found.append(Cue("scare quote", a, b, "scare quotes"))

    for a, b, cls in loaded:
        if cls in LOADED_CATEGORIES:
            add(f"loaded:{cls}", a, b, cls.replace("_", " "))
            add("loaded words", a, b, cls.replace("_", " "))

    for a, b in _figurative_theft(text, toks):
        add("loaded:figurative_theft", a, b, "figurative theft")
        add("loaded words", a, b, "figurative theft")
    found.extend(_distilled(toks))
    for a, b, _cls in intensifiers:
        add("intensifier", a, b, "intensifier")
    for a, b, _cls in negations:
        add("negation", a, b, "negation")
    if "!" in text:
        found.extend(Cue("exclamation", m.start(), m.end(), "exclamation") for m in re.finditer(r"!", text))
    if _THREE_UNCASED_OR_CAPITALS.search(text):
        capitals = [
            k for k, w in enumerate(words) if len(w) >= 3 and w.isalpha() and text[starts[k] : ends[k]].isupper()
        ]
        if len(capitals) >= 2:  # one capitalised word is usually an acronym; several are a headline shouting
            found.extend(Cue("shouting", starts[k], ends[k], "capitals") for k in capitals)
    return tuple(found)


_THREE_UNCASED_OR_CAPITALS = re.compile(r"[^\W\d_a-z]{3}")
"""Three letters in a row, none ASCII lowercase: a capitalised word of three letters must contain it,
so sentences without it skip the per-token shouting check."""


_THEFT_AHEAD = 4
_THEFT_BEHIND = 3
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\u2014\u2013\"\u201c\u201d]")


@cache
def _theft_words() -> tuple[frozenset[str], frozenset[str]]:
    """The theft verbs and the objects that cannot be stolen, from `lexicons/theft.txt`."""
    kinds = lexicon.load("theft").phrases
    verbs = frozenset(key[0] for key, kind in kinds.items() if kind == "verb")
    return verbs, frozenset(key[0] for key, kind in kinds.items() if kind == "object")


def _figurative_theft(text: str, toks: Tokens) -> list[tuple[int, int]]:
    """Token ranges where a theft verb takes something that cannot be stolen ("steal the islands",
    "a stolen election", "land grab"), within a few words and the same clause (decision 11)."""
    verbs, objects = _theft_words()
    words = toks.words
    if verbs.isdisjoint(words):
        return []
    found = []
    for i, word in enumerate(words):
        if word not in verbs:
            continue
        ahead = range(i + 1, min(len(words), i + 1 + _THEFT_AHEAD))
        behind = range(i - 1, max(-1, i - 1 - _THEFT_BEHIND), -1)
        for j in (*ahead, *behind):
            if words[j] in objects:
                a, b = min(i, j), max(i, j)
                if not _CLAUSE_BREAK.search(text, toks.ends[a], toks.starts[b]):
                    found.append((a, b + 1))
                break
    return found


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


STRONG_WORD = 0.95
"""A distilled score at which a single word counts as strongly loaded."""


def _distilled(toks: Tokens) -> list[Cue]:
    """Cues from the distilled loadedness lexicon: the highest word score, the mean of the top three,
    and each strongly loaded word (see training/README.md for how the lexicon was made)."""
    scores = lexicon.word_scores("loaded_distilled")
    words = toks.words
    if scores.keys().isdisjoint(words):
        return []
    scored = sorted(((scores[w], k) for k, w in enumerate(words) if w in scores), key=lambda sk: -sk[0])
    starts, ends = toks.starts, toks.ends
    reason = "charged word"
    top, k = scored[0]
    out = [Cue("distilled max", starts[k], ends[k], reason, top)]
    out += [Cue("distilled top3", starts[k], ends[k], reason, score / 3) for score, k in scored[:3]]
    out += [Cue("distilled strong", starts[k], ends[k], reason) for score, k in scored if score >= STRONG_WORD]
    return out


def clear_caches() -> None:
    """Forget every per-sentence result (benchmarks measure uncached work)."""
    for cached in (lexicon.tokens, cues, _cue_row):
        cached.cache_clear()


def cue_vector(text: str) -> list[float]:
    """One sentence's feature row: capped cue counts plus a few whole-sentence measures."""
    return list(_cue_row(text))


@lru_cache(maxsize=65536)
def _cue_row(text: str) -> tuple[float, ...]:
    """Cached: training transforms the same sentences once per fold and grid point."""
    row = [0.0] * len(FEATURES)
    for cue in cues(text):
        row[FEATURE_INDEX[cue.feature]] += cue.value
    row = [v if v <= 3.0 else 3.0 for v in row]
    if _has_quote_mark(text):
        quoted = sum(b - a for a, b in quote_spans(text))
        row[FEATURE_INDEX["quotation share"]] = quoted / max(1, len(text))
    row[FEATURE_INDEX["question"]] = 1.0 if text.rstrip().rstrip("\"'\u201d\u2019").endswith("?") else 0.0
    row[FEATURE_INDEX["length"]] = math.log1p(len(lexicon.tokens(text)))
    return tuple(row)
