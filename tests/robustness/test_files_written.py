"""What rhetoric writes: only regular files, never its input, with the user's file modes, and a model
directory that is complete at every instant."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from rhetoric.errors import InputError

from ..conftest import SEED


@pytest.mark.parametrize("special", ["/dev/null", "/dev/full"])
def test_output_never_replaces_a_device(invoke, special):
    if not os.path.exists(special):
        pytest.skip(f"{special} is not on this system")
    before = os.stat(special)
    result = invoke("score", "-o", special, SEED)
    assert result.exit_code == 3
    assert "not a regular file" in result.stderr
    after = os.stat(special)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_output_never_replaces_a_fifo_or_a_directory(invoke, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert invoke("score", "-o", fifo, SEED).exit_code == 3
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    folder = tmp_path / "folder"
    folder.mkdir()
    result = invoke("score", "-o", folder, SEED)
    assert result.exit_code == 3 and "is a directory" in result.stderr
    assert folder.is_dir()


def test_empty_output_path_and_unwritable_folder_are_input_errors(invoke, tmp_path):
    assert invoke("score", "-o", "", SEED).exit_code == 3
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = invoke("score", "-o", locked / "report.txt", SEED)
        if os.geteuid() != 0:  # root writes anywhere
            assert result.exit_code == 3 and "cannot write" in result.stderr
    finally:
        locked.chmod(0o755)
    assert invoke("score", "-o", "/proc/rhetoric-report.txt", SEED).exit_code == 3


def test_output_naming_the_input_is_refused(invoke, tmp_path):
    article = tmp_path / "article.txt"
    article.write_bytes(SEED.read_bytes())
    link = tmp_path / "link.txt"
    link.symlink_to(article)
    for target in (article, link):
        result = invoke("score", "-o", target, article)
        assert result.exit_code == 3 and "is also an input" in result.stderr
    assert article.read_bytes() == SEED.read_bytes()


def test_several_inputs_and_an_output_that_is_a_file(invoke, tmp_path):
    existing = tmp_path / "report.txt"
    existing.write_text("x")
    result = invoke("score", "-o", existing, SEED, SEED)
    assert result.exit_code == 3 and "not a folder" in result.stderr


def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(invoke, tmp_path):
    old = os.umask(0o022)
    try:
        fresh = tmp_path / "fresh.txt"
        assert invoke("score", "-o", fresh, SEED).exit_code == 0
        assert stat.S_IMODE(os.stat(fresh).st_mode) == 0o644
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o640)
        assert invoke("score", "-o", kept, SEED).exit_code == 0
        assert stat.S_IMODE(os.stat(kept).st_mode) == 0o640 and kept.read_text() != "old"
    finally:
        os.umask(old)


def test_labels_and_exports_follow_the_umask(invoke, tmp_path):
    from rhetoric.atomic import write_text

    old = os.umask(0o027)
    try:
        write_text(tmp_path / "labels.jsonl", "{}\n")
        assert stat.S_IMODE(os.stat(tmp_path / "labels.jsonl").st_mode) == 0o640
    finally:
        os.umask(old)


def test_a_model_never_replaces_a_file_or_a_foreign_folder(tmp_path):
    from rhetoric.train import check_model_target

    (tmp_path / "file").write_text("x")
    (tmp_path / "home").mkdir()
    (tmp_path / "home" / "notes.txt").write_text("mine")
    for target in (tmp_path / "file", tmp_path / "home", Path("")):
        with pytest.raises(InputError):
            check_model_target(target)
    check_model_target(tmp_path / "new")
    (tmp_path / "empty").mkdir()
    check_model_target(tmp_path / "empty")


def test_replacing_a_model_exchanges_the_directories_in_one_step(tmp_path, monkeypatch):
    """Between the old model and the new there is no instant without a model: no rename leaves a gap."""
    from rhetoric import train

    target, new = tmp_path / "model", tmp_path / ".model.new"
    for folder, name in ((target, "old"), (new, "new")):
        folder.mkdir()
        (folder / "manifest.json").write_text(name)
    renames: list[tuple] = []
    monkeypatch.setattr(train.os, "replace", lambda *a: renames.append(a))
    train._replace_dir(new, target)
    assert renames == [], "a plain rename was used where the directories can be exchanged"
    assert (target / "manifest.json").read_text() == "new"
    assert not new.exists()
