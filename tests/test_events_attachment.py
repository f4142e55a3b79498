"""Who did it to whom: actor and target attachment of events, on invented news sentences."""

from __future__ import annotations

import pytest

from ceasefire.extract.events import main_event
from ceasefire.pipeline import Context, available_stages
from stage_helpers import run_stages

pytestmark = pytest.mark.skipif(
    "actors" not in available_stages(), reason="the actors stage is not installed"
)


def run(nlp, text: str) -> Context:
    return run_stages(nlp, text, ("actors", "events"))


def sides(ctx: Context) -> tuple[str | None, str | None]:
    """(actor country, target country) of the main event."""
    main = main_event(ctx.events, ctx.doc)
    assert main is not None, f"no event in {ctx.text!r}"
    by_id = {a.id: a for a in ctx.actors}
    actor = by_id[main.actor].country if main.actor else None
    target = by_id[main.target].country if main.target else None
    return actor, target


def main_trigger(ctx: Context) -> str:
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and main.spans.trigger is not None
    return ctx.text[slice(*main.spans.trigger)]


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Chile says it is willing to withdraw its troops from the border area.", "CHL"),
        ("Kenya is ready to send troops to the region, its foreign minister said.", "KEN"),
        ("Peruvian students resorted to throwing stones during the rally.", "PER"),
    ],
)
def test_agent_through_adjectives_and_gerunds(nlp, text, country):
    actor, _ = sides(run(nlp, text))
    assert actor == country


def test_unresolved_possessive_takes_the_reporting_subject(nlp):
    ctx = run(nlp, "Croatian officials said on Friday that their forces had completed their withdrawal.")
    assert sides(ctx)[0] == "HRV"


def test_by_phrase_of_an_active_verb_is_no_agent(nlp):
    # "by far" is no attacker: the subject of the coordinated clause is
    ctx = run(
        nlp,
        "Ghana opened its ports, but was still refusing entry to Togolese traders, by far the largest group.",
    )
    event = next(e for e in ctx.events if e.type == "REJECT")
    assert next(a.country for a in ctx.actors if a.id == event.actor) == "GHA"


def test_scene_setting_trigger_is_not_the_main_event(nlp):
    ctx = run(nlp, "Nepal lifted the curfew in the capital after clashes between rival groups last week.")
    assert main_trigger(ctx).lower() != "clashes"
    assert sides(ctx)[0] == "NPL"


def test_state_act_of_a_demonym_is_the_target_government(nlp):
    ctx = run(nlp, "Norway on Monday rejected a Danish proposal on fishing quotas.")
    assert sides(ctx) == ("NOR", "DNK")


def test_offer_from_a_country_is_not_a_place(nlp):
    ctx = run(nlp, "Uruguay rejected a fresh offer from Paraguay for talks on the river.")
    assert sides(ctx) == ("URY", "PRY")


def test_casualty_victims_become_the_target(nlp):
    ctx = run(nlp, "Insurgents wounded three Nigerian soldiers in a bomb attack on Tuesday.")
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and main.target is not None
    assert next(a.country for a in ctx.actors if a.id == main.target) == "NGA"


def test_demand_targets_the_subject_of_its_clause(nlp):
    ctx = run(nlp, "The union demanded that the Ghanaian government release the detained workers.")
    event = next(e for e in ctx.events if e.type == "REQUEST")
    assert next(a.country for a in ctx.actors if a.id == event.target) == "GHA"


def test_shelled_towns_target_that_countrys_people(nlp):
    ctx = run(nlp, "Artillery units shelled two Bolivian villages overnight.")
    event = next(e for e in ctx.events if e.type == "ASSAULT")
    target = next(a for a in ctx.actors if a.id == event.target)
    assert (target.country, target.sector) == ("BOL", "civilians")


def test_curfew_in_a_capital_targets_its_people(nlp):
    ctx = run(nlp, "The president imposed a night curfew in Nairobi on Sunday.")
    assert sides(ctx) == (None, "KEN")


def test_clashes_in_a_place_target_nobody(nlp):
    ctx = run(nlp, "Clashes erupted in Nairobi on Sunday.")
    event = next(e for e in ctx.events if e.type == "ASSAULT")
    assert event.target is None


def test_place_without_a_country_in_the_text_targets_nobody(nlp):
    ctx = run(nlp, "Gunmen attacked a village on Sunday.")
    event = next(e for e in ctx.events if e.type == "ASSAULT")
    assert event.target is None


def test_stance_prefix_is_not_the_country(nlp):
    ctx = run(nlp, "Anti-Japan protesters marched on Sunday. A pro-Serbia newspaper was closed.")
    assert not any(a.country in ("JPN", "SRB") for a in ctx.actors)


def test_threat_takes_the_target_of_the_threatened_act(nlp):
    ctx = run(nlp, "Peru threatened to shell two Bolivian villages.")
    event = next(e for e in ctx.events if e.type == "THREATEN")
    assert next(a.country for a in ctx.actors if a.id == event.target) == "BOL"


def test_withdrawal_from_a_town_targets_its_country(nlp):
    ctx = run(nlp, "Chile withdrew its troops from the Bolivian town of Oruro.")
    assert sides(ctx) == ("CHL", "BOL")


def test_scene_setting_violence_after_a_complaint(nlp):
    ctx = run(nlp, "Bolivia complained to the United Nations over two Peruvian air strikes last week.")
    assert main_event(ctx.events, ctx.doc).type == "ACCUSE"
    assert sides(ctx)[0] == "BOL"


def test_demonym_group_is_an_actor_of_that_country(nlp):
    ctx = run(nlp, "An Israeli peace movement called for new talks.")
    actor = next(a for a in ctx.actors if a.id == main_event(ctx.events, ctx.doc).actor)
    assert (actor.country, actor.sector) == ("ISR", "other")


def test_demonym_group_is_no_antecedent_for_militants(nlp):
    ctx = run(nlp, "An Israeli peace movement met on Monday. Militants attacked the base.")
    event = next(e for e in ctx.events if e.type == "ASSAULT")
    assert event.actor is None


def test_appositive_with_a_country_gives_a_persons_country(nlp):
    ctx = run(nlp, "Maria Lopez, Peru's best-known environmental campaigner, began a hunger strike.")
    assert sides(ctx)[0] == "PER"


def test_body_based_in_a_town_takes_its_country(nlp):
    ctx = run(nlp, "A militia based in Kisumu attacked the police station.")
    actor = next(a for a in ctx.actors if a.id == main_event(ctx.events, ctx.doc).actor)
    assert (actor.country, actor.sector) == ("KEN", "militia")


def test_nominal_demand_targets_its_that_clause(nlp):
    ctx = run(nlp, "The union repeated its demand that Ecuador release the detained workers.")
    event = next(e for e in ctx.events if e.type == "REQUEST")
    assert next(a.country for a in ctx.actors if a.id == event.target) == "ECU"


def test_agents_own_possessive_is_not_the_target(nlp):
    ctx = run(nlp, "The Chilean president reneged on his promise to the Bolivian people.")
    main = main_event(ctx.events, ctx.doc)
    assert main.target is not None and main.target != main.actor
    assert next(a.country for a in ctx.actors if a.id == main.target) == "BOL"


def test_target_phrase_on_the_verb_of_a_nominal_trigger(nlp):
    ctx = run(nlp, "A judge opened investigations against 12 Peruvian government officials.")
    event = next(e for e in ctx.events if e.type == "ACCUSE")
    assert next(a.country for a in ctx.actors if a.id == event.target) == "PER"


def test_by_phrase_of_a_demanded_act_is_the_target(nlp):
    ctx = run(nlp, "Poland's parliament demanded an apology by Moscow.")
    assert sides(ctx) == ("POL", "RUS")


def test_unnamed_protesters_take_the_country_of_their_place(nlp):
    ctx = run(nlp, "Hundreds of workers protested in Kisumu on Monday.")
    actor = next(a for a in ctx.actors if a.id == main_event(ctx.events, ctx.doc).actor)
    assert (actor.country, actor.sector) == ("KEN", "civilians")


def test_protesters_without_a_located_place_stay_unknown(nlp):
    ctx = run(nlp, "Hundreds of workers protested on Monday.")
    assert main_event(ctx.events, ctx.doc).actor is None


def test_nominal_subject_event_targets_the_verbs_object_and_its_place(nlp):
    ctx = run(nlp, "A roadside bombing killed two Malian soldiers.")
    assert sides(ctx)[1] == "MLI"
    ctx = run(nlp, "An airstrike hit a hospital in Gaza.")
    assert sides(ctx)[1] == "PSE"


def test_condition_is_not_the_main_event(nlp):
    ctx = run(nlp, "Kenya is willing to send troops to help defend Uganda if it is attacked.")
    assert main_trigger(ctx).lower() != "attacked"
    assert sides(ctx)[0] == "KEN"


def test_withdrawal_of_forces_from_a_country(nlp):
    ctx = run(nlp, "Chile speeded up the withdrawal of some forces from Bolivia on Monday.")
    assert sides(ctx) == ("CHL", "BOL")
    assert not any(a.country == "BOL" and a.sector == "military" for a in ctx.actors)


def test_ethnic_protesters_take_the_country_of_their_place(nlp):
    ctx = run(nlp, "Up to 200 ethnic Hungarians demonstrated on Sunday in Romania.")
    assert sides(ctx)[0] == "ROU"
