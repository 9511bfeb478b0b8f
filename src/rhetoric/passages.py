"""Which words carry a label: the model's own token contributions, merged into short phrases.

For a linear model, each n-gram's and each cue's share of the decision score is exact. A passage is a
run of tokens whose share is large relative to the sentence's strongest token; function words at
its edges are trimmed. No list of expected phrases is consulted here.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import lexicon

if TYPE_CHECKING:
    from .records import PassageRecord

RELATIVE_CUTOFF = 0.5
"""A token joins a passage when its share is at least this fraction of the strongest token's. Raised
from 0.35, 2026-12-06, on the corpus's evaluation split (`rhetoric evaluate corpora`): loaded-language
passages' token precision 0.811 -> 0.836 and speculation's 0.836 -> 0.859, overlap F1 0.691 -> 0.687,
loaded F1 0.775 -> 0.778; on dev.jsonl token precision 0.616 -> 0.628. A weak neighbour no longer lifts
a topic word over the learned floor ("the budget papers show")."""
MIN_SHARE = 0.3
"""...and at least this much of the decision score in absolute terms (logit units)."""
MAX_PASSAGES = 3
LEARNED = "learned wording"
"""The reason of a passage no cue explains: words whose weight the model learned from the corpus."""
FLAG_FLOOR = 0.75
"""A flag is raised only when one of its passages carries at least this much of the decision score
(logit units): a flag whose best passage is a stray word ("Sources", +0.30) is one an editor cannot act
on. Chosen on the corpus's evaluation split (loaded-language F1 0.773 -> 0.776, speculation unchanged;
1.0 cost 0.006 and 0.011), 2026-12-06."""
LEARNED_FLOOR = 1.0
"""...and a passage that is only "learned wording" (no cue from the guidelines' lexicons or detectors
behind it) must carry this much: a topic word the corpus happened to pair with a label ("budget", in
"the budget papers show") is weaker evidence than a cue. On the corpus's evaluation split, 1.0 against
0.75: loaded language F1 0.774 -> 0.775, speculation 0.699 -> 0.694; on dev.jsonl +0.002 for both.
A word whose only reason is its distilled loadedness score (`DISTILLED`) is learned evidence too, and
meets the same floor (session 7: on dev.jsonl loaded passages' token precision 0.602 -> 0.610, loaded
F1 0.596 -> 0.595, article balanced accuracy 0.773 -> 0.793; corpus evaluation split 0.775 -> 0.773)."""
DISTILLED = "charged word"
"""The reason of a passage from the distilled word scores (`cues.loaded.distilled`)."""
LEARNED_REASONS = frozenset({LEARNED, DISTILLED})

_EDGE_WORDS = frozenset(
    "the a an of to and or in on at for by with from as that this these those is are was were be been "
    "it its their his her our have has had being not which who he she they we i you there but if after before "
    "since during over under about into than then so because while when where up out off".split()
)


@dataclass(frozen=True)
class Passage:
    label: str
    start: int
    end: int
    text: str
    weight: float
    reason: str

    def record(self) -> PassageRecord:
        """The passage as the report writes it (`records.PassageRecord`, the JSON contract)."""
        return {"label": self.label, "start": self.start, "end": self.end, "text": self.text,
                "weight": self.weight, "reason": self.reason}


def carries(passage: Passage) -> bool:
    """Whether a passage carries enough of its label's score to raise a flag on its own."""
    return passage.weight >= (LEARNED_FLOOR if passage.reason in LEARNED_REASONS else FLAG_FLOOR)


def token_shares(
    text: str, contributions, token_weight: list[float] | None = None, toks: lexicon.Tokens | None = None
) -> tuple[lexicon.Tokens, list[float], dict[int, dict[str, float]]]:
    """Each token's share of the decision score, and the cue reasons behind the tokens that have any.

    `token_weight`, when given, holds shares already known per token (the scorer's word n-grams),
    so only the remaining `contributions` need placing on tokens; `toks`, the sentence's tokens if
    they are known already.
    """
    toks = lexicon.tokens(text) if toks is None else toks
    shares = list(token_weight) if token_weight is not None else [0.0] * len(toks.words)
    reasons: dict[int, dict[str, float]] = {}
    ends, starts = toks.ends, toks.starts
    for start, end, weight, reason in contributions:
        first, stop = bisect_right(ends, start), bisect_left(starts, end)
        if first >= stop:
            continue
        part = weight / (stop - first)
        for k in range(first, stop):
            shares[k] += part
        if reason and part > 0:
            for k in range(first, stop):
                why = reasons.setdefault(k, {})
                why[reason] = why.get(reason, 0.0) + part
    return toks, shares, reasons


def _whole_cues(toks: lexicon.Tokens, contributions, cutoff: float) -> list[tuple[int, int]]:
    """Token ranges of the cues that carry at least `cutoff` on their own: a frame such as "is believed
    to" is one passage even when one of its words, alone, leans the other way. `find_passages` asks
    for no more than a flag needs (FLAG_FLOOR): a cue that carries a flag by itself ("Fat-cat bosses",
    +2.7) is a passage beside a stronger one ("pocketed jaw-dropping", +10.1)."""
    ends, starts = toks.ends, toks.starts
    by_span: dict[tuple[int, int], float] = {}
    for start, end, weight, reason in contributions:
        if reason:  # one cue feeds several features ("intensifier" and "loaded words"): sum its parts
            by_span[start, end] = by_span.get((start, end), 0.0) + weight
    out = []
    for (start, end), weight in by_span.items():
        if weight >= cutoff:
            first, stop = bisect_right(ends, start), bisect_left(starts, end)
            if first < stop:
                out.append((first, stop))
    return out


def _loose_edge(toks, reasons: dict[int, dict[str, float]], k: int) -> bool:
    """A function word at a passage's edge is trimmed unless it belongs to a cue ("on edge", "is thought to")."""
    return toks.words[k] in _EDGE_WORDS and k not in reasons


def find_passages(
    label: str, text: str, contributions, offset: int = 0, token_weight: list[float] | None = None,
    flagged: bool = False, toks: lexicon.Tokens | None = None,
) -> list[Passage]:
    """The passages of one sentence that carry `label`, with offsets shifted by `offset`.

    `contributions` are spans of `text` with weights (`LinearScorer.contributions`); or the cues
    alone, with the words' shares per token in `token_weight` (`LinearScorer.shares`, which skips
    placing every word on its token again). For a `flagged` label the absolute floor is waived, so
    a flag whose evidence is spread thin still shows the words that carry most of it; an empty
    result then means no word pushes the label up at all.
    """
    toks, shares, reasons = token_shares(text, contributions, token_weight, toks)
    if not shares:
        return []
    strongest = max(shares)
    floor = 1e-9 if flagged else MIN_SHARE
    if strongest < floor:
        return []
    cutoff = max(floor, RELATIVE_CUTOFF * strongest)
    chosen = {k for k, share in enumerate(shares) if share >= cutoff}
    for first, stop in _whole_cues(toks, contributions, min(cutoff, FLAG_FLOOR)):
        chosen.update(range(first, stop))
    runs: list[list[int]] = []
    for k in sorted(chosen):
        if runs and k - runs[-1][-1] == 1 and (k in reasons) == (runs[-1][-1] in reasons):
            runs[-1].append(k)  # a cue and a learned word beside it ("board" + "is said to") are two passages
        else:
            runs.append([k])
    found = []
    for run in runs:
        if all(toks.words[k] in _EDGE_WORDS for k in run):
            continue
        while len(run) > 1 and _loose_edge(toks, reasons, run[0]):
            run = run[1:]
        while len(run) > 1 and _loose_edge(toks, reasons, run[-1]):
            run = run[:-1]
        start, end = toks.starts[run[0]], toks.ends[run[-1]]
        why: dict[str, float] = {}
        for k in run:
            for reason, w in reasons.get(k, {}).items():
                why[reason] = why.get(reason, 0.0) + w
        reason = max(why, key=lambda r: why[r]) if why else LEARNED
        weight = sum(shares[k] for k in run)
        if round(weight, 4) <= 0:
            continue  # a cue's words that other evidence cancels carry nothing
        found.append(Passage(label, start + offset, end + offset, text[start:end], round(weight, 4), reason))
    found.sort(key=lambda p: -p.weight)
    return sorted(found[:MAX_PASSAGES], key=lambda p: p.start)
