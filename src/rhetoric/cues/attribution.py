"""Attribution: who a sentence hands its claim to, and which words are theirs rather than the writer's.

A reporting verb ("said", "told reporters", "according to") with its source, found on either side:
"The council said ...", "..., the council said.", "..., said Dr Ana Ruiz.", "The plan, the mayor's
office said, ...". The source is named (a capitalised name, an institution, or a pronoun that refers
back to one) or vague ("officials", "a senior source"). The claim the source carries is every word of
the sentence outside the attribution itself: a hedge there is the source's (guidelines, hedging),
while a hedge between the source and its verb ("Okafor appeared to concede") stays the writer's.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from .. import lexicon
from .passives import find_passives, passive_verbs
from .registry import CLAUSE_BREAK, Cue, Sentence, register
from .sources import INSTITUTIONS, PLURAL_WORDS, affiliated_body, capitalised, reporting, study_team

SOURCING = ("hedging", "unattributed_speculation")
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i"})
_LOOK_LEFT = 7
_LOOK_RIGHT = 6
_TITLES = frozenset("dr prof professor mr mrs ms minister president chief director mayor judge".split())


@dataclass(frozen=True)
class Attribution:
    named: bool
    first: int  # first token of the attribution (source or verb)
    stop: int  # one past its last token
    claim_start: int = 0  # the clause the attribution carries: from here ...
    claim_stop: int = 1 << 30  # ... to here (a contrast such as ", but" ends it)

    def covers(self, k: int) -> bool:
        """Whether token k is part of the claim this attribution carries."""
        return self.claim_start <= k < self.claim_stop and not self.first <= k < self.stop


_CONTRASTS = frozenset("but although though whereas yet".split())
_CLAUSE_END = re.compile(r"[,;:\u2014\u2013]|--")


def contrast_breaks(s: Sentence) -> list[int]:
    """Tokens that open a contrasting clause (", but he denied it", "; although"): an attribution on
    one side of such a break carries no claim on the other. ", but that" is no such break: it opens
    a second clause of what the same source said."""
    words = s.words
    return [k for k in range(1, len(words)) if words[k] in _CONTRASTS and s.gap_has(_CLAUSE_END, k - 1, k)
            and words[k + 1 : k + 2] != ("that",)]  # "X said ..., but that ...": the same source goes on


def _scoped(att: Attribution, breaks: list[int]) -> Attribution:
    start = max((k for k in breaks if k <= att.first), default=att.claim_start)
    stop = min((k for k in breaks if k >= att.stop), default=1 << 30)
    return Attribution(att.named, att.first, att.stop, start, stop)


def _source(s: Sentence, span: range, vague: set[int]) -> tuple[bool, int, int] | None:
    """(named, first, stop) of the source among tokens `span` (in reading order), if any."""
    words = s.words
    ks = list(span)
    if not ks:
        return None
    if any(k in vague for k in ks):
        hit = [k for k in ks if k in vague]
        body = affiliated_body(s, max(hit) + 1, ks[-1] + 1)
        if body:
            return True, min(hit), body
        return False, min(hit), max(hit) + 1
    for k in ks:
        if words[k] in PRONOUNS or study_team(s, k):
            return True, k, k + 1
    caps = [k for k in ks if capitalised(s, k) and (k > 0 or words[k] in _TITLES or _name_goes_on(s, ks, k)
                                                   or _surname_before_verb(s, ks, k))
            and not _in_a_place(s, k)]
    if caps:
        return True, min(caps), max(caps) + 1
    inst = [k for k in ks if words[k] in INSTITUTIONS]
    if inst:
        return True, min(inst), max(inst) + 1
    return None


_PLACES = frozenset("in across around near outside inside throughout".split())


def _in_a_place(s: Sentence, k: int) -> bool:
    """Whether the name at token `k` says where ("observers in Virginia"), not who."""
    j = k - 1
    while j >= 0 and capitalised(s, j) and not s.gap_has(CLAUSE_BREAK, j, j + 1):
        j -= 1
    return j >= 0 and not s.gap_has(CLAUSE_BREAK, j, j + 1) and s.words[j] in _PLACES


def _name_goes_on(s: Sentence, ks: list[int], k: int) -> bool:
    """A sentence's first word is a name only when a capitalised word follows it ("Ana Ruiz said");
    every sentence starts with a capital ("Meteorite hunters say", "Civil society groups said")."""
    return k + 1 in ks and capitalised(s, k + 1)


_BETWEEN_NAME_AND_VERB = frozenset("also later then earlier again previously repeatedly recently has had have".split())
_NAME_ENDINGS = ("is", "os", "us", "ws", "ss")
"""Endings of a capitalised word in "s" that make a surname, not a plural group: "Solaris", "Vos",
"Matthews", "Ross" (groups end "-ers", "-ists", "-als", "-ents" ...: "Witnesses", "Investigators")."""


def _no_plural(word: str) -> bool:
    """Whether a capitalised word can be a name rather than a plural group (see `_NAME_ENDINGS`; and
    surnames that end as plurals do, `lexicons/surnames.txt`: "Jones", "Sanders")."""
    return not word.endswith("s") or word.endswith(_NAME_ENDINGS) or word in lexicon.single_words("surnames")


def _adverb(word: str) -> bool:
    """A manner or time adverb between a source and its verb ("Okafor publicly said", "Whale subsequently
    stated")."""
    return word.endswith("ly") and len(word) > 4


def _surname_before_verb(s: Sentence, ks: list[int], k: int) -> bool:
    """"Freeh said ...", "Orban also said ...", "Okafor publicly said ...": a sentence's one capitalised
    word just before its reporting verb (adverbs aside) is a name when it is no plural ("Witnesses said",
    "Investigators say" are groups, not names)."""
    words = s.words
    verb = k + 1
    while verb < len(words) and (words[verb] in _BETWEEN_NAME_AND_VERB or _adverb(words[verb])):
        verb += 1
    if ks[0] != k or ks[-1] != verb - 1 or verb >= len(words) or verb not in _reporting_starts(s):
        return False
    return _no_plural(words[k])


def _reporting_starts(s: Sentence) -> set[int]:
    return {a for a, _b, _cls in reporting(s)}


_POINTING_BACK = frozenset("the these those their its his her our".split())
_RELATIVE = frozenset("who which that".split())


def _group_before(s: Sentence, verb: int) -> bool:
    """Whether the word just before a verb is a plural noun with no word pointing back to a group the
    article named ("the companies say") and no relative clause it ends ("a mother who bought three packs
    said"): an unnamed group as its subject ("Pals say", "Neighbours said")."""
    word = s.words[verb - 1]
    if not word.isalpha() or word in PLURAL_WORDS or _no_plural(word):
        return False
    before = s.words[_subject_start(s, verb) : verb - 1]
    return _POINTING_BACK.isdisjoint(before) and _RELATIVE.isdisjoint(before)


def _subject_start(s: Sentence, verb: int) -> int:
    """Where the few words before `verb` in its clause, its subject's place, start."""
    start = verb
    while start > 0 and verb - start < _LOOK_LEFT and not s.gap_has(CLAUSE_BREAK, start - 1, start):
        start -= 1
    return start


def find_attributions(s: Sentence) -> list[Attribution]:
    vague: set[int] = s.notes.get("vague tokens", set())  # type: ignore[assignment]
    n = len(s.words)
    found = []
    passive = passive_verbs(s)
    for a, b, _cls in reporting(s):
        if a in passive:
            continue  # "Putin is said to ...": the subject is what is said, not who says it
        if s.words[a] == "according":
            right = range(b, min(n, b + _LOOK_RIGHT))
            stop = next((k for k in right if k > b and s.gap_has(CLAUSE_BREAK, k - 1, k)), right.stop)
            src = _source(s, range(b, stop), vague)
            if src:
                found.append(Attribution(src[0], a, max(b, src[2])))
            continue
        src = _source(s, range(_subject_start(s, a), a), vague)
        if src:
            found.append(Attribution(src[0], src[1], b, _after_subordinate(s, src[1], b)))
            continue
        src = _apposition(s, a, vague)  # "Analysts, writing in a note, said the bank ...": not "the bank"
        if src:
            found.append(Attribution(src[0], src[1], b))
            continue
        right_stop = b  # a name after "that" is in the claim: "a complaint alleges that Srisuk's party ..."
        while right_stop < n and right_stop - b < _LOOK_RIGHT and s.words[right_stop] != "that" \
                and not s.gap_has(CLAUSE_BREAK, right_stop - 1, right_stop):
            right_stop += 1
        src = _source(s, range(b, right_stop), vague)
        opens = a == 0 or s.gap_has(CLAUSE_BREAK, a - 1, a)
        if src and not opens and _group_before(s, a) and s.words[src[1]] in PRONOUNS:
            continue  # "Pals say she is mortified", "Residents say they may leave": an unnamed group speaks
        if src and (opens or not capitalised(s, src[1])):
            # a name after a verb inside its clause starts what is said ("the letter says House staff
            # knew") or is its listener ("told Congress"); a pronoun there points back to the speaker
            # ("the group said it would"), and "said in a statement" names a body's voice
            found.append(Attribution(src[0], a, src[2]))
    found.extend(_holders(s, vague, passive))
    return found


_HOLDING = frozenset(
    "believe believes believed think thinks thought expect expects expected suspect suspects suspected "
    "fear fears feared doubt doubts doubted reckon reckons reckoned anticipate anticipates anticipated".split()
)
"""Verbs by which a named person or body holds a view ("Ferreira believes most cases could be eased",
"the bank expects rates to fall"): the view is theirs, as what they say is (guidelines, decision 22).
What someone wants, plans or knows is not among them: the writer asserting it reads a mind."""
_BEFORE_HOLDING = _BETWEEN_NAME_AND_VERB | frozenset("long still now always firmly strongly".split())
_WORKS_AT = frozenset("at from with".split())
_COUNTS = frozenset("two three four five six seven eight nine ten dozens hundreds thousands".split())
_NO_HOLDER = frozenset("i we you they everyone everybody nobody someone somebody anyone anybody one".split())
"""The writer's own "I think" and "we believe", nobody in particular, and "they", as often a vague group
("Residents say they fear ...") as a named one: no one named holds the view."""


def _holders(s: Sentence, vague: set[int], passive: frozenset[int]) -> list[Attribution]:
    """A named holder just before a verb of holding a view, adverbs perhaps between ("Okafor also
    believes", "the ministry has long expected"); the verb is the holder's as well as the claim, so the
    attribution is the holder alone."""
    words = s.words
    found: list[Attribution] = []
    if _HOLDING.isdisjoint(words):
        return found
    for verb, word in enumerate(words):
        if word not in _HOLDING or verb in passive or verb == 0 or s.text[s.toks.starts[verb]].isupper() \
                or s.inside_quote(s.toks.starts[verb]):
            continue  # "FEARS AS WARSHIPS CIRCLE": a headline's capitals name no one; a quote is its speaker's
        if word.endswith(("ed", "ght")) and words[verb + 1 : verb + 2] == ("to",):
            continue  # "Surgeon thought to have fled": a headline's passive, no holder
        end = verb
        while end > 0 and words[end - 1] in _BEFORE_HOLDING:
            end -= 1
        holder = end - 1
        if holder >= 0 and s.gap_has(_COMMA, holder, end):
            apposed = _apposition(s, end, vague)  # "Okafor, who chairs the committee, believes"
            if apposed and apposed[0]:
                found.append(Attribution(True, apposed[1], verb, apposed[1]))
            continue
        if holder < 0 or words[holder] in _NO_HOLDER or words[holder].endswith("'s") \
                or s.gap_has(CLAUSE_BREAK, holder, verb) or holder in vague:
            continue
        start = holder
        while start > 0 and end - start < _LOOK_LEFT and not s.gap_has(CLAUSE_BREAK, start - 1, start):
            start -= 1
        plain = not word.endswith(("s", "ed", "ght"))
        src = _source(s, range(start, end), vague)
        if not src or not src[0] or src[2] != end:
            src = None
        elif src[1] in vague and words[src[1] + 1] not in _WORKS_AT:
            continue  # "Allies of Asante-Darko fear": people around a name, not people speaking for a body
        elif src[1] not in vague and capitalised(s, holder):
            first = holder  # the name just before the verb, not every capital in its clause
            while first > src[1] and capitalised(s, first - 1) and not s.gap_has(CLAUSE_BREAK, first - 1, first):
                first -= 1
            if plain and not (first > 0 and words[first - 1] in _WORKS_AT):
                continue  # a plain verb after a singular name is no verb ("a Nairobi think tank"), unless
                # the name is where a group works ("Analysts at Brightwater Capital expect")
            if not word.endswith("s") and not _no_plural(words[holder]):
                continue  # "The Credit Mississaugas believed": a people, not a name
            src = (True, first, end)
        if src:
            aside = verb + 1 >= len(words) or s.gap_has(CLAUSE_BREAK, verb, verb + 1)
            # the view held is what follows the verb ("..., and he reckons he has found 600"), unless
            # the holder is an aside ("Local businessmen, she suspects, would like ...") or comes last
            found.append(Attribution(True, src[1], end, 0 if aside else src[1]))
        elif holder == 0 and capitalised(s, 0) and word.endswith("s") and words[0] not in PLURAL_WORDS \
                and words[0] not in _COUNTS:  # "Six suspects in the case": a count and a noun
            found.append(Attribution(True, 0, end))  # "Zandi believes": a singular verb after one word
    return found


_SUBORDINATORS = frozenset("while although though whereas as if because since unless despite".split())
_CLAIMS = frozenset("claim claims claimed".split())
_TRAILING = (_SUBORDINATORS - {"as", "if", "despite"}) | frozenset("before after when until once".split())
"""Just before a source later in the sentence they open a clause of its own ("... before Jones conceded
defeat", "... because the council said the bridge may close"): the source speaks from there on, and
what came before is the writer's. "as" is not among them: "Prices may rise, as the bank warned."
hands the bank the main clause."""


def _after_subordinate(s: Sentence, source: int, verb_end: int) -> int:
    """Where the claim of a source before its verb starts when the source's clause and the writer's
    are different clauses; otherwise 0 (the whole sentence, as "..., the council said." needs).

    After a fronted subordinate clause ("While some linguists might call them rare, Sedgwick argues
    that ...", "As popular as the thesis may be, Duhem stated ..."), the source opens the main clause
    and reports what follows its verb: the hedge before it is the writer's. The mirror: a source in a
    trailing subordinate clause with its own "that" clause ("Talks seem remote, as the president has
    said that ...") reports that clause, and the main clause before it is the writer's; one with none
    ("Prices may rise, as the bank warned.") still carries the main clause. A source just after
    "before", "because", "when" ... (`_TRAILING`) speaks from that word on, and so does one whose verb
    is "claims to" ("the men it claims to target")."""
    words = s.words
    if words[verb_end - 1] in _CLAIMS and words[verb_end : verb_end + 1] == ("to",) and source > 0:
        return source  # "the young men it claims to target": the source claims only what follows
    clause = source
    while clause > 0 and not s.gap_has(CLAUSE_BREAK, clause - 1, clause):
        clause -= 1
    opener = next((k for k in range(source - 1, max(clause, source - 4) - 1, -1) if words[k] in _TRAILING), None)
    if opener:
        return opener
    if clause == 0:
        return 0
    if verb_end >= len(words) or s.gap_has(CLAUSE_BREAK, verb_end - 1, verb_end):
        return 0  # "If it rains, the council said, the bridge may close": the source's parenthesis
    if words[0] in _SUBORDINATORS:
        return clause
    if words[clause] in _SUBORDINATORS and "that" in words[verb_end : verb_end + 2]:
        return clause
    return 0


_APPOSITION_MAX = 8
_RELATIVES = frozenset("who which".split())
_APPOSITION_AUXILIARIES = frozenset("has have had also was were is are".split())
"""Words that may stand between a comma-set source and its verb ("The council, the city's planning
body, has warned")."""
_ASIDES = frozenset("however meanwhile though too also then now instead moreover still".split())
"""Words that open a comma-set aside that is no role ("Officials, however, said")."""
_COMMA = re.compile(",")
_QUOTES = re.compile("[\"\u201c\u201d]")


def _segment_before(s: Sentence, stop: int) -> int | None:
    """The first token of the comma-delimited segment that ends just before token `stop` (a comma,
    and no quotation mark, between them), if the segment is short enough to be a name or a role."""
    if stop == 0 or not s.gap_has(_COMMA, stop - 1, stop) or s.gap_has(_QUOTES, stop - 1, stop):
        return None
    start = stop - 1
    while start > 0 and stop - start < _APPOSITION_MAX and not s.gap_has(CLAUSE_BREAK, start - 1, start):
        start -= 1
    if start > 0 and not s.gap_has(CLAUSE_BREAK, start - 1, start):
        return None
    return start


def _apposition(s: Sentence, verb: int, vague: set[int]) -> tuple[bool, int, int] | None:
    """A source set off by commas just before its verb: a name after its role ("One official, Peter
    Hart, said"; "The firm's lawyer, Ana Ruiz, told reporters"), a role after its name ("Ana Ruiz,
    a lawyer for the firm, said") or a relative clause after it ("Ana Ruiz, who led the study, said").
    The name carries the claim: the speaker is named; "Officials, who spoke on condition of anonymity,
    said" is a vague source set off the same way. The role needs no article ("Ana Ruiz, president of
    the association, said"), and an auxiliary may stand before the verb ("The council, the city's
    planning body, has warned")."""
    while verb > 0 and s.words[verb - 1] in _APPOSITION_AUXILIARIES and not s.gap_has(_COMMA, verb - 1, verb):
        verb -= 1
    start = _segment_before(s, verb)
    if start is None:
        return None
    if s.words[start] in _RELATIVES or _participle_phrase(s, start) or _aside_about(s, start, verb):
        # "Henrike Ostwald, who led the study, said", "The team, led by Sofia Arenal, concluded",
        # "Okafor, 54, said", "Okafor, speaking on Monday, said": the name before it
        relative, start = start, _segment_before(s, start)
        if start is None:
            return None
        ks = list(range(start, relative))
        if vague.intersection(ks) or any(a in ks for a, _b, _cls in s.matches["vague_sources"]) \
                or _withholds_a_name(s.words[relative:verb]):
            return False, start, verb  # "Officials, who spoke on condition of anonymity, said"
        named = sorted({*_name_tokens(s, ks), *(k for k in ks if s.words[k] in INSTITUTIONS or study_team(s, k))})
        if not named and ks == [0] and capitalised(s, 0) and _no_plural(s.words[0]) \
                and s.words[0] not in PLURAL_WORDS:
            named = [0]  # one surname opens the sentence ("Okafor, who led the study, said")
        return (True, named[0], verb) if named else None
    segment = range(start, verb)
    if all(capitalised(s, k) for k in segment) and len(segment) <= 4:
        return True, start, verb
    if start == 0 or s.words[start] in _ASIDES or capitalised(s, start):
        return None
    before = _segment_before(s, start)
    if before is None:
        return None
    ks = list(range(before, start))
    name = _name_tokens(s, ks)
    if name and name[-1] == start - 1 and not vague.intersection(ks):
        return True, name[0], verb
    return None


_PARTICIPLE_PREPOSITIONS = frozenset("by in at from".split())


_ANONYMOUS = frozenset("anonymity anonymously unnamed".split())
_NOT_NAMED = frozenset("named identified authorised authorized".split())


def _withholds_a_name(aside: tuple[str, ...]) -> bool:
    """Whether an aside withholds the speaker's name ("speaking on condition of anonymity", "who asked
    not to be named", "who were not authorised to speak publicly", "speaking off the record"): whoever
    it follows is unnamed, as against "who was named chair in May"."""
    off_the_record = any(aside[k : k + 3] == ("off", "the", "record") for k in range(len(aside)))
    return bool(_ANONYMOUS.intersection(aside)) or off_the_record \
        or ("not" in aside and bool(_NOT_NAMED.intersection(aside)))


def _aside_about(s: Sentence, k: int, verb: int) -> bool:
    """Whether the comma-set segment from token `k` to the verb is an aside about the speaker before
    it: an age ("Okafor, 54, said") or what they were doing ("Okafor, speaking on Monday, said")."""
    word = s.words[k]
    return (verb - k == 1 and word.isdigit()) or (word.endswith("ing") and len(word) > 5 and word != "according")


def _participle_phrase(s: Sentence, k: int) -> bool:
    """Whether a comma-set segment starting at token `k` is a participle phrase describing the noun
    before it ("led by Sofia Arenal", "based in Leeds", "funded by the council")."""
    words = s.words
    return words[k].endswith("ed") and k + 1 < len(words) and words[k + 1] in _PARTICIPLE_PREPOSITIONS


def _name_tokens(s: Sentence, ks: list[int]) -> list[int]:
    """The capitalised tokens among `ks` that are a name: a sentence's first word only with another
    capital after it (`_name_goes_on`)."""
    return [k for k in ks if capitalised(s, k) and (k > 0 or _name_goes_on(s, ks, k))]


@register("attribution", {"attributed to a named source": SOURCING, "attributed to a vague source": SOURCING})
def attribution(s: Sentence):
    """Each reporting frame with its source; later detectors read `notes["attributions"]`."""
    breaks = contrast_breaks(s)
    found = [_scoped(att, breaks) for att in find_attributions(s)] if breaks else find_attributions(s)
    s.notes["attributions"] = found
    s.notes["contrast breaks"] = breaks
    for att in found:
        if att.named:
            s.add("attributed to a named source", att.first, att.stop, "named source")
        else:
            s.add("attributed to a vague source", att.first, att.stop, "vague source")
    return ()


def voice(s: Sentence, k: int) -> str:
    """Whose words token k is: "named" (a named source's claim or quote), "vague" (an unnamed
    source's), "quoted" (a quotation whose speaker the sentence does not name) or "writer"."""
    attributions: list[Attribution] = s.notes.get("attributions", [])  # type: ignore[assignment]
    quoted = s.inside_quote(s.toks.starts[k])
    covering = [att for att in attributions if att.covers(k)]
    if any(att.named for att in covering):
        return "named"
    if covering:
        return "vague"
    return "quoted" if quoted else "writer"


SPECULATION = ("unattributed_speculation",)


@register(
    "passive attribution",
    {"agentless judgment": SOURCING, "agentless report": SOURCING, "passive with a named agent": SOURCING,
     "report of a past act": SPECULATION},
)
def passive_attribution(s: Sentence):
    """A passive frame outside quotation marks, by whether anyone is named as holding the claim: in a
    "by" phrase, or as the source the whole sentence is attributed to."""
    for p in find_passives(s):
        if s.inside_quote(s.toks.starts[p.verb]):
            continue
        if p.agent == "named" or voice(s, p.verb) == "named":
            s.notes["named"] = True
            s.add("passive with a named agent", p.first, p.stop, "passive with a named agent")
        elif p.judging:
            s.add("agentless judgment", p.first, p.stop, "agentless judgment")
        else:
            s.add("agentless report", p.first, p.stop, "agentless report")
            if p.past_act:  # "is said to have fled": a checkable act, hedged but no mind read (decision 15)
                s.add("report of a past act", p.first, p.stop, "report of a past act")
    for a, b in _existential_claims(s):
        if not s.inside_quote(s.toks.starts[a]) and voice(s, a) != "named":
            s.add("agentless report", a, b, "agentless report")
    return ()


_THERE_BE = frozenset("is are was were".split())
_CLAIM_NOUNS = frozenset(
    "claims suggestions speculation rumours rumors allegations suspicions whispers reports fears".split()
)
_CLAIM_ADJECTIVES = frozenset("widespread growing persistent unconfirmed increasing renewed some".split())


def _existential_claims(s: Sentence) -> list[tuple[int, int]]:
    """Claims no one holds, "There are claims that ...", "there have been suggestions that ...": agentless
    like "it has been suggested that" (guidelines, decision 18). Token ranges, "that" included."""
    words, n = s.words, len(s.words)
    found = []
    for k, word in enumerate(words):
        if word != "there" or k + 2 >= n:
            continue
        j = k + 1
        if words[j] in ("has", "have", "had") and words[j + 1] == "been":
            j += 2
        elif words[j] in _THERE_BE:
            j += 1
        else:
            continue
        if j < n and words[j] in _CLAIM_ADJECTIVES:
            j += 1
        if j + 1 < n and words[j] in _CLAIM_NOUNS and words[j + 1] == "that":
            found.append((k, j + 2))
    return found


@register("unsourced speculation", {"unsourced speculation": SPECULATION, "vague source with report verb": SPECULATION})
def unsourced_speculation(s: Sentence):
    """Speculative frames and vague sources in a sentence that names no one."""
    found = s.found
    speculative = [c for c in found if c.feature in ("speculative frame", "vague source")]
    attributions: list[Attribution] = s.notes["attributions"]  # type: ignore[assignment]
    named_anywhere = bool(s.notes["named"]) or any(att.named for att in attributions)
    for c in speculative:
        if s.notes["contrast breaks"]:  # a name in one clause does not source another: the cue's own clause
            k = bisect_left(s.toks.ends, c.end)
            named = any(att.named and att.covers(k) for att in attributions)
        else:
            named = named_anywhere
        if not named:
            found.append(Cue("unsourced speculation", c.start, c.end, "no named source"))
    unnamed = [att for att in attributions if not att.named]
    if unnamed and any(c.feature == "vague source" for c in found):
        for c in list(found):
            if c.feature == "vague source" and _speaks(s, c, unnamed):
                found.append(Cue("vague source with report verb", c.start, c.end, "vague source"))
    return ()


def _speaks(s: Sentence, cue: Cue, unnamed: list[Attribution]) -> bool:
    """Whether a vague source is the speaker of a reporting verb ("Officials said", "..., sources say"),
    not a vague word beside a verb of another clause ("Many scholars suggest ..., although Egypt has
    been claimed")."""
    first, stop = bisect_left(s.toks.ends, cue.start + 1), bisect_left(s.toks.starts, cue.end)
    return any(att.first < stop and first < att.stop for att in unnamed)
