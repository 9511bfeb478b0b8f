"""Speed benchmark: cold start of `rhetoric score` and batch throughput, printed as a table.

Data: the example article seeds/000_9d25f3013ebffe61.txt (cold start), and a batch built by repeating
the sentences of the corpus's written articles to at least 100,000 sentences (throughput).
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


def throughput(target: int = 100_000) -> tuple[int, float, float]:
    """Split and score a batch of articles in one process; returns sentences, seconds, peak MiB."""
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT / 'src')!r})
from pathlib import Path
from rhetoric.store import load_model
from rhetoric.analysis import analyze_many
articles = {{}}
for path in sorted(Path({str(ROOT / 'corpora' / 'written')!r}).glob('*.jsonl')):
    for line in path.read_text().splitlines():
        row = json.loads(line)
        articles.setdefault(row['article'], []).append(row['text'])
texts = [' '.join(s) for s in articles.values()]
batch, sentences = [], 0
while sentences < {target}:
    for t in texts:
        batch.append(('a%d' % len(batch), t))
    sentences = sum(len(v) for v in articles.values()) * (len(batch) // len(texts))
from rhetoric import features
model = load_model()
elapsed = 0.0
done = 0
for i in range(0, len(batch), len(texts)):
    # each pass is one copy of the corpus: clear the per-sentence caches so no sentence is scored from cache
    features.clear_caches(); model.scorer.clear_cache()
    start = time.perf_counter()
    for j in range(i, min(i + len(texts), len(batch)), 500):
        reports = analyze_many(batch[j:min(j + 500, i + len(texts))], model)
        done += sum(r['summary']['prose'] for r in reports)
    elapsed += time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps([done, elapsed, peak]))
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    done, elapsed, peak = json.loads(out)
    return done, elapsed, peak


def main() -> None:
    rhetoric = [str(Path(sys.executable).with_name("rhetoric"))]
    baseline = median_wall([sys.executable, "-c", "pass"])
    help_time = median_wall(rhetoric + ["--help"])
    cold = median_wall(rhetoric + ["score", str(SEED)])
    cold_json = median_wall(rhetoric + ["score", "--format", "json", str(SEED)])
    sentences, seconds, peak = throughput()
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
    print(f"| batch: sentences split and scored | {sentences:,} in {seconds:.1f} s | ≥ 100,000 |")
    print(f"| throughput, one process (one core) | {sentences / seconds:,.0f} sentences/s | ≥ 10,000 /s/core |")
    print(f"| peak memory of the batch process | {peak:.0f} MiB | |")


if __name__ == "__main__":
    main()
