"""In-article reference resolution for actors, on hard cases written for these tests."""

from __future__ import annotations

from ceasefire.pipeline import Context
from stage_helpers import actor_at, run_stages


def run(nlp, text: str) -> Context:
    return run_stages(nlp, text, ("actors",), published="2022-04-08")


at = actor_at


def test_two_ministries_in_one_paragraph(nlp):
    ctx = run(
        nlp,
        "Armenia's Foreign Ministry accused Baku of shelling border villages. "
        "Azerbaijan's Defence Ministry rejected the accusation. "
        "It said its units had not opened fire. The ministry called the reports a provocation.",
    )
    aze_mod = at(ctx, "Azerbaijan's Defence Ministry")
    assert aze_mod.id == "AZE-GOV-MOD"
    assert at(ctx, "It said") is aze_mod
    assert at(ctx, "its units") is aze_mod
    assert at(ctx, "ministry called") is aze_mod
    assert at(ctx, "Armenia's Foreign Ministry").id == "ARM-GOV-MFA"


def test_quote_then_it_said_skips_actors_inside_the_quote(nlp):
    ctx = run(
        nlp,
        'The Russian Defence Ministry issued a statement on Friday. "Ukraine fired the missile," it said.',
    )
    assert at(ctx, "it said").id == at(ctx, "Russian Defence Ministry").id
    assert at(ctx, "Ukraine").country == "UKR"


def test_they_for_troops(nlp):
    ctx = run(nlp, "Russian peacekeepers arrived in the village on Tuesday. They set up two checkpoints.")
    assert at(ctx, "They") is at(ctx, "Russian peacekeepers")


def test_he_and_she_for_people(nlp):
    ctx = run(
        nlp,
        "Ukrainian President Volodymyr Zelensky visited the station. He said the strike was a war crime.",
    )
    assert at(ctx, "He") is at(ctx, "Volodymyr Zelensky")


def test_it_is_not_attached_everywhere(nlp):
    ctx = run(nlp, "The Azerbaijani Defence Ministry spoke on Monday. It is unclear when the talks resume.")
    assert at(ctx, "It is") is None


def test_the_army_refers_back_to_a_military(nlp):
    ctx = run(
        nlp,
        "Malian soldiers entered the town on Sunday. Residents fled. The army later said the operation was over.",
    )
    assert at(ctx, "army") is at(ctx, "Malian soldiers")
    assert at(ctx, "army").country == "MLI"


def test_spokesman_for_a_body_is_that_body(nlp):
    ctx = run(nlp, "A spokesman for the Armenian Foreign Ministry said the talks had failed.")
    assert at(ctx, "spokesman") is at(ctx, "Armenian Foreign Ministry")


def test_definite_description_span_covers_its_words(nlp):
    ctx = run(nlp, "Ukraine's Defence Ministry spoke first. Later the ministry changed its account.")
    mod = at(ctx, "Ukraine's Defence Ministry")
    start = ctx.text.index("the ministry")
    assert (start, start + len("the ministry")) in [tuple(s) for s in mod.spans]


def test_text_without_actors_gives_none(nlp):
    ctx = run(nlp, "It rained all day and the roads were closed.")
    assert ctx.actors == []


def test_a_body_word_before_a_role_noun_refers_back_to_the_body(nlp):
    # "a ministry spokesperson" speaks for the ministry named before, though "a" is indefinite;
    # "an army official" has no army before it and stays unresolved to a body
    ctx = run(
        nlp,
        "Georgia's Foreign Ministry rejected claims of a withdrawal on Monday. "
        '"The troops are still there," a ministry spokesperson said at a briefing. '
        "An army official said the patrols would continue.",
    )
    assert at(ctx, "ministry spokesperson").id == "GEO-GOV-MFA"
    army = at(ctx, "army official")
    assert army is None or army.country is None
