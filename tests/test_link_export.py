"""``ceasefire export --format acled-csv | geojson | parquet`` on hand-built documents."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from test_link_helpers import Art, Ev, make_db, run_cli

SHELLING = ("Explosions/Remote violence", "Shelling/artillery/missile attack")


def _arts() -> list[Art]:
    return [
        Art(
            id="x-1",
            outlet="arvenia-news.example",
            text="Shelling killed two people in Velmora on Monday. A convoy left for the hills.",
            events=[
                Ev("Shelling killed", place="Velmora", date="2031-05-05", killed=2, acled=SHELLING),
                Ev("convoy left", type="MOBILIZE"),  # no place: not on a map, no ACLED coding
            ],
        ),
        Art(
            id="x-2",
            outlet="azerland-daily.example",
            text="Shells hit Korvel on Monday without casualties reported.",
            events=[Ev("Shells hit", place="Korvel", date="2031-05-05", acled=SHELLING)],
        ),
    ]


def test_acled_csv_has_acled_columns_and_only_coded_events(tmp_path):
    db = make_db(tmp_path / "x.db", _arts())
    result = run_cli("export", "--db", db, "--format", "acled-csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 2
    for col in ("event_date", "event_type", "sub_event_type", "actor1", "actor2", "country", "admin1",
                "location", "latitude", "longitude", "geo_precision", "source", "notes", "fatalities"):  # fmt: skip
        assert col in rows[0]
    velmora = next(r for r in rows if r["location"] == "Velmora")
    assert (
        velmora["fatalities"] == "2" and velmora["country"] == "Armenia" and velmora["geo_precision"] == "1"
    )
    korvel = next(r for r in rows if r["location"] == "Korvel")
    assert korvel["fatalities"] == "", "no figure in the text is not zero"
    assert "Shells hit Korvel" in korvel["notes"]


def test_geojson_points_are_lon_lat_and_skip_unplaced_events(tmp_path):
    db = make_db(tmp_path / "x.db", _arts())
    result = run_cli("export", "--db", db, "--format", "geojson")
    data = json.loads(result.stdout)
    assert data["type"] == "FeatureCollection"
    coords = sorted(tuple(f["geometry"]["coordinates"]) for f in data["features"])
    assert coords == [(45.2, 40.1), (48.9, 38.0)]
    incidents = json.loads(
        run_cli("export", "--db", db, "--format", "geojson", "--records", "incidents").stdout
    )
    assert incidents["features"] == [], "nothing is linked before an ingest or incidents run"
    run_cli("incidents", "--db", db)
    incidents = json.loads(
        run_cli("export", "--db", db, "--format", "geojson", "--records", "incidents").stdout
    )
    assert len(incidents["features"]) == 2


def test_parquet_keeps_unknown_as_null(tmp_path):
    db = make_db(tmp_path / "x.db", _arts())
    out = tmp_path / "events.parquet"
    result = run_cli("export", "--db", db, "--format", "parquet", "-o", str(out))
    assert result.exit_code == 0, result.output
    table = pq.read_table(out).to_pylist()
    assert len(table) == 3
    by_event = {(r["article_id"], r["event_id"]): r for r in table}
    assert by_event[("x-1", "e1")]["fatalities"] == 2
    assert by_event[("x-2", "e1")]["fatalities"] is None
    assert by_event[("x-1", "e2")]["latitude"] is None
