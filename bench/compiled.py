"""The compiled build: mypyc's C extensions of the tokeniser, the cue detectors and the passage finder.

`build(out)` builds the opt-in compiled wheel (pyproject.toml, `hooks.mypyc`) from a copy of the
working tree, so no extension module is ever left in `src/` to shadow the Python files of an editable
install, and unpacks it into `out/site`: put that directory first on PYTHONPATH to run the compiled
package. Needs a C compiler, hatchling and hatch-mypyc (the `test` extra).

`python bench/compiled.py` builds it into `dist/` (`make compiled`); `--dump` prints, for each corpus
sentence, its cues and probabilities, which tests/test_compiled.py compares between the two builds.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("pyproject.toml", "README.md", "src", "model")


def build(out: Path) -> Path:
    """Build the compiled wheel into `out` and unpack it into `out/site`; return the wheel's path."""
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        tree = Path(scratch) / "tree"
        tree.mkdir()
        for name in COPIED:
            source = ROOT / name
            if source.is_dir():
                shutil.copytree(source, tree / name, symlinks=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.so"))
            else:
                shutil.copy2(source, tree / name)
        objects = Path(scratch) / "mypyc"
        objects.mkdir()
        env = {**os.environ, "HATCH_BUILD_HOOK_ENABLE_MYPYC": "true", "HATCH_MYPYC_BUILD_DIR": str(objects)}
        pip = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet"]
        done = subprocess.run([*pip, "-w", str(out), str(tree)], env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"compiled build failed:\n{done.stderr[-3000:]}")
    (wheel,) = sorted(out.glob("rhetoric-*.whl"))
    site = out / "site"
    shutil.rmtree(site, ignore_errors=True)
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    return wheel


def dump() -> None:
    """Print the compiled modules' paths, then each corpus sentence's cues and probabilities, then the
    report of each corpus article (sentences, offsets, scores, flags, passages), as JSON lines."""
    from rhetoric import analysis, cues, lexicon
    from rhetoric.corpus import read_corpus
    from rhetoric.features import prepare_all
    from rhetoric.store import load_model

    corpus = read_corpus(ROOT / "corpora")
    texts = [ex.text for ex in corpus.train]
    model = load_model()
    print(json.dumps({"lexicon": lexicon.__file__, "hedging": sys.modules["rhetoric.cues.hedging"].__file__,
                      "analysis": analysis.__file__}))
    for text in texts:
        print(json.dumps([[c.feature, c.start, c.end, c.reason, c.value] for c in cues.find(text)]))
    for row in model.predict_proba(prepare_all(texts)):
        print(json.dumps([round(float(p), 12) for p in row]))
    articles: dict[str, list[str]] = {}
    for ex in corpus.written:
        articles.setdefault(ex.article, []).append(ex.text)
    for report in analysis.analyze_many([(name, " ".join(lines)) for name, lines in articles.items()], model):
        print(json.dumps(report["sentences"], sort_keys=True))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--dump"]:
        dump()
    else:
        print(build(ROOT / "dist"))
