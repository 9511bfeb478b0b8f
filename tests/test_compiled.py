"""The compiled build (mypyc, opt-in: `make compiled`) finds the same cues, scores and reports as the source.

It compiles the tokeniser, the cue detectors and the passage finder unchanged; this builds the wheel
from a copy of the working tree and runs both builds over every training sentence of the corpus and
every article's report. A difference means mypyc reads some construct differently from CPython, and
the compiled build must not ship.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys

from .conftest import ROOT

spec = importlib.util.spec_from_file_location("bench_compiled", ROOT / "bench" / "compiled.py")
assert spec and spec.loader
compiled = importlib.util.module_from_spec(spec)
spec.loader.exec_module(compiled)


def _dump(path: str) -> list[str]:
    env = {**os.environ, "PYTHONPATH": path}
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "compiled.py"), "--dump"],
                          env=env, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_the_compiled_build_agrees_with_the_source(tmp_path):
    wheel = compiled.build(tmp_path)
    assert wheel.name.startswith("rhetoric-") and "none-any" not in wheel.name  # a platform wheel: it holds C
    native, source = _dump(str(tmp_path / "site")), _dump(str(ROOT / "src"))
    where_native, where_source = json.loads(native[0]), json.loads(source[0])
    assert all(path.endswith(".so") for path in where_native.values()), where_native
    assert all(path.endswith(".py") for path in where_source.values()), where_source
    assert len(native) == len(source) > 1000
    differing = [i for i, (a, b) in enumerate(zip(native, source)) if i and a != b]
    assert not differing, (native[differing[0]], source[differing[0]])
