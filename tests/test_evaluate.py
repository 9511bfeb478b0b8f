"""Sentence, passage and article-level evaluation (`rhetoric evaluate`)."""

from __future__ import annotations

import json

import numpy as np

from rhetoric.corpus import Example
from rhetoric.evaluate import article_metrics, spearman
from rhetoric.gate import parse_policy

POLICY = parse_policy({"labels": {"loaded_language": {"level": "review", "min_flagged": 2}}}, "test")


def articles(spec: dict[str, list[int]]) -> list[Example]:
    """Examples grouped in articles, with loaded_language labels as given (other labels unjudged)."""
    out = []
    for name, labels in spec.items():
        for i, y in enumerate(labels):
            out.append(Example(text=f"{name} {i}", labels={"hedging": None, "loaded_language": y,
                                                          "unattributed_speculation": None}, article=name))
    return out


def test_article_metrics_apply_the_policy_to_annotators_and_model():
    examples = articles({"a": [1, 1, 0, 0, 0, 0], "b": [0] * 6, "c": [1, 0, 0, 0, 0, 0], "short": [1, 1]})
    scores = np.zeros((len(examples), 3))
    flagged = {("a", 0), ("a", 1), ("b", 0), ("b", 1), ("c", 0)}
    for i, ex in enumerate(examples):
        name, k = ex.text.split()
        scores[i, 1] = 0.9 if (name, int(k)) in flagged else 0.1
    m = article_metrics(examples, scores, {"hedging": 0.5, "loaded_language": 0.5,
                                           "unattributed_speculation": 0.5}, POLICY)["loaded_language"]
    assert m["articles"] == 3  # "short" has fewer than six sentences
    assert m["confusion"] == {"tp": 1, "fp": 1, "fn": 0, "tn": 1}
    assert m["balanced_accuracy"] == 0.75
    assert set(article_metrics(examples, scores, {k: 0.5 for k in ("hedging", "loaded_language",
                                                                    "unattributed_speculation")}, POLICY)) == {
        "loaded_language"}


def test_a_flag_without_a_passage_is_not_counted():
    """Evaluation counts the flags a report raises: a score over the threshold whose flag would have no
    passage is dropped from the report, and so from precision and recall."""
    from rhetoric.metrics import label_metrics

    y, p = [1, 0, 1], [0.9, 0.9, 0.2]
    assert label_metrics(y, p, 0.5)["precision"] == 0.5
    dropped = label_metrics(y, p, 0.5, carried=[True, False, True])
    assert (dropped["precision"], dropped["recall"]) == (1.0, 0.5)
    assert dropped["average_precision"] == label_metrics(y, p, 0.5)["average_precision"]  # ranking unchanged


def test_undefined_measures_are_none_not_zero():
    examples = articles({"a": [0] * 6, "b": [0] * 6})
    scores = np.full((len(examples), 3), 0.1)
    m = article_metrics(examples, scores, {"hedging": 0.5, "loaded_language": 0.5,
                                           "unattributed_speculation": 0.5}, POLICY)["loaded_language"]
    assert m["balanced_accuracy"] is None and m["spearman_share"] is None
    assert spearman([1, 2, 3], [3, 2, 1]) == -1.0


def test_evaluate_articles_through_the_cli(tmp_path, invoke):
    rows = []
    for a in range(3):
        for i in range(6):
            text = ("Ministers slashed the budget in a brutal raid on families." if a == 0 and i < 3
                    else f"The council met on day {i} of the session in hall {a}.")
            rows.append({"text": text, "hedging": None, "loaded_language": int(a == 0 and i < 3),
                         "unattributed_speculation": None, "article": f"art-{a}", "source": "t"})
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = invoke("evaluate", data, "--articles", "--format", "json")
    assert result.exit_code == 0, result.stderr
    loaded = json.loads(result.stdout)["articles"]["loaded_language"]
    assert loaded["articles"] == 3 and sum(loaded["confusion"].values()) == 3
    text = invoke("evaluate", data, "--articles")
    assert "articles loaded_language" in text.stdout and "balanced accuracy" in text.stdout
