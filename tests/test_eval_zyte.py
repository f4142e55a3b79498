"""The zyte evaluation: the shingle metric on strings written here, and a short run on the data."""

from __future__ import annotations

import pytest

from ceasefire.eval.zyte import shingle_scores, shingles


def test_shingles_are_a_multiset_of_four_token_runs() -> None:
    grams = shingles("the guns fell silent, the guns fell silent")
    assert grams[("the", "guns", "fell", "silent")] == 2
    assert sum(grams.values()) == 5  # 8 tokens -> 5 runs of 4


def test_short_text_is_one_shingle() -> None:
    assert shingles("truce holds") == {("truce", "holds"): 1}
    assert shingles("") == {}


def test_identical_texts_score_one() -> None:
    text = "Two villages were shelled overnight and three people were wounded, officials said."
    assert shingle_scores(text, text) == (1.0, 1.0, 1.0)


def test_extra_text_lowers_precision_only() -> None:
    truth = "Two villages were shelled overnight and three people were wounded, officials said."
    predicted = truth + " Subscribe to our newsletter for more stories like this one."
    precision, recall, f1 = shingle_scores(predicted, truth)
    assert recall == 1.0
    assert 0.4 < precision < 1.0
    assert precision < f1 < recall


def test_missing_text_lowers_recall_only() -> None:
    truth = "Two villages were shelled overnight. Three people were wounded and a school was damaged, officials said."
    predicted = "Two villages were shelled overnight."
    precision, recall, _ = shingle_scores(predicted, truth)
    assert precision == 1.0
    assert 0.0 < recall < 0.5


def test_empty_prediction() -> None:
    assert shingle_scores(None, "Some words that should have been found here.") == (0.0, 0.0, 0.0)
    assert shingle_scores("", "") == (1.0, 1.0, 1.0)
    assert shingle_scores("Unwanted words in the prediction.", "") == (0.0, 0.0, 0.0)


def test_disjoint_texts_score_zero() -> None:
    assert (
        shingle_scores("the ceasefire was signed in the capital", "rain is expected over the coast tomorrow")[
            2
        ]
        == 0.0
    )


def test_eval_on_five_pages(shared_eval) -> None:
    from ceasefire.eval import run

    metrics = run("zyte", data=shared_eval / "extraction" / "zyte", limit=5)
    assert metrics["dataset"] == "zyte"
    assert metrics["n"] == 5
    for key in ("f1", "precision", "recall", "accuracy"):
        assert 0.0 <= metrics[key] <= 1.0


@pytest.mark.slow
def test_eval_full_reaches_published_level(shared_eval) -> None:
    from ceasefire.eval import run

    metrics = run("zyte", data=shared_eval / "extraction" / "zyte")
    assert metrics["n"] == 181
    assert metrics["f1"] >= 0.95
