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
