"""The ``ceasefire`` command line.

Each command lives in its own module under :mod:`ceasefire.commands`; a
module exposes ``register(app)`` and is picked up automatically, so adding a
command never means editing this file.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from pathlib import Path

import typer

import ceasefire.commands as _commands

app = typer.Typer(
    name="ceasefire",
    help=(
        "Turn conflict news into sourced event data and a ledger of contested claims.\n\n"
        "Typical use: [bold]ceasefire ingest articles/[/bold] stores articles in ./ceasefire.db, "
        "[bold]ceasefire incidents[/bold] groups reports of one happening, "
        "[bold]ceasefire disputes[/bold] shows where sources contradict each other. "
        "[bold]ceasefire extract FILE[/bold] prints the records of one article without storing them."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _extend_env(var: str, files: list[Path] | None) -> None:
    """Put user knowledge files in front of what the environment already names."""
    if not files:
        return
    for file in files:
        if not file.is_file():
            raise typer.BadParameter(f"no such file: {file}")
    current = [p for p in os.environ.get(var, "").split(os.pathsep) if p]
    os.environ[var] = os.pathsep.join([str(f) for f in files] + current)


@app.callback()
def _options(
    actors: list[Path] = typer.Option(
        None,
        "--actors",
        help="Extra actor table (TSV/JSON, see docs/actors.md); repeatable. Env: CEASEFIRE_ACTORS.",
    ),
    cues: list[Path] = typer.Option(
        None,
        "--cues",
        help="Extra reporting cues for claims (see docs/claims.md); repeatable. Env: CEASEFIRE_CUES.",
    ),
    event_lexicon: list[Path] = typer.Option(
        None,
        "--event-lexicon",
        help="Extra event triggers (see docs/events.md); repeatable. Env: CEASEFIRE_EVENT_LEXICON.",
    ),
    gazetteer: Path | None = typer.Option(
        None, "--gazetteer", help="Gazetteer database to use (see docs/places.md). Env: CEASEFIRE_GAZETTEER."
    ),
    model: str | None = typer.Option(
        None, "--model", help="spaCy model for every command: md (default) or sm. Env: CEASEFIRE_MODEL."
    ),
) -> None:
    """Options that apply to every command; give them before the command name."""
    _extend_env("CEASEFIRE_ACTORS", actors)
    _extend_env("CEASEFIRE_CUES", cues)
    _extend_env("CEASEFIRE_EVENT_LEXICON", event_lexicon)
    if gazetteer is not None:
        os.environ["CEASEFIRE_GAZETTEER"] = str(gazetteer)
    if model is not None:
        os.environ["CEASEFIRE_MODEL"] = model


def _load_commands() -> None:
    for info in sorted(pkgutil.iter_modules(_commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"ceasefire.commands.{info.name}")
        module.register(app)


def main() -> None:
    _load_commands()
    app()
