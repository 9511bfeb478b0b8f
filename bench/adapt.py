"""Learning from a newsroom's reviews: the learning curve on real reporting, printed as a table.

Data: ../shared/eval/dev.jsonl. For each real source with whole articles (PTC propaganda-corpus news
for loaded language, PolNeAR political stories for speculation, FactBank wire stories for hedging),
its articles are split in two halves by a hash of `article`. N sentences of half A become a
newsroom's reviewed labels (only the source's own label, with the source as their `outlet`), chosen
four ways: whole articles in a fixed (hash) order, nearest a threshold (`rhetoric suggest --label
KEY --explore 0`: uncertainty sampling on the one label being judged), at random (seeds 0, 1, 2: one
draw of 100 sentences holds a handful of positives, so a single draw says little; a row gives their
mean and range), and `rhetoric suggest`'s default since session 11, half nearest a threshold and
half at random (`--explore 0.5`, the same three seeds). A
temporary model is trained on the corpus plus those labels with `training/config.toml`, and F1 and
AP are measured on half B with the outlet's thresholds (F1 of the flags a report raises: a passage
must carry each), and on every other source with the model's own thresholds (what adapting costs
elsewhere). N = 0 is the shipped model.
Dev sentences only ever train these temporary models, in a temporary folder.
Command: `.venv/bin/python bench/adapt.py [--quick] [--only SOURCE] [--draws K] [--ways W,...]` (--quick:
whole articles only; --only: one source's curve; --draws: draws per N of the seeded ways, 3; --ways:
some of articles, nearest, random, suggest). About 40 s a model, 51 models in all.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
TARGETS = (("ptc_semeval2020", "loaded_language"), ("polnear_dev", "unattributed_speculation"),
           ("szeged_factbank", "hedging"))
SIZES = (100, 300, 1000)
COMPARED = (100, 300)
DRAWS = 3
WAYS = ("articles", "nearest", "random", "suggest")
DRAWN = ("random", "suggest")
"""Ways whose choice depends on a seed: each is drawn `--draws` times and its mean printed."""


def half(article: str) -> int:
    return hashlib.sha256(article.encode("utf-8")).digest()[0] % 2


def source_of(ex) -> str:
    return ex.source.split(":", 1)[0]


def by_articles(rows: list, n: int) -> list:
    """Whole articles in hash order until there are at least n sentences."""
    grouped: dict[str, list] = {}
    for ex in rows:
        grouped.setdefault(ex.article, []).append(ex)
    out: list = []
    for article in sorted(grouped, key=lambda a: hashlib.sha256(a.encode()).hexdigest()):
        if len(out) >= n:
            break
        out += grouped[article]
    return out


def by_suggest(rows: list, n: int, model, key: str, explore: float = 0.5, seed: int = 0) -> list:
    """`rhetoric suggest --label KEY --explore E --seed S`'s choice among the half's sentences
    (reports built from the model's scores): the newsroom judges only this source's label."""
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.suggest import suggest

    proba = model.predict_proba([ex.text for ex in rows])
    reports: dict[str, dict] = {}
    for ex, row in zip(rows, proba.tolist()):
        report = reports.setdefault(ex.article, {"source": ex.article, "thresholds": model.thresholds,
                                                  "sentences": []})
        report["sentences"].append({"index": len(report["sentences"]), "prose": True, "text": ex.text,
                                    "scores": dict(zip(LABEL_KEYS, row))})
    picked = {row["text"] for row in suggest(list(reports.values()), n, labels=(key,), explore=explore, seed=seed)}
    return [ex for ex in rows if ex.text in picked]


def labels_file(rows: list, key: str, outlet: str, folder: str) -> str:
    path = os.path.join(folder, f"{outlet}-{len(rows)}.jsonl")
    with open(path, "w", encoding="utf-8") as handle:
        for ex in rows:
            row = {"text": ex.text, "hedging": None, "loaded_language": None, "unattributed_speculation": None,
                   key: ex.labels[key], "provenance": "review", "outlet": outlet, "article": ex.article}
            if ex.labels[key] == 1 and ex.passages.get(key):
                row["passages"] = {key: ex.passages[key]}
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def scores(model, rows: list, key: str) -> tuple[float, float | None]:
    """F1 of the flags a report raises (a passage carries them) and AP, for one label."""
    from rhetoric.analysis import carrying_passages
    from rhetoric.features import prepare_all
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.metrics import label_metrics

    rows = [ex for ex in rows if ex.labels.get(key) is not None]
    sentences = prepare_all([ex.text for ex in rows])
    p = model.predict_proba(sentences)[:, LABEL_KEYS.index(key)]
    threshold = model.thresholds[key]
    carried = [q >= threshold and bool(carrying_passages(model.scorer, s, key)) for q, s in zip(p, sentences)]
    m = label_metrics([ex.labels[key] for ex in rows], p, threshold, carried)
    return m["f1"], m["average_precision"]


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from rhetoric.corpus import read_data
    from rhetoric.store import load_model
    from rhetoric.train import train

    if not DEV.exists():
        sys.exit(f"bench/adapt: {DEV} not found (it lives in ../shared/eval beside the repo)")
    quick = "--quick" in sys.argv
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv[:-1] else None
    draws = int(sys.argv[sys.argv.index("--draws") + 1]) if "--draws" in sys.argv[:-1] else DRAWS
    ways = sys.argv[sys.argv.index("--ways") + 1].split(",") if "--ways" in sys.argv[:-1] else list(WAYS)
    examples = read_data(DEV)
    shipped = load_model()
    others = {}
    for ex in examples:
        others.setdefault(source_of(ex), []).append(ex)
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# rhetoric adaptation on {DEV.name}: shipped model {shipped.version}, {os.cpu_count()} cores, "
          f"{mem:.0f} GiB")
    flags = (" --quick" if quick else "") + (f" --only {only}" if only else "") + \
        (f" --draws {draws}" if draws != DRAWS else "") + (f" --ways {','.join(ways)}" if ways != list(WAYS) else "")
    print("# command: .venv/bin/python bench/adapt.py" + flags)
    print()
    print("| source (label) | chosen by | N | F1 half B | AP half B | F1 change "
          "| worst change elsewhere (source, label) | retrain s |")
    print("|---|---|---|---|---|---|---|---|")
    baseline_elsewhere = {(name, key): scores(shipped, rows, key) for name, rows in others.items()
                          for key in ("hedging", "loaded_language", "unattributed_speculation")
                          if any(ex.labels.get(key) is not None for ex in rows)}
    for source, key in TARGETS:
        if only and source != only:
            continue
        rows = [ex for ex in others[source] if ex.labels.get(key) is not None]
        a = [ex for ex in rows if half(ex.article) == 0]
        b = [ex for ex in rows if half(ex.article) == 1]
        f1_0, ap_0 = scores(shipped, b, key)
        print(f"| {source} ({key}) | shipped | 0 | {f1_0:.3f} | {ap_0:.3f} | | | |", flush=True)
        plans = [("articles", n, 0) for n in SIZES] if "articles" in ways else []
        if not quick:
            plans += [(way, n, seed) for n in COMPARED for way in ways if way != "articles"
                      for seed in (range(draws) if way in DRAWN else [0])]
        drawn: list[tuple[float, float | None, float, tuple, float]] = []
        for way, n, seed in plans:
            if way == "articles":
                chosen = by_articles(a, n)
            elif way == "nearest":
                chosen = by_suggest(a, n, shipped, key, explore=0.0)
            elif way == "suggest":
                chosen = by_suggest(a, n, shipped, key, seed=seed)
            else:
                chosen = random.Random(seed).sample(a, min(n, len(a)))
            with tempfile.TemporaryDirectory() as folder:
                extra = labels_file(chosen, key, source.replace("_", "-"), folder)
                start = time.perf_counter()
                train(ROOT / "corpora", Path(folder) / "model", [extra], ROOT / "training" / "config.toml")
                seconds = time.perf_counter() - start
                general = load_model(Path(folder) / "model")
                outlet = source.replace("_", "-")
                own = load_model(Path(folder) / "model", outlet) if outlet in general.manifest["outlets"] else general
                f1, ap = scores(own, b, key)
                worst = (0.0, "", "")
                for (name, other_key), (f1_before, _ap) in baseline_elsewhere.items():
                    if name == source:
                        continue
                    change = scores(general, others[name], other_key)[0] - f1_before
                    if not worst[1] or change < worst[0]:
                        worst = (change, name, other_key)
            label = f"{way} (seed {seed})" if way in DRAWN else way
            print(_row(source, key, label, len(chosen), f1, ap, f1 - f1_0, worst, seconds), flush=True)
            if way in DRAWN:
                drawn.append((f1, ap, f1 - f1_0, worst, seconds))
                if len(drawn) == draws:
                    changes = [d[2] for d in drawn]
                    print(_row(source, key, f"{way}, mean of {draws} ({min(changes):+.3f} to {max(changes):+.3f})",
                               len(chosen), sum(d[0] for d in drawn) / draws, sum(d[1] or 0.0 for d in drawn) / draws,
                               sum(changes) / draws, min((d[3] for d in drawn), key=lambda w: w[0]),
                               sum(d[4] for d in drawn) / draws), flush=True)
                    drawn = []


def _row(source: str, key: str, way: str, n: int, f1: float, ap: float | None, change: float, worst: tuple,
         seconds: float) -> str:
    where = f"{worst[0]:+.3f} ({worst[1]}, {worst[2]})" if worst[1] else ""
    shown = "" if ap is None else f"{ap:.3f}"
    return f"| {source} ({key}) | {way} | {n} | {f1:.3f} | {shown} | {change:+.3f} | {where} | {seconds:.0f} |"

if __name__ == "__main__":
    main()
