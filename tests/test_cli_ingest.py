"""``ceasefire ingest``, ``stats`` and ``export`` end to end, on small articles written here."""

from __future__ import annotations

import csv
import io
import json

import pytest
import typer
from typer.testing import CliRunner

from ceasefire import pipeline
from ceasefire.commands import export as export_cmd
from ceasefire.commands import ingest as ingest_cmd
from ceasefire.commands import stats as stats_cmd
from ceasefire.records import Document
from ceasefire.store import open_store

ARTICLES = [
    {
        "id": "t-1",
        "url": "https://ridgeline.test/news/1",
        "outlet": "ridgeline.test",
        "published": "2024-03-04",
        "title": "Shelling in Vellna",
        "text": "Artillery shells hit the central market of Vellna on Monday, killing four civilians "
        "and wounding eleven, the regional governor said. The army denied firing on the town.",
    },
    {
        "id": "t-2",
        "outlet": "ridgeline.test",
        "published": "2024-03-09",
        "text": "Hundreds of people marched through the capital on Saturday to demand the release of "
        "detained journalists. Police said two protesters were arrested.",
    },
    {
        "id": "t-3",
        "url": "https://coastwire.test/story/77",
        "outlet": "coastwire.test",
        "published": "2024-04-15",
        "text": "Negotiators from both governments met in the border town of Orsk and agreed to exchange "
        "forty prisoners next week, the mediators announced.",
    },
    {
        "id": "t-4",
        "outlet": "coastwire.test",
        "published": "2024-04-20",
        "text": "A drone struck a fuel depot near the port overnight, starting a fire that burned for hours. "
        "No casualties were reported.",
    },
    {
        "id": "t-5",
        "outlet": "coastwire.test",
        "text": "The defence ministry said its forces had pushed back an attack on a checkpoint east of "
        "the river, but the rebels claimed they had captured it.",
    },
]


@pytest.fixture(scope="module")
def app() -> typer.Typer:
    app = typer.Typer()
    for module in (ingest_cmd, stats_cmd, export_cmd):
        module.register(app)
    return app


@pytest.fixture
def run(app, monkeypatch):
    monkeypatch.delenv("CEASEFIRE_DB", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None):
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


@pytest.fixture
def articles_file(tmp_path):
    path = tmp_path / "in" / "articles.jsonl"
    path.parent.mkdir()
    path.write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n", encoding="utf-8")
    return path


def exported(run, db: str) -> list[Document]:
    result = run("export", "--db", db, "--format", "jsonl", "--quiet")
    assert result.exit_code == 0, result.output
    return [Document.model_validate_json(line) for line in result.stdout.splitlines()]


def test_ingest_twice_stores_each_article_once(run, nlp, tmp_path, articles_file):
    db = str(tmp_path / "twice.db")
    first = run("ingest", str(articles_file), "--db", db)
    assert first.exit_code == 0, first.output
    assert f"{len(ARTICLES)} stored, 0 already present" in first.stderr
    docs = exported(run, db)
    assert sorted(d.article.id for d in docs) == sorted(a["id"] for a in ARTICLES)
    for doc, again in zip(docs, exported(run, db), strict=True):
        assert doc == again

    second = run("ingest", str(articles_file.parent), "--db", db)  # the folder this time
    assert second.exit_code == 0, second.output
    assert f"0 stored, {len(ARTICLES)} already present" in second.stderr
    assert len(exported(run, db)) == len(ARTICLES)


def test_export_keeps_the_articles_and_their_text(run, nlp, tmp_path, articles_file):
    db = str(tmp_path / "texts.db")
    run("ingest", str(articles_file), "--db", db, "--quiet")
    by_id = {d.article.id: d for d in exported(run, db)}
    for given in ARTICLES:
        article = by_id[given["id"]].article
        assert article.text == given["text"]
        assert article.url == given.get("url")
        assert article.published == given.get("published")


def test_db_from_url_option_or_environment(run, nlp, tmp_path, articles_file):
    by_url = tmp_path / "by_url.db"
    assert run("ingest", str(articles_file), "--db", f"sqlite:///{by_url}", "-q").exit_code == 0
    by_env = tmp_path / "by_env.db"
    assert run("ingest", str(articles_file), "-q", env={"CEASEFIRE_DB": str(by_env)}).exit_code == 0
    for path in (by_url, by_env):
        with open_store(f"sqlite:///{path}", must_exist=True) as store:
            assert store.counts()["articles"] == len(ARTICLES)
    # the environment names the database the reading commands use as well
    stats = run("stats", "--json", env={"CEASEFIRE_DB": f"sqlite:///{by_env}"})
    assert json.loads(stats.stdout)["articles"] == len(ARTICLES)


def test_interrupted_ingest_is_consistent_and_a_rerun_completes_it(
    run, nlp, tmp_path, articles_file, monkeypatch
):
    calls = []

    def flaky(ctx: pipeline.Context) -> None:
        calls.append(ctx.article.id)
        if len(calls) > 2:  # the third document: after the first batch of two was committed
            raise KeyboardInterrupt

    monkeypatch.setitem(pipeline._REGISTRY, "flaky", flaky)
    db = str(tmp_path / "interrupted.db")
    broken = run("ingest", str(articles_file), "--db", db, "--stages", "flaky", "--batch-size", "2")
    assert broken.exit_code == 130
    assert "run the same command again" in broken.stderr
    with open_store(f"sqlite:///{db}") as store:
        counts = store.counts()
        assert counts["articles"] == counts["documents"] == 2
        kept = [d.article.id for d in store.iter_documents()]
    assert kept == calls[:2]

    rerun = run("ingest", str(articles_file), "--db", db, "--batch-size", "2")
    assert rerun.exit_code == 0, rerun.output
    assert f"{len(ARTICLES) - 2} stored, 2 already present" in rerun.stderr
    assert sorted(d.article.id for d in exported(run, db)) == sorted(a["id"] for a in ARTICLES)


def test_an_article_that_breaks_a_stage_is_reported_and_skipped(
    run, nlp, tmp_path, articles_file, monkeypatch
):
    def broken_stage(ctx: pipeline.Context) -> None:
        if ctx.article.id == "t-4":
            raise RuntimeError("stage bug")

    monkeypatch.setitem(pipeline._REGISTRY, "broken", broken_stage)
    db = str(tmp_path / "failing.db")
    result = run("ingest", str(articles_file), "--db", db, "--stages", "broken", "--batch-size", "1")
    assert result.exit_code == 0, result.output
    assert "t-4" in result.stderr and "stage bug" in result.stderr
    with open_store(f"sqlite:///{db}") as store:
        assert store.counts()["documents"] == len(ARTICLES) - 1
        assert not store.has_article("t-4")


def test_stats_match_what_was_ingested(run, nlp, tmp_path, articles_file):
    db = str(tmp_path / "stats.db")
    run("ingest", str(articles_file), "--db", db, "-q")
    result = run("stats", "--db", db, "--json")
    assert result.exit_code == 0, result.output
    stats = json.loads(result.stdout)
    docs = exported(run, db)
    assert stats["articles"] == stats["documents"] == len(ARTICLES)
    outlets: dict[str, int] = {}
    for a in ARTICLES:
        outlets[a["outlet"]] = outlets.get(a["outlet"], 0) + 1
    assert {r["outlet"]: r["n"] for r in stats["articles_by_outlet"]} == outlets
    assert stats["events"] == sum(len(d.events) for d in docs)
    assert stats["claims"] == sum(len(d.claims) for d in docs)
    assert sum(r["n"] for r in stats["events_by_type"]) == stats["events"]
    assert sum(r["n"] for r in stats["claims_by_stance"]) == stats["claims"]
    assert stats["words"] == sum(len(a["text"].split()) for a in ARTICLES)
    table = run("stats", "--db", db)
    assert table.exit_code == 0
    assert "coastwire.test" in table.stdout and "articles by month" in table.stdout


def test_csv_export_has_a_row_per_record(run, nlp, tmp_path, articles_file):
    db = str(tmp_path / "csv.db")
    run("ingest", str(articles_file), "--db", db, "-q")
    docs = exported(run, db)
    for records, expected in (
        ("articles", len(docs)),
        ("events", sum(len(d.events) for d in docs)),
        ("claims", sum(len(d.claims) for d in docs)),
    ):
        out = tmp_path / f"{records}.csv"
        result = run("export", "--db", db, "--format", "csv", "--records", records, "-o", str(out), "-q")
        assert result.exit_code == 0, result.output
        rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
        assert len(rows) == expected, records
    articles = list(csv.DictReader(io.StringIO((tmp_path / "articles.csv").read_text(encoding="utf-8"))))
    undated = [r["article_id"] for r in articles if r["published"] == ""]
    assert undated == [a["id"] for a in ARTICLES if "published" not in a]


def test_export_date_range(run, nlp, tmp_path, articles_file):
    db = str(tmp_path / "range.db")
    run("ingest", str(articles_file), "--db", db, "-q")
    result = run("export", "--db", db, "--since", "2024-03-05", "--until", "2024-04-15", "-q")
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["t-2", "t-3"]
    bad = run("export", "--db", db, "--since", "last week")
    assert bad.exit_code == 2


def test_nothing_readable_exits_1(run, tmp_path):
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    db = str(tmp_path / "none.db")
    result = run("ingest", str(empty), str(tmp_path / "missing.jsonl"), "--db", db)
    assert result.exit_code == 1
    assert "0 stored" in result.stderr


def test_reading_commands_do_not_create_a_database(run, tmp_path):
    missing = tmp_path / "never.db"
    for args in (("stats",), ("export",)):
        result = run(*args, "--db", str(missing))
        assert result.exit_code == 1
        assert "no database" in result.stderr
    assert not missing.exists()


def test_unknown_stage_or_format_is_a_usage_error(run, tmp_path, articles_file):
    db = str(tmp_path / "usage.db")
    assert run("ingest", str(articles_file), "--db", db, "--stages", "no-such-stage").exit_code == 2
    run("ingest", str(articles_file), "--db", db, "--stages", "none", "-q")
    assert run("export", "--db", db, "--format", "xlsx").exit_code == 2
    assert run("export", "--db", db, "--format", "jsonl", "--records", "events").exit_code == 2


def test_ingest_links_new_articles_into_incidents_unless_told_not_to(run, nlp, tmp_path, articles_file):
    link_store = pytest.importorskip("ceasefire.link.store")
    unlinked = str(tmp_path / "unlinked.db")
    assert run("ingest", str(articles_file), "--db", unlinked, "--no-link", "-q").exit_code == 0
    with open_store(f"sqlite:///{unlinked}") as store:
        with_events = {d.article.id for d in store.iter_documents() if d.events}
        assert set(link_store.pending_articles(store)) == with_events
    linked = str(tmp_path / "linked.db")
    assert run("ingest", str(articles_file), "--db", linked, "-q").exit_code == 0
    with open_store(f"sqlite:///{linked}") as store:
        assert link_store.pending_articles(store) == []


def test_a_rerun_sends_nothing_through_the_pipeline(run, nlp, tmp_path, articles_file, monkeypatch):
    db = str(tmp_path / "rerun.db")
    assert run("ingest", str(articles_file), "--db", db, "--stages", "none", "-q").exit_code == 0
    reached = []
    monkeypatch.setitem(pipeline._REGISTRY, "spy", lambda ctx: reached.append(ctx.article.id))
    again = run("ingest", str(articles_file), "--db", db, "--stages", "spy")
    assert again.exit_code == 0
    assert reached == []
    # one new article among the old ones: only it is processed
    extra = tmp_path / "extra.jsonl"
    extra.write_text(
        json.dumps({"id": "t-6", "text": "Engineers repaired the dam on the river after weeks of shelling."})
        + "\n",
        encoding="utf-8",
    )
    assert run("ingest", str(articles_file), str(extra), "--db", db, "--stages", "spy", "-q").exit_code == 0
    assert reached == ["t-6"]
