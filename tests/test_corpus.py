"""The corpus: valid, balanced, split by article, and labeled consistently enough to learn from."""

from __future__ import annotations

import json

import pytest

from rhetoric.corpus import agreement, check, cohen_kappa, in_eval_split, read_corpus, stats

from .conftest import ROOT


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(ROOT / "corpora")


def test_corpus_check_passes(corpus):
    problems, warnings = check(corpus)
    assert problems == []
    assert warnings == []


def test_corpus_meets_its_size_and_balance_targets(corpus):
    st = stats(corpus)
    assert st["sentences"] >= 3000
    assert all(n >= 700 for n in st["positives"].values())
    assert len(st["domains"]) >= 10
    assert len(st["registers"]) >= 5


def test_evaluation_split_is_by_article_and_stable(corpus):
    articles = {ex.article for ex in corpus.written}
    held_out = {a for a in articles if in_eval_split(a)}
    assert 0.1 < len(held_out) / len(articles) < 0.3
    train_articles = {ex.article for ex in corpus.train if ex.article}
    assert not held_out & train_articles
    assert in_eval_split("health-014") == in_eval_split("health-014")


def test_no_seed_sentence_or_ten_word_run_is_in_the_corpus(corpus):
    import re

    def grams(text):
        w = re.sub(r"\W+", " ", text.lower()).split()
        return {" ".join(w[i : i + 10]) for i in range(len(w) - 9)}

    seed = set()
    for path in (ROOT / "seeds").glob("*.txt"):
        for line in path.read_text().splitlines():
            seed |= grams(line)
    assert not [ex.id for ex in corpus.written if grams(ex.text) & seed]


def test_blind_second_labeling_agrees(corpus):
    """Cohen's kappa of a blind relabeling from the guidelines alone (corpora/README.md, Agreement).

    Every sampled sentence must still be the sentence that was labeled: a rewrite makes its row stale.
    """
    result = agreement(corpus, ROOT / "corpora" / "agreement" / "blind_2026-12.jsonl")
    for key, row in result.items():
        assert row["n"] >= 300 and row["stale"] == 0, key
        assert row["kappa"] >= 0.8, key
        low, high = row["ci95"]
        assert low <= row["kappa"] <= high, key


def test_corpus_audit_finds_templates_copies_drills_and_contradictions(tmp_path):
    from rhetoric.corpus import Example
    from rhetoric.corpus_audit import contradictions, copied_examples, cue_drills, repeated_phrases

    def ex(text, article, hedging=0, loaded=0, where="f:1", id=""):
        return Example(text=text, labels={"hedging": hedging, "loaded_language": loaded,
                                          "unattributed_speculation": 0}, article=article, where=where, id=id)

    formula = [ex(f"In story {i} the plan was a cynical power grab by the board.", f"a-{i}") for i in range(12)]
    assert any("a cynical power grab" in w for w in repeated_phrases(formula))
    assert not any('"a cynical power grab"' in w for w in repeated_phrases(formula, ["a cynical power grab"]))
    guidelines = 'Contrast: "The ferry service is expected to resume next week." (1)'
    assert copied_examples([ex("Officials say the ferry service is expected to resume next week.", "b")], guidelines)
    discussed = '## Agreement\nThe labelers split on "the ferry service is expected to resume next week".'
    assert not copied_examples([ex("The ferry service is expected to resume next week.", "b")], discussed)
    drill = [ex(f"Ministers slashed budget number {i}.", "c", loaded=1) for i in range(5)]
    assert any("article c has \"loaded:emotive_verb\" in 5 of 5" in w for w in cue_drills(drill))
    assert cue_drills([ex(f"Ministers slashed budget number {i}.", "c", loaded=0) for i in range(5)]) == []
    passives = [ex("The mayor is said to jog at dawn.", "d", hedging=1, id="d-1"),
                ex("The coach is said to swim at dawn.", "e", hedging=1, id="e-1"),
                ex("The judge is said to cycle at dawn.", "f", hedging=0, id="f-1", where="f:9")]
    found = contradictions(passives)
    assert len(found) == 1 and found[0].startswith("f:9: distancing passive labeled hedging=0")
    assert contradictions(passives, {"f-1": "explained"}) == []


def test_kappa():
    assert cohen_kappa([1, 0, 1, 0], [1, 0, 1, 0]) == 1.0
    assert cohen_kappa([1, 1, 0, 0], [1, 0, 1, 0]) == 0.0


def test_user_label_for_a_written_sentence_replaces_it(tmp_path, corpus):
    import shutil

    target = tmp_path / "corpora"
    shutil.copytree(ROOT / "corpora" / "written", target / "written")
    held = next(ex for ex in corpus.written if in_eval_split(ex.article))
    row = {"text": held.text, "hedging": 1 - held.labels["hedging"], "loaded_language": None,
           "unattributed_speculation": None, "provenance": "review",
           "passages": {"hedging": [held.text.split()[0]]} if held.labels["hedging"] == 0 else {}}
    (target / "labels.jsonl").write_text(json.dumps(row) + "\n")
    again = read_corpus(target)
    assert held.text not in [ex.text for ex in again.evaluation]
    trained = [ex for ex in again.train if ex.text == held.text]
    assert len(trained) == 1 and trained[0].provenance == "review"
