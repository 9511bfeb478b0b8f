"""Training: grouped cross-validation over the grid, thresholds from out-of-fold predictions, and an
atomic write of the model directory with its manifest and model card."""

from __future__ import annotations

import hashlib
import json
import os
import platform
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from . import corpus as corpus_mod
from . import priors
from .checks import finite_number
from .errors import InputError
from .labels import LABEL_KEYS
from .store import (
    CARD_FILE,
    MANIFEST_FILE,
    MODEL_FORMAT,
    OOF_FILE,
    WEIGHTS_FILE,
    library_versions,
    npz_bytes,
    sha256_file,
)

MIN_SENTENCES = 40
MIN_PER_CLASS = 5
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    pass


def read_config(path: str | Path) -> dict:
    from .text import read_toml

    config = read_toml(path, "a training config")
    grid = config.get("grid", {})
    kinds = {"ngram_max": (int, 1, 3), "min_df": (int, 1, 100), "C": ((int, float), 1e-6, 1e6)}
    for key, (kind, low, high) in kinds.items():
        values = grid.get(key) if isinstance(grid, dict) else None
        if not isinstance(values, list) or not values or not all(_in_range(v, kind, low, high) for v in values):
            raise InputError(f"{path}: grid.{key} must be a non-empty list of numbers from {low} to {high}")
    if "tolerance" in grid and not _in_range(grid["tolerance"], (int, float), 0, 0.1):
        raise InputError(f"{path}: grid.tolerance must be a number from 0 to 0.1")
    for key, kind, low, high in (("folds", int, 2, 20), ("correction_weight", (int, float), 0.001, 1e4),
                                 ("jobs", int, 1, 256), ("outlet_scale", (int, float), 0.01, 100)):
        if key in config and not _in_range(config[key], kind, low, high):
            raise InputError(f"{path}: {key} must be a number from {low} to {high}")
    settings = config.get("thresholds", {})
    if not isinstance(settings, dict):
        raise InputError(f"{path}: thresholds must be a table")
    if "target_precision" in settings and not _in_range(settings["target_precision"], (int, float), 0.01, 0.99):
        raise InputError(f"{path}: thresholds.target_precision must be a number from 0.01 to 0.99")
    if not isinstance(settings.get("rules", {}), dict):
        raise InputError(f"{path}: thresholds.rules must be a table of label = rule")
    rules = {"": settings.get("rule", "best_f1"), **settings.get("rules", {})}
    for key, rule in rules.items():
        if key and key not in LABEL_KEYS:
            raise InputError(f"{path}: thresholds.rules.{key}: unknown label")
        if rule not in ("best_f1", "precision"):
            raise InputError(f"{path}: thresholds.rule{'s.' + key if key else ''} must be best_f1 or precision")
    tolerance = settings.get("f1_tolerance", 0.0)
    if not isinstance(tolerance, (int, float)) or not 0 <= tolerance < 1:
        raise InputError(f"{path}: thresholds.f1_tolerance must be a number from 0 to below 1")
    if "outlet_threshold_prior" in settings and not _in_range(settings["outlet_threshold_prior"], (int, float), 0, 1e6):
        raise InputError(f"{path}: thresholds.outlet_threshold_prior must be a number from 0 to 1000000")
    prior_settings = config.get("priors", {})
    registers = prior_settings.get("from_registers", []) if isinstance(prior_settings, dict) else None
    per_label = registers if isinstance(registers, dict) else {key: registers for key in LABEL_KEYS}
    if (not isinstance(prior_settings, dict) or set(prior_settings) - {"from_registers"}
            or set(per_label) - set(LABEL_KEYS)
            or any(not isinstance(names, list) or set(names) - set(corpus_mod.REGISTERS)
                   for names in per_label.values())):
        raise InputError(f"{path}: priors must hold only from_registers, a list of registers "
                         f"({', '.join(corpus_mod.REGISTERS)}) or a table of such lists by label")
    return config


def target_registers(config: dict) -> dict[str, list[str]]:
    """Per label, the registers whose rate the model's probabilities are for (`priors.from_registers`:
    one list for every label, or a table by label); empty: the training rate."""
    registers = config.get("priors", {}).get("from_registers", [])
    if isinstance(registers, dict):
        return {key: list(registers.get(key, [])) for key in LABEL_KEYS}
    return {key: list(registers) for key in LABEL_KEYS}


def _in_range(value, kind, low: float, high: float) -> bool:
    """A finite number of `kind` (never a bool) from `low` to `high`."""
    return finite_number(value, kind) and low <= value <= high


def training_data(examples: list[corpus_mod.Example], correction_weight: float):
    """Texts, the label matrix (NaN where a label was not judged), weights and CV groups."""
    texts = [ex.text for ex in examples]
    Y = np.array(
        [[np.nan if (v := ex.labels[k]) is None else float(v) for k in LABEL_KEYS] for ex in examples]
    )
    weights = np.array([1.0 if ex.provenance == "written" else correction_weight for ex in examples])
    groups = np.array([ex.article or ex.id or ex.text for ex in examples])
    return texts, Y, weights, groups


def outlet_codes(examples: list[corpus_mod.Example]) -> tuple[tuple[str, ...], np.ndarray]:
    """The outlets named in the labels (sorted) and each row's index among them, -1 for none."""
    names = tuple(sorted({ex.outlet for ex in examples if ex.outlet}))
    return names, np.array([names.index(ex.outlet) if ex.outlet else -1 for ex in examples])


def _check_trainable(Y: np.ndarray) -> None:
    if len(Y) < MIN_SENTENCES:
        raise InputError(f"the training split has {len(Y)} sentences; at least {MIN_SENTENCES} are needed")
    for j, key in enumerate(LABEL_KEYS):
        column = Y[~np.isnan(Y[:, j]), j]
        positives, negatives = int(column.sum()), int(len(column) - column.sum())
        if positives < MIN_PER_CLASS or negatives < MIN_PER_CLASS:
            raise InputError(
                f"label {key} has {positives} positive and {negatives} negative training sentences; "
                f"at least {MIN_PER_CLASS} of each are needed"
            )


def _folds(groups: np.ndarray, n_folds: int, general: np.ndarray | None = None):
    """Folds grouped by article. With `general` (the rows of no outlet), those rows are split as they
    would be alone and the outlets' rows on their own, joined fold by fold: adding an outlet's labels
    leaves the corpus's folds, and so the model's own thresholds, where they were."""
    from .pipeline import grouped_folds

    if general is None or general.all():
        return grouped_folds(groups, n_folds)
    mine, theirs = np.flatnonzero(general), np.flatnonzero(~general)
    folds = _folds(groups[mine], n_folds)
    outlet_groups = groups[theirs] if len(set(groups[theirs].tolist())) > 1 else np.arange(len(theirs))
    split = _folds(outlet_groups, len(folds)) if len(theirs) > 1 else []
    split += [(np.arange(len(theirs)), np.array([], dtype=int))] * (len(folds) - len(split))
    return [(np.concatenate([mine[a], theirs[c]]), np.concatenate([mine[b], theirs[d]]))
            for (a, b), (c, d) in zip(folds, split)]


def _parallel(tasks: list, jobs: int, progress: Progress, stage: str, weight: int, state: dict) -> list:
    """Run `tasks` (joblib delayed calls) on up to `jobs` processes, results in task order, reporting
    progress as each finishes. `weight` is each task's cost in model fits, so the one bar is honest."""
    from joblib import Parallel

    results = []
    runner = Parallel(n_jobs=min(jobs, len(tasks)) or 1, return_as="generator")
    for result in runner(tasks):
        results.append(result)
        state["done"] += weight
        progress(stage, state["done"], state["total"])
    return results


def _cv_fold(point: tuple[int, int], Cs: list[float], texts, Y, weights, train_idx, test_idx) -> np.ndarray:
    """Decision scores of every label and C on one held-out fold, for one (ngram_max, min_df) point;
    the features are computed once for the fold and shared by every C."""
    from sklearn.base import clone
    from sklearn.linear_model import LogisticRegression

    from .pipeline import build_pipeline

    template = build_pipeline(ngram_max=point[0], min_df=point[1])
    step = clone(template.named_steps["features"])
    labelwise = template.named_steps["classifier"]
    X_train = step.fit_transform(texts[train_idx])
    X_test = step.transform(texts[test_idx])
    out = np.full((len(Cs), len(LABEL_KEYS), len(test_idx)), np.nan)
    for j in range(len(LABEL_KEYS)):
        known = ~np.isnan(Y[train_idx, j])
        X_fit = labelwise.masked(X_train, j)[known]
        X_held = labelwise.masked(X_test, j)
        y_fold, w_fold = Y[train_idx][known, j].astype(int), weights[train_idx][known]
        # each C starts from the solution of the next weaker one (warm start): the same optimum, fewer steps
        model = LogisticRegression(class_weight="balanced", max_iter=5000, warm_start=True)
        for ci in sorted(range(len(Cs)), key=lambda i: Cs[i]):
            model.set_params(C=Cs[ci]).fit(X_fit, y_fold, sample_weight=w_fold)
            out[ci, j] = model.decision_function(X_held)
    return out


def jobs_from(config: dict) -> int:
    """Processes for training: `jobs` in the config, else one per core."""
    return int(config.get("jobs") or os.cpu_count() or 1)


def select_params(texts, Y, weights, groups, config: dict, progress: Progress, state: dict) -> dict:
    """Grouped CV over the grid; returns the chosen params and each label's CV average precision.
    Given the sentences of no outlet: they alone fit the shared weights (`LabelwiseClassifier`).

    `state` counts model fits done and in all, for one progress bar over the whole of training."""
    from joblib import delayed
    from sklearn.metrics import average_precision_score

    grid = config["grid"]
    tolerance = max(float(grid.get("tolerance", 0.0)), 1e-12)  # a later point must win by more than this,
    # and by more than the standard error of its per-fold difference from the best (`_spread`)
    folds = _folds(groups, config.get("folds", 5))
    texts = np.asarray(texts, dtype=object)
    points = [(n, d) for n in grid["ngram_max"] for d in grid["min_df"]]
    tasks = [delayed(_cv_fold)(point, grid["C"], texts, Y, weights, tr, te)
             for point in points for tr, te in folds]
    fold_scores = _parallel(tasks, jobs_from(config), progress, "training", len(grid["C"]) * len(LABEL_KEYS), state)
    best: dict | None = None
    for p, (ngram_max, min_df) in enumerate(points):
        scores = np.full((len(grid["C"]), len(LABEL_KEYS), len(texts)), np.nan)
        for f, (_train_idx, test_idx) in enumerate(folds):
            scores[:, :, test_idx] = fold_scores[p * len(folds) + f]
        chosen_C, aps, chosen = [], [], []
        for j in range(len(LABEL_KEYS)):
            known = ~np.isnan(Y[:, j])
            y_true = Y[known, j].astype(int)
            per_c = [average_precision_score(y_true, scores[ci, j, known]) for ci in range(len(grid["C"]))]
            k = int(np.argmax(per_c))
            chosen.append(k)
            chosen_C.append(float(grid["C"][k]))
            aps.append(float(per_c[k]))
        mean_ap = float(np.mean(aps))
        by_fold = _mean_ap_by_fold(scores, chosen, Y, folds)
        if best is None or mean_ap > best["mean_ap"] + max(tolerance, _spread(by_fold - best["by_fold"])):
            best = {"ngram_max": ngram_max, "min_df": min_df, "C": chosen_C, "cv_ap": aps, "mean_ap": mean_ap,
                    "by_fold": by_fold}
    assert best is not None  # the grid has at least one point (read_config)
    return best


def _mean_ap_by_fold(scores: np.ndarray, chosen: list[int], Y, folds) -> np.ndarray:
    """Each fold's mean over labels of its held-out average precision, at each label's chosen C."""
    from sklearn.metrics import average_precision_score

    out = []
    for _train_idx, test_idx in folds:
        aps = []
        for j, k in enumerate(chosen):
            held = test_idx[~np.isnan(Y[test_idx, j])]
            y_true = Y[held, j].astype(int)
            if 0 < y_true.sum() < len(y_true):
                aps.append(average_precision_score(y_true, scores[k, j, held]))
        out.append(float(np.mean(aps)) if aps else 0.0)
    return np.array(out)


def _spread(differences: np.ndarray) -> float:
    """The standard error of the mean of per-fold differences: how far apart two grid points may lie
    by the folds' chance alone (a later point must beat an earlier one by more to be chosen)."""
    if len(differences) < 2:
        return 0.0
    return float(np.std(differences, ddof=1) / np.sqrt(len(differences)))


def _oof_fold(params: dict, texts, Y, weights, groups, outlet, outlets, outlet_scale: float, train_idx,
              test_idx) -> tuple[np.ndarray, np.ndarray]:
    """One fold's held-out probabilities: as each sentence's outlet would score it, and by the shared
    weights alone (the same array when there are no outlets)."""
    from .pipeline import build_pipeline

    pipe = build_pipeline(C=tuple(params["C"]), ngram_max=params["ngram_max"], min_df=params["min_df"],
                          outlets=outlets, outlet_scale=outlet_scale)
    pipe.fit(texts[train_idx].tolist(), Y[train_idx], classifier__sample_weight=weights[train_idx],
             classifier__outlet=outlet[train_idx], classifier__groups=groups[train_idx])
    held = texts[test_idx].tolist()
    own = pipe.predict_proba(held, outlet=outlet[test_idx])
    if not outlets:
        return own, own
    return own, pipe.predict_proba(held, outlet=np.full(len(test_idx), -1))


def out_of_fold_proba(texts, Y, weights, groups, params: dict, config: dict, progress: Progress, state: dict,
                      outlet: np.ndarray | None = None, outlets: tuple[str, ...] = ()):
    """Calibrated probabilities for each training sentence from a model that did not see its article:
    an outlet's sentences scored as that outlet's, and (second array) by the shared weights alone."""
    from joblib import delayed

    texts = np.asarray(texts, dtype=object)
    proba = np.full(Y.shape, np.nan)
    shared = np.full(Y.shape, np.nan)
    outlet = np.full(len(texts), -1) if outlet is None else outlet
    folds = _folds(groups, config.get("folds", 5), outlet < 0)
    scale = float(config.get("outlet_scale", 1.0))
    tasks = [delayed(_oof_fold)(params, texts, Y, weights, groups, outlet, outlets, scale, tr, te)
             for tr, te in folds]
    for (_train_idx, test_idx), result in zip(folds, _parallel(tasks, jobs_from(config), progress, "training",
                                                                  FITS_PER_PIPELINE, state)):
        proba[test_idx], shared[test_idx] = result
    return proba, shared


FITS_PER_PIPELINE = 6 * len(LABEL_KEYS)
"""Logistic regressions in one pipeline fit: per label, five calibration folds and the final model."""


def base_rates(Y, weights) -> dict[str, float]:
    """Each label's weighted base rate among the sentences that judge it (what calibration learns)."""
    out = {}
    for j, key in enumerate(LABEL_KEYS):
        known = ~np.isnan(Y[:, j])
        out[key] = round(float(np.average(Y[known, j], weights=weights[known])), 6)
    return out


def target_rates(examples, config: dict, training: dict[str, float]) -> dict[str, float]:
    """The base rates the model's probabilities are for: per label, those of the corpus's sentences
    in the registers `priors.from_registers` names for it (calm reporting), else the training rate."""
    out = {}
    for key, registers in target_registers(config).items():
        chosen = [ex for ex in examples if ex.register in registers]
        judged = [ex.labels[key] for ex in chosen if ex.labels.get(key) is not None]
        out[key] = round(sum(judged) / len(judged), 6) if judged and 0 < sum(judged) < len(judged) else training[key]
    return out


def rates_origin(registers: dict[str, list[str]]) -> str:
    """Where the target rates came from, as the manifest says it."""
    if not any(registers.values()):
        return "the training sentences"
    if all(names == registers[LABEL_KEYS[0]] for names in registers.values()):
        return "registers " + ", ".join(registers[LABEL_KEYS[0]])
    return "; ".join(f"{key}: registers {', '.join(names)}" if names else f"{key}: the training sentences"
                     for key, names in registers.items())


MIN_OUTLET_EXAMPLES = 10
"""An outlet gets its own threshold for a label once its labels hold this many positives and negatives."""


MIN_COMPARED_EXAMPLES = 50
"""The outlet's weights are compared with the shared ones once its labels hold this many positives
and negatives: with fewer, best F1 differs by chance more than by reading. Measured with
bench/adapt.py (2026-12-06): with 10, FactBank's 315 reviewed sentences (about 30 positives) kept
the shared weights and gained +0.020 instead of +0.117."""


def _outlet_judgments(examples, Y):
    """Each outlet named in the labels (sorted), a mask of its sentences, and per label the mask of
    those that judge it, their labels (0 or 1), and the smaller of their positive and negative counts."""
    for name in sorted({ex.outlet for ex in examples if ex.outlet}):
        rows = np.array([ex.outlet == name for ex in examples])
        labels = []
        for j, key in enumerate(LABEL_KEYS):
            known = rows & ~np.isnan(Y[:, j])
            y = Y[known, j].astype(int)
            labels.append((j, key, known, y, min(int(y.sum()), len(y) - int(y.sum()))))
        yield name, rows, labels


def outlets_keeping_shared(examples, Y, own: np.ndarray, shared: np.ndarray) -> dict[str, list[str]]:
    """Per outlet, the labels whose own weights do worse on the outlet's own sentences than the shared
    weights: best F1 of their out-of-fold probabilities, each at its own best threshold.

    An outlet's block fits its labels, and where a bag of words cannot learn its reading of a
    definition (a few labels, or a reading the words do not show) the block only adds noise: the
    outlet keeps the shared weights and threshold for that label, so its reviews do not make the
    model worse on its own text where its own labels are enough to tell (MIN_COMPARED_EXAMPLES).

    A label the outlet judged with fewer than MIN_OUTLET_EXAMPLES positives (or negatives) keeps the
    shared weights too: its block would learn little but "not here". Measured with bench/adapt.py
    (2026-12-07): 100 random PolNeAR sentences, a handful of them speculation, took the outlet's
    speculation F1 from 0.41 to 0.07 through its own block."""
    from .metrics import best_f1

    return {name: [key for j, key, known, y, fewer in labels
                   if len(y) and (fewer < MIN_OUTLET_EXAMPLES or fewer >= MIN_COMPARED_EXAMPLES
                                  and best_f1(y, own[known, j]) < best_f1(y, shared[known, j]))]
            for name, _rows, labels in _outlet_judgments(examples, Y)}


def outlet_thresholds(examples, Y, proba, config: dict, general: dict[str, float],
                      raised: np.ndarray | None = None, shared: dict[str, list[str]] | None = None) -> dict[str, dict]:
    """Per outlet named in the user labels: for each label it has judged often enough, the threshold
    with the best F1 on its own sentences' out-of-fold probabilities. Its reading of a definition,
    and its base rate, then decide its flags (`rhetoric score --outlet NAME`).

    `raised` (sentences, labels), when given, says whether a passage would carry each flag
    (`analysis.carried`, by the outlet's own weights): F1 is then that of the flags a report raises,
    since a score over the threshold with no carrying passage raises nothing.

    A best-F1 threshold from a few dozen positives is noisy, so it is pulled toward the model's own
    threshold (`general`) in log-odds, as if the model's had `outlet_threshold_prior` positives of
    evidence: an outlet with that many positives of its own meets it halfway.

    A label in `shared[name]` (`outlets_keeping_shared`) keeps the model's weights and threshold; the
    entry lists it under `shared_labels`. A label whose own weights are used without that comparison
    (too few positives or negatives to tell, MIN_COMPARED_EXAMPLES) is listed under `untested_labels`:
    a hundred reviewed sentences can make an outlet's own weights worse on its other articles
    (bench/adapt.py, session 12: four of six draws of 100 suggested PTC sentences took its F1 from 0.580
    to 0.400-0.469), and only held-out labels can show it."""
    from .metrics import best_f1_threshold

    settings = config.get("thresholds", {})
    tolerance = float(settings.get("f1_tolerance", 0.0))
    prior = float(settings.get("outlet_threshold_prior", 0.0))
    out: dict[str, dict] = {}
    for name, rows, labels in _outlet_judgments(examples, Y):
        kept = (shared or {}).get(name, [])
        entry: dict = {"sentences": int(rows.sum()), "thresholds": {}, "shared_labels": list(kept),
                       "untested_labels": []}
        for j, key, known, y, fewer in labels:
            if key not in kept and fewer >= MIN_OUTLET_EXAMPLES:
                if fewer < MIN_COMPARED_EXAMPLES:
                    entry["untested_labels"].append(key)
                positives = int(y.sum())
                p = proba[known, j] if raised is None else np.where(raised[known, j], proba[known, j], 0.0)
                own = priors.logit(best_f1_threshold(y, p, tolerance))
                pulled = (positives * own + prior * priors.logit(general[key])) / (positives + prior)
                entry["thresholds"][key] = round(float(1 / (1 + np.exp(-pulled))), 6)
        out[name] = entry
    return out


def keep_unpredictive(kept: dict[str, list[str]], examples, Y, strengths: np.ndarray) -> None:
    """Add to each outlet's shared labels those it judged whose block strength is 0 (`strengths`: one
    row per outlet, in `outlet_codes`' order): its labels did not predict its other sentences, not even
    by a shift of their base rate (the block's bias is free at any strength above 0), so they set
    neither its weights nor its threshold. A threshold chosen on sentences `suggest` picked for being
    uncertain had gone to 0.0005 for one PTC draw this way."""
    for k, (name, _rows, labels) in enumerate(_outlet_judgments(examples, Y)):
        kept[name] += [key for j, key, known, _y, _fewer in labels
                       if known.any() and not strengths[k, j] and key not in kept[name]]


def describe_blocks(outlets: dict[str, dict], names: tuple[str, ...], strengths: np.ndarray) -> None:
    """Add to each outlet's manifest entry how far its own labels moved its weights, per label with a
    threshold of its own: `block_strength` 0 (they did not: the shared weights score its text) to 1
    (the most `outlet_scale` allows; a label at 0 is among its shared labels, `keep_unpredictive`)."""
    for k, name in enumerate(names):
        entry = outlets[name]
        entry["block_strength"] = {key: round(float(strengths[k, LABEL_KEYS.index(key)]), 6)
                                   for key in entry["thresholds"] if key not in entry["shared_labels"]}


def outlet_raised(scorer, texts, outlet: np.ndarray, names: tuple[str, ...]) -> np.ndarray:
    """Whether a passage would carry each label's flag in each outlet sentence, by that outlet's
    weights (False for sentences of no outlet, which `outlet_thresholds` never reads)."""
    from .analysis import carried
    from .features import prepare_all

    out = np.zeros((len(texts), len(LABEL_KEYS)), dtype=bool)
    for k, name in enumerate(names):
        rows = np.flatnonzero(outlet == k)
        out[rows] = carried(scorer.for_outlet(name), prepare_all([texts[i] for i in rows]))
    return out


def choose_thresholds(Y, proba, config: dict, training=None, target=None) -> dict[str, float]:
    """Each label's threshold by its rule, on out-of-fold probabilities already shifted to the target
    rates, with each sentence weighted so the sample has the target rate (F1 and precision as they
    would be on text with those rates)."""
    from .metrics import best_f1_threshold, precision_threshold
    from .priors import importance

    settings = config.get("thresholds", {})
    wanted = float(settings.get("target_precision", 0.7))
    tolerance = float(settings.get("f1_tolerance", 0.0))
    out = {}
    for j, key in enumerate(LABEL_KEYS):
        rule = settings.get("rules", {}).get(key, settings.get("rule", "best_f1"))
        known = ~np.isnan(Y[:, j])
        y, p = Y[known, j].astype(int), proba[known, j]
        w = importance(y, training[key], target[key]) if training and target else None
        t = best_f1_threshold(y, p, tolerance, w) if rule == "best_f1" else precision_threshold(y, p, wanted, w)
        out[key] = round(t, 6)
    return out


def evaluate_examples(scorer, examples, thresholds: dict[str, float]) -> dict:
    """Per-label metrics of a scorer on labeled examples (labels that are null are skipped), counting
    the flags a report raises (`analysis.carried`)."""
    from .analysis import carried
    from .features import prepare_all
    from .metrics import label_metrics

    sentences = prepare_all([ex.text for ex in examples])
    proba = scorer.predict_proba(sentences) if examples else np.zeros((0, len(LABEL_KEYS)))
    raised = carried(scorer, sentences)
    out = {}
    for j, key in enumerate(LABEL_KEYS):
        rows = [i for i, ex in enumerate(examples) if ex.labels.get(key) is not None]
        y = [examples[i].labels[key] for i in rows]
        out[key] = label_metrics(y, proba[rows, j] if rows else [], thresholds[key], raised[rows, j])
    return out


def train(
    corpus_dir: str | Path,
    out_dir: str | Path,
    extra: Sequence[str | Path] = (),
    config_path: str | Path = "training/config.toml",
    progress: Progress = _quiet,
    hold_out: bool = False,
) -> dict:
    """Build a model from a corpus (never its evaluation split) and write it to `out_dir` atomically.

    With `hold_out`, rows of the `extra` files whose `article` falls in the evaluation half (the
    corpus's article hash) are left out too, so they can measure the new model (`compare --held-out`).
    """
    from threadpoolctl import threadpool_limits

    from .pipeline import build_pipeline
    from .scorer import LinearScorer

    check_model_target(Path(out_dir))
    config = read_config(config_path)
    corpus = corpus_mod.read_corpus(corpus_dir)
    extras = [ex for path in extra for ex in corpus_mod.read_jsonl(path)]
    if hold_out:
        extras = [ex for ex in extras if not (ex.article and corpus_mod.in_eval_split(ex.article))]
    for ex in extras:
        if ex.provenance == "written":
            ex.provenance = "imported"
    examples = corpus.train + extras
    texts, Y, weights, groups = training_data(examples, float(config.get("correction_weight", 5.0)))
    outlet_names, outlet = outlet_codes(examples)
    general = outlet < 0  # the model's own weights, rates and thresholds come from the sentences of no outlet
    _check_trainable(Y[general])

    n_folds = len(_folds(groups, config.get("folds", 5), general))
    grid = config["grid"]
    points = len(grid["ngram_max"]) * len(grid["min_df"])
    state = {"done": 0, "total": n_folds * (points * len(grid["C"]) * len(LABEL_KEYS) + FITS_PER_PIPELINE)
             + FITS_PER_PIPELINE}
    params = select_params([t for t, g in zip(texts, general) if g], Y[general], weights[general], groups[general],
                           config, progress, state)
    oof, oof_shared = out_of_fold_proba(texts, Y, weights, groups, params, config, progress, state, outlet,
                                        outlet_names)
    kept_shared = outlets_keeping_shared(examples, Y, oof, oof_shared)
    training_rates = base_rates(Y[general], weights[general])
    targets = target_rates(examples, config, training_rates)
    offsets = np.array([priors.offset(training_rates[k], targets[k]) for k in LABEL_KEYS])
    shifted = priors.shift(oof, offsets)
    # thresholds are chosen at the training rates and move with the probabilities: the target rates
    # change what a probability means, not which sentences are flagged
    thresholds = priors.shift_thresholds(choose_thresholds(Y[general], oof[general], config),
                                         dict(zip(LABEL_KEYS, offsets.tolist())))

    pipe = build_pipeline(C=tuple(params["C"]), ngram_max=params["ngram_max"], min_df=params["min_df"],
                          outlets=outlet_names, outlet_scale=float(config.get("outlet_scale", 1.0)))
    with threadpool_limits(limits=1):  # one BLAS thread: several spin against each other on small solves
        pipe.fit(texts, Y, classifier__sample_weight=weights, classifier__outlet=outlet, classifier__groups=groups)
    scorer = LinearScorer.from_pipeline(pipe, prior_offsets=offsets)
    check_agreement(pipe, scorer, [ex.text for ex in corpus.evaluation] or texts[:200])
    for k, name in enumerate(outlet_names):
        check_agreement(pipe, scorer.for_outlet(name), [t for t, o in zip(texts, outlet) if o == k][:200], k)
    strengths = pipe.named_steps["classifier"].block_strengths_
    keep_unpredictive(kept_shared, examples, Y, strengths)
    scorer = scorer.keeping_shared(kept_shared)
    raised = outlet_raised(scorer, texts, outlet, outlet_names)
    outlets = outlet_thresholds(examples, Y, shifted, config, thresholds, raised, kept_shared)
    describe_blocks(outlets, outlet_names, strengths)
    state["done"] += FITS_PER_PIPELINE
    progress("training", state["done"], state["total"])

    evaluation = evaluate_examples(scorer, corpus.evaluation, thresholds)
    counts = {
        "train": len(examples),
        "evaluation": len(corpus.evaluation),
        "written": len(corpus.written),
        "user_labels": len(corpus.labels),
        "extra": len(extras),
        "positives_train": {k: int(np.nansum(Y[:, j])) for j, k in enumerate(LABEL_KEYS)},
    }
    manifest = {
        "format": MODEL_FORMAT,
        "labels": list(LABEL_KEYS),
        "python": platform.python_version(),
        "libraries": library_versions(),
        "corpus": {"sha256": corpus.sha256(), "sentences": counts},
        "config": config,
        "params": {k: params[k] for k in ("ngram_max", "min_df", "C")},
        "thresholds": thresholds,
        "priors": {
            "training": training_rates,
            "target": targets,
            "from": rates_origin(target_registers(config)),
        },
        "outlets": outlets,
        "metrics": {
            "cross_validation_average_precision": {k: round(v, 4) for k, v in zip(LABEL_KEYS, params["cv_ap"])},
            "evaluation_split": evaluation,
        },
    }
    files = {
        WEIGHTS_FILE: lambda path: path.write_bytes(npz_bytes(scorer.arrays())),
        OOF_FILE: lambda path: path.write_bytes(npz_bytes({"y": Y, "p": oof, "w": weights})),
    }
    return write_model(out_dir, manifest, files)


def check_agreement(pipe, scorer, texts: list[str], outlet: int = -1) -> None:
    """The shipped weights must score exactly as the fitted pipeline does: scoring reads only them."""
    if not texts:
        return
    expected = pipe.predict_proba(texts, outlet=np.full(len(texts), outlet))
    gap = float(np.max(np.abs(scorer.calibrated_proba(texts) - expected)))
    if gap > 1e-9:
        raise RuntimeError(f"the exported weights disagree with the fitted pipeline by {gap:.2e}")


def write_model(out_dir: str | Path, manifest: dict, files: dict[str, Callable[[Path], object]]) -> dict:
    """Write a model directory atomically: each file, its sha256 in the manifest, the version, the card.

    The version names the library, the corpus, and the model's behaviour (weights and thresholds).
    """
    out_dir = Path(out_dir)
    check_model_target(out_dir)
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create its folder ({exc.strerror or exc})") from None
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, write in files.items():
            write(staging / name)
        manifest["files"] = {name: sha256_file(staging / name) for name in sorted(files)}
        # outlets' thresholds decide flags too; a model without outlets keeps the version it always had
        decided = {"thresholds": manifest["thresholds"], "outlets": manifest.get("outlets") or {}}
        behaviour = hashlib.sha256(
            (manifest["files"][WEIGHTS_FILE] + json.dumps(decided if decided["outlets"] else manifest["thresholds"],
                                                          sort_keys=True)).encode()
        ).hexdigest()
        library, corpus_hash = manifest["libraries"]["scikit-learn"], manifest["corpus"]["sha256"]
        manifest["version"] = f"{library}-{corpus_hash[:8]}-{behaviour[:8]}"
        text = json.dumps(manifest, indent=2, sort_keys=True) + "\n"
        (staging / MANIFEST_FILE).write_text(text, encoding="utf-8")
        from .card import model_card

        (staging / CARD_FILE).write_text(model_card(manifest), encoding="utf-8")
        _replace_dir(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def check_model_target(out_dir: Path) -> None:
    """Only a model directory, an empty one or a new path is replaced by a model: never a file or a
    folder of something else (`--out ~` must not swap a home directory away)."""
    if not str(out_dir).strip():
        raise InputError("the model directory is empty; give a folder name")
    if out_dir.is_symlink() or (out_dir.exists() and not out_dir.is_dir()):
        raise InputError(f"{out_dir}: is not a folder; give a model directory")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MANIFEST_FILE).is_file():
        raise InputError(f"{out_dir}: holds files but is not a rhetoric model; refusing to replace it")


def _replace_dir(new: Path, target: Path) -> None:
    """Swap a finished directory into place so that `target` is a complete model at every instant.

    On Linux the two directories are exchanged in one step (renameat2 with RENAME_EXCHANGE); elsewhere
    there is a moment between two renames when `target` does not exist.
    """
    os.chmod(new, 0o755)
    if not target.exists():
        os.replace(new, target)
    elif _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # `new` now holds the old model
    else:
        old = target.with_name(f".{target.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where the system cannot."""
    import ctypes
    import sys

    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
    if result != 0:
        errno = ctypes.get_errno()
        import errno as errnos

        if errno in (errnos.ENOSYS, errnos.EINVAL, errnos.EOPNOTSUPP):
            return False
        raise OSError(errno, os.strerror(errno), str(b))
    return True
