"""``ceasefire extract``: print the records of articles without storing them."""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import typer

from ceasefire.commands._common import InputFormatOption, QuietOption, Tally, articles_from, err, progress_bar
from ceasefire.records import Document


class OutFormat(StrEnum):
    text = "text"
    jsonl = "jsonl"
    json = "json"


def _summary_text(doc: Document) -> str:
    a = doc.article
    lines = [
        f"{a.title or '(no title)'}",
        f"  {a.outlet or '?'} · {a.published or 'no date'} · {a.url or a.id}",
    ]
    for label, records in (("actors", doc.actors), ("places", doc.places)):
        if records:
            lines.append(f"  {label}: " + "; ".join(f"{r.canonical}" for r in records))
    for ev in doc.events:
        figures = ", ".join(
            f"{k} {getattr(ev, k)}"
            for k in ("killed", "wounded", "missing", "captured")
            if getattr(ev, k) is not None
        )
        flags = " (background)" if ev.background else (" (negated)" if ev.negated else "")
        lines.append(
            f"  event {ev.type}{'/' + ev.mode if ev.mode else ''} {ev.date or ''} "
            f"{figures}{flags}: {ev.evidence.text[:90]!r}"
        )
    for cl in doc.claims:
        lines.append(f"  claim {cl.source} {cl.stance} ({cl.cue}): {cl.content[:90]!r}")
    for w in doc.warnings:
        lines.append(f"  warning: {w}")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        paths: list[str] = typer.Argument(..., help="Files, folders, or - for stdin."),
        format: OutFormat = typer.Option(
            None, "--format", help="text (default on a terminal), jsonl (default otherwise) or json."
        ),
        input_format: str | None = InputFormatOption,
        model: str | None = typer.Option(None, "--model", help="spaCy model: md (default) or sm."),
        quiet: bool = QuietOption,
    ) -> None:
        """Read articles and print their actors, places, events and claims.

        One JSON document per article with --format jsonl (the record contract);
        nothing is stored. Warnings and the summary go to stderr.

        Example: ceasefire extract report.md --format json
        """
        from ceasefire.pipeline import failure_reason, process

        fmt = format or (OutFormat.text if sys.stdout.isatty() else OutFormat.jsonl)
        tally = Tally()
        docs = 0
        with progress_bar("extracting", quiet=quiet) as advance:

            def refuse(article, exc: Exception) -> None:
                tally.problems["failed"] += 1
                err.print(
                    f"[yellow]warning[/yellow]: skipped {article.source_path or article.id}: "
                    f"{failure_reason(exc)}",
                    soft_wrap=True,
                )

            articles = articles_from(paths, input_format, tally, quiet)
            for doc in process(articles, model=model, on_error=refuse):
                docs += 1
                advance()
                if fmt is OutFormat.jsonl:
                    sys.stdout.write(doc.model_dump_json() + "\n")
                elif fmt is OutFormat.json:
                    sys.stdout.write(
                        json.dumps(doc.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
                    )
                else:
                    sys.stdout.write(_summary_text(doc) + "\n\n")
                sys.stdout.flush()
        if not quiet:
            err.print(tally.summary())
        if docs == 0:
            raise typer.Exit(1)
