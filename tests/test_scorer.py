"""The scorer's two paths: plain Python for an article (no numpy import at cold start), numpy for batches.

Both read the same weights; these tests hold them to the same probabilities and the same reports, and
hold the numpy-free reader of `weights.npz` to what `np.load` reads.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile

import numpy as np
import pytest

from rhetoric import scorer as scorer_module
from rhetoric.analysis import analyze_many
from rhetoric.corpus import read_corpus
from rhetoric.errors import ModelError
from rhetoric.features import prepare_all
from rhetoric.store import WEIGHTS_FILE, npz_bytes, npz_plain

from .conftest import ROOT, SEED


@pytest.fixture(scope="module")
def corpus_texts() -> list[str]:
    return [ex.text for ex in read_corpus(ROOT / "corpora").written][::7]


def test_the_plain_path_gives_the_batch_paths_probabilities(model, corpus_texts):
    plain = model.scorer.plain_probabilities(prepare_all(corpus_texts[: scorer_module.SMALL_BATCH - 1]))
    batch = model.scorer.predict_proba(prepare_all(corpus_texts[: scorer_module.SMALL_BATCH - 1]))
    assert np.abs(np.asarray(plain) - batch).max() < 1e-12


def test_reports_are_the_same_whichever_path_scores_them(model, corpus_texts, monkeypatch):
    """Every report field, flags and passages included, is the same from either path (the plain path's
    word rows feed the passages too)."""
    articles = [(f"a{i}", " ".join(corpus_texts[i : i + 12])) for i in range(0, 240, 12)]
    monkeypatch.setattr(scorer_module.LinearScorer, "_plain_pays", lambda self, n: True)
    plain = analyze_many(articles, model)
    monkeypatch.setattr(scorer_module.LinearScorer, "_plain_pays", lambda self, n: False)
    batch = analyze_many(articles, model)
    assert plain == batch
    assert sum(bool(s["flags"]) for report in plain for s in report["sentences"]) > 20


def test_an_outlets_scorer_agrees_on_both_paths(model, corpus_texts):
    """`for_outlet` and `keeping_shared` copy the weights as plain lists; the copies score as arrays do."""
    arrays = model.scorer.arrays()
    rng = np.random.default_rng(0)
    arrays["outlets"] = np.asarray(["desk"], dtype=str)
    arrays["outlet_coef"] = rng.normal(0, 0.1, (1, *arrays["coef"].shape))
    arrays["outlet_intercept"] = rng.normal(0, 0.1, (1, arrays["coef"].shape[0]))
    shared = scorer_module.LinearScorer(arrays)
    desk = shared.for_outlet("desk")
    texts = corpus_texts[:50]
    expected = 1 / (1 + np.exp((shared.decision(texts) + np.asarray([
        prepare_row @ arrays["outlet_coef"][0].T for prepare_row in _inputs(shared, texts)
    ]) + arrays["outlet_intercept"][0]) * arrays["cal_a"] + arrays["cal_b"] - arrays["prior_offset"]))
    assert np.abs(desk.predict_proba(texts) - expected).max() < 1e-9
    assert np.abs(np.asarray(desk.plain_probabilities(prepare_all(texts))) - desk.predict_proba(texts)).max() < 1e-12
    kept = shared.keeping_shared({"desk": ["hedging"]}).for_outlet("desk")
    assert np.abs(kept.predict_proba(texts)[:, 0] - shared.predict_proba(texts)[:, 0]).max() < 1e-12


def _inputs(scorer: scorer_module.LinearScorer, texts: list[str]) -> list[np.ndarray]:
    """Each sentence's full input row (TF-IDF words, then scaled cues), as the pipeline sees it."""
    rows = []
    for sf in prepare_all(texts):
        scorer.plain_probabilities([sf])
        words = np.zeros(scorer.n_words)
        words[list(sf.columns)] = list(sf.values)  # type: ignore[arg-type]
        cues = (np.asarray(sf.row) - scorer.cue_mean_values) / scorer.cue_scale_values
        rows.append(np.concatenate([words, cues]))
    return rows


def test_the_plain_reader_reads_what_numpy_reads():
    data = (ROOT / "model" / WEIGHTS_FILE).read_bytes()
    plain = npz_plain(data, ROOT / "model" / WEIGHTS_FILE)
    with np.load(io.BytesIO(data), allow_pickle=False) as archive:
        assert set(plain) == set(archive.files)
        for name in archive.files:
            array = archive[name]
            assert plain[name].shape == array.shape, name
            assert plain[name].values == array.ravel().tolist(), name


@pytest.mark.parametrize(
    "arrays",
    [
        {"mixed": np.asarray([1, "a"], dtype=object)},
        {"wide": np.asarray([1.5], dtype=np.float32)},
        {"fortran": np.asfortranarray(np.arange(6, dtype=np.float64).reshape(2, 3))},
    ],
    ids=["object", "float32", "fortran"],
)
def test_the_plain_reader_refuses_what_weights_never_hold(arrays, tmp_path):
    if "mixed" in arrays:  # npz_bytes refuses to write a pickle; build the archive numpy's way
        buffer = io.BytesIO()
        np.savez(buffer, **arrays, allow_pickle=True)
        data = buffer.getvalue()
    else:
        data = npz_bytes(arrays)
    with pytest.raises(ModelError, match="cannot read"):
        npz_plain(data, tmp_path / "weights.npz")


def test_a_truncated_archive_is_refused(tmp_path):
    data = npz_bytes({"coef": np.arange(10, dtype=np.float64)})
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(broken, "w") as target:
        target.writestr("coef.npy", source.read("coef.npy")[:-8])
    with pytest.raises(ModelError, match="cannot read"):
        npz_plain(broken.getvalue(), tmp_path / "weights.npz")


def test_scoring_an_article_does_not_import_numpy():
    """What keeps `rhetoric score`'s cold start short: loading the model and scoring an article use no numpy."""
    code = ("import sys; from rhetoric.store import load_model; from rhetoric.articles import score_file; "
            f"score_file({str(SEED)!r}, load_model()); print('numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_process_that_goes_on_scoring_switches_to_numpy():
    """Plain Python pays for an article or a few; past `PLAIN_BUDGET` sentences numpy's import has paid for
    itself, and the scorer takes the batch path."""
    code = ("import sys; from rhetoric.store import load_model; from rhetoric.scorer import PLAIN_BUDGET; "
            "m = load_model(); s = ['The ferry may sail on Friday.'] * 20; "
            "[m.probabilities(s) for _ in range(PLAIN_BUDGET // 20)]; before = 'numpy' in sys.modules; "
            "m.probabilities(s); print(before, 'numpy' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True"]
