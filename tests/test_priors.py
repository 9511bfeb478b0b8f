"""Prior shift and EM base-rate estimation (Saerens et al. 2002), and `rhetoric calibrate`."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rhetoric import priors
from rhetoric.store import default_model_dir, load_model

from .conftest import DATA


def calibrated_sample(rate: float, n: int = 20000, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Labels at base rate `rate` and probabilities calibrated for them (scores from two Gaussians)."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < rate).astype(int)
    score = rng.normal(np.where(y == 1, 1.0, -1.0), 1.0)
    # exact posterior for equal-variance Gaussians at base rate `rate`: logit = 2*score + log-odds
    p = 1 / (1 + np.exp(-(2 * score + np.log(rate / (1 - rate)))))
    return y, p


@settings(max_examples=60, deadline=None)
@given(st.floats(0.02, 0.98), st.floats(0.02, 0.98))
def test_shifting_there_and_back_is_the_identity(train, target):
    p = np.linspace(0.01, 0.99, 25)[:, None]
    there = priors.shift(p, np.array([priors.offset(train, target)]))
    back = priors.shift(there, np.array([priors.offset(target, train)]))
    assert np.allclose(back, p, atol=1e-9)
    assert np.all(np.diff(there[:, 0]) > 0)  # the order of sentences never changes


def test_em_recovers_a_lower_base_rate_from_unlabeled_probabilities():
    _, p_train = calibrated_sample(0.25)  # calibrated where a quarter are positive
    y_news, _ = calibrated_sample(0.05, seed=1)
    rng = np.random.default_rng(2)
    score = rng.normal(np.where(y_news == 1, 1.0, -1.0), 1.0)
    p_news = 1 / (1 + np.exp(-(2 * score + np.log(0.25 / 0.75))))  # the same model, read on calmer text
    estimate = priors.estimate(p_news, 0.25)
    assert abs(estimate - y_news.mean()) < 0.01
    assert abs(priors.estimate(p_train, 0.25) - 0.25) < 0.01


def test_importance_weights_give_the_target_rate():
    y = np.array([1] * 25 + [0] * 75)
    w = priors.importance(y, 0.25, 0.05)
    assert abs((w * y).sum() / w.sum() - 0.05) < 1e-12


@pytest.fixture()
def articles(tmp_path):
    folder = tmp_path / "archive"
    folder.mkdir()
    shutil.copy(DATA / "wire_article.txt", folder / "a.txt")
    (folder / "b.md").write_text("# Council approves budget\n\nThe council approved the budget on Monday. "
                                 "The vote was 9 to 2, the clerk said.\n", encoding="utf-8")
    return folder


def test_calibrate_writes_a_new_model_that_keeps_flags_and_moves_probabilities(articles, tmp_path, invoke):
    out = tmp_path / "calibrated"
    result = invoke("calibrate", articles, "--out", out)
    assert result.exit_code == 0, result.stderr
    shipped, moved = load_model(), load_model(out)
    assert moved.manifest["priors"]["from"].startswith("EM on ")
    assert moved.version != shipped.version
    texts = [line for line in (DATA / "tabloid_article.txt").read_text().splitlines() if line.strip()]
    before, after = shipped.predict_proba(texts), moved.predict_proba(texts)
    limits_before = np.array([shipped.thresholds[k] for k in shipped.manifest["labels"]])
    limits_after = np.array([moved.thresholds[k] for k in moved.manifest["labels"]])
    assert np.array_equal(before >= limits_before - 1e-6, after >= limits_after - 1e-6)
    # the shipped directory is untouched
    assert json.loads((default_model_dir() / "manifest.json").read_text())["version"] == shipped.version


def test_calibrate_refuses_an_empty_folder(tmp_path, invoke):
    (tmp_path / "empty").mkdir()
    result = invoke("calibrate", tmp_path / "empty", "--out", tmp_path / "m")
    assert result.exit_code == 2 and "no .txt" in result.stderr
    assert not (tmp_path / "m").exists()
