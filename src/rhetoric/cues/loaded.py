"""Loaded-language cues: charged words by category, figurative theft, distilled word scores,
intensifiers and scare quotes."""

from __future__ import annotations

import re
from functools import cache

from .. import lexicon
from ..passages import DISTILLED
from .attribution import Attribution
from .registry import Cue, Sentence, register

LOADED = ("loaded_language",)
LOADED_CATEGORIES = (
    "pejorative", "emotive_verb", "intensifier", "hyperbole", "metaphor_violence",
    "metaphor_disaster", "fear_appeal", "partisan_label", "sneer", "moral_judgment",
    "emotional_state", "figurative_theft",
)
STRONG_WORD = 0.95
"""A distilled score at which a single word counts as strongly loaded."""
DISTILLED_FLOOR = 0.0
"""Scores at or below this carry nothing (0: every word the lexicon kept counts; raising it to the
lexicon's median, 0.8, sharpened loaded passages but lowered loaded AP on dev.jsonl, see README)."""


_QUANTITY = re.compile(r"\d|\b(?:dozens|hundreds|thousands|millions|billions|tens)\b", re.IGNORECASE)
"""A quoted figure ("tens of thousands", "40%") quotes someone's number; it holds no word at arm's length."""


_NAMING_BEFORE = re.compile(
    r"(?:\b(?:words?|terms?|phrases?|names?|titles?|expressions?|nicknames?|slogans?|mottos?|mottoes"
    r"|inscriptions?|captions?|headings?|labels?|spelled|spelt|named|titled|entitled|nicknamed|known as"
    r"|(?<!so-)(?<!so )called|dubbed|reads?|album|song|single|film|movie|novel|book|poem|play|episode"
    r"|series|referred to as|refers? to (?:it|him|her|them) as|coined|such as))\s*(?:(?:the|an?)\s+)?[,:]?\s*$",
    re.IGNORECASE,
)
"""Words before a quote that name or title what it holds ("the word", "a group called", "titled",
"referred to as the", "songs such as")."""
_NAMING_VERB = re.compile(
    r"\b(?:named|renamed|titled|entitled|nicknamed|dubbed|christened)(?:\s+[\w'\u2019-]+){1,3}\s*$", re.IGNORECASE
)
"""A naming verb with its object before a quote ("named the scheme "Green Streets"")."""
_GLOSS_AFTER = re.compile(
    r"^\s*,?\s*(?:\((?!\s*\d)|meaning\b|means\b|meant\b|stands for\b|refers to\b|translates\b|is derived\b"
    r"|derives\b|comes from\b|is short for\b|i\.e\.)",
    re.IGNORECASE,
)
"""Words after a quote that gloss it ('"brack" meaning salty water', '"brak" (salty)')."""


_LIST_LINK = re.compile(r"\s*(?:[,;/(]\s*)?(?:(?:and|or|&)\s+)?$", re.IGNORECASE)
"""What stands between two quotes of one list: a comma, "and", "or", a slash or a bracket."""


@register("scare quotes", {"scare quote": LOADED})
def scare_quotes(s: Sentence):
    """A short quoted phrase that is not a sentence: the writer holding a word at arm's length.

    Quotes that mention rather than use their words are not: a word or title named or glossed ("the
    word "war"", ""brack" meaning salty water", "a group called "Open Doors"", "the song "Finale"",
    "referred to as the "Cobra""), and quotes listed together (`_listed`). A charged word in such a
    quote is still found by the lexicon. Capitals tell nothing: sneers are
    capitalised as often as titles ("these "Russians"", "'Liberalism'")."""
    text = s.text
    for a, b in s.quotes:
        inner = text[a + 1 : b - 1]
        if 0 < len(inner.split()) <= 3 and not inner.rstrip().endswith((".", ",", "!", "?")) \
                and not _QUANTITY.search(inner) and not _mentions(text, a, b) and not _listed(s, a, b):
            yield Cue("scare quote", a, b, "scare quotes")


def _listed(s: Sentence, a: int, b: int) -> bool:
    """Whether the quote at text[a:b] is one of a list of quotes ("recorded "X", "Y" and "Z"", "sold as
    "redfin" or "river perch""): titles, names and terms are listed, a writer's sneer mostly stands
    alone. On dev.jsonl this leaves out 84 of the 602 other short quotes in calm text (Wikipedia,
    FactBank, PolNeAR), against 15 of 351 in sentences its annotators marked loaded; a charged word
    inside a listed quote ("not "racist" or "violent"") is still found by the lexicon."""
    text = s.text
    for c, d in s.quotes:
        if (d <= a and _LIST_LINK.fullmatch(text, d, a)) or (b <= c and _LIST_LINK.fullmatch(text, b, c)):
            return True
    return False


def _mentions(text: str, a: int, b: int) -> bool:
    """Whether the quote at text[a:b] names, titles or glosses its words rather than holding them at
    arm's length."""
    return bool(_NAMING_BEFORE.search(text, 0, a) or _NAMING_VERB.search(text, 0, a) or _GLOSS_AFTER.match(text[b:]))


@register(
    "charged words",
    {**{f"loaded:{c}": LOADED for c in LOADED_CATEGORIES}, "loaded words": LOADED},
    lexicons=("loaded",),  # theft.txt and escalation.txt are read as word sets by verb_with_object
)
def charged_words(s: Sentence):
    for a, b, cls in s.matches["loaded"]:
        if cls in LOADED_CATEGORIES:
            s.add(f"loaded:{cls}", a, b, cls.replace("_", " "))
            s.add("loaded words", a, b, cls.replace("_", " "))
    for a, b in verb_with_object(s, "theft"):
        s.add("loaded:figurative_theft", a, b, "figurative theft")
        s.add("loaded words", a, b, "figurative theft")
    for a, b in verb_with_object(s, "escalation", _LEAVES_THE_OBJECT):
        s.add("loaded:fear_appeal", a, b, "fear appeal")
        s.add("loaded words", a, b, "fear appeal")
    return ()


_AHEAD = 4
_BEHIND = 3
_LEAVES_THE_OBJECT = frozenset("about of on over with for at from by than as".split())
_CLAUSE_BREAK = re.compile(r"[,;:.!?()\u2014\u2013\"\u201c\u201d]")


@cache
def _verbs_and_objects(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """A verb-object lexicon's verbs and objects (`lexicons/theft.txt`, `lexicons/escalation.txt`)."""
    kinds = lexicon.load(name).phrases
    verbs = frozenset(key[0] for key, kind in kinds.items() if kind == "verb")
    return verbs, frozenset(key[0] for key, kind in kinds.items() if kind == "object")


def verb_with_object(s: Sentence, name: str, leaves: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """Token ranges where a verb of lexicon `name` takes one of its objects within a few words and the
    same clause: a theft verb with what cannot be stolen ("steal the islands", "a stolen election",
    decision 11), an escalation verb with a catastrophe ("trigger WW3"). A word in `leaves` after
    the verb ends its object ("sparked a debate about chaos": the object was "debate")."""
    verbs, objects = _verbs_and_objects(name)
    words = s.words
    if verbs.isdisjoint(words):
        return []
    found = []
    for i, word in enumerate(words):
        if word not in verbs:
            continue
        ahead = range(i + 1, min(len(words), i + 1 + _AHEAD))
        behind = range(i - 1, max(-1, i - 1 - _BEHIND), -1)
        for j in (*ahead, *behind):
            if j > i and words[j] in leaves:
                break
            if words[j] in objects:
                a, b = min(i, j), max(i, j)
                if not s.gap_has(_CLAUSE_BREAK, a, b):
                    found.append((a, b + 1))
                break
    return found


@cache
def _distilled_scores() -> dict[str, float]:
    """The distilled loadedness scores less the words reviewers read as neutral in news
    (lexicons/distilled_neutral.txt): the embedding classifier over-rates many ordinary words."""
    neutral = lexicon.single_words("distilled_neutral")
    return {word: score for word, score in lexicon.word_scores("loaded_distilled").items() if word not in neutral}


@register("distilled word scores", {"distilled max": LOADED, "distilled top3": LOADED, "distilled strong": LOADED})
def distilled(s: Sentence):
    """The distilled loadedness lexicon: the highest word score, the mean of the top three (each as its
    height above DISTILLED_FLOOR), and each strongly loaded word (see training/README.md for how the
    lexicon was made)."""
    scores = _distilled_scores()
    words = s.words
    if scores.keys().isdisjoint(words):
        return []
    span = 1.0 - DISTILLED_FLOOR
    scored = sorted(((scores[w], k) for k, w in enumerate(words)
                     if scores.get(w, 0.0) > DISTILLED_FLOOR and not _in_a_name(s, k)),
                    key=lambda sk: -sk[0])
    if not scored:
        return []
    starts, ends = s.toks.starts, s.toks.ends
    reason = DISTILLED
    top, k = scored[0]
    out = [Cue("distilled max", starts[k], ends[k], reason, (top - DISTILLED_FLOOR) / span)]
    out += [Cue("distilled top3", starts[k], ends[k], reason, (score - DISTILLED_FLOOR) / span / 3)
            for score, k in scored[:3]]
    out += [Cue("distilled strong", starts[k], ends[k], reason) for score, k in scored if score >= STRONG_WORD]
    return out


_OPENS_A_SENTENCE = frozenset(".!?:;\"'\u201c\u2018(\u2014\u2013-")


def _in_a_name(s: Sentence, k: int) -> bool:
    """Whether word k is part of a name ("the Supreme Court", "World War", "Hong Kong"): capitalised
    where a sentence does not start, in a sentence that is not written in capitals. The distilled
    scores are for words, and a name is not word choice (guidelines: the charged word or phrase)."""
    text, start = s.text, s.toks.starts[k]
    if not text[start].isupper() or text.isupper():
        return False
    if k == 0:  # a first word is a name where attribution read a one-word name there ("Crone believes"),
        # not an adjective before one ("Furious Okafor said")
        attributions: list[Attribution] = s.notes.get("attributions", [])  # type: ignore[assignment]
        one_word = len(s.words) > 1 and not text[s.toks.starts[1]].isupper()
        return one_word and any(att.named and att.first == 0 for att in attributions)
    before = text[:start].rstrip()
    if _AFTER_AN_INITIAL.search(before):
        return True  # "P. Munch", "Dr. Crone": a full stop that ends an initial or a title opens no sentence
    return not before or before[-1] not in _OPENS_A_SENTENCE


_AFTER_AN_INITIAL = re.compile(
    r"(?:^|[\s(])(?:[A-Z]|Dr|Mr|Mrs|Ms|Mme|Prof|St|Gen|Col|Lt|Capt|Sgt|Sen|Rep|Gov|Rev|Fr)\.$"
)
"""An initial or a title's abbreviation just before a word: the full stop opens no sentence."""


@register("literal senses", {"literal sense": LOADED}, lexicons=("literal_senses",))
def literal_senses(s: Sentence):
    """A fixed expression in which a charged word is literal or a plain name ("panic attack", "birds of
    prey", "bull market": lexicons/literal_senses.txt). The charged word's own cues still fire; this is
    the evidence against them, and the model learns how much it weighs from the corpus's literal senses."""
    for a, b, _cls in s.matches["literal_senses"]:
        s.add("literal sense", a, b, "literal sense")
    return ()


@register("intensifiers", {"intensifier": LOADED}, lexicons=("intensifiers",))
def intensifiers(s: Sentence):
    for a, b, _cls in s.matches["intensifiers"]:
        s.add("intensifier", a, b, "intensifier")
    return ()
