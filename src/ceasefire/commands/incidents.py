"""``ceasefire incidents``: stored event reports grouped into the real-world happenings they describe."""

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


def _figures_text(incident) -> str:
    parts = []
    for s in incident.summary:
        parts.append(f"{s.count} {s.low}" if s.low == s.high else f"{s.count} {s.low}–{s.high}")
    return ", ".join(parts) or "—"


def register(app: typer.Typer) -> None:
    @app.command()
    def incidents(
        db: str | None = DbOption,
        format: Format = typer.Option(
            Format.table, "--format", help="table (readable), jsonl (the contract) or json."
        ),
        since: str | None = SinceOption,
        until: str | None = UntilOption,
        country: str | None = CountryOption,
        type: str | None = TypeOption,
        relink: bool = typer.Option(
            False, "--relink", help="Link every stored document again from scratch first."
        ),
    ) -> None:
        """List incidents: reports from many articles of one happening, with every casualty figure and its source.

        Example: ceasefire incidents --country UKR --since 2022-04-01 --format jsonl
        """
        from ceasefire.link.store import load_disputes, load_incidents, relink_all

        kind = check_type(type)
        with linked_store(db, since, until, country) as store:
            if relink:
                relink_all(store)
            found = load_incidents(store, since=since, until=until, country=country, type=kind)
            disputed: dict[str, int] = {}
            if format is Format.table:
                for d in load_disputes(store, [i.id for i in found]):
                    disputed[d.incident] = disputed.get(d.incident, 0) + 1
        if format is Format.jsonl:
            for inc in found:
                sys.stdout.write(inc.model_dump_json() + "\n")
            return
        if format is Format.json:
            sys.stdout.write(
                json.dumps([i.model_dump(mode="json") for i in found], indent=2, ensure_ascii=False) + "\n"
            )
            return
        from rich.console import Console
        from rich.table import Table

        table = Table(title=f"{len(found)} incidents", show_lines=False)
        for col in ("id", "type", "where", "when", "articles", "figures", "disputes", "title"):
            table.add_column(col, overflow="fold")
        for inc in found:
            when = inc.date_start or "?"
            if inc.date_end and inc.date_end != inc.date_start:
                when += f" – {inc.date_end}"
            where = inc.place_name or inc.country or "?"
            # copies of a wire story are not independent sources
            originals = len({r.article for r in inc.reports if r.copy_of is None})
            articles = str(len(inc.articles)) + (
                f" ({originals} independent)" if originals < len(inc.articles) else ""
            )
            n = disputed.get(inc.id, 0)
            table.add_row(
                inc.id,
                inc.type,
                where,
                when,
                articles,
                _figures_text(inc),
                str(n) if n else "—",
                inc.title or "",
            )
        Console().print(table)
        if not found:
            err.print("no incidents (ingest articles first: ceasefire ingest PATH)")
