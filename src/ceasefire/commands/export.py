"""``ceasefire export``: stored documents as JSON Lines, CSV or any other registered format."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import typer

from ceasefire.commands._common import DbOption, QuietOption, db_url, err


@contextmanager
def _output(path: str | None, binary: bool):
    """The stream to write to: ``path`` (written whole or not at all) or stdout."""
    if path is None or path == "-":
        if binary:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        else:
            yield sys.stdout
            sys.stdout.flush()
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise typer.BadParameter(f"no folder {target.parent}", param_hint="--output")
    partial = target.with_name(target.name + ".partial")
    stream: IO[Any] = open(partial, "wb") if binary else open(partial, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        with stream:
            yield stream
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    partial.replace(target)


def register(app: typer.Typer) -> None:
    @app.command()
    def export(
        format: str = typer.Option("jsonl", "--format", help="jsonl, csv, or another installed writer."),
        db: str | None = DbOption,
        output: str | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
        since: str | None = typer.Option(
            None, "--since", help="Only articles published on or after this ISO date."
        ),
        until: str | None = typer.Option(
            None, "--until", help="Only articles published on or before this ISO date."
        ),
        country: str | None = typer.Option(
            None,
            "--country",
            help="Only articles that mention a place in this country (ISO alpha-3, e.g. UKR).",
        ),
        records: str | None = typer.Option(
            None, "--records", help="For csv: one row per articles (default), events or claims."
        ),
        quiet: bool = QuietOption,
    ) -> None:
        """Write the stored documents out: jsonl (one document per line, the record contract) or csv.

        Example: ceasefire export --format csv --records events --since 2022-03-01 -o events.csv
        """
        from ceasefire.export import ExportError, ExportOptions, get_writer
        from ceasefire.store import StoreError, check_filters, open_store

        try:
            chosen = get_writer(format)
        except ExportError as exc:
            raise typer.BadParameter(str(exc), param_hint="--format") from None
        options = ExportOptions(since=since, until=until, country=country, records=records)
        if records is not None and records not in chosen.records:
            raise typer.BadParameter(
                f"--format {chosen.name} writes {' or '.join(chosen.records)}, not {records!r}",
                param_hint="--records",
            )
        try:
            check_filters(since, until, country)
        except StoreError as exc:
            raise typer.BadParameter(str(exc)) from None
        try:
            with open_store(db_url(db), must_exist=True) as store, _output(output, chosen.binary) as out:
                n = chosen.write(store, out, options)
        except (StoreError, ExportError) as exc:
            err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
            raise typer.Exit(1) from None
        except BrokenPipeError:
            # the reader went away (``ceasefire export | head``): stop quietly, as other tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(141) from None
        if not quiet:
            err.print(f"{n} {options.records or chosen.records[0]} exported as {chosen.name}")
