"""The ``ceasefire`` command line.

Each command lives in its own module under :mod:`ceasefire.commands`; a
module exposes ``register(app)`` and is picked up automatically, so adding a
command never means editing this file.
"""

from __future__ import annotations

import importlib
import pkgutil

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


def _load_commands() -> None:
    for info in sorted(pkgutil.iter_modules(_commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"ceasefire.commands.{info.name}")
        module.register(app)


def main() -> None:
    _load_commands()
    app()
