"""The blind guideline labels that bench/guidelines.py reads: well formed, and free of dev.jsonl's text.

dev.jsonl's licences forbid redistributing its sentences, so the file names each sentence by its
`source` key only; this test keeps it that way (it needs nothing from ../shared).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rhetoric.labels import LABEL_KEYS

SAMPLE = Path(__file__).resolve().parents[1] / "bench" / "data" / "guideline_sample.jsonl"
KEY = re.compile(r"^[a-z0-9_]+:[^#]{1,100}#[A-Za-z]+[0-9.]+$")
"""dev.jsonl's `source`: the corpus, its file or page, and a line, row or sentence number."""


def test_the_guideline_sample_names_sentences_by_key_and_holds_no_text():
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0])["meta"]
    rows = [json.loads(line) for line in lines[1:]]
    assert set(meta) == {"model", "pools", "seed"}
    assert len({row["source"] for row in rows}) == len(rows)
    for row in rows:
        assert set(row) == {"source", "drawn_for", "stratum", "labels", "second"}
        assert KEY.match(row["source"]), row["source"]  # "corpus:file#L12", never a sentence
        assert row["drawn_for"] in LABEL_KEYS
        assert f"{row['drawn_for']}/{row['stratum']}" in meta["pools"]
        for labels in (row["labels"], row["second"] or row["labels"]):
            assert set(labels) == set(LABEL_KEYS) and set(labels.values()) <= {0, 1}
    drawn = {key: sum(row["drawn_for"] == key for row in rows) for key in LABEL_KEYS}
    assert all(count >= 90 for count in drawn.values())
    assert sum(row["second"] is not None for row in rows) >= 30  # the overlap the labelers' agreement is read on
