"""Agreement with the project's own guidelines on real reporting, printed as a table.

dev.jsonl's annotators read their own definitions (CoNLL-2010 counts vague quantifiers as weasels,
FactBank hedges named speakers' words, PTC marks four propaganda techniques), so its F1 mixes the
model's errors with the datasets' readings. This benchmark asks the question an editor asks: on real
sentences, do the flags follow `corpora/README.md`?

Data: two samples of ../shared/eval/dev.jsonl named by their `source` key (the files hold no text).
`bench/data/guideline_sample.jsonl`: 299 sentences; per label, 100 were drawn (seed 9) from three
strata of that label's sentences as model `1.9.1-b1c260a1-4d48f6bf` saw them: 40 it flagged, 40 the
annotators marked and it did not, 20 of the rest. Two helper sessions labeled them blind from the
guidelines alone (no model scores, no dataset labels), each about 170 with 40 in common, which
measure their agreement. `bench/data/guideline_sample_2.jsonl` (session 14): 300 other sentences
drawn the same way (seed 14) by model `1.9.1-970587bf-1ede216a`'s strata, labeled the same way by two
other helper sessions, 160 each with 20 in common. `bench/data/guideline_sample_3.jsonl` (session
15): 300 more, drawn the same way (seed 15, none of them in the first two samples) by model
`1.9.1-970587bf-cae6ec45`'s strata, labeled the same way by two more helper sessions. Each sample is
reported on its own. Estimates
for a label are weighted by each stratum's size, so they hold for all of dev's sentences judged for
that label, with a 90% bootstrap interval (rows resampled within their stratum);
the sentences drawn for the other labels (Wikipedia, FactBank and PolNeAR for loaded language) show
how often calm text is flagged against the guidelines.
Command: `.venv/bin/python bench/guidelines.py [--against MODEL_DIR]` (a few seconds after the
features are built). With `--against`, a last table compares another model (trained by the same code)
with this one flag by flag on every sentence of both samples, for every label: how many flags change,
and how many of those move toward the labelers and away from them. Between two close models that says
more than the two weighted estimates, which move by whole strata.
"""

from __future__ import annotations

import json
import os
import sys
from datetime import date
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
SAMPLES = tuple(ROOT / "bench" / "data" / name
                for name in ("guideline_sample.jsonl", "guideline_sample_2.jsonl", "guideline_sample_3.jsonl"))


def weighted_prf(rows: list[tuple[float, bool, bool]]) -> tuple[float, float, float]:
    """Precision, recall and F1 of `flag` against `truth`, each row weighted (weight, flag, truth)."""
    tp = sum(w for w, f, t in rows if f and t)
    fp = sum(w for w, f, t in rows if f and not t)
    fn = sum(w for w, f, t in rows if t and not f)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return p, r, (2 * tp / (2 * tp + fp + fn) if tp else 0.0)


RESAMPLES = 1000


def interval(rows: list[tuple[float, bool, bool]], strata: list[str], seed: int = 0) -> tuple[float, float]:
    """A 90% bootstrap interval of `weighted_prf`'s F1: rows resampled with replacement within their
    stratum, as they were drawn."""
    import random

    rng = random.Random(seed)
    groups: dict[str, list[int]] = {}
    for i, name in enumerate(strata):
        groups.setdefault(name, []).append(i)
    f1s = sorted(
        weighted_prf([rows[rng.choice(members)] for members in groups.values() for _ in members])[2]
        for _ in range(RESAMPLES)
    )
    return f1s[int(0.05 * RESAMPLES)], f1s[int(0.95 * RESAMPLES) - 1]


def main() -> None:
    from rhetoric.corpus import read_data
    from rhetoric.store import load_model

    if not DEV.exists():
        sys.exit(f"bench/guidelines: {DEV} not found (it lives in ../shared/eval beside the repo)")
    by_source = {ex.source: ex for ex in read_data(DEV)}
    model = load_model()
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# rhetoric against its guidelines on dev.jsonl — model {model.version}, "
          f"{date.today()}, {os.cpu_count()} cores, {mem:.0f} GiB")
    print("# command: .venv/bin/python bench/guidelines.py; blind labels: "
          + ", ".join(f"bench/data/{path.name}" for path in SAMPLES))
    for path in SAMPLES:
        report(path, model, by_source)
    if "--against" in sys.argv[:-1]:
        other = load_model(Path(sys.argv[sys.argv.index("--against") + 1]))
        compare(other, model, by_source)


def flags_of(model, sentences) -> np.ndarray:
    """The flags a report raises on each prepared sentence, per label (a passage carries each)."""
    from rhetoric.analysis import carried
    from rhetoric.evaluate import raised

    return raised(model.predict_proba(sentences), model.thresholds, carried(model.scorer, sentences))


def compare(other, model, by_source: dict) -> None:
    """Flag by flag on both samples: which of `model`'s flags differ from `other`'s, and whether each
    change agrees with the labelers."""
    from rhetoric.features import prepare_all
    from rhetoric.labels import LABEL_KEYS

    items = [json.loads(line) for path in SAMPLES for line in path.read_text(encoding="utf-8").splitlines()[1:]]
    sentences = prepare_all([by_source[item["source"]].text for item in items])
    before, after = flags_of(other, sentences), flags_of(model, sentences)
    print()
    print(f"## flag by flag: {model.version} against {other.version}, {len(items)} sentences")
    print()
    print("| label | flags changed | toward the labelers | away from them |")
    print("|---|---|---|---|")
    for j, key in enumerate(LABEL_KEYS):
        changed = [i for i in range(len(items)) if before[i, j] != after[i, j]]
        toward = sum(bool(after[i, j]) == bool(items[i]["labels"][key]) for i in changed)
        print(f"| {key} | {len(changed)} | {toward} | {len(changed) - toward} |")


def report(path: Path, model, by_source: dict) -> None:
    """The tables for one blind sample: agreement per label, and loaded flags on calm text."""
    from rhetoric.corpus import cohen_kappa
    from rhetoric.features import prepare_all
    from rhetoric.labels import LABEL_KEYS

    lines = path.read_text(encoding="utf-8").splitlines()
    meta = json.loads(lines[0])["meta"]
    items = [json.loads(line) for line in lines[1:]]
    examples = [by_source[item["source"]] for item in items]
    sentences = prepare_all([ex.text for ex in examples])
    flags = flags_of(model, sentences)

    print()
    print(f"## {path.name}: {len(items)} sentences, strata by model {meta['model']}, seed {meta['seed']}")
    print()
    print("| label | drawn | model P | model R | model F1 (90% interval) | dataset P | dataset R | dataset F1 | "
          "labelers agree (kappa) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for j, key in enumerate(LABEL_KEYS):
        drawn = [i for i, item in enumerate(items) if item["drawn_for"] == key]
        sampled: dict[str, int] = {}
        for i in drawn:
            sampled[items[i]["stratum"]] = sampled.get(items[i]["stratum"], 0) + 1
        weight = {name: meta["pools"][f"{key}/{name}"] / n for name, n in sampled.items()}
        model_rows, data_rows = [], []
        for i in drawn:
            w, truth = weight[items[i]["stratum"]], bool(items[i]["labels"][key])
            model_rows.append((w, bool(flags[i, j]), truth))
            data_rows.append((w, bool(examples[i].labels[key]), truth))
        both = [item for item in items if item["second"] is not None]
        agree = sum(item["labels"][key] == item["second"][key] for item in both)
        k = cohen_kappa([item["labels"][key] for item in both], [item["second"][key] for item in both])
        mp, mr, mf = weighted_prf(model_rows)
        dp, dr, df = weighted_prf(data_rows)
        low, high = interval(model_rows, [items[i]["stratum"] for i in drawn])
        print(f"| {key} | {len(drawn)} | {mp:.3f} | {mr:.3f} | **{mf:.3f}** ({low:.2f}-{high:.2f}) | {dp:.3f} | "
              f"{dr:.3f} | {df:.3f} | {agree}/{len(both)} ({k:.2f}) |")
    j = LABEL_KEYS.index("loaded_language")
    calm = [i for i, ex in enumerate(examples) if ex.labels.get("loaded_language") is None]
    flagged = [i for i in calm if flags[i, j]]
    right = sum(items[i]["labels"]["loaded_language"] for i in flagged)
    loaded = sum(items[i]["labels"]["loaded_language"] for i in calm)
    print()
    print("| calm text (Wikipedia, FactBank, PolNeAR: no loaded labels in dev) | sentences | loaded by the "
          "guidelines | flagged loaded | flags the guidelines call loaded |")
    print("|---|---|---|---|---|")
    share = np.mean([bool(flags[i, j]) for i in calm]) if calm else 0.0
    print(f"| loaded_language | {len(calm)} | {loaded} | {len(flagged)} ({share:.0%}) | {right} of {len(flagged)} |")


if __name__ == "__main__":
    main()
