"""Training: deterministic, reproduces the shipped model, learns from a few corrections, refuses bad data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from rhetoric.corpus import read_corpus
from rhetoric.errors import InputError
from rhetoric.store import default_model_dir, load_model
from rhetoric.train import train

from .conftest import DATA, ROOT

FAST = DATA / "fast_config.toml"


SUBSET = ("economy_markets", "health", "sports", "technology")
"""Four domains: enough to learn from, small enough that the tests that retrain stay quick."""


def copy_subset(target: Path) -> Path:
    (target / "written").mkdir(parents=True)
    for name in SUBSET:
        shutil.copy(ROOT / "corpora" / "written" / f"{name}.jsonl", target / "written")
    return target


@pytest.fixture(scope="module")
def corpus_copy(tmp_path_factory) -> Path:
    return copy_subset(tmp_path_factory.mktemp("corpus") / "corpora")


@pytest.fixture(scope="module")
def baseline(corpus_copy, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("models") / "baseline"
    train(corpus_copy, out, config_path=FAST)
    return out


def test_same_corpus_and_config_give_byte_identical_models(corpus_copy, baseline, tmp_path):
    again = tmp_path / "again"
    train(corpus_copy, again, config_path=FAST)
    for name in ("weights.npz", "oof.npz", "manifest.json", "MODEL_CARD.md"):
        assert (again / name).read_bytes() == (baseline / name).read_bytes(), name


def test_retraining_reproduces_the_shipped_model(tmp_path):
    """Byte-identical on the machine that trained it; elsewhere the same flags and probabilities."""
    shipped = load_model()
    if shipped.manifest["corpus"]["sentences"]["user_labels"]:
        pytest.skip("the shipped model includes user labels not in the repository")
    out = tmp_path / "model"
    train(ROOT / "corpora", out, config_path=ROOT / "training" / "config.toml")
    rebuilt = load_model(out)
    texts = [ex.text for ex in read_corpus(ROOT / "corpora").evaluation]
    a, b = shipped.predict_proba(texts), rebuilt.predict_proba(texts)
    assert np.max(np.abs(a - b)) < 1e-6
    assert rebuilt.thresholds == shipped.thresholds
    assert rebuilt.manifest["corpus"]["sha256"] == shipped.manifest["corpus"]["sha256"]


def test_a_few_corrections_move_the_model_on_a_similar_unseen_sentence(corpus_copy, baseline, tmp_path, invoke):
    corpus = tmp_path / "corpora"
    shutil.copytree(corpus_copy, corpus)
    corrections = [
        "The council's wibblesnatch budget was approved on Monday.",
        "Residents queued for the wibblesnatch scheme at the town hall.",
        "A wibblesnatch plan for the harbour was published this week.",
        "Officials defended the wibblesnatch levy in a statement.",
        "Councillors voted through the wibblesnatch charge after a short debate.",
    ]
    for text in corrections:
        result = invoke("label", text, "--set", "loaded_language=1", "--passage", "loaded_language=wibblesnatch",
                        "--corpus", corpus, "--provenance", "review")
        assert result.exit_code == 0, result.stderr
    retrained = tmp_path / "model"
    assert invoke("train", "--corpus", corpus, "--config", FAST, "--out", retrained).exit_code == 0
    probe = "The council published the wibblesnatch timetable for school meals on Tuesday."
    before = load_model(baseline)
    after = load_model(retrained)
    p_before = before.predict_proba([probe])[0, 1]
    p_after = after.predict_proba([probe])[0, 1]
    assert p_before < before.thresholds["loaded_language"] <= p_after
    assert p_after >= after.thresholds["loaded_language"]  # the retrained model flags it with its own threshold
    assert after.manifest["corpus"]["sentences"]["user_labels"] == len(corrections)


def test_label_keeps_identical_rows_and_refuses_conflicts_writing_nothing(corpus_copy, tmp_path, invoke):
    corpus = tmp_path / "corpora"
    shutil.copytree(corpus_copy, corpus)
    args = ["--corpus", corpus]
    assert invoke("label", "Rates rose to 5%.", "--set", "hedging=0", *args).exit_code == 0
    before = (corpus / "labels.jsonl").read_bytes()
    dup = invoke("label", "Rates rose to 5%.", "--set", "hedging=0", *args)
    assert dup.exit_code == 0 and "0 added, 0 corrected, 1 unchanged" in dup.stdout
    conflict = invoke("label", "Rates rose to 5%.", "--set", "hedging=1", "--passage", "hedging=rose", *args)
    assert conflict.exit_code == 3 and "conflicts" in conflict.stderr
    assert (corpus / "labels.jsonl").read_bytes() == before
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"text": "A fine sentence.", "hedging": 0}) + "\n"
                   + json.dumps({"text": "Another one.", "loaded_language": 1, "passages": ["missing"]}) + "\n")
    result = invoke("label", "--from", bad, *args)
    assert result.exit_code == 3 and f"{bad}:2" in result.stderr and "not in the sentence" in result.stderr
    assert (corpus / "labels.jsonl").read_bytes() == before
    fixed = invoke("label", "Rates rose to 5%.", "--set", "hedging=1", "--passage", "hedging=rose", *args, "--replace")
    assert fixed.exit_code == 0 and "1 corrected" in fixed.stdout


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"text": "x y z.", "hedging": 2}), "hedging must be 0, 1 or null"),
        (json.dumps({"text": "x y z.", "sarcasm": 1}), "unknown field"),
        (json.dumps({"text": "x y z.", "hedging": 1, "passages": {"hedging": ["nope"]}}), "not in the sentence"),
    ],
)
def test_bad_label_lines_name_file_and_line(tmp_path, line, message):
    from rhetoric.corpus import read_jsonl

    path = tmp_path / "labels.jsonl"
    path.write_text(json.dumps({"text": "Fine.", "hedging": 0}) + "\n" + line + "\n")
    with pytest.raises(InputError, match=f"{path}:2: .*{message}"):
        read_jsonl(path)


def test_too_small_or_one_sided_corpus_is_a_clear_error(tmp_path):
    written = tmp_path / "c" / "written"
    written.mkdir(parents=True)
    rows = [
        {"id": f"science-001-{i:02d}", "article": "science-001", "domain": "science", "register": "wire",
         "provenance": "written", "text": f"Sentence number {i} about nothing much.", "hedging": 0,
         "loaded_language": 0, "unattributed_speculation": 0, "passages": {}}
        for i in range(1, 11)
    ]
    (written / "science.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    with pytest.raises(InputError, match="at least 40 are needed"):
        train(tmp_path / "c", tmp_path / "m", config_path=FAST)


_GRID = "[grid]\nngram_max = [1]\nmin_df = [2]\nC = [1.0]\n"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[grid]\nngram_max = []\nmin_df = [2]\nC = [1.0]\n", "grid.ngram_max must be a non-empty list"),
        (_GRID + "[thresholds]\nrule = \"best\"\n", "thresholds.rule must be best_f1 or precision"),
        (_GRID + "[thresholds]\nf1_tolerance = 2\n", "f1_tolerance must be a number"),
        (_GRID + "tolerance = 0.5\n", "grid.tolerance must be a number from 0 to 0.1"),
        ("[grid\n", "invalid TOML"),
        (_GRID + "[priors]\nfrom_registers = [\"blog\"]\n", "priors must hold only from_registers"),
        (_GRID + "[priors]\nfrom_registers = { tone = [\"wire\"] }\n", "or a table of such lists by label"),
        (_GRID + "[priors]\nfrom_registers = { hedging = \"wire\" }\n", "priors must hold only"),
        (_GRID + "[priors]\nrates = 0.1\n", "priors must hold only"),
    ],
)
def test_bad_training_config_is_a_clear_error(tmp_path, config, message):
    from rhetoric.train import read_config

    path = tmp_path / "config.toml"
    path.write_text(config)
    with pytest.raises(InputError, match=message):
        read_config(path)


def test_target_rates_per_label_come_from_the_registers_named_for_that_label():
    from rhetoric.corpus import Example
    from rhetoric.train import rates_origin, target_rates, target_registers

    def example(register: str, speculation: int) -> Example:
        return Example(text="x", labels={"hedging": 1, "loaded_language": 0, "unattributed_speculation": speculation},
                       register=register)

    examples = [example("wire", 0)] * 9 + [example("wire", 1)] + [example("tabloid", 1)] * 10
    training = {"hedging": 0.5, "loaded_language": 0.2, "unattributed_speculation": 0.55}
    config = {"priors": {"from_registers": {"unattributed_speculation": ["wire"]}}}
    assert target_rates(examples, config, training) == {**training, "unattributed_speculation": 0.1}
    assert rates_origin(target_registers(config)) == (
        "hedging: the training sentences; loaded_language: the training sentences; "
        "unattributed_speculation: registers wire")
    both = {"priors": {"from_registers": ["wire", "science"]}}
    assert rates_origin(target_registers(both)) == "registers wire, science"
    assert rates_origin(target_registers({})) == "the training sentences"


def test_model_card_and_manifest_agree(model):
    card = (default_model_dir() / "MODEL_CARD.md").read_text()
    assert model.version in card
    for key, value in model.thresholds.items():
        assert f"`{key}`" in card and f"{value:.3f}" in card


def test_evaluate_json_contract(invoke, tmp_path):
    data = tmp_path / "dev.jsonl"
    rows = [
        {"text": "Insiders say the deal may collapse.", "hedging": 1, "loaded_language": None,
         "unattributed_speculation": 1, "source": "a:1"},
        {"text": "The bridge opens on Tuesday.", "hedging": 0, "loaded_language": 0,
         "unattributed_speculation": 0, "source": "b:2"},
        {"text": "Ministers slashed the budget in a humiliating climbdown.", "hedging": 0, "loaded_language": 1,
         "unattributed_speculation": 0, "source": "b:3", "passages": ["slashed"]},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = invoke("evaluate", data, "--by", "source", "--format", "json", "--errors", tmp_path / "err.jsonl")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    for key in ("hedging", "loaded_language", "unattributed_speculation"):
        assert set(out["labels"][key]) >= {"precision", "recall", "f1", "average_precision", "brier", "ece", "support"}
    assert out["labels"]["loaded_language"]["n"] == 2
    assert set(out["by_source"]) == {"a", "b"}


def test_an_outlets_own_labels_give_it_its_own_weights_and_thresholds(corpus_copy, baseline, tmp_path, invoke):
    """Labels named with an outlet: the model learns weights (its own feature block) and thresholds
    from them, used only with --outlet. Here the outlet reads a named source's "may" as a hedge,
    which the guidelines do not: its own scores move, everyone else's barely do."""
    rows = []
    for i in range(14):
        rows.append({"text": f"The harbour board said berth {i} may reopen after the repairs.", "hedging": 1,
                     "passages": {"hedging": ["may"]}})
        rows.append({"text": f"The harbour board reopened berth {i} after the repairs on Monday.", "hedging": 0})
    extra = tmp_path / "ours.jsonl"
    extra.write_text("".join(json.dumps({**r, "outlet": "the-courier"}) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model"
    trained = invoke("train", "--corpus", corpus_copy, "--extra", extra, "--config", FAST, "--out", out)
    assert trained.exit_code == 0
    general, ours = load_model(out), load_model(out, "the-courier")
    outlet = general.manifest["outlets"]["the-courier"]
    assert outlet["sentences"] == 28 and set(outlet["thresholds"]) == {"hedging"}
    # 14 positives and 14 negatives: its own weights are used, too few to compare with the shared ones
    assert outlet["untested_labels"] == ["hedging"] and outlet["shared_labels"] == []
    assert 0 < outlet["block_strength"]["hedging"] <= 1  # its labels predict its other sentences
    assert "outlet the-courier: 28 sentences; hedging own weights at strength" in trained.stdout
    assert "outlet the-courier: its own weights for hedging are untested" in trained.stdout
    assert ours.thresholds["hedging"] == outlet["thresholds"]["hedging"]
    assert ours.thresholds["loaded_language"] == general.thresholds["loaded_language"]
    probe = ["The port authority said the ferry may resume its crossings in May."]
    before = load_model(baseline).predict_proba(probe)[0, 0]
    ours_moved, general_moved = ours.predict_proba(probe)[0, 0] - before, general.predict_proba(probe)[0, 0] - before
    assert ours_moved > 0.2 and ours_moved > 2 * general_moved
    assert abs(general_moved) < 0.05  # the shared weights learn nothing from them; their words join the vocabulary
    written = [ex.text for ex in read_corpus(corpus_copy).evaluation]
    moved = np.abs(general.predict_proba(written) - load_model(baseline).predict_proba(written))
    assert float(moved.mean()) < 0.02
    limits = [np.array([m.thresholds[k] for k in m.manifest["labels"]]) for m in (general, load_model(baseline))]
    agree = (general.predict_proba(written) >= limits[0]) == (load_model(baseline).predict_proba(written) >= limits[1])
    assert float(agree.mean()) > 0.97
    article = tmp_path / "a.txt"
    article.write_text("The harbour board said berth 40 may reopen after the repairs.\n", encoding="utf-8")
    scored = invoke("score", article, "--model", out, "--outlet", "the-courier", "--format", "json")
    report = json.loads(scored.stdout)
    assert report["model"]["outlet"] == "the-courier" and report["thresholds"]["hedging"] == ours.thresholds["hedging"]
    unknown = invoke("score", article, "--model", out, "--outlet", "the-herald")
    assert unknown.exit_code == 4 and "no thresholds for outlet 'the-herald'" in unknown.stderr


def test_label_names_the_outlet(corpus_copy, tmp_path, invoke):
    corpus = tmp_path / "corpora"
    shutil.copytree(corpus_copy, corpus)
    ok = invoke("label", "Rates rose to 5%.", "--set", "hedging=0", "--corpus", corpus, "--outlet", "city-desk")
    assert ok.exit_code == 0
    assert json.loads((corpus / "labels.jsonl").read_text())["outlet"] == "city-desk"
    bad = invoke("label", "Rates fell to 4%.", "--set", "hedging=0", "--corpus", corpus, "--outlet", "City Desk")
    assert bad.exit_code == 2 and "--outlet" in bad.stderr


def test_compare_shows_metrics_flips_and_undefined_as_undefined(baseline, tmp_path, invoke):
    rows = [
        {"text": "Ministers slashed the budget in a brutal raid on families.", "loaded_language": 1,
         "passages": {"loaded_language": ["slashed"]}, "hedging": 0},
        {"text": "The council met on Monday and approved the budget.", "loaded_language": 0, "hedging": 0},
        {"text": "The plant may close next year.", "loaded_language": 0, "hedging": 0},
    ]
    data = tmp_path / "ours.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = invoke("compare", default_model_dir(), baseline, data, "--format", "json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    hedging = report["metrics"]["hedging"]
    assert hedging["recall"] == [None, None] and hedging["f1"] == [None, None]  # no positive: undefined
    assert report["metrics"]["loaded_language"]["recall"][0] == 1.0
    text = invoke("compare", default_model_dir(), baseline, data).stdout
    recall = next(line for line in text.splitlines() if line.startswith("hedging") and " recall " in line)
    assert recall.split()[2:] == ["undefined", "undefined"]


def test_hold_out_leaves_the_evaluation_half_of_extra_articles_for_compare(corpus_copy, tmp_path, invoke):
    from rhetoric.corpus import in_eval_split

    articles = [f"ours-{i}" for i in range(40)]
    held = [a for a in articles if in_eval_split(a)]
    assert held and len(held) < len(articles)
    rows = [{"text": f"The harbour board said berth {i} may reopen, in story {a}.", "hedging": 0, "article": a}
            for i, a in enumerate(articles)]
    extra = tmp_path / "ours.jsonl"
    extra.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model"
    trained = invoke("train", "--corpus", corpus_copy, "--extra", extra, "--hold-out", "--config", FAST, "--out", out)
    assert trained.exit_code == 0, trained.stderr
    assert load_model(out).manifest["corpus"]["sentences"]["extra"] == len(articles) - len(held)
    compared = invoke("compare", default_model_dir(), out, extra, "--held-out", "--format", "json")
    assert compared.exit_code == 0, compared.stderr
    assert json.loads(compared.stdout)["metrics"]["hedging"]["recall"] == [None, None]
    text = invoke("compare", default_model_dir(), out, extra, "--held-out")
    assert text.stdout.startswith(f"{len(held)} sentences")


def test_an_outlets_threshold_is_pulled_toward_the_models_until_it_has_evidence():
    """A best-F1 threshold from a handful of positives is noise; with many it is the outlet's own."""
    from rhetoric.corpus import Example
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.train import outlet_thresholds

    rng = np.random.default_rng(0)

    def outlet(n_pos: int, name: str):
        y = np.r_[np.ones(n_pos), np.zeros(4 * n_pos)]
        p = np.clip(np.r_[rng.normal(0.2, 0.05, n_pos), rng.normal(0.05, 0.03, 4 * n_pos)], 0.001, 0.999)
        return [Example(text=f"{name} {i}", labels={k: None for k in LABEL_KEYS}, outlet=name)
                for i in range(len(y))], y, p

    general = {k: 0.6 for k in LABEL_KEYS}
    j = LABEL_KEYS.index("hedging")
    found = {}
    for prior in (0, 30):
        for n_pos in (12, 3000):
            rows, y, p = outlet(n_pos, "gazette")
            Y = np.full((len(y), len(LABEL_KEYS)), np.nan)
            Y[:, j] = y
            proba = np.full_like(Y, 0.5)
            proba[:, j] = p
            config = {"thresholds": {"outlet_threshold_prior": prior}}
            found[prior, n_pos] = outlet_thresholds(rows, Y, proba, config, general)["gazette"]["thresholds"]["hedging"]
    assert found[0, 12] < 0.3 and found[0, 3000] < 0.3  # the outlet's own reading: far below the model's
    assert found[0, 12] < found[30, 12] < 0.6  # 12 positives against 30 of the model's: closer to 0.6
    assert abs(found[30, 3000] - found[0, 3000]) < 0.02  # 3,000 positives: its own


def test_an_outlets_threshold_counts_only_the_flags_a_passage_would_carry():
    """A report raises no flag without a carrying passage, so those scores cannot set the threshold:
    here the negatives scoring between the positives are all passage-less, so the threshold can drop
    to the lower positives."""
    from rhetoric.corpus import Example
    from rhetoric.labels import LABEL_KEYS
    from rhetoric.train import outlet_thresholds

    j = LABEL_KEYS.index("hedging")
    y = np.r_[np.ones(20), np.zeros(30), np.zeros(50)]
    p = np.r_[np.full(10, 0.9), np.full(10, 0.5), np.full(30, 0.7), np.full(50, 0.1)]
    rows = [Example(text=str(i), labels={k: None for k in LABEL_KEYS}, outlet="gazette") for i in range(len(y))]
    Y = np.full((len(y), len(LABEL_KEYS)), np.nan)
    Y[:, j] = y
    proba = np.full_like(Y, 0.5)
    proba[:, j] = p
    raised = np.ones_like(Y, dtype=bool)
    raised[20:50, j] = False
    general = {k: 0.5 for k in LABEL_KEYS}
    config = {"thresholds": {"outlet_threshold_prior": 0}}
    by_score = outlet_thresholds(rows, Y, proba, config, general)["gazette"]["thresholds"]["hedging"]
    by_flags = outlet_thresholds(rows, Y, proba, config, general, raised)["gazette"]["thresholds"]["hedging"]
    assert by_score > 0.7 and 0.1 < by_flags <= 0.5


def test_an_outlet_keeps_the_shared_weights_where_its_own_do_worse_on_its_labels():
    """Out-of-fold, on the outlet's own sentences: where its block ranks them worse than the shared
    weights, the label keeps the shared weights; where it ranks them better, the outlet's own."""
    from rhetoric.corpus import Example
    from rhetoric.train import outlets_keeping_shared

    rng = np.random.default_rng(0)
    n = 400
    y = (np.arange(n) % 4 == 0).astype(float)  # 100 positives: enough to compare
    examples = [Example(f"s{i}", {}, outlet="desk") for i in range(n)] + [Example("w", {})]
    Y = np.full((n + 1, 3), np.nan)
    Y[:n, 0] = y  # hedging: the outlet's own weights separate its labels, the shared ones do not
    Y[:n, 1] = y  # loaded language: the other way round
    noise = rng.uniform(0, 1, size=n)
    own = np.zeros((n + 1, 3))
    shared = np.zeros((n + 1, 3))
    own[:n, 0], shared[:n, 0] = 0.5 * y + 0.5 * noise, noise
    own[:n, 1], shared[:n, 1] = noise, 0.5 * y + 0.5 * noise
    assert outlets_keeping_shared(examples, Y, own, shared) == {"desk": ["loaded_language"]}
    few = list(range(120)) + [n]  # 30 positives: too few to tell the two apart
    assert outlets_keeping_shared([examples[k] for k in few], Y[few], own[few], shared[few]) == {"desk": []}
    handful = list(range(24)) + [n]  # 6 positives: too few for a block of its own
    assert outlets_keeping_shared([examples[k] for k in handful], Y[handful], own[handful], shared[handful]) == {
        "desk": ["hedging", "loaded_language"]}


def test_keeping_shared_weights_scores_that_label_as_the_model_does(model):
    """`LinearScorer.keeping_shared` zeroes an outlet's block for a label: that label then scores the
    outlet's text exactly as the shared weights do, and the outlet's other labels keep their block."""
    from rhetoric.scorer import LinearScorer

    arrays = model.scorer.arrays()
    width = arrays["coef"].shape[1]
    arrays["outlets"] = np.asarray(["desk"])
    arrays["outlet_coef"] = np.full((1, 3, width), 0.01)
    arrays["outlet_intercept"] = np.full((1, 3), 0.5)
    scorer = LinearScorer(arrays).keeping_shared({"desk": ["hedging"]})
    texts = ["The ferry may resume on Friday.", "Ministers slashed the budget."]
    ours, shared = scorer.for_outlet("desk").calibrated_proba(texts), scorer.calibrated_proba(texts)
    assert np.allclose(ours[:, 0], shared[:, 0])
    assert not np.allclose(ours[:, 1:], shared[:, 1:])


def test_a_later_grid_point_must_beat_the_folds_own_spread():
    """`_spread` is the standard error of per-fold differences: zero when every fold moves alike, large
    when the folds disagree, so a gain that one fold alone makes does not choose the grid point."""
    import numpy as np

    from rhetoric.train import _spread

    assert _spread(np.array([0.002, 0.002, 0.002, 0.002, 0.002])) == 0.0
    noisy = np.array([0.012, -0.004, -0.003, -0.002, 0.002])
    assert _spread(noisy) > noisy.mean() > 0
    assert _spread(np.array([0.01])) == 0.0


def test_an_outlets_labels_leave_the_corpus_folds_where_they_were():
    """The out-of-fold probabilities that set the model's own thresholds come from the same folds
    with or without an outlet's labels; every row is still held out exactly once."""
    from rhetoric.train import _folds

    groups = np.array([f"article-{i // 3}" for i in range(60)] + [f"ours-{i // 2}" for i in range(10)])
    general = np.arange(70) < 60
    joined, alone = _folds(groups, 5, general), _folds(groups[general], 5)
    for (train_rows, held), (train_alone, held_alone) in zip(joined, alone, strict=True):
        assert sorted(held[held < 60]) == sorted(held_alone)
        assert sorted(train_rows[train_rows < 60]) == sorted(train_alone)
        assert not set(groups[train_rows]) & set(groups[held])
    assert sorted(np.concatenate([held for _, held in joined]).tolist()) == list(range(70))


def test_an_outlet_whose_labels_predict_nothing_keeps_the_models_weights_and_threshold():
    """Block strength 0 (its labels did not lower the log-loss on its other articles, not even by a
    shift of base rate) puts a judged label among the outlet's shared labels; unjudged labels stay out."""
    from types import SimpleNamespace

    from rhetoric.labels import LABEL_KEYS
    from rhetoric.train import keep_unpredictive

    Y = np.full((6, len(LABEL_KEYS)), np.nan)
    Y[:4, 0] = [1, 0, 1, 0]  # the outlet judged hedging and loaded language, not speculation
    Y[:4, 1] = [0, 1, 0, 1]
    Y[4:] = 0  # sentences of no outlet
    kept: dict[str, list[str]] = {"desk": []}
    strengths = np.array([[0.25, 0.0, 0.0]])
    examples = [SimpleNamespace(outlet="desk")] * 4 + [SimpleNamespace(outlet=None)] * 2
    keep_unpredictive(kept, examples, Y, strengths)
    assert kept == {"desk": ["loaded_language"]}
