"""Sources of claims named by a report, a handle or a local office (texts written for these tests)."""

from __future__ import annotations

from ceasefire.pipeline import Context
from stage_helpers import actor_at, run_stages


def run(nlp, text: str) -> Context:
    return run_stages(nlp, text, ("actors",))


at = actor_at


def test_an_organisations_report_is_the_organisation(nlp):
    ctx = run(nlp, "A new Amnesty International report says soldiers killed 40 villagers near the river.")
    actor = at(ctx, "report")
    assert actor is not None and actor.id == "NGO-AI"


def test_a_handle_spelling_an_acronym_is_the_organisation(nlp):
    ctx = run(nlp, "New @hrw report reveals that troops executed 40 men in the market.")
    assert at(ctx, "@hrw").id == "NGO-HRW"
    assert at(ctx, "report").id == "NGO-HRW"


def test_unknown_handle_is_no_actor(nlp):
    ctx = run(nlp, "New @zzqq report reveals that troops executed 40 men in the market.")
    assert at(ctx, "@zzqq") is None


def test_mayor_of_a_town_takes_the_towns_country(nlp):
    ctx = run(nlp, "The mayor of Sumy, Oleksandr Lysenko, said five people died in the shelling.")
    person = at(ctx, "Oleksandr Lysenko")
    assert person is not None and person.country == "UKR" and person.sector == "government"


def test_local_authorities_take_their_towns_country(nlp):
    ctx = run(
        nlp,
        "The head of the Kharkiv regional administration said the attack killed four. "
        "The governor of the Kharkiv region said two more bodies were found. "
        "Sumy's mayor said the power was cut.",
    )
    for words in ("Kharkiv regional administration", "governor of the Kharkiv region", "Sumy's mayor"):
        actor = at(ctx, words)
        assert actor is not None and (actor.country, actor.sector) == ("UKR", "government"), words
    assert at(ctx, "head").id == at(ctx, "Kharkiv regional administration").id


def test_a_mayor_without_a_town_is_no_country(nlp):
    ctx = run(nlp, "The mayor said the bridge would stay closed until Friday.")
    actor = at(ctx, "mayor")
    assert actor is None or actor.country is None


def test_a_named_branch_without_a_country_is_the_articles_leading_countrys(nlp):
    text = (
        "The Air Force said the rocket that hit the depot in Kharkiv carried a cluster warhead. "
        "Ukrainian officials said Kyiv would ask for more air defence. Ukraine's president condemned the strike."
    )
    actor = at(run(nlp, text), "The Air Force")
    assert actor is not None and (actor.country, actor.sector) == ("UKR", "military")


def test_a_named_branch_stays_unknown_without_a_leading_country(nlp):
    ctx = run(nlp, "The Air Force said the rocket carried a cluster warhead.")
    assert at(ctx, "The Air Force") is None


def test_unattributed_reports_are_unnamed_media(nlp):
    ctx = run(nlp, "A shell hit the school, killing 12, news reports said on Friday.")
    actor = at(ctx, "reports")
    assert actor is not None and (actor.id, actor.sector, actor.country) == ("UNSPECIFIED-MED", "media", None)


def test_reports_with_a_determiner_or_owner_are_not_unnamed_media(nlp):
    ctx = run(nlp, "The reports said 12 died. Russian media reports said 14 died.")
    assert at(ctx, "reports") is None
    owner = ctx.actor_at(ctx.text.index("media reports") + 6, ctx.text.index("media reports") + 13)
    assert owner is not None and owner.id == "RUS-MED"


def test_speaking_witnesses_are_the_leading_countrys_people(nlp):
    text = (
        "Malian troops entered the village on Monday. Malian officials said the army killed 20 militants. "
        "Soldiers shot dead most of those killed, according to witnesses."
    )
    actor = at(run(nlp, text), "witnesses")
    assert actor is not None and (actor.country, actor.sector) == ("MLI", "civilians")


def test_witnesses_stay_unknown_when_no_country_leads(nlp):
    ctx = run(nlp, "Soldiers shot dead most of those killed, according to witnesses.")
    assert at(ctx, "witnesses") is None


def test_mayor_of_a_town_the_gazetteer_lacks_takes_the_leading_country(nlp):
    lead = "Ukrainian officials said Kyiv would ask for more air defence. Ukraine's president condemned the strike. "
    actor = at(run(nlp, lead + "The mayor of Zorivka said the bridge was destroyed."), "The mayor")
    assert actor is not None and (actor.country, actor.sector) == ("UKR", "government")
    assert at(run(nlp, "The mayor of Zorivka said the bridge was destroyed."), "The mayor") is None


def test_victims_are_not_taken_for_local_sources(nlp):
    lead = "Ukrainian officials said Kyiv would ask for more air defence. Ukraine's president condemned the strike. "
    ctx = run(nlp, lead + "Five people died in the fire.")
    assert at(ctx, "people") is None


def test_a_single_resident_speaking_is_the_leading_countrys_people(nlp):
    text = (
        "Malian troops entered the village on Monday. Malian officials said the army killed 20 militants. "
        "A resident who saw the raid said the soldiers were foreigners."
    )
    actor = at(run(nlp, text), "resident")
    assert actor is not None and (actor.country, actor.sector) == ("MLI", "civilians")
