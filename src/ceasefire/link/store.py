"""Incidents and disputes in the database (tables of migration 0002), linked incrementally.

:func:`update_incidents` is what ``ceasefire ingest`` calls after storing new
articles: the stored incidents are put back as they are (not recomputed), the
new articles' event reports join them or start new ones, and only the
incidents that changed are written back, with their disputes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from ceasefire.link.cluster import Linker, months_mentioned, restore
from ceasefire.link.disputes import find_disputes
from ceasefire.link.models import Dispute, Incident
from ceasefire.records import Document

_meta = sa.MetaData()
incidents_t = sa.Table(
    "incidents",
    _meta,
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("seq", sa.Integer),
    sa.Column("type", sa.Text),
    sa.Column("place", sa.Text),
    sa.Column("country", sa.Text),
    sa.Column("date_start", sa.Text),
    sa.Column("date_end", sa.Text),
    sa.Column("incident", sa.JSON),
    sa.Column("updated_at", sa.Text),
)
reports_t = sa.Table(
    "incident_reports",
    _meta,
    sa.Column("incident_id", sa.String(255), primary_key=True),
    sa.Column("article_id", sa.String(255), primary_key=True),
    sa.Column("event_id", sa.String(255), primary_key=True),
)
disputes_t = sa.Table(
    "disputes",
    _meta,
    sa.Column("id", sa.String(255), primary_key=True),
    sa.Column("incident_id", sa.String(255)),
    sa.Column("kind", sa.Text),
    sa.Column("dispute", sa.JSON),
)


_CHUNK = 500  # ids per IN (...) list: databases cap the number of bound parameters


def _chunks(items: Sequence[str]) -> Iterable[list[str]]:
    items = list(items)
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class LinkStoreError(RuntimeError):
    """The database has no incident tables (a ceasefire older than migration 0002 made it)."""


def _check(store: Any) -> None:
    if not sa.inspect(store.engine).has_table("incidents"):
        raise LinkStoreError(f"{store.url} has no incident tables: open it with this ceasefire to upgrade it")


def _documents(store: Any, article_ids: Iterable[str]) -> list[Document]:
    docs = []
    for aid in dict.fromkeys(article_ids):
        doc = store.get_document(aid)
        if doc is not None:
            docs.append(doc)
    return docs


def load_incidents(
    store: Any,
    since: str | None = None,
    until: str | None = None,
    country: str | None = None,
    type: str | None = None,
    ids: Sequence[str] | None = None,
) -> list[Incident]:
    """Stored incidents in creation order; ``since``/``until`` bound their dates (inclusive)."""
    _check(store)
    query = sa.select(incidents_t.c.incident).order_by(incidents_t.c.seq)
    if since:
        query = query.where(sa.func.coalesce(incidents_t.c.date_end, incidents_t.c.date_start) >= since)
    if until:
        query = query.where(incidents_t.c.date_start <= until)
    if country:
        query = query.where(incidents_t.c.country == country.upper())
    if type:
        query = query.where(incidents_t.c.type == type.upper())
    with store.engine.connect() as conn:
        if ids is None:
            return [Incident.model_validate(row) for row in conn.scalars(query)]
        rows = []
        for chunk in _chunks(ids):
            rows += conn.execute(
                query.add_columns(incidents_t.c.seq).where(incidents_t.c.id.in_(chunk))
            ).all()
    return [Incident.model_validate(data) for data, _ in sorted(rows, key=lambda r: r[1])]


def load_disputes(
    store: Any, incident_ids: Sequence[str] | None = None, kind: str | None = None
) -> list[Dispute]:
    _check(store)
    query = (
        sa.select(disputes_t.c.dispute)
        .join(incidents_t, incidents_t.c.id == disputes_t.c.incident_id)
        .order_by(incidents_t.c.seq, disputes_t.c.id)
    )
    if kind:
        query = query.where(disputes_t.c.kind == kind)
    with store.engine.connect() as conn:
        if incident_ids is None:
            return [Dispute.model_validate(row) for row in conn.scalars(query)]
        rows = []
        for chunk in _chunks(incident_ids):
            chunk_query = query.add_columns(incidents_t.c.seq, disputes_t.c.id)
            rows += conn.execute(chunk_query.where(disputes_t.c.incident_id.in_(chunk))).all()
    return [Dispute.model_validate(data) for data, _, _ in sorted(rows, key=lambda r: (r[1], r[2]))]


def _delete(store: Any, ids: Sequence[str]) -> None:
    """Remove incidents (merged into others), their reports and their disputes."""
    with store.engine.begin() as conn:
        for chunk in _chunks(ids):
            conn.execute(disputes_t.delete().where(disputes_t.c.incident_id.in_(chunk)))
            conn.execute(reports_t.delete().where(reports_t.c.incident_id.in_(chunk)))
            conn.execute(incidents_t.delete().where(incidents_t.c.id.in_(chunk)))


def _save(store: Any, incidents: list[Incident], docs: dict[str, Document]) -> None:
    if not incidents:
        return
    now = datetime.now(UTC).isoformat(timespec="seconds")
    disputes = find_disputes(incidents, docs)
    ids = [i.id for i in incidents]
    with store.engine.begin() as conn:
        seqs: dict[str, int] = {}
        for chunk in _chunks(ids):
            found = conn.execute(
                sa.select(incidents_t.c.id, incidents_t.c.seq).where(incidents_t.c.id.in_(chunk))
            )
            seqs.update(dict(found.all()))
        next_seq = (conn.scalar(sa.select(sa.func.max(incidents_t.c.seq))) or 0) + 1
        for chunk in _chunks(ids):
            conn.execute(disputes_t.delete().where(disputes_t.c.incident_id.in_(chunk)))
            conn.execute(reports_t.delete().where(reports_t.c.incident_id.in_(chunk)))
            conn.execute(incidents_t.delete().where(incidents_t.c.id.in_(chunk)))
        rows = []
        for inc in incidents:
            seq = seqs.get(inc.id)
            if seq is None:
                seq, next_seq = next_seq, next_seq + 1
            rows.append(
                {
                    "id": inc.id,
                    "seq": seq,
                    "type": inc.type,
                    "place": inc.place,
                    "country": inc.country,
                    "date_start": inc.date_start,
                    "date_end": inc.date_end,
                    "incident": inc.model_dump(mode="json"),
                    "updated_at": now,
                }
            )
        conn.execute(incidents_t.insert(), rows)
        report_rows = list(
            {
                (inc.id, r.article, r.event): {
                    "incident_id": inc.id,
                    "article_id": r.article,
                    "event_id": r.event,
                }
                for inc in incidents
                for r in inc.reports
            }.values()
        )
        if report_rows:
            conn.execute(reports_t.insert(), report_rows)
        if disputes:
            conn.execute(
                disputes_t.insert(),
                [
                    {
                        "id": d.id,
                        "incident_id": d.incident,
                        "kind": d.kind,
                        "dispute": d.model_dump(mode="json"),
                    }
                    for d in disputes
                ],
            )


RESTORE_WINDOW = timedelta(days=60)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def candidates(incidents: list[Incident], docs: list[Document]) -> list[Incident]:
    """The stored incidents that new ``docs`` could join: undated ones, those at one of their
    places, within 60 days of one of their dates, or in a month their texts name.  Only these are
    put back into the linker, so an ingest does not read the whole database."""
    places = {p.id for d in docs for p in d.places}
    days = [x for d in docs for x in [_day(d.article.published), *(_day(e.date) for e in d.events)] if x]
    months = {m for d in docs for m in months_mentioned(d.article.text)}
    out = []
    for inc in incidents:
        start, end = _day(inc.date_start), _day(inc.date_end or inc.date_start)
        if (
            start is None
            or end is None
            or (inc.place is not None and inc.place in places)
            or any(start - RESTORE_WINDOW <= x <= end + RESTORE_WINDOW for x in days)
            or any((start.year, start.month) <= m <= (end.year, end.month) for m in months)
        ):
            out.append(inc)
    return out


def update_incidents(store: Any, new_article_ids: Iterable[str]) -> list[Incident]:
    """Link newly stored articles into the stored incidents; returns the incidents that changed."""
    _check(store)
    new_ids = [a for a in dict.fromkeys(new_article_ids)]
    linked: set[str] = set()
    with store.engine.connect() as conn:
        for chunk in _chunks(new_ids):
            linked |= set(
                conn.scalars(sa.select(reports_t.c.article_id).where(reports_t.c.article_id.in_(chunk)))
            )
    new_docs = _documents(store, (a for a in new_ids if a not in linked))
    if not new_docs:
        return []
    existing = candidates(load_incidents(store), new_docs)
    linker = Linker()
    restore(linker, existing, _documents(store, (r.article for i in existing for r in i.reports)))
    touched = linker.add(new_docs)
    incidents = [linker.incident(c) for c in touched]
    _delete(store, linker.removed)
    _save(store, incidents, linker.docs)
    return incidents


def relink_all(store: Any) -> list[Incident]:
    """Throw the stored incidents away and link every stored document again (after a re-extraction)."""
    _check(store)
    with store.engine.begin() as conn:
        conn.execute(disputes_t.delete())
        conn.execute(reports_t.delete())
        conn.execute(incidents_t.delete())
    linker = Linker()
    docs = list(store.iter_documents())
    linker.add(docs)
    incidents = linker.incidents()
    _save(store, incidents, linker.docs)
    return incidents


def pending_articles(store: Any) -> list[str]:
    """Stored articles with events that no incident holds yet (stored before linking ran)."""
    _check(store)
    events = sa.table("events", sa.column("article_id"))
    query = (
        sa.select(events.c.article_id)
        .distinct()
        .where(events.c.article_id.not_in(sa.select(reports_t.c.article_id)))
        .order_by(events.c.article_id)
    )
    with store.engine.connect() as conn:
        return list(conn.scalars(query))


def link_pending(store: Any) -> list[Incident]:
    """Link every stored article that has not been linked yet (what an ingest without linking left)."""
    pending = pending_articles(store)
    return update_incidents(store, pending) if pending else []
