"""Articles, their documents, and one row per event, claim, actor and place.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _owner() -> list[sa.Column]:
    """The two key columns every per-record table starts with."""
    return [
        sa.Column(
            "article_id",
            sa.String(255),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("id", sa.String(255), primary_key=True),
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(255), primary_key=True),
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
    op.create_table(
        "documents",
        sa.Column(
            "article_id",
            sa.String(255),
            sa.ForeignKey("articles.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("pipeline", sa.Text, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
    )
    op.create_table(
        "events",
        *_owner(),
        sa.Column("type", sa.Text, nullable=False, index=True),
        sa.Column("mode", sa.Text, nullable=True),
        sa.Column("acled_event_type", sa.Text, nullable=True),
        sa.Column("acled_sub_event_type", sa.Text, nullable=True),
        sa.Column("cameo", sa.Text, nullable=True),
        sa.Column("actor", sa.Text, nullable=True),
        sa.Column("target", sa.Text, nullable=True),
        sa.Column("place", sa.Text, nullable=True),
        sa.Column("date", sa.Text, nullable=True, index=True),
        sa.Column("killed", sa.Integer, nullable=True),
        sa.Column("wounded", sa.Integer, nullable=True),
        sa.Column("missing", sa.Integer, nullable=True),
        sa.Column("captured", sa.Integer, nullable=True),
        sa.Column("negated", sa.Boolean, nullable=False),
        sa.Column("background", sa.Boolean, nullable=False),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "claims",
        *_owner(),
        sa.Column("source", sa.Text, nullable=False, index=True),
        sa.Column("cue", sa.Text, nullable=True),
        sa.Column("stance", sa.Text, nullable=False),
        sa.Column("event", sa.Text, nullable=True),
        sa.Column("disputes", sa.Text, nullable=True),
        sa.Column("quote", sa.Boolean, nullable=False),
        sa.Column("date", sa.Text, nullable=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "actors",
        *_owner(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("country", sa.Text, nullable=True, index=True),
        sa.Column("sector", sa.Text, nullable=True),
        sa.Column("record", sa.JSON, nullable=False),
    )
    op.create_table(
        "places",
        *_owner(),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("canonical", sa.Text, nullable=False),
        sa.Column("lat", sa.Float, nullable=True),
        sa.Column("lon", sa.Float, nullable=True),
        sa.Column("country", sa.Text, nullable=True, index=True),
        sa.Column("admin1", sa.Text, nullable=True),
        sa.Column("feature", sa.Text, nullable=True),
        sa.Column("precision", sa.Text, nullable=True),
        sa.Column("record", sa.JSON, nullable=False),
    )


def downgrade() -> None:
    for table in ("places", "actors", "claims", "events", "documents", "articles"):
        op.drop_table(table)
