"""Batch scoring and gating on several processes and on a Dask cluster give one process's bytes."""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT


def _articles(count: int) -> list[tuple[str, str]]:
    grouped: dict[str, list[str]] = {}
    for path in sorted((ROOT / "corpora" / "written").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            grouped.setdefault(row["article"], []).append(row["text"])
    return [(article, " ".join(sentences)) for article, sentences in list(grouped.items())[:count]]


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("dask.distributed", reason="the test extras install dask[distributed]")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c.scheduler_address


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """600 articles: three batches of the JSON Lines path, and a bad line between them."""
    path = tmp_path_factory.mktemp("archive") / "archive.jsonl"
    lines = [json.dumps({"id": ident, "text": text}) for ident, text in _articles(600)]
    lines.insert(300, '{"id": "broken", "text": 7}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_jsonl_scoring_is_the_same_on_two_processes_and_on_a_cluster(invoke, archive, cluster):
    one = invoke("score", "--input-format", "jsonl", archive)
    two = invoke("score", "--input-format", "jsonl", "--jobs", "2", archive)
    spread = invoke("score", "--input-format", "jsonl", "--scheduler", cluster, archive)
    assert one.exit_code == two.exit_code == spread.exit_code == 3  # the bad line, reported
    assert len(one.stdout.splitlines()) == 600
    assert two.stdout == one.stdout and spread.stdout == one.stdout
    assert "archive.jsonl:301" in one.stderr and "archive.jsonl:301" in spread.stderr


def test_gating_is_the_same_on_two_processes_and_on_a_cluster(invoke, tmp_path, cluster):
    for ident, text in _articles(24):
        (tmp_path / f"{ident}.txt").write_text(text, encoding="utf-8")
    one = invoke("gate", tmp_path, "--jobs", "1", "--format", "json")
    two = invoke("gate", tmp_path, "--jobs", "2", "--format", "json")
    spread = invoke("gate", tmp_path, "--scheduler", cluster, "--format", "json")
    assert one.exit_code == two.exit_code == spread.exit_code
    assert len(one.stdout.splitlines()) == 24
    assert two.stdout == one.stdout and spread.stdout == one.stdout


def test_workers_render_text_verdicts_as_one_process_does(invoke, tmp_path):
    for ident, text in _articles(12):
        (tmp_path / f"{ident}.txt").write_text(text, encoding="utf-8")
    one = invoke("gate", tmp_path, "--jobs", "1")
    two = invoke("gate", tmp_path, "--jobs", "2")
    assert two.exit_code == one.exit_code and two.stdout == one.stdout
    assert one.stdout.count("\n") >= 12


def test_the_library_gets_verdicts_as_data_unless_it_asks_for_text(tmp_path):
    from rhetoric.articles import gate_files, render_verdict
    from rhetoric.gate import load_policy
    from rhetoric.store import load_model

    paths = []
    for ident, text in _articles(10):
        (tmp_path / f"{ident}.txt").write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / f"{ident}.txt"))
    model, policy = load_model(), load_policy(None)
    data = list(gate_files(paths, model, policy, None, jobs=2))
    lines = list(gate_files(paths, model, policy, None, jobs=2, fmt="json"))
    assert all(isinstance(result, dict) for _, (result, _error, _code) in data)
    assert [line for _, (line, _e, _c) in lines] == [render_verdict(r, "json") for _, (r, _e, _c) in data]


def test_where_processes_cannot_fork_workers_load_the_model_themselves(invoke, tmp_path, monkeypatch):
    """Forked workers inherit the loaded model; elsewhere (spawn-only platforms) joblib's loky workers
    load it once each. Both give one process's bytes."""
    import multiprocessing

    for ident, text in _articles(24):
        (tmp_path / f"{ident}.txt").write_text(text, encoding="utf-8")
    one = invoke("gate", tmp_path, "--jobs", "1", "--format", "json")
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    spawned = invoke("gate", tmp_path, "--jobs", "2", "--format", "json")
    assert spawned.exit_code == one.exit_code and spawned.stdout == one.stdout


def test_scheduler_mistakes_are_one_line_usage_errors(invoke, archive, tmp_path):
    unreachable = invoke("score", "--input-format", "jsonl", "--scheduler", "tcp://127.0.0.1:9", archive)
    assert unreachable.exit_code == 2 and "cannot reach the Dask scheduler" in unreachable.stderr
    assert len(unreachable.stderr.strip().splitlines()) == 1
    article = tmp_path / "a.txt"
    article.write_text("The council said the bridge may reopen.\n", encoding="utf-8")
    text_input = invoke("score", "--jobs", "2", article)
    assert text_input.exit_code == 2 and "--input-format jsonl" in text_input.stderr
