"""The news scorer on invented articles and an invented gold annotation (not the shared data)."""

from __future__ import annotations

import pytest

from ceasefire.eval.news import Sentences, max_matching, score
from test_link import clash_reports
from test_link_helpers import build


def test_sentence_rule_splits_before_capitals_and_digits_only():
    text = 'He said "Shells fell." Then   quiet. 12 were hurt. it was e.g. late? Yes.'
    sents = Sentences(text)
    starts = [text[s : s + 4] for s in sents.starts]
    assert starts == ["He s", "Then", "12 w", "Yes."]
    assert sents.of(text.index("quiet")) == 1
    assert sents.find("Then quiet") == text.index("Then")  # whitespace-insensitive fallback


def test_matching_is_one_to_one_and_maximal():
    # left 0 can take 0 or 1, left 1 only 0: the best matching uses both
    pairs = max_matching(2, 2, lambda i, j: (i, j) in {(0, 0), (0, 1), (1, 0)})
    assert pairs == [(0, 1), (1, 0)]
    assert max_matching(3, 1, lambda i, j: True) == [(0, 0)]


def _gold() -> dict:
    return {
        "incident": 1,
        "places": {"velmora": {"geonames_id": None, "lat": 40.11, "lon": 45.21, "country": "ARM"}},
        "actors": {
            "arm-mod": {"countries": ["ARM"], "sectors": ["military"]},
            "aze-mod": {"countries": ["AZE"], "sectors": ["military"]},
        },
        "articles": {
            "n-1": {
                "places": [{"place": "velmora", "evidence": "Velmora"}],
                "claims": [
                    {"source": "arm-mod", "stance": "asserts", "evidence": "attacked positions near Velmora"},
                ],
                "figures": [
                    {
                        "source": "arm-mod",
                        "killed": 3,
                        "wounded": 15,
                        "background": False,
                        "evidence": "Three soldiers were killed and fifteen wounded",
                    },
                    {
                        "source": "outlet",
                        "killed": None,
                        "wounded": None,
                        "qualifier": "dozens",
                        "background": False,
                        "evidence": "the ministry added",
                    },
                ],  # fmt: skip
            },
            "n-2": {
                "places": [],
                "claims": [
                    {"source": "aze-mod", "stance": "denies", "evidence": "denied that its forces attacked"},
                    {"source": "outlet", "stance": "asserts", "evidence": "Local officials said"},
                ],
                "figures": [
                    {
                        "source": "outlet",
                        "killed": 3,
                        "wounded": 14,
                        "background": False,
                        "evidence": "three soldiers were killed and fourteen wounded",
                    },
                ],  # fmt: skip
            },
        },
        "disputes": [
            {
                "kind": "stance",
                "sides": [
                    {"source": "arm-mod", "stance": "asserts", "articles": ["n-1"]},
                    {"source": "aze-mod", "stance": "denies", "articles": ["n-2"]},
                ],
            },
            {
                "kind": "figures",
                "sides": [
                    {"source": "arm-mod", "killed": 3, "wounded": 15, "articles": ["n-1"]},
                    {"source": "outlet", "killed": 3, "wounded": 14, "articles": ["n-2"]},
                ],
            },
            {
                "kind": "figures",
                "sides": [
                    {"source": "arm-mod", "captured": 4, "articles": ["n-1"]},
                    {"source": "aze-mod", "captured": None, "qualifier": "some", "articles": ["n-2"]},
                ],
            },
        ],  # fmt: skip
    }


def test_score_counts_matches_by_the_readme_rules():
    docs = [build(a) for a in clash_reports()]
    rows = [{"id": "n-1", "incident": 1}, {"id": "n-2", "incident": 1}]
    m = score(docs, rows, {1: _gold()})
    # n-1 has one place (Velmora, within 25 km); n-2 has Velmora and Dastan (7 km away): both near gold
    assert m["places_recall"] == 1.0 and m["places_precision"] == 1.0
    # gold: 3 claims; output: n-1's 2 ARM-MOD claims (one in the claim's sentence) + n-2's denial
    assert m["claims_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["claims_precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert m["stance_accuracy"] == 1.0
    # the "dozens" figure has no number to meet: left out and counted apart
    assert m["figures_gold_unscored"] == 1
    assert m["figures_recall"] == 1.0 and m["figures_precision"] == 1.0
    assert m["incident_f1"] == 1.0
    # the captured dispute has one numeric side only: not scored
    assert m["disputes_gold"] == 2
    assert m["disputes_recall"] == 1.0 and m["disputes_precision"] == 1.0
    assert m["incident_1.incident_f1"] == 1.0


def test_score_is_robust_to_empty_output():
    docs = [build(a) for a in clash_reports()]
    for doc in docs:
        doc.events.clear()
        doc.claims.clear()
        doc.places.clear()
    rows = [{"id": "n-1", "incident": 1}, {"id": "n-2", "incident": 1}]
    m = score(docs, rows, {1: _gold()})
    assert m["claims_recall"] == 0.0 and m["claims_precision"] is None
    assert m["incident_f1"] == 0.0 and m["disputes_precision"] is None


@pytest.mark.slow
def test_news_evaluation_runs_on_the_shared_data(shared_eval):
    from ceasefire import eval as ev

    m = ev.run("news", limit=6)
    assert m["n"] == 6
    assert m["evidence_not_found"] == 0
    for key in ("places_recall", "claims_recall", "figures_recall", "incident_f1", "disputes_recall"):
        assert key in m
