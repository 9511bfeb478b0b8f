"""The writer's own forecasts: "The deal will collapse." reads the future in no one's name.

Guidelines, decision 4: the writer's unhedged forecast of an unscheduled event is speculation, a
scheduled or announced one is not ("The summit opens on Monday."), and a hedged forecast that reads
no one's mind is hedging only. "will" alone cannot tell them apart (the corpus uses it as often for a
timetable as for a prophecy), so this detector marks a forecast that has none of a timetable's marks:
a verb of the calendar ("will open", "will be held"), an appointment ("on Thursday", "at 9 a.m."),
or a hedge of its own ("will likely fall"). What a source forecasts is the source's (attribution).
"""

from __future__ import annotations

import re

from .attribution import voice
from .passives import passive_verbs
from .registry import Sentence, register
from .sources import SPECULATION, reporting

_SCHEDULED = frozenset(
    "open opens opened reopen reopened close closed begin begun start started resume resumed launch launched "
    "hold held host hosted meet visit travel fly attend arrive depart return speak address testify appear "
    "publish published release released announce announced unveil unveiled present presented introduce "
    "introduced debate debated vote sign signed hear heard sit air aired broadcast shown show screen screened "
    "play played receive retire expire expired lapse sentenced tried judged elected sworn inaugurated "
    "renamed tabled".split()
)
"""Verbs of the calendar: what an institution has fixed or announced ("will open on Monday", "will be
held in Doha", "will be sworn in"), not what the writer expects to befall."""
_SCHEDULED_PHRASES = frozenset({
    ("take", "effect"), ("take", "place"), ("take", "office"), ("come", "into"), ("go", "ahead"),
    ("kick", "off"), ("go", "on"), ("run", "from"), ("run", "until"), ("run", "through"),
})
"""Two-word verbs of the calendar ("will take effect", "will come into force", "will go ahead")."""
_APPOINTMENT = re.compile(
    r"\b(?:mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|tomorrow|tonight|today"
    r"|this (?:morning|afternoon|evening|weekend)|at \d|\d(?::\d\d)? ?(?:am|pm|a\.m\.|p\.m\.)"
    r"|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d)\b",
    re.IGNORECASE,
)
"""A fixed appointment: a weekday, a date, an hour. A month or a year alone ("will peak in March",
"by 2030") is the horizon of a forecast, not an appointment."""
_BETWEEN = frozenset("not never also soon only still eventually then again finally no longer n't".split())
_HEDGED = frozenset("likely probably possibly perhaps maybe surely certainly almost".split())
_OWN = frozenset("i we you".split())
_BREAK = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]")
_FREQUENT = frozenset("often usually sometimes always typically normally generally frequently rarely".split())


@register("writer's forecasts", {"forecast in the writer's voice": SPECULATION})
def writers_forecasts(s: Sentence):
    """"will" (or "won't") and the verb it takes, in the writer's own voice, with no mark of a
    timetable, a hedge, a habit or a question: "The deal will collapse", "Prices will keep rising"."""
    words, n = s.words, len(s.words)
    if "will" not in words and "won't" not in words and "wo" not in words:
        return ()
    if _APPOINTMENT.search(s.text) or s.text.rstrip().endswith("?"):
        return ()
    passive = passive_verbs(s)
    reported = min((a for a, _b, _c in reporting(s) if a not in passive), default=n)
    for k, word in enumerate(words):
        if word not in ("will", "won't", "wo") or (k and words[k - 1] in _OWN):
            continue
        if k > reported or voice(s, k) != "writer" or s.inside_quote(s.toks.starts[k]):
            continue  # "the minister said the deal will collapse": someone's forecast, named or not
        j = k + 1
        while j < n and (words[j] in _BETWEEN or (words[j].endswith("ly") and words[j] not in _HEDGED)):
            j += 1
        if j < n and words[j] == "be":
            j += 1
            while j < n and words[j].endswith("ly") and words[j] not in _HEDGED:
                j += 1
        if j >= n or words[j] in _HEDGED or words[j] in _FREQUENT or words[j] in _SCHEDULED \
                or words[j : j + 2] in _SCHEDULED_PHRASES or not words[j].isalpha() or s.gap_has(_BREAK, k, j):
            continue
        s.add("forecast in the writer's voice", k, j + 1, "writer's forecast")
    return ()

