from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seeds" / "000_9d25f3013ebffe61.txt"
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def no_user_model_settings():
    """A user's RHETORIC_MODEL or RHETORIC_OUTLET must not reach the session-wide model fixture either."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("RHETORIC_MODEL", raising=False)
        patch.delenv("RHETORIC_OUTLET", raising=False)
        yield


@pytest.fixture(autouse=True)
def isolated_state(tmp_path, monkeypatch):
    """Keep user state out of tests: the model is the shipped one, the queue lives in a temp folder."""
    monkeypatch.delenv("RHETORIC_MODEL", raising=False)
    monkeypatch.delenv("RHETORIC_OUTLET", raising=False)
    monkeypatch.setenv("RHETORIC_DB", str(tmp_path / "queue.sqlite"))


@pytest.fixture(scope="session")
def model():
    from rhetoric.store import load_model

    return load_model()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture()
def runner():
    from click.testing import CliRunner

    return CliRunner()


@pytest.fixture()
def invoke(runner):
    """Run the CLI through click's CliRunner; returns the Result (exit_code, stdout, stderr)."""
    from rhetoric.cli import cli

    def run(*args, input=None):
        return runner.invoke(cli, list(map(str, args)), input=input, catch_exceptions=False)

    return run
