"""Incidents across articles, their reports and their disputes (the link stage).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "incidents",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column(
            "seq", sa.Integer, nullable=False, index=True
        ),  # creation order: linking visits incidents in it
        sa.Column("type", sa.Text, nullable=False, index=True),
        sa.Column("place", sa.Text, nullable=True),
        sa.Column("country", sa.Text, nullable=True, index=True),
        sa.Column("date_start", sa.Text, nullable=True, index=True),
        sa.Column("date_end", sa.Text, nullable=True),
        sa.Column("incident", sa.JSON, nullable=False),  # the whole Incident record
        sa.Column("updated_at", sa.Text, nullable=False),
    )
    op.create_table(
        "incident_reports",
        sa.Column(
            "incident_id", sa.String(255), sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "article_id", sa.String(255), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("event_id", sa.String(255), primary_key=True),
    )
    op.create_index("ix_incident_reports_article_id", "incident_reports", ["article_id"])
    op.create_table(
        "disputes",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column(
            "incident_id", sa.String(255), sa.ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.Text, nullable=False, index=True),
        sa.Column("dispute", sa.JSON, nullable=False),  # the whole Dispute record
    )
    op.create_index("ix_disputes_incident_id", "disputes", ["incident_id"])


def downgrade() -> None:
    op.drop_table("disputes")
    op.drop_table("incident_reports")
    op.drop_table("incidents")
