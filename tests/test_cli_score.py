"""The score command end to end: contract, passages on the example article, every bad input."""

from __future__ import annotations

import json

import pytest

from rhetoric.passages import FLAG_FLOOR

from .conftest import DATA, SEED


def _schema_validator():
    import jsonschema

    from rhetoric.report import schema

    return jsonschema.Draft202012Validator(schema())


def test_example_article_meets_the_json_contract(invoke, seed_text):
    result = invoke("score", "--format", "json", SEED)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    _schema_validator().validate(report)
    assert report["labels"] == ["hedging", "loaded_language", "unattributed_speculation"]
    for s in report["sentences"]:
        assert seed_text[s["start"] : s["end"]] == s["text"]
        for p in s["passages"]:
            assert seed_text[p["start"] : p["end"]] == p["text"]
            assert s["start"] <= p["start"] < p["end"] <= s["end"]
            assert p["label"] in s["flags"]
        if s["prose"]:
            assert set(s["scores"]) == set(report["labels"])
            # a flag needs its score at the threshold and a passage that carries it (passages.FLAG_FLOOR)
            assert set(s["flags"]) <= {k for k in report["labels"] if s["scores"][k] >= report["thresholds"][k]}
            for k in s["flags"]:
                assert any(p["label"] == k and p["weight"] >= FLAG_FLOOR for p in s["passages"])
        else:
            assert s["scores"] is None and s["flags"] == [] and s["passages"] == []
    assert report["summary"]["flagged"] == {
        k: sum(k in s["flags"] for s in report["sentences"]) for k in report["labels"]
    }


def test_example_article_loaded_passages(invoke):
    """The passages the project was specified from; both come from the model's contributions."""
    report = json.loads(invoke("score", "--format", "json", SEED).stdout)
    loaded = {p["text"] for s in report["sentences"] for p in s["passages"] if p["label"] == "loaded_language"}
    assert {"steal areas", "trigger WW3"} <= loaded


def test_example_article_furniture_is_not_scored(invoke):
    report = json.loads(invoke("score", "--format", "json", SEED).stdout)
    furniture = {s["text"]: s for s in report["sentences"] if s["text"] in ("Comments", "Post a Comment")}
    assert set(furniture) == {"Comments", "Post a Comment"}
    assert all(not s["prose"] and not s["flags"] for s in furniture.values())


def test_text_report_marks_passages_in_a_pipe(invoke):
    result = invoke("score", SEED)
    assert result.exit_code == 0
    assert "[L" in result.stdout and "Summary:" in result.stdout
    assert "\x1b[" not in result.stdout


def test_stdin_and_several_inputs(invoke, tmp_path):
    text = (DATA / "wire_article.txt").read_text()
    result = invoke("score", "--format", "json", "-", input=text)
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"] == "-"
    result = invoke("score", "--format", "json", DATA / "wire_article.txt", DATA / "tabloid_article.txt")
    lines = result.stdout.strip().splitlines()
    names = [json.loads(line)["source"].rsplit("/", 1)[-1] for line in lines]
    assert names == ["wire_article.txt", "tabloid_article.txt"]
    out = tmp_path / "reports"
    result = invoke("score", "--format", "html", "-o", out, DATA / "wire_article.txt", DATA / "tabloid_article.txt")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["tabloid_article.html", "wire_article.html"]


def test_jsonl_input_scores_each_line_and_reports_bad_lines(invoke, tmp_path):
    src = tmp_path / "articles.jsonl"
    src.write_text(
        json.dumps({"id": "a1", "text": "The council met on Monday. It approved the budget."}) + "\n"
        + "not json\n"
        + json.dumps({"id": "a2", "text": "Insiders say the mayor is quietly plotting a comeback."}) + "\n"
    )
    result = invoke("score", "--input-format", "jsonl", src)
    assert result.exit_code == 3
    ids = [json.loads(line)["source"] for line in result.stdout.splitlines()]
    assert ids == ["a1", "a2"]
    assert f"{src}:2: not valid JSON" in result.stderr


def test_html_escapes_article_markup(invoke, tmp_path):
    article = tmp_path / "evil.txt"
    article.write_text('The mayor said <script>alert(1)</script> and <img src=x onerror="alert(2)"> were seen.\n')
    result = invoke("score", "--format", "html", article)
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "<img" not in result.stdout
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        (b"\x00\x01\x02binary", "binary"),
        (b"Caf\xe9 au lait.", "not valid UTF-8 at byte 3"),
        (b"   \n", "empty"),
    ],
)
def test_bad_inputs_exit_3_with_one_line(invoke, tmp_path, content, message):
    path = tmp_path / "article.txt"
    if content is not None:
        path.write_bytes(content)
    result = invoke("score", path)
    assert result.exit_code == 3
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_directory_and_huge_file_exit_3(invoke, tmp_path):
    assert invoke("score", tmp_path).exit_code == 3
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"word " * (1_100_000))
    result = invoke("score", huge)
    assert result.exit_code == 3 and "limit" in result.stderr


def test_several_inputs_are_all_processed_and_the_worst_code_wins(invoke, tmp_path):
    result = invoke("score", "--format", "json", tmp_path / "missing.txt", DATA / "wire_article.txt")
    assert result.exit_code == 3
    assert len(result.stdout.strip().splitlines()) == 1


def test_usage_errors_exit_2(invoke):
    assert invoke("score").exit_code == 2
    assert invoke("score", "--format", "pdf", SEED).exit_code == 2
    assert invoke("no-such-command").exit_code == 2


def test_non_english_text_is_scored_with_a_warning(invoke, tmp_path):
    path = tmp_path / "fr.txt"
    path.write_text("Le gouvernement a annoncé mardi une hausse des impôts pour les ménages les plus riches du pays.")
    result = invoke("score", "--format", "json", path)
    assert result.exit_code == 0
    assert "English-only" in result.stderr
    assert json.loads(result.stdout)["warnings"]


def test_schema_command_prints_the_shipped_schema(invoke):
    result = invoke("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$id"] == "rhetoric.report/1"


def test_the_schema_file_agrees_with_the_label_definitions():
    """`rhetoric schema` makes the label parts from `labels.LABELS`; the file in the package, read
    by tools that never run rhetoric, must say the same. If a label is added, regenerate it:
    rhetoric schema > src/rhetoric/report/schema.json"""
    from importlib.resources import files

    from rhetoric.report import schema

    on_disk = json.loads(files("rhetoric.report").joinpath("schema.json").read_text(encoding="utf-8"))
    assert on_disk == schema()
