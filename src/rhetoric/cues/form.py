"""Cues of form rather than vocabulary: negation, exclamation, shouting, and whole-sentence measures."""

from __future__ import annotations

import math
import re

from ..labels import LABEL_KEYS
from .quotes import has_quote_mark
from .registry import Cue, Sentence, register

_FIVE_UNCASED_OR_CAPITALS = re.compile(r"[^\W\d_a-z]{5}")
"""Five letters in a row, none ASCII lowercase: a capitalised word of five letters must contain it,
so sentences without it skip the per-token shouting check."""


@register("negation", {"negation": LABEL_KEYS}, lexicons=("negations",))
def negation(s: Sentence):
    for a, b, _cls in s.matches["negations"]:
        s.add("negation", a, b, "negation")
    return ()


@register("exclamation", {"exclamation": ("loaded_language",)})
def exclamation(s: Sentence):
    if "!" in s.text:
        return [Cue("exclamation", m.start(), m.end(), "exclamation") for m in re.finditer(r"!", s.text)]
    return ()


@register("shouting", {"shouting": ("loaded_language",)})
def shouting(s: Sentence):
    """Several words in capitals. Words of four letters or fewer are left out: in capitals they are
    nearly always acronyms ("FBI", "NATO"), which shout nothing. So is a quote written all in capitals:
    an inscription, sign or banner printed as it reads ("stamps inscribed "HARBOUR AUTHORITY POSTAGE"")."""
    text = s.text
    if not _FIVE_UNCASED_OR_CAPITALS.search(text):
        return ()
    starts, ends = s.toks.starts, s.toks.ends
    verbatim = [(a, b) for a, b in s.quotes if text[a:b].isupper()]
    capitals = [k for k, w in enumerate(s.words) if len(w) >= 5 and w.isalpha() and text[starts[k] : ends[k]].isupper()
                and not any(a < starts[k] < b for a, b in verbatim)]
    if len(capitals) >= 2:
        return [Cue("shouting", starts[k], ends[k], "capitals") for k in capitals]
    return ()


@register("sentence measures", {"quotation share": LABEL_KEYS, "question": LABEL_KEYS, "length": LABEL_KEYS},
          measure=True)
def measures(s: Sentence) -> dict[str, float]:
    text = s.text
    out = {
        "question": 1.0 if text.rstrip().rstrip("\"'\u201d\u2019").endswith("?") else 0.0,
        "length": math.log1p(len(s.words)),
    }
    if has_quote_mark(text):
        out["quotation share"] = sum(b - a for a, b in s.quotes) / max(1, len(text))
    return out
