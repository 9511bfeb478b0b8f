"""Quality benchmark on real reporting: ../shared/eval/dev.jsonl, per label and per source.

Data: ../shared/eval/dev.jsonl (21,284 human-labeled sentences from public research corpora; never
trained on). Compares the shipped model with two baselines: flagging every sentence, and flagging a
sentence when it holds a cue word from the project's own lists (hedges; the loaded-language lexicon;
vague sources and speculative frames).
Command: `.venv/bin/python bench/quality.py [DEV.jsonl]` (or `make bench`).
"""

from __future__ import annotations

import os
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
CUE_LISTS = {
    "hedging": ["hedges"],
    "loaded_language": ["loaded"],
    "unattributed_speculation": ["vague_sources", "speculation_frames"],
}


def cue_baseline(texts: list[str]) -> np.ndarray:
    from rhetoric import lexicon
    from rhetoric.labels import LABEL_KEYS

    out = np.zeros((len(texts), len(LABEL_KEYS)))
    for i, text in enumerate(texts):
        words = lexicon.words(text)
        for j, key in enumerate(LABEL_KEYS):
            out[i, j] = float(any(lexicon.load(name).matches(words) for name in CUE_LISTS[key]))
    return out


def main() -> None:
    from rhetoric.corpus import read_data
    from rhetoric.evaluate import evaluate, metrics_for, source_prefix
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.store import load_model

    path = Path(sys.argv[1]) if len(sys.argv) > 1 else DEV
    if not path.exists():
        sys.exit(f"bench/quality: {path} not found (it lives in ../shared/eval beside the repo)")
    examples = read_data(path)
    model = load_model()
    result = evaluate(model, examples, by_source=True)
    baseline = cue_baseline([ex.text for ex in examples])
    half = {k: 0.5 for k in LABEL_KEYS}
    groups: dict[str, list[int]] = {}
    for i, ex in enumerate(examples):
        groups.setdefault(source_prefix(ex.source), []).append(i)
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# rhetoric quality on {path.name} — model {model.version}, {date.today()}, "
          f"{os.cpu_count()} cores, {mem:.0f} GiB")
    print("# command: .venv/bin/python bench/quality.py")
    print()
    print("| label | source | n | positives | model P | model R | model F1 | model AP | cue-list F1 | flag-all F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for key in LABEL_KEYS:
        rows_all = [("all", list(range(len(examples))))] + sorted(groups.items())
        for name, rows in rows_all:
            sub = [examples[i] for i in rows]
            m = (result["labels"] if name == "all" else result["by_source"][name]["labels"]).get(key)
            if not m:
                continue
            b = metrics_for(sub, baseline[rows], half)[key]
            print(f"| {key} | {name} | {m['n']} | {m['support']} | {m['precision']:.3f} | {m['recall']:.3f} | "
                  f"**{m['f1']:.3f}** | {m['average_precision']:.3f} | {b['f1']:.3f} | {m['flag_all_f1']:.3f} |")
    print()
    print("| passages | gold passages | token precision | token recall | overlap F1 |")
    print("|---|---|---|---|---|")
    for key, m in result.get("passages", {}).items():
        print(f"| {key} | {m['support']} | {m['token_precision']:.3f} | {m['token_recall']:.3f} | "
              f"**{m['overlap_f1']:.3f}** |")


if __name__ == "__main__":
    main()
