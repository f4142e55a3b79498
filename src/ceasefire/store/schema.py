"""The tables as SQLAlchemy Core objects, for queries.

The database itself is created and changed only by the Alembic revisions in
``migrations/versions``; these definitions must describe the schema those
revisions produce (``tests/test_store.py`` checks that they agree).
"""

from __future__ import annotations

import sqlalchemy as sa

ID = sa.String(255)  # article and record ids; longer ones are refused with a clear error
ID_LENGTH = 255

metadata = sa.MetaData()


def _owner() -> list[sa.Column]:
    return [
        sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("id", ID, primary_key=True),
    ]


articles = sa.Table(
    "articles",
    metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("url", sa.Text, nullable=True, unique=True),
    sa.Column("text_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("outlet", sa.Text, nullable=True, index=True),
    sa.Column("title", sa.Text, nullable=True),
    sa.Column("published", sa.Text, nullable=True, index=True),
    sa.Column("language", sa.Text, nullable=True),
    sa.Column("source_path", sa.Text, nullable=True),
    sa.Column("words", sa.Integer, nullable=False),
    sa.Column("ingested_at", sa.Text, nullable=False),
)

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("article_id", ID, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    sa.Column("pipeline", sa.Text, nullable=False),
    sa.Column("document", sa.JSON, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    *_owner(),
    sa.Column("type", sa.Text, nullable=False, index=True),
    sa.Column("mode", sa.Text),
    sa.Column("acled_event_type", sa.Text),
    sa.Column("acled_sub_event_type", sa.Text),
    sa.Column("cameo", sa.Text),
    sa.Column("actor", sa.Text),
    sa.Column("target", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("date", sa.Text, index=True),
    sa.Column("killed", sa.Integer),
    sa.Column("wounded", sa.Integer),
    sa.Column("missing", sa.Integer),
    sa.Column("captured", sa.Integer),
    sa.Column("negated", sa.Boolean, nullable=False),
    sa.Column("background", sa.Boolean, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    *_owner(),
    sa.Column("source", sa.Text, nullable=False, index=True),
    sa.Column("cue", sa.Text),
    sa.Column("stance", sa.Text, nullable=False),
    sa.Column("event", sa.Text),
    sa.Column("disputes", sa.Text),
    sa.Column("quote", sa.Boolean, nullable=False),
    sa.Column("date", sa.Text),
    sa.Column("record", sa.JSON, nullable=False),
)

actors = sa.Table(
    "actors",
    metadata,
    *_owner(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("canonical", sa.Text, nullable=False),
    sa.Column("country", sa.Text, index=True),
    sa.Column("sector", sa.Text),
    sa.Column("record", sa.JSON, nullable=False),
)

places = sa.Table(
    "places",
    metadata,
    *_owner(),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("canonical", sa.Text, nullable=False),
    sa.Column("lat", sa.Float),
    sa.Column("lon", sa.Float),
    sa.Column("country", sa.Text, index=True),
    sa.Column("admin1", sa.Text),
    sa.Column("feature", sa.Text),
    sa.Column("precision", sa.Text),
    sa.Column("record", sa.JSON, nullable=False),
)
