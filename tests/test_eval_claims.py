"""The PolNeAR and Emergent evaluators: scoring on invented spans, and quick runs on the shared data."""

from __future__ import annotations

import pytest

from ceasefire.eval import run
from ceasefire.eval.emergent import headline_stance, sentence_case
from ceasefire.eval.polnear import Tally, _match, metrics_of, parse_ann

ANN = "\n".join(
    [
        "T1\tSource 0 9\tThe mayor",
        "T2\tCue 10 14\tsaid",
        "T3\tContent 15 30;32 40\tthe road is open and safe",
        "T4\tAttribution 10 14\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        "T5\tCue 50 56\tblamed",
        "T6\tContent 57 70\tthe weather x",
        "T7\tContent2 75 80\tagain",
        "T8\tAttribution-no-source 50 56\tblamed",
        "E2\tAttribution-no-source:T8 Cue:T5 Content:T6 Content2:T7",
        "T9\tCue 90 95\tnoted",
        "T10\tDiscard 90 95\tnoted",
        "E3\tDiscard:T10 Cue:T9",
    ]
)


def test_parse_ann_joins_discontinuous_and_second_contents_and_skips_discards():
    gold = parse_ann(ANN)
    assert gold["source"] == [(0, 9)]  # the no-source attribution adds no source item
    assert gold["cue"] == [(10, 14), (50, 56)]
    assert gold["content"] == [(15, 40), (57, 80)]


def test_matching_exact_overlap_and_proportional():
    tally = Tally()
    # one exact hit, one half-covering prediction, one spurious prediction; one gold missed
    _match([(0, 10), (20, 40), (100, 110)], [(0, 10), (30, 40), (60, 70)], tally)
    m = metrics_of({"content": tally})
    assert tally.exact == 1 and tally.overlap == 2
    assert m["content_p_exact"] == pytest.approx(1 / 3, abs=1e-3)
    assert m["content_r_overlap"] == pytest.approx(2 / 3, abs=1e-3)
    # proportional: precision (1 + 0.5) / 3 predicted, recall (1 + 1) / 3 gold
    assert m["content_p_prop"] == pytest.approx(0.5, abs=1e-3)
    assert m["content_r_prop"] == pytest.approx(2 / 3, abs=1e-3)


def test_matching_is_one_to_one():
    tally = Tally()
    _match([(0, 10), (0, 10)], [(0, 10)], tally)
    assert tally.exact == 1 and tally.overlap == 1


@pytest.mark.parametrize(
    ("headline", "stance"),
    [
        ("Ministry denies that rebels captured the airport", "against"),
        ("Rebels captured the airport, officials say", "observing"),
        ("Rebels reportedly captured the airport", "observing"),
        ("Rebels capture the airport after a night of fighting", "for"),
        ("No, the rebels did not capture the airport", "against"),
        ("Story of captured airport is a hoax", "against"),
        ("Army Denies Rebels Captured The Airport", "against"),
        ("Rebels capture the airport: ministry", "observing"),
        ("Alleged video of the airport battle surfaces", "observing"),
    ],
)
def test_headline_stance(nlp, headline, stance):
    assert headline_stance(nlp(sentence_case(headline))) == stance


def test_sentence_case_only_touches_title_case():
    assert (
        sentence_case("Army Denies Rebels Captured The Airport") == "Army denies rebels captured the airport"
    )
    assert sentence_case("NATO Says Troops Moved") == "NATO says troops moved"
    assert sentence_case("Rebels capture the airport in Mali") == "Rebels capture the airport in Mali"


def test_polnear_quick(shared_eval):
    metrics = run("polnear", data=shared_eval / "claims" / "polnear", limit=2)
    assert metrics["n"] == 2
    for key in ("source_f1_prop", "cue_f1_prop", "content_f1_prop", "content_f1_exact", "source_f1_overlap"):
        assert 0.0 <= metrics[key] <= 1.0
    assert metrics["cue_f1_overlap"] > 0.2


def test_emergent_quick(shared_eval):
    metrics = run("emergent", data=shared_eval / "claims" / "emergent", limit=40)
    assert metrics["n"] == 40
    assert metrics["accuracy"] > 0.4 and 0.0 <= metrics["macro_f1"] <= 1.0


@pytest.mark.slow
def test_polnear_full(shared_eval):
    metrics = run("polnear", data=shared_eval / "claims" / "polnear")
    assert metrics["n"] == 84
    assert metrics["source_f1_prop"] >= 0.55 and metrics["content_f1_prop"] >= 0.5


@pytest.mark.slow
def test_emergent_full(shared_eval):
    metrics = run("emergent", data=shared_eval / "claims" / "emergent")
    assert metrics["n"] == 524
    assert metrics["accuracy"] >= 0.6


@pytest.mark.slow
def test_news_claims_meet_the_issue_bars(shared_eval):
    """Issue 5's bars for the ledger on the development news (two incidents, 30 articles)."""
    metrics = run("news", data=shared_eval / "news")
    assert metrics["claims_recall"] >= 0.70 and metrics["claims_precision"] >= 0.70
    assert metrics["stance_accuracy"] >= 0.90
