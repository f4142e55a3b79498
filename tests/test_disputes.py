"""``ceasefire disputes`` on two invented articles that contradict each other."""

from __future__ import annotations

import json

from test_link import clash_reports
from test_link_helpers import make_db, run_cli


def test_disputes_jsonl_has_the_stance_and_the_figures_dispute(tmp_path):
    db = make_db(tmp_path / "x.db", clash_reports())
    result = run_cli("disputes", "--db", db, "--format", "jsonl")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    by_kind = {r["kind"]: r for r in rows}
    assert sorted(by_kind) == ["figures", "stance"]
    stance = by_kind["stance"]
    assert {(s["source"], s["stance"]) for s in stance["sides"]} >= {
        ("ARM-MOD", "asserts"),
        ("AZE-MOD", "denies"),
    }
    assert all(set(s) == {"source", "stance", "claims"} for s in stance["sides"])
    figures = by_kind["figures"]
    assert sorted((s["figure"]["killed"], s["figure"]["wounded"]) for s in figures["sides"]) == [
        (3, 14),
        (3, 15),
    ]
    assert {c["article"] for s in figures["sides"] for c in s["claims"]} == {"n-1", "n-2"}
    assert stance["incident"] == figures["incident"]


def test_disputes_kind_filter(tmp_path):
    db = make_db(tmp_path / "x.db", clash_reports())
    result = run_cli("disputes", "--db", db, "--format", "jsonl", "--kind", "figures")
    kinds = {json.loads(line)["kind"] for line in result.stdout.splitlines()}
    assert kinds == {"figures"}
    bad = run_cli("disputes", "--db", db, "--kind", "opinion")
    assert bad.exit_code != 0
