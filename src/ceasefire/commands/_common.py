"""Pieces shared by several commands: reading inputs, progress bars, the summary line."""

from __future__ import annotations

import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ceasefire.ingest import Problem, read_paths
from ceasefire.records import Article

err = Console(stderr=True, highlight=False)

DEFAULT_DB = "ceasefire.db"

DbOption = typer.Option(
    None,
    "--db",
    help="Database: a file path or a URL (sqlite:///x.db, postgresql://...). "
    "Default: $CEASEFIRE_DB, else ./ceasefire.db.",
    show_default=False,
)
QuietOption = typer.Option(False, "--quiet", "-q", help="No progress bar or summary on stderr.")


def _check_input_format(value: str | None) -> str | None:
    from ceasefire.ingest import normalise_format

    try:
        return normalise_format(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


InputFormatOption = typer.Option(
    None,
    "--input-format",
    "-f",
    help="Force the input format instead of detecting it: markdown, text, html, json, jsonl, feed, warc.",
    callback=_check_input_format,
)


def db_url(db: str | None) -> str:
    """The database URL from ``--db``, ``$CEASEFIRE_DB`` or the default file."""
    value = db or os.environ.get("CEASEFIRE_DB") or DEFAULT_DB
    return value if "://" in value else f"sqlite:///{value}"


@dataclass
class Tally:
    """Counts what a batch did, for the closing summary line."""

    articles: int = 0
    problems: Counter = field(default_factory=Counter)

    def summary(self, noun: str = "articles") -> str:
        skipped = sum(self.problems.values())
        line = f"{self.articles} {noun}"
        if skipped:
            kinds = ", ".join(f"{n} {k}" for k, n in self.problems.most_common())
            line += f", {skipped} skipped: {kinds}"
        return line


def articles_from(
    paths: Iterable[str], input_format: str | None, tally: Tally, quiet: bool
) -> Iterator[Article]:
    """Articles under ``paths``; problems are reported on stderr and counted, never raised."""
    for item in read_paths(paths, input_format=input_format):
        if isinstance(item, Problem):
            tally.problems[item.kind] += 1
            if not quiet:
                err.print(f"[yellow]warning[/yellow]: {item.message()}", soft_wrap=True)
            else:
                print(f"warning: {item.message()}", file=sys.stderr)
            continue
        tally.articles += 1
        yield item


@contextmanager
def progress_bar(description: str, total: int | None = None, quiet: bool = False):
    """A rich progress bar on stderr; silent when stderr is not a terminal or with --quiet.

    Yields an ``advance(n=1)`` function.
    """
    if quiet or not sys.stderr.isatty():
        yield lambda n=1: None
        return
    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(description, total=total)
        yield lambda n=1: progress.advance(task, n)
