"""Scale: the per-article pipeline in several worker processes (Dask), storage in this one.

:func:`ceasefire.scale.dask.ingest_parallel` is the parallel twin of
:func:`ceasefire.store.ingest_articles`: the same duplicate checks, the same
one-transaction-per-batch storage and the same documents, with ``process``
running on a ``dask.distributed`` cluster (a local one that it starts, or an
existing scheduler).  This package itself imports nothing from Dask; its
``dask`` module does.
"""


class ClusterError(RuntimeError):
    """The Dask cluster cannot be reached or used."""
