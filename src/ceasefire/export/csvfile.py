"""``--format csv``: one row per article, per event or per claim (``--records``).

Empty cells are unknown values (CSV has no null).  Events carry the names and
coordinates of their actor, target and place, so a spreadsheet needs no join.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Mapping
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any

from ceasefire.export import ExportOptions, writer
from ceasefire.records import Document

if TYPE_CHECKING:
    from ceasefire.store import Store

ARTICLE_COLUMNS = (
    "article_id", "url", "outlet", "title", "published", "language", "source_path",
    "words", "sentences", "actors", "places", "events", "claims", "warnings",
)  # fmt: skip
EVENT_COLUMNS = (
    "article_id", "event_id", "type", "mode", "acled_event_type", "acled_sub_event_type", "cameo",
    "actor", "actor_name", "target", "target_name", "place", "place_name", "lat", "lon", "country",
    "admin1", "date", "date_precision", "killed", "wounded", "missing", "captured", "qualifier",
    "low", "high", "negated", "modality", "background", "evidence", "url", "outlet", "published",
)  # fmt: skip
CLAIM_COLUMNS = (
    "article_id", "claim_id", "source", "source_name", "cue", "stance", "content", "event",
    "disputes", "quote", "attributed", "date", "evidence", "url", "outlet", "published",
)  # fmt: skip


def _article_rows(doc: Document) -> Iterator[dict[str, Any]]:
    a = doc.article
    yield {
        "article_id": a.id,
        "url": a.url,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "language": a.language,
        "source_path": a.source_path,
        "words": len(a.text.split()),
        "sentences": len(doc.sentences),
        "actors": len(doc.actors),
        "places": len(doc.places),
        "events": len(doc.events),
        "claims": len(doc.claims),
        "warnings": len(doc.warnings),
    }


def _event_rows(doc: Document) -> Iterator[dict[str, Any]]:
    a = doc.article
    actors = {r.id: r for r in doc.actors}
    places = {r.id: r for r in doc.places}
    for ev in doc.events:
        actor, target, place = (
            actors.get(ev.actor or ""),
            actors.get(ev.target or ""),
            places.get(ev.place or ""),
        )
        yield {
            "article_id": a.id,
            "event_id": ev.id,
            "type": ev.type,
            "mode": ev.mode,
            "acled_event_type": ev.acled.event_type if ev.acled else None,
            "acled_sub_event_type": ev.acled.sub_event_type if ev.acled else None,
            "cameo": ev.cameo,
            "actor": ev.actor,
            "actor_name": actor.canonical if actor else None,
            "target": ev.target,
            "target_name": target.canonical if target else None,
            "place": ev.place,
            "place_name": place.canonical if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "country": place.country if place else None,
            "admin1": place.admin1 if place else None,
            "date": ev.date,
            "date_precision": ev.date_precision,
            "killed": ev.killed,
            "wounded": ev.wounded,
            "missing": ev.missing,
            "captured": ev.captured,
            "qualifier": ev.qualifier,
            "low": ev.low,
            "high": ev.high,
            "negated": ev.negated,
            "modality": ev.modality,
            "background": ev.background,
            "evidence": ev.evidence.text,
            "url": a.url,
            "outlet": a.outlet,
            "published": a.published,
        }


def _claim_rows(doc: Document) -> Iterator[dict[str, Any]]:
    a = doc.article
    actors = {r.id: r for r in doc.actors}
    for cl in doc.claims:
        source = actors.get(cl.source)
        yield {
            "article_id": a.id,
            "claim_id": cl.id,
            "source": cl.source,
            "source_name": source.canonical if source else None,
            "cue": cl.cue,
            "stance": cl.stance,
            "content": cl.content,
            "event": cl.event,
            "disputes": cl.disputes,
            "quote": cl.quote,
            "attributed": cl.attributed,
            "date": cl.date,
            "evidence": cl.evidence.text,
            "url": a.url,
            "outlet": a.outlet,
            "published": a.published,
        }


_KINDS: Mapping[str, tuple[tuple[str, ...], Callable[[Document], Iterator[dict[str, Any]]]]] = (
    MappingProxyType(
        {
            "articles": (ARTICLE_COLUMNS, _article_rows),
            "events": (EVENT_COLUMNS, _event_rows),
            "claims": (CLAIM_COLUMNS, _claim_rows),
        }
    )
)


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


@writer("csv", help="a table: one row per article, event or claim (--records)", records=tuple(_KINDS))
def write_csv(store: Store, out: IO[str], options: ExportOptions) -> int:
    """Write one CSV row per selected article, event or claim, with a header row."""
    columns, rows_of = _KINDS[options.records or "articles"]
    table = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    table.writeheader()
    n = 0
    for doc in store.iter_documents(since=options.since, until=options.until, country=options.country):
        for row in rows_of(doc):
            table.writerow({k: _cell(v) for k, v in row.items()})
            n += 1
    return n
