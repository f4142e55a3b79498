"""``ceasefire ingest``: read articles, extract their records, store the documents."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import typer

from ceasefire.commands._common import (
    DbOption,
    InputFormatOption,
    QuietOption,
    Tally,
    articles_from,
    db_url,
    err,
    progress_bar,
)

if TYPE_CHECKING:
    from ceasefire.store import Store


def parse_stages(value: str | None) -> list[str] | None:
    """``--stages`` as a list of names (None = every installed stage, ``none`` = parse only)."""
    from ceasefire.pipeline import get_stage

    if value is None:
        return None
    if value.strip().lower() == "none":
        return []
    names = [n.strip() for n in value.split(",") if n.strip()]
    if not names:
        raise typer.BadParameter("give stage names separated by commas, or 'none'", param_hint="--stages")
    for name in names:
        try:
            get_stage(name)
        except KeyError as exc:
            raise typer.BadParameter(str(exc.args[0]), param_hint="--stages") from None
    return names


def _link(store: Store) -> int:
    """Link stored articles that no incident holds yet (the link stage); the number of incidents changed."""
    try:
        from ceasefire.link import link_pending
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("ceasefire.link"):
            return 0  # an installation without the link stage: documents are stored, nothing to link
        raise
    try:
        return len(link_pending(store))  # new articles join the stored incidents
    except Exception:
        err.print(
            "[red]linking failed[/red]: the documents are stored; "
            "ceasefire incidents links them once the cause is fixed"
        )
        raise


def register(app: typer.Typer) -> None:
    @app.command()
    def ingest(
        paths: list[str] = typer.Argument(..., help="Files, folders, or - for stdin."),
        db: str | None = DbOption,
        input_format: str | None = InputFormatOption,
        model: str | None = typer.Option(None, "--model", help="spaCy model: md (default) or sm."),
        batch_size: int = typer.Option(
            64,
            "--batch-size",
            min=1,
            help="Documents stored per transaction (an interrupted run keeps whole batches).",
        ),
        stages: str | None = typer.Option(
            None,
            "--stages",
            help="Comma-separated stages to run, e.g. actors,places (default: every installed stage; "
            "'none': parse only).",
        ),
        link: bool = typer.Option(
            True,
            "--link/--no-link",
            help="Link the new articles into incidents at the end (else the incidents command does it).",
        ),
        workers: int = typer.Option(
            1,
            "--workers",
            min=1,
            help="Worker processes for the pipeline (a local Dask cluster); 1 runs it in this process.",
        ),
        scheduler: str | None = typer.Option(
            None,
            "--scheduler",
            help="Address of a running dask.distributed scheduler (e.g. tcp://10.0.0.5:8786) "
            "whose workers run the pipeline, instead of starting local ones.",
        ),
        quiet: bool = QuietOption,
    ) -> None:
        """Store articles and their extracted records in the database.

        Articles already stored (same id, same URL, or the same text) are
        skipped before any parsing, so running the same ingest again is quick
        and adds nothing; an interrupted ingest is completed by running it again.

        Example: ceasefire ingest articles/ --db reports.db
        """
        from ceasefire.scale import ClusterError
        from ceasefire.store import IngestResult, StoreError, ingest_articles, open_store

        stage_names = parse_stages(stages)
        if scheduler is not None and workers != 1:
            raise typer.BadParameter("give --workers or --scheduler, not both", param_hint="--workers")
        try:
            store = open_store(db_url(db))
        except StoreError as exc:
            err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
            raise typer.Exit(1) from None
        tally = Tally()
        result = IngestResult()
        with store:
            try:
                with progress_bar("ingesting", quiet=quiet) as advance:
                    run = ingest_articles
                    if workers > 1 or scheduler is not None:  # the pipeline in Dask worker processes
                        from ceasefire.scale.dask import ingest_parallel

                        run = partial(ingest_parallel, workers=workers, scheduler=scheduler)
                    run(
                        store,
                        articles_from(paths, input_format, tally, quiet),
                        model=model,
                        stages=stage_names,
                        batch_size=batch_size,
                        progress=advance,
                        result=result,
                    )
            except KeyboardInterrupt:
                err.print(
                    f"interrupted: {result.stored} documents stored in this run; "
                    "run the same command again to complete the ingest"
                )
                raise typer.Exit(130) from None
            except ClusterError as exc:
                err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
                raise typer.Exit(1) from None
            except Exception:
                err.print(
                    f"[red]ingest stopped[/red] after storing {result.stored} documents "
                    "(whole batches only; run it again to continue once the cause is fixed)"
                )
                raise
            linked = _link(store) if link else None
        for article_id, reason in result.refused:
            err.print(f"[yellow]warning[/yellow]: not stored {article_id}: {reason}", soft_wrap=True)
        if not quiet:
            line = f"{tally.summary()}; {result.summary()}"
            if linked:
                line += f"; {linked} incidents updated"
            err.print(line, soft_wrap=True)
        if tally.articles == 0:
            raise typer.Exit(1)
