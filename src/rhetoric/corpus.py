"""The labeled sentence corpus: reading, validating, splitting and writing it.

Two kinds of line share one reader: the written corpus (`corpora/written/*.jsonl`, every field) and
the labels format (`corpora/labels.jsonl`, `--extra` files, review exports, `../shared/eval`-style
data: `text`, label keys with 0, 1 or null, optional `passages`, `source`, `id`, `provenance`).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import safejson
from .errors import InputError
from .labels import LABEL_KEYS

DOMAINS = (
    "conflict", "domestic_politics", "elections", "economy_markets", "health", "science", "climate",
    "technology", "crime_courts", "sports", "entertainment", "immigration",
)
REGISTERS = ("wire", "tabloid", "opinion", "science", "business", "feature")
PROVENANCES = ("written", "review", "imported")
WRITTEN_KEYS = ("id", "article", "domain", "register", "provenance", "text", *LABEL_KEYS, "passages")
EVAL_SHARE = 0.20
LABELS_FILE = "labels.jsonl"


@dataclass
class Example:
    text: str
    labels: dict[str, int | None]
    passages: dict[str, list[str]] = field(default_factory=dict)
    id: str = ""
    article: str = ""
    domain: str = ""
    register: str = ""
    provenance: str = "imported"
    source: str = ""
    outlet: str = ""  # the newsroom outlet or section a user label is from (labels format only)
    where: str = ""  # file:line, for messages

    def to_labels_line(self) -> dict:
        """This example in the project's labels format (what `rhetoric label` and `--extra` read)."""
        row: dict = {"id": self.id, "text": self.text}
        row.update({key: self.labels.get(key) for key in LABEL_KEYS})
        row["passages"] = {k: v for k, v in self.passages.items() if v}
        row["provenance"] = self.provenance
        if self.source:
            row["source"] = self.source
        if self.outlet:
            row["outlet"] = self.outlet
        return row


def in_eval_split(article: str) -> bool:
    """Stable, article-level evaluation split: depends only on the article id."""
    digest = hashlib.sha256(article.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) < EVAL_SHARE * 0x1_0000_0000


def _label_value(value, key: str, where: str, allow_null: bool) -> int | None:
    if value is None and allow_null:
        return None
    if value in (0, 1) and not isinstance(value, bool):
        return int(value)
    raise InputError(f"{where}: {key} must be 0, 1{' or null' if allow_null else ''}, not {value!r}")


_QUOTE_FOLD = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})


def locate(passage: str, text: str) -> str | None:
    """The passage as it is written in `text`, tolerating straight versus curly quotes."""
    if passage in text:
        return passage
    at = text.translate(_QUOTE_FOLD).find(passage.translate(_QUOTE_FOLD))
    return text[at : at + len(passage)] if at >= 0 else None


def _passages(raw, text: str, where: str, strict: bool = True) -> dict[str, list[str]]:
    if raw is None:
        return {}
    if isinstance(raw, list):  # the dev-set form: loaded-language passages only
        raw = {"loaded_language": raw}
    if not isinstance(raw, dict):
        raise InputError(f"{where}: passages must be an object or a list")
    out: dict[str, list[str]] = {}
    for key, items in raw.items():
        if key not in LABEL_KEYS:
            raise InputError(f"{where}: unknown label {key!r} in passages")
        if not isinstance(items, list) or not all(isinstance(p, str) and p for p in items):
            raise InputError(f"{where}: passages.{key} must be a list of strings")
        found = []
        for passage in items:
            located = locate(passage, text)
            if located is None and strict:
                raise InputError(f"{where}: passage {passage!r} is not in the sentence")
            if located is not None:
                found.append(located)
        out[key] = found
    return out


def parse_line(line: str, where: str, written: bool = False, strict: bool = True) -> Example:
    """One JSON line of the corpus or labels format, validated; errors name the file and line."""
    row = safejson.loads(line, where)
    if not isinstance(row, dict):
        raise InputError(f"{where}: each line must be a JSON object")
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: text must be a non-empty string")
    if written and tuple(row) != tuple(k for k in WRITTEN_KEYS if k in row or k not in LABEL_KEYS):
        raise InputError(f"{where}: keys must be {', '.join(WRITTEN_KEYS)} in that order")
    unknown = set(row) - set(WRITTEN_KEYS) - {"source", "note", "outlet"}
    if unknown:
        raise InputError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    labels = {key: _label_value(row.get(key), key, where, allow_null=True) for key in LABEL_KEYS}
    if all(v is None for v in labels.values()):
        raise InputError(f"{where}: no label given")
    passages = _passages(row.get("passages"), text, where, strict)
    contradicted = [key for key, found in passages.items() if found and labels[key] != 1]
    if contradicted and strict:
        key = contradicted[0]
        raise InputError(f"{where}: a {key} passage is given but {key} is {labels[key]}; "
                         "passages mark the words of a label that is 1")
    example = Example(
        text=text,
        labels=labels,
        passages=passages,
        id=str(row.get("id") or ""),
        article=str(row.get("article") or ""),
        domain=str(row.get("domain") or ""),
        register=str(row.get("register") or ""),
        provenance=str(row.get("provenance") or ("written" if written else "imported")),
        source=str(row.get("source") or ""),
        outlet=_outlet(row.get("outlet"), where, written),
        where=where,
    )
    if example.provenance not in PROVENANCES:
        raise InputError(f"{where}: provenance must be one of {', '.join(PROVENANCES)}")
    if written:
        _check_written(example, where)
    return example


OUTLET = re.compile(r"[a-z0-9][a-z0-9_.-]{0,63}")
"""An outlet or section name: lowercase letters, digits, `_ . -`, as in `the-courier` or `sport.live`."""


def _outlet(value, where: str, written: bool) -> str:
    if value is None:
        return ""
    if written or not isinstance(value, str) or not OUTLET.fullmatch(value):
        raise InputError(f"{where}: outlet must be a name like 'the-courier' (lowercase letters, digits, _ . -)"
                         + (", and only in user labels" if written else ""))
    return value


def _check_written(ex: Example, where: str) -> None:
    if ex.domain not in DOMAINS:
        raise InputError(f"{where}: unknown domain {ex.domain!r}")
    if ex.register not in REGISTERS:
        raise InputError(f"{where}: unknown register {ex.register!r}")
    if not re.fullmatch(rf"{re.escape(ex.domain)}-\d{{3}}", ex.article):
        raise InputError(f"{where}: article must be <domain>-NNN, not {ex.article!r}")
    if not re.fullmatch(rf"{re.escape(ex.article)}-\d{{2}}", ex.id):
        raise InputError(f"{where}: id must be <article>-NN, not {ex.id!r}")
    for key in LABEL_KEYS:
        if ex.labels[key] == 1 and not ex.passages.get(key):
            raise InputError(f"{where}: {key} is 1 but has no passage")
        if ex.labels[key] == 0 and ex.passages.get(key):
            raise InputError(f"{where}: {key} is 0 but has a passage")


def read_jsonl(path: str | Path, written: bool = False, strict: bool = True) -> list[Example]:
    """Every example in one JSON Lines file; the first bad line stops with its file and line.

    `strict=False` (evaluation data from elsewhere) drops a passage that is not in its sentence
    instead of refusing the file; training data is always strict.
    """
    path = Path(path)
    from .text import DATA_FILE, read_limited

    lines = read_limited(path, DATA_FILE, "a labels file").splitlines()
    return [
        parse_line(line, f"{path}:{number}", written, strict)
        for number, line in enumerate(lines, 1)
        if line.strip()
    ]


@dataclass
class Corpus:
    written: list[Example]
    labels: list[Example]

    def _corrected(self) -> set[str]:
        return {normalised(ex.text) for ex in self.labels}

    @property
    def train(self) -> list[Example]:
        """Written sentences outside the evaluation split, then every user label.

        A user label for a written sentence is a correction: it replaces that sentence.
        """
        corrected = self._corrected()
        return [
            ex for ex in self.written if not in_eval_split(ex.article) and normalised(ex.text) not in corrected
        ] + self.labels

    @property
    def evaluation(self) -> list[Example]:
        """The held-out articles, less any sentence a user label moved to the training side."""
        corrected = self._corrected()
        return [ex for ex in self.written if in_eval_split(ex.article) and normalised(ex.text) not in corrected]

    def sha256(self) -> str:
        """Hash of the corpus content, in a fixed order, for the model manifest."""
        digest = hashlib.sha256()
        for ex in self.written + self.labels:
            digest.update(json.dumps(ex.to_labels_line(), sort_keys=True).encode("utf-8"))
            digest.update(b"\n")
        return digest.hexdigest()


def read_corpus(directory: str | Path) -> Corpus:
    """The written corpus and the user labels file of a corpus directory."""
    directory = Path(directory)
    written_dir = directory / "written"
    if not written_dir.is_dir():
        raise InputError(f"{directory}: not a corpus directory (no written/ folder)")
    files = sorted(written_dir.glob("*.jsonl"))
    if not files:
        raise InputError(f"{written_dir}: no .jsonl files")
    written = [ex for path in files for ex in read_jsonl(path, written=True)]
    labels_path = directory / LABELS_FILE
    labels = read_jsonl(labels_path) if labels_path.exists() else []
    return Corpus(written, labels)


def read_data(path: str | Path) -> list[Example]:
    """Labeled data for evaluation: a corpus directory's evaluation split, or a JSON Lines file."""
    path = Path(path)
    if path.is_dir():
        return read_corpus(path).evaluation
    return read_jsonl(path, strict=False)


def normalised(text: str) -> str:
    """The form two sentences share when they are the same sentence (case, punctuation, numbers)."""
    return " ".join(re.sub(r"\d+", "0", re.sub(r"[^\w\s]", "", text.lower())).split())


def _shingles(text: str, size: int = 4) -> set[str]:
    tokens = re.findall(r"\w+", text.lower())
    return {" ".join(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1))}


NEAR_DUPLICATE = 0.8
"""Jaccard similarity of word 4-gram sets above which two sentences count as near duplicates."""
TARGETS = {"sentences": 3000, "positives_per_label": 700, "domains": 10}


def _exact_duplicates(examples: list[Example]) -> list[str]:
    seen: dict[str, str] = {}
    problems = []
    for ex in examples:
        key = normalised(ex.text)
        if key in seen:
            problems.append(f"{ex.where}: duplicate of {seen[key]}")
        seen.setdefault(key, ex.where)
    return problems


def check(corpus: Corpus, directory: str | Path | None = None) -> tuple[list[str], list[str]]:
    """Problems that fail the check, and warnings about balance targets (and, given the corpus
    `directory`, the audit's warnings about templates, drills and contradictions)."""
    problems: list[str] = []
    warnings: list[str] = []
    everything = corpus.written + corpus.labels
    ids: dict[str, str] = {}
    for ex in everything:
        if ex.id and ex.id in ids:
            problems.append(f"{ex.where}: duplicate id {ex.id} (first at {ids[ex.id]})")
        ids.setdefault(ex.id, ex.where)
    # a user label may repeat a written sentence (that is a correction), so each side is checked alone
    problems += _exact_duplicates(corpus.written) + _exact_duplicates(corpus.labels)
    written = corpus.written
    index: dict[str, list[int]] = {}
    shingles = [_shingles(ex.text) for ex in written]
    for i, grams in enumerate(shingles):
        for gram in grams:
            index.setdefault(gram, []).append(i)
    for i, grams in enumerate(shingles):
        candidates = {j for gram in grams for j in index[gram] if j > i}
        for j in sorted(candidates):
            overlap = len(grams & shingles[j]) / len(grams | shingles[j])
            if overlap >= NEAR_DUPLICATE and normalised(written[i].text) != normalised(written[j].text):
                problems.append(f"{written[j].where}: near duplicate of {written[i].where} ({overlap:.2f})")
    st = stats(corpus)
    if st["sentences"] < TARGETS["sentences"]:
        warnings.append(f"{st['sentences']} written sentences; the target is {TARGETS['sentences']}")
    for key in LABEL_KEYS:
        if st["positives"][key] < TARGETS["positives_per_label"]:
            warnings.append(f"{key}: {st['positives'][key]} positives; the target is {TARGETS['positives_per_label']}")
        if st["evaluation_positives"][key] == 0:
            problems.append(f"{key}: no positive in the evaluation split")
    if len(st["domains"]) < TARGETS["domains"]:
        warnings.append(f"{len(st['domains'])} domains; the target is {TARGETS['domains']}")
    if directory is not None:
        from .corpus_audit import audit

        warnings += audit(corpus.written, directory)
    return problems, warnings


def stats(corpus: Corpus) -> dict:
    """Balance of the written corpus per label, domain and register, and the split sizes."""
    from collections import Counter

    from .corpus_audit import register_rates

    written = corpus.written
    def positives(rows):
        return {key: sum(1 for ex in rows if ex.labels[key] == 1) for key in LABEL_KEYS}

    evaluation = corpus.evaluation
    return {
        "sentences": len(written),
        "articles": len({ex.article for ex in written}),
        "user_labels": len(corpus.labels),
        "positives": positives(written),
        "evaluation_sentences": len(evaluation),
        "evaluation_positives": positives(evaluation),
        "negatives_all_labels": sum(1 for ex in written if not any(ex.labels.values())),
        "domains": dict(sorted(Counter(ex.domain for ex in written).items())),
        "registers": dict(sorted(Counter(ex.register for ex in written).items())),
        "positives_by_domain": {
            d: positives([ex for ex in written if ex.domain == d]) for d in sorted({ex.domain for ex in written})
        },
        "by_register": register_rates(written),
    }


def cohen_kappa(first: list[int], second: list[int]) -> float:
    """Agreement between two labelings beyond chance (Cohen 1960)."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second)) / n
    p1, p2 = sum(first) / n, sum(second) / n
    expected = p1 * p2 + (1 - p1) * (1 - p2)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(corpus: Corpus, second_path: str | Path, resamples: int = 2000) -> dict[str, dict]:
    """Kappa per label between the written corpus and an independent second labeling of a sample.

    Each row of the second labeling holds the `text` it labeled; a row whose sentence has been
    rewritten since is left out (counted as `stale`). The 95% interval is a percentile bootstrap over
    sentences with a fixed seed, so the figures are reproducible.
    """
    import numpy as np

    by_id = {ex.id: ex for ex in corpus.written}
    try:
        rows = [json.loads(line) for line in Path(second_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(f"{second_path}: cannot read the second labeling ({exc})") from None
    missing = [r["id"] for r in rows if r["id"] not in by_id]
    if missing:
        raise InputError(f"{second_path}: ids not in the corpus: {', '.join(missing[:5])}")
    current = [r for r in rows if r.get("text") == by_id[r["id"]].text]
    rng = np.random.default_rng(0)
    picks = rng.integers(0, len(current), size=(resamples, len(current))) if current else None
    out = {}
    for key in LABEL_KEYS:
        first = np.array([by_id[r["id"]].labels[key] for r in current])
        second = np.array([int(r[key]) for r in current])
        boot = sorted(cohen_kappa(first[i].tolist(), second[i].tolist()) for i in picks) if picks is not None else []
        out[key] = {
            "kappa": round(cohen_kappa(first.tolist(), second.tolist()), 3) if current else None,
            "ci95": [round(boot[int(0.025 * resamples)], 3), round(boot[int(0.975 * resamples) - 1], 3)]
            if boot else None,
            "n": len(current), "stale": len(rows) - len(current),
            "agreement": round(float((first == second).mean()), 3) if current else None,
            "positives_first": int(first.sum()), "positives_second": int(second.sum()),
            "disagreements": [r["id"] for r, a, b in zip(current, first, second) if a != b],
        }
    return out
