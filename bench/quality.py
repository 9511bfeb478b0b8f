"""Quality benchmark on real reporting: ../shared/eval/dev.jsonl, per label and per source.

Data: ../shared/eval/dev.jsonl (21,284 human-labeled sentences from public research corpora; never
trained on). Compares the shipped model with two baselines: flagging every sentence, and flagging a
sentence when it holds a cue word from the project's own lists (hedges; the loaded-language lexicon;
vague sources and speculative frames).
Also: loaded-language flags on the sources whose annotators judged no loaded language (calm text: a
count, since no F1 reads them), whole articles as the gate judges them (rows grouped by `article`, the
default policy, counting flags and counting expected sentences), and a newsroom's calibration
simulated per source: `rhetoric calibrate`'s EM run on the unlabeled text of half of that source's
articles (by a hash of `article`), measured on the other half.
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
            out[i, j] = float(any(lexicon.load(name).matches(words) for name in CUE_LISTS.get(key, ())))
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
    print("| label | source | n | positives | model P | model R | model F1 | model AP | ECE | cue-list F1 "
          "| flag-all F1 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for key in LABEL_KEYS:
        rows_all = [("all", list(range(len(examples))))] + sorted(groups.items())
        for name, rows in rows_all:
            sub = [examples[i] for i in rows]
            m = (result["labels"] if name == "all" else result["by_source"][name]["labels"]).get(key)
            if not m:
                continue
            b = metrics_for(sub, baseline[rows], half)[key]
            print(f"| {key} | {name} | {m['n']} | {m['support']} | {m['precision']:.3f} | {m['recall']:.3f} | "
                  f"**{m['f1']:.3f}** | {m['average_precision']:.3f} | {m['ece']:.3f} | {b['f1']:.3f} | "
                  f"{m['flag_all_f1']:.3f} |")
    print()
    print("| passages | gold passages | token precision | token recall | overlap F1 | exact F1 |")
    print("|---|---|---|---|---|---|")
    for key, m in result.get("passages", {}).items():
        print(f"| {key} | {m['support']} | {m['token_precision']:.3f} | {m['token_recall']:.3f} | "
              f"**{m['overlap_f1']:.3f}** | {m['exact_f1']:.3f} |")
    calm_text_table(model, examples, groups, result["_proba"], result["_carried"])
    articles_table(model, examples, result["_proba"], result["_carried"])
    calibration_table(model, examples, groups, result["_carried"])


def calm_text_table(model, examples, groups, proba, carried) -> None:
    """Loaded-language flags on the sources whose annotators judged no loaded language (encyclopedia text,
    wire and political news): no F1 reads them, and most such flags are false by the guidelines
    (`bench/guidelines.py` measures how many), so their count is the trust problem's own figure."""
    from rhetoric.evaluate import raised
    from rhetoric.labels import LABEL_KEYS

    calm = {name: rows for name, rows in sorted(groups.items())
            if all(examples[i].labels.get("loaded_language") is None for i in rows)}
    if not calm:
        return
    flags = raised(proba, model.thresholds, carried)[:, LABEL_KEYS.index("loaded_language")]
    print()
    print("| loaded flags on calm text | sentences | flagged loaded | share |")
    print("|---|---|---|---|")
    total = flagged = 0
    for name, rows in calm.items():
        count = int(flags[rows].sum())
        total, flagged = total + len(rows), flagged + count
        print(f"| {name} | {len(rows)} | {count} | {count / len(rows):.3f} |")
    print(f"| all | {total} | **{flagged}** | {flagged / total:.3f} |")


def articles_table(model, examples, proba, carried) -> None:
    """The default policy applied per article to the annotators' labels and to the model's scores."""
    from dataclasses import replace

    from rhetoric.evaluate import article_metrics
    from rhetoric.gate import load_policy

    policy = load_policy()
    print()
    print("| articles (default policy) | counting | articles | both fire | model only | annotators only | neither "
          "| balanced accuracy | Spearman of flagged share |")
    print("|---|---|---|---|---|---|---|---|---|")
    for count in ("flags", "expected"):
        counted = replace(policy, rules={k: replace(r, count=count) for k, r in policy.rules.items()})
        for key, m in article_metrics(examples, proba, model.thresholds, counted, carried).items():
            c = m["confusion"]
            ba = "undefined" if m["balanced_accuracy"] is None else f"**{m['balanced_accuracy']:.3f}**"
            rho = "undefined" if m["spearman_share"] is None else f"{m['spearman_share']:.3f}"
            print(f"| {key} | {count} | {m['articles']} | {c['tp']} | {c['fp']} | {c['fn']} | {c['tn']} | {ba} "
                  f"| {rho} |")


def calibration_table(model, examples, groups, carried) -> None:
    """Per source: calibrate on the text of half its articles (no labels), measure on the other half.
    Calibration moves probabilities and thresholds, not weights, so which flags have passages holds."""
    import hashlib
    import tempfile

    from rhetoric.calibrate import calibrate, estimate_rates
    from rhetoric.evaluate import metrics_for
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.store import load_model

    def half(ex) -> int:
        return hashlib.sha256((ex.article or ex.source).encode()).digest()[0] % 2

    print()
    print("| calibration per source | label | rate (half B) | rate estimated on half A | ECE before | ECE after "
          "| F1 before (and after) | F1 with --rethreshold |")
    print("|---|---|---|---|---|---|---|---|")
    for name, rows in sorted(groups.items()):
        fit = [examples[i].text for i in rows if half(examples[i]) == 0]
        held_rows = [i for i in rows if half(examples[i]) == 1]
        held = [examples[i] for i in held_rows]
        rates = estimate_rates(model, fit)
        texts = [ex.text for ex in held]
        with tempfile.TemporaryDirectory() as tmp:
            calibrate(model, rates, f"{tmp}/kept", "bench")
            calibrate(model, rates, f"{tmp}/again", "bench", rethreshold=True)
            kept, again = load_model(f"{tmp}/kept"), load_model(f"{tmp}/again")
            before = metrics_for(held, model.predict_proba(texts), model.thresholds, carried[held_rows])
            after = metrics_for(held, kept.predict_proba(texts), kept.thresholds, carried[held_rows])
            redone = metrics_for(held, again.predict_proba(texts), again.thresholds, carried[held_rows])
        for key in LABEL_KEYS:
            if key not in before:
                continue
            b, a, r = before[key], after[key], redone[key]
            rate = b["support"] / b["n"]
            print(f"| {name} | {key} | {rate:.3f} | {rates[key]:.3f} | {b['ece']:.3f} | **{a['ece']:.3f}** | "
                  f"{a['f1']:.3f} | {r['f1']:.3f} |")


if __name__ == "__main__":
    main()
