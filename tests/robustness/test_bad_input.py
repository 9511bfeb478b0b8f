"""Hostile or malformed input: the contract's exit code and one line on stderr, never a traceback."""

from __future__ import annotations

import json

import pytest

from ..conftest import SEED

GOOD = json.dumps({"id": "good", "text": "The council approved the budget on Tuesday."})


def _one_error_line(stderr: str) -> bool:
    errors = [line for line in stderr.splitlines() if not line.startswith("rhetoric: warning:")]
    return len(errors) == 1 and errors[0].startswith("rhetoric: error:")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[" * 5000, "nested too deeply"),
        ('{"id": "s", "text": "A lone \\ud800 half"}', "lone surrogate"),
        ('{"id": ["x"], "text": "Fine text here."}', '"id" must be'),
        ("[1, 2]", 'string "text"'),
    ],
    ids=["deep-nesting", "lone-surrogate", "id-list", "not-an-object"],
)
def test_bad_jsonl_lines_are_reported_and_good_ones_scored(invoke, line, message):
    result = invoke("score", "--input-format", "jsonl", "--format", "json", "-", input=f"{GOOD}\n{line}\n{GOOD}\n")
    assert result.exit_code == 3
    assert message in result.stderr and "-:2" in result.stderr
    assert [json.loads(r)["source"] for r in result.stdout.splitlines()] == ["good", "good"]


def test_reports_before_a_bad_line_reach_the_output_file(invoke, tmp_path):
    out = tmp_path / "reports.jsonl"
    result = invoke("score", "--input-format", "jsonl", "-o", out, "-", input=f"{GOOD}\n{'[' * 5000}\n")
    assert result.exit_code == 3
    assert len(out.read_text().splitlines()) == 1


@pytest.mark.parametrize("command", [["label", "--from"], ["evaluate"]])
def test_deeply_nested_or_surrogate_label_files_are_input_errors(invoke, tmp_path, command):
    for content in ("[" * 5000, '{"text": "x \\ud800", "hedging": 1}'):
        path = tmp_path / "rows.jsonl"
        path.write_text(content + "\n")
        extra = ["--corpus", tmp_path / "corpus"] if command[0] == "label" else []
        result = invoke(*command, path, *extra)
        assert result.exit_code == 3, result.stderr
        assert _one_error_line(result.stderr), result.stderr


def test_a_nul_byte_anywhere_is_refused(invoke, tmp_path):
    article = tmp_path / "late-nul.txt"
    article.write_bytes(SEED.read_bytes() * 3 + b"\x00 tail")
    result = invoke("score", article)
    assert result.exit_code == 3 and "NUL" in result.stderr


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
@pytest.mark.parametrize("key", ["min_share", "threshold", "max_score", "min_flagged"])
def test_non_finite_numbers_in_a_policy_are_refused(invoke, tmp_path, key, value):
    policy = tmp_path / "policy.toml"
    policy.write_text(f'[labels.loaded_language]\nlevel = "review"\nmin_flagged = 1\n{key} = {value}\n'
                      if key != "min_flagged" else f'[labels.loaded_language]\nlevel = "review"\n{key} = {value}\n')
    result = invoke("gate", "--policy", policy, "--format", "json", SEED)
    assert result.exit_code == 3, result.stderr
    assert f"{key} must be a finite" in result.stderr and _one_error_line(result.stderr)


def test_a_policy_nested_thousands_deep_is_an_input_error(invoke, tmp_path):
    policy = tmp_path / "deep.toml"
    policy.write_text("x = " + "[" * 2000 + "]" * 2000 + "\n")
    result = invoke("gate", "--policy", policy, SEED)
    assert result.exit_code == 3 and _one_error_line(result.stderr)


@pytest.mark.parametrize("line", ['C = [nan]', 'C = [inf]', 'ngram_max = [true]', 'min_df = [0]'])
def test_non_finite_or_wrong_training_grid_is_refused(tmp_path, line):
    from rhetoric.errors import InputError
    from rhetoric.train import read_config

    key = line.split()[0]
    grid = {"ngram_max": "[1]", "min_df": "[2]", "C": "[1.0]"}
    grid[key] = line.split("=", 1)[1].strip()
    config = tmp_path / "config.toml"
    config.write_text("[grid]\n" + "".join(f"{k} = {v}\n" for k, v in grid.items()))
    with pytest.raises(InputError, match=f"grid.{key}"):
        read_config(config)
