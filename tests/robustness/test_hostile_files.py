"""Every hand-made hostile input holds the CLI contract (issue 13), through bench/robustness.py's runner.

One test per file of tests/robustness/hostile/ (its id is the file name; cases.toml says what each one
tries and why), plus the fixed few generated cases of `bench/robustness.py --quick` per generator. What
"held" means is in the benchmark's docstring: exit code in the contract, one error line, strict JSON
with consistent offsets, no control characters in text output, special files untouched, no pickle run.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _bench():
    name = "rhetoric_robustness_bench"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "robustness.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up while the file is executed
        spec.loader.exec_module(module)
    return sys.modules[name]


bench = _bench()
HANDMADE = bench.load_handmade()


@pytest.fixture(scope="module")
def workspace():
    ws = bench.Workspace()
    yield ws
    ws.close()


def _explain(outcome) -> str:
    return f"{outcome.case.why}\n" + "\n".join(outcome.problems)


def test_every_hostile_file_has_one_case():
    files = {p.name for p in bench.HOSTILE.iterdir() if p.name != "cases.toml"}
    assert sorted(files - {c.name for c in HANDMADE}) == []
    assert len(HANDMADE) == len({c.name for c in HANDMADE}) >= 110


@pytest.mark.parametrize("case", HANDMADE, ids=[c.name for c in HANDMADE])
def test_hostile_file_holds(case, workspace):
    outcome = bench.run_case(case, workspace)
    if outcome.skipped:
        pytest.skip(outcome.skipped)
    assert outcome.held, _explain(outcome)


@pytest.mark.parametrize("category", list(bench.GENERATED))
def test_generated_quick_cases_hold(category, workspace):
    outcomes = [bench.run_case(c, workspace) for c in bench.generated(quick=True) if c.category == category]
    failed = [o for o in outcomes if not o.held]
    assert outcomes and not failed, "\n".join(f"{o.case.name}: {_explain(o)}" for o in failed)
