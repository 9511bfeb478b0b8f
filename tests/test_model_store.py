"""Loading is validated and verified before anything is read, nothing is unpickled, and the fast scorer
agrees with the pipeline."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from rhetoric import cues, features, lexicon, priors
from rhetoric.errors import ModelError
from rhetoric.store import WEIGHTS_FILE, default_model_dir, load_model

from .conftest import ROOT, SEED


@pytest.fixture()
def model_copy(tmp_path):
    target = tmp_path / "model"
    shutil.copytree(default_model_dir(), target)
    return target


@pytest.fixture(scope="module")
def fitted(model):
    """A pipeline fitted from the one model definition with the shipped parameters on part of the
    corpus, and the fast scorer exported from it."""
    from rhetoric.corpus import read_corpus
    from rhetoric.pipeline import build_pipeline
    from rhetoric.scorer import LinearScorer
    from rhetoric.train import training_data

    examples = [ex for ex in read_corpus(ROOT / "corpora").train if ex.domain in ("health", "sports", "technology")]
    texts, Y, weights, _groups = training_data(examples, 8.0)
    params = model.manifest["params"]
    pipe = build_pipeline(C=tuple(params["C"]), ngram_max=params["ngram_max"], min_df=params["min_df"])
    pipe.fit(texts, Y, classifier__sample_weight=weights)
    return pipe, LinearScorer.from_pipeline(pipe, prior_offsets=model.scorer.prior_offset)


def test_fast_scorer_agrees_with_the_pipeline_on_the_evaluation_split(fitted):
    from rhetoric.corpus import read_corpus

    pipe, scorer = fitted
    texts = [ex.text for ex in read_corpus(ROOT / "corpora").evaluation]
    texts += [line for line in SEED.read_text().splitlines() if line.strip()]
    fast = scorer.calibrated_proba(texts)
    full = pipe.predict_proba(texts)
    assert fast.shape == full.shape == (len(texts), 3)
    assert np.max(np.abs(fast - full)) < 1e-9
    shifted = priors.shift(full, scorer.prior_offset)
    assert np.max(np.abs(scorer.predict_proba(texts) - shifted)) < 1e-9


def test_prepared_sentences_carry_the_pipelines_tfidf(fitted):
    """Scoring and passages read one TF-IDF row per prepared sentence, computed for the whole batch at
    once; it equals the pipeline's TfidfVectorizer row, whether the sentence was scored alone or in a batch."""
    pipe, scorer = fitted
    texts = [line for line in SEED.read_text().splitlines() if line.strip()][:12]
    words = pipe.named_steps["features"].transformer_list[0][1]
    matrix = words.transform(texts)
    batch = features.prepare_all(texts)
    scorer.decision(batch)
    for r, (text, sentence) in enumerate(zip(texts, batch)):
        row = matrix.getrow(r)
        expected = dict(zip(row.indices.tolist(), row.data.tolist()))
        for prepared in (sentence, features.prepare(text)):
            scorer.decision([prepared])  # a sentence prepared alone gets its row on first scoring
            got = dict(zip(prepared.columns.tolist(), prepared.values.tolist()))
            assert got.keys() == expected.keys()
            assert all(abs(got[j] - expected[j]) < 1e-12 for j in got)


def test_a_prepared_sentence_scores_as_its_text(fitted):
    """Preparing a sentence once shares its tokens and cues; it must not change a single score or share."""
    _pipe, scorer = fitted
    texts = [line for line in SEED.read_text().splitlines() if line.strip()][:12]
    prepared = features.prepare_all(texts)
    assert np.array_equal(scorer.predict_proba(texts), scorer.predict_proba(prepared))
    for text, sentence in zip(texts, prepared):
        assert sentence.cues == cues.find(text)
        assert sentence.row == cues.row_of(text, lexicon.tokens(text), cues.find(text))
        assert scorer.contributions(text, 1) == scorer.contributions(sentence, 1)


def test_a_model_directory_holds_no_pickle(model):
    """Loading a model must never run code from it: every file is JSON, Markdown or an .npz of plain arrays."""
    for name in model.manifest["files"]:
        assert name.endswith((".npz", ".json", ".md")), name
        if name.endswith(".npz"):
            arrays = np.load(model.directory / name, allow_pickle=False)
            assert all(arrays[key].dtype != object for key in arrays.files)
    assert model.sha256 == model.manifest["files"][WEIGHTS_FILE]


def test_changed_weights_are_refused(model_copy, invoke):
    with open(model_copy / WEIGHTS_FILE, "ab") as handle:
        handle.write(b"\0")
    with pytest.raises(ModelError, match="sha256 does not match"):
        load_model(model_copy)
    result = invoke("score", "--model", model_copy, SEED)
    assert result.exit_code == 4
    assert "sha256 does not match" in result.stderr


def test_a_pickle_beside_the_model_is_never_read(model_copy, invoke, tmp_path):
    marker = tmp_path / "pwned"
    payload = f"cos\nsystem\n(S'touch {marker}'\ntR.".encode()
    (model_copy / "model.joblib").write_bytes(payload)
    for command in (["score", "--format", "json"], ["gate"], ["explain"]):
        argument = SEED if command[0] != "explain" else "They may steal areas."
        result = invoke(*command, "--model", model_copy, argument)
        assert result.exit_code in (0, 1), result.stderr
    assert not marker.exists()


def _set(path: str, value):
    def damage(manifest: dict) -> None:
        *parents, last = path.split("/")
        node = manifest
        for part in parents:
            node = node[part]
        node[last] = value

    return damage


MANIFEST_DAMAGE = {
    "files is a list": (_set("files", ["weights.npz"]), "files is missing or not an object"),
    "no version": (lambda m: m.pop("version"), "version is missing"),
    "threshold null": (_set("thresholds/hedging", None), "thresholds.hedging must be a number"),
    "threshold string": (_set("thresholds/hedging", "0.5"), "thresholds.hedging must be a number"),
    "threshold list": (_set("thresholds/hedging", [0.5]), "thresholds.hedging must be a number"),
    "threshold -1": (_set("thresholds/hedging", -1), "thresholds.hedging must be a number between 0 and 1"),
    "threshold 1.5": (_set("thresholds/hedging", 1.5), "thresholds.hedging must be a number between 0 and 1"),
    "threshold true": (_set("thresholds/hedging", True), "thresholds.hedging must be a number"),
    "labels reordered": (_set("labels", ["loaded_language", "hedging", "unattributed_speculation"]), "labels must be"),
    "outlet threshold 0": (_set("outlets", {"x": {"thresholds": {"hedging": 0}}}), "outlets.x.thresholds.hedging"),
    "prior 0": (_set("priors/target/hedging", 0), "priors.target.hedging"),
    "short sha256": (_set("files/weights.npz", "0" * 63), "files.weights.npz must be a 64-digit"),
}


@pytest.mark.parametrize("case", MANIFEST_DAMAGE)
def test_every_manifest_field_is_validated_with_exit_4(model_copy, invoke, case):
    damage, message = MANIFEST_DAMAGE[case]
    manifest = json.loads((model_copy / "manifest.json").read_text())
    damage(manifest)
    (model_copy / "manifest.json").write_text(json.dumps(manifest))
    result = invoke("score", "--model", model_copy, SEED)
    assert result.exit_code == 4
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("damage", ["garbage", "nan", "shape"])
def test_unreadable_or_wrong_weights_are_a_model_error(model_copy, invoke, damage):
    from rhetoric.store import npz_bytes, sha256_file

    arrays = dict(np.load(model_copy / WEIGHTS_FILE, allow_pickle=False))
    if damage == "garbage":
        data = b"PK\x03\x04 not really a zip"
    else:
        arrays["coef"] = arrays["coef"][:, :-1] if damage == "shape" else arrays["coef"] * np.nan
        data = npz_bytes(arrays)
    (model_copy / WEIGHTS_FILE).write_bytes(data)
    manifest = json.loads((model_copy / "manifest.json").read_text())
    manifest["files"][WEIGHTS_FILE] = sha256_file(model_copy / WEIGHTS_FILE)
    (model_copy / "manifest.json").write_text(json.dumps(manifest))
    result = invoke("score", "--model", model_copy, SEED)
    assert result.exit_code == 4, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_model_given_as_a_file_is_a_model_error(invoke, tmp_path):
    (tmp_path / "model.txt").write_text("x")
    result = invoke("score", "--model", tmp_path / "model.txt", SEED)
    assert result.exit_code == 4


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
