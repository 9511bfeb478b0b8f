"""The review loop through the command line: add, decide with corrections, export, label, retrain."""

from __future__ import annotations

import json
import shutil

from rhetoric.store import load_model

from .conftest import DATA, ROOT, SEED
from .test_train import copy_subset


def test_queue_round_trip_changes_the_corrected_flag(invoke, tmp_path):
    db = tmp_path / "q.sqlite"
    added = invoke("queue", "add", "--db", db, SEED, DATA / "wire_article.txt")
    assert added.exit_code == 0, added.stderr
    assert "#1 added" in added.stdout and "(review)" in added.stdout and "#2 added" in added.stdout
    again = invoke("queue", "add", "--db", db, SEED)
    assert "#1 already queued" in again.stdout
    listed = json.loads(invoke("queue", "list", "--db", db, "--status", "review", "--format", "json").stdout)
    assert [row["id"] for row in listed] == [1]

    report = json.loads(invoke("queue", "show", "1", "--db", db, "--format", "json").stdout)["report"]
    threshold = report["thresholds"]["loaded_language"]
    flagged = [s for s in report["sentences"] if "loaded_language" in s["flags"]]
    weakest = min(flagged, key=lambda s: s["scores"]["loaded_language"] - threshold)
    decided = invoke("queue", "decide", "1", "--db", db, "--approve", "--reviewer", "desk",
                     "--relabel", weakest["index"], "loaded_language=0", "--note", "not charged here")
    assert decided.exit_code == 0, decided.stderr
    shown = invoke("queue", "show", "1", "--db", db)
    assert "desk: approve (not charged here)" in shown.stdout
    assert f"sentence {weakest['index']}: loaded_language=0 (model said 1)" in shown.stdout
    html = invoke("queue", "show", "1", "--db", db, "--format", "html")
    assert html.stdout.startswith("<!DOCTYPE html>")

    exported = tmp_path / "reviewed.jsonl"
    assert invoke("queue", "export-labels", "--db", db, "--out", exported).exit_code == 0
    rows = [json.loads(line) for line in exported.read_text().splitlines()]
    assert rows == [{**rows[0], "text": weakest["text"], "loaded_language": 0, "provenance": "review"}]

    corpus = copy_subset(tmp_path / "corpora")
    assert invoke("label", "--from", exported, "--corpus", corpus, "--provenance", "review").exit_code == 0
    model_dir = tmp_path / "model"
    trained = invoke("train", "--corpus", corpus, "--config", DATA / "fast_config.toml", "--out", model_dir)
    assert trained.exit_code == 0, trained.stderr
    retrained = load_model(model_dir)
    assert retrained.predict_proba([weakest["text"]])[0, 1] < retrained.thresholds["loaded_language"]


def test_queue_errors_have_their_exit_codes(invoke, tmp_path):
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    result = invoke("queue", "list", "--db", junk)
    assert result.exit_code == 3 and "not a review queue" in result.stderr
    db = tmp_path / "q.sqlite"
    assert invoke("queue", "show", "7", "--db", db).exit_code == 3
    assert invoke("queue", "decide", "1", "--db", db).exit_code == 2
    invoke("queue", "add", "--db", db, DATA / "wire_article.txt")
    bad = invoke("queue", "decide", "1", "--db", db, "--reject", "--relabel", "999", "hedging=1")
    assert bad.exit_code == 3


def test_suggest_writes_a_file_that_label_reads_back(invoke, tmp_path):
    out = tmp_path / "to-label.jsonl"
    result = invoke("suggest", "--n", "4", SEED, DATA, "--out", out)
    assert result.exit_code == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(rows) == 4 and len({r["source"].split("#")[0] for r in rows}) >= 2
    for row in rows:
        row["hedging"], row["loaded_language"], row["unattributed_speculation"] = 0, 0, 0
    out.write_text("".join(json.dumps(r) + "\n" for r in rows))
    corpus = tmp_path / "corpora"
    shutil.copytree(ROOT / "corpora" / "written", corpus / "written")
    labeled = invoke("label", "--from", out, "--corpus", corpus)
    assert labeled.exit_code == 0 and "4 added" in labeled.stdout


def test_second_review_round_exports_only_what_is_new(tmp_path, invoke):
    """Round 1: decide, export, label. Round 2: decide another article, export, label: no duplicates."""
    import shutil

    from .conftest import ROOT

    db = tmp_path / "q.sqlite"
    corpus = tmp_path / "corpora"
    (corpus / "written").mkdir(parents=True)
    shutil.copy(ROOT / "corpora" / "written" / "sports.jsonl", corpus / "written")
    first, second = tmp_path / "one.txt", tmp_path / "two.txt"
    first.write_text("The club slashed ticket prices in a desperate grab for fans. The match is on Sunday.\n")
    second.write_text("Insiders say the coach is quietly plotting his exit. The season ends in May.\n")
    assert invoke("queue", "add", first, second, "--db", db).exit_code in (0, 1)
    assert invoke("queue", "decide", "1", "--approve", "--relabel", "1", "hedging=0", "--db", db).exit_code == 0
    round1 = tmp_path / "r1.jsonl"
    result = invoke("queue", "export-labels", "--out", round1, "--db", db)
    assert result.exit_code == 0 and "exported 1 sentence(s) from decisions #1 to #1" in result.stderr
    assert invoke("label", "--from", round1, "--corpus", corpus, "--provenance", "review").exit_code == 0
    nothing = invoke("queue", "export-labels", "--db", db)
    assert nothing.exit_code == 0 and nothing.stdout == "" and "nothing to export since the export of" in nothing.stderr
    assert invoke("queue", "decide", "2", "--reject", "--relabel", "0", "loaded_language=0", "--db", db).exit_code == 0
    round2 = tmp_path / "r2.jsonl"
    result = invoke("queue", "export-labels", "--out", round2, "--db", db)
    assert "exported 1 sentence(s) from decisions #2 to #2" in result.stderr
    labelled = invoke("label", "--from", round2, "--corpus", corpus, "--provenance", "review")
    assert labelled.exit_code == 0 and "1 added" in labelled.stdout
    everything = tmp_path / "all.jsonl"
    assert invoke("queue", "export-labels", "--all", "--out", everything, "--db", db).exit_code == 0
    again = invoke("label", "--from", everything, "--corpus", corpus, "--provenance", "review")
    assert again.exit_code == 0 and "0 added, 0 corrected, 2 unchanged" in again.stdout


def test_decide_needs_exactly_one_decision_and_change_to_redecide(tmp_path, invoke):
    db = tmp_path / "q.sqlite"
    article = tmp_path / "a.txt"
    article.write_text("The council met on Monday. It approved the budget.\n")
    invoke("queue", "add", article, "--db", db)
    both = invoke("queue", "decide", "1", "--approve", "--reject", "--db", db)
    assert both.exit_code == 2 and "exactly one of --approve or --reject" in both.stderr
    done = invoke("queue", "decide", "1", "--reject", "--db", db)
    assert done.exit_code == 0 and done.stdout == "#1: rejected\n"
    again = invoke("queue", "decide", "1", "--approve", "--db", db)
    assert again.exit_code == 3 and "already rejected" in again.stderr and "--change" in again.stderr
    changed = invoke("queue", "decide", "1", "--approve", "--change", "--db", db)
    assert changed.exit_code == 0 and changed.stdout == "#1: approved\n"


def test_suggest_skips_sentences_already_labeled(tmp_path, invoke):
    import json
    import shutil

    from .conftest import ROOT

    corpus = tmp_path / "corpora"
    (corpus / "written").mkdir(parents=True)
    shutil.copy(ROOT / "corpora" / "written" / "sports.jsonl", corpus / "written")
    article = tmp_path / "a.txt"
    article.write_text("The striker may miss the final. Fans say the board is plotting a sale. The game is at 3pm.\n")
    first = [json.loads(line)["text"] for line in invoke("suggest", article, "--corpus", corpus).stdout.splitlines()]
    assert first
    invoke("label", first[0], "--set", "hedging=1", "--passage", f"hedging={first[0].split()[0]}",
           "--corpus", corpus)
    later = [json.loads(line)["text"] for line in invoke("suggest", article, "--corpus", corpus).stdout.splitlines()]
    assert first[0] not in later and set(later) < set(first)


def test_suggest_looks_at_the_labels_to_be_judged():
    from rhetoric.suggest import suggest

    report = {"source": "a", "thresholds": {"hedging": 0.5, "loaded_language": 0.5, "unattributed_speculation": 0.5},
              "sentences": [
                  {"index": 0, "prose": True, "text": "Near the loaded threshold.",
                   "scores": {"hedging": 0.05, "loaded_language": 0.51, "unattributed_speculation": 0.05}},
                  {"index": 1, "prose": True, "text": "Near the hedging threshold.",
                   "scores": {"hedging": 0.45, "loaded_language": 0.05, "unattributed_speculation": 0.05}},
              ]}
    assert [r["text"] for r in suggest([report], 1)] == ["Near the loaded threshold."]
    assert [r["text"] for r in suggest([report], 1, labels=("hedging",))] == ["Near the hedging threshold."]


def test_suggest_can_explore_a_seeded_random_share():
    """`explore` trades some of the sentences nearest a threshold for a seeded random draw of the rest,
    and the same seed gives the same file. (Texts differ by a letter: numbers fold to one form.)"""
    from rhetoric.suggest import suggest

    thresholds = {"hedging": 0.5, "loaded_language": 0.5, "unattributed_speculation": 0.5}
    reports = [{"source": f"a{i}", "thresholds": thresholds, "sentences": [
        {"index": 0, "prose": True, "text": f"Sentence {chr(97 + i)}.",
         "scores": {"hedging": i / 40, "loaded_language": 0.0, "unattributed_speculation": 0.0}}]}
        for i in range(20)]
    nearest = [r["text"] for r in suggest(reports, 4, labels=("hedging",), explore=0.0)]
    assert nearest == ["Sentence t.", "Sentence s.", "Sentence r.", "Sentence q."]
    mixed = [r["text"] for r in suggest(reports, 4, labels=("hedging",), explore=0.5, seed=3)]
    assert {"Sentence t.", "Sentence s."} <= set(mixed) and len(set(mixed)) == 4
    assert mixed == [r["text"] for r in suggest(reports, 4, labels=("hedging",), explore=0.5, seed=3)]
    assert [r["text"] for r in suggest(reports, 4, labels=("hedging",), explore=1.0, seed=3)] != nearest
