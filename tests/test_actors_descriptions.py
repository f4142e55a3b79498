"""Actors described rather than named: "King X of Y", "the Biden administration", "the region's
separatist authorities" (short reports written for these tests)."""

from __future__ import annotations

from ceasefire.pipeline import Context, get_stage
from stage_helpers import actor_at, run_stages


def run(nlp, text: str, published: str | None = "2022-03-28") -> Context:
    return run_stages(nlp, text, ("actors",), published)


at = actor_at


def test_a_titled_name_of_a_country_is_of_that_country(nlp):
    ctx = run(nlp, "King Tomas of Norway said on Friday that he would visit the troops.")
    person = at(ctx, "Tomas")
    assert person is not None and person.country == "NOR"


def test_a_country_titling_another_person_is_not_a_clue(nlp):
    ctx = run(nlp, "President Aldo Verrano welcomed Kenyan leader Amos Kiprono to the talks.")
    verrano = at(ctx, "Verrano")
    kiprono = at(ctx, "Kiprono")
    assert kiprono is not None and kiprono.country == "KEN"
    assert verrano is not None and verrano.country is None


def test_a_leader_surname_before_administration_is_that_government(nlp):
    ctx = run(nlp, "The Biden administration imposed new sanctions on the company.", published="2022-06-01")
    actor = at(ctx, "Biden administration")
    assert actor is not None and actor.id == "USA-GOV"


def test_the_regions_separatist_authorities_are_its_de_facto_authorities(nlp):
    text = "Shelling was reported near Karabakh on Tuesday. The region's separatist authorities said two soldiers died."
    ctx = run(nlp, text)
    actor = at(ctx, "separatist authorities")
    assert actor is not None and actor.id == "NKR-GOV" and actor.country is None


def test_separatist_authorities_with_no_region_named_stay_unresolved(nlp):
    ctx = run(
        nlp, "Shelling was reported on Tuesday. The region's separatist authorities said two soldiers died."
    )
    assert at(ctx, "separatist authorities") is None


def test_separatist_authorities_with_two_regions_named_stay_unresolved(nlp):
    text = "Shelling hit Donetsk and Luhansk on Tuesday. The separatist authorities said two soldiers died."
    ctx = run(nlp, text)
    assert at(ctx, "separatist authorities") is None


def test_inhabitants_of_a_place_a_demonym_qualifies_are_that_countrys_people(nlp):
    ctx = run(nlp, "Inhabitants of the Lebanese border town said the shelling went on all night.")
    actor = at(ctx, "Inhabitants")
    assert actor is not None and actor.country == "LBN" and actor.sector == "civilians"


def test_a_place_name_tagged_as_a_person_is_not_a_person(nlp):
    ctx = run(nlp, "Farmers of the Syrian Golan Heights threatened to strike.")
    assert [e.label_ for e in ctx.doc.ents if e.text == "Golan Heights"] == ["PERSON"]  # the model's error
    assert all(not a.id.startswith("PER-") for a in ctx.actors)


def test_a_military_rank_is_a_title(nlp):
    ctx = run(nlp, "Gen. Aurelio Benitez resigned on Monday to allow Paraguay's first free elections.")
    person = at(ctx, "Aurelio Benitez")
    assert person is not None and person.sector == "military" and person.country == "PRY"


def test_a_person_is_not_the_troops(nlp):
    ctx = run(nlp, "Gen. Aurelio Benitez said the troops would stay in the north.")
    assert at(ctx, "the troops") is None


def test_a_hyphenated_town_gives_its_country_to_a_foiled_plot(nlp):
    ctx = run(nlp, "A bomb plot was foiled in Khanty-Mansiysk on Friday.")
    get_stage("events")(ctx)
    foiled = next(e for e in ctx.events if ctx.text[e.spans.trigger[0] : e.spans.trigger[1]] == "foiled")
    assert next(a.country for a in ctx.actors if a.id == foiled.actor) == "RUS"


def test_a_country_opening_a_weapon_name_is_its_military(nlp):
    ctx = run(nlp, "Recent US Predator attacks have killed eight militants in the province.")
    actor = at(ctx, "US")
    assert actor is not None and actor.id == "USA-MIL"
