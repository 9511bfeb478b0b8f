"""Saving and loading a model directory: validated and verified before anything in it is read.

A model directory holds `weights.npz` (the fitted pipeline's weights as plain arrays; see `scorer`),
`oof.npz` (out-of-fold predictions, for `calibrate`), `manifest.json` and `MODEL_CARD.md`. No file
holds a pickle, so loading a model never runs code from it: arrays are read with `allow_pickle=False`.
Every manifest field is validated, and each file's sha256 is checked against the manifest before the
file is opened, so a changed or foreign file is refused before it is read.
"""

from __future__ import annotations

import hashlib
import io
import json
import math
import os
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .checks import finite_number
from .errors import InputError, ModelError
from .labels import LABEL_KEYS

if TYPE_CHECKING:
    from .records import Sentences
    from .scorer import LinearScorer, Plain

MODEL_FORMAT = "rhetoric.model/1"
WEIGHTS_FILE = "weights.npz"
MANIFEST_FILE = "manifest.json"
CARD_FILE = "MODEL_CARD.md"
OOF_FILE = "oof.npz"
"""Out-of-fold labels, probabilities and weights of the training sentences: what `calibrate` re-chooses
thresholds from when it moves the model to another outlet's base rates."""


def default_model_dir() -> Path:
    """`RHETORIC_MODEL` if set, else the model shipped inside the package."""
    env = os.environ.get("RHETORIC_MODEL")
    if env:
        return Path(env)
    packaged = Path(__file__).resolve().parent / "model"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "model"  # an editable install in the source tree


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def npz_bytes(arrays: dict) -> bytes:
    """An .npz archive with fixed timestamps, so the same weights give the same bytes."""
    import numpy as np

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            array_buffer = io.BytesIO()
            np.lib.format.write_array(array_buffer, np.asanyarray(arrays[name]), allow_pickle=False)
            archive.writestr(info, array_buffer.getvalue())
    return buffer.getvalue()


@dataclass
class Model:
    """A verified model directory: its manifest, thresholds and a scorer."""

    directory: Path
    manifest: dict
    scorer: LinearScorer = field(repr=False)
    outlet: str | None = None  # thresholds learned from this outlet's own labels replace the model's
    general: LinearScorer | None = field(default=None, repr=False)  # the scorer of no outlet, which copies keep

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def sha256(self) -> str:
        """The sha256 of what scoring reads (the weights), verified when the model was loaded."""
        return self.manifest["files"][WEIGHTS_FILE]

    @property
    def thresholds(self) -> dict[str, float]:
        """The flag threshold per label: the model's, with the outlet's own where it has them."""
        own = self.manifest.get("outlets", {}).get(self.outlet, {}).get("thresholds", {}) if self.outlet else {}
        return {**self.manifest["thresholds"], **own}

    def predict_proba(self, items: Sentences):
        return self.scorer.predict_proba(items)

    def probabilities(self, items: Sentences) -> list[list[float]]:
        """`predict_proba` as lists, without numpy for an article's worth of sentences."""
        return self.scorer.probabilities(items)


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST_FILE
    if not directory.is_dir():
        raise ModelError(f"{directory}: no model directory there")
    if not path.is_file():
        raise ModelError(f"{directory}: no {MANIFEST_FILE}; not a rhetoric model")
    from .text import SMALL_FILE, read_limited

    try:
        manifest = json.loads(read_limited(path, SMALL_FILE, "a manifest"))
    except InputError as exc:
        raise ModelError(str(exc)) from None
    except (ValueError, RecursionError) as exc:
        raise ModelError(f"{path}: unreadable manifest ({type(exc).__name__}: {str(exc)[:120]})") from None
    problem = manifest_problem(manifest)
    if problem:
        raise ModelError(f"{path}: invalid manifest: {problem}")
    return manifest


_SHA256 = re.compile(r"[0-9a-f]{64}")
_FIELDS = {"format": str, "version": str, "labels": list, "files": dict, "thresholds": dict, "libraries": dict,
           "python": str, "corpus": dict, "config": dict, "params": dict, "metrics": dict}
"""Every manifest field and its type; `priors` and `outlets` are optional (older models lack them)."""
_KINDS = {str: "a string", list: "a list", dict: "an object"}


def _probability(value: object) -> bool:
    return finite_number(value) and 0 < value < 1  # type: ignore[operator]


def _rates_problem(name: str, rates: object, keys: tuple[str, ...], every: bool = True) -> str | None:
    if not isinstance(rates, dict):
        return f"{name} must be an object"
    if (set(rates) != set(keys)) if every else not set(rates) <= set(keys):
        return f"{name} must have {'exactly' if every else 'only'} the labels {', '.join(keys)}"
    bad = [k for k in rates if not _probability(rates[k])]
    return f"{name}.{bad[0]} must be a number between 0 and 1 (exclusive)" if bad else None


def manifest_problem(manifest: object) -> str | None:
    """What is wrong with a parsed manifest, or None: a model is only used once every field checks out."""
    if not isinstance(manifest, dict) or manifest.get("format") != MODEL_FORMAT:
        return f"not a {MODEL_FORMAT} manifest"
    for name, kind in _FIELDS.items():
        if not isinstance(manifest.get(name), kind):
            return f"{name} is missing or not {_KINDS[kind]}"
    if manifest["labels"] != list(LABEL_KEYS):
        return f"labels must be {list(LABEL_KEYS)} in that order (this rhetoric scores them by position)"
    if not manifest["version"].strip():
        return "version is empty"
    files = manifest["files"]
    if WEIGHTS_FILE not in files:
        return f"files does not list {WEIGHTS_FILE}"
    for name, digest in files.items():
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest) or "/" in name or name.startswith("."):
            return f"files.{name} must be a 64-digit lowercase sha256 of a file in the model directory"
    problem = _rates_problem("thresholds", manifest["thresholds"], LABEL_KEYS)
    if problem:
        return problem
    if "priors" in manifest:
        priors = manifest["priors"]
        if not isinstance(priors, dict):
            return "priors must be an object"
        for part in ("training", "target"):
            problem = _rates_problem(f"priors.{part}", priors.get(part), LABEL_KEYS)
            if problem:
                return problem
    outlets = manifest.get("outlets", {})
    if not isinstance(outlets, dict):
        return "outlets must be an object"
    for name, entry in outlets.items():
        if not isinstance(entry, dict):
            return f"outlets.{name} must be an object"
        problem = _rates_problem(f"outlets.{name}.thresholds", entry.get("thresholds", {}), LABEL_KEYS, every=False)
        if problem:
            return problem
    return None


def verified_bytes(directory: Path, manifest: dict, name: str) -> bytes:
    """A model file's bytes, read once and checked against the manifest's sha256 before any use."""
    path = directory / name
    expected = manifest.get("files", {}).get(name)
    if not path.is_file():
        raise ModelError(f"{path}: missing")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ModelError(f"{path}: cannot read ({exc.strerror or exc})") from None
    if not expected or hashlib.sha256(data).hexdigest() != expected:
        raise ModelError(
            f"{path}: sha256 does not match the manifest; the file was changed or is not this "
            "model's (refusing to load it; retrain with `rhetoric train`)"
        )
    return data


def read_arrays(directory: Path, manifest: dict, name: str) -> dict:
    """The arrays of a verified .npz model file (never a pickle)."""
    return npz_arrays(verified_bytes(directory, manifest, name), directory / name)


def npz_arrays(data: bytes, name: Path) -> dict:
    import numpy as np

    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            return {key: archive[key] for key in archive.files}
    except Exception as exc:  # noqa: BLE001 - a corrupt archive that still matches its recorded hash
        raise ModelError(f"{name}: cannot read ({type(exc).__name__}: {str(exc)[:120]})") from None


_NPY_MAGIC = b"\x93NUMPY"
_NPY_TYPES = {"<f8": "d", "<i8": "q"}
"""The .npy types weights are written in, as `array` typecodes; text is "<U" (UTF-32, fixed width)."""


def npz_plain(data: bytes, name: Path) -> dict[str, Plain]:
    """The arrays of an .npz archive as `scorer.Plain`, read without numpy (whose import costs a third of
    a cold start): the float, integer and text arrays `npz_bytes` writes. Anything else is refused, as
    `np.load(allow_pickle=False)` would refuse a pickle."""
    import ast
    import sys
    from array import array

    from .scorer import Plain

    out = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                raw = archive.read(member)
                if not raw.startswith(_NPY_MAGIC) or not member.endswith(".npy"):
                    raise ValueError(f"{member} is not an .npy array")
                size_bytes = 2 if raw[6] == 1 else 4
                length = int.from_bytes(raw[8 : 8 + size_bytes], "little")
                body = 8 + size_bytes + length
                header = ast.literal_eval(raw[8 + size_bytes : body].decode("latin1"))
                descr, shape = header["descr"], tuple(header["shape"])
                if header["fortran_order"] or not all(isinstance(n, int) for n in shape):
                    raise ValueError(f"{member}: not a C-ordered array")
                count = math.prod(shape)
                if descr in _NPY_TYPES:
                    values = array(_NPY_TYPES[descr], raw[body:])
                    if sys.byteorder != "little":
                        values.byteswap()
                    listed: list = values.tolist()
                elif descr.startswith("<U") and descr[2:].isdigit():
                    width = int(descr[2:])
                    text = raw[body:].decode("utf-32-le")
                    listed = [text[i * width : (i + 1) * width].rstrip("\x00") for i in range(count)]
                else:
                    raise ValueError(f"{member}: unsupported type {descr}")
                if len(listed) != count:
                    raise ValueError(f"{member}: {len(listed)} values for shape {shape}")
                out[member[: -len(".npy")]] = Plain(shape, listed)
    except Exception as exc:  # noqa: BLE001 - a corrupt archive that still matches its recorded hash
        raise ModelError(f"{name}: cannot read ({type(exc).__name__}: {str(exc)[:120]})") from None
    return out


def load_model(directory: str | os.PathLike | None = None, outlet: str | None = None) -> Model:
    """Load a model for scoring: manifest, then the verified weights (no unpickling, no sklearn).

    `outlet` (else `RHETORIC_OUTLET`) picks the weights and thresholds learned from that outlet's own
    labels.
    """
    from .scorer import LinearScorer

    directory = Path(directory) if directory else default_model_dir()
    manifest = read_manifest(directory)
    outlet = outlet or os.environ.get("RHETORIC_OUTLET") or None
    known = manifest.get("outlets", {})
    if outlet is not None and outlet not in known:
        have = ", ".join(sorted(known)) or "none"
        raise ModelError(f"{directory}: no thresholds for outlet {outlet!r} (this model has: {have}); "
                         "label sentences with that outlet and retrain")
    arrays = npz_plain(verified_bytes(directory, manifest, WEIGHTS_FILE), directory / WEIGHTS_FILE)
    for name in sorted(set(manifest["files"]) - {WEIGHTS_FILE}):  # a model is whole, or it is refused
        verified_bytes(directory, manifest, name)
    try:
        scorer = LinearScorer(arrays)
    except Exception as exc:  # noqa: BLE001 - arrays of the wrong names or shapes
        raise ModelError(f"{directory / WEIGHTS_FILE}: not this rhetoric's weights ({type(exc).__name__}: "
                         f"{str(exc)[:120]})") from None
    general = scorer
    if outlet is not None and outlet in scorer.outlets:
        scorer = scorer.for_outlet(outlet)  # the outlet's own weights, learned from its labels
    return Model(directory, manifest, scorer, outlet, general)



def library_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("scikit-learn", "numpy", "scipy", "joblib", "nltk")}
