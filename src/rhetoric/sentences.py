"""Sentence units with character offsets: paragraphs by line, Punkt within them, and each unit's kind.

A unit is a `sentence` of running prose, a `headline` (a title or subhead: a line of words that does
not end like a sentence), a `list_item` (a bulleted or numbered line, its marker left out), or `other`
(page furniture: "Comments", "Share this", bylines, rules, dates). Every kind but `other` is scored:
the guidelines label headlines like any other sentence.
"""

from __future__ import annotations

import re
from functools import lru_cache
from types import ModuleType
from typing import NamedTuple

_TERMINAL = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s*$")
_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)
_MIN_PROSE_WORDS_WITHOUT_PUNCTUATION = 12


SENTENCE, HEADLINE, LIST_ITEM, OTHER = "sentence", "headline", "list_item", "other"
KINDS = (SENTENCE, HEADLINE, LIST_ITEM, OTHER)
_LIST_MARKER = re.compile(r"(?:[-*\u2022\u2013+]|\d{1,3}[.)])[ \t]+(?=\S)")
_BYLINE = re.compile(r"(?i)^(?:by|posted by|written by|photo:|image:|source:)\s")
_MIN_HEADLINE_WORDS = 3
_MAX_HEADLINE_WORDS = 40


class Unit(NamedTuple):
    """A sentence, headline or list item (scored), or a line that is page furniture (not scored)."""

    start: int
    end: int
    text: str
    prose: bool  # scored: every kind but `other`
    kind: str = SENTENCE


_PUNKT_DEFERRED = ("nltk.pathsec", "nltk.picklesec", "nltk.tabdata", "nltk.internals", "nltk.tokenize.util")
"""nltk modules whose functions Punkt and its helpers call only to find, load, save or debug files,
or to tokenise words. They pull in `http.client`, `email`, `urllib`, `subprocess` and `xml` (about
60 ms, a quarter of a cold start); splitting never calls them, so while Punkt loads they are
stand-ins whose functions import the real module when called."""


def _deferred_module(name: str) -> ModuleType:
    """A stand-in for nltk module `name`: while it stands in, any name imported from it is a function
    that calls the real module's; once removed from `sys.modules`, attributes are the real module's."""
    import importlib
    import sys

    class Deferred(ModuleType):
        def __getattr__(self, attribute: str) -> object:
            if attribute.startswith("__"):
                raise AttributeError(attribute)
            if sys.modules.get(name) is not self:
                return getattr(importlib.import_module(name), attribute)

            def delegate(*args: object, **kwargs: object) -> object:
                return getattr(importlib.import_module(name), attribute)(*args, **kwargs)

            delegate.__name__ = delegate.__qualname__ = attribute
            return delegate

    return Deferred(name)


class _PendingPattern:
    """A pattern Punkt compiles at import through `nltk.redos`, compiled by the real `nltk.redos` the
    first time it is used. Importing `nltk.redos` imports the `regex` engine (about 10 ms of a cold
    start), and splitting ASCII text uses none of these patterns (`_language_vars`, `_token_class`)."""

    def __init__(self, pattern: str, flags: int = 0, **options: object) -> None:
        self._source = (pattern, flags, options)
        self._compiled: object = None

    def __getattr__(self, name: str) -> object:
        if name.startswith("__"):
            raise AttributeError(name)
        if self._compiled is None:
            pattern, flags, options = self._source
            self._compiled = _guarded_engine().compile(pattern, flags, **options)
        value = getattr(self._compiled, name)
        setattr(self, name, value)  # later reads find it without this call
        return value


def _nltk_root() -> str:
    """nltk's package folder, found without importing the package (`_import_punkt`)."""
    import importlib.util
    import os

    spec = importlib.util.find_spec("nltk")
    if spec is None or spec.origin is None:
        raise ImportError("nltk is not installed")
    return os.path.dirname(spec.origin)


@lru_cache(maxsize=1)
def _guarded_engine() -> ModuleType:
    """`nltk.redos` as nltk ships it, loaded from its own file: importing it by name once Punkt has
    loaded would run `nltk/__init__.py` (about 2 s, see `_import_punkt`)."""
    import importlib.util
    import os
    import sys

    if "nltk.redos" in sys.modules:
        return sys.modules["nltk.redos"]
    spec = importlib.util.spec_from_file_location("nltk.redos", os.path.join(_nltk_root(), "redos.py"))
    if spec is None or spec.loader is None:
        raise ImportError("nltk.redos is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pending_redos() -> ModuleType:
    """A stand-in for `nltk.redos` while Punkt loads: its `compile` returns `_PendingPattern`s, and
    anything else Punkt reads from it comes from the real module."""

    class PendingRedos(ModuleType):
        compile = staticmethod(_PendingPattern)

        def __getattr__(self, attribute: str) -> object:
            if attribute.startswith("__"):
                raise AttributeError(attribute)
            return getattr(_guarded_engine(), attribute)

    return PendingRedos("nltk.redos")


def _import_punkt() -> ModuleType:
    """Import nltk's Punkt module without running `nltk/__init__.py`.

    `import nltk` costs about 2 s (it pulls in scipy.stats through nltk.collocations); the Punkt
    module and its few dependencies load in about 0.05 s. Empty package stubs let the submodules load,
    and stand-ins replace the file-handling modules (`_PUNKT_DEFERRED`); all are removed again so a
    later `import nltk` by another library runs the real package, and the stand-ins then reach it.
    """
    import importlib
    import os
    import sys

    if "nltk.tokenize.punkt" in sys.modules:
        return sys.modules["nltk.tokenize.punkt"]
    if "nltk" in sys.modules:
        return importlib.import_module("nltk.tokenize.punkt")
    root = _nltk_root()
    stubs: dict[str, ModuleType] = {}
    for name, path in {"nltk": root, "nltk.tokenize": os.path.join(root, "tokenize")}.items():
        stubs[name] = ModuleType(name)
        stubs[name].__path__ = [path]
    for name in _PUNKT_DEFERRED:
        if name not in sys.modules:
            stubs[name] = _deferred_module(name)
    if "nltk.redos" not in sys.modules:
        stubs["nltk.redos"] = _pending_redos()
    sys.modules.update(stubs)
    try:
        return importlib.import_module("nltk.tokenize.punkt")
    finally:
        for name, stub in stubs.items():
            if sys.modules.get(name) is stub:
                del sys.modules[name]


PLAIN_BREAK = re.compile(
    r"([A-Za-z]{2,})[.?!](?:[ \t\r\n]+\S+|[\"'\u201d\u2019])|[0-9]+\.[ \t\r\n]+[A-Z]\S*"
)
"""Candidate boundaries Punkt always takes with this project's parameters: a word of two or more
letters that is not a known abbreviation, then one `.`, `?` or `!` and another word or a closing
quote ("homes. The", "years. \u201cIn", "done.\u201d"); or a number, a period and a capitalised
word ("1933. It")."""


def _language_vars(punkt):
    """Punkt's own three patterns, compiled by `re`.

    nltk 3.10 compiles every pattern with the `regex` engine and runs each match under a timeout
    (`nltk.redos`), a guard meant for patterns a caller supplies. These are Punkt's fixed patterns,
    linear on any text (lazy word runs and lookaheads of one token), and the guard cost a quarter of
    splitting time; `tests/test_sentences.py` checks the result against Punkt as nltk ships it.
    """

    class LanguageVars(punkt.PunktLanguageVars):
        re_boundary_realignment = re.compile(r"[\"\')\]}\u2018\u2019\u201c\u201d\xab\xbb]+?(?:\s+|(?=--)|$)",
                                             re.MULTILINE)

        def _word_tokenizer_re(self):
            if not hasattr(self, "_re_word_tokenizer"):
                self._re_word_tokenizer = re.compile(
                    self._word_tokenize_fmt % {"NonWord": self._re_non_word_chars,
                                               "MultiChar": self._re_multi_char_punct,
                                               "WordStart": self._re_word_start},
                    re.UNICODE | re.VERBOSE,
                )
            return self._re_word_tokenizer

        def period_context_re(self):
            if not hasattr(self, "_re_period_context"):
                self._re_period_context = re.compile(
                    self._period_context_fmt % {"NonWord": self._re_non_word_chars,
                                                "SentEndChars": self._re_sent_end_chars},
                    re.UNICODE | re.VERBOSE,
                )
            return self._re_period_context

    return LanguageVars()


def _token_class(punkt):
    """Punkt's token with its patterns run by `re`, for the reason `_language_vars` gives: its type (a
    number or the lowercase word) ran through the timed guard once per token, a twentieth of batch
    scoring time. The number and ellipsis patterns mean the same in both engines; `[^\\W\\d]` (a
    letter) does only on ASCII (`regex` and `re` disagree on "\u00bd"), so other tokens keep Punkt's.
    `tests/test_sentences.py` checks every property against Punkt's own token."""
    letter, letters, initial = re.compile(r"[^\W\d]"), re.compile(r"[^\W\d]+$"), re.compile(r"[^\W\d]\.$")

    class Token(punkt.PunktToken):
        __slots__ = ()
        _RE_ELLIPSIS = re.compile(r"\.\.+$")
        _RE_NUMERIC = re.compile(r"^-?[\.,]?\d[\d,\.-]*\.?$")

        @property
        def is_initial(self):
            return initial.match(self.tok) if self.tok.isascii() else super().is_initial

        @property
        def is_alpha(self):
            return letters.match(self.tok) if self.tok.isascii() else super().is_alpha

        @property
        def is_non_punct(self):
            return letter.search(self.type) if self.type.isascii() else super().is_non_punct

    return Token


@lru_cache(maxsize=1)
def _tokenizer():
    from importlib.resources import files

    punkt = _import_punkt()

    class Tokenizer(punkt.PunktSentenceTokenizer):
        """Punkt, deciding the plainest candidate boundaries without building Punkt's tokens.

        With no collocations, no sentence starters and no orthographic statistics, Punkt's first pass
        marks such a word a sentence break and its second pass never revisits it (only abbreviations,
        ellipses, initials and numbers are revisited, and a number only before a lowercase word).
        Deciding them here halves splitting time; `tests/test_sentences.py` checks the shortcut
        against Punkt itself.
        """

        def __init__(self, params):
            super().__init__(params, lang_vars=_language_vars(punkt), token_cls=_token_class(punkt))
            self.abbreviations = frozenset(params.abbrev_types)

        def text_contains_sentbreak(self, text: str) -> bool:
            plain = PLAIN_BREAK.fullmatch(text)
            if plain and (plain.group(1) or "").lower() not in self.abbreviations:
                return True
            return super().text_contains_sentbreak(text)

    params = punkt.PunktParameters()
    listing = files("rhetoric.lexicons").joinpath("abbreviations.txt").read_text(encoding="utf-8")
    params.abbrev_types = {
        line.strip() for line in listing.splitlines() if line.strip() and not line.startswith("#")
    }
    return Tokenizer(params)


@lru_cache(maxsize=1)
def _furniture() -> frozenset[str]:
    from importlib.resources import files

    listing = files("rhetoric.lexicons").joinpath("furniture.txt").read_text(encoding="utf-8")
    return frozenset(
        " ".join(line.lower().split()) for line in listing.splitlines() if line.strip() and not line.startswith("#")
    )


def is_headline(line: str) -> bool:
    """A title or subhead: enough words, most of them words, and not page furniture or a byline."""
    words = line.split()
    if not _MIN_HEADLINE_WORDS <= len(words) <= _MAX_HEADLINE_WORDS or _BYLINE.match(line):
        return False
    if " ".join(w.lower() for w in words).strip(" :|") in _furniture():
        return False
    wordlike = sum(1 for w in words if _LETTERS.search(w))
    return wordlike >= _MIN_HEADLINE_WORDS and wordlike * 2 > len(words)


def is_prose(line: str) -> bool:
    """A line is prose when it ends like a sentence or is long enough to be one without punctuation."""
    if not _LETTERS.search(line):
        return False
    if _TERMINAL.search(line):
        return len(line.split()) >= 2 or len(line) > 12
    return len(line.split()) >= _MIN_PROSE_WORDS_WITHOUT_PUNCTUATION


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of non-empty lines; a line broken inside a sentence (next line lowercase) is rejoined."""
    spans: list[tuple[int, int]] = []
    for match in re.finditer(r"[^\r\n]+", text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            continue
        if spans:
            prev_start, prev_end = spans[-1]
            gap = text[prev_end:start]
            previous = text[prev_start:prev_end]
            if (
                gap.count("\n") == 1
                and not _TERMINAL.search(previous)
                and text[start].islower()
                and len(previous.split()) >= 6
            ):
                spans[-1] = (prev_start, end)
                continue
        spans.append((start, end))
    return spans


def split(text: str) -> list[Unit]:
    """Split an article into units whose offsets index `text` exactly (`text[u.start:u.end] == u.text`)."""
    tokenizer = _tokenizer()
    units: list[Unit] = []
    for start, end in _paragraphs(text):
        kind = SENTENCE
        marker = _LIST_MARKER.match(text, start, end)
        if marker and marker.end() < end:
            start, kind = marker.end(), LIST_ITEM
        paragraph = text[start:end]
        if not is_prose(paragraph):
            if kind == LIST_ITEM and _LETTERS.search(paragraph):
                units.append(Unit(start, end, paragraph, True, LIST_ITEM))
            elif is_headline(paragraph):
                units.append(Unit(start, end, paragraph, True, HEADLINE))
            else:
                units.append(Unit(start, end, paragraph, False, OTHER))
            continue
        for s, e in tokenizer.span_tokenize(paragraph):
            units.append(Unit(start + s, start + e, paragraph[s:e], True, kind))
    return units
