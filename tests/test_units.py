"""Small units: metrics, markup reduction, lexicon matching, the cue detectors."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import cues, features, lexicon
from rhetoric.markup import html_to_text, markdown_to_text
from rhetoric.metrics import best_f1, best_f1_threshold, expected_calibration_error, label_metrics, precision_threshold


def test_metrics_on_a_hand_computed_case():
    y = [1, 1, 0, 0, 1]
    p = [0.9, 0.6, 0.55, 0.1, 0.2]
    m = label_metrics(y, p, 0.5)
    assert (m["precision"], m["recall"], m["support"], m["n"]) == (pytest.approx(2 / 3, abs=1e-4),
                                                                   pytest.approx(2 / 3, abs=1e-4), 3, 5)
    assert m["brier"] == pytest.approx(np.mean((np.array(p) - np.array(y)) ** 2), abs=1e-4)
    assert best_f1_threshold(y, p) == 0.2  # flagging everything from 0.2 up finds all three
    # F1 is 0.857 at 0.2, 0.8 at 0.6, 0.75 at 0.1: the plateau within the tolerance, then its middle (a tie: the higher)
    assert best_f1_threshold(y, p, tolerance=0.06) == 0.6
    assert best_f1_threshold(y, p, tolerance=0.11) == 0.2
    assert precision_threshold(y, p, 1.0) == 0.6
    assert expected_calibration_error(np.array([1, 0]), np.array([1.0, 0.0])) == 0.0


def test_html_and_markdown_keep_visible_text_only():
    html = "<html><head><style>p{}</style></head><body><p>One &amp; two.</p><script>x()</script><p>Three</p></body>"
    assert html_to_text(html) == "One & two.\nThree"
    assert markdown_to_text("# Title\n\nSome *emphasis* here.\n\n- item") == "Title\nSome emphasis here.\n- item"


def test_lexicon_matches_longest_phrase_without_overlap():
    lex = lexicon.Lexicon.build("t", {("is",): "a", ("is", "said", "to"): "b", ("said",): "c"})
    assert lex.matches(["he", "is", "said", "to", "be", "said"]) == [(1, 4, "b"), (5, 6, "c")]


def test_lexicon_phrases_are_keyed_by_the_scoring_tokenizer():
    """Loading skips the tokenizer for plain lowercase words; every key must still be what the tokenizer
    makes of the phrase, or a phrase would never match a sentence."""
    from importlib.resources import files

    for path in files("rhetoric.lexicons").iterdir():
        if not path.name.endswith(".txt"):
            continue
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip() and line[0] != "#"]
        expected = {lexicon.words(line.partition("\t")[0]) for line in lines} - {()}
        assert set(lexicon.load(path.name[:-4]).phrases) == expected, path.name


_PHRASE_WORDS = sorted({w for lex in cues._lexicons()[1].lexicons for key in lex.phrases for w in key[:3]})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PHRASE_WORDS[::7] + ["the", "to", "of", "said", "may", "not"]), max_size=30))
def test_matching_lexicons_together_equals_matching_each(words):
    """The one-pass matcher the cues use finds what each lexicon finds on its own."""
    together = cues._lexicons()[1]
    assert together.matches(words) == [lex.matches(words) for lex in together.lexicons]


def test_tokens_keep_offsets_and_fold_numbers():
    text = "The \u2019Bank\u2019 lost 3.5% in 2024."
    toks = lexicon.tokens(text)
    assert [t.text for t in toks] == ["the", "bank", "lost", "0", "0", "in", "0"]
    assert [text[t.start : t.end] for t in toks] == ["The", "Bank", "lost", "3", "5", "in", "2024"]


def test_figurative_theft_needs_an_object_that_cannot_be_stolen_in_the_same_clause():
    def theft(text: str) -> list[str]:
        return [text[c.start : c.end] for c in cues.find(text) if c.feature == "loaded:figurative_theft"]

    assert theft("The regime plans to steal the northern islands next.") == ["steal the northern islands"]
    assert theft("Voters will not forget the stolen election.") == ["stolen election"]
    assert theft("The seats were stolen in plain sight.") == ["seats were stolen"]
    assert theft("Thieves stole four laptops from the school.") == []
    assert theft("He stole the ball at half-court.") == []
    assert theft("In the region, thieves stole cars.") == []


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 .,'\u2019-İßǅ٣é\u201cx"), max_size=60) | st.text(max_size=60))
def test_tokens_equal_normalising_each_regex_match(text):
    """The tokenizer's fast paths (folded lowercase copy, ASCII pattern) change no token or offset."""
    slow = [(lexicon._normal(m.group()), m.start(), m.end()) for m in lexicon.TOKEN.finditer(text)]
    assert list(lexicon.tokens(text)) == slow


def test_cues_see_quotes_sources_and_the_month_may():
    quoted = {c.feature for c in cues.find('Dr. Lee said the drug "may help some patients".')}
    assert "hedge of a named source" in quoted and "hedge:modal verb" not in quoted and "named source" in quoted
    unsaid = {c.feature for c in cues.find('The drug "may help some patients".')}
    assert "hedge in quote" in unsaid and "hedge:modal verb" not in unsaid
    vague = {c.feature for c in cues.find("Insiders say the chairman is quietly plotting his exit.")}
    assert {"vague source", "speculative frame", "unsourced speculation"} <= vague
    month = {c.feature for c in cues.find("The offensive began on May 10.")}
    assert not any(f.startswith("hedge") for f in month)
    row = features.cue_vector("Officials slashed the budget!")
    assert len(row) == len(features.FEATURES)


def test_a_flat_f1_curve_gives_the_middle_of_its_range_not_the_median_of_its_points():
    """F1 is 0.727 at 0.1, 0.667 at 0.3, 0.75 at 0.5 and 0.667 at 0.7 (0.6 at 0.2, 0.571 at 0.6): within
    0.1 of the best the plateau is 0.1, 0.3, 0.5 and 0.7. The midpoint of 0.1 and 0.7 in log-odds is
    -0.675, nearest 0.3 (log-odds -0.847); the median of the four points, 0.5, would move with where
    scores happen to be dense."""
    y = [1, 0, 1, 1, 1, 0, 0]
    p = [0.1, 0.2, 0.7, 0.9, 0.5, 0.3, 0.6]
    assert best_f1_threshold(y, p) == 0.5
    assert best_f1_threshold(y, p, tolerance=0.1) == 0.3


def test_best_f1_is_the_f1_at_the_best_f1_threshold():
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(1)
    for _ in range(50):
        n = int(rng.integers(5, 200))
        y, p = rng.integers(0, 2, n), np.round(rng.uniform(0, 1, n), 2)  # rounded: ties between sentences
        assert best_f1(y, p) == pytest.approx(f1_score(y, p >= best_f1_threshold(y, p), zero_division=0))
