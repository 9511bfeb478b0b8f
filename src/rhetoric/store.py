"""Saving and loading a model directory: verified before anything in it is read.

A model directory holds `model.joblib` (the fitted scikit-learn pipeline, for training, evaluation and
comparison), `weights.npz` (the same model's weights for fast scoring; see `scorer`), `manifest.json`
and `MODEL_CARD.md`. The manifest's sha256 of each file is checked before the file is opened, so a
changed or foreign file is refused before it is unpickled.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ModelError
from .labels import LABEL_KEYS

MODEL_FORMAT = "rhetoric.model/1"
PIPELINE_FILE = "model.joblib"
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
    scorer: object = field(repr=False)
    outlet: str | None = None  # thresholds learned from this outlet's own labels replace the model's

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def sha256(self) -> str:
        return self.manifest["files"][PIPELINE_FILE]

    @property
    def thresholds(self) -> dict[str, float]:
        """The flag threshold per label: the model's, with the outlet's own where it has them."""
        own = self.manifest.get("outlets", {}).get(self.outlet, {}).get("thresholds", {}) if self.outlet else {}
        return {**self.manifest["thresholds"], **own}

    def predict_proba(self, texts: list[str]):
        return self.scorer.predict_proba(texts)

    def pipeline(self):
        """The fitted scikit-learn pipeline, verified and version-checked before unpickling."""
        return load_pipeline(self.directory, self.manifest)


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST_FILE
    if not directory.is_dir():
        raise ModelError(f"{directory}: no model directory there")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{directory}: no {MANIFEST_FILE}; not a rhetoric model") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(manifest, dict) or manifest.get("format") != MODEL_FORMAT:
        raise ModelError(f"{path}: not a {MODEL_FORMAT} manifest")
    thresholds = manifest.get("thresholds", {})
    if sorted(thresholds) != sorted(LABEL_KEYS):
        raise ModelError(f"{path}: thresholds must cover exactly {', '.join(LABEL_KEYS)}")
    return manifest


def _verified(directory: Path, manifest: dict, name: str) -> Path:
    path = directory / name
    expected = manifest.get("files", {}).get(name)
    if not path.is_file():
        raise ModelError(f"{path}: missing")
    if not expected or sha256_file(path) != expected:
        raise ModelError(
            f"{path}: sha256 does not match the manifest; the file was changed or is not this "
            "model's (refusing to load it; retrain with `rhetoric train`)"
        )
    return path


def load_model(directory: str | os.PathLike | None = None, outlet: str | None = None) -> Model:
    """Load a model for scoring: manifest, then the verified weights (no unpickling, no sklearn).

    `outlet` (else `RHETORIC_OUTLET`) picks the thresholds learned from that outlet's own labels.
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
    weights = _verified(directory, manifest, WEIGHTS_FILE)
    try:
        scorer = LinearScorer.load(weights)
    except Exception as exc:  # a corrupt archive that still matches its recorded hash
        raise ModelError(f"{weights}: cannot read the weights ({exc})") from None
    return Model(directory, manifest, scorer, outlet)


def load_pipeline(directory: Path, manifest: dict):
    """Unpickle the scikit-learn pipeline only after its hash and library versions check out."""
    path = _verified(directory, manifest, PIPELINE_FILE)
    import sklearn

    built = manifest.get("libraries", {}).get("scikit-learn")
    if built != sklearn.__version__:
        raise ModelError(
            f"{directory}: built with scikit-learn {built}, but {sklearn.__version__} is installed; "
            f"install scikit-learn=={built} or retrain with `rhetoric train --out {directory}`"
        )
    import joblib

    return joblib.load(path)


def library_versions() -> dict[str, str]:
    from importlib.metadata import version

    return {name: version(name) for name in ("scikit-learn", "numpy", "scipy", "joblib", "nltk")}
