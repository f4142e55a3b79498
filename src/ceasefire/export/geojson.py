"""``--format geojson``: a FeatureCollection of events or incidents with coordinates, for maps.

``--records events`` (default): one Point per reportable event whose place
has coordinates; ``--records incidents``: one Point per incident.  Records
without coordinates are left out (never placed at a guessed spot).
"""

from __future__ import annotations

import json
from typing import IO, Any

from ceasefire.export import ExportOptions, writer
from ceasefire.link.rows import event_rows, incident_index, incident_row, stored_incidents


def _feature(lon: float, lat: float, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}


@writer(
    "geojson",
    help="GeoJSON FeatureCollection of events or incidents, for maps",
    records=("events", "incidents"),
)
def write_geojson(store, out: IO[str], options: ExportOptions) -> int:
    """Write events (default) or incidents with coordinates as one GeoJSON FeatureCollection."""
    features = []
    if options.records == "incidents":
        for inc in stored_incidents(store, options.since, options.until, options.country):
            if inc.lat is None or inc.lon is None:
                continue
            props = incident_row(inc)
            props["figures"] = [f.model_dump(mode="json", exclude={"evidence"}) for f in inc.figures]
            features.append(_feature(inc.lon, inc.lat, props))
    else:
        incidents = incident_index(store)
        for doc in store.iter_documents(since=options.since, until=options.until, country=options.country):
            for row in event_rows(doc, incidents):
                if row["latitude"] is None or row["longitude"] is None:
                    continue
                features.append(_feature(row["longitude"], row["latitude"], row))
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")
    return len(features)
