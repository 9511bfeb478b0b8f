"""Speed benchmark: rhetoric beside VADER in the same run, on distinct sentences, printed as a table.

Data: every distinct sentence available, each scored once with rhetoric's per-sentence caches empty
(no text is repeated, so nothing is served from a cache): the corpus's written articles (about 7,900
sentences) and, where ../shared is beside the project, dev.jsonl's real reporting (21,284 sentences
rebuilt into their articles). Cold start: the example article, seeds/000_9d25f3013ebffe61.txt.
Peer: VADER (vaderSentiment 3.3.2: a pure-Python lexicon-and-rules scorer of sentences, the usual
yardstick for rule-based text scoring), on the same sentences in the same run, alternating with
rhetoric so both see the same machine load. VADER is a bench-only dependency
(`pip install -e ".[bench]"`, which `make bench` does).
Cold start is measured as an installed package runs: with bytecode compiled (the first, discarded
run writes it even where PYTHONDONTWRITEBYTECODE is set in the shell, which would otherwise add
about 0.03 s of compiling to every run).
Stages: where rhetoric's time goes, from one profiled pass (cProfile), each function's own time
charged to the module it lives in; shares, not subtractions.
Command: `.venv/bin/python bench/speed.py` (or `make bench`). Prints the machine's cores and memory.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9d25f3013ebffe61.txt"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
RUNS = 7
ROUNDS = 3
BATCH = 100_000


def articles(data: str) -> list[str]:
    """Distinct articles: the corpus's written ones, or dev.jsonl's sentences rebuilt into theirs."""
    grouped: dict[str, list[str]] = {}
    if data == "corpus":
        for path in sorted((ROOT / "corpora" / "written").glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                row = json.loads(line)
                grouped.setdefault(row["article"], []).append(row["text"])
    else:
        seen: set[str] = set()
        for line in DEV.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["text"] not in seen:
                seen.add(row["text"])
                grouped.setdefault(row["article"], []).append(row["text"])
    return [" ".join(sentences) for sentences in grouped.values()]


def rhetoric_worker(data: str, where: str = str(ROOT / "src")) -> None:
    """Split and score every article once, in batches of 500 articles; print [sentences, seconds].
    `where`: the package to run, the source or the compiled build (`bench/compiled.py`)."""
    sys.path.insert(0, where)
    from rhetoric.analysis import analyze_many
    from rhetoric.store import load_model

    texts = articles(data)
    model = load_model()
    done = 0
    start = time.perf_counter()
    for j in range(0, len(texts), 500):
        batch = [(str(j + k), text) for k, text in enumerate(texts[j : j + 500])]
        done += sum(r["summary"]["prose"] for r in analyze_many(batch, model))
    print(json.dumps([done, time.perf_counter() - start]))


def vader_worker(data: str) -> None:
    """VADER's scores for the sentences rhetoric scores (split the same way); print [sentences, seconds]."""
    sys.path.insert(0, str(ROOT / "src"))
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from rhetoric.sentences import split

    sentences = [u.text for text in articles(data) for u in split(text) if u.prose]
    analyzer = SentimentIntensityAnalyzer()
    start = time.perf_counter()
    for sentence in sentences:
        analyzer.polarity_scores(sentence)
    print(json.dumps([len(sentences), time.perf_counter() - start]))


def memory_worker() -> None:
    """Score at least BATCH sentences (the distinct articles, passed over again until enough); print the peak MiB."""
    import resource

    sys.path.insert(0, str(ROOT / "src"))
    from rhetoric.analysis import analyze_many
    from rhetoric.store import load_model

    texts = articles("dev" if DEV.exists() else "corpus")
    model = load_model()
    done = copy = 0
    while done < BATCH:
        for j in range(0, len(texts), 500):
            batch = [(f"{copy}-{j + k}", text) for k, text in enumerate(texts[j : j + 500])]
            done += sum(r["summary"]["prose"] for r in analyze_many(batch, model))
        copy += 1
    print(json.dumps([done, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024]))


STAGES = (
    ("rhetoric/sentences.py", "split into sentences (our Punkt wrapper)"),
    ("nltk/", "split into sentences (nltk Punkt)"),
    ("rhetoric/lexicon.py", "tokenise and match lexicons"),
    ("rhetoric/cues/", "cue detectors"),
    ("rhetoric/features.py", "cue feature rows and n-grams"),
    ("rhetoric/scorer.py", "vocabulary lookup and linear model"),
    ("rhetoric/passages.py", "passages of flagged labels"),
    ("rhetoric/analysis.py", "report building"),
    ("numpy", "numpy"),
)


def stages_worker(data: str) -> None:
    """One profiled pass over the articles: each function's own time, by the module it lives in."""
    import cProfile
    import pstats

    sys.path.insert(0, str(ROOT / "src"))
    from rhetoric.analysis import analyze_many
    from rhetoric.store import load_model

    texts = articles(data)
    model = load_model()
    profile = cProfile.Profile()
    profile.enable()
    reports = analyze_many([(str(i), text) for i, text in enumerate(texts)], model)
    profile.disable()
    by_stage: dict[str, float] = {}
    total = 0.0
    for (filename, _line, _name), (_cc, _nc, own, _cum, _callers) in pstats.Stats(profile).stats.items():
        total += own
        where = filename.replace(os.sep, "/")
        stage = next((label for part, label in STAGES if part in where), "other (Python builtins, re, the rest)")
        by_stage[stage] = by_stage.get(stage, 0.0) + own
    sentences = sum(r["summary"]["prose"] for r in reports)
    print(json.dumps({"sentences": sentences, "total": total, "stages": by_stage}))


def _run(*args: str) -> list | dict:
    out = subprocess.run([sys.executable, __file__, *args], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def wall(cmd: list[str], exits: tuple[int, ...] = (0,)) -> float:
    """Seconds `cmd` took; `exits` are the exit statuses that mean it worked (gate's 1: needs review)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    if done.returncode not in exits:
        raise SystemExit(f"bench/speed: {' '.join(cmd)} exited with {done.returncode}")
    return time.perf_counter() - start


def median_wall(cmd: list[str], runs: int = RUNS) -> float:
    wall(cmd)  # warm the file cache and write the bytecode
    return statistics.median(wall(cmd) for _ in range(runs))


VADER_COLD = (
    "import sys\n"
    "from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer\n"
    "a = SentimentIntensityAnalyzer()\n"
    "for line in open(sys.argv[1], encoding='utf-8'):\n"
    "    print(a.polarity_scores(line))\n"
)


def gate_articles(folder: Path, count: int = 1000) -> int:
    """Write `count` distinct articles (dev.jsonl's, then the corpus's) as files; return how many."""
    texts = (articles("dev") if DEV.exists() else []) + articles("corpus")
    texts = [t for t in texts if len(t) > 200][:count]
    for i, text in enumerate(texts):
        (folder / f"{i:04d}.txt").write_text(text, encoding="utf-8")
    return len(texts)


def compiled_site(out: Path) -> str:
    """The compiled build (`bench/compiled.py`) unpacked under `out`, or "" where it cannot be built
    (no C compiler, or hatch-mypyc missing), which the table then says."""
    sys.path.insert(0, str(ROOT / "bench"))
    import compiled

    try:
        compiled.build(out)
    except (RuntimeError, OSError) as error:
        print(f"bench/speed: no compiled build, its rows are left out: {str(error).splitlines()[0]}", file=sys.stderr)
        return ""
    return str(out / "site")


def main() -> None:
    try:
        import vaderSentiment  # noqa: F401
    except ImportError:
        sys.exit('bench/speed: the peer, VADER, is not installed: .venv/bin/pip install -e ".[bench]"')
    rhetoric = [str(Path(sys.executable).with_name("rhetoric"))]
    baseline = median_wall([sys.executable, "-c", "pass"])
    cold = median_wall(rhetoric + ["score", str(SEED)])
    cold_json = median_wall(rhetoric + ["score", "--format", "json", str(SEED)])
    cold_vader = median_wall([sys.executable, "-c", VADER_COLD, str(SEED)])
    batches = [("corpus", "the corpus's written articles")]
    if DEV.exists():
        batches.append(("dev", "dev.jsonl's real reporting"))
    rows = []
    with tempfile.TemporaryDirectory() as native:
        site = compiled_site(Path(native))
        for data, label in batches:
            ours, fast, peer = [], [], []
            for _ in range(ROUNDS):  # alternate, so all see the same load
                ours.append(_run("--rhetoric", data))
                if site:
                    fast.append(_run("--rhetoric-at", site, data))
                peer.append(_run("--vader", data))
            rows.append((label, ours, peer))
            if site:
                rows.append((f"{label}, compiled build", fast, peer))
    done, peak = _run("--memory")
    with tempfile.TemporaryDirectory() as folder:
        n_articles = gate_articles(Path(folder))
        gate_one = min(wall(rhetoric + ["gate", folder, "--jobs", "1", "--format", "json"], (0, 1)) for _ in range(2))
        gate_two = min(wall(rhetoric + ["gate", folder, "--jobs", "2", "--format", "json"], (0, 1)) for _ in range(2))

    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# rhetoric speed — {os.cpu_count()} cores, {mem:.0f} GiB, Python {sys.version.split()[0]}, "
          f"{time.strftime('%Y-%m-%d')}")
    print(f"# command: {Path(sys.executable).name} bench/speed.py; peer: VADER (vaderSentiment 3.3.2)")
    print()
    print("| measure | rhetoric | VADER | ratio (rhetoric / VADER) | target |")
    print("|---|---|---|---|---|")
    print(f"| cold start, example article, text (`python -c pass`: {baseline:.3f} s) | {cold:.3f} s | "
          f"{cold_vader:.3f} s | {cold / cold_vader:.2f}× the time | ≤ 0.2 s |")
    print(f"| cold start, example article, JSON | {cold_json:.3f} s | | | |")
    for label, ours, peer in rows:
        sentences = ours[0][0]
        best_ours = max(n / s for n, s in ours)
        best_peer = max(n / s for n, s in peer)
        median_ours = statistics.median(n / s for n, s in ours)
        median_peer = statistics.median(n / s for n, s in peer)
        print(f"| throughput, {label} ({sentences:,} distinct sentences, one core), best of {ROUNDS} | "
              f"{best_ours:,.0f} sentences/s | {best_peer:,.0f} sentences/s | {best_ours / best_peer:.2f}× "
              f"(median {median_ours / median_peer:.2f}×) | ≥ 1.0× and ≥ 15,000/s |")
    print(f"| peak memory, a batch of {done:,} sentences | {peak:.0f} MiB | | | ≤ 150 MB |")
    print(f"| `rhetoric gate` on {n_articles:,} articles, `--jobs 2` against `--jobs 1` | {gate_two:.1f} s against "
          f"{gate_one:.1f} s | | {gate_two / gate_one:.2f}× the time | ≤ 0.6× |")
    print()
    print("Where rhetoric's time goes: one profiled pass (cProfile) over each batch, each function's own")
    print("time charged to its module, as a share of the profiled time (profiling slows small functions most).")
    print()
    profiles = [_run("--stages", data) for data, _ in batches]
    print("| stage | " + " | ".join(label for _, label in batches) + " |")
    print("|---|" + "---|" * len(batches))
    names = sorted({name for p in profiles for name in p["stages"]}, key=lambda n: -profiles[0]["stages"].get(n, 0))
    for name in names:
        print(f"| {name} | " + " | ".join(f"{100 * p['stages'].get(name, 0) / p['total']:.1f}%" for p in profiles)
              + " |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rhetoric"]:
        rhetoric_worker(sys.argv[2])
    elif sys.argv[1:2] == ["--rhetoric-at"]:
        rhetoric_worker(sys.argv[3], sys.argv[2])
    elif sys.argv[1:2] == ["--vader"]:
        vader_worker(sys.argv[2])
    elif sys.argv[1:2] == ["--memory"]:
        memory_worker()
    elif sys.argv[1:2] == ["--stages"]:
        stages_worker(sys.argv[2])
    else:
        main()
