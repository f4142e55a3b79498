"""``--format acled-csv``: events in ACLED's column layout, for tools that read ACLED exports.

One row per event that has an ACLED coding and is news (not background, not
denied, not hypothetical).  Columns follow ACLED's names; ``fatalities`` is
the reported death toll and is empty, not 0, when the text gives none.
ceasefire's own ids come last so every row can be traced to its evidence.
"""

from __future__ import annotations

import csv
from typing import IO

from ceasefire.export import ExportOptions, writer
from ceasefire.link.rows import event_rows, incident_index

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type",
    "actor1", "actor2", "iso", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
    "article_id", "event_id", "incident", "plover_type", "url",
)  # fmt: skip


@writer(
    "acled-csv",
    help="events as ACLED-style CSV (event_date, event_type, actor1, fatalities, ...)",
    records=("events",),
)
def write_acled_csv(store, out: IO[str], options: ExportOptions) -> int:
    """Write the ACLED-coded events of the selected documents as ACLED-style CSV."""
    incidents = incident_index(store)
    w = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    n = 0
    for doc in store.iter_documents(since=options.since, until=options.until, country=options.country):
        for row in event_rows(doc, incidents):
            if row["event_type"] is None:
                continue
            row["event_id_cnty"] = f"{row['iso3'] or 'XXX'}-{row['article_id']}-{row['event_id']}"
            row["plover_type"] = row["type"]
            w.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in COLUMNS})
            n += 1
    return n
