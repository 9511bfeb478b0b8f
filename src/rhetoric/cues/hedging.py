"""Hedge cues: the words by which a writer softens a claim (lexicons/hedges.txt, by class)."""

from __future__ import annotations

from .attribution import voice
from .registry import Sentence, register

HEDGE_CLASSES = (
    "modal verb", "epistemic adverb", "distancing adverb", "likelihood adjective", "appearance verb",
    "evidential verb", "distancing passive", "approximator", "belief verb", "condition",
)
_BOTH = ("hedging", "unattributed_speculation")
_DETERMINERS = frozenset("the a an this that these those his her their its our my your two three".split())
"""Before "suspect" they make it a noun ("the suspect was seen"), not the verb of belief."""


@register(
    "hedges",
    {
        **{f"hedge:{c}": _BOTH for c in HEDGE_CLASSES},
        "hedge in quote": ("hedging",),
        "hedge of a named source": _BOTH,
        "hedge of a vague source": _BOTH,
    },
    lexicons=("hedges",),
    # a named source carries the sentence's hedges: whether one or three, the writer hedges none of them
    caps={"hedge of a named source": 1.0},
)
def hedges(s: Sentence):
    """A hedge in the writer's voice feeds its class; a hedge the sentence hands to a source (quoted or
    reported) feeds that source's kind instead: only a named source takes a hedge off the writer."""
    text, starts = s.text, s.toks.starts
    for a, b, cls in s.matches["hedges"]:
        if a > 0 and text[starts[a]].isupper() and cls == "modal verb":
            continue  # "May 10": the month, not the modal
        if cls == "belief verb" and a > 0 and s.words[a - 1] in _DETERMINERS and s.words[a].startswith("suspect"):
            continue
        whose = voice(s, a)
        if whose == "named":
            s.add("hedge of a named source", a, b, f"{cls} (a named source's)")
        elif whose == "vague":
            s.add("hedge of a vague source", a, b, f"{cls} (an unnamed source's)")
        elif whose == "quoted":
            s.add("hedge in quote", a, b, f"{cls} (quoted)")
        else:
            s.add(f"hedge:{cls}", a, b, cls)
    return ()
