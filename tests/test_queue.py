"""The review queue library: storage, decisions, export, and safety under concurrency and crashes."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3

import pytest

from rhetoric.corpus import parse_line
from rhetoric.errors import InputError
from rhetoric.labels import LABEL_KEYS
from rhetoric.review_queue import SCHEMA_VERSION, STATUSES, Queue, default_db_path

# (text, prose, model flags, passages as (label, text))
UNITS = [
    ("Markets", False, [], []),
    ("Officials may raise rates soon.", True, ["hedging"], [("hedging", "may")]),
    ("The reckless plan is a \u201cdisaster\u201d for savers.", True, ["loaded_language"],
     [("loaded_language", "reckless")]),
    ("Insiders say the deal is already done.", True, ["unattributed_speculation"],
     [("unattributed_speculation", "Insiders say")]),
]


def make_article(tag: str = "one", verdict: str = "review", source: str = "a.txt") -> tuple[str, dict]:
    """An article text and a hand-built gate result for it (no model): the units above plus a closing line."""
    units = [*UNITS, (f"The meeting on article {tag} is on Tuesday.", True, [], [])]
    text, sentences = "", []
    flagged = {key: 0 for key in LABEL_KEYS}
    for index, (unit, prose, flags, passages) in enumerate(units):
        start = len(text) + (2 if text else 0)
        text = f"{text}\n\n{unit}" if text else unit
        found = []
        for label, passage in passages:
            at = start + unit.index(passage)
            found.append({"label": label, "start": at, "end": at + len(passage), "text": passage, "weight": 0.5,
                          "reason": "cue"})
        for key in flags:
            flagged[key] += 1
        scores = {key: (0.9 if key in flags else 0.1) for key in LABEL_KEYS} if prose else None
        sentences.append({"index": index, "start": start, "end": start + len(unit), "text": unit, "prose": prose,
                          "scores": scores, "flags": flags, "passages": found})
    report = {
        "schema": "rhetoric.report/1", "source": source, "model": {"version": "test-1", "sha256": "0" * 64},
        "labels": list(LABEL_KEYS), "thresholds": {key: 0.5 for key in LABEL_KEYS}, "sentences": sentences,
        "summary": {"sentences": len(sentences), "prose": sum(1 for s in sentences if s["prose"]), "flagged": flagged},
        "warnings": [],
    }
    reason = {"level": "review", "label": "hedging", "rule": "labels.hedging.min_flagged", "value": 1, "limit": 1,
              "sentences": [1], "passages": ["may"], "highest_score": 0.9}
    reasons = [] if verdict == "pass" else [reason]
    return text, {"source": source, "verdict": verdict, "reasons": reasons, "report": report}


def add(q: Queue, tag: str = "one", verdict: str = "review", source: str = "a.txt") -> tuple[int, bool]:
    text, result = make_article(tag, verdict, source)
    return q.add(text, source, result, "test-1")


def counts(path) -> tuple[int, int, int]:
    """Rows per table, read behind the library's back."""
    db = sqlite3.connect(path)
    try:
        tables = ("articles", "decisions", "relabels")
        return tuple(db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables)
    finally:
        db.close()


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "queue.sqlite"


def test_default_db_path(monkeypatch, tmp_path):
    monkeypatch.setenv("RHETORIC_DB", str(tmp_path / "x.sqlite"))
    assert default_db_path() == tmp_path / "x.sqlite"
    monkeypatch.delenv("RHETORIC_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert default_db_path() == tmp_path / "data" / "rhetoric" / "queue.sqlite"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_db_path() == tmp_path / "home" / ".local" / "share" / "rhetoric" / "queue.sqlite"


def test_open_creates_schema_with_wal_and_version(tmp_path):
    path = tmp_path / "deep" / "dir" / "queue.sqlite"
    with Queue(path) as q:
        add(q)
    with Queue(path) as q:  # reopening an existing queue keeps it
        assert [a["id"] for a in q.list()] == [1]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    raw.close()


def test_opening_retries_while_sqlite_says_busy(monkeypatch):
    from rhetoric import review_queue as queue

    calls = []

    def step():
        calls.append(1)
        if len(calls) < 3:
            error = sqlite3.OperationalError("database is locked")
            error.sqlite_errorname = "SQLITE_BUSY"
            raise error

    queue._retry_busy(step)
    assert len(calls) == 3
    monkeypatch.setattr(queue, "BUSY_TIMEOUT_S", -1)
    calls.clear()
    with pytest.raises(sqlite3.OperationalError):  # past the timeout the error stands
        queue._retry_busy(step)
    assert len(calls) == 1


def test_add_and_duplicate_by_content_hash(db):
    with Queue(db) as q:
        assert add(q) == (1, True)
        text, result = make_article("one", verdict="pass", source="elsewhere.txt")
        assert q.add(text, "elsewhere.txt", result, "test-2") == (1, False)  # same text: nothing changes
        article = q.get(1)
        assert (article["source"], article["verdict"], article["status"]) == ("a.txt", "review", "review")
        assert article["model_version"] == "test-1"
        assert article["text"] == text
        assert add(q, "two", verdict="pass") == (2, True)
        assert q.get(2)["status"] == "passed"
    assert counts(db) == (2, 0, 0)


def test_add_refuses_a_result_without_a_verdict_or_report(db):
    text, result = make_article()
    with Queue(db) as q:
        with pytest.raises(InputError, match="verdict"):
            q.add(text, "a.txt", {**result, "verdict": "maybe"}, "test-1")
        with pytest.raises(InputError, match="report"):
            q.add(text, "a.txt", {**result, "report": {}}, "test-1")
    assert counts(db) == (0, 0, 0)


def test_list_with_and_without_status(db):
    with Queue(db) as q:
        add(q, "one")
        add(q, "two", verdict="pass")
        add(q, "three")
        everything = q.list()
        assert [a["id"] for a in everything] == [3, 2, 1]  # newest first
        assert set(everything[0]) == {"id", "source", "status", "verdict", "created_at", "flagged", "highest_score"}
        assert everything[0]["flagged"] == {"hedging": 1, "loaded_language": 1, "unattributed_speculation": 1}
        assert everything[0]["created_at"].endswith("+00:00")
        assert [a["id"] for a in q.list("review")] == [3, 1]
        assert [a["id"] for a in q.list("passed")] == [2]
        assert q.list("approved") == []
        q.decide(1, "approve", "ana")
        assert [a["id"] for a in q.list("approved")] == [1]
        assert [a["id"] for a in q.list("review")] == [3]
        with pytest.raises(InputError, match="unknown status 'open'"):
            q.list("open")
    assert set(STATUSES) == {"review", "passed", "approved", "rejected"}


def test_get_with_history(db):
    with Queue(db) as q:
        add(q)
        with pytest.raises(InputError, match=r"^queue: no article #99$"):
            q.get(99)
        assert q.get(1)["history"] == []
        first = q.decide(1, "reject", "ana", "too much speculation")
        with pytest.raises(InputError, match=r"already rejected by ana on .*; give --change"):
            q.decide(1, "approve", "ben", "fine after edits", [(1, "hedging", 0, None)])
        second = q.decide(1, "approve", "ben", "fine after edits", [(1, "hedging", 0, None)], change=True)
        article = q.get(1)
        assert set(article) == {"id", "source", "text", "status", "verdict", "reasons", "report", "model_version",
                                "created_at", "history"}
        assert article["history"] == [first, second]
        assert [(d["decision"], d["reviewer"], d["note"]) for d in article["history"]] == [
            ("reject", "ana", "too much speculation"), ("approve", "ben", "fine after edits")]
        assert article["status"] == "approved"  # the latest decision
        assert article["reasons"][0]["rule"] == "labels.hedging.min_flagged"
        assert article["report"]["summary"]["prose"] == 4


def test_decide_with_relabels(db):
    with Queue(db) as q:
        add(q)
        got = q.decide(1, "approve", " ana ", "checked", [
            (1, "hedging", 0, None),  # the model said 1: a correction
            (2, "loaded_language", 1, '"disaster"'),  # the model said 1: a confirmation, straight quotes found
            (2, "loaded_language", 1, "reckless"),  # a second passage for the same label
            (4, "unattributed_speculation", 1, None),  # value 1 without a passage is allowed
        ])
        assert got["decision"] == "approve" and got["status"] == "approved"
        assert got["reviewer"] == "ana" and got["note"] == "checked" and got["article"] == 1
        assert got["decided_at"].endswith("+00:00")
        assert [(r["index"], r["label"], r["value"], r["passage"], r["model_value"], r["confirmation"])
                for r in got["relabels"]] == [
            (1, "hedging", 0, None, 1, False),
            (2, "loaded_language", 1, "\u201cdisaster\u201d", 1, True),
            (2, "loaded_language", 1, "reckless", 1, True),
            (4, "unattributed_speculation", 1, None, 0, False),
        ]
        assert got["relabels"][0]["text"] == "Officials may raise rates soon."
        assert q.get(1)["status"] == "approved"
    assert counts(db) == (1, 1, 4)


@pytest.mark.parametrize(("decision", "reviewer", "relabels", "message"), [
    ("approve", "ana", [(1, "hedging", 0, None), (99, "hedging", 0, None)], "no sentence 99"),
    ("approve", "ana", [(0, "hedging", 1, None)], "sentence 0 is not prose"),
    ("approve", "ana", [(1, "hedge", 1, None)], "unknown label 'hedge'"),
    ("approve", "ana", [(1, "hedging", 2, None)], "value must be 0 or 1"),
    ("approve", "ana", [(1, "hedging", True, None)], "value must be 0 or 1"),
    ("approve", "ana", [(1, "hedging", 1, "might")], "passage 'might' is not in sentence 1"),
    ("approve", "ana", [(1, "hedging", 0, "may")], "needs value 1"),
    ("approve", "ana", [(1, "hedging", 1, None), (1, "hedging", 0, None)], "both 0 and 1"),
    ("approve", "ana", [(1, "hedging")], "expected"),
    ("approve", "ana", [("1", "hedging", 1, None)], "no sentence '1'"),
    ("maybe", "ana", [], "decision must be approve or reject"),
    ("approve", "  ", [], "reviewer"),
])
def test_decide_validation_writes_nothing(db, decision, reviewer, relabels, message):
    with Queue(db) as q:
        add(q)
        with pytest.raises(InputError, match=message):
            q.decide(1, decision, reviewer, "", relabels)
        assert q.get(1)["status"] == "review"
        assert q.get(1)["history"] == []
        assert q.export_labels()[0] == []
    assert counts(db) == (1, 0, 0)


def test_decide_unknown_article(db):
    with Queue(db) as q:
        with pytest.raises(InputError, match=r"^queue: no article #7$"):
            q.decide(7, "approve", "ana")
    assert counts(db) == (0, 0, 0)


def test_export_labels(db):
    with Queue(db) as q:
        add(q, "one")
        add(q, "two")
        add(q, "three")  # never relabeled: not exported
        q.decide(2, "approve", "ana", relabels=[(4, "hedging", 0, None)])  # a confirmation of the model's 0
        q.decide(1, "reject", "ana", relabels=[
            (3, "unattributed_speculation", 1, "Insiders say"),
            (1, "hedging", 1, "may"),
            (1, "loaded_language", 0, None),
        ])
        q.decide(1, "approve", "ben", relabels=[(1, "hedging", 0, None)], change=True)  # later decision wins
        rows, _what = q.export_labels()
    assert [r["source"] for r in rows] == ["queue:1#1", "queue:1#3", "queue:2#4"]
    first, second, third = rows
    assert first["text"] == "Officials may raise rates soon."
    assert (first["hedging"], first["loaded_language"], first["unattributed_speculation"]) == (0, 0, None)
    assert first["passages"] == {}  # the passage went with the overruled value 1
    assert second["unattributed_speculation"] == 1 and second["passages"] == {
        "unattributed_speculation": ["Insiders say"]}
    assert (third["hedging"], third["loaded_language"]) == (0, None)
    for row in rows:
        assert row["provenance"] == "review"
        assert row["id"].startswith("review-") and len(row["id"]) == len("review-") + 12
        example = parse_line(json.dumps(row), "x")
        assert example.provenance == "review" and example.source == row["source"]
        assert example.to_labels_line() == row


def test_two_processes_adding_at_once_lose_nothing(db):
    ctx = multiprocessing.get_context("spawn")
    start = ctx.Barrier(2)
    results = ctx.Queue()
    workers = [ctx.Process(target=_add_many, args=(str(db), name, start, results)) for name in ("a", "b")]
    for w in workers:
        w.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for w in workers:
        w.join(timeout=120)
        assert w.exitcode == 0
    assert not any(isinstance(o, str) for o in outcomes), outcomes
    assert outcomes[0][0] == outcomes[1][0]  # the same id for the shared article
    assert sorted(created for _, created in outcomes) == [False, True]
    with Queue(db) as q:
        listed = q.list()
        assert len(listed) == 51
        texts = [q.get(a["id"])["text"] for a in listed]
    assert len(set(texts)) == 51
    assert sum("article shared " in t for t in texts) == 1


def _add_many(path: str, name: str, start, results) -> None:
    """A worker process: 25 articles of its own and the shared one, as fast as it can."""
    try:
        with Queue(path) as q:
            start.wait(timeout=60)
            shared = None
            for n in range(25):
                add(q, f"{name}{n}", source=f"{name}{n}.txt")
                if n == 12:
                    shared = add(q, "shared", source=f"{name}-shared.txt")
            results.put(shared)
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(f"{type(exc).__name__}: {exc}")


def test_corrupt_file_is_an_input_error(tmp_path):
    path = tmp_path / "queue.sqlite"
    junk = os.urandom(8192)
    path.write_bytes(junk)
    with pytest.raises(InputError) as caught:
        Queue(path)
    message = str(caught.value)
    assert message == f"{path}: not a review queue (not an SQLite database)"
    assert "\n" not in message
    assert path.read_bytes() == junk


def test_sqlite_database_that_is_not_a_queue(tmp_path):
    path = tmp_path / "other.sqlite"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE notes (body TEXT)")
    raw.commit()
    raw.close()
    with pytest.raises(InputError, match="not a rhetoric review queue") as caught:
        Queue(path)
    assert str(caught.value).startswith(f"{path}: ")
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # left as it was
    assert [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")] == ["notes"]
    raw.close()


def test_unknown_schema_version_is_refused(db):
    Queue(db).close()
    raw = sqlite3.connect(db)
    raw.execute("PRAGMA user_version = 99")
    raw.close()
    with pytest.raises(InputError, match="schema version 99") as caught:
        Queue(db)
    assert str(caught.value).startswith(f"{db}: ")


def test_queue_with_a_missing_table_is_refused(db):
    Queue(db).close()
    raw = sqlite3.connect(db)
    raw.execute("DROP TABLE relabels")
    raw.close()
    with pytest.raises(InputError, match="not a rhetoric review queue"):
        Queue(db)


def test_a_queue_locked_past_the_busy_timeout_is_a_one_line_input_error(db, monkeypatch):
    monkeypatch.setattr("rhetoric.review_queue.BUSY_TIMEOUT_S", 0.2)
    with Queue(db) as q:
        add(q)
        other = sqlite3.connect(db, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        with pytest.raises(InputError, match=r"cannot write the review queue \(database is locked\)") as caught:
            q.decide(1, "approve", "ana")
        assert str(caught.value).startswith(f"{db}: ") and "\n" not in str(caught.value)
        assert q.get(1)["status"] == "review"  # readers are not blocked by a writer (WAL)
        other.execute("ROLLBACK")
        other.close()
        assert q.decide(1, "approve", "ana")["status"] == "approved"


def test_exception_inside_a_decision_leaves_the_queue_unchanged(db, monkeypatch):
    with Queue(db) as q:
        add(q)
        before = q.get(1)

        def boom(*args, **kwargs):
            raise RuntimeError("disk on fire")

        # the decision and its relabels are already inserted when the status update fails
        monkeypatch.setattr(Queue, "_set_status", boom)
        with pytest.raises(RuntimeError, match="disk on fire"):
            q.decide(1, "approve", "ana", "", [(1, "hedging", 0, None)])
        assert q.get(1) == before
        assert q.export_labels()[0] == []
        monkeypatch.undo()
        q.decide(1, "reject", "ana")  # the connection is usable afterwards
        assert q.get(1)["status"] == "rejected"
    assert counts(db) == (1, 1, 0)


def test_process_killed_inside_a_decision_leaves_the_queue_unchanged(db):
    with Queue(db) as q:
        add(q)
        before = q.get(1)
    worker = multiprocessing.get_context("spawn").Process(target=_die_mid_decision, args=(str(db),))
    worker.start()
    worker.join(timeout=120)
    assert worker.exitcode == 17
    with Queue(db) as q:
        assert q.get(1) == before
    assert counts(db) == (1, 0, 0)


def _die_mid_decision(path: str) -> None:
    """A worker that dies, with no cleanup at all, after inserting a decision but before the status update."""

    def die(*args, **kwargs):
        os._exit(17)

    Queue._set_status = die
    with Queue(path) as q:
        q.decide(1, "approve", "ana", "", [(1, "hedging", 0, None)])


def test_a_version_1_queue_is_migrated_in_place_keeping_its_data(tmp_path):
    """Queues made before export tracking (schema 1) gain the exports table and keep every row."""
    from rhetoric.review_queue import _EXPORTS, _SCHEMA

    path = tmp_path / "old.sqlite"
    with Queue(path) as q:
        add(q)
        q.decide(1, "approve", "ana", relabels=[(1, "hedging", 0, None)])
    raw = sqlite3.connect(path)
    raw.execute("DROP TABLE exports")
    raw.execute("PRAGMA user_version = 1")
    raw.commit()
    raw.close()
    assert _EXPORTS.strip() in _SCHEMA
    with Queue(path) as q:
        assert [a["id"] for a in q.list()] == [1] and q.last_export() is None
        rows, what = q.export_labels(since_last=True)
        assert len(rows) == 1 and what["decisions"] == [1, 1]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_version_2_queue_loses_its_label_list_and_keeps_its_relabels(tmp_path):
    """Schema 2 listed the labels in a CHECK constraint, so a new label needed a new table; version 3
    checks labels in Python and the migration keeps every relabel row."""
    path = tmp_path / "v2.sqlite"
    with Queue(path) as q:
        add(q)
        q.decide(1, "approve", "ana", relabels=[(1, "hedging", 0, None)])
    raw = sqlite3.connect(path)
    rows_before = raw.execute("SELECT * FROM relabels").fetchall()
    old = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'relabels'").fetchone()[0]
    raw.executescript(
        "ALTER TABLE relabels RENAME TO r; DROP INDEX relabels_decision;"
        + old.replace("label TEXT NOT NULL", "label TEXT NOT NULL CHECK (label IN ('hedging'))")
        + "; CREATE INDEX relabels_decision ON relabels (decision_id, id); INSERT INTO relabels SELECT * FROM r;"
        " DROP TABLE r; PRAGMA user_version = 2;"
    )
    raw.close()
    with Queue(path) as q:
        assert [a["id"] for a in q.list()] == [1]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3
    assert raw.execute("SELECT * FROM relabels").fetchall() == rows_before
    assert "CHECK (label" not in raw.execute("SELECT sql FROM sqlite_master WHERE name = 'relabels'").fetchone()[0]
