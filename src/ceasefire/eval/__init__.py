"""Evaluation against gold data: ``ceasefire eval NAME``.

Each data set is scored by a function registered with :func:`evaluator` in a
module of this package (``zyte.py``, ``geo.py``, ...); modules are found
automatically.  An evaluator takes the data folder and returns one flat dict
of metrics named as ``shared/eval/README.md`` says, plus ``dataset`` and ``n``.

The data lives outside the repository, in ``../shared/eval`` beside the
checkout (or wherever ``$CEASEFIRE_EVAL_DATA`` points); it is never copied in.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Metrics = dict[str, Any]


@dataclass(frozen=True)
class Evaluator:
    name: str
    folder: str  # default data folder, relative to the shared eval root
    fn: Callable[..., Metrics]
    help: str


_EVALUATORS: dict[str, Evaluator] = {}


def evaluator(
    name: str, folder: str, help: str
) -> Callable[[Callable[..., Metrics]], Callable[..., Metrics]]:
    """Register ``fn(data_dir: Path, limit: int | None) -> Metrics`` as evaluator ``name``."""

    def register(fn: Callable[..., Metrics]) -> Callable[..., Metrics]:
        _EVALUATORS[name] = Evaluator(name, folder, fn, help)
        return fn

    return register


def evaluators() -> dict[str, Evaluator]:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")
    return dict(sorted(_EVALUATORS.items()))


def eval_root() -> Path | None:
    """Where the shared evaluation data is, or None when this machine has none."""
    env = os.environ.get("CEASEFIRE_EVAL_DATA")
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    # src/ceasefire/eval/__init__.py -> repository root is parents[3]
    candidates += [here.parents[3].parent / "shared" / "eval", Path.cwd().parent / "shared" / "eval"]
    for cand in candidates:
        if cand.is_dir():
            return cand
    return None


def data_dir(name: str, override: str | os.PathLike | None = None) -> Path | None:
    if override:
        return Path(override)
    root = eval_root()
    if root is None:
        return None
    return root / evaluators()[name].folder


def run(name: str, data: str | os.PathLike | None = None, limit: int | None = None) -> Metrics:
    table = evaluators()
    if name not in table:
        raise KeyError(f"unknown data set {name!r}; known: {', '.join(table)}")
    folder = data_dir(name, data)
    if folder is None or not folder.exists():
        raise FileNotFoundError(
            f"no data for {name!r}: expected {folder or '../shared/eval/' + table[name].folder}; pass --data DIR"
        )
    metrics = table[name].fn(folder, limit=limit)
    return {"dataset": name, **metrics}
