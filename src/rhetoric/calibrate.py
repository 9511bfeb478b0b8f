"""Moving a model to an outlet's own base rates, from its unlabeled articles (`rhetoric calibrate`).

The EM procedure of Saerens, Latinne & Decaestecker (2002) estimates each label's base rate in the
outlet's sentences from the model's own probabilities, and the probabilities are shifted to those
rates. By default each threshold moves with its probabilities, so the flags stay as they were and
only the probabilities (and the gate's expected counts) change; with `rethreshold`, each label's
threshold is chosen again by the training rule on the training sentences' out-of-fold predictions,
reweighted to the new rates. No label is needed. The model's weights are not refit: only its
`prior_offset` and thresholds change, and the result is a new model directory.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from . import priors
from .errors import ModelError
from .labels import LABEL_KEYS
from .store import OOF_FILE, WEIGHTS_FILE, Model, npz_arrays, npz_bytes, verified_bytes


def estimate_rates(model: Model, sentences: list[str]) -> dict[str, float]:
    """Each label's base rate among `sentences`, by EM from the model's training-rate probabilities."""
    if not sentences:
        raise ValueError("no sentences to estimate base rates from")
    proba = model.scorer.calibrated_proba(sentences)
    training = model.manifest["priors"]["training"]
    return {key: round(priors.estimate(proba[:, j], training[key]), 6) for j, key in enumerate(LABEL_KEYS)}


def calibrate(
    model: Model, rates: dict[str, float], out_dir: str | Path, described: str, rethreshold: bool = False
) -> dict:
    """Write a copy of `model` whose probabilities are for base rates `rates`; returns its manifest."""
    import copy

    from .train import choose_thresholds, write_model

    manifest = copy.deepcopy(model.manifest)
    if "priors" not in manifest or OOF_FILE not in manifest.get("files", {}):
        raise ModelError(f"{model.directory}: built before calibration was possible; retrain it first")
    oof_bytes = verified_bytes(model.directory, manifest, OOF_FILE)
    data = npz_arrays(oof_bytes, model.directory / OOF_FILE)
    Y, oof = data.get("y"), data.get("p")
    if Y is None or oof is None or Y.shape != oof.shape or Y.ndim != 2 or Y.shape[1] != len(LABEL_KEYS):
        raise ModelError(f"{model.directory / OOF_FILE}: not this model's out-of-fold predictions")
    training = manifest["priors"]["training"]
    offsets = np.array([priors.offset(training[k], rates[k]) for k in LABEL_KEYS])
    if rethreshold:
        manifest["thresholds"] = choose_thresholds(Y, priors.shift(oof, offsets), manifest["config"], training, rates)
    else:
        moved = offsets - model.scorer.prior_offset
        manifest["thresholds"] = priors.shift_thresholds(
            {k: model.thresholds[k] for k in LABEL_KEYS}, dict(zip(LABEL_KEYS, moved.tolist())))
    manifest["priors"] = {"training": training, "target": rates, "from": described}
    arrays = dict((model.general or model.scorer).arrays())
    arrays["prior_offset"] = offsets
    files = {
        WEIGHTS_FILE: lambda path: path.write_bytes(npz_bytes(arrays)),
        OOF_FILE: lambda path: path.write_bytes(oof_bytes),
    }
    try:
        return write_model(out_dir, manifest, files)
    except (KeyError, TypeError) as exc:  # the model card reads fields that scoring does not need
        raise ModelError(f"{model.directory}: the manifest lacks what its model card needs ({exc!r})") from None
