"""Adding and correcting labeled sentences in the user labels file beside the written corpus.

Everything is validated before anything is written; the file is rewritten atomically under a lock,
so an interrupted or concurrent `rhetoric label` loses nothing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
from contextlib import contextmanager
from pathlib import Path

from . import corpus as corpus_mod
from .atomic import write_text
from .errors import InputError
from .labels import LABEL_KEYS


def label_id(text: str) -> str:
    return "user-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


@contextmanager
def locked(path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _same(a: corpus_mod.Example, b: corpus_mod.Example) -> bool:
    return all(a.labels.get(k) == b.labels.get(k) for k in LABEL_KEYS)


def add_labels(corpus_dir: str | Path, new: list[corpus_mod.Example], replace: bool = False) -> dict[str, int]:
    """Add `new` to `<corpus>/labels.jsonl`. A sentence already labeled the same way is left as it
    is (counted `unchanged`: a second review round may export it again); a sentence labeled
    differently is a conflict, refused unless `replace` is set."""
    corpus_dir = Path(corpus_dir)
    path = corpus_dir / corpus_mod.LABELS_FILE
    with locked(path):
        existing = corpus_mod.read_jsonl(path) if path.exists() else []
        written = corpus_mod.read_corpus(corpus_dir).written
        by_text = {corpus_mod.normalised(ex.text): i for i, ex in enumerate(existing)}
        written_by_text = {corpus_mod.normalised(ex.text): ex for ex in written}
        counts = {"added": 0, "replaced": 0, "unchanged": 0}
        seen: set[str] = set()
        for ex in new:
            key = corpus_mod.normalised(ex.text)
            where = ex.where or "label"
            if key in seen:
                raise InputError(f"{where}: the same sentence appears twice in this batch")
            seen.add(key)
            if ex.provenance == "written":
                ex.provenance = "imported"
            ex.id = ex.id or label_id(ex.text)
            if key in by_text:
                old = existing[by_text[key]]
                if _same(old, ex) and (old.passages == ex.passages or not ex.passages):
                    counts["unchanged"] += 1
                    continue
                if not replace:
                    raise InputError(f"{where}: conflicts with {old.id} in {path} (use --replace to correct it)")
                ex.id = old.id
                existing[by_text[key]] = ex
                counts["replaced"] += 1
                continue
            if key in written_by_text and _same(written_by_text[key], ex) and not replace:
                counts["unchanged"] += 1  # the written corpus already says so
                continue
            by_text[key] = len(existing)
            existing.append(ex)
            counts["added"] += 1
        write_text(path, "".join(json.dumps(ex.to_labels_line(), ensure_ascii=False) + "\n" for ex in existing))
    return counts


def from_assignments(text: str, assignments: list[str], passages: list[str], provenance: str) -> corpus_mod.Example:
    """An example from `LABEL=0|1` and `LABEL=passage text` strings given on the command line."""
    labels: dict[str, int | None] = {k: None for k in LABEL_KEYS}
    for item in assignments:
        key, _, value = item.partition("=")
        if key not in LABEL_KEYS or value not in ("0", "1"):
            raise InputError(f"--set {item!r}: expected LABEL=0 or LABEL=1 with LABEL one of {', '.join(LABEL_KEYS)}")
        labels[key] = int(value)
    marked: dict[str, list[str]] = {}
    for item in passages:
        key, _, value = item.partition("=")
        if key not in LABEL_KEYS or not value:
            raise InputError(f"--passage {item!r}: expected LABEL=text")
        marked.setdefault(key, []).append(value)
    row = {"text": text, **labels, "provenance": provenance, "passages": marked}
    return corpus_mod.parse_line(json.dumps(row), "command line")
