"""The review queue: gated articles, reviewers' decisions and sentence relabels in one SQLite file.

Several `rhetoric` processes may share a queue, so every write is one `BEGIN IMMEDIATE` transaction
(a crash leaves the previous state) and WAL mode lets readers carry on while a writer works.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .corpus import Example, locate
from .errors import Conflict, InputError, NotFound
from .labels import LABEL_KEYS

STATUSES = ("review", "passed", "approved", "rejected")
DECISIONS = {"approve": "approved", "reject": "rejected"}
_STATUS_OF_VERDICT = {"review": "review", "pass": "passed"}
SCHEMA_VERSION = 3
BUSY_TIMEOUT_S = 30
_TABLES = ("articles", "decisions", "relabels")
_EXPORTS = """
CREATE TABLE exports (
    id INTEGER PRIMARY KEY,
    through_decision INTEGER NOT NULL,
    sentences INTEGER NOT NULL,
    exported_at TEXT NOT NULL
)"""
"""Version 2 adds the exports table: which decisions `export-labels` has already written out."""
_LIST = ", ".join(repr(s) for s in STATUSES)
_RELABELS = """
CREATE TABLE relabels (
    id INTEGER PRIMARY KEY,
    decision_id INTEGER NOT NULL REFERENCES decisions (id),
    sentence_index INTEGER NOT NULL,
    sentence_text TEXT NOT NULL,
    label TEXT NOT NULL,
    value INTEGER NOT NULL CHECK (value IN (0, 1)),
    passage TEXT,
    model_value INTEGER NOT NULL CHECK (model_value IN (0, 1))
);
CREATE INDEX relabels_decision ON relabels (decision_id, id)"""
"""Version 3 drops the label list from the relabels table's CHECK: labels are checked in Python
against `labels.LABELS`, so a new label needs no change to the table."""

_SCHEMA = f"""
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    text TEXT NOT NULL,
    verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'review')),
    reasons TEXT NOT NULL,
    report TEXT NOT NULL,
    flagged TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ({_LIST})),
    model_version TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX articles_status ON articles (status, id);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id),
    decision TEXT NOT NULL CHECK (decision IN ('approve', 'reject')),
    reviewer TEXT NOT NULL,
    note TEXT NOT NULL,
    decided_at TEXT NOT NULL
);
CREATE INDEX decisions_article ON decisions (article_id, id);
""" + _RELABELS + ";" + _EXPORTS + ";"


def default_db_path() -> Path:
    """`RHETORIC_DB` if set, else `$XDG_DATA_HOME/rhetoric/queue.sqlite` (XDG default ~/.local/share)."""
    env = os.environ.get("RHETORIC_DB")
    if env:
        return Path(env)
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "rhetoric" / "queue.sqlite"


def content_hash(text: str) -> str:
    """Identity of an article: the same text is the same article, whatever file it came from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _retry_busy(step: Callable[[], None]) -> None:
    """Run `step`, again while SQLite says the file is busy, up to the busy timeout.

    While another process creates a new queue and switches it to WAL, SQLite can refuse some steps
    of opening at once with "database is locked" instead of waiting on the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as exc:
            if not getattr(exc, "sqlite_errorname", "").startswith("SQLITE_BUSY") or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _is_int(value) -> bool:
    """An integer SQLite can hold (larger ones overflow its 64-bit column instead of matching nothing)."""
    return isinstance(value, int) and not isinstance(value, bool) and -(2**63) <= value < 2**63


def _stored(value: str, article_id: int, what: str, kind: type = dict):
    """A JSON column of a queued article; a damaged one is an input error naming the article."""
    from . import safejson

    damaged = f"queue: article #{article_id}: its {what} is damaged"
    if not isinstance(value, str):
        raise InputError(f"{damaged} (not JSON)")
    try:
        parsed = safejson.loads(value, f"queue: article #{article_id}: {what}")
    except InputError as exc:
        raise InputError(f"{exc}; the queue is damaged") from None
    if not isinstance(parsed, kind) or (isinstance(parsed, dict) and what == "report" and not isinstance(
            parsed.get("sentences"), list)):
        raise InputError(f"{damaged} (not a {'report' if what == 'report' else kind.__name__})")
    return parsed


_Rows = list[dict]
_Relabels = list[tuple]
"""Aliases for the annotations inside `Queue`, where the method `list` hides the builtin."""


class Queue:
    """One open review queue; use as `with Queue(path) as q:` so the connection is closed."""

    def __init__(self, path: str | os.PathLike | None = None) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self._db = self._open()

    # -- opening ------------------------------------------------------------------------------

    def _fail(self, why: str) -> InputError:
        return InputError(f"{self.path}: {why}")

    def _open(self) -> sqlite3.Connection:
        if self.path.is_dir():
            raise self._fail("is a directory, not a review queue")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise self._fail(f"cannot open the review queue ({exc})") from None
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            db.execute("PRAGMA foreign_keys = ON")
            _retry_busy(lambda: self._prepare(db))
        except InputError:
            db.close()
            raise
        except sqlite3.DatabaseError as exc:
            db.close()
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise self._fail("not a review queue (not an SQLite database)") from None
            raise self._fail(f"cannot read the review queue ({exc})") from None
        return db

    def _prepare(self, db: sqlite3.Connection) -> None:
        # Check what the file is before changing anything in it: a foreign database stays untouched.
        version = self._check(db)
        if version == 0:
            self._create(db)
        elif version < SCHEMA_VERSION:
            self._migrate(db)
        db.execute("PRAGMA journal_mode = WAL")

    @staticmethod
    def _exclusively(db: sqlite3.Connection, step: Callable[[], None]) -> None:
        """Run a schema change under the write lock, all of it or nothing."""
        db.execute("BEGIN IMMEDIATE")
        try:
            step()
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:
                db.execute("ROLLBACK")
            raise

    def _migrate(self, db: sqlite3.Connection) -> None:
        """Version 1 to 2: add the exports table. 2 to 3: rebuild the relabels table without its
        label list (every row is kept, ids included)."""

        def step() -> None:
            version = db.execute("PRAGMA user_version").fetchone()[0]  # another process may have done it
            if version == 1:
                db.execute(_EXPORTS)
            if version in (1, 2):
                db.execute("ALTER TABLE relabels RENAME TO relabels_before_3")
                db.execute("DROP INDEX relabels_decision")
                for statement in _RELABELS.split(";"):
                    db.execute(statement)
                db.execute("INSERT INTO relabels SELECT * FROM relabels_before_3")
                db.execute("DROP TABLE relabels_before_3")
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

        self._exclusively(db, step)

    def _check(self, db: sqlite3.Connection) -> int:
        """The schema version of the file (0: an empty file, to be created); refuses anything else."""
        own = not db.in_transaction
        if own:  # one snapshot: another process may create the schema between the two reads
            db.execute("BEGIN")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except BaseException:
            if own and db.in_transaction:
                db.execute("ROLLBACK")
            raise
        if own:
            db.execute("COMMIT")
        if version == 0 and not tables:
            return 0
        if version == 0 or not set(_TABLES) <= tables:
            raise self._fail("an SQLite database but not a rhetoric review queue")
        if version not in (1, 2, SCHEMA_VERSION):
            raise self._fail(
                f"review queue schema version {version} is not one this rhetoric knows (it reads {SCHEMA_VERSION})"
            )
        return version

    def _create(self, db: sqlite3.Connection) -> None:
        def step() -> None:
            if self._check(db) == 0:  # another process may have created it while we waited for the lock
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

        self._exclusively(db, step)

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Queue:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _transaction(self, write: bool) -> Iterator[sqlite3.Connection]:
        """All of the statements inside happen, or (on any exception) none; readers see one snapshot.

        A write takes the lock first (`BEGIN IMMEDIATE`), so nothing it read changes before it commits.
        SQLite failures (a queue locked past the busy timeout, a full disk) become one-line InputErrors.
        """
        db = self._db
        try:
            db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield db
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.Error as exc:
            with suppress(sqlite3.Error):
                if db.in_transaction:
                    db.execute("ROLLBACK")
            raise self._fail(f"cannot {'write' if write else 'read'} the review queue ({exc})") from None

    def _write(self):
        return self._transaction(write=True)

    def _read(self):
        return self._transaction(write=False)

    # -- articles ------------------------------------------------------------------------------

    def add(self, text: str, source: str, gate_result: dict, model_version: str) -> tuple[int, bool]:
        """Store a gated article; the same text again returns the existing id, unchanged, created False."""
        if not isinstance(text, str):
            raise InputError("queue: the article text must be a string")
        verdict = gate_result.get("verdict") if isinstance(gate_result, dict) else None
        if verdict not in _STATUS_OF_VERDICT:
            raise InputError(f"queue: the gate verdict must be pass or review, not {verdict!r}")
        report: Any = gate_result.get("report")
        try:
            flagged = {key: int(report["summary"]["flagged"][key]) for key in LABEL_KEYS}
            sentences_ok = isinstance(report["sentences"], list)
        except (TypeError, KeyError, ValueError):
            sentences_ok = False
        if not sentences_ok:
            raise InputError("queue: the gate result has no rhetoric.report/1 report")
        digest = content_hash(text)
        row = (
            digest, str(source), text, verdict, json.dumps(gate_result.get("reasons", []), ensure_ascii=False),
            json.dumps(report, ensure_ascii=False), json.dumps(flagged), _STATUS_OF_VERDICT[verdict],
            str(model_version), _now(),
        )
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO articles (content_hash, source, text, verdict, reasons, report, flagged, status,"
                " model_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (content_hash) DO NOTHING",
                row,
            )
            if cursor.rowcount == 1:
                return cursor.lastrowid, True
            return db.execute("SELECT id FROM articles WHERE content_hash = ?", (digest,)).fetchone()[0], False

    def list(self, status: str | None = None) -> list[dict]:
        """Articles, newest first (in the order they were added), optionally only those with `status`."""
        if status is not None and status not in STATUSES:
            raise InputError(f"queue: unknown status {status!r} (expected one of {', '.join(STATUSES)})")
        sql = "SELECT id, source, status, verdict, created_at, flagged, reasons FROM articles"
        args: tuple = ()
        if status is not None:
            sql += " WHERE status = ?"
            args = (status,)
        with self._read() as db:
            rows = db.execute(sql + " ORDER BY id DESC", args).fetchall()
        return [
            {"id": r[0], "source": r[1], "status": r[2], "verdict": r[3], "created_at": r[4],
             "flagged": _stored(r[5], r[0], "flagged counts"),
             "highest_score": max((x.get("highest_score", 0.0) for x in _stored(r[6], r[0], "reasons", list)
                                   if isinstance(x, dict)), default=0.0)}
            for r in rows
        ]

    def _article(self, article_id: int, db: sqlite3.Connection) -> tuple:
        row = None
        if _is_int(article_id):
            row = db.execute(
                "SELECT id, source, text, status, verdict, reasons, report, model_version, created_at"
                " FROM articles WHERE id = ?",
                (article_id,),
            ).fetchone()
        if row is None:
            raise NotFound(f"queue: no article #{article_id}")
        return row

    def get(self, article_id: int) -> dict:
        """One article with its report and every decision on it, oldest first."""
        with self._read() as db:  # the status and the history from the same moment
            r = self._article(article_id, db)
            history = self._history(db, r[0])
        return {
            "id": r[0], "source": r[1], "text": r[2], "status": r[3], "verdict": r[4],
            "reasons": _stored(r[5], r[0], "reasons", list), "report": _stored(r[6], r[0], "report"),
            "model_version": r[7], "created_at": r[8],
            "history": history,
        }

    # -- decisions -----------------------------------------------------------------------------

    def _history(self, db: sqlite3.Connection, article_id: int, decision_id: int | None = None) -> _Rows:
        sql = "SELECT id, article_id, decision, reviewer, note, decided_at FROM decisions WHERE article_id = ?"
        args: tuple = (article_id,)
        if decision_id is not None:
            sql += " AND id = ?"
            args += (decision_id,)
        decisions = db.execute(sql + " ORDER BY id", args).fetchall()
        out = []
        for d in decisions:
            relabels = db.execute(
                "SELECT sentence_index, sentence_text, label, value, passage, model_value FROM relabels"
                " WHERE decision_id = ? ORDER BY id",
                (d[0],),
            ).fetchall()
            out.append({
                "id": d[0], "article": d[1], "decision": d[2], "status": DECISIONS[d[2]], "reviewer": d[3],
                "note": d[4], "decided_at": d[5],
                "relabels": [
                    {"index": r[0], "text": r[1], "label": r[2], "value": r[3], "passage": r[4], "model_value": r[5],
                     "confirmation": r[3] == r[5]}
                    for r in relabels
                ],
            })
        return out

    def decide(
        self,
        article_id: int,
        decision: str,
        reviewer: str,
        note: str = "",
        relabels: Sequence[tuple[int, str, int, str | None]] = (),
        change: bool = False,
    ) -> dict:
        """Record a reviewer's decision and sentence relabels; all of it is checked before anything is written.

        An article already approved or rejected keeps that decision unless `change` is given.
        """
        if decision not in DECISIONS:
            raise InputError(f"queue: decision must be approve or reject, not {decision!r}")
        if not isinstance(reviewer, str) or not reviewer.strip():
            raise InputError("queue: a decision needs the reviewer's name")
        if not isinstance(note, str):
            raise InputError("queue: the note must be a string")
        with self._write() as db:
            article = self._article(article_id, db)
            if article[3] in DECISIONS.values() and not change:
                last = self._history(db, article_id)[-1]
                raise Conflict(
                    f"queue: article #{article_id} was already {article[3]} by {last['reviewer']} on "
                    f"{last['decided_at']}; give --change to change the decision"
                )
            rows = self._checked_relabels(article_id, _stored(article[6], article_id, "report"), relabels)
            decision_id = self._insert_decision(db, article_id, decision, reviewer.strip(), note)
            self._insert_relabels(db, decision_id, rows)
            self._set_status(db, article_id, DECISIONS[decision])
            return self._history(db, article_id, decision_id)[0]

    def _checked_relabels(self, article_id: int, report: dict, relabels) -> _Relabels:
        """(index, sentence text, label, value, passage, model value) rows, or InputError naming the problem."""
        sentences = {s["index"]: s for s in report["sentences"]}
        rows = []
        values: dict[tuple[int, str], int] = {}
        for n, item in enumerate(relabels, 1):
            where = f"queue: article #{article_id}, relabel {n}"
            if isinstance(item, str | bytes) or not isinstance(item, Sequence) or len(item) != 4:
                raise InputError(f"{where}: expected (sentence index, label, value, passage or None)")
            index, label, value, passage = item
            sentence = sentences.get(index) if _is_int(index) else None
            if sentence is None:
                raise InputError(f"{where}: no sentence {index!r} in the report")
            if not sentence["prose"]:
                raise InputError(f"{where}: sentence {index} is not prose (headings, lists and tables are not scored)")
            if label not in LABEL_KEYS:
                raise InputError(f"{where}: unknown label {label!r} (expected one of {', '.join(LABEL_KEYS)})")
            if not _is_int(value) or value not in (0, 1):
                raise InputError(f"{where}: value must be 0 or 1, not {value!r}")
            if values.setdefault((index, label), value) != value:
                raise InputError(f"{where}: sentence {index} is given both 0 and 1 for {label}")
            if passage is not None:
                if value == 0:
                    raise InputError(f"{where}: a passage marks where a label applies, so it needs value 1")
                located = locate(passage, sentence["text"]) if isinstance(passage, str) and passage else None
                if located is None:
                    raise InputError(f"{where}: passage {passage!r} is not in sentence {index}")
                passage = located
            model_value = 1 if label in sentence["flags"] else 0
            rows.append((index, sentence["text"], label, value, passage, model_value))
        return rows

    def _insert_decision(self, db: sqlite3.Connection, article_id: int, decision: str, reviewer: str, note: str) -> int:
        cursor = db.execute(
            "INSERT INTO decisions (article_id, decision, reviewer, note, decided_at) VALUES (?, ?, ?, ?, ?)",
            (article_id, decision, reviewer, note, _now()),
        )
        assert cursor.lastrowid is not None  # an INSERT always sets it
        return cursor.lastrowid

    def _insert_relabels(self, db: sqlite3.Connection, decision_id: int, rows: _Relabels) -> None:
        db.executemany(
            "INSERT INTO relabels (decision_id, sentence_index, sentence_text, label, value, passage, model_value)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(decision_id, *row) for row in rows],
        )

    def _set_status(self, db: sqlite3.Connection, article_id: int, status: str) -> None:
        db.execute("UPDATE articles SET status = ? WHERE id = ?", (status, article_id))

    # -- export --------------------------------------------------------------------------------

    def last_export(self) -> dict | None:
        """The most recent export-labels run: through which decision, how many sentences, when."""
        with self._read() as db:
            row = db.execute(
                "SELECT through_decision, sentences, exported_at FROM exports ORDER BY id DESC LIMIT 1"
            ).fetchone()
        return None if row is None else {"through_decision": row[0], "sentences": row[1], "exported_at": row[2]}

    def export_labels(self, since_last: bool = False, after_decision: int | None = None) -> tuple[_Rows, dict]:
        """Reviewers' sentence labels in the labels format, one row per (article, sentence), and what
        was exported: {"decisions": [first id, last id] or None, "count", "since": the last export}.

        For each label of a sentence the latest decision that relabeled it wins (its value and its
        passages); a relabel that agrees with the model is a confirmation and is exported too. With
        `since_last`, only sentences relabeled by a decision made after the last recorded export
        (`record_export`) are included; with `after_decision`, only those relabeled after that decision
        (a client that keeps its own cursor, as the HTTP API's do).
        """
        since = self.last_export() if since_last else None
        floor = after_decision if after_decision is not None else since["through_decision"] if since else 0
        with self._read() as db:
            rows = db.execute(
                "SELECT d.article_id, r.sentence_index, r.sentence_text, r.label, r.value, r.passage, d.id"
                " FROM relabels r JOIN decisions d ON d.id = r.decision_id ORDER BY d.article_id, d.id, r.id"
            ).fetchall()
        fresh = {(a, i) for a, i, _t, _l, _v, _p, d in rows if d > floor}
        latest: dict[tuple[int, int], dict] = {}
        decisions: set[int] = set()
        for article_id, index, text, label, value, passage, decision_id in rows:
            if (article_id, index) not in fresh:
                continue
            decisions.add(decision_id)
            sentence = latest.setdefault((article_id, index), {"text": text, "labels": {}})
            current = sentence["labels"].get(label)
            if current is None or current["decision"] != decision_id:
                current = sentence["labels"][label] = {"decision": decision_id, "value": value, "passages": []}
            if passage is not None and passage not in current["passages"]:
                current["passages"].append(passage)
        out = []
        for (article_id, index), sentence in sorted(latest.items()):
            labels = sentence["labels"]
            example = Example(
                text=sentence["text"],
                labels={key: labels[key]["value"] if key in labels else None for key in LABEL_KEYS},
                passages={key: got["passages"] for key, got in labels.items() if got["value"] == 1 and got["passages"]},
                id="review-" + content_hash(sentence["text"])[:12],
                provenance="review",
                source=f"queue:{article_id}#{index}",
            )
            out.append(example.to_labels_line())
        span = [min(decisions), max(decisions)] if decisions else None
        return out, {"decisions": span, "count": len(out), "since": since}

    def record_export(self, through_decision: int, sentences: int) -> None:
        """Remember that decisions up to `through_decision` have been exported (after they were written)."""
        with self._write() as db:
            db.execute(
                "INSERT INTO exports (through_decision, sentences, exported_at) VALUES (?, ?, ?)",
                (through_decision, sentences, _now()),
            )
