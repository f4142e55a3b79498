"""Export writers: stored documents → a file format, chosen by name with ``--format``.

A writer is a function ``fn(store, out, options) -> int`` (the number of
records written) registered with ``@writer(name, ...)``.  Every module in
this package is imported when a writer is looked up, so a new format is one
new module here with a decorated function; nothing else changes.  Text
writers get a text stream, writers registered with ``binary=True`` a binary
one.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

WriterFn = Callable[[Any, IO[Any], "ExportOptions"], int]


@dataclass(frozen=True)
class ExportOptions:
    """What to export: the date range on ``article.published``, a country, which records."""

    since: str | None = None
    until: str | None = None
    country: str | None = None
    records: str | None = None  # None = the writer's default


@dataclass(frozen=True)
class Writer:
    name: str
    fn: WriterFn
    help: str
    binary: bool = False
    records: tuple[str, ...] = ("documents",)  # the first is the default

    def write(self, store: Any, out: IO[Any], options: ExportOptions) -> int:
        if options.records is not None and options.records not in self.records:
            raise ExportError(
                f"--format {self.name} writes {' or '.join(self.records)}, not {options.records!r}"
            )
        return self.fn(store, out, options)


class ExportError(ValueError):
    """An export that cannot be done as asked; the message says why."""


_WRITERS: dict[str, Writer] = {}


def writer(
    name: str, help: str = "", binary: bool = False, records: tuple[str, ...] = ("documents",)
) -> Callable[[WriterFn], WriterFn]:
    """Register ``fn`` as the writer for ``--format name``."""

    def register(fn: WriterFn) -> WriterFn:
        _WRITERS[name] = Writer(name, fn, help or (fn.__doc__ or "").strip().splitlines()[0], binary, records)
        return fn

    return register


def _load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("_"):
            importlib.import_module(f"{__name__}.{info.name}")


def available_writers() -> dict[str, Writer]:
    """Every registered writer by name."""
    _load_all()
    return dict(sorted(_WRITERS.items()))


def get_writer(name: str) -> Writer:
    """The writer for ``name``; :class:`ExportError` naming the known ones if there is none."""
    writers = available_writers()
    if name not in writers:
        raise ExportError(f"unknown export format {name!r} (known: {', '.join(writers)})")
    return writers[name]
