"""The exit-code contract under hostile input: queue damage, odd arguments, terminal escapes, encodings,
usage mistakes, and the small print of text output."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys

import pytest

from ..conftest import DATA, SEED

ESCAPES = "The minister \x1b[2J\x1b]0;owned\x07 said the \x9b31m plan may be a disgraceful betrayal.\n"


def _one_error_line(stderr: str) -> bool:
    lines = stderr.strip().splitlines()
    return len(lines) == 1 and lines[0].startswith("rhetoric: error:")


def _no_control_characters(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_standard_input_can_be_queued_and_is_read_once(invoke, tmp_path):
    db = tmp_path / "q.sqlite"
    text = (DATA / "tabloid_article.txt").read_text(encoding="utf-8")
    result = invoke("queue", "add", "--db", db, "-", input=text)
    assert result.exit_code == 0, result.stderr
    item = json.loads(invoke("queue", "show", "1", "--db", db, "--format", "json").stdout)
    assert item["text"] == text
    for s in item["report"]["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]


def test_damaged_queue_rows_and_impossible_ids_are_input_errors(invoke, tmp_path):
    db = tmp_path / "q.sqlite"
    assert invoke("queue", "add", "--db", db, SEED).exit_code == 0
    for command in (["show", "99999999999999999999999"], ["decide", "99999999999999999999999", "--approve"]):
        result = invoke("queue", *command, "--db", db)
        assert result.exit_code == 3 and _one_error_line(result.stderr), result.stderr
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE articles SET report = '{not json', reasons = '[' WHERE id = 1")
    for command in (["show", "1"], ["decide", "1", "--approve", "--relabel", "0", "hedging=1"]):
        result = invoke("queue", *command, "--db", db)
        assert result.exit_code == 3 and "damaged" in result.stderr and _one_error_line(result.stderr)


def test_a_relabel_index_must_be_plain_digits(invoke, tmp_path):
    db = tmp_path / "q.sqlite"
    invoke("queue", "add", "--db", db, SEED)
    result = invoke("queue", "decide", "1", "--approve", "--relabel", "²", "hedging=1", "--db", db)
    assert result.exit_code == 2 and _one_error_line(result.stderr)


def test_terminal_escapes_in_an_article_never_reach_the_terminal(invoke, tmp_path):
    article = tmp_path / "escapes.txt"
    article.write_text(ESCAPES, encoding="utf-8")
    db = tmp_path / "q.sqlite"
    invoke("queue", "add", "--db", db, article)
    outputs = {
        "score": invoke("score", article).stdout,
        "score --colour": invoke("score", "--colour", article).stdout,
        "gate": invoke("gate", article).stdout,
        "explain": invoke("explain", ESCAPES).stdout,
        "queue show": invoke("queue", "show", "1", "--db", db).stdout,
    }
    for name, output in outputs.items():
        without_our_colours = re.sub(r"\x1b\[[0-9;]*m", "", output) if "colour" in name else output
        assert _no_control_characters(without_our_colours), name
        assert "\\u001b[2J" in output or name == "gate", name
    assert "\x1b[2J" not in outputs["score --colour"]


def test_json_keeps_control_characters_as_json_escapes(invoke, tmp_path):
    article = tmp_path / "escapes.txt"
    article.write_text(ESCAPES, encoding="utf-8")
    report = json.loads(invoke("score", "--format", "json", article).stdout)
    assert report["sentences"][0]["text"] == ESCAPES.strip()


def test_no_colour_when_no_color_is_set():
    """On a terminal, colour is the default unless NO_COLOR is set (no-color.org)."""
    script = ("import sys; sys.stdout.isatty = lambda: True; from rhetoric.cli import main; "
              f"sys.argv = ['rhetoric', 'score', {str(SEED)!r}]; main()")
    for no_color, coloured in (("1", False), ("", True)):
        env = {**os.environ, "NO_COLOR": no_color}
        out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False)
        assert out.returncode == 0 and ("\x1b[" in out.stdout) == coloured


def test_an_emoji_under_a_latin1_terminal_is_escaped_not_a_crash(tmp_path):
    article = tmp_path / "emoji.txt"
    article.write_text("The minister said the plan \U0001f600 may fail.\n", encoding="utf-8")
    env = {**os.environ, "PYTHONIOENCODING": "latin-1"}
    for fmt in ("text", "json", "html"):
        out = subprocess.run([sys.executable, "-m", "rhetoric", "score", "--format", fmt, str(article)],
                             env=env, capture_output=True, check=False)
        assert out.returncode == 0, out.stderr
        if fmt == "json":
            assert "\U0001f600" in json.loads(out.stdout.decode("latin-1"))["sentences"][0]["text"]


@pytest.mark.parametrize("args", [["score", "--bogus", str(SEED)], ["score"], ["nonsense"], ["explain", ""],
                                  ["explain", "   "]])
def test_usage_errors_are_one_line_and_exit_2(invoke, args):
    result = invoke(*args)
    assert result.exit_code == 2 and _one_error_line(result.stderr), result.stderr


@pytest.mark.parametrize(("option", "code"), [("--db", 3), ("--policy", 3), ("--model", 4)])
def test_path_type_mistakes_are_input_or_model_errors(invoke, tmp_path, option, code):
    target = tmp_path if option != "--model" else SEED
    command = ["queue", "list"] if option == "--db" else ["gate", str(SEED)]
    result = invoke(*command, option, target)
    assert result.exit_code == code and _one_error_line(result.stderr), result.stderr


def test_a_passage_for_a_label_that_is_0_is_refused(invoke, tmp_path):
    rows = tmp_path / "rows.jsonl"
    rows.write_text(json.dumps({"text": "The bridge may reopen.", "hedging": 0,
                                "passages": {"hedging": ["may"]}}) + "\n")
    result = invoke("label", "--from", rows, "--corpus", tmp_path / "corpus")
    assert result.exit_code == 3 and "passages mark the words of a label that is 1" in result.stderr


def test_gate_text_says_what_it_counted_and_what_it_leaves_out(invoke, tmp_path):
    policy = tmp_path / "expected.toml"
    policy.write_text('[labels.unattributed_speculation]\nlevel = "review"\nmin_flagged = 3\ncount = "expected"\n')
    out = invoke("gate", SEED, "--policy", policy).stdout
    assert "expected (the sum of the sentences' probabilities)" in out
    from rhetoric.report.tables import verdict_text

    reason = {"level": "review", "rule": "labels.loaded_language.min_flagged", "value": 12, "limit": 3,
              "sentences": list(range(12)), "passages": [f"p{i}" for i in range(8)], "count": "flags"}
    text = verdict_text({"verdict": "review", "source": "a.txt", "reasons": [reason]})
    assert "9 and 2 more" in text and '"p5" and 2 more' in text


def test_one_sentence_is_singular(invoke, tmp_path):
    article = tmp_path / "one.txt"
    article.write_text("The council approved the budget on Tuesday.\n")
    assert "Summary: 1 sentence scored (1 unit)." in invoke("score", article).stdout


def test_progress_is_erased_before_results_are_printed(monkeypatch, capsys):
    from rhetoric import cli

    monkeypatch.setattr(cli.sys.stderr, "isatty", lambda: True, raising=False)
    with cli.progress_bar([1, 2], "Scoring") as items:
        for _ in items:
            cli._echo("result line")
    err = capsys.readouterr().err
    assert err.count("\r\x1b[K") >= 3 and err.endswith("\x1b[?25h")
