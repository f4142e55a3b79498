"""The :class:`Store`: documents in, documents and counts out.

An article is stored once: a second article with the same id, the same URL
or the same normalised text (see :func:`text_hash`) is a duplicate and is
skipped.  Each call to :meth:`Store.add_documents` is one transaction, so an
interrupted ingest leaves whole batches behind, never half a document.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, SQLAlchemyError

from ceasefire import __version__
from ceasefire.records import Article, Document
from ceasefire.store import schema as t

MIGRATIONS = "ceasefire.store:migrations"
_IN_CHUNK = 500  # values per IN (...) query, well under every database's parameter limit


class StoreError(RuntimeError):
    """The database cannot be opened or used, or a document cannot be stored; the message says why."""


def text_hash(text: str) -> str:
    """SHA-256 of the text with Unicode forms, case and whitespace normalised.

    Two copies of one article that differ only in line breaks, spacing or
    capitalisation get the same hash, and are stored once.
    """
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def document_problems(doc: Document) -> list[str]:
    """Why ``doc`` cannot be stored (empty when it can): over-long or repeated record ids."""
    problems = []
    aid = doc.article.id
    if not aid:
        problems.append("the article has an empty id")
    elif len(aid) > t.ID_LENGTH:
        problems.append(f"article id is longer than {t.ID_LENGTH} characters")
    for kind in ("events", "claims", "actors", "places"):
        ids = [rec.id for rec in getattr(doc, kind)]
        repeated = sorted(i for i, n in Counter(ids).items() if n > 1)
        if repeated:
            problems.append(f"{kind} with the same id: {', '.join(repeated)}")
        long_ids = [i for i in ids if len(i) > t.ID_LENGTH]
        if long_ids:
            problems.append(f"{kind} ids longer than {t.ID_LENGTH} characters: {long_ids[0][:40]}...")
    return problems


def _iso_day(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise StoreError(f"{name} must be an ISO date like 2022-03-29, not {value!r}") from None


def check_filters(
    since: str | None, until: str | None, country: str | None
) -> tuple[str | None, str | None, str | None]:
    """The filters of :meth:`Store.iter_documents`, checked and normalised; :class:`StoreError` if bad."""
    since, until = _iso_day(since, "since"), _iso_day(until, "until")
    if since and until and since > until:
        raise StoreError(f"since ({since}) is after until ({until})")
    if country is not None:
        if not (len(country) == 3 and country.isalpha()):
            raise StoreError(f"country must be an ISO 3166-1 alpha-3 code like UKR, not {country!r}")
        country = country.upper()
    return since, until, country


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # with WAL, NORMAL stays consistent after any crash; a power cut may drop the last commits
    # (a re-run of the ingest stores them again)
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _migrate(conn: Connection) -> None:
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, "head")


def open_store(url: str, migrate: bool = True, must_exist: bool = False) -> Store:
    """Open the database at ``url`` (a SQLAlchemy URL), creating or upgrading its tables.

    SQLite databases are put in WAL mode with foreign keys on.  With
    ``must_exist`` a missing SQLite file is an error instead of a new, empty
    database (for commands that only read).  Raises :class:`StoreError` with
    a readable reason when the database cannot be used.
    """
    try:
        sa_url = sa.make_url(url)
        kwargs: dict[str, Any] = {}
        if sa_url.get_backend_name() == "sqlite":
            kwargs["connect_args"] = {"timeout": 30}
            path = sa_url.database
            if must_exist and path and path != ":memory:" and not Path(path).exists():
                raise StoreError(
                    f"no database at {path} (create one with: ceasefire ingest PATH --db {path})"
                )
        engine = sa.create_engine(sa_url, **kwargs)
    except (NoSuchModuleError, ModuleNotFoundError) as exc:
        raise StoreError(f"no driver for {_safe(url)}: {exc}") from None
    except (ArgumentError, ValueError) as exc:
        raise StoreError(f"not a database URL: {_safe(url)} ({exc})") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        if migrate:
            with engine.begin() as conn:
                _migrate(conn)
        else:
            with engine.connect():
                pass
    except SQLAlchemyError as exc:
        engine.dispose()
        reason = getattr(exc, "orig", None) or exc
        raise StoreError(f"cannot open database {_safe(url)}: {reason}") from None
    except Exception as exc:  # alembic: a revision this version does not know, a broken script
        engine.dispose()
        if type(exc).__module__.startswith("alembic"):
            raise StoreError(
                f"database {_safe(url)} has a schema this version of ceasefire cannot use: {exc}"
            ) from None
        raise
    return Store(engine)


def _safe(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return repr(url)


def migrations_path() -> str:
    """Folder of the Alembic scripts (for ``alembic`` on the command line)."""
    return str(resources.files("ceasefire.store").joinpath("migrations"))


class Store:
    """One database of documents.  Use as a context manager or call :meth:`close`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.engine.dispose()

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing -----------------------------------------------------------------

    def add_documents(self, docs: Iterable[Document], pipeline: str | None = None) -> tuple[int, int]:
        """Store ``docs`` in one transaction; return ``(added, skipped_duplicates)``.

        A document whose article id, URL or normalised text is already stored
        (or appears earlier in ``docs``) is skipped.  Raises :class:`StoreError`
        for a document that cannot be stored (see :func:`document_problems`);
        then nothing of this call is stored.
        """
        docs = list(docs)
        for doc in docs:
            if not isinstance(doc, Document):
                raise TypeError(f"add_documents takes Document records, not {type(doc).__name__}")
            problems = document_problems(doc)
            if problems:
                raise StoreError(f"cannot store article {doc.article.id!r}: {'; '.join(problems)}")
        if not docs:
            return 0, 0
        pipeline = pipeline or f"ceasefire {__version__}"
        for attempt in range(3):
            try:
                return self._insert(docs, pipeline)
            except IntegrityError:
                # another process stored one of these articles between our check and our insert:
                # the transaction was rolled back, so check again and store the rest
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _insert(self, docs: list[Document], pipeline: str) -> tuple[int, int]:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        rows: dict[str, list[dict[str, Any]]] = {name: [] for name in ("articles", "documents", *_RECORDS)}
        skipped = 0
        with self.engine.begin() as conn:
            ids, urls, hashes = self._existing(conn, docs)
            for doc in docs:
                a = doc.article
                h = text_hash(a.text)
                if a.id in ids or (a.url is not None and a.url in urls) or h in hashes:
                    skipped += 1
                    continue
                ids.add(a.id)
                hashes.add(h)
                if a.url is not None:
                    urls.add(a.url)
                rows["articles"].append(_article_row(a, h, now))
                rows["documents"].append(
                    {"article_id": a.id, "pipeline": pipeline, "document": doc.model_dump(mode="json")}
                )
                for kind in _RECORDS:
                    table = t.metadata.tables[kind]
                    rows[kind].extend(_record_row(table, a.id, rec) for rec in getattr(doc, kind))
            for name in ("articles", "documents", *_RECORDS):
                if rows[name]:
                    conn.execute(t.metadata.tables[name].insert(), rows[name])
        return len(rows["articles"]), skipped

    @staticmethod
    def _existing(conn: Connection, docs: list[Document]) -> tuple[set[str], set[str], set[str]]:
        """Which of the ids, URLs and text hashes of ``docs`` the database holds already."""
        a = t.articles

        def present(col: sa.Column, values: set[str]) -> set[str]:
            found: set[str] = set()
            ordered = sorted(values)
            for i in range(0, len(ordered), _IN_CHUNK):
                found.update(conn.scalars(sa.select(col).where(col.in_(ordered[i : i + _IN_CHUNK]))))
            return found

        return (
            present(a.c.id, {d.article.id for d in docs}),
            present(a.c.url, {d.article.url for d in docs if d.article.url is not None}),
            present(a.c.text_hash, {text_hash(d.article.text) for d in docs}),
        )

    # -- reading -----------------------------------------------------------------

    def has_article(self, article_id: str) -> bool:
        with self.engine.connect() as conn:
            found = conn.scalar(sa.select(t.articles.c.id).where(t.articles.c.id == article_id))
        return found is not None

    def stored_id(self, article: Article) -> str | None:
        """Id of the stored article that ``article`` duplicates (same id, URL or text), else None."""
        a = t.articles
        cond = [a.c.id == article.id, a.c.text_hash == text_hash(article.text)]
        if article.url is not None:
            cond.append(a.c.url == article.url)
        with self.engine.connect() as conn:
            return conn.scalar(sa.select(a.c.id).where(sa.or_(*cond)).limit(1))

    def get_document(self, article_id: str) -> Document | None:
        with self.engine.connect() as conn:
            data = conn.scalar(
                sa.select(t.documents.c.document).where(t.documents.c.article_id == article_id)
            )
        return None if data is None else Document.model_validate(data)

    def iter_documents(
        self, since: str | None = None, until: str | None = None, country: str | None = None
    ) -> Iterator[Document]:
        """Stored documents, oldest publication first.

        ``since``/``until`` (ISO dates, both inclusive) filter on
        ``article.published``; articles without a date are left out when either
        is given.  ``country`` (ISO alpha-3) keeps articles that mention a place
        in that country.
        """
        query = self._select_documents(since, until, country)
        with self.engine.connect() as conn:
            result = conn.execution_options(yield_per=200).execute(query)
            for (data,) in result:
                yield Document.model_validate(data)

    def _select_documents(self, since: str | None, until: str | None, country: str | None) -> sa.Select:
        since, until, country = check_filters(since, until, country)
        a, d = t.articles, t.documents
        query = sa.select(d.c.document).join(a, a.c.id == d.c.article_id)
        day = sa.func.substr(a.c.published, 1, 10)
        if since:
            query = query.where(day >= since)
        if until:
            query = query.where(day <= until)
        if country:
            in_country = sa.select(t.places.c.article_id).where(t.places.c.country == country)
            query = query.where(a.c.id.in_(in_country))
        return query.order_by(a.c.published.is_(None), a.c.published, a.c.id)

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, documents, events, claims, actors, places."""
        with self.engine.connect() as conn:
            return self._counts(conn)

    @staticmethod
    def _counts(conn: Connection) -> dict[str, int]:
        return {
            name: conn.scalar(sa.select(sa.func.count()).select_from(t.metadata.tables[name])) or 0
            for name in ("articles", "documents", *_RECORDS)
        }

    def stats(self, top: int = 10) -> dict[str, Any]:
        """What the database holds, as plain data (for ``ceasefire stats``)."""
        a, e, c, p, ac = t.articles, t.events, t.claims, t.places, t.actors
        month = sa.func.substr(a.c.published, 1, 7)
        with self.engine.connect() as conn:

            def grouped(col: Any, key: str, limit: int | None = None) -> list[dict[str, Any]]:
                n = sa.func.count().label("n")
                q = sa.select(col, n).group_by(col).order_by(n.desc(), col)
                if limit:
                    q = q.limit(limit)
                return [{key: value, "n": count} for value, count in conn.execute(q)]

            def by_entity(table: sa.Table, limit: int) -> list[dict[str, Any]]:
                n = sa.func.count(sa.distinct(table.c.article_id)).label("articles")
                name = sa.func.min(table.c.canonical).label("canonical")
                q = sa.select(table.c.id, name, n).group_by(table.c.id).order_by(n.desc(), table.c.id)
                rows = conn.execute(q.limit(limit))
                return [{"id": i, "canonical": cn, "articles": k} for i, cn, k in rows]

            def distinct(col: Any) -> int:
                return conn.scalar(sa.select(sa.func.count(sa.distinct(col)))) or 0

            return {
                "database": self.url,
                **self._counts(conn),
                "words": conn.scalar(sa.select(sa.func.coalesce(sa.func.sum(a.c.words), 0))) or 0,
                "first_published": conn.scalar(sa.select(sa.func.min(a.c.published))),
                "last_published": conn.scalar(sa.select(sa.func.max(a.c.published))),
                "articles_by_outlet": grouped(a.c.outlet, "outlet"),
                "articles_by_language": grouped(a.c.language, "language"),
                "articles_by_month": sorted(
                    grouped(month, "month"), key=lambda r: (r["month"] is None, r["month"] or "")
                ),
                "events_by_type": grouped(e.c.type, "type"),
                "claims_by_stance": grouped(c.c.stance, "stance"),
                "distinct_places": distinct(p.c.id),
                "distinct_actors": distinct(ac.c.id),
                "top_places": by_entity(p, top),
                "top_actors": by_entity(ac, top),
            }


def _article_row(a: Article, h: str, now: str) -> dict[str, Any]:
    return {
        "id": a.id,
        "url": a.url,
        "text_hash": h,
        "outlet": a.outlet,
        "title": a.title,
        "published": a.published,
        "language": a.language,
        "source_path": a.source_path,
        "words": len(a.text.split()),
        "ingested_at": now,
    }


def _record_row(table: sa.Table, article_id: str, rec: Any) -> dict[str, Any]:
    """One row of a per-record table: each column is the record's field of that name,
    except ``article_id``, the whole ``record`` as JSON, and the ACLED pair of events."""
    row: dict[str, Any] = {}
    for column in (col.name for col in table.columns):
        if column == "article_id":
            row[column] = article_id
        elif column == "record":
            row[column] = rec.model_dump(mode="json")
        elif column.startswith("acled_"):
            row[column] = getattr(rec.acled, column.removeprefix("acled_")) if rec.acled else None
        else:
            row[column] = getattr(rec, column)
    return row


# the per-record tables, in the order they are filled (after articles and documents)
_RECORDS = ("events", "claims", "actors", "places")
