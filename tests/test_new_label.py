"""A new label needs nothing but its definition and its data.

The package is copied, the copy's `labels.py` gains a toy fourth label (`figures`: the sentence
states a number), a corpus subset gets that label judged, and the copy trains, scores (text, JSON,
HTML), gates and queues it in a subprocess. No other file of the copy is edited: everything
label-specific (report fields, schema enums, colours, policy keys, queue checks, exports) must
follow from the definition.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import jsonschema
import pytest

from .conftest import DATA, ROOT

TOY = '''    Label(
        key="figures",
        name="Figures",
        definition="The sentence states a number.",
        colour="green",
        mark="F",
        shade="#d9f2d9",
        ink="#2e7d32",
        highlight="overline",
    ),
)

LABEL_KEYS'''

DOMAINS = ("economy_markets", "sports", "health")


def _with_figures(line: str) -> str:
    row = json.loads(line)
    number = re.search(r"\d[\d,.]*\d|\d", row["text"])
    ordered = {k: v for k, v in row.items() if k != "passages"}
    ordered["figures"] = int(number is not None)
    ordered["passages"] = {**row["passages"], **({"figures": [number.group()]} if number else {})}
    return json.dumps(ordered, ensure_ascii=False)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("fourth")
    shutil.copytree(ROOT / "src" / "rhetoric", base / "src" / "rhetoric",
                    ignore=shutil.ignore_patterns("__pycache__", "model"))
    labels = base / "src" / "rhetoric" / "labels.py"
    source = labels.read_text(encoding="utf-8")
    assert source.count("\n)\n\nLABEL_KEYS") == 1
    labels.write_text(source.replace(")\n\nLABEL_KEYS", TOY, 1), encoding="utf-8")
    written = base / "corpora" / "written"
    written.mkdir(parents=True)
    for name in DOMAINS:
        lines = (ROOT / "corpora" / "written" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
        (written / f"{name}.jsonl").write_text("".join(_with_figures(line) + "\n" for line in lines), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(base / "src"), "RHETORIC_DB": str(base / "queue.sqlite"),
           "RHETORIC_MODEL": str(base / "model"), "NO_COLOR": "1"}

    def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "rhetoric", *map(str, args)], env=env, input=stdin,
                              capture_output=True, text=True, timeout=600)

    trained = run("train", "--corpus", base / "corpora", "--config", DATA / "fast_config.toml",
                  "--out", base / "model")
    assert trained.returncode == 0, trained.stderr
    article = base / "article.txt"
    # Three numbers, so the toy model (words only, no cues) is sure of the first sentence whatever the
    # corpus holds; with one number its score sat near its threshold.
    article.write_text("The council cut 40 jobs on Tuesday, 12 of them in its 3 libraries.\n\n"
                       "Officials said the plan may change before May.\n", encoding="utf-8")
    return {"base": base, "run": run, "article": article}


def test_the_copy_runs_its_own_labels(copy):
    probe = copy["run"]("schema")
    assert probe.returncode == 0
    assert json.loads(probe.stdout)["properties"]["labels"]["const"][-1] == "figures"


def test_a_fourth_label_is_trained_scored_and_rendered(copy):
    run, article = copy["run"], copy["article"]
    manifest = json.loads((copy["base"] / "model" / "manifest.json").read_text())
    assert manifest["labels"] == ["hedging", "loaded_language", "unattributed_speculation", "figures"]
    scored = run("score", article, "--format", "json")
    assert scored.returncode == 0, scored.stderr
    report = json.loads(scored.stdout)
    jsonschema.validate(report, json.loads(run("schema").stdout))
    first = report["sentences"][0]
    assert "figures" in first["flags"] and any(p["label"] == "figures" and p["text"] == "40" for p in first["passages"])
    text = run("score", article).stdout
    assert "F = Figures" in text and "[F: 40]" in text
    html = run("score", article, "--format", "html").stdout
    assert "mark.figures{border-top:3px double #2e7d32}" in html and '<mark class="figures"' in html


def test_a_fourth_label_is_gated_and_queued(copy):
    run, article, base = copy["run"], copy["article"], copy["base"]
    policy = base / "figures.toml"
    policy.write_text('[labels.figures]\nlevel = "review"\nmin_flagged = 1\n', encoding="utf-8")
    gated = run("gate", article, "--policy", policy, "--format", "json")
    assert gated.returncode == 1, gated.stderr
    assert json.loads(gated.stdout)["reasons"][0]["label"] == "figures"
    queued = run("queue", "add", article, "--policy", policy)
    assert queued.returncode == 0 and "review" in queued.stdout, queued.stderr
    decided = run("queue", "decide", "1", "--approve", "--relabel", "0", "figures=0")
    assert decided.returncode == 0, decided.stderr
    exported = run("queue", "export-labels")
    assert exported.returncode == 0, exported.stderr
    (row,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert row["figures"] == 0 and row["text"] == "The council cut 40 jobs on Tuesday, 12 of them in its 3 libraries."
