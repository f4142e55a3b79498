"""Shared pieces of the ``incidents``, ``disputes`` and ``report`` commands."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

from ceasefire.commands._common import db_url, err
from ceasefire.records import PLOVER_TYPES

SinceOption = typer.Option(None, "--since", help="Only incidents on or after this ISO date.")
UntilOption = typer.Option(None, "--until", help="Only incidents on or before this ISO date.")
CountryOption = typer.Option(
    None, "--country", help="Only incidents in this country (ISO alpha-3, e.g. UKR)."
)
TypeOption = typer.Option(None, "--type", help="Only incidents of this PLOVER type (e.g. ASSAULT).")


def check_type(value: str | None) -> str | None:
    if value is None:
        return None
    if value.upper() not in PLOVER_TYPES:
        raise typer.BadParameter(
            f"{value!r} is not a PLOVER type ({', '.join(PLOVER_TYPES)})", param_hint="--type"
        )
    return value.upper()


@contextmanager
def linked_store(db: str | None, since: str | None, until: str | None, country: str | None) -> Iterator[Any]:
    """The store, with articles stored before linking ran linked now; exits with a clear error if unusable."""
    from ceasefire.link.store import LinkStoreError, link_pending
    from ceasefire.store import StoreError, check_filters, open_store

    try:
        check_filters(since, until, country)
        store = open_store(db_url(db), must_exist=True)
    except StoreError as exc:
        err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
        raise typer.Exit(1) from None
    with store:
        try:
            link_pending(store)
        except LinkStoreError as exc:
            err.print(f"[red]error[/red]: {exc}", soft_wrap=True)
            raise typer.Exit(1) from None
        yield store
