"""Alembic revisions: 0001 documents, then one file per later change (down_revision = the one before)."""
