"""The review gate: policy validation, rules, allow-lists, threshold overrides, verdicts and exit codes."""

from __future__ import annotations

import json

import pytest

from rhetoric.errors import InputError
from rhetoric.gate import load_policy, parse_policy, verdict

from .conftest import DATA, SEED


def report_with(flags_per_sentence, scores=0.9):
    """A minimal rhetoric.report/1 object: one prose sentence per entry, flagged for the given labels."""
    sentences = []
    for i, entry in enumerate(flags_per_sentence):
        labels = entry if isinstance(entry, (list, tuple)) else [entry] if entry else []
        text = f"Sentence {i} is here."
        sentences.append({
            "index": i, "start": 0, "end": len(text), "text": text, "prose": True,
            "scores": {k: (scores if k in labels else 0.1) for k in ("hedging", "loaded_language",
                                                                     "unattributed_speculation")},
            "flags": list(labels),
            "passages": [{"label": k, "start": 0, "end": 8, "text": "Sentence"} for k in labels],
        })
    return {"source": "x", "sentences": sentences, "summary": {"prose": len(sentences)}}


def policy(text: str):
    import tomllib

    return parse_policy(tomllib.loads(text), "test.toml")


def test_count_share_and_score_rules():
    p = policy('[labels.loaded_language]\nlevel = "review"\nmin_flagged = 2\n')
    assert verdict(report_with(["loaded_language", None, None]), p)["verdict"] == "pass"
    result = verdict(report_with(["loaded_language", "loaded_language", None]), p)
    assert result["verdict"] == "review"
    assert result["reasons"][0]["rule"] == "labels.loaded_language.min_flagged"
    assert result["reasons"][0]["sentences"] == [0, 1]
    share = policy('[labels.hedging]\nlevel = "review"\nmin_share = 0.5\n')
    assert verdict(report_with(["hedging", None]), share)["verdict"] == "review"
    assert verdict(report_with(["hedging", None, None]), share)["verdict"] == "pass"
    top = policy('[labels.hedging]\nlevel = "review"\nmax_score = 0.95\n')
    assert verdict(report_with(["hedging"], scores=0.96), top)["verdict"] == "review"
    assert verdict(report_with(["hedging"], scores=0.94), top)["verdict"] == "pass"


def test_warn_level_reports_but_passes_and_review_reasons_come_first():
    p = policy('[labels.hedging]\nlevel = "warn"\nmin_flagged = 1\n'
               '[labels.loaded_language]\nlevel = "review"\nmin_flagged = 1\n')
    result = verdict(report_with([["hedging", "loaded_language"]]), p)
    assert [r["level"] for r in result["reasons"]] == ["review", "warn"]
    only_warn = verdict(report_with(["hedging"]), p)
    assert only_warn["verdict"] == "pass" and only_warn["reasons"][0]["level"] == "warn"


def test_allowed_passages_are_marked_and_count_for_nothing():
    p = policy('[labels.loaded_language]\nlevel = "review"\nmin_flagged = 1\n[allow]\nphrases = ["sentence"]\n')
    result = verdict(report_with(["loaded_language"]), p)
    assert result["verdict"] == "pass"
    assert result["report"]["sentences"][0]["passages"][0]["allowed"] is True


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[labels.sarcasm]\nlevel = "review"\nmin_flagged = 1\n', "labels.sarcasm"),
        ('[labels.hedging]\nlevel = "loud"\nmin_flagged = 1\n', "labels.hedging.level"),
        ('[labels.hedging]\nmin_share = 2\n', "labels.hedging.min_share"),
        ('[labels.hedging]\nmin_flagged = "three"\n', "labels.hedging.min_flagged"),
        ('[labels.hedging]\nlevel = "review"\n', "labels.hedging"),
        ('[labels.hedging]\nmin_flagged = 1\ncolour = "red"\n', "labels.hedging.colour"),
        ('[allow]\nphrases = "alleged"\n', "allow.phrases"),
        ('[extra]\n', "'extra'"),
    ],
)
def test_policy_errors_name_the_key(text, key):
    with pytest.raises(InputError, match=key.replace(".", r"\.")):
        policy(text)


def test_default_policy_is_valid():
    p = load_policy()
    assert p.rules["loaded_language"].level == "review"


def test_example_article_needs_review_and_a_wire_article_passes(invoke):
    result = invoke("gate", "--format", "json", SEED, DATA / "wire_article.txt")
    assert result.exit_code == 1
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    verdicts = {r["source"].rsplit("/", 1)[-1]: r for r in rows}
    assert verdicts["000_9d25f3013ebffe61.txt"]["verdict"] == "review"
    assert verdicts["000_9d25f3013ebffe61.txt"]["reasons"]
    assert verdicts["wire_article.txt"]["verdict"] == "pass"
    assert all(r["report"]["schema"] == "rhetoric.report/1" for r in rows)
    assert invoke("gate", DATA / "wire_article.txt").exit_code == 0


def test_threshold_override_changes_flags_and_verdict_together(invoke, tmp_path):
    strict = tmp_path / "strict.toml"
    strict.write_text('[labels.hedging]\nlevel = "review"\nmin_flagged = 1\nthreshold = 0.01\n')
    default = json.loads(invoke("gate", "--format", "json", SEED).stdout)
    result = invoke("gate", "--policy", strict, "--format", "json", SEED)
    row = json.loads(result.stdout)
    assert row["report"]["thresholds"]["hedging"] == 0.01
    flagged = [s["index"] for s in row["report"]["sentences"] if "hedging" in s["flags"]]
    assert len(flagged) > default["report"]["summary"]["flagged"]["hedging"]
    assert row["verdict"] == "review" and result.exit_code == 1
    by_score = sorted(flagged, key=lambda i: -row["report"]["sentences"][i]["scores"]["hedging"])
    assert row["reasons"][0]["sentences"] == by_score


def test_gate_exit_codes_for_errors(invoke, tmp_path):
    bad_policy = tmp_path / "bad.toml"
    bad_policy.write_text("[labels.hedging\n")
    assert invoke("gate", "--policy", bad_policy, SEED).exit_code == 3
    assert invoke("gate", tmp_path / "missing.txt").exit_code == 3
    mixed = invoke("gate", tmp_path / "missing.txt", SEED)
    assert mixed.exit_code == 3  # input error outranks "needs review"
    assert invoke("gate", "--model", tmp_path, SEED).exit_code == 4
    assert invoke("gate").exit_code == 2


def test_gate_walks_directories_for_articles_in_three_formats(invoke, tmp_path):
    (tmp_path / "a.txt").write_text((DATA / "wire_article.txt").read_text())
    (tmp_path / "b.md").write_text("# Ferry news\n\nThe ferry timetable was approved on *Tuesday* by the board.\n")
    (tmp_path / "c.html").write_text(
        "<html><head><script>var x=1;</script></head><body><h1>Ferry</h1>"
        "<p>The board approved the timetable on Tuesday &amp; Wednesday.</p></body></html>"
    )
    (tmp_path / "skip.json").write_text("{}")
    result = invoke("gate", "--format", "json", tmp_path)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in rows] == ["a.txt", "b.md", "c.html"]
    html = rows[2]["report"]
    assert "var x" not in json.dumps(html)
    assert any("Tuesday & Wednesday" in s["text"] for s in html["sentences"])


def test_batch_uses_worker_processes_and_keeps_order(invoke, tmp_path):
    for i in range(10):
        source = DATA / ("tabloid_article.txt" if i % 2 else "wire_article.txt")
        (tmp_path / f"{i:02d}.txt").write_text(source.read_text())
    result = invoke("gate", "--jobs", "2", "--format", "json", tmp_path)
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in rows] == [f"{i:02d}.txt" for i in range(10)]
    assert [r["verdict"] for r in rows] == ["pass", "review"] * 5
    assert result.exit_code == 1


def test_expected_counting_sums_every_scored_sentences_probability():
    p = policy('[labels.loaded_language]\nlevel = "review"\nmin_flagged = 2\ncount = "expected"\n')
    # three sentences at 0.7 and none flagged would not fire by flags; expected count 2.1 does
    report = report_with([None, None, None])
    for s in report["sentences"]:
        s["scores"]["loaded_language"] = 0.7
    result = verdict(report, p)
    assert result["verdict"] == "review" and result["reasons"][0]["value"] == 2.1
    calm = report_with([None, None, None])
    assert verdict(calm, p)["verdict"] == "pass"  # 3 x 0.1 = 0.3


def test_count_must_be_flags_or_expected():
    with pytest.raises(InputError, match="count must be one of flags, expected"):
        policy('[labels.hedging]\nmin_flagged = 2\ncount = "sum"\n')
