"""``ceasefire disputes``: where the sources of an incident contradict each other."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from ceasefire.commands._common import DbOption, err
from ceasefire.link.cli import CountryOption, SinceOption, TypeOption, UntilOption, check_type, linked_store


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


def side_text(side) -> str:
    """One side in a line: who, what they say, in which articles; a source saying both is noted."""
    if side.figure is not None:
        what = ", ".join(f"{v} {k}" for k, v in side.figure.items() if v is not None)
    else:
        what = side.stance or "?"
    where = ", ".join(sorted({c.article for c in side.claims}))
    text = f"{side.source}: {what} ({where})"
    if side.restated_by:
        text += f"; repeated by {', '.join(sorted({c.article for c in side.restated_by}))}"
    if side.note:
        text += f"; {side.note}"
    return text


def register(app: typer.Typer) -> None:
    @app.command()
    def disputes(
        db: str | None = DbOption,
        format: Format = typer.Option(
            Format.table, "--format", help="table (readable), jsonl (the contract) or json."
        ),
        since: str | None = SinceOption,
        until: str | None = UntilOption,
        country: str | None = CountryOption,
        type: str | None = TypeOption,
        kind: str | None = typer.Option(None, "--kind", help="Only stance or figures disputes."),
    ) -> None:
        """List disputes: one source asserts what another denies, or their casualty figures differ.

        Example: ceasefire disputes --kind figures --format jsonl
        """
        from ceasefire.link.store import load_disputes, load_incidents

        if kind is not None and kind not in ("stance", "figures"):
            raise typer.BadParameter("give stance or figures", param_hint="--kind")
        itype = check_type(type)
        with linked_store(db, since, until, country) as store:
            incidents = load_incidents(store, since=since, until=until, country=country, type=itype)
            found = load_disputes(store, [i.id for i in incidents], kind=kind)
        if format is Format.jsonl:
            for d in found:
                sys.stdout.write(json.dumps(d.contract(), ensure_ascii=False) + "\n")
            return
        if format is Format.json:
            sys.stdout.write(json.dumps([d.contract() for d in found], indent=2, ensure_ascii=False) + "\n")
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(found)} disputes", show_lines=True)
        for col in ("incident", "kind", "about", "sides"):
            table.add_column(col, overflow="fold")
        for d in found:
            table.add_row(d.incident, d.kind, d.about, "\n".join(side_text(s) for s in d.sides))
        Console().print(table)
        if not found:
            err.print("no disputes found")
