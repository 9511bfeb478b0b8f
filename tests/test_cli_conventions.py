"""Every command has help with an example; help and error paths stay light; crashes exit 5."""

from __future__ import annotations

import subprocess
import sys

import click
import pytest

from rhetoric.cli import cli


def _commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


COMMANDS = list(_commands(cli))


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help_with_an_example(invoke, path, command):
    result = invoke(*path, "--help")
    assert result.exit_code == 0
    assert command.help and "Example" in command.help, f"{' '.join(path)} needs help text with an example"


def _modules_after(args: list[str]) -> set[str]:
    code = (
        "import sys\n"
        "from click.testing import CliRunner\n"
        "from rhetoric.cli import cli\n"
        f"CliRunner().invoke(cli, {args!r})\n"
        "print(' '.join(sorted(m.split('.')[0] for m in sys.modules)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize("args", [["--help"], ["score", "/no/such/file.txt"], ["score", "--help"]])
def test_help_and_errors_do_not_import_heavy_libraries(args):
    loaded = _modules_after(args)
    assert not loaded & {"sklearn", "scipy", "nltk", "joblib"}


def test_scoring_uses_the_fast_path_without_scikit_learn():
    from .conftest import SEED

    loaded = _modules_after(["score", str(SEED)])
    assert "sklearn" not in loaded and "scipy" not in loaded


def test_unexpected_errors_exit_5_without_traceback(invoke, monkeypatch):
    import rhetoric.articles

    def boom(*a, **k):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(rhetoric.articles, "score_texts", boom)
    from .conftest import SEED

    result = invoke("score", SEED)
    assert result.exit_code == 5
    assert "internal error: RuntimeError: kaboom" in result.stderr
    assert "Traceback" not in result.stderr


def test_python_dash_m_works():
    out = subprocess.run([sys.executable, "-m", "rhetoric", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and "score" in out.stdout
