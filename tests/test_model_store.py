"""Loading is verified before anything is unpickled; the fast scorer agrees with the pipeline."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from rhetoric import priors
from rhetoric.errors import ModelError
from rhetoric.store import PIPELINE_FILE, WEIGHTS_FILE, default_model_dir, load_model

from .conftest import ROOT, SEED


@pytest.fixture()
def model_copy(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target)
    return target


def test_fast_scorer_agrees_with_the_pipeline_on_the_evaluation_split(model):
    from rhetoric.corpus import read_corpus

    texts = [ex.text for ex in read_corpus(ROOT / "corpora").evaluation]
    texts += [line for line in SEED.read_text().splitlines() if line.strip()]
    fast = model.scorer.calibrated_proba(texts)
    full = model.pipeline().predict_proba(texts)
    assert fast.shape == full.shape == (len(texts), 3)
    assert np.max(np.abs(fast - full)) < 1e-9
    shifted = priors.shift(full, model.scorer.prior_offset)
    assert np.max(np.abs(model.predict_proba(texts) - shifted)) < 1e-9


def test_per_sentence_word_weights_equal_the_pipelines_tfidf(model):
    """Passages use the scorer's per-sentence TF-IDF; scoring computes it for a whole batch at once."""
    texts = [line for line in SEED.read_text().splitlines() if line.strip()][:12]
    words = model.pipeline().named_steps["features"].transformer_list[0][1]
    matrix = words.transform(texts)
    for r, text in enumerate(texts):
        row = matrix.getrow(r)
        expected = dict(zip(row.indices.tolist(), row.data.tolist()))
        got = model.scorer._word_weights(text)
        assert got.keys() == expected.keys()
        assert all(abs(got[j] - expected[j]) < 1e-12 for j in got)


def test_changed_weights_are_refused(model_copy, invoke):
    with open(model_copy / WEIGHTS_FILE, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelError, match="sha256 does not match"):
        load_model(model_copy)
    result = invoke("score", "--model", model_copy, SEED)
    assert result.exit_code == 4
    assert "sha256 does not match" in result.stderr


def test_changed_pickle_is_refused_before_unpickling(model_copy, monkeypatch):
    (model_copy / PIPELINE_FILE).write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR.")
    model = load_model(model_copy)

    def never(*args, **kwargs):
        raise AssertionError("joblib.load must not be reached")

    monkeypatch.setattr("joblib.load", never)
    with pytest.raises(ModelError, match="sha256 does not match"):
        model.pipeline()


def test_other_scikit_learn_version_says_how_to_retrain(model_copy):
    manifest = json.loads((model_copy / "manifest.json").read_text())
    manifest["libraries"]["scikit-learn"] = "0.0.1"
    (model_copy / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(ModelError, match=r"scikit-learn 0\.0\.1.*retrain with `rhetoric train"):
        load_model(model_copy).pipeline()


def test_missing_or_foreign_model_exits_4(invoke, tmp_path):
    assert invoke("score", "--model", tmp_path / "nothing", SEED).exit_code == 4
    (tmp_path / "manifest.json").write_text("{not json")
    result = invoke("score", "--model", tmp_path, SEED)
    assert result.exit_code == 4 and "manifest" in result.stderr


def test_env_variable_selects_the_model(runner, tmp_path, monkeypatch):
    from rhetoric.cli import cli

    monkeypatch.setenv("RHETORIC_MODEL", str(tmp_path))
    assert runner.invoke(cli, ["score", str(SEED)]).exit_code == 4


def test_labels_are_defined_once_with_definition_examples_and_threshold(model):
    from rhetoric.corpus import read_corpus
    from rhetoric.labels import LABELS

    corpus = read_corpus(ROOT / "corpora")
    for label in LABELS:
        assert len(label.definition) > 40, label.key
        assert sum(ex.labels[label.key] == 1 for ex in corpus.written) >= 100, label.key
        assert 0.0 < model.thresholds[label.key] < 1.0, label.key
        assert label.key in (ROOT / "corpora" / "README.md").read_text()
    assert model.manifest["labels"] == [label.key for label in LABELS]
