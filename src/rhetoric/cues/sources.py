"""Who carries a claim: vague sources, speculative frames, reporting verbs and named sources."""

from __future__ import annotations

import re

from .registry import Sentence, register

SPECULATION = ("unattributed_speculation",)
SOURCING = ("hedging", "unattributed_speculation")

INSTITUTIONS = frozenset(
    "ministry government police court company department agency spokesman spokeswoman "
    "spokesperson statement bank commission council committee office regulator prosecutors "
    "university hospital union board army navy embassy parliament congress senate authority institute "
    "service inspectorate tribunal association federation organisation organization party firm "
    "utility operator ombudsman coroner watchdog prosecutor".split()
)
STUDY_TEAMS = frozenset("authors researchers scientists team investigators".split())
"""After "the" (or a study's possessive) they point back to a study the article has named ("The
authors say", "the researchers concluded"): a named source, as a pronoun is. Without it they are a
vague group ("Researchers say", "some scientists believe")."""
NOT_NAMES = frozenset(
    "the a an this that these those however but and or so yet in on at for of to from by with as "
    "it he she they we i you his her their our its if when while after before since despite "
    "although though meanwhile also still then now there here what who why how where mr mrs ms "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
_ACCORDING = ("according", "to")


def capitalised(s: Sentence, i: int) -> bool:
    return s.text[s.toks.starts[i]].isupper() and s.words[i] not in NOT_NAMES


def name_runs(s: Sentence, vague: set[int]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens (people, organisations), excluding vague-source words."""
    runs = []
    i = 0
    n = len(s.words)
    while i < n:
        if capitalised(s, i) and i not in vague:
            j = i
            while j + 1 < n and capitalised(s, j + 1) and j + 1 not in vague and not s.gap_has(_CLAUSE_MARKS, j, j + 1):
                j += 1  # "in Paris, Ana Ruiz said": two names, not one
            if not (i == 0 and j == 0):  # a lone sentence-initial capital is just the first word
                runs.append((i, j + 1))
            i = j + 1
        else:
            i += 1
    return runs


def study_team(s: Sentence, k: int) -> bool:
    """Whether token `k` is one of `STUDY_TEAMS` pointing back to a named study: "the researchers",
    "the study's authors" (not "the researchers' critics" or "some researchers")."""
    if s.words[k] not in STUDY_TEAMS or k == 0:
        return False
    before = s.words[k - 1]
    return before == "the" or (before.endswith("'s") and k >= 2 and s.words[k - 2] == "the")


_AFFILIATION = frozenset("at from of with for".split())


def affiliated_body(s: Sentence, after: int, stop: int) -> int:
    """Where a named body a vague group belongs to ends, else 0: "researchers at the University of
    Leeds", "officials from the European Commission", "experts with the UN" name who speaks; "a
    senior official at the ministry" is still one unnamed person (guidelines: anonymous but specific)."""
    if after >= stop or s.words[after] not in _AFFILIATION or not s.words[after - 1].endswith("s"):
        return 0  # one person at a body stays anonymous: "a senior official at the ministry"
    k = after + 1
    while k < stop and s.words[k] in ("the", "a", "an"):
        k += 1
    if k < stop and (capitalised(s, k) or s.words[k] in INSTITUTIONS):
        end = k + 1
        while end < stop and (capitalised(s, end) or s.words[end] in ("of", "and", "for")):
            end += 1
        return end
    return 0


_DETERMINERS = frozenset("the a an this these those his her their its our my your no any every each".split())
_NOUN_FORMS = frozenset("claims reports notes states estimates".split())
"""Report verbs that are also plural nouns: after a determiner, a quantifier or a modifier they name
things ("insurance claims", "some reports say")."""
_NOUN_BEFORE = _DETERMINERS | frozenset(
    "such many some several of in on for with new further early later insurance damage into to from by at "
    "across between among within about against through throughout over under per both other".split())
_NOUN_AFTER = frozenset(
    "of about have had are were say said says suggest suggested indicate indicated show showed claim claimed".split())
"""After one of `_NOUN_FORMS` they make it the plural noun, never the verb: "reports of shelling",
"newspaper reports have said", "reports say", "the states of matter", "claims about"."""
_AUXILIARIES_BEFORE = frozenset("do does did can could will would shall should may might must".split())
"""Before one of `_NOUN_FORMS` they make it a plural noun: a verb after them takes no -s ("No sooner
do states start ...")."""
_ADJECTIVE_FORMS = frozenset("estimated noted stated reported confirmed declared admitted say".split())
"""Report verbs that are also adjectives or a noun after a determiner: "an estimated $2m", "a noted
author", "its stated aim", "no confirmed cases", "a say in"."""
_BASE_NOUNS = frozenset("claim state".split())
"""Plain-present report verbs that are more often nouns ("the state", "the outrageous claim that"): they
report only after a plural or a pronoun and before "that" ("Residents state that ...", "they claim that")."""
_THAT_ONLY = frozenset("propose proposes proposed caution".split())
"""Report verbs that report a claim only with "that" after them ("The authors propose that horror may
act as a rehearsal"); otherwise they put forward a plan or a thing ("proposed a ban") or are a noun."""
_PLURAL_NOT = ("ss", "us", "is")
PLURAL_WORDS = frozenset("they we i you many some others most few both all".split())
_BETWEEN_SUBJECT_AND_VERB = frozenset("also now still often long openly privately repeatedly already".split())
_DEMANDS = frozenset("insist insists insisted argue argues argued".split())
"""Before "on", "for", "against" or "over" they demand or quarrel ("insists on disarmament"): no claim."""
_SPLITTING = frozenset("best better also not even further ever".split())
"""Words that may stand between "to" and its verb ("to best predict")."""
_IDIOM_BEFORE_SAY = frozenset("needless suffice fair safe is".split())
"""... to say: "needless to say", "that is to say", "it is fair to say" report no one."""


def reporting(s: Sentence) -> list[tuple[int, int, str]]:
    """The report-verb matches that report: not a noun or adjective ("insurance claims", "an
    estimated $2m", "a noted author", "the United States"), not a discourse idiom ("That said,",
    "having said that", "needless to say"). Cached in `s.notes`; every detector that reads
    reporting verbs reads them here."""
    cached = s.notes.get("reporting")
    if cached is not None:
        return cached  # type: ignore[return-value]
    kept = []
    for a, b, cls in s.matches["report_verbs"]:
        if b - a == 1 and not _reports(s, a):
            continue
        kept.append((a, b, cls))
    s.notes["reporting"] = kept
    return kept


def _reports(s: Sentence, a: int) -> bool:
    """Whether the one-word report verb at token `a` reports (see `reporting`)."""
    words, word = s.words, s.words[a]
    before = words[a - 1] if a else ""
    if word in _NOUN_FORMS and a and s.text[s.toks.starts[a]].isupper():
        return False  # a name mid-sentence: "the United States", "Field Notes"
    if (word in _NOUN_FORMS and before in _NOUN_BEFORE) or (word in _ADJECTIVE_FORMS and before in _DETERMINERS):
        return False
    if word in _NOUN_FORMS and ((a + 1 < len(words) and words[a + 1] in _NOUN_AFTER)
                                or before in _AUXILIARIES_BEFORE or before.endswith("'s")):
        return False  # "reports of", "do states start", "North Korea's claims"
    if word in _DEMANDS and words[a + 1 : a + 2] in (("on",), ("for",), ("against",), ("over",)):
        return False  # "insists on disarmament", "argued for a delay": a demand or a quarrel, no claim
    if word != "say" and _infinitive(words, a):
        return False  # an infinitive reports nothing: "declined to confirm", "to best predict data"
    if _hypothetical(s, a):
        return False  # "the Iraqis might well conclude that ...", "critics could argue": no one has spoken
    if _modifies_a_noun(s, a):
        return False  # "land claimed by Palestinians": the participle describes a thing, reports no claim
    if word in _BASE_NOUNS and not (words[a + 1 : a + 2] == ("that",) and _plural_subject(words, a)):
        return False  # "the state that borders it", "the outrageous claim that" are nouns
    if word in _THAT_ONLY and words[a + 1 : a + 2] != ("that",):
        return False  # "proposed a new law", "a word of caution": no claim is reported
    if word == "said":
        if before == "that" and (a == 1 or s.gap_has(_CLAUSE_MARKS, a - 2, a - 1)) \
                and a + 1 < len(words) and s.gap_has(_CLAUSE_MARKS, a, a + 1):
            return False  # "That said, ..."
        if before == "having" or (before == "being" and a >= 2 and words[a - 2] == "that"):
            return False  # "having said that", "that being said"
    if word == "say" and before == "to" and a >= 2 and words[a - 2] in _IDIOM_BEFORE_SAY:
        return False
    return True


def _plural_subject(words: tuple[str, ...], a: int) -> bool:
    """Whether the words before the plain-present verb at token `a` can end its plural subject ("critics
    claim", "they now claim", "many claim"); "the outrageous claim" is a noun."""
    k = a - 1
    if k > 0 and words[k] in _BETWEEN_SUBJECT_AND_VERB:
        k -= 1
    word = words[k] if k >= 0 else ""
    return word in PLURAL_WORDS or _in_s_plural(word)


def _in_s_plural(word: str) -> bool:
    """Whether a word ends as a plural in "s" does ("critics", not "press", "bus" or "analysis")."""
    return word.endswith("s") and not word.endswith(_PLURAL_NOT)


_MODALS = frozenset("might may could can should must".split())
"""Before a verb of saying in its plain form they make it a possibility, not a report: "might well
conclude", "could argue", "should say so". "will" and "would" stay reports ("will tell the inquiry"),
and so does a refusal ("could not say how many": someone was asked and answered)."""
_BETWEEN_MODAL_AND_VERB = frozenset("well also even easily yet still reasonably fairly rightly justly".split())
_PAST_FORMS = frozenset("said told wrote".split())


def _hypothetical(s: Sentence, a: int) -> bool:
    """Whether the plain verb at token `a` follows a modal of possibility, an adverb perhaps between
    ("Theresa May said" has a name, not a modal)."""
    words, word = s.words, s.words[a]
    if word.endswith(("ed", "s")) or word in _PAST_FORMS:
        return False
    k = a - 1
    if k > 0 and words[k] in _BETWEEN_MODAL_AND_VERB:
        k -= 1
    return k >= 0 and words[k] in _MODALS and (k == 0 or not s.text[s.toks.starts[k]].isupper())


_NOT_A_NOUN_BEFORE = frozenset(
    "is are was were be been being has have had as and or who which that it he she they we i".split()
)
"""Before "<verb>ed by" they make it a passive or a report of its own ("was claimed by", "as reported
by"), not a participle describing the noun before it."""
_ADVERBS_BEFORE_A_PARTICIPLE = frozenset(
    "then now later since once already first originally initially previously subsequently also not "
    "recently newly".split()
)


def _modifies_a_noun(s: Sentence, a: int) -> bool:
    """Whether the participle at token `a` describes the noun right before it, its agent after "by":
    "land claimed by Palestinians", "the figures reported by the agency". Set off by a comma it is
    a report of its own ("In remarks after his address, reported by the newspaper, ...")."""
    words = s.words
    if a == 0 or not words[a].endswith("ed") or words[a + 1 : a + 2] != ("by",):
        return False
    before = words[a - 1]  # an adverb between ("was then claimed by") makes it no noun's participle
    return before.isalpha() and before not in _NOT_A_NOUN_BEFORE and before not in _ADVERBS_BEFORE_A_PARTICIPLE \
        and not before.endswith("ly") and not s.gap_has(_CLAUSE_MARKS, a - 1, a)


def _infinitive(words: tuple[str, ...], a: int) -> bool:
    """Whether the verb at token `a` follows "to", an adverb perhaps between ("to confirm", "to best predict")."""
    if a and words[a - 1] == "to":
        return True
    return a >= 2 and words[a - 2] == "to" and (words[a - 1] in _SPLITTING or words[a - 1].endswith("ly"))


_VOICING = frozenset(
    "concerned worried fear fears feared believe believes believed think thinks thought expect expects "
    "suspect suspects suspected warn warns warned predict predicts say says said claim claims argue argues "
    "insist insists doubt doubts see sees view views consider considers regard regards allege alleges alleged "
    "contend contends contended maintain maintains question questions questioned wonder wonders wondered "
    "speculate speculates speculated accuse accuses accused maintained conclude concludes concluded feel feels "
    "felt agree agrees agreed rank ranks ranked praise praises praised criticise criticises criticised "
    "criticize criticizes criticized dismiss dismisses dismissed indicated complain complains complained".split()
)
"""Verbs of saying, thinking and judging that make a vague group a source ("experts fear", "analysts see",
"most critics felt", "some scholars rank"; guidelines, decision 18: a group that judges is a source)."""
_VOICING_HEDGES = frozenset({"belief verb", "evidential verb"})
"""Hedge classes that voice a claim ("experts believe", "reports indicate"); a hedging adverb nearby
("allies ... potentially") does not make a group a source."""
_GROUPS = frozenset(
    "people experts analysts analyst observers figures sources source official officials insiders insider "
    "critics commentators diplomats aides allies advisers advisors".split()
)
"""A phrase that ends in one of these names a group ("many people", "a senior official", "another
source"), which is a source only where it speaks or thinks, as a lone vague word is; a phrase that
says how it knows ("people familiar with", "sources close to") is one wherever it stands."""
_LOOK_AHEAD = 8
_QUANTIFIERS = frozenset("some many most several others".split())
_AUXILIARIES = frozenset("have has had are were is was will would may might could can do does did also".split())
_CLAUSE_MARKS = re.compile(r"[,;:()\u2014\u2013\"\u201c\u201d]")


_SAYING = frozenset("say says said tell tells told comment comments commented confirm confirmed disclose disclosed "
                    "specify specified reveal revealed".split())
"""Plain verbs of saying: negated ("would not say", "haven't said") they report no claim, where a
negated verb of thinking still holds a view ("critics don't believe the plan will work")."""


def _negated(words: tuple[str, ...], k: int) -> bool:
    """Whether the verb at token `k` is negated just before it ("did not say", "haven't said", "never told")."""
    return any(w in ("not", "never") or w.endswith("n't") or w == "cannot" for w in words[max(0, k - 2) : k])


def _voiced(s: Sentence, a: int, b: int, verbs: set[int]) -> int:
    """Where a vague-source match ends if it speaks or thinks, else 0: a phrase ("people familiar
    with"), one introduced by "according to", a group that ends its clause just after a verb of saying
    ("..., said one official."), or a group followed in its clause by a verb of saying or thinking.
    A lone quantifier takes the words up to that verb ("Some fans consider")."""
    words = s.words
    if b - a >= 2 and words[b - 1] not in _GROUPS:
        return b
    if a >= 2 and words[a - 2 : a] == ("according", "to"):
        return b
    if (b == len(words) or s.gap_has(_CLAUSE_MARKS, b - 1, b)) and _after_its_verb(s, a, verbs):
        return b  # after its verb, ending the clause: '"...," said one official.'
    for k in range(b, min(len(words), b + _LOOK_AHEAD)):
        if k > b and s.gap_has(_CLAUSE_MARKS, k - 1, k):
            return 0
        if k in verbs or words[k] in _VOICING:
            if k not in verbs and (words[k - 1] in _DETERMINERS or words[k - 1].endswith("'s")):
                continue  # "to assert Ontario's claims", "their fears": a noun, not what the group does
            if words[k] in _SAYING and _negated(words, k):
                return 0  # "his aides haven't said much", "officials would not say": no claim is made
            if words[a] not in _QUANTIFIERS:
                return b
            if words[k].endswith("s") and not words[k].endswith("ss"):
                continue  # "many Republican claims": a noun, not the verb of a plural group
            end = b
            while end < min(k, b + 2) and words[end] not in _AUXILIARIES:
                end += 1
            return end
    return 0


_OBJECT_PREPOSITIONS = frozenset("of to for with among from about on at against into".split())
"""Before a vague word they make it the object of a preposition, not the subject of the verb after it
("by" is left out: the agent of a passive, `_agent_of_a_passive`)."""


def _object_of_preposition(s: Sentence, a: int, b: int) -> bool:
    """Whether the vague match at tokens a..b is the object of a preposition with no voice of its own:
    "the wives of others were added", not "according to some analysts", "to many judges who want",
    "on reports that"."""
    words = s.words
    if not a or words[a - 1] not in _OBJECT_PREPOSITIONS or s.gap_has(_CLAUSE_MARKS, a - 1, a):
        return False
    return words[a - 2 : a] != ("according", "to") and _RELATIVES.isdisjoint(words[b : b + 5])


_RELATIVES = frozenset("who whom that which".split())


_SOURCE_DETERMINERS = frozenset("a an one another two three several the".split())
_MODIFIERS_BEFORE = 2


def _phrase_start(s: Sentence, a: int) -> int:
    """Where the noun phrase of the source word at token `a` starts, for its passage: "A military
    source", "two senior officials" (the guidelines' passage is the vague source), when a determiner
    opens it within two words and no clause break falls between."""
    for k in range(a - 1, max(-1, a - 2 - _MODIFIERS_BEFORE), -1):
        if s.gap_has(_CLAUSE_MARKS, k, k + 1):
            return a
        if s.words[k] in _SOURCE_DETERMINERS:
            return k
    return a


def _after_its_verb(s: Sentence, a: int, verbs: set[int]) -> bool:
    """Whether the group at token `a` follows its verb of saying, a few words of its own noun phrase
    between them and no clause break ("said one trade official", "says a senior source")."""
    for k in range(a - 1, max(-1, a - 4), -1):
        if s.gap_has(_CLAUSE_MARKS, k, k + 1) or s.words[k] == "that":
            return False
        if k in verbs or s.words[k] in _VOICING:
            return True
    return False


def _agent_of_a_passive(s: Sentence, a: int) -> bool:
    """Whether the group at token `a` is the "by" phrase of a passive report or judgment ("is thought
    by many to", "was seen by some as"): an unnamed group that holds the claim (guidelines, decision 18)."""
    if a < 2 or s.words[a - 1] != "by":
        return False
    from .passives import passive_verbs  # passives reads this module's word lists

    return a - 2 in passive_verbs(s)


def _rumour(s: Sentence, a: int) -> bool:
    """Whether "word is" at token `a` is the rumour idiom ("Word is that ...", "The word is the club
    will sell"), opening its clause, not a literal word ("the important word is almost")."""
    before = s.words[a - 1] if a else ""
    opens_clause = a == 0 or s.gap_has(_CLAUSE_MARKS, a - 1, a)
    after_opener = before in ("the", "and", "but") and (a == 1 or s.gap_has(_CLAUSE_MARKS, a - 2, a - 1))
    return opens_clause or after_opener


@register(
    "vague sources",
    {"vague source": SPECULATION, "vague source in quote": SPECULATION},
    lexicons=("vague_sources", "report_verbs", "speculation_frames", "hedges"),
)
def vague_sources(s: Sentence):
    """Vague and anonymous sources that carry a claim; a vague word that says or thinks nothing here
    ("NATO allies", "many of the tanks") is no source and no cue."""
    vague_tokens: set[int] = set()
    frames = [m for m in s.matches["speculation_frames"] if s.words[m[0] : m[1]] not in (("will",), ("would",))]
    verbs = {k for a, b, _c in [*reporting(s), *frames] for k in range(a, b)}  # "officials would": no voice
    verbs |= {k for a, b, cls in s.matches["hedges"] if cls in _VOICING_HEDGES for k in range(a, b)}
    covered = 0  # one past the last source found: "Some critics" is one source, not two
    for a, b, _cls in s.matches["vague_sources"]:
        if s.words[a] == "word" and not _rumour(s, a):
            continue
        if study_team(s, a):
            continue  # "the researchers said": the study's named authors, not a vague group
        if s.words[b - 1] in ("source", "sources") and s.words[b : b + 1] == ("of",):
            continue  # "a source of income", "sources of energy": where a thing comes from
        if _object_of_preposition(s, a, b):
            continue  # "the wives of others were added": the object of a preposition says nothing
        b = (b if _agent_of_a_passive(s, a) else _voiced(s, a, b, verbs)) if a >= covered else 0
        if not b or affiliated_body(s, b, min(len(s.words), b + _LOOK_AHEAD)):
            continue  # "researchers at the University of Leeds said": the body names them
        covered = b
        vague_tokens.update(range(a, b))
        quoted = s.inside_quote(s.toks.starts[a])
        s.add("vague source in quote" if quoted else "vague source", _phrase_start(s, a), b, "vague source")
    for a, b in _unnamed_holders(s, vague_tokens):
        vague_tokens.update(range(a, b))
        quoted = s.inside_quote(s.toks.starts[a])
        s.add("vague source in quote" if quoted else "vague source", a, b, "vague source")
    s.notes["vague tokens"] = vague_tokens
    return ()


_HOLDING_PLAIN = frozenset("believe think expect fear suspect doubt worry hope reckon anticipate".split())
"""Verbs of holding a view in the plural present: after a bare plural noun they make it an unnamed
group that holds one ("Farmers expect a poor harvest", "Rival camps suspect ..."; guidelines, decision 22)."""
_SPECIFIC = frozenset("the these those this that its their his her our my your".split())
"""Before the plural they point back to a group the article has named ("The companies expect ..."), as
"they" does: not an unnamed group."""
_NOT_PLURAL_NOUNS = frozenset("sometimes always perhaps thus besides afterwards nonetheless nevertheless regardless "
                              "unless less towards whereas does has was says goes gets makes yes news".split())
"""Words in "s" that are no plural noun: adverbs and verbs that may stand before a verb of holding a view."""


def _unnamed_holders(s: Sentence, vague: set[int]) -> list[tuple[int, int]]:
    """Bare plural nouns that hold a view, the lexicon's groups aside ("Bookmakers suspect", "lawyers
    expect", "some younger fans suspect"): token ranges ending just before the verb, adverbs between
    allowed. A capitalised word before the noun names where they work ("NASA scientists expect"), and
    a plural after "the" or a possessive is a group named before: neither is unnamed."""
    words, text, starts = s.words, s.text, s.toks.starts
    found: list[tuple[int, int]] = []
    if _HOLDING_PLAIN.isdisjoint(words):
        return found
    for verb, word in enumerate(words):
        if word not in _HOLDING_PLAIN or verb == 0 or text[starts[verb]].isupper():
            continue  # "campaigners Hope Not Hate": a name
        k = verb - 1
        while k > 0 and words[k] in _BETWEEN_SUBJECT_AND_VERB:
            k -= 1
        noun = words[k]
        if k in vague or noun in PLURAL_WORDS or noun in _NOT_PLURAL_NOUNS or not _in_s_plural(noun) \
                or not noun.isalpha() or s.gap_has(_CLAUSE_MARKS, k, verb):
            continue
        if k > 0 and text[starts[k]].isupper():
            continue  # "Democrats believe", "the Greens expect": a party or a name, not a bare group
        before = words[max(0, k - 2) : k]
        if any(w in _SPECIFIC or w.endswith("'s") for w in before) or (
                k > 1 and text[starts[k - 1]].isupper() and not s.gap_has(_CLAUSE_MARKS, k - 1, k)):
            continue  # "the company's own engineers", "NASA's scientists", "Fitch analysts"
        found.append((k, k + 1))
    return found


@register("speculative frames", {"speculative frame": SPECULATION, "speculative frame in quote": SPECULATION,
                                  "forecast of a mind": SPECULATION},
          lexicons=("speculation_frames",))
def speculative_frames(s: Sentence):
    """Frames of a mind, a plan or the future; a question about the future ("Will she be there?") is
    no forecast (guidelines, decision 8). A forecast of how people will think or feel ("Voters will
    remember this", "nobody will notice") reads a mind and the future at once (decision 4)."""
    for a, b, _cls in s.matches["speculation_frames"]:
        if _asks(s, a, b) or _own_mind(s, a, b) or _habit(s, a, b):
            continue
        quoted = s.inside_quote(s.toks.starts[a])
        s.add("speculative frame in quote" if quoted else "speculative frame", a, b, "speculative frame")
        verb = _mind_to_come(s, a, b)
        if verb and not quoted:
            s.add("forecast of a mind", a, verb + 1, "forecast of a mind")
    return ()


_MIND_VERBS = frozenset(
    "remember forget forgive regret resent notice punish reward blame welcome relish mourn wonder doubt balk "
    "baulk rebel revolt desert shrug".split()
)
"""Verbs of how people will think, feel or react to what they think: after "will" a forecast of a mind,
not of an event ("will remember", "will not forgive", "will soon forget")."""
_BEFORE_A_MIND_VERB = frozenset("not never soon quickly simply surely long".split())


def _mind_to_come(s: Sentence, a: int, b: int) -> int:
    """The token of the mind verb that "will" at a..b takes ("will remember", "will never forgive"), or 0;
    none where "I" or "we" is its subject ("We will remember them": a pledge, not a forecast)."""
    words = s.words
    if b - a != 1 or words[a] != "will" or (a and words[a - 1] in _FIRST_PERSON):
        return 0
    k = b
    while k < len(words) and k < b + 2 and words[k] in _BEFORE_A_MIND_VERB:
        k += 1
    return k if k < len(words) and words[k] in _MIND_VERBS else 0


_FREQUENCY = frozenset(
    "often usually sometimes always typically normally generally frequently rarely occasionally regularly "
    "seldom routinely".split()
)


def _habit(s: Sentence, a: int, b: int) -> bool:
    """Whether "will" or "would" at token `a` states a habit, not a forecast: "the hosts will often
    refill a glass", "he would usually walk to work" (guidelines, decision 4: a forecast is of an event)."""
    return b - a == 1 and s.words[a] in ("will", "would") and b < len(s.words) and s.words[b] in _FREQUENCY


_FIRST_PERSON = frozenset("i we".split())
_BEFORE_OWN_MIND = frozenset("just really still also all only certainly do don't".split())
"""Words between "I" or "we" and a frame of their own mind ("we just know that", "I really want to")."""


def _own_mind(s: Sentence, a: int, b: int) -> bool:
    """Whether a frame of a mind has "I" or "we" for its subject ("I want to ask", "we just know that"):
    a speaker reporting their own mind reads no one else's (guidelines: the writer's mind-reading is of
    others). "will" and "would" are forecasts, not a mind, and keep their reading."""
    if b - a == 1 and s.words[a] in ("will", "would"):
        return False
    k = a - 1
    while k >= 0 and s.words[k] in _BEFORE_OWN_MIND and k >= a - 2:
        k -= 1
    return k >= 0 and s.words[k] in _FIRST_PERSON


_QUESTION_OPENERS = frozenset("and but so or then what when where who why how which".split())


def _asks(s: Sentence, a: int, b: int) -> bool:
    """Whether "will" or "would" at token `a` opens a question: first in its clause, with a "?" after it."""
    if b - a != 1 or s.words[a] not in ("will", "would"):
        return False
    opens = a == 0 or s.words[a - 1] in _QUESTION_OPENERS or s.gap_has(_CLAUSE_MARKS, a - 1, a)
    return opens and "?" in s.text[s.toks.ends[a] :]


@register("report verbs", {"report verb": SOURCING}, lexicons=("report_verbs",))
def report_verbs(s: Sentence):
    for a, b, _cls in reporting(s):
        s.add("report verb", a, b, "report verb")
    return ()


_PLACE_PREPOSITIONS = frozenset("in at from near across outside inside within throughout into".split())


def _inverted(s: Sentence, a: int, b: int, name: int) -> bool:
    """Whether a name after the reporting verb at a..b is its speaker: the verb opens its clause
    ('"...," said Dr Ana Ruiz', "..., wrote Smith"). Where the verb has a subject of its own
    ("Observers say Scott deserves ...") or "that" comes first ("claimed that Sergius IV was ..."),
    the name starts what is reported."""
    return (a == 0 or s.gap_has(_CLAUSE_MARKS, a - 1, a)) and "that" not in s.words[b:name]


@register("named sources", {"named source": SOURCING, "institutional source": SOURCING})
def named_sources(s: Sentence):
    """A name or an institution beside a reporting verb, or after "according to"."""
    from .passives import passive_verbs  # passives reads this module's names

    passive = passive_verbs(s)
    reports = [m for m in reporting(s) if m[0] not in passive]
    words = s.words
    names = name_runs(s, s.notes["vague tokens"]) if reports else []  # type: ignore[arg-type]
    named = False
    vague = s.notes["vague tokens"]
    for a, b, _cls in reports:
        for na, nb in names:
            if na and words[na - 1] in _PLACE_PREPOSITIONS:
                continue  # "In Paris, officials said": where, not who
            if 0 <= a - nb <= 5 and vague.intersection(range(nb, a)):  # type: ignore[attr-defined]
                continue  # the verb's own subject is the vague group between them
            if 0 <= a - nb <= 5 or (0 <= na - b <= 3 and _inverted(s, a, b, na)):
                s.add("named source", na, nb, "named source")
                named = True
                break
        else:
            if not INSTITUTIONS.isdisjoint(words[max(0, a - 4) : a]):
                s.add("institutional source", max(0, a - 4), a, "institutional source")
                named = True
    if "according" in words:
        for i in range(len(words) - 2):
            if (words[i], words[i + 1]) == _ACCORDING and capitalised(s, i + 2):
                s.add("named source", i, i + 3, "named source")
                named = True
    s.notes["named"] = named
    return ()
