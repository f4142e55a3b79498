"""``ceasefire incidents`` on a database of hand-built documents."""

from __future__ import annotations

import json

from test_link import clash_reports, wire_copy
from test_link_helpers import make_db, run_cli


def test_incidents_jsonl_follows_the_contract(tmp_path):
    db = make_db(tmp_path / "x.db", [*clash_reports(), wire_copy("w-9", "far.example")])
    result = run_cli("incidents", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1
    inc = rows[0]
    for key in ("id", "type", "place", "date_start", "date_end", "actors", "reports", "figures"):
        assert key in inc
    assert {"article", "event"} <= set(inc["reports"][0])
    assert {"killed", "wounded", "source", "article"} <= set(inc["figures"][0])
    assert sorted(inc["articles"]) == ["n-1", "n-2", "w-9"]


def test_incidents_filters_and_table(tmp_path):
    db = make_db(tmp_path / "x.db", clash_reports())
    table = run_cli("incidents", "--db", db)
    assert table.exit_code == 0 and "Velmora" in table.stdout
    none = run_cli("incidents", "--db", db, "--format", "jsonl", "--since", "2031-06-01")
    assert none.exit_code == 0 and none.stdout == ""
    other = run_cli("incidents", "--db", db, "--format", "jsonl", "--country", "AZE")
    assert other.stdout == ""
    bad = run_cli("incidents", "--db", db, "--type", "SKIRMISH")
    assert bad.exit_code != 0 and "PLOVER" in bad.output


def test_incidents_without_database_is_a_clear_error(tmp_path):
    result = run_cli("incidents", "--db", str(tmp_path / "missing.db"))
    assert result.exit_code == 1
    assert "no database" in result.output
