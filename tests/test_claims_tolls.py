"""Claims, fourth pass: bare casualty tolls are figures, and which unattributed sentences are the
outlet's own claims.  All text is invented for these tests."""

from __future__ import annotations

from test_claims_news import _actor, _claims, _event, _place


def _toll(text: str, trigger: str, killed: int | None = None, **extra):
    return _event(text, "e1", trigger).model_copy(update={"killed": killed, **extra})


def _by(ctx, source: str) -> list:
    return [c for c in ctx.claims if c.source == source]


def test_a_bare_toll_is_a_figure_with_its_source_not_a_claim(nlp):
    text = "At least 12 people were killed in the shelling of the market, the governor said."
    gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
    ctx = _claims(nlp, text, [gov], [_toll(text, "killed", 12)])
    assert _by(ctx, "X-GOV") == []
    assert ctx.events[0].figure_source == "X-GOV"


def test_a_toll_that_names_its_doer_stays_a_claim(nlp):
    for text, doer in (
        ("Militia fighters killed 12 people in the market, the governor said.", "Militia fighters"),
        (
            "Twelve people were killed by militia fighters in the market, the governor said.",
            "militia fighters",
        ),
    ):
        gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
        militia = _actor(text, "X-MIL", "XXX", "rebels", doer)
        ctx = _claims(nlp, text, [gov, militia], [_toll(text, "killed", 12)])
        assert [c.stance for c in _by(ctx, "X-GOV")] == ["asserts"], text


def test_a_toll_that_blames_or_calls_the_killing_deliberate_stays_a_claim(nlp):
    for text, trigger in (
        ("Twenty people died in violence blamed on the militia, the envoy said.", "died"),
        ("The massacre in the village left 30 dead, the monitors said.", "left"),
    ):
        envoy = _actor(text, "UN", None, "igo", "the envoy" if "envoy" in text else "the monitors")
        ctx = _claims(nlp, text, [envoy], [_toll(text, trigger, 20)])
        assert len(_by(ctx, "UN")) == 1, text


def test_a_force_counting_the_combatants_it_killed_makes_a_claim(nlp):
    text = "The army said 40 insurgents were killed during the operation near the river."
    army = _actor(text, "X-MIL", "XXX", "military", "The army")
    ctx = _claims(nlp, text, [army], [_toll(text, "killed", 40)])
    assert len(_by(ctx, "X-MIL")) == 1


def test_a_denied_toll_stays_a_denial(nlp):
    text = "No civilians were killed in the raid, the ministry said."
    ministry = _actor(text, "X-GOV", "XXX", "government", "the ministry")
    ctx = _claims(nlp, text, [ministry], [_toll(text, "killed", 0, negated=True)])
    assert [c.stance for c in _by(ctx, "X-GOV")] == ["denies"]


def test_the_actor_whose_strike_it_was_is_a_doer(nlp):
    text = "Northland's strike on the depot killed nine workers, the mayor said."
    mayor = _actor(text, "X-LOC", "XXX", "government", "the mayor")
    northland = _actor(text, "N-GOV", "NNN", "government", "Northland")
    ctx = _claims(nlp, text, [mayor, northland], [_toll(text, "killed", 9)])
    assert len(_by(ctx, "X-LOC")) == 1


# -- the outlet's own claims -----------------------------------------------------------------------


def _outlet(ctx) -> list:
    return [c for c in ctx.claims if c.source.startswith("outlet:")]


def _hit(text: str, trigger: str, kind: str = "ASSAULT"):
    return _event(text, "e1", trigger, kind=kind).model_copy(update={"place": "test:Dorvik"})


def test_an_unattributed_report_in_the_past_is_the_outlets_claim(nlp):
    text = "Rockets hit the bus depot in Dorvik on Monday morning."
    ctx = _claims(nlp, text, events=[_hit(text, "hit")], places=[_place(text, "Dorvik", "XXX")])
    (claim,) = _outlet(ctx)
    assert claim.source == "outlet:example.org" and claim.attributed is False


def test_page_furniture_is_not_a_claim(nlp):
    text = "Read more: Rockets hit the bus depot in Dorvik on Monday morning."
    ctx = _claims(nlp, text, events=[_hit(text, "hit")], places=[_place(text, "Dorvik", "XXX")])
    assert _outlet(ctx) == []


def test_general_truths_and_characterisations_are_not_the_outlets_claims(nlp):
    for text, trigger in (
        ("Such rockets scatter small bomblets over Dorvik and the fields around it.", "scatter"),
        ("The use of such rockets is banned in Dorvik by a treaty.", "use"),
        ("The raid on Dorvik was part of a wider offensive in the east.", "raid"),
    ):
        ctx = _claims(nlp, text, events=[_hit(text, trigger)], places=[_place(text, "Dorvik", "XXX")])
        assert _outlet(ctx) == [], text


def test_that_someone_called_for_something_is_not_the_outlets_claim(nlp):
    text = "On Thursday the envoy called for an inquiry into the raid on Dorvik."
    ev = _hit(text, "called for", kind="REQUEST")
    ctx = _claims(nlp, text, events=[ev], places=[_place(text, "Dorvik", "XXX")])
    assert _outlet(ctx) == []


def test_an_ongoing_report_in_the_progressive_is_still_the_outlets_claim(nlp):
    text = "Troops are shelling the outskirts of Dorvik for a third day."
    ctx = _claims(nlp, text, events=[_hit(text, "shelling")], places=[_place(text, "Dorvik", "XXX")])
    assert len(_outlet(ctx)) == 1


def test_a_vague_toll_is_a_figure_too(nlp):
    text = "Rescuers at the scene report dozens of dead and injured, the governor said."
    gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
    ctx = _claims(nlp, text, [gov], [_toll(text, "dead", None, qualifier="dozens")])
    assert _by(ctx, "X-GOV") == []


def test_a_toll_in_a_relative_clause_is_an_aside_to_the_claim(nlp):
    text = (
        "The rocket, which killed 14 people at the depot, was fired from a village held by the militia, "
        "the ministry said."
    )
    ministry = _actor(text, "X-GOV", "XXX", "government", "the ministry")
    ctx = _claims(nlp, text, [ministry], [_toll(text, "rocket", 14)])
    assert len(_by(ctx, "X-GOV")) == 1


def test_the_police_as_an_unnamed_source_take_the_articles_country(nlp):
    text = (
        "Rockets hit the depot in Dorvik on Monday, the communications department of the regional police said. "
        "Dorvik lies in Westland."
    )
    places = [_place(text, "Dorvik", "WLD"), _place(text, "Westland", "WLD", feature="country")]
    ctx = _claims(nlp, text, events=[_hit(text, "hit")], places=places)
    (claim,) = [c for c in ctx.claims if c.attributed]
    actor = next(a for a in ctx.actors if a.id == claim.source)
    assert (actor.country, actor.sector) == ("WLD", "police")


# -- one statement, one claim; the scene is no claim -----------------------------------------------


def test_a_restating_participle_makes_one_claim_with_its_cue(nlp):
    text = "The ministry accused Northland of the raid, saying its drones had hit the depot."
    ministry = _actor(text, "X-GOV", "XXX", "government", "The ministry")
    northland = _actor(text, "N-GOV", "NNN", "government", "Northland")
    ctx = _claims(nlp, text, [ministry, northland], [_event(text, "e1", "hit")])
    claims = _by(ctx, "X-GOV")
    assert len(claims) == 1 and claims[0].event == "e1"


def test_adding_tells_something_new(nlp):
    text = "The ministry said rockets hit the depot, adding that troops had shelled the bridge."
    ministry = _actor(text, "X-GOV", "XXX", "government", "The ministry")
    events = [_event(text, "e1", "hit"), _event(text, "e2", "shelled")]
    ctx = _claims(nlp, text, [ministry], events)
    assert sorted(c.event for c in _by(ctx, "X-GOV")) == ["e1", "e2"]


def test_who_was_where_is_the_scene_not_a_claim(nlp):
    for text in (
        "Thousands of people were at the depot during the strike, the governor said.",
        "Rescuers are on the spot, the governor said.",
    ):
        gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
        events = [_event(text, "e1", "strike")] if "strike" in text else []
        ctx = _claims(nlp, text, [gov], events)
        assert _by(ctx, "X-GOV") == [], text


def test_where_the_strike_was_and_what_it_was_are_claims(nlp):
    for text in (
        "The strike was at the depot, not at the barracks, the governor said.",
        "This was a deliberate strike on the depot, the governor said.",
    ):
        gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
        ctx = _claims(nlp, text, [gov], [_event(text, "e1", "strike")])
        assert len(_by(ctx, "X-GOV")) == 1, text


# -- statements the ledger missed ------------------------------------------------------------------


def test_a_denial_and_an_assertion_coordinated_are_two_claims(nlp):
    text = (
        "The adviser said there were no soldiers near the depot, and that the strike had been "
        "preceded by a drone flight."
    )
    adviser = _actor(text, "X-GOV", "XXX", "government", "The adviser")
    ctx = _claims(nlp, text, [adviser], [_event(text, "e1", "strike")])
    assert sorted(c.stance for c in _by(ctx, "X-GOV")) == ["asserts", "denies"]


def test_admitting_to_a_killing_is_a_claim(nlp):
    text = "On Saturday the army admitted to killing 40 fighters near the river."
    army = _actor(text, "X-MIL", "XXX", "military", "the army")
    ctx = _claims(nlp, text, [army], [_toll(text, "killing", 40)])
    (claim,) = _by(ctx, "X-MIL")
    assert claim.stance == "asserts" and claim.content.startswith("killing 40 fighters")


def test_a_country_whose_strike_it_was_is_a_doer(nlp):
    text = "At least 50 people were killed in Northland's missile strike on the depot, the governor said."
    gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
    places = [_place(text, "Northland", "NNN", feature="country")]
    ctx = _claims(nlp, text, [gov], [_toll(text, "killed", 50)], places)
    assert len(_by(ctx, "X-GOV")) == 1


def test_quoted_as_saying_credits_the_one_quoted(nlp):
    text = "The agency quoted a police officer as saying that rockets had hit the depot in Dorvik."
    officer = _actor(text, "X-POL", "XXX", "police", "a police officer")
    agency = _actor(text, "Y-MED", "YYY", "media", "The agency")
    ctx = _claims(nlp, text, [officer, agency], [_hit(text, "hit")], [_place(text, "Dorvik", "XXX")])
    assert [c.source for c in ctx.claims if c.attributed] == ["X-POL"]


def test_a_local_as_a_source_is_a_resident(nlp):
    text = "The paper reported a local as stating that soldiers had shot ten men in Dorvik."
    ctx = _claims(nlp, text, events=[_hit(text, "shot")], places=[_place(text, "Dorvik", "XXX")])
    (claim,) = [c for c in ctx.claims if c.attributed]
    actor = next(a for a in ctx.actors if a.id == claim.source)
    assert actor.sector == "civilians" and claim.cue == "stating"


def test_a_man_who_witnessed_it_is_a_witness_of_the_parties_country(nlp):
    text = (
        "Westland's army denied the raid, and Westland's army chief called it a lie. "
        '"They shot the men one by one," one man who witnessed the killings was quoted as saying.'
    )
    army = _actor(text, "WLD-MIL", "WLD", "military", "Westland's army")
    second = text.index("Westland's army", 5)
    army = army.model_copy(update={"spans": [*army.spans, (second, second + 15)]})
    ctx = _claims(nlp, text, [army], [_event(text, "e1", "shot")])
    (claim,) = [c for c in ctx.claims if c.cue == "saying"]
    actor = next(a for a in ctx.actors if a.id == claim.source)
    assert (actor.country, actor.sector) == ("WLD", "civilians")


def test_a_headline_cue_does_not_swallow_the_next_lines_sentence(nlp):
    from ceasefire.extract.attribution import find_attributions

    text = (
        "Senate denies Northern involvement in missile attack on Dorvik terminal\n"
        "The Senate denied on Tuesday that Northland was involved in a missile attack on a bus terminal "
        "in Dorvik in western Westland."
    )
    cues = {text[a.cue[0] : a.cue[1]]: a for a in find_attributions(nlp(text))}
    assert {"denies", "denied"} <= set(cues)
    headline = cues["denies"]
    assert headline.content is not None and headline.content[1] <= text.index("\n")


def test_where_a_partys_forces_were_is_a_claim(nlp):
    text = "Northland's troops were in the village during the raid, the governor said."
    gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
    troops = _actor(text, "N-MIL", "NNN", "military", "Northland's troops")
    ctx = _claims(nlp, text, [gov, troops], [_event(text, "e1", "raid")])
    assert len(_by(ctx, "X-GOV")) == 1


def test_a_count_of_a_partys_soldiers_is_a_claim(nlp):
    text = "Separatist officials say two of their soldiers were killed near the river overnight."
    officials = _actor(text, "S-GOV", None, "government", "Separatist officials")
    ctx = _claims(nlp, text, [officials], [_toll(text, "killed", 2)])
    assert len(_by(ctx, "S-GOV")) == 1


def test_a_toll_another_source_denies_stays_a_claim(nlp):
    text = (
        "At least 12 people were killed in the shelling of the market, the governor said. "
        "The army denied that anyone was killed."
    )
    gov = _actor(text, "X-GOV", "XXX", "government", "the governor")
    army = _actor(text, "X-MIL", "XXX", "military", "The army")
    events = [
        _toll(text, "killed", 12),
        _event(text, "e2", "killed", nth=1).model_copy(update={"negated": True}),
    ]
    ctx = _claims(nlp, text, [gov, army], events)
    (denial,) = _by(ctx, "X-MIL")
    (toll,) = _by(ctx, "X-GOV")
    assert denial.stance == "denies" and denial.disputes == toll.id
