"""Alembic migrations of the ceasefire database, applied by :func:`ceasefire.store.open_store`."""
