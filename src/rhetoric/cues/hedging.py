"""Hedge cues: the words by which a writer softens a claim (lexicons/hedges.txt, by class)."""

from __future__ import annotations

from .attribution import voice
from .passives import participle
from .registry import CLAUSE_BREAK, Sentence, register
from .sources import capitalised

HEDGE_CLASSES = (
    "modal verb", "epistemic adverb", "distancing adverb", "likelihood adjective", "appearance verb",
    "evidential verb", "distancing passive", "approximator", "belief verb", "condition", "open question",
    "conditional modal",
)
"""The classes of lexicons/hedges.txt, each its own feature. "would" is a class of its own: it hedges
far less often than "may", "might" and "could" (in the corpus about one sentence in twenty where it is
the only cue, against four in five for "may"), and sharing their feature watered down theirs."""
_HEDGING_ONLY = frozenset({"open question", "condition", "approximator"})
"""Classes that hedge how sure or how exact a claim is without claiming anything about a mind, a plan
or the future: what is not known ("remains unknown", "it remains to be seen whether"), on what it
depends ("if confirmed"), how much ("roughly", "largely", "sort of"). Speculation does not learn from
them: in the corpus they fire in a handful of sentences, none of them speculation, and speculation had
learned from those few that an approximator rules it out ("is generally claimed to be due to ... a sort
of" scored 0.00)."""
_BOTH = ("hedging", "unattributed_speculation")
_DETERMINERS = frozenset("the a an this that these those his her their its our my your two three".split())
"""Before "suspect" or "estimated" they make it a noun or a figure ("the suspect was seen", "an
estimated 2,000"), not the verb of belief; before "kind of" or "sort of" they make it a noun phrase
("a kind of rehearsal"), not an approximator."""
_NOUNS = ("suspect", "estimate")
_KIND_DETERMINERS = _DETERMINERS | frozenset("what which some any every same certain other another one no".split())
_APPEAR_OBJECTS = _DETERMINERS | frozenset("him them me us you it".split())
"""After "appeared to" they name whom something was seen by ("appeared to the crowd"), not a verb."""
_APPEAR_PLACES = frozenset(
    "in on at before alongside with between during from onstage onscreen again only twice once live opposite "
    "under inside outside for across throughout together anywhere everywhere nowhere among within near "
    "above below beside behind atop around".split()
)
"""After "appear" they make it the literal verb of showing up ("appeared in 60 films")."""
_POSSIBLE_BEFORE = frozenset(
    "as made make makes making best worst every all where wherever whenever if only maximum minimum total extent "
    "highest lowest greatest fullest".split()
)
"""Before "possible" they make it feasibility ("as soon as possible", "the maximum possible"), not likelihood."""
_POSSIBLE_RANGE = frozenset(
    "all any every each other various several many both two three four five six seven eight nine ten dozens "
    "hundreds thousands made make makes making not no never n't best most least".split()
)
"""A few words before "possible" that make it a range of options or a feasibility, not a likelihood:
"all possible combinations", "three possible patterns", "made the technique possible", "would not be
possible", "the best score possible". "a possible side effect" and "further flooding is possible" hedge."""
_WOULD_BE_BEFORE = frozenset("the a an his her their its our my your".split())
"""Before "would be" they make it the adjective "would-be" ("their would-be neighbours"); "that would"
and "this would" stay modal."""
_NOUN_AFTER = frozenset("to of for in and or".split())
"""After "potential" they make it the noun ("the potential to grow"), not a likelihood adjective."""


@register(
    "hedges",
    {
        **{f"hedge:{c}": ("hedging",) if c in _HEDGING_ONLY else _BOTH for c in HEDGE_CLASSES},
        "hedge in quote": ("hedging",),
        "hedge of a named source": _BOTH,
        "hedge of a vague source": _BOTH,
        "may of leave": _BOTH,
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
        if cls == "belief verb" and a > 0 and s.words[a - 1] in _DETERMINERS and s.words[a].startswith(_NOUNS):
            continue  # "the suspect was seen", "an estimated 2,000 people": a noun, a figure
        if not _epistemic(s.words, a, b):
            continue
        if cls == "evidential verb" and s.words[a].startswith("suggest") and _said_by_someone(s, a):
            continue  # "Trump suggested that ...", "he suggested": a named person proposing, not evidence
        if cls == "evidential verb" and a > 0 and s.words[a - 1] in _NOUN_DETERMINERS:
            continue  # "no hint of trouble", "a hint": the noun, which asserts no inference
        whose = voice(s, a)
        if whose == "named":
            s.add("hedge of a named source", a, b, f"{cls} (a named source's)")
        elif whose == "vague":
            s.add("hedge of a vague source", a, b, f"{cls} (an unnamed source's)")
        elif whose == "quoted":
            s.add("hedge in quote", a, b, f"{cls} (quoted)")
        else:
            s.add(f"hedge:{cls}", a, b, cls)
            if s.words[a] == "may" and _leave(s, a):
                s.add("may of leave", a, b, "may of permission")
    return ()


_LEAVE_ADVERBS = frozenset("also then still now freely instead lawfully legally either each always".split())
_LEAVE_WORDS = frozenset(
    "must shall allowed permitted entitled eligible barred banned prohibited forbidden exempt compulsory mandatory "
    "obliged rules regulation regulations statute bylaws licence license licences licenses mandate discretion "
    "provided consent approval".split()
)
"""Words of a rule: where one stands in the sentence, "may" is as likely to give leave as to doubt
("Under the regulation, holders may convert", "Each side may appoint two members and must ...")."""
_LEAVE_SUBJECTS = frozenset("each every either neither no only".split())
"""Words that address whoever or whatever a rule covers, just before "may": "Each shareholder may
appoint a proxy", "neither side may move", "Only one card may be played"."""
_LEAVE_ACTS = frozenset(
    "apply submit request collect bring enter appoint vote cast convert redeem exercise withdraw transfer opt "
    "choose elect appeal claim register renew cancel purchase buy use carry park attend join borrow access book "
    "nominate sign deposit accept waive veto visit resubmit reapply petition lodge file refill photograph rebook "
    "consult contact refer grant decline export bid sweep hide link top keep".split()
)
"""Verbs by which a rule's addressee acts ("Holders may convert", "Applicants may submit"): after "may"
they give leave more often than they doubt."""
_LEAVE_DONE = frozenset(
    "used exercised redeemed renewed collected returned transferred cancelled withdrawn submitted filed lodged "
    "played prescribed purchased bought sold carried brought kept reused banked waived requested obtained "
    "worn flown parked converted claimed booked called termed dubbed labelled labeled classified referred".split()
)
"""Participles after "may be" that state what can be done with a thing ("tickets may be purchased
online", "the bonds may be redeemed early") or what it can be called ("may also be called a potluck"):
an option, not a possibility."""


_ADDRESSEES = frozenset(
    "user users player players member members guest guests visitor visitors customer customers applicant "
    "applicants entrant entrants participant participants subscriber subscribers passenger passengers driver "
    "drivers holder holders tenant tenants bidder bidders contestant contestants competitor competitors pupil "
    "pupils student students batsman batsmen bowler bowlers referee referees umpire umpires".split()
)
"""Whom a rule addresses: as the subject of "may" they take leave more often than they are doubted
("Guests may log in for free", "a batsman may hit a no-ball", "Members may not attack one another")."""
_UNCHOSEN = frozenset("be have experience face feel find lose need see suffer struggle become get notice".split())
"""Verbs of what befalls someone rather than what they choose: after an addressee and "may" they
doubt ("Passengers may face delays", "players may be tired"), unless a rule's participle follows "be"."""


def _leave(s: Sentence, a: int) -> bool:
    """Whether "may" at token `a` stands where a rule gives leave or states an option ("may only be
    used", "Each member may", "Holders may convert", "must" or "rules" nearby) rather than a
    possibility. A feature, not a verdict: the corpus teaches how much it outweighs the modal, since
    "Under the new rules, smaller clubs may struggle" still doubts."""
    words = s.words
    k = a + 1
    while k < len(words) and words[k] in _LEAVE_ADVERBS:
        k += 1
    if k < len(words) and words[k] in ("not", "only"):
        k += 1
    verb = words[k] if k < len(words) else ""
    if verb == "have" and k + 1 < len(words) and participle(words[k + 1]):
        return False  # "may have provided", "may not have been": a guess about the past gives no leave
    done = verb == "be" and k + 1 < len(words) and words[k + 1] in _LEAVE_DONE
    if verb in _LEAVE_ACTS or done:
        return True
    if a > 0 and words[a - 1] in _ADDRESSEES and verb and verb not in _UNCHOSEN:
        return True  # "Guests may always log in", "Members may not attack one another"
    if words[k - 1] == "only" and verb not in ("have", "be"):  # "may only vote", not "may only have been"
        return True
    for j in range(a - 1, max(-1, a - 4), -1):  # "Each member may", not "In any event, the outcome may"
        if words[j] in _LEAVE_SUBJECTS:
            return True
        if s.gap_has(CLAUSE_BREAK, j, j + 1):
            break
    if _ONLY_IF in zip(words[a + 1 :], words[a + 2 :]):
        return True  # "Troops may return fire only if attacked": a condition a rule sets
    return any(w in _LEAVE_WORDS for w in words[max(0, a - _RULE_REACH) : a + _RULE_REACH])


_ONLY_IF = ("only", "if")


_RULE_REACH = 10
"""How far from "may" a word of a rule still bears on it: "Under the regulation, holders may convert",
but not a clause about something else at the far end of a long sentence."""


_PEOPLE = frozenset("he she they we i you who".split())
"""Subjects that make "suggest" a person's proposal or claim ("he suggested that", "Trump suggested"),
as against evidence that suggests ("the findings suggest"). A group ("some authors suggest") keeps the
hedge: an unnamed source's softened claim is the writer's to hedge (decision 3)."""
_SUBJECT_LOOKBACK = 3


def _said_by_someone(s: Sentence, a: int) -> bool:
    """Whether the words just before "suggest" at token `a`, in its clause, name a person: a pronoun or
    a name (a capitalised word where no sentence starts); for "..., suggesting that", the sentence's
    subject."""
    words = s.words
    if words[a] == "suggesting" and a > 0 and s.gap_has(CLAUSE_BREAK, a - 1, a):  # "Trump spoke, suggesting that"
        return any(_person(s, k) for k in range(min(a, _SUBJECT_LOOKBACK + 2)))
    for k in range(a - 1, max(-1, a - 1 - _SUBJECT_LOOKBACK), -1):
        if s.gap_has(CLAUSE_BREAK, k, k + 1):
            return False
        if _person(s, k):
            return True
        if words[k] in _THINGS:
            return False
    return False


_THINGS = frozenset("which that it this evidence data research study studies findings results report".split())
_NOUN_DETERMINERS = (_DETERMINERS - {"this", "that", "these", "those", "two", "three"}) | {"no", "any", "every", "each"}
"""Before an evidential verb they make it a noun ("no hint of trouble"); "this" and "these" stay
subjects ("This suggests that ...")."""
_PLACE_BEFORE = frozenset("from in at of for on near".split())


def _person(s: Sentence, k: int) -> bool:
    """A pronoun, or a name that is no place ("Research from Austria")."""
    if s.words[k] in _PEOPLE:
        return True
    return k > 0 and capitalised(s, k) and s.words[k - 1] not in _PLACE_BEFORE and s.words[k] not in _THINGS


_HABITUAL = frozenset("often usually always sometimes frequently generally normally regularly once".split())
"""After "could" they make it a past habit or ability ("could often create more problems than it
solved", "could once buy a house on one wage"), not a possibility."""


def _purpose(words: tuple[str, ...], a: int) -> bool:
    """Whether "could" at token `a` is in a purpose clause ("so that he could explore space", "in order
    that the crew could rest"): a modal of ability. ("so they could" may be a result: "Sales fell, so
    they could close".)"""
    before = " ".join(words[max(0, a - 6) : a])
    return " so that " in f" {before} " or " in order that " in f" {before} "


def _epistemic(words: tuple[str, ...], a: int, b: int) -> bool:
    """Whether the hedge word at a..b-1 is used in its epistemic sense. The guidelines count "appears
    to" but not "appeared in 60 films", and not feasibility ("as soon as possible", "it is possible to
    book online", "the fastest possible"), inability ("could not say"), "would-be" or a noun phrase ("a kind
    of rehearsal")."""
    first, last = words[a], words[b - 1]
    before = words[a - 1] if a > 0 else ""
    after = words[b] if b < len(words) else ""
    if first.startswith("appear") and b == a + 1:
        while after.endswith("ly") and after not in ("likely", "unlikely"):  # "appeared briefly on"
            b += 1
            after = words[b] if b < len(words) else ""
        if after == "to":
            return b + 1 < len(words) and words[b + 1] not in _APPEAR_OBJECTS
        if after == "as":
            return b + 1 < len(words) and words[b + 1] in ("if", "though")
        if after == "over" and b + 1 < len(words) and words[b + 1] in _DETERMINERS:
            return False  # "appeared over the page", not "appeared over-confident"
        return after not in _APPEAR_PLACES and (after != "" or before == "it")
    if last == "possible":  # "the fastest possible": a superlative asks for the most that can be done
        nearby = words[max(0, a - 4) : a]
        if b == a + 1 and any(w in _POSSIBLE_RANGE or w.isdigit() for w in nearby):
            return False
        return before not in _POSSIBLE_BEFORE and not before.endswith("est") and after not in ("to", "for")
    if first == "potential" and b == a + 1:
        return after != "" and after not in _NOUN_AFTER
    if (first, last) in (("kind", "of"), ("sort", "of")):
        return before not in _KIND_DETERMINERS
    if first == "would" and b == a + 1 and before in _WOULD_BE_BEFORE and after == "be":
        return False  # "their would-be neighbours": an adjective, not the modal
    if first == "could" and b == a + 1:
        if after in _HABITUAL or _purpose(words, a):
            return False  # "Parliament could often create", "so that he could explore": ability, not doubt
        return after not in ("not", "n't")  # "could not say", "could not proceed": inability, not doubt
    return True
