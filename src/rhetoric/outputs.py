"""Files a user names for output (`--output`, `--out`, `--errors`): only regular files are written.

`rhetoric score -o /dev/null` must not turn a device into a report, nor `-o article.txt` overwrite the
article it reads. Every refusal is an input error (exit 3) with one line.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from . import atomic
from .errors import InputError


def checked_output(path: str | os.PathLike, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """The regular file to write for `path` (a symlink's target), or an InputError saying why not."""
    if not str(path).strip():
        raise InputError("the output path is empty; give a file name")
    target = Path(os.path.realpath(path))
    try:
        mode = os.stat(target).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if mode is not None and stat.S_ISDIR(mode):
        raise InputError(f"{path}: is a directory; give a file name")
    if mode is not None and not stat.S_ISREG(mode):
        raise InputError(f"{path}: not a regular file (a device, pipe or socket); rhetoric writes only regular "
                         "files: leave out the output option to write to standard output")
    if mode is not None:
        for source in inputs:
            if str(source) != "-" and _same_file(source, target):
                raise InputError(f"{path}: is also an input; refusing to overwrite it")
    return target


def _same_file(a: str | os.PathLike, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def checked_folder(path: str | os.PathLike) -> Path:
    """A folder to write several reports into, created if missing."""
    if not str(path).strip():
        raise InputError("the output folder is empty; give a folder name")
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{path}: is not a folder (several inputs write one report each into a folder)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{path}: cannot create the folder ({exc.strerror or exc})") from None
    return folder


def write_output(path: str | os.PathLike, text: str, inputs: Iterable[str | os.PathLike] = (),
                 ending: str = "") -> None:
    """Write `text` and then `ending` atomically to the regular file `path`; every failure is one
    InputError line."""
    target = checked_output(path, inputs)
    try:
        atomic.write_bytes(target, text.encode("utf-8") + ending.encode("utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot write ({exc.strerror or exc})") from None
