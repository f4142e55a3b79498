"""Incidents in the database: incremental linking through the store, ids kept, disputes stored."""

from __future__ import annotations

import pytest

from ceasefire.link import link_documents, load_disputes, load_incidents, relink_all, update_incidents
from test_link import clash_reports, wire_copy
from test_link_helpers import Art, Ev, build


@pytest.fixture
def store(tmp_path):
    from ceasefire.store import open_store

    with open_store(f"sqlite:///{tmp_path / 'link.db'}") as s:
        yield s


def test_new_articles_join_stored_incidents(store):
    first, second = (build(a) for a in clash_reports())
    store.add_documents([first])
    created = update_incidents(store, [first.article.id])
    assert len(created) == 1
    store.add_documents([second])
    changed = update_incidents(store, [second.article.id])
    assert [i.id for i in changed] == [created[0].id], "the second report joins, the id stays"
    stored = load_incidents(store)
    assert len(stored) == 1 and stored[0].articles == ["n-1", "n-2"]
    kinds = sorted(d.kind for d in load_disputes(store))
    assert kinds == ["figures", "stance"]
    # linking the same article again changes nothing
    assert update_incidents(store, [second.article.id]) == []


def test_relink_all_gives_what_linking_in_memory_gives(store):
    docs = [build(a) for a in [wire_copy("w-1", "paper-one.example"), *clash_reports()]]
    store.add_documents(docs)
    for doc in docs:
        update_incidents(store, [doc.article.id])
    incremental = sorted(sorted(i.articles) for i in load_incidents(store))
    relink_all(store)
    again = load_incidents(store)
    assert sorted(sorted(i.articles) for i in again) == incremental
    assert sorted(i.id for i in again) == sorted(i.id for i in link_documents(docs))


def test_filters_on_stored_incidents(store):
    docs = [build(a) for a in clash_reports()]
    store.add_documents(docs)
    update_incidents(store, [d.article.id for d in docs])
    assert load_incidents(store, type="assault")
    assert load_incidents(store, since="2031-06-01") == []
    assert load_incidents(store, until="2031-05-03")
    assert load_incidents(store, type="PROTEST") == []


def test_only_incidents_new_articles_could_join_are_read_back():
    from ceasefire.link.store import candidates

    old = Art(id="o-1", outlet="a.example", published="2031-01-02", text="Drones struck Korvel.",
              events=[Ev("struck", place="Korvel", date="2031-01-01")])  # fmt: skip
    near = Art(id="o-2", outlet="b.example", text="Drones struck Velmora.",
               events=[Ev("struck", place="Velmora", date="2031-05-01")])  # fmt: skip
    incidents = link_documents([build(old), build(near)])
    new = build(clash_reports()[0])  # Velmora, May 2031
    kept = candidates(incidents, [new])
    assert [i.articles for i in kept] == [["o-2"]]
    retro = build(Art(id="o-3", outlet="c.example", published="2031-09-01",
                      text="The January 2031 strike on Korvel is under inquiry.", events=[]))  # fmt: skip
    assert [i.articles for i in candidates(incidents, [retro])] == [["o-1"]]


def test_long_id_lists_are_queried_in_chunks(store, monkeypatch):
    import ceasefire.link.store as link_store

    monkeypatch.setattr(link_store, "_CHUNK", 1)
    far = Art(id="f-1", outlet="f.example", text="Drones struck Korvel on Monday.",
              events=[Ev("struck", place="Korvel", date="2031-05-05")])  # fmt: skip
    docs = [build(a) for a in [*clash_reports(), far]]
    store.add_documents(docs)
    update_incidents(store, [d.article.id for d in docs])
    stored = load_incidents(store)
    assert len(stored) == 2
    assert [i.id for i in load_incidents(store, ids=[i.id for i in reversed(stored)])] == [
        i.id for i in stored
    ]
    assert sorted(d.kind for d in load_disputes(store, [i.id for i in stored])) == ["figures", "stance"]


def test_a_merged_incident_leaves_the_store(store):
    from test_link import retrospective_arts

    docs = [build(a) for a in retrospective_arts()]
    for doc in docs:
        store.add_documents([doc])
        update_incidents(store, [doc.article.id])
    stored = load_incidents(store)
    assert [i.articles for i in stored] == [["m-1", "q-1", "q-2"]]
    assert stored[0].id == link_documents(docs[:1])[0].id, "the earlier incident keeps its id"
