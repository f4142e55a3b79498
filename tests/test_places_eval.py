"""The geo and event-location evaluators on the shared data (slow: they run the whole stage)."""

from __future__ import annotations

import pytest

from ceasefire.eval import run
from ceasefire.resolve.gazetteer import open_gazetteer


@pytest.fixture
def gazetteer_env(default_gazetteer, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_GAZETTEER", str(default_gazetteer))
    open_gazetteer.cache_clear()
    yield
    open_gazetteer.cache_clear()


@pytest.mark.slow
@pytest.mark.parametrize("name", ["geowebnews", "lgl", "tr-news"])
def test_geo_evaluators_report_their_metrics(shared_eval, gazetteer_env, name):
    metrics = run(name, limit=5)
    assert metrics["dataset"] == name and metrics["n"] > 0
    for key in ("acc_161", "acc_161_e2e", "acc_161_resolved", "auc", "geotag_f1"):
        assert 0.0 <= metrics[key] <= 1.0
    assert metrics["acc_161_e2e"] <= metrics["acc_161_resolved"] or metrics["n_resolved"] == 0


@pytest.mark.slow
def test_event_location_evaluator(shared_eval, gazetteer_env):
    metrics = run("event-location", limit=40)
    assert metrics["n"] > 0 and 0.0 <= metrics["accuracy"] <= 1.0
