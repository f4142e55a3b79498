"""Second-pass actor cues (state acts, groups, stance prefixes, "based in", appositives, place populations)."""

from __future__ import annotations

import pytest

from ceasefire.pipeline import Context
from ceasefire.resolve.actors import place_population
from stage_helpers import actor_at, run_stages


def run(nlp, text: str) -> Context:
    return run_stages(nlp, text, ("actors",))


at = actor_at


@pytest.mark.parametrize(
    ("text", "words", "actor_id"),
    [
        ("Norway rejected a Danish proposal on quotas.", "Danish", "DNK-GOV"),
        ("Ecuador turned down a U.S. request for access.", "U.S.", "USA-GOV"),
        ("Uruguay rejected an offer from Paraguay.", "Paraguay", "PRY-GOV"),
        ("Recent US drone attacks killed four people.", "US", "USA-MIL"),
    ],
)
def test_country_behind_a_state_act_or_attack(nlp, text, words, actor_id):
    actor = at(run(nlp, text), words)
    assert actor is not None and actor.id == actor_id


def test_place_after_a_locative_preposition_stays_a_place(nlp):
    assert at(run(nlp, "Talks were held in Paraguay on Monday."), "Paraguay") is None


def test_demonym_group_noun(nlp):
    actor = at(run(nlp, "Kurdish parties and an Israeli peace movement met."), "Israeli peace movement")
    assert actor is not None and (actor.country, actor.sector) == ("ISR", "other")


def test_stance_prefix(nlp):
    ctx = run(nlp, "An anti-Japan group and pro-Serbia activists rallied.")
    assert not any(a.country in ("JPN", "SRB") for a in ctx.actors)


def test_based_in_a_country(nlp):
    actor = at(run(nlp, "A newspaper based in Nigeria published the letter."), "newspaper")
    assert actor is not None and (actor.country, actor.sector) == ("NGA", "media")


def test_appositive_country_possessor(nlp):
    actor = at(run(nlp, "Ana Ruiz, Chile's most prominent student leader, was detained."), "Ana Ruiz")
    assert actor is not None and actor.country == "CHL"


def test_place_population_is_added_once_and_needs_a_country(nlp):
    ctx = run(nlp, "Shells hit two Bolivian villages and a farm near the river.")
    start = ctx.text.index("Bolivian villages")
    first = place_population(ctx, start, start + len("Bolivian villages"))
    again = place_population(ctx, start, start + len("Bolivian villages"))
    assert first is not None and first is again and (first.country, first.sector) == ("BOL", "civilians")
    assert sum(a.id == first.id for a in ctx.actors) == 1
    farm = ctx.text.index("a farm near the river")
    assert place_population(ctx, farm, farm + len("a farm near the river")) is None


def test_place_population_rejects_unknown_bodies(nlp):
    ctx = run(nlp, "Shells hit two Bolivian villages.")
    with pytest.raises(KeyError):
        place_population(ctx, 0, 6, "no-such-body")


def test_people_of_a_country_live_there(nlp):
    actor = at(run(nlp, "The Hungarians of northern Serbia demanded autonomy."), "Hungarians")
    assert actor is not None and actor.country == "SRB"
    actor = at(run(nlp, "Ethnic Turks in Bulgaria protested on Monday."), "Turks")
    assert actor is not None and actor.country == "BGR"


def test_ethnic_people_without_a_home_country_stay_unresolved(nlp):
    assert at(run(nlp, "Ethnic Turks protested on Monday."), "Turks") is None


@pytest.mark.parametrize(
    ("text", "words", "actor_id"),
    [
        ("Afghan rebel leaders said they would meet the envoy.", "Afghan rebel leaders", "AFG-REB"),
        ("Kenyan army officials denied the report.", "Kenyan army officials", "KEN-MIL"),
        ("Mali's military junta expelled the ambassador.", "military junta", "MLI-GOV"),
    ],
)
def test_generic_role_takes_the_body_before_it(nlp, text, words, actor_id):
    actor = at(run(nlp, text), words)
    assert actor is not None and actor.id == actor_id
