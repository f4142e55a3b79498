"""Casualty figures as news reports give them: one figure per event, on invented sentences."""

from __future__ import annotations

from ceasefire.nlp import sentences_of
from ceasefire.pipeline import Context, available_stages, get_stage
from ceasefire.records import Article, Event


def figures(nlp, text: str) -> list[Event]:
    """The events of ``text`` that carry a casualty count."""
    doc = nlp(text)
    ctx = Context(
        article=Article(id="t", text=text, published="2024-02-10"), doc=doc, sentences=sentences_of(doc)
    )
    for name in ("actors", "places", "events"):
        if name in available_stages():
            get_stage(name)(ctx)
    return [e for e in ctx.events if any(v is not None for v in (e.killed, e.wounded, e.missing, e.captured))]


def test_another_count_continues_the_figure_of_the_nearer_trigger(nlp):
    # two triggers ("rocket", "attack"); the wounded count still belongs to the killed one's figure
    found = figures(
        nlp,
        "Doctors said that 23 people were killed as a result of the rocket attack, and another 61 were hurt.",
    )
    assert [(e.killed, e.wounded) for e in found] == [(23, 61)]


def test_others_continues_the_figure(nlp):
    found = figures(
        nlp, "The mortar barrage, which the army blamed on rebels, killed 8 people and injured 19 others."
    )
    assert [(e.killed, e.wounded) for e in found] == [(8, 19)]


def test_no_lives_lost_is_an_explicit_zero(nlp):
    found = figures(nlp, "The governor said no civilian lives were lost during the raid on the village.")
    assert [e.killed for e in found] == [0]


def test_killing_of_a_number_is_a_death_count(nlp):
    found = figures(nlp, "Residents described the killing of 35 herders by gunmen near the river.")
    assert [e.killed for e in found] == [35]


def test_execution_of_an_estimated_number(nlp):
    found = figures(nlp, "Monitors condemned the execution of an estimated 140 prisoners by the militia.")
    assert [e.killed for e in found] == [140]


def test_execution_without_victims_is_no_count(nlp):
    found = figures(nlp, "Reporters spoke with 14 witnesses about the executions in the valley.")
    assert found == []


def test_people_with_knowledge_of_killings_are_no_victims(nlp):
    found = figures(nlp, "The group interviewed 40 residents with knowledge of the killings.")
    assert found == []


def test_past_killing_found_by_a_new_report_is_news(nlp):
    found = figures(nlp, "A UN report said that soldiers killed 90 villagers near the lake in March 2022.")
    assert [(e.killed, e.background) for e in found] == [(90, False)]


def test_past_killing_without_a_report_is_background(nlp):
    found = figures(nlp, "Soldiers killed 90 villagers near the lake in March 2022.")
    assert [(e.killed, e.background) for e in found] == [(90, True)]


def test_a_past_war_stays_background_even_when_reported(nlp):
    found = figures(nlp, "The report said the 2020 war killed 6,500 soldiers.")
    assert [e.background for e in found] == [True]


def test_breakdown_after_including_is_not_a_figure_of_its_own(nlp):
    found = figures(
        nlp, "At least 64 villagers, including about a dozen women and nine children, were massacred."
    )
    assert [e.killed for e in found] == [64]


def test_breakdown_in_apposition_is_not_a_figure_of_its_own(nlp):
    found = figures(
        nlp, "Medics said 70 people – 41 men, 20 children and nine women – were wounded in the blast."
    )
    assert [e.wounded for e in found] == [70]


def test_several_hundred_is_vague_not_one_hundred(nlp):
    found = figures(nlp, "Militiamen seized several hundred men and shot dead about 150 of them.")
    assert [e.killed for e in found] == [150]


def test_count_reaches_its_noun_over_modifiers(nlp):
    found = figures(nlp, "By dawn at least 14 herders and a dozen alleged members of a militia, were dead.")
    assert sorted(e.killed for e in found) == [12, 14]
