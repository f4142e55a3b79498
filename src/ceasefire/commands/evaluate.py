"""``ceasefire eval``: score the pipeline against gold data."""

from __future__ import annotations

import json

import typer

from ceasefire.commands._common import err


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_(
        name: str = typer.Argument(
            None, help="Data set: zyte, news, case2021, plover, polnear, geowebnews, ..."
        ),
        data: str | None = typer.Option(None, "--data", help="Data folder (default: ../shared/eval/<set>)."),
        as_json: bool = typer.Option(False, "--json", help="Print one JSON object of metrics."),
        limit: int | None = typer.Option(None, "--limit", help="Score only the first N items (quick look)."),
        list_: bool = typer.Option(False, "--list", help="List the data sets that can be scored."),
    ) -> None:
        """Score ceasefire on an annotated data set and print the metrics.

        Examples: ceasefire eval zyte --json; ceasefire eval all --json (one line per data set);
        ceasefire eval --list.
        """
        from ceasefire import eval as ev

        table = ev.evaluators()
        if list_ or not name:
            for key, item in table.items():
                folder = ev.data_dir(key)
                where = "data present" if folder and folder.exists() else "no data here"
                print(f"{key:16} {item.help} ({where})")
            return
        if name == "all":
            _run_all(ev, table, limit, as_json)
            return
        try:
            metrics = ev.run(name, data, limit=limit)
        except KeyError as exc:
            err.print(f"[red]error[/red]: {exc.args[0]}")
            raise typer.Exit(2) from None
        except FileNotFoundError as exc:
            err.print(f"[red]error[/red]: {exc}")
            raise typer.Exit(1) from None
        if as_json:
            print(json.dumps(metrics, ensure_ascii=False))
        else:
            for key, value in metrics.items():
                shown = f"{value:.3f}" if isinstance(value, float) else value
                print(f"{key:28} {shown}")


def _run_all(ev, table, limit: int | None, as_json: bool) -> None:
    """Score every data set whose data is present; one JSON line (or block) each."""
    import time

    for key in table:
        folder = ev.data_dir(key)
        if folder is None or not folder.exists():
            err.print(f"{key}: no data here, skipped")
            continue
        started = time.perf_counter()
        metrics = ev.run(key, limit=limit)
        metrics["seconds"] = round(time.perf_counter() - started, 1)
        if as_json:
            print(json.dumps(metrics, ensure_ascii=False), flush=True)
        else:
            print(f"== {key}")
            for k, v in metrics.items():
                print(f"  {k:28} {f'{v:.3f}' if isinstance(v, float) else v}")
