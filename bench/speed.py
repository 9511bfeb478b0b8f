"""Speed benchmark: cold start of `rhetoric score` and batch throughput, printed as a table.

Data: the example article seeds/000_9d25f3013ebffe61.txt (cold start); for throughput, batches of at
least 100,000 sentences built by repeating the corpus's written articles (82% of their sentences carry
a label, so most need passages) and, where ../shared is beside the project, dev.jsonl's sentences
grouped by source document (real reporting, far fewer flags).
Command: `.venv/bin/python bench/speed.py` (or `make bench`). Reports the machine's cores and memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9d25f3013ebffe61.txt"
RUNS = 7


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_wall(cmd: list[str]) -> float:
    wall(cmd)  # warm the file cache
    return statistics.median(wall(cmd) for _ in range(RUNS))


DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def articles(data: str) -> list[str]:
    """The batch's articles: the corpus's written articles, or dev.jsonl's sentences grouped by the
    document they came from (real reporting, with far fewer flagged sentences than the corpus)."""
    grouped: dict[str, list[str]] = {}
    if data == "corpus":
        for path in sorted((ROOT / "corpora" / "written").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                grouped.setdefault(row["article"], []).append(row["text"])
    else:
        for line in DEV.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            grouped.setdefault(row["source"].split("#")[0], []).append(row["text"])
    return [" ".join(sentences) for sentences in grouped.values()]


def worker(data: str, target: int = 100_000) -> None:
    """Split and score copies of the articles until `target` sentences; print sentences, seconds and
    peak MiB as JSON. Runs in its own process so the peak memory is the batch's alone."""
    import resource

    sys.path.insert(0, str(ROOT / "src"))
    from rhetoric import features
    from rhetoric.analysis import analyze_many
    from rhetoric.store import load_model

    texts = articles(data)
    model = load_model()
    done, elapsed, copy = 0, 0.0, 0
    while done < target:
        # each copy starts with the per-sentence caches cleared, so no sentence is scored from cache
        features.clear_caches()
        model.scorer.clear_cache()
        start = time.perf_counter()
        for j in range(0, len(texts), 500):
            batch = [(f"{copy}-{j + k}", text) for k, text in enumerate(texts[j : j + 500])]
            done += sum(r["summary"]["prose"] for r in analyze_many(batch, model))
        elapsed += time.perf_counter() - start
        copy += 1
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps([done, elapsed, peak]))


def stages(data: str) -> None:
    """Time each step of scoring the articles once, per prose sentence (best of 3, caches cleared
    before each step's run and refilled with the steps before it); print them as JSON. Uses the
    first articles up to 6,000 sentences, so no step's input falls out of the caches."""
    sys.path.insert(0, str(ROOT / "src"))
    from rhetoric import cues, features, lexicon
    from rhetoric.analysis import analyze_many
    from rhetoric.sentences import split
    from rhetoric.store import load_model

    texts, sentences = [], []
    for text in articles(data):  # whole articles, up to a size the per-sentence caches hold
        units = [u.text for u in split(text) if u.prose]
        if len(sentences) + len(units) <= 6000:
            texts.append(text)
            sentences.extend(units)
    model = load_model()
    scorer = model.scorer
    steps = [
        ("split into sentences (Punkt)", lambda: [split(text) for text in texts]),
        ("tokenise", lambda: [lexicon.tokens(t) for t in sentences]),
        ("find cues", lambda: [cues.find(t) for t in sentences]),
        ("cue feature rows", lambda: [features.cue_vector(t) for t in sentences]),
        ("n-grams and vocabulary lookup", lambda: [scorer._gram_indices(t) for t in sentences]),
        ("TF-IDF and linear model (numpy)", lambda: scorer.predict_proba(sentences)),
    ]
    timings = {}
    for k, (name, step) in enumerate(steps):
        best = float("inf")
        for _ in range(3):
            features.clear_caches()
            scorer.clear_cache()
            for _, before in steps[1:k]:
                before()
            start = time.perf_counter()
            step()
            best = min(best, time.perf_counter() - start)
        timings[name] = best
    best = float("inf")
    for _ in range(3):
        features.clear_caches()
        scorer.clear_cache()
        start = time.perf_counter()
        analyze_many([(str(i), text) for i, text in enumerate(texts)], model)
        best = min(best, time.perf_counter() - start)
    timings["passages of flagged labels and the report (the rest)"] = best - sum(timings.values())
    timings["all of `analyze_many`"] = best
    print(json.dumps({name: seconds / len(sentences) * 1e6 for name, seconds in timings.items()}))


BATCH_RUNS = 3


def throughput(data: str) -> tuple[int, list[float], float]:
    """Run the batch BATCH_RUNS times, each in a fresh process: sentences, each run's seconds, peak MiB.

    This machine is shared, and one run can be 30% slower than the next for reasons outside the
    process, so the table gives the best and the median run.
    """
    runs = []
    for _ in range(BATCH_RUNS):
        out = subprocess.run([sys.executable, __file__, "--worker", data], check=True, capture_output=True, text=True)
        runs.append(json.loads(out.stdout))
    return runs[0][0], sorted(seconds for _, seconds, _ in runs), max(peak for _, _, peak in runs)


def main() -> None:
    rhetoric = [str(Path(sys.executable).with_name("rhetoric"))]
    baseline = median_wall([sys.executable, "-c", "pass"])
    help_time = median_wall(rhetoric + ["--help"])
    cold = median_wall(rhetoric + ["score", str(SEED)])
    cold_json = median_wall(rhetoric + ["score", "--format", "json", str(SEED)])
    batches = [("corpus", "the corpus's articles")]
    if DEV.exists():
        batches.append(("dev", "dev.jsonl's real reporting"))
    measured = [(label, *throughput(data)) for data, label in batches]
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# rhetoric speed — {os.cpu_count()} cores, {mem:.0f} GiB, Python {sys.version.split()[0]}")
    print(f"# command: {' '.join([Path(sys.executable).name, 'bench/speed.py'])}; median of {RUNS} runs")
    print()
    print("| measure | value | target |")
    print("|---|---|---|")
    print(f"| `python -c pass` | {baseline:.3f} s | |")
    print(f"| `rhetoric --help` | {help_time:.3f} s | |")
    print(f"| `rhetoric score` example article (text) | {cold:.3f} s | < 1.0 s |")
    print(f"| `rhetoric score --format json` example article | {cold_json:.3f} s | < 1.0 s |")
    for label, sentences, seconds, peak in measured:
        best, median = seconds[0], statistics.median(seconds)
        print(f"| batch of {label}: sentences split and scored | {sentences:,} in {best:.1f} s (best of "
              f"{len(seconds)}) | ≥ 100,000 |")
        print(f"| throughput on {label}, one process (one core) | {sentences / best:,.0f} sentences/s best, "
              f"{sentences / median:,.0f} median | ≥ 10,000 /s/core |")
        print(f"| peak memory, batch of {label} | {peak:.0f} MiB | |")
    print()
    print("Where the time goes, µs per prose sentence (the first 6,000 sentences' articles, best of 3):")
    print()
    print("| step | " + " | ".join(label for _, label in batches) + " |")
    print("|---|" + "---|" * len(batches))
    split_up = []
    for data, _ in batches:
        out = subprocess.run([sys.executable, __file__, "--stages", data], check=True, capture_output=True, text=True)
        split_up.append(json.loads(out.stdout))
    for name in split_up[0]:
        print(f"| {name} | " + " | ".join(f"{timings[name]:.1f}" for timings in split_up) + " |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--worker"]:
        worker(sys.argv[2])
    elif sys.argv[1:2] == ["--stages"]:
        stages(sys.argv[2])
    else:
        main()
