"""``--format parquet``: events or incidents as a Parquet table (pyarrow), for data frames.

Unknown values are nulls.  ``--records events`` (default) gives one row per
reportable event; ``--records incidents`` one row per incident with its
low/best/high figures.
"""

from __future__ import annotations

from typing import IO, Any

from ceasefire.export import ExportOptions, writer
from ceasefire.link.rows import (
    EVENT_COLUMNS,
    INCIDENT_COLUMNS,
    event_rows,
    incident_index,
    incident_row,
    stored_incidents,
)

EVENT_TYPES = {
    "year": "int64", "time_precision": "int64", "geo_precision": "int64", "iso": "int64",
    "killed": "int64", "wounded": "int64", "missing": "int64", "captured": "int64", "fatalities": "int64",
    "latitude": "float64", "longitude": "float64",
}  # fmt: skip
INCIDENT_TYPES = {
    "lat": "float64", "lon": "float64", "articles": "int64", "reports": "int64",
    "killed_low": "int64", "killed_best": "int64", "killed_high": "int64",
    "wounded_low": "int64", "wounded_best": "int64", "wounded_high": "int64",
}  # fmt: skip


def _table(rows: list[dict[str, Any]], columns: tuple[str, ...], types: dict[str, str]) -> Any:
    import pyarrow as pa

    schema = pa.schema([(c, getattr(pa, types.get(c, "string"))()) for c in columns])
    return pa.Table.from_pylist(rows, schema=schema)


@writer(
    "parquet", help="events or incidents as a Parquet table", binary=True, records=("events", "incidents")
)
def write_parquet(store, out: IO[bytes], options: ExportOptions) -> int:
    """Write events (default) or incidents as one Parquet file."""
    import pyarrow.parquet as pq

    if options.records == "incidents":
        found = stored_incidents(store, options.since, options.until, options.country)
        table = _table([incident_row(i) for i in found], INCIDENT_COLUMNS, INCIDENT_TYPES)
    else:
        incidents = incident_index(store)
        docs = store.iter_documents(since=options.since, until=options.until, country=options.country)
        rows = [row for doc in docs for row in event_rows(doc, incidents)]
        table = _table(rows, EVENT_COLUMNS, EVENT_TYPES)
    pq.write_table(table, out)
    return table.num_rows
