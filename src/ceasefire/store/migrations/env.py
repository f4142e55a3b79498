"""Alembic environment: runs on the connection that :func:`ceasefire.store.open_store` hands over.

Run from the command line too (``alembic -x url=sqlite:///x.db upgrade head`` with a
``script_location`` pointing here); then it opens its own connection.  With
``--sql`` (offline mode) it prints the SQL for the URL's database instead of
running it, e.g. to review what a PostgreSQL database would get.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

config = context.config


def _url() -> str:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no database: pass -x url=... or set sqlalchemy.url")
    return url


def _run(connection) -> None:
    # render_as_batch: SQLite cannot ALTER most things, batch mode copies the table instead
    context.configure(connection=connection, target_metadata=None, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=_url(), literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
elif (connection := config.attributes.get("connection")) is not None:
    _run(connection)
else:
    engine = create_engine(_url())
    with engine.begin() as conn:
        _run(conn)
    engine.dispose()
