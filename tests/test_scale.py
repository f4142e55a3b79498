"""Parallel ingest (``ceasefire.scale``): a real two-worker Dask LocalCluster against the serial path."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from ceasefire import pipeline
from ceasefire.records import Article
from ceasefire.scale.dask import ArticleFailure, _chunks, ingest_parallel, process_batch
from ceasefire.store import ingest_articles, open_store

TEXTS = [
    "Artillery shells hit the grain market in Dorvassa on Tuesday, killing three traders and wounding "
    "nine others, the provincial governor said. The army denied shelling the town.",
    "Police in Kelmar arrested twelve students who were protesting against new fuel taxes on Friday, "
    "a lawyer for the group said.",
    "A drone struck a power station outside Ostrava Nova overnight and cut electricity to thousands of "
    "homes. Nobody was hurt, the energy ministry said.",
    "Rebel fighters ambushed an army patrol near the village of Tessin on Sunday. Four soldiers were "
    "killed, according to the defence ministry, which said the attackers fled across the river.",
    "The interior ministry said on Monday that border guards had seized two trucks carrying rifles "
    "and ammunition at the Varna crossing.",
    "Delegations from both governments met in Lunden and agreed to reopen the northern road to aid "
    "convoys, the mediators announced on Wednesday.",
    "Residents of Palo Seco said militiamen burned at least twenty houses on Thursday. The militia "
    "commander rejected the accusation and called it propaganda.",
    "A car bomb exploded outside a police station in Amrit on Saturday, killing a guard, hospital "
    "officials said. No group claimed responsibility.",
]


def _articles(prefix: str = "sc") -> list[Article]:
    return [
        Article(id=f"{prefix}-{i}", outlet="testwire.example", published=f"2024-05-{i + 1:02d}", text=text)
        for i, text in enumerate(TEXTS)
    ]


def _documents(store) -> dict[str, dict]:
    return {doc.article.id: json.loads(doc.model_dump_json()) for doc in store.iter_documents()}


def test_chunks_cut_in_order_and_keep_the_rest() -> None:
    arts = _articles()[:5]
    chunks = list(_chunks(arts, 2))
    assert [[a.id for a in c] for c in chunks] == [["sc-0", "sc-1"], ["sc-2", "sc-3"], ["sc-4"]]


def test_process_batch_skips_only_the_failing_article(nlp, monkeypatch) -> None:
    def fussy(ctx: pipeline.Context) -> None:
        if "Kelmar" in ctx.text:
            raise ValueError("cannot handle Kelmar")

    monkeypatch.setitem(pipeline._REGISTRY, "fussy-test", fussy)
    arts = _articles()[:3]
    out = process_batch(arts, ["actors", "fussy-test"], None)
    assert [type(item) for item in out] == [type(out[0]), ArticleFailure, type(out[0])]
    failure = out[1]
    assert isinstance(failure, ArticleFailure)
    assert failure.article_id == "sc-1"
    assert "ValueError" in failure.reason and "Kelmar" in failure.reason
    assert [d.article.id for d in out if not isinstance(d, ArticleFailure)] == ["sc-0", "sc-2"]


def test_bad_arguments_are_refused(tmp_path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with store:
        with pytest.raises(ValueError, match="batch_size"):
            ingest_parallel(store, _articles(), batch_size=0)
        with pytest.raises(ValueError, match="workers"):
            ingest_parallel(store, _articles(), workers=0)


def test_nothing_new_starts_no_cluster(tmp_path, monkeypatch) -> None:
    """Every article already stored: the result says so, and no cluster is started."""
    import ceasefire.scale.dask as scale_dask

    store = open_store(f"sqlite:///{tmp_path / 'x.db'}")
    with store:
        ingest_articles(store, _articles()[:2], stages=[])

        def no_cluster(*args, **kwargs):
            raise AssertionError("a cluster was started for nothing")

        monkeypatch.setattr(scale_dask, "connect", no_cluster)
        result = ingest_parallel(store, _articles()[:2], stages=[])
        assert (result.stored, result.present, result.refused) == (0, 2, [])


@pytest.mark.timeout(180)
def test_parallel_stores_what_serial_stores(tmp_path, nlp) -> None:
    arts = _articles()
    serial = open_store(f"sqlite:///{tmp_path / 'serial.db'}")
    parallel = open_store(f"sqlite:///{tmp_path / 'parallel.db'}")
    with serial, parallel:
        expected = ingest_articles(serial, arts, batch_size=3)
        ticks: list[int] = []
        got = ingest_parallel(parallel, arts, workers=2, batch_size=3, progress=ticks.append)
        assert (got.stored, got.present, got.refused) == (expected.stored, expected.present, expected.refused)
        assert got.stored == len(arts)
        assert sum(ticks) == len(arts)  # every article advanced the progress bar once
        assert _documents(parallel) == _documents(serial)
        assert any(doc["events"] for doc in _documents(parallel).values())  # the comparison has substance
        assert parallel.counts() == serial.counts()

        # the same input again, plus a repeat of one text under a new id: nothing is added
        again = ingest_parallel(
            parallel, [*arts, Article(id="sc-copy", text=TEXTS[0])], workers=2, batch_size=3
        )
        assert (again.stored, again.present, again.refused) == (0, len(arts) + 1, [])
        assert parallel.counts() == serial.counts()


@pytest.fixture
def boom_module(tmp_path, monkeypatch) -> str:
    """A stage module the workers import: ``boom`` raises on articles that mention Kelmar, ``crash`` dies."""
    name = "ceasefire_test_boom_stage"
    (tmp_path / f"{name}.py").write_text(
        textwrap.dedent(
            """
            import os

            from ceasefire.pipeline import stage

            @stage("boom")
            def boom(ctx):
                if "Kelmar" in ctx.text:
                    raise RuntimeError("the boom stage refuses Kelmar")

            @stage("crash")
            def crash(ctx):
                if "Kelmar" in ctx.text:
                    os._exit(3)  # the worker process dies, as on a crash in native code
            """
        ),
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))  # spawned workers start with this process's sys.path
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    yield name
    sys.modules.pop(name, None)


@pytest.mark.timeout(180)
def test_failing_article_is_counted_and_the_rest_stored(tmp_path, boom_module) -> None:
    arts = _articles()
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    with store:
        ingest_articles(store, arts[:1], stages=["actors"])  # one already stored
        result = ingest_parallel(
            store,
            [*arts, arts[2]],  # and one repeated within the run
            workers=2,
            batch_size=4,
            stages=["actors", "boom"],
            imports=[boom_module],
        )
        assert result.stored == len(arts) - 2  # all but the stored one and the failing one
        assert result.present == 2
        assert [article_id for article_id, _ in result.refused] == ["sc-1"]
        assert "the boom stage refuses Kelmar" in result.refused[0][1]
        stored = {doc.article.id for doc in store.iter_documents()}
        assert "sc-1" not in stored
        assert {"sc-0", "sc-2", "sc-3"} <= stored  # the failing article's batch-mates are kept


@pytest.mark.slow
@pytest.mark.timeout(300)
def test_article_that_kills_its_worker_is_isolated(tmp_path, boom_module) -> None:
    arts = _articles()[:6]
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    with store:
        result = ingest_parallel(
            store, arts, workers=2, batch_size=3, stages=["actors", "crash"], imports=[boom_module]
        )
        assert [article_id for article_id, _ in result.refused] == ["sc-1"]
        assert "worker process died" in result.refused[0][1]
        assert result.stored == len(arts) - 1
        assert {doc.article.id for doc in store.iter_documents()} == {a.id for a in arts} - {"sc-1"}


def _app() -> typer.Typer:
    from ceasefire.commands import ingest as ingest_cmd

    app = typer.Typer()
    ingest_cmd.register(app)

    @app.command()
    def other() -> None:  # a second command keeps typer from collapsing the app into `ingest`
        pass

    return app


def test_cli_refuses_workers_with_scheduler(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXTS[0]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        _app(),
        ["ingest", str(src), "--db", str(tmp_path / "x.db"), "--workers", "2", "--scheduler", "tcp://x:1"],
    )
    assert result.exit_code != 0
    assert "not both" in result.output


@pytest.mark.slow
def test_cli_workers_matches_serial(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": a.id, "outlet": a.outlet, "text": a.text}) for a in _articles()]
    src.write_text("\n".join([*lines, "{not json"]) + "\n", encoding="utf-8")
    runner = CliRunner()
    dbs = {}
    for label, extra in (("serial", []), ("parallel", ["--workers", "2", "--batch-size", "3"])):
        dbs[label] = tmp_path / f"{label}.db"
        result = runner.invoke(_app(), ["ingest", str(src), "--db", str(dbs[label]), "--no-link", *extra])
        assert result.exit_code == 0, result.output
    with open_store(f"sqlite:///{dbs['serial']}") as a, open_store(f"sqlite:///{dbs['parallel']}") as b:
        assert len(_documents(b)) == len(TEXTS)
        assert _documents(a) == _documents(b)


@pytest.mark.slow
def test_existing_scheduler_is_used(tmp_path) -> None:
    """``scheduler=`` sends the work to a cluster that is already running, and leaves it running."""
    import logging

    from distributed import LocalCluster

    arts = _articles()[:4]
    with LocalCluster(
        n_workers=1, threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
    ) as cl:
        store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
        with store:
            result = ingest_parallel(
                store, arts, scheduler=cl.scheduler_address, batch_size=2, stages=["actors"]
            )
            assert (result.stored, result.refused) == (len(arts), [])
            assert len(cl.scheduler_info["workers"]) == 1  # still there for the next user


def test_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch) -> None:
    import ceasefire.scale.dask as scale_dask
    from ceasefire.scale import ClusterError

    monkeypatch.setattr(scale_dask, "WORKER_WAIT_S", 2)
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    with store, pytest.raises(ClusterError, match="cannot reach"):
        ingest_parallel(store, _articles()[:1], scheduler="tcp://127.0.0.1:9", stages=[])
