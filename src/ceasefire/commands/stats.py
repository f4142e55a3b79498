"""``ceasefire stats``: what the database holds."""

from __future__ import annotations

import json
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from ceasefire.commands._common import DbOption, db_url, err


def _table(title: str, rows: list[dict[str, Any]], key: str, count: str = "n") -> Table:
    table = Table(
        title=title, title_justify="left", title_style="bold", min_width=len(title), show_edge=False
    )
    table.add_column(key)
    table.add_column(count, justify="right")
    for row in rows:
        value = row[key]
        table.add_row("(unknown)" if value is None else str(value), str(row[count]))
    return table


def _entity_table(title: str, rows: list[dict[str, Any]]) -> Table:
    table = Table(
        title=title, title_justify="left", title_style="bold", min_width=len(title), show_edge=False
    )
    table.add_column("id")
    table.add_column("name")
    table.add_column("articles", justify="right")
    for row in rows:
        table.add_row(row["id"], row["canonical"], str(row["articles"]))
    return table


def render(stats: dict[str, Any], console: Console) -> None:
    """Print ``Store.stats()`` as readable tables."""
    span = ""
    if stats["first_published"]:
        span = f", published {stats['first_published'][:10]} to {stats['last_published'][:10]}"
    console.print(f"[bold]{stats['database']}[/bold]")
    console.print(
        f"{stats['articles']} articles ({stats['words']} words{span}), {stats['documents']} documents, "
        f"{stats['events']} events, {stats['claims']} claims, "
        f"{stats['places']} place mentions ({stats['distinct_places']} places), "
        f"{stats['actors']} actor mentions ({stats['distinct_actors']} actors)",
        soft_wrap=True,
    )
    parts = [
        _table("articles by outlet", stats["articles_by_outlet"], "outlet"),
        _table("articles by language", stats["articles_by_language"], "language"),
        _table("articles by month", stats["articles_by_month"], "month"),
        _table("events by type", stats["events_by_type"], "type"),
        _table("claims by stance", stats["claims_by_stance"], "stance"),
        _entity_table("most reported places", stats["top_places"]),
        _entity_table("most reported actors", stats["top_actors"]),
    ]
    for part in parts:
        if part.row_count:
            console.print()
            console.print(part)


def register(app: typer.Typer) -> None:
    @app.command()
    def stats(
        db: str | None = DbOption,
        as_json: bool = typer.Option(False, "--json", help="One JSON object on stdout instead of tables."),
        top: int = typer.Option(10, "--top", min=1, help="How many places and actors to list."),
    ) -> None:
        """Show what the database holds, with counts by outlet, month, event type and claim stance.

        Articles by outlet, language and month; events by type; claims by
        stance; the places and actors reported in the most articles.

        Example: ceasefire stats --db reports.db --json
        """
        from ceasefire.store import StoreError, open_store

        try:
            with open_store(db_url(db), must_exist=True) as store:
                figures = store.stats(top=top)
        except StoreError as exc:
            err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
            raise typer.Exit(1) from None
        if as_json:
            print(json.dumps(figures, ensure_ascii=False, indent=2))
        else:
            render(figures, Console(highlight=False))
