"""``ceasefire report``: a situation report a person can read, every line linked to its evidence."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer

from ceasefire.commands._common import DbOption, err
from ceasefire.link.cli import CountryOption, SinceOption, TypeOption, UntilOption, check_type, linked_store


class Format(StrEnum):
    md = "md"
    html = "html"


def register(app: typer.Typer) -> None:
    @app.command()
    def report(
        incident: str | None = typer.Argument(
            None, help="Incident id (see ceasefire incidents); or use filters."
        ),
        db: str | None = DbOption,
        format: Format = typer.Option(
            Format.md, "--format", help="md (Markdown) or html (one standalone page)."
        ),
        output: str | None = typer.Option(None, "--output", "-o", help="File to write (default: stdout)."),
        since: str | None = SinceOption,
        until: str | None = UntilOption,
        country: str | None = CountryOption,
        type: str | None = TypeOption,
        title: str | None = typer.Option(None, "--title", help="Title of the report."),
    ) -> None:
        """Write a situation report: what happened, when and where, who claims what side by side,
        figures by source and the disputes, each line quoting its evidence and linking its article.

        Examples: ceasefire report inc-1a2b3c4d5e6f --format html -o report.html;
        ceasefire report --since 2022-04-01 --country UKR
        """
        from ceasefire.link.report import render
        from ceasefire.link.store import load_disputes, load_incidents

        if incident is None and not any((since, until, country, type)):
            raise typer.BadParameter(
                "give an incident id, or --since/--until/--country/--type to choose incidents"
            )
        itype = check_type(type)
        with linked_store(db, since, until, country) as store:
            if incident is not None:
                found = load_incidents(store, ids=[incident])
                if not found:
                    err.print(
                        f"[red]error[/red]: no incident {incident!r} (list them with: ceasefire incidents)"
                    )
                    raise typer.Exit(1)
            else:
                found = load_incidents(store, since=since, until=until, country=country, type=itype)
            disputes = load_disputes(store, [i.id for i in found])
            docs = {}
            for inc in found:
                for aid in inc.articles:
                    if aid not in docs:
                        doc = store.get_document(aid)
                        if doc is not None:
                            docs[aid] = doc
        if not found:
            err.print("no incidents match (ingest articles first, or widen the filters)")
            raise typer.Exit(1)
        text = render(found, disputes, docs, fmt=format.value, title=title)
        if output is None or output == "-":
            sys.stdout.write(text)
            return
        target = Path(output)
        if not target.parent.is_dir():
            raise typer.BadParameter(f"no folder {target.parent}", param_hint="--output")
        target.write_text(text, encoding="utf-8")
        err.print(f"wrote {target} ({len(found)} incidents, {len(disputes)} disputes)")
