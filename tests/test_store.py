"""The store on hand-built documents: schema, SQLite settings, dedup, filters, counts, errors."""

from __future__ import annotations

import io
import os
import sqlite3

import pytest
import sqlalchemy as sa

from ceasefire.records import Actor, Article, Claim, Document, Event, Evidence, Place
from ceasefire.store import StoreError, document_problems, open_store, text_hash
from ceasefire.store import schema as t
from ceasefire.store.store import MIGRATIONS


def _ev(text: str) -> Evidence:
    return Evidence(sentence=0, start=0, end=len(text), text=text)


def make_doc(
    article_id: str,
    text: str,
    *,
    url: str | None = None,
    published: str | None = None,
    outlet: str | None = None,
    events: tuple[tuple[str, int | None], ...] = (),
    places: tuple[tuple[str, str | None], ...] = (),
    claims: tuple[str, ...] = (),
) -> Document:
    """A document with events (type, killed), places (id, country) and claims (stance) on ``text``."""
    ev = _ev(text)
    return Document(
        article=Article(id=article_id, url=url, published=published, outlet=outlet, language="en", text=text),
        actors=[Actor(id="XXA-MIL", name="the army", canonical="Xandria: army", country="XXA", evidence=ev)],
        places=[
            Place(id=pid, name=f"place {i}", canonical=f"Place {i}", country=country, evidence=ev)
            for i, (pid, country) in enumerate(places)
        ],
        events=[
            Event(id=f"e{i}", type=etype, killed=killed, evidence=ev)
            for i, (etype, killed) in enumerate(events)
        ],
        claims=[
            Claim(id=f"c{i}", source="XXA-MIL", stance=stance, content=text, evidence=ev)
            for i, stance in enumerate(claims)
        ],
    )


# Set CEASEFIRE_TEST_DB_URL (e.g. postgresql+psycopg://user@host/scratch) to run the store tests on
# another database as well.  Its tables are DROPPED before every test: use a scratch database.
OTHER_DB = os.environ.get("CEASEFIRE_TEST_DB_URL")


@pytest.fixture(params=["sqlite", "other"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    elif OTHER_DB:
        url = OTHER_DB
        engine = sa.create_engine(url)
        with engine.begin() as conn:
            for name in reversed(sa.inspect(conn).get_table_names()):
                conn.execute(sa.text(f'DROP TABLE IF EXISTS "{name}" CASCADE'))
        engine.dispose()
    else:
        pytest.skip("CEASEFIRE_TEST_DB_URL is not set")
    with open_store(url) as s:
        yield s


SHELLING = "Shells hit the market in Vellna on Monday, killing four people, the mayor said."
CONVOY = "A supply convoy reached the besieged town of Orsk after a two-week wait."
TALKS = "Negotiators from both sides met in Geneva and agreed to a prisoner exchange."


def test_migrations_create_the_tables_the_code_queries(store):
    inspector = sa.inspect(store.engine)
    for table in t.metadata.sorted_tables:
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name
    with store.engine.connect() as conn:
        assert conn.scalar(sa.text("select version_num from alembic_version")) == _head()


def _head() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", MIGRATIONS)
    return ScriptDirectory.from_config(cfg).get_current_head()


def test_sqlite_is_in_wal_mode_with_foreign_keys(tmp_path):
    with open_store(f"sqlite:///{tmp_path / 'test.db'}") as store, store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    # WAL is a property of the file: a plain sqlite3 connection sees it too
    raw = sqlite3.connect(tmp_path / "test.db")
    try:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        raw.close()


def test_documents_round_trip(store):
    doc = make_doc(
        "a1", SHELLING, url="https://news.test/1", events=(("ASSAULT", 4),), places=(("geonames:7", "XXA"),)
    )
    assert store.add_documents([doc]) == (1, 0)
    assert store.has_article("a1")
    assert not store.has_article("a2")
    assert store.get_document("a1") == doc
    assert store.get_document("a2") is None


def test_duplicates_by_id_url_or_text_are_stored_once(store):
    first = make_doc("a1", SHELLING, url="https://news.test/1")
    same_id = make_doc("a1", CONVOY)
    same_url = make_doc("b2", TALKS, url="https://news.test/1")
    same_text = make_doc(
        "c3", "  shells HIT the market in Vellna\non Monday, killing four people, the mayor said. "
    )
    assert store.add_documents([first]) == (1, 0)
    assert store.add_documents([same_id, same_url, same_text]) == (0, 3)
    assert store.counts()["articles"] == 1
    # repeats inside one call count as duplicates too
    assert store.add_documents([make_doc("d4", CONVOY), make_doc("d5", CONVOY)]) == (1, 1)


def test_text_hash_ignores_spacing_and_case_but_not_words():
    assert text_hash("Two  soldiers\nwere wounded.") == text_hash("two soldiers were WOUNDED.")
    assert text_hash("Two soldiers were wounded.") != text_hash("Three soldiers were wounded.")


def test_counts_and_stats_follow_the_records(store):
    docs = [
        make_doc(
            "a1",
            SHELLING,
            published="2024-03-04",
            outlet="news.test",
            events=(("ASSAULT", 4), ("ACCUSE", None)),
            places=(("geonames:1", "XXA"),),
            claims=("asserts",),
        ),
        make_doc(
            "a2",
            CONVOY,
            published="2024-04-11",
            outlet="wire.test",
            events=(("AID", None),),
            places=(("geonames:1", "XXA"), ("geonames:2", "YYB")),
            claims=("denies", "asserts"),
        ),
        make_doc("a3", TALKS, outlet="news.test"),
    ]
    store.add_documents(docs)
    counts = store.counts()
    assert counts == {
        "articles": len(docs),
        "documents": len(docs),
        "events": sum(len(d.events) for d in docs),
        "claims": sum(len(d.claims) for d in docs),
        "actors": sum(len(d.actors) for d in docs),
        "places": sum(len(d.places) for d in docs),
    }
    stats = store.stats()
    assert {r["type"]: r["n"] for r in stats["events_by_type"]} == {"ASSAULT": 1, "ACCUSE": 1, "AID": 1}
    assert {r["stance"]: r["n"] for r in stats["claims_by_stance"]} == {"asserts": 2, "denies": 1}
    assert {r["outlet"]: r["n"] for r in stats["articles_by_outlet"]} == {"news.test": 2, "wire.test": 1}
    assert {r["month"]: r["n"] for r in stats["articles_by_month"]} == {"2024-03": 1, "2024-04": 1, None: 1}
    assert stats["distinct_places"] == 2
    assert stats["top_places"][0] == {"id": "geonames:1", "canonical": "Place 0", "articles": 2}


def test_iter_documents_filters_on_dates_and_country(store):
    store.add_documents(
        [
            make_doc("a1", SHELLING, published="2024-03-04", places=(("geonames:1", "XXA"),)),
            make_doc("a2", CONVOY, published="2024-04-11T09:30:00", places=(("geonames:2", "YYB"),)),
            make_doc("a3", TALKS),
        ]
    )

    def ids(**kw):
        return [d.article.id for d in store.iter_documents(**kw)]

    assert ids() == ["a1", "a2", "a3"]  # oldest first, undated last
    assert ids(since="2024-04-01") == ["a2"]
    assert ids(until="2024-04-11") == ["a1", "a2"]  # until is inclusive, even with a time of day
    assert ids(until="2024-04-10") == ["a1"]
    assert ids(country="yyb") == ["a2"]
    with pytest.raises(StoreError, match="ISO date"):
        ids(since="March 2024")
    with pytest.raises(StoreError, match="alpha-3"):
        ids(country="Xandria")


def test_a_document_with_repeated_record_ids_is_refused_whole(store):
    bad = make_doc("a1", SHELLING, events=(("ASSAULT", 4),))
    bad.events.append(bad.events[0].model_copy())
    assert document_problems(bad)
    with pytest.raises(StoreError, match="same id: e0"):
        store.add_documents([make_doc("a0", CONVOY), bad])
    assert store.counts()["articles"] == 0  # the whole call is one transaction


def test_add_documents_rejects_other_objects(store):
    with pytest.raises(TypeError):
        store.add_documents([{"article": {"id": "a1", "text": SHELLING}}])


def test_stores_survive_reopening(tmp_path):
    url = f"sqlite:///{tmp_path / 'again.db'}"
    with open_store(url) as s:
        s.add_documents([make_doc("a1", SHELLING)])
    with open_store(url) as s:
        assert s.add_documents([make_doc("a1", SHELLING)]) == (0, 1)
        assert s.counts()["documents"] == 1


def test_clear_errors_for_unusable_databases(tmp_path):
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("::nonsense::")
    with pytest.raises(StoreError, match="no database at"):
        open_store(f"sqlite:///{tmp_path / 'missing.db'}", must_exist=True)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"these are not the bytes of a database" * 100)
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(f"sqlite:///{junk}")
    with pytest.raises(StoreError, match="cannot open database"):
        open_store(f"sqlite:///{tmp_path / 'no-such-folder' / 'x.db'}")


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'future.db'}"
    open_store(url).close()
    raw = sqlite3.connect(tmp_path / "future.db")
    raw.execute("update alembic_version set version_num = '9999'")
    raw.commit()
    raw.close()
    with pytest.raises(StoreError, match="cannot use"):
        open_store(url)


def test_in_memory_database_works():
    with open_store("sqlite://") as s:
        assert s.add_documents([make_doc("a1", TALKS)]) == (1, 0)
        assert [d.article.id for d in s.iter_documents()] == ["a1"]


def test_a_race_with_another_writer_ends_in_skipped_duplicates(store, monkeypatch):
    store.add_documents([make_doc("a1", SHELLING)])
    real = type(store)._existing
    calls = []

    def blind_first(conn, docs):
        # the first check misses what "another process" stored a moment before
        calls.append(len(docs))
        return (set(), set(), set()) if len(calls) == 1 else real(conn, docs)

    monkeypatch.setattr(type(store), "_existing", staticmethod(blind_first))
    assert store.add_documents([make_doc("a2", CONVOY), make_doc("a1", SHELLING)]) == (1, 1)
    assert len(calls) == 2
    assert store.counts()["articles"] == 2


def test_large_batches_are_checked_in_chunks(store):
    docs = [
        make_doc(f"n{i}", f"Report number {i}: a patrol was fired on near the bridge.") for i in range(1200)
    ]
    assert store.add_documents(docs) == (1200, 0)
    assert store.add_documents(docs) == (0, 1200)


def test_a_failure_midway_through_a_batch_leaves_nothing_behind(store):
    store.add_documents([make_doc("a0", TALKS)])

    def fail_on_claims(conn, clauseelement, multiparams, params, execution_options):
        table = getattr(clauseelement, "table", None)
        if getattr(table, "name", None) == "claims":
            raise RuntimeError("disk full")

    sa.event.listen(store.engine, "before_execute", fail_on_claims)
    try:
        with pytest.raises(RuntimeError, match="disk full"):
            store.add_documents([make_doc("a1", SHELLING, events=(("ASSAULT", 4),), claims=("asserts",))])
    finally:
        sa.event.remove(store.engine, "before_execute", fail_on_claims)
    # articles, documents and events were inserted before the failure: all rolled back
    assert store.counts() == {
        "articles": 1,
        "documents": 1,
        "events": 0,
        "claims": 0,
        "actors": 1,
        "places": 0,
    }
    assert not store.has_article("a1")


def test_migrations_and_queries_compile_for_postgresql(store):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy.dialects import postgresql

    out = io.StringIO()
    cfg = Config(output_buffer=out)
    cfg.set_main_option("script_location", MIGRATIONS)
    cfg.set_main_option("sqlalchemy.url", "postgresql://ceasefire@localhost/ceasefire")
    command.upgrade(cfg, "head", sql=True)
    sql = out.getvalue()
    for table in t.metadata.sorted_tables:
        assert f"CREATE TABLE {table.name} (" in sql
    query = store._select_documents("2024-01-01", "2024-12-31", "XXA")
    compiled = str(query.compile(dialect=postgresql.dialect()))
    assert "substr(articles.published" in compiled
