"""Flat rows of events and incidents, shared by the acled-csv, geojson and parquet writers."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from ceasefire.link.models import Incident
from ceasefire.records import Document, Event

# ACLED's codebook: time_precision 1 = day, 2 = within a week or so, 3 = month or vaguer;
# geo_precision 1 = the town itself, 2 = near it / part of a region, 3 = a larger region.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
GEO_PRECISION = {"exact": 1, "near": 2, "admin": 3, "country": 3}

EVENT_COLUMNS = (
    "article_id", "event_id", "incident", "type", "mode", "event_type", "sub_event_type", "cameo",
    "actor", "actor1", "target", "actor2", "place", "location", "latitude", "longitude",
    "geo_precision", "precision", "iso3", "iso", "country", "admin1", "event_date", "year",
    "time_precision", "killed", "wounded", "missing", "captured", "qualifier", "fatalities",
    "source", "url", "published", "notes",
)  # fmt: skip
INCIDENT_COLUMNS = (
    "id", "type", "place", "place_name", "country", "lat", "lon", "date_start", "date_end", "actors",
    "articles", "reports", "killed_low", "killed_best", "killed_high", "wounded_low", "wounded_best",
    "wounded_high", "title",
)  # fmt: skip


@cache
def country_name(iso3: str | None) -> tuple[str | None, int | None]:
    """(name, ISO numeric code) of an alpha-3 code, or (None, None) when unknown."""
    if not iso3:
        return None, None
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    if c is None:
        return None, None
    return c.name, int(c.numeric)


def reportable(ev: Event) -> bool:
    """News that happened: not background, not denied, not hypothetical."""
    return not ev.background and not ev.negated and ev.modality is None


def event_rows(
    doc: Document, incident_of: dict[tuple[str, str], str] | None = None
) -> Iterator[dict[str, Any]]:
    """One row per reportable event of ``doc`` with its actors', place's and article's fields."""
    actors = {a.id: a for a in doc.actors}
    places = {p.id: p for p in doc.places}
    a = doc.article
    for ev in doc.events:
        if not reportable(ev):
            continue
        place = places.get(ev.place) if ev.place else None
        country = place.country if place else None
        name, numeric = country_name(country)
        actor = actors.get(ev.actor) if ev.actor else None
        target = actors.get(ev.target) if ev.target else None
        yield {
            "article_id": a.id,
            "event_id": ev.id,
            "incident": (incident_of or {}).get((a.id, ev.id)),
            "type": ev.type,
            "mode": ev.mode,
            "event_type": ev.acled.event_type if ev.acled else None,
            "sub_event_type": ev.acled.sub_event_type if ev.acled else None,
            "cameo": ev.cameo,
            "actor": ev.actor,
            "actor1": actor.canonical if actor else None,
            "target": ev.target,
            "actor2": target.canonical if target else None,
            "place": ev.place,
            "location": place.canonical if place else None,
            "latitude": place.lat if place else None,
            "longitude": place.lon if place else None,
            "geo_precision": GEO_PRECISION.get(place.precision) if place and place.precision else None,
            "precision": place.precision if place else None,
            "iso3": country,
            "iso": numeric,
            "country": name,
            "admin1": place.admin1 if place else None,
            "event_date": ev.date,
            "year": int(ev.date[:4]) if ev.date else None,
            "time_precision": TIME_PRECISION.get(ev.date_precision) if ev.date_precision else None,
            "killed": ev.killed,
            "wounded": ev.wounded,
            "missing": ev.missing,
            "captured": ev.captured,
            "qualifier": ev.qualifier,
            "fatalities": ev.killed,
            "source": a.outlet,
            "url": a.url,
            "published": a.published,
            "notes": " ".join(ev.evidence.text.split()),
        }


def incident_row(inc: Incident) -> dict[str, Any]:
    summary = {s.count: s for s in inc.summary}
    killed = summary.get("killed")
    wounded = summary.get("wounded")
    return {
        "id": inc.id,
        "type": inc.type,
        "place": inc.place,
        "place_name": inc.place_name,
        "country": inc.country,
        "lat": inc.lat,
        "lon": inc.lon,
        "date_start": inc.date_start,
        "date_end": inc.date_end,
        "actors": ",".join(inc.actors) or None,
        "articles": len(inc.articles),
        "reports": len(inc.reports),
        "killed_low": killed.low if killed else None,
        "killed_best": killed.best if killed else None,
        "killed_high": killed.high if killed else None,
        "wounded_low": wounded.low if wounded else None,
        "wounded_best": wounded.best if wounded else None,
        "wounded_high": wounded.high if wounded else None,
        "title": inc.title,
    }


def incident_index(store: Any) -> dict[tuple[str, str], str]:
    """(article, event) -> incident id, for stores that have incidents; empty otherwise."""
    from ceasefire.link.store import LinkStoreError, load_incidents

    try:
        incidents = load_incidents(store)
    except LinkStoreError:
        return {}
    return {(r.article, r.event): inc.id for inc in incidents for r in inc.reports}


def stored_incidents(store: Any, since: str | None, until: str | None, country: str | None) -> list[Incident]:
    from ceasefire.export import ExportError
    from ceasefire.link.store import LinkStoreError, load_incidents

    try:
        return load_incidents(store, since=since, until=until, country=country)
    except LinkStoreError as exc:
        raise ExportError(str(exc)) from None
