"""Passages: offsets inside their sentence, text equal to the slice, none without a flag, from the model."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric.analysis import analyze
from rhetoric.explain import explain
from rhetoric.passages import find_passages
from rhetoric.scorer import Contribution

ARTICLE = (
    "Fat-cat bosses pocketed jaw-dropping bonuses while the utterly shameless board slashed pensions.\n"
    "Insiders say the chairman is quietly plotting his exit.\n"
    "The new rates may rise again next year, analysts said.\n"
    "The council approved the budget on Tuesday by nine votes to two.\n"
)


def test_passages_are_slices_of_their_flagged_sentence(model):
    report = analyze(ARTICLE, model, "test")
    assert any(s["passages"] for s in report["sentences"])
    for s in report["sentences"]:
        if not s["flags"]:
            assert s["passages"] == []
        for p in s["passages"]:
            assert s["start"] <= p["start"] < p["end"] <= s["end"]
            assert ARTICLE[p["start"] : p["end"]] == p["text"]
            assert p["label"] in s["flags"]


def test_passages_name_the_charged_words_and_cues(model):
    report = analyze(ARTICLE, model, "test")
    by_label: dict[str, list[str]] = {}
    for s in report["sentences"]:
        for p in s["passages"]:
            by_label.setdefault(p["label"], []).append(p["text"].lower())
    loaded = " ".join(by_label.get("loaded_language", []))
    assert "jaw-dropping" in loaded or "fat-cat" in loaded or "shameless" in loaded
    assert any("insiders" in p or "quietly" in p for p in by_label.get("unattributed_speculation", []))
    plain = report["sentences"][3]
    assert plain["flags"] == [] and plain["passages"] == []


def test_explain_lists_what_pushes_each_label(model):
    result = explain("Insiders say the minister is quietly plotting a humiliating climbdown.", model)
    spec = result["labels"]["unattributed_speculation"]
    assert spec["flagged"] and spec["passages"]
    assert spec["up"] and all(item["weight"] > 0 for item in spec["up"])
    assert all(item["weight"] < 0 for item in result["labels"]["hedging"]["down"])


def test_explain_flags_exactly_what_a_report_flags(model):
    """`explain` and a report agree: a score over the threshold with no passage that carries it is
    flagged by neither (the shipped model of session 16 scores "a" 0.94 for loaded language, no passage)."""
    from rhetoric.analysis import analyze

    for text in ("a", "Insiders say the minister is quietly plotting a humiliating climbdown.",
                 "The council said the bridge may reopen next week."):
        explained = explain(text, model)["labels"]
        (scored,) = analyze(text, model)["sentences"]
        for key, entry in explained.items():
            assert entry["flagged"] == (key in scored["flags"]), (text, key)
            shown = [(p["start"], p["end"]) for p in scored["passages"] if p["label"] == key]
            assert [(p["start"], p["end"]) for p in entry["passages"]] == shown, (text, key)


def test_passages_from_word_shares_equal_passages_from_contributions(model):
    """The report's faster path (`LinearScorer.shares`) must find exactly the general path's passages."""
    from rhetoric.sentences import split

    text = ARTICLE + "Ministers want to steal the islands and trigger WW3, insiders say; the plan may fail.\n"
    for unit in split(text):
        for j, key in enumerate(("hedging", "loaded_language", "unattributed_speculation")):
            token_weight, cues = model.scorer.shares(unit.text, j)
            fast = find_passages(key, unit.text, cues, unit.start, token_weight)
            general = find_passages(key, unit.text, model.scorer.contributions(unit.text, j), unit.start)
            assert fast == general


def test_function_words_inside_a_cue_stay_in_its_passage():
    text = "The town is on edge tonight."
    start = text.index("on edge")
    (passage,) = find_passages("loaded_language", text, [Contribution(start, start + 7, 2.0, "emotional state")])
    assert passage.text == "on edge" and passage.reason == "emotional state"
    (learned,) = find_passages("loaded_language", text, [Contribution(start, start + 2, 1.0, ""),
                                                          Contribution(start + 3, start + 7, 1.0, "")])
    assert learned.text == "edge"


def test_a_frame_is_one_passage_even_where_one_word_leans_the_other_way():
    """The cue "is believed to" carries speculation as a whole, though "believed" alone (a learned
    unigram) pushes against it; the flag keeps the frame as its passage instead of none."""
    text = "The cliff is believed to be haunted."
    start = text.index("is believed to")
    words = [0.2, 0.0, 0.9, -1.6, 0.4, 0.9, 0.0]  # per token: The cliff is believed to be haunted
    (passage,) = find_passages("unattributed_speculation", text,
                               [Contribution(start, start + len("is believed to"), 2.6, "agentless report")],
                               token_weight=words, flagged=True)
    assert passage.text == "is believed to" and passage.reason == "agentless report"


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=200),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 30), st.floats(-5, 5)), max_size=12),
)
def test_passages_from_any_contributions_stay_inside_the_sentence(text, spans):
    contributions = [Contribution(a, min(len(text), a + n), w, "cue") for a, n, w in spans if a < len(text)]
    for p in find_passages("loaded_language", text, contributions, offset=7):
        assert 7 <= p.start < p.end <= 7 + len(text)
        assert text[p.start - 7 : p.end - 7] == p.text
        assert p.weight > 0


def test_a_flag_needs_a_passage_that_carries_it():
    """A label scored over its threshold is flagged only when one passage carries enough of the score:
    FLAG_FLOOR for a cue, LEARNED_FLOOR for a word the model learned from the corpus alone. A stray
    word with +0.3, or a topic word with +0.8 and no cue behind it, gives the editor nothing to act on."""
    from rhetoric.analysis import carrying_passages
    from rhetoric.features import prepare
    from rhetoric.passages import FLAG_FLOOR, LEARNED_FLOOR

    sentence = prepare("Sources close to the club say the deal is off.")
    cue_span = [Contribution(0, len("Sources"), FLAG_FLOOR + 0.05, "vague source")]

    class Scorer:
        def __init__(self, weight: float, cues=()):
            self.weight, self.cues = weight, list(cues)

        def shares(self, item, label):
            return [self.weight] + [0.0] * (len(sentence.tokens) - 1), self.cues

    assert carrying_passages(Scorer(0.3), sentence, "loaded_language") == []
    assert carrying_passages(Scorer(FLAG_FLOOR + 0.05), sentence, "loaded_language") == []
    (learned,) = carrying_passages(Scorer(LEARNED_FLOOR + 0.05), sentence, "loaded_language")
    assert learned.text == "Sources" and learned.reason == "learned wording"
    (cued,) = carrying_passages(Scorer(0.0, cue_span), sentence, "unattributed_speculation")
    assert cued.text == "Sources" and cued.reason == "vague source"


def test_a_cue_and_a_learned_word_beside_it_are_separate_passages():
    """No neighbour is pulled in: "board" (a word the model learned) before the frame "is said to" is
    its own passage with its own weight, not part of the frame's."""
    text = "The board is said to be plotting."
    start = text.index("is said to")
    words = [0.0, 1.2, 0.0, 0.0, 0.0, 0.0, 0.0]  # per token: The board is said to be plotting
    found = find_passages("unattributed_speculation", text,
                          [Contribution(start, start + len("is said to"), 3.0, "agentless report")],
                          token_weight=words, flagged=True)
    assert [(p.text, p.reason) for p in found] == [("board", "learned wording"), ("is said to", "agentless report")]


def test_a_cue_that_feeds_several_features_is_kept_whole():
    """One matched cue feeds several feature columns ("intensifier" and "loaded words"); its passage
    is judged by their sum, so a strong two-word cue is not lost beside a stronger one-word cue."""
    text = "Bosses pocketed jaw-dropping bonuses."
    verb, cue = text.index("pocketed"), text.index("jaw-dropping")
    contributions = [Contribution(verb, verb + 8, 6.0, "emotive verb"),
                     Contribution(cue, cue + 12, 1.8, "intensifier"), Contribution(cue, cue + 12, 1.8, "intensifier")]
    texts = {p.text for p in find_passages("loaded_language", text, contributions, flagged=True)}
    assert "jaw-dropping" in " ".join(texts)


def test_a_cue_that_carries_a_flag_alone_is_a_passage_beside_a_much_stronger_one():
    """The relative cutoff keeps weak neighbours out of a passage; it does not hide a cue that carries a
    flag by itself ("Fat-cat bosses", +2.7) because another carries more ("pocketed", +10)."""
    text = "Fat-cat bosses at the firm pocketed bonuses."
    verb = text.index("pocketed")
    contributions = [Contribution(0, len("Fat-cat bosses"), 2.7, "pejorative"),
                     Contribution(verb, verb + 8, 10.0, "emotive verb")]
    texts = [p.text for p in find_passages("loaded_language", text, contributions, flagged=True)]
    assert texts == ["Fat-cat bosses", "pocketed"]


def test_a_distilled_word_score_alone_needs_the_learned_floor():
    """A word whose only reason is its distilled loadedness score is learned evidence, like learned
    wording: between the cue floor and the learned floor it carries no flag ("achieve", +0.9)."""
    from rhetoric.passages import DISTILLED, FLAG_FLOOR, LEARNED_FLOOR, Passage, carries

    between = (FLAG_FLOOR + LEARNED_FLOOR) / 2
    assert not carries(Passage("loaded_language", 0, 7, "achieve", between, DISTILLED))
    assert carries(Passage("loaded_language", 0, 7, "savaged", between, "emotive verb"))
    assert carries(Passage("loaded_language", 0, 7, "achieve", LEARNED_FLOOR, DISTILLED))


def test_every_flag_a_report_raises_has_a_passage_of_its_label(model):
    """An editor acts on passages: a flagged sentence names, for each of its flags, the words that carry
    it (the example article and the test articles, every label)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    articles = [*sorted((root / "seeds").glob("*.txt")), root / "tests" / "data" / "tabloid_article.txt",
                root / "tests" / "data" / "wire_article.txt"]
    flags = 0
    for path in articles:
        for sentence in analyze(path.read_text(encoding="utf-8"), model, path.name)["sentences"]:
            for key in sentence["flags"]:
                flags += 1
                assert any(p["label"] == key for p in sentence["passages"]), (path.name, sentence["text"], key)
    assert flags >= 20
