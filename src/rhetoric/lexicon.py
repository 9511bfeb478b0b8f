"""Phrase lexicons shipped as text files under `rhetoric/lexicons/`, matched on word tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

TOKEN = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*|n't", re.UNICODE)
_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Token:
    text: str  # normalised: lowercase, digit runs as "0"
    start: int
    end: int


def _normal(raw: str) -> str:
    word = raw.lower()
    if not word.isalpha():
        word = _DIGITS.sub("0", word.replace("\u2019", "'"))
    return word


@lru_cache(maxsize=8192)
def tokens(text: str) -> tuple[Token, ...]:
    """Word tokens with offsets; lowercase, curly apostrophes straightened, numbers folded to 0.

    Cached: features, the scorer and passages all tokenise the same sentence.
    """
    return tuple(Token(_normal(m.group()), m.start(), m.end()) for m in TOKEN.finditer(text))


def words(text: str) -> list[str]:
    """The normalised token strings of `text` (the word n-gram vectoriser's tokenizer)."""
    return [t.text for t in tokens(text)]


@dataclass(frozen=True)
class Lexicon:
    name: str
    phrases: dict[tuple[str, ...], str]  # phrase tokens -> class (the cue type shown as a reason)
    lengths: dict[str, tuple[int, ...]]  # first token -> phrase lengths starting with it, longest first

    @classmethod
    def build(cls, name: str, phrases: dict[tuple[str, ...], str]) -> Lexicon:
        lengths: dict[str, set[int]] = {}
        for key in phrases:
            lengths.setdefault(key[0], set()).add(len(key))
        return cls(name, phrases, {w: tuple(sorted(n, reverse=True)) for w, n in lengths.items()})

    def matches(self, toks: list[Token] | list[str]) -> list[tuple[int, int, str]]:
        """Non-overlapping (first token, end token, class) matches, longest phrase first."""
        texts = [t if isinstance(t, str) else t.text for t in toks]
        found = []
        i = 0
        n = len(texts)
        lengths = self.lengths
        while i < n:
            for size in lengths.get(texts[i], ()):
                if i + size <= n:
                    cls = self.phrases.get(tuple(texts[i : i + size]))
                    if cls is not None:
                        found.append((i, i + size, cls))
                        i += size
                        break
            else:
                i += 1
        return found


@cache
def load(name: str, default_class: str = "") -> Lexicon:
    """Read `lexicons/<name>.txt`: `phrase` or `phrase<TAB>class` per line, `#` comments."""
    from importlib.resources import files

    text = files("rhetoric.lexicons").joinpath(f"{name}.txt").read_text(encoding="utf-8")
    phrases: dict[tuple[str, ...], str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, _, cls = line.partition("\t")
        key = tuple(words(phrase))
        if key:
            phrases.setdefault(key, cls.strip() or default_class or name)
    return Lexicon.build(name, phrases)


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
