"""Passive attribution: "is widely regarded as", "was thought to", "it was reported that".

A passive reporting or judging verb hands a claim to no one unless a "by" phrase names who holds it
(guidelines, decisions 1, 12 and 15): "is considered by the Royal Society to be" is sourced, "is
considered by many to be" is not. Its grammatical subject is what the claim is about, never its
source, so "Putin is said to be furious" names nobody who says so; the attribution detectors read
`passive_verbs` to keep from taking that subject for a source. The detector that turns frames into
cues lives with attribution (`attribution.passive_attribution`): a frame inside a named source's
claim ("is expected to reopen, the operator said") is that source's.
"""

from __future__ import annotations

from dataclasses import dataclass

from .registry import CLAUSE_BREAK, Sentence
from .sources import INSTITUTIONS, capitalised, reporting

BE = frozenset("is are was were be been being 's am".split())
ADVERBS = frozenset(
    "widely generally commonly often long largely still also now once sometimes usually privately "
    "increasingly universally frequently popularly traditionally originally initially later already "
    "not never even first variously repeatedly previously locally internally".split()
)
JUDGING = frozenset("considered regarded seen viewed deemed reckoned held judged perceived described".split())
REPORTING = frozenset(
    "said reported claimed alleged rumoured rumored believed thought understood suspected feared "
    "expected assumed presumed known tipped supposed purported suggested proposed argued speculated "
    "hypothesized hypothesised theorized theorised posited predicted".split()
)
_NEEDS_AS_OR_TO = frozenset({"seen", "viewed", "held", "perceived", "described"})
"""Verbs with a literal sense ("was seen leaving", "talks were held", "was described in the filing")
that judge only before "as" or "to"."""
_NOT_A_COMPLEMENT = frozenset("at in on for during after before since until from into with without".split())
_VAGUE_AGENTS = frozenset(
    "many some most others several critics fans observers analysts experts scholars historians "
    "commentators insiders supporters opponents people residents locals colleagues readers viewers "
    "scientists researchers economists officials diplomats sources".split()
)
_MASS_AGENTS = frozenset("public media press world establishment community crowd majority".split())
"""Singular words for an unnamed many ("by the public", "by the press")."""
_DEFINITE = frozenset("the its his her their".split())
_AGENT_ENDS = frozenset("as to that for in of at on with".split())
_RECIPIENTS = frozenset("the a an his her their its our my your this that these those him them me us".split())
"""After "reported to" or "proposed to" they name whom it went to, not a claimed state."""
_AGENT_LOOKAHEAD = 8
_KNOWN_PLANS = frozenset(
    "planning preparing considering weighing seeking eyeing exploring discussing mulling pursuing negotiating "
    "plotting drafting lining lobbying favour favor favours favors want wants prefer prefers intend intends "
    "oppose opposes".split()
)
""""known to" is factive ("Benali is known to sleep four hours a night", "orchids are known to grow
here": a habit or a fact, no frame) except before a plan or a mind, where it is a reporter's code for
an unnamed source ("The party is known to be planning a review", like "is understood to be")."""


@dataclass(frozen=True)
class Passive:
    first: int  # the form of "be" (or "it")
    verb: int  # the participle
    stop: int  # one past the frame ("as", "to" or "that" included)
    judging: bool
    agent: str  # "named", "vague" or "" (no "by" phrase)
    past_act: bool = False  # "is said to have fled": a checkable past act (decision 15), not a mind


def _agent(s: Sentence, verb: int) -> str:
    """Who a "by" phrase after the participle names, within the clause."""
    words, n = s.words, len(s.words)
    for k in range(verb + 1, min(n, verb + _AGENT_LOOKAHEAD)):
        if s.gap_has(CLAUSE_BREAK, k - 1, k):
            return ""
        if words[k] != "by" or k + 1 >= n:
            continue
        phrase = range(k + 1, min(n, k + 5))
        if any(words[j] in _VAGUE_AGENTS for j in phrase):
            return "vague"
        if any(capitalised(s, j) or words[j] in INSTITUTIONS for j in phrase) or _one_holder(s, phrase):
            return "named"
        return "vague"
    return ""


def _one_holder(s: Sentence, phrase: range) -> bool:
    """A definite singular "by" phrase names one holder a reader could find ("by the county archivist",
    "by the league's safety panel": guideline 18's named holders); a plural or a mass does not ("by the
    critics", "by the public")."""
    words = s.words
    if words[phrase.start] not in _DEFINITE:
        return False
    head = ""
    for j in phrase:
        if words[j] in _AGENT_ENDS or (j > phrase.start and s.gap_has(CLAUSE_BREAK, j - 1, j)):
            break
        head = words[j]
    return head not in _DEFINITE and head not in _MASS_AGENTS and head.isalpha() \
        and not (head.endswith("s") and not head.endswith("ss"))


def _after_agent(s: Sentence, by: int) -> int:
    """The token after a "by" phrase that "as", "to" or "that" continues, or `by` itself when none
    does within the clause ("was seen by some as a snub" gives the index of "as")."""
    words, n = s.words, len(s.words)
    for k in range(by + 2, min(n, by + 6)):
        if s.gap_has(CLAUSE_BREAK, k - 1, k):
            break
        if words[k] in ("as", "to", "that"):
            return k
    return by


def _before_adverbs(words: tuple[str, ...], i: int) -> int:
    """The token before participle `i` once up to three adverbs are skipped ("was widely reported"), -1 if none."""
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j] in ADVERBS:
        j -= 1
    return j


def find_passives(s: Sentence) -> list[Passive]:
    """Every passive reporting or judging frame; cached in `s.notes` (several detectors ask), with
    the participles of every passive reporting verb, frame or not, under "passive verbs"."""
    cached = s.notes.get("passives")
    if cached is not None:
        return cached  # type: ignore[return-value]
    words, n = s.words, len(s.words)
    found = []
    verbs = set()
    for i, word in enumerate(words):
        judging = word in JUDGING
        if not judging and word not in REPORTING:
            continue
        j = _before_adverbs(words, i)
        if j < 0 or words[j] not in BE or (j + 1 < i and s.gap_has(CLAUSE_BREAK, j, i)):
            continue
        if words[j] == "been" and j > 0 and words[j - 1] in ("has", "have", "had"):
            j -= 1  # "it has been suggested that"
        verbs.add(i)
        after = words[i + 1] if i + 1 < n and not s.gap_has(CLAUSE_BREAK, i, i + 1) else ""
        complement = i + 1
        if after == "by":  # "was seen by some as", "is said by locals to": the complement follows the agent
            complement = _after_agent(s, i + 1)
            after = words[complement] if complement < n else ""
        impersonal = j > 0 and words[j - 1] == "it"
        if word in _NEEDS_AS_OR_TO and after not in ("as", "to"):
            continue
        if after == "as" and _as_comparison(words, complement + 1):
            continue  # "could be seen as far away as Kansas": a comparison, not a judgment
        if word == "held" and after == "as" and _held_literally(words, complement + 1):
            continue  # "was held as a hostage": captivity, not a judgment
        if word == "known" and (after != "to" or not _known_plan(words, complement + 1)):
            continue
        if not judging and after not in ("to", "that") and not impersonal:
            continue  # "no injuries were reported", "was expected" with nothing to expect
        if after == "to" and complement + 1 < n and words[complement + 1] in _RECIPIENTS:
            continue  # "was reported to the police", "was proposed to the board": a recipient, not a claim
        if judging and (not after or after in _NOT_A_COMPLEMENT):
            continue  # "were considered at Tuesday's meeting"
        stop = complement + 1 if after in ("as", "to", "that") else i + 1
        first = j - 1 if impersonal else j
        past_act = after == "to" and word not in _AHEAD and _past_act(words, complement + 1)
        found.append(Passive(first, i, stop, judging, _agent(s, i), past_act))
    for a, _b, _cls in reporting(s):  # "it must be added that", "as was noted": passive, no frame
        j = _before_adverbs(words, a)
        if j >= 0 and words[j] in BE:
            verbs.add(a)
    s.notes["passives"] = found
    s.notes["passive verbs"] = frozenset(verbs)
    return found


_AS_MEASURES = frozenset("far much many long early late soon recently well high low little few often".split())


def _as_comparison(words: tuple[str, ...], k: int) -> bool:
    """Whether "as" before token k opens "as far (away) as", "as early as": a measure, not a judgment."""
    return k < len(words) and words[k] in _AS_MEASURES and "as" in words[k + 1 : k + 4]


_CAPTIVES = frozenset("slave slaves hostage hostages prisoner prisoners captive captives collateral security".split())


def _held_literally(words: tuple[str, ...], k: int) -> bool:
    """Whether "held as" is followed (from token k) by what a person or a thing is literally held as."""
    if k < len(words) and words[k] in ("a", "an"):
        k += 1
    return k < len(words) and words[k] in _CAPTIVES


def _known_plan(words: tuple[str, ...], k: int) -> bool:
    """Whether the verb after "known to" (token k on) is a plan or a mind: "to be planning", "to favour"."""
    if k < len(words) and words[k] == "be":
        k += 1
    return k < len(words) and words[k] in _KNOWN_PLANS


_IRREGULAR_PARTICIPLES = frozenset(
    "been had done made taken seen come gone begun become known got gotten left lost felt found held kept led "
    "met paid put run said sent set brought bought caught fought taught thought built spent meant won told heard "
    "grown shown drawn written given driven risen fallen eaten chosen spoken broken stolen hidden arisen struck "
    "stood sold read understood".split()
)


_PREFIXES = ("re", "un", "over", "under", "mis", "out", "with")
"""Prefixes an irregular participle keeps its form under ("rebuilt", "withheld", "overrun")."""


def participle(word: str) -> bool:
    """Whether `word` reads as a past participle after "have" ("have provided", "have been", "have rebuilt")."""
    if word in _IRREGULAR_PARTICIPLES or (word.endswith("ed") and len(word) > 3):
        return True
    return any(word.startswith(p) and word[len(p):] in _IRREGULAR_PARTICIPLES for p in _PREFIXES)


_AHEAD = frozenset("expected tipped predicted forecast projected supposed".split())
"""Frames whose claim is the future or a duty even before "have" ("is expected to have finished")."""
_MINDS = frozenset(
    "known wanted planned feared hoped intended expected believed thought suspected considered decided wished "
    "resented regretted hated loved liked preferred favoured favored doubted despised envied relished dreaded "
    "contemplated weighed mulled".split()
)
"""Participles that report a mind or a plan, not an act: "is said to have wanted"."""
_MIND_OBJECTS = frozenset("patience faith interest confidence trust heart nerve temper".split())
"""What "lost" takes when it is a mind that changed ("lost patience"), not a thing ("lost a fortune")."""


def _past_act(words: tuple[str, ...], k: int) -> bool:
    """Whether the words from token k, after a frame's "to", state a checkable past act (guidelines,
    decision 15: "have fled", "have been laid") rather than a mind or a state ("have known", "have been
    furious", "have lost patience"). A present habit ("is said to swim at dawn") is not told from a
    present mind or secret ("is rumoured to own"): on dev.jsonl marking it lowered speculation F1 0.612
    -> 0.594, so it stays a plain agentless report."""
    if k + 1 >= len(words) or words[k] != "have":
        return False
    verb = words[k + 1]
    if verb == "been":
        state = words[k + 2] if k + 2 < len(words) else ""
        return participle(state) and state not in _MINDS and state != "been"
    if verb == "lost" and k + 2 < len(words) and words[k + 2] in _MIND_OBJECTS:
        return False
    return participle(verb) and verb not in _MINDS


def passive_verbs(s: Sentence) -> frozenset[int]:
    """Tokens that are passive reporting verbs ("no injuries were reported"): their subject is no source."""
    find_passives(s)
    return s.notes["passive verbs"]  # type: ignore[return-value]
