"""The shipped model's judgment on constructed contrasts, as the guidelines (corpora/README.md) decide.

Each case pairs sentences that differ in the one thing a guideline turns on. These test the trained
model, not a rule: if a retrain breaks one, the corpus or the features stopped teaching that rule.
"""

from __future__ import annotations

import pytest

from rhetoric.analysis import analyze, analyze_many

from .conftest import DATA, ROOT, SEED


def flags(model, text: str) -> list[str]:
    (sentence,) = [s for s in analyze(text, model)["sentences"] if s["prose"]]
    return sentence["flags"]


@pytest.mark.parametrize(
    "writer, sourced",
    [
        ("The ferry may resume on Friday.", "The harbour board said the ferry may resume on Friday."),
        ("The ferry may resume on Friday.", "The ferry may resume on Friday, the harbour board said."),
        ("The line is expected to reopen in April.",
         "The line is expected to reopen in April, Chief Engineer Rosa Lind told reporters."),
        ("The tunnel will probably stay shut until June.",
         "\u201cThe tunnel will probably stay shut until June,\u201d said site manager Tomasz Wrona."),
    ],
)
def test_a_named_source_takes_the_hedge_off_the_writer(model, writer, sourced):
    assert "hedging" in flags(model, writer)
    assert "hedging" not in flags(model, sourced)


@pytest.mark.parametrize(
    "writer, sourced",
    [
        ("Rates may fall next year.", "Economists at the central bank argue that rates may fall next year."),
        ("The levy could double.", "Ana Ruiz and Tomasz Wrona insist that the levy could double."),
    ],
)
def test_a_source_speaking_in_the_plain_present_takes_the_hedge_too(model, writer, sourced):
    """"argue" and "insist" report as "argued" and "insists" do: the tense of the verb of saying does not
    decide whose the hedge is."""
    assert "hedging" in flags(model, writer)
    assert "hedging" not in flags(model, sourced)


def test_an_unnamed_source_does_not(model):
    assert "hedging" in flags(model, "The ferry may resume on Friday, a harbour official said.")


def test_a_plain_quote_is_not_loaded_and_a_charged_one_is(model):
    plain = "\u201cThe pumps are due for replacement next spring,\u201d the engineer said."
    charged = "\u201cThis is a disgraceful betrayal of every family here,\u201d she said."
    assert "loaded_language" not in flags(model, plain)
    assert "loaded_language" in flags(model, charged)


@pytest.mark.parametrize("plain", ["What happens next?", "What does the ruling mean for landlords?",
                                   "How long will the works take?"])
def test_a_plain_question_is_not_speculation(model, plain):
    """An explainer's subhead asks what the reader wants to know; it insinuates nothing."""
    assert "unattributed_speculation" not in flags(model, plain)


@pytest.mark.parametrize("insinuating", ["What else is the mayor hiding from voters?",
                                         "So why are ministers so desperate to bury the figures?"])
def test_a_question_that_insinuates_a_hidden_motive_is(model, insinuating):
    assert "unattributed_speculation" in flags(model, insinuating)


def test_headlines_are_scored_with_their_kind(model):
    text = "Bosses in meltdown as flop sparks boardroom civil war\n\nThe company lost money last year.\n"
    report = analyze(text, model)
    headline, sentence = report["sentences"]
    assert headline["kind"] == "headline" and headline["prose"] and "loaded_language" in headline["flags"]
    assert sentence["kind"] == "sentence" and not sentence["flags"]
    from rhetoric.report import render

    assert 'class="s flagged headline"' in render(report, "html", text=text)


def test_every_flag_has_a_passage_of_its_label():
    """Over the corpus's evaluation split, the test articles and the example article."""
    from rhetoric.corpus import read_corpus
    from rhetoric.store import load_model

    model = load_model()
    articles = [("seed", SEED.read_text(encoding="utf-8"))]
    articles += [(p.name, p.read_text(encoding="utf-8")) for p in DATA.glob("*.txt")]
    articles.append(("evaluation", "\n".join(ex.text for ex in read_corpus(ROOT / "corpora").evaluation)))
    flagged = 0
    for report in analyze_many(articles, model):
        for s in report["sentences"]:
            for key in s["flags"]:
                flagged += 1
                assert any(p["label"] == key for p in s["passages"]), (key, s["text"])
    assert flagged > 100


def test_passages_on_the_example_article_are_the_charged_words(model, seed_text):
    report = analyze(seed_text, model)
    loaded = {p["text"] for s in report["sentences"] for p in s["passages"] if p["label"] == "loaded_language"}
    speculation = {p["text"] for s in report["sentences"] for p in s["passages"]
                   if p["label"] == "unattributed_speculation"}
    assert {"steal areas", "trigger WW3"} <= loaded
    assert "allies" not in speculation  # "push NATO allies": a group that says nothing here


def test_two_hedges_a_named_source_carries_are_still_the_sources(model):
    """The guidelines give a named source's hedges to the source, however many the sentence holds:
    the count of named-source hedges is capped at one, so two of them do not add up to a flag."""
    from rhetoric.cues import CAPS, FEATURE_INDEX

    assert CAPS[FEATURE_INDEX["hedge of a named source"]] == 1.0
    sourced = "The survey results suggest that winter tourism may fall by a third, Dr Halvorsen said."
    writer = "The survey results suggest that winter tourism may fall by a third."
    (sourced_score, writer_score) = model.predict_proba([sourced, writer])[:, 0]
    assert sourced_score < model.thresholds["hedging"] <= writer_score


@pytest.mark.parametrize(
    "agentless",
    ["There are claims that the new seed doubled yields.", "The painter is thought by many to have been a spy.",
     "There have been suggestions that the mayor knew about the deal."],
)
def test_agentless_frames_of_decision_18_are_speculation(model, agentless):
    """"There are claims that" and a vague "by" phrase ("by many") name no holder of the claim."""
    assert "unattributed_speculation" in flags(model, agentless)


@pytest.mark.parametrize(
    "literal, charged",
    [
        ("Her doctor said the episodes were panic attacks.", "Panic gripped the town as the river rose."),
        ("Eagles and other birds of prey nest on the cliff.", "Loan sharks prey on desperate families."),
        ("Shares have risen for two years in a bull market.", "The senator gave a savage speech."),
        ("The striker scored a hat trick on Sunday.", "The striker's antics were a shameless trick."),
    ],
)
def test_a_charged_word_in_a_fixed_literal_expression_is_not_loaded(model, literal, charged):
    """Loaded language is the writer's choice of word; "panic attack", "birds of prey" and "bull market"
    are the standard names of things (lexicons/literal_senses.txt), not a choice."""
    assert "loaded_language" not in flags(model, literal)
    assert "loaded_language" in flags(model, charged)


@pytest.mark.parametrize(
    "leave, doubt",
    [
        ("Season-ticket holders may transfer their seat to a friend for one match.",
         "Season-ticket sales may fall after the price rise."),
        ("Refund forms may be submitted at any branch until Friday.", "Refunds may be delayed by the strike."),
        ("Each candidate may nominate two observers for the count.", "The count may run into Sunday morning."),
    ],
)
def test_may_of_permission_is_no_hedge_and_may_of_possibility_is(model, leave, doubt):
    """Guidelines: "`could` or `may` of ability or permission" is not hedging."""
    assert "hedging" not in flags(model, leave)
    assert "hedging" in flags(model, doubt)


@pytest.mark.parametrize(
    "exact, approximate",
    [
        ("The levy is widely considered unfair to small farms.",
         "The levy is widely considered relatively unfair to small farms."),
        ("The reforms are widely seen as to blame for the strike.",
         "The reforms are widely seen as largely to blame for the strike."),
    ],
)
def test_an_approximator_does_not_take_speculation_away(model, exact, approximate):
    """Guideline 18: an agentless judgment is speculation. How exact its figures are ("roughly", "sort of")
    says nothing about whose belief it is, so an approximator must not cancel the flag (session 10's
    model scored the second of each pair 0.00)."""
    assert "unattributed_speculation" in flags(model, exact)
    assert "unattributed_speculation" in flags(model, approximate)


@pytest.mark.parametrize(
    "agentless, held",
    [
        ("The ferry is widely regarded as the safest on the coast.",
         "The ferry is regarded by the harbour master as the safest on the coast."),
        ("The old mill is generally considered the birthplace of the town.",
         "The old mill is considered by the town's heritage trust the birthplace of the town."),
    ],
)
def test_a_judgment_held_by_one_findable_holder_is_not_speculation(model, agentless, held):
    """Guideline 18: an agentless judgment passive is speculation; a holder a reader could find, named or
    described as one office or body ("by the harbour master", "by the town's heritage trust"), makes it
    neither (session 11's model before this rule scored such sentences 0.76 to 0.85)."""
    assert "unattributed_speculation" in flags(model, agentless)
    assert "unattributed_speculation" not in flags(model, held)


H, L, S = "hedging", "loaded_language", "unattributed_speculation"
GUIDELINE_CONTRASTS = [
    ("The bridge may reopen next week.", {H: 1}),
    ("The bridge reopens next week.", {H: 0}),
    ("The council said the bridge may reopen next week.", {H: 0}),
    ("The bridge is expected to reopen next week.", {H: 1}),
    ("Ministers slashed the housing budget.", {L: 1}),
    ("Ministers cut the housing budget by 12%.", {L: 0}),
    ("The storm killed nine people.", {L: 0}),
    ("The storm unleashed carnage on the coast.", {L: 1}),
    ("Insiders say the chief executive plans to quit.", {S: 1}),
    ("The chief executive said she plans to quit.", {S: 0}),
    ("The chief executive is said to be planning her exit.", {S: 1}),
    ("The chief executive resigned on Friday.", {S: 0}),
    ("The plant is expected to reopen in May.", {H: 1, S: 1}),
    ("The plant is expected to reopen in May, the operator said.", {H: 0, S: 0}),
    # The guidelines give (0, 0, 1); the model also flags "finest" as loaded (README, Known limits).
    ("The stadium is widely regarded as the finest in the league.", {H: 0, S: 1}),
    ("The stadium is regarded by the league's safety panel as the finest in the league.", {H: 0, L: 0, S: 0}),
    ("The fire appears to have started in the kitchen.", {H: 1}),
    ("The minister appeared before the committee.", {H: 0}),
    ("The United States may send troops.", {H: 1, L: 0, S: 0}),
    ("The State Department said the United States may send troops.", {H: 0, L: 0, S: 0}),
    ("Firefighters at the burned-out depot on Sunday.", {H: 0, L: 0, S: 0}),
    ("Cowardly beyond belief.", {H: 0, L: 1, S: 0}),
    ("The harbour board expects the ferry to stop in winter.", {H: 0, L: 0, S: 0}),
    ("Analysts expect the ferry to stop in winter.", {H: 0, L: 0, S: 1}),
    ("Okafor believes the ferry may stop in winter.", {H: 0, L: 0, S: 0}),
    ("I believe the ferry may stop in winter.", {H: 1, L: 0, S: 0}),
]


@pytest.mark.parametrize("text, expected", GUIDELINE_CONTRASTS, ids=[t for t, _ in GUIDELINE_CONTRASTS])
def test_the_guidelines_own_contrasts(model, text, expected):
    """Every "Contrast:" example of corpora/README.md, judged as the guidelines judge it. The corpus may
    not copy these lines (`rhetoric corpus check` warns), so the model meets them as unseen sentences."""
    raised = flags(model, text)
    assert {key: int(key in raised) for key in expected} == expected


@pytest.mark.parametrize("calm", ["Credit: Marta Ossowska / Harbour Press", "Get the weekend edition delivered.",
                                  "Comments are closed on this story.", "Doors open at 7pm.",
                                  "The ferry sails again at noon."])
def test_a_short_calm_unit_carries_no_flag(model, calm):
    """Captions, credits, reader prompts and one-line paragraphs are most of a web article's short units;
    a few words leave a linear model little to weigh, so none of them may tip it."""
    assert flags(model, calm) == []


@pytest.mark.parametrize("short, label", [("Craven, to the last.", L), ("A grubby little stitch-up.", L),
                                          ("Aides whisper that the chairman wants out.", S)])
def test_a_short_unit_with_a_cue_is_flagged(model, short, label):
    assert label in flags(model, short)


COMMITTEE = ("The council's planning committee, which has nine members drawn from the three largest parties, "
             "{verb} the {adjective}240-home scheme on the former tannery site on Wednesday evening, {rest} "
             "conditions on drainage and on the height of two blocks facing the river.")


def test_a_long_sentence_is_judged_by_its_words_not_its_length(model):
    """About a fifth of real sentences run 35 words or more; each extra word is another chance for a word the
    model half-associates with a label to tip it, so a long calm sentence must stay calm and the same
    sentence with the writer's charged words must not."""
    calm = COMMITTEE.format(verb="approved", adjective="", rest="subject to")
    charged = COMMITTEE.format(verb="rammed through", adjective="monstrous ", rest="brushing aside")
    assert len(calm.split()) >= 40
    assert "loaded_language" not in flags(model, calm)
    assert "loaded_language" in flags(model, charged)
