"""Storage of documents: SQLAlchemy 2 + Alembic; SQLite by default, any SQLAlchemy URL.

``open_store(url)`` opens (and creates or upgrades) a database and returns a
:class:`Store`; ``ingest_articles`` runs the pipeline over the articles a
store does not hold yet and stores their documents batch by batch.
"""

from ceasefire.store.ingest import IngestResult, ingest_articles
from ceasefire.store.store import (
    Store,
    StoreError,
    check_filters,
    document_problems,
    open_store,
    text_hash,
)

__all__ = [
    "IngestResult",
    "Store",
    "StoreError",
    "check_filters",
    "document_problems",
    "ingest_articles",
    "open_store",
    "text_hash",
]
