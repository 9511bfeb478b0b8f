"""Phrase lexicons shipped as text files under `rhetoric/lexicons/`, matched on word tokens."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|n't", re.UNICODE)
_ASCII_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*|n't")
"""TOKEN on lowercase ASCII text, where it finds the same tokens faster."""
_DIGITS = re.compile(r"\d+")
_ANY_DIGIT = re.compile(r"\d")
_group, _start, _end = re.Match.group, re.Match.start, re.Match.end


class Token(NamedTuple):
    text: str  # normalised: lowercase, digit runs as "0"
    start: int
    end: int


class Tokens:
    """A sentence's tokens as three parallel tuples (building one object per token costs more than
    matching them); iterating gives `Token`s."""

    __slots__ = ("words", "starts", "ends")

    def __init__(self, words: tuple[str, ...], starts: tuple[int, ...], ends: tuple[int, ...]):
        self.words, self.starts, self.ends = words, starts, ends

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self):
        return map(Token, self.words, self.starts, self.ends)


def _normal(raw: str) -> str:
    word = raw.lower()
    if not word.isalpha():
        word = _DIGITS.sub("0", word.replace("\u2019", "'"))
    return word


def tokens(text: str) -> Tokens:
    """Word tokens with offsets; lowercase, curly apostrophes straightened, numbers folded to 0.

    Tokens are matched on a lowercase copy with apostrophes straightened (the same length as the
    text, so offsets hold), and only words that are not all letters are normalised further. Scoring
    tokenises each sentence once (`features.SentenceFeatures`).
    """
    low = text.lower()
    if len(low) != len(text):  # a few characters lowercase to two ("İ"): normalise word by word
        found = list(TOKEN.finditer(text))
        return Tokens(tuple(_normal(m.group()) for m in found), tuple(map(_start, found)), tuple(map(_end, found)))
    if "\u2019" in low:
        low = low.replace("\u2019", "'")
    found = list((_ASCII_TOKEN if low.isascii() else TOKEN).finditer(low))
    words = list(map(_group, found))
    if _ANY_DIGIT.search(low):
        words = [w if w.isalpha() else _DIGITS.sub("0", w) for w in words]
    return Tokens(tuple(words), tuple(map(_start, found)), tuple(map(_end, found)))


def words(text: str) -> tuple[str, ...]:
    """The normalised token strings of `text` (the word n-gram features' tokenizer)."""
    return tokens(text).words


@dataclass(frozen=True)
class Lexicon:
    name: str
    phrases: dict[tuple[str, ...], str]  # phrase tokens -> class (the cue type shown as a reason)
    first_words: frozenset[str]  # the words phrases start with
    pairs: dict[tuple[str, ...], tuple[int, ...]]  # first two tokens -> lengths of 2 or more, longest first

    @classmethod
    def build(cls, name: str, phrases: dict[tuple[str, ...], str]) -> Lexicon:
        pairs: dict[tuple[str, ...], set[int]] = {}
        for key in phrases:
            if len(key) > 1:
                pairs.setdefault(key[:2], set()).add(len(key))
        longest_first = {pair: tuple(sorted(sizes, reverse=True)) for pair, sizes in pairs.items()}
        return cls(name, phrases, frozenset(key[0] for key in phrases), longest_first)

    def matches(self, texts: Sequence[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (first token, end token, class) matches on normalised words, longest phrase first."""
        first_words = self.first_words
        if first_words.isdisjoint(texts):
            return []
        return self._matches_from(texts, [i for i, word in enumerate(texts) if word in first_words])

    def _matches_from(self, texts: Sequence[str], candidates: list[int]) -> list[tuple[int, int, str]]:
        """`matches`, given the positions whose word starts one of this lexicon's phrases."""
        pairs, phrases = self.pairs, self.phrases
        found = []
        free = 0  # the first token not inside an earlier match
        n = len(texts)
        for i in candidates:
            if i < free:
                continue
            for size in pairs.get(tuple(texts[i : i + 2]), ()):
                if i + size <= n:
                    cls = phrases.get(tuple(texts[i : i + size]))
                    if cls is not None:
                        found.append((i, i + size, cls))
                        free = i + size
                        break
            else:
                cls = phrases.get((texts[i],))
                if cls is not None:
                    found.append((i, i + 1, cls))
                    free = i + 1
        return found


class LexiconSet:
    """Several lexicons matched in one pass over a sentence's tokens (each keeps its own matches).

    A position is tried for a lexicon only if its word is one of the lexicon's one-word phrases or
    the next word can continue one of its longer phrases: most phrases that begin with "the" or "to"
    are ruled out by one set lookup.
    """

    def __init__(self, lexicons: Sequence[Lexicon]):
        self.lexicons = tuple(lexicons)
        starts: dict[str, list[tuple[int, bool, frozenset[str]]]] = {}
        for k, lex in enumerate(self.lexicons):
            seconds: dict[str, list[str]] = {}
            for first, second in lex.pairs:  # the first two words of every longer phrase
                seconds.setdefault(first, []).append(second)
            phrases = lex.phrases
            for word in lex.first_words:
                starts.setdefault(word, []).append((k, (word,) in phrases, frozenset(seconds.get(word, ()))))
        self._starts = {word: tuple(entries) for word, entries in starts.items()}

    def matches(self, texts: Sequence[str]) -> list[list[tuple[int, int, str]]]:
        """Each lexicon's `matches` on `texts`, in the order the lexicons were given."""
        starts = self._starts
        candidates: list[list[int]] = [[] for _ in self.lexicons]
        last = len(texts) - 1
        for i, word in enumerate(texts):
            entries = starts.get(word)
            if entries is not None:
                following = texts[i + 1] if i < last else None
                for k, single, seconds in entries:
                    if single or following in seconds:
                        candidates[k].append(i)
        return [lex._matches_from(texts, c) if c else [] for lex, c in zip(self.lexicons, candidates)]


@cache
def load(name: str, default_class: str = "") -> Lexicon:
    """Read `lexicons/<name>.txt`: `phrase` or `phrase<TAB>class` per line, `#` comments."""
    from importlib.resources import files

    text = files("rhetoric.lexicons").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    phrases: dict[tuple[str, ...], str] = {}
    fallback = default_class or name
    for line in text.splitlines():
        if not line or line[0] == "#" or line.isspace():
            continue
        phrase, tab, cls = line.partition("\t")
        low = phrase.lower()
        # plain lowercase ASCII words tokenise to themselves: most entries skip the tokenizer
        key = tuple(low.split()) if low.isascii() and low.replace(" ", "").isalpha() else words(phrase)
        if key and key not in phrases:
            phrases[key] = (cls.strip() if tab else "") or fallback
    return Lexicon.build(name, phrases)


@cache
def single_words(name: str) -> frozenset[str]:
    """The one-word entries of `lexicons/<name>.txt`, for a lexicon read as a word list, not matched."""
    return frozenset(key[0] for key in load(name).phrases if len(key) == 1)


@cache
def word_scores(name: str) -> dict[str, float]:
    """Read `lexicons/<name>.tsv`: `word<TAB>score` per line, `#` comments."""
    from importlib.resources import files

    text = files("rhetoric.lexicons").joinpath(f"{name}.tsv").read_text(encoding="utf-8")
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            word, _, score = line.partition("\t")
            out[_normal(word)] = float(score)
    return out
