"""Which event is a sentence's main one, and demands made by saying that someone must act (invented text)."""

from __future__ import annotations

from ceasefire.extract.events import main_event
from ceasefire.pipeline import Context
from stage_helpers import run_stages


def run(nlp, text: str) -> Context:
    return run_stages(nlp, text, ("actors", "events"))


def trigger(ctx: Context, event) -> str:
    return ctx.text[event.spans.trigger[0] : event.spans.trigger[1]].lower()


def country(ctx: Context, actor_id: str | None) -> str | None:
    return next((a.country for a in ctx.actors if a.id == actor_id), None)


def test_saying_that_someone_must_act_is_a_demand_by_the_speaker(nlp):
    ctx = run(nlp, "Norway said on Monday that Estonia must release the detained fishermen.")
    demands = [e for e in ctx.events if (e.entry or "").startswith("demand:")]
    assert len(demands) == 1
    demand = demands[0]
    assert demand.type == "REQUEST" and trigger(ctx, demand) == "said"
    assert country(ctx, demand.actor) == "NOR"
    assert country(ctx, demand.target) == "EST"
    assert main_event(ctx.events, ctx.doc) is demand
    released = next(e for e in ctx.events if trigger(ctx, e) == "release")
    assert released.modality == "requested"


def test_saying_what_happened_is_no_demand(nlp):
    ctx = run(nlp, "Norway said on Monday that Estonia released the detained fishermen.")
    assert not [e for e in ctx.events if (e.entry or "").startswith("demand:")]


def test_event_in_a_when_clause_does_not_outrank_the_reported_act(nlp):
    text = "Chile lifted the curfew in the province on Sunday, when riots killed 12 people in the capital."
    ctx = run(nlp, text)
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "lifted"
    assert country(ctx, main.actor) == "CHL"


def test_the_act_in_a_when_clause_is_not_the_main_event(nlp):
    ctx = run(nlp, "Riots broke out in the capital when the court jailed the opposition leader.")
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "riots"


def test_root_verb_of_a_state_act_is_the_main_event(nlp):
    ctx = run(
        nlp, "Finland has strengthened its forces along the border after reports of unrest in the area."
    )
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "strengthened"
    assert main.type == "MOBILIZE" and country(ctx, main.actor) == "FIN"


def test_fronted_report_puts_the_reported_clause_first(nlp):
    ctx = run(nlp, "Peru is opposed to Chilean mediation in the talks, a senior aide said on Friday.")
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and main.type == "REJECT"
    assert country(ctx, main.actor) == "PER"


def test_protesters_named_as_the_trigger_are_its_actor(nlp):
    ctx = run(nlp, "Demonstrators in Nairobi blocked the main road on Monday.")
    protest = next(e for e in ctx.events if trigger(ctx, e) == "demonstrators")
    assert country(ctx, protest.actor) == "KEN"


def test_forces_engaged_in_an_attack_are_its_doers(nlp):
    ctx = run(nlp, "Sudanese forces were engaged in ethnic cleansing against villagers, the monitors said.")
    engaged = next(e for e in ctx.events if trigger(ctx, e).startswith("engaged"))
    assert country(ctx, engaged.actor) == "SDN"


def test_weapons_inside_a_forces_phrase_belong_to_those_forces(nlp):
    ctx = run(nlp, "Turkish aircraft including helicopter gunships killed 12 fighters near the border.")
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and country(ctx, main.actor) == "TUR"


def test_allowing_something_without_conditions_is_not_negated(nlp):
    ctx = run(nlp, "Iran said it would allow the inspectors to return without conditions.")
    allowed = next(e for e in ctx.events if trigger(ctx, e) == "allow")
    assert not allowed.negated


def test_act_inside_a_relative_clause_under_a_stated_intention_is_background(nlp):
    text = "Chile has said it will support a resolution that aims to impose a naval blockade against Peru."
    ctx = run(nlp, text)
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "support"
    assert country(ctx, main.actor) == "CHL"


def test_a_participle_on_an_issued_statement_speaks_for_its_issuer(nlp):
    ctx = run(nlp, "Ghana issued a statement demanding that Togo reopen the border.")
    demand = next(e for e in ctx.events if trigger(ctx, e) == "demanding")
    assert country(ctx, demand.actor) == "GHA"


def test_the_host_of_a_meeting_between_two_parties_is_its_actor(nlp):
    ctx = run(nlp, "Egypt will host a meeting between Sudanese officials and Chadian rebels next week.")
    meeting = next(e for e in ctx.events if trigger(ctx, e) == "meeting")
    assert country(ctx, meeting.actor) == "EGY"


def test_an_arrest_in_a_named_country_with_no_arrester_is_by_its_police(nlp):
    ctx = run(nlp, "Two reporters were arrested in Belarus on Friday.")
    arrest = next(e for e in ctx.events if trigger(ctx, e) == "arrested")
    assert country(ctx, arrest.actor) == "BLR"


def test_an_arrest_with_no_country_named_has_no_actor(nlp):
    ctx = run(nlp, "Two reporters were arrested on Friday.")
    arrest = next(e for e in ctx.events if trigger(ctx, e) == "arrested")
    assert arrest.actor is None


def test_a_passive_subject_is_shared_with_its_conjoined_verb(nlp):
    ctx = run(nlp, "Mali's prime minister has been indicted by a court in Bamako and will resign.")
    resign = next(e for e in ctx.events if trigger(ctx, e) == "resign")
    assert country(ctx, resign.actor) == "MLI"


def test_guilty_of_violating_takes_the_subject_of_the_adjective(nlp):
    ctx = run(nlp, "The Colombian army is guilty of violating the truce, the monitors said.")
    violated = next(e for e in ctx.events if trigger(ctx, e) == "violating")
    assert country(ctx, violated.actor) == "COL"


def test_ordering_someone_to_act_is_a_demand_of_them(nlp):
    ctx = run(nlp, "A Chilean judge has ordered the former minister to appear in court on Monday.")
    demand = next(e for e in ctx.events if (e.entry or "").startswith("demand:"))
    assert trigger(ctx, demand) == "ordered" and demand.type == "REQUEST"
    assert country(ctx, demand.actor) == "CHL"


def test_members_affiliated_with_a_body_act_for_it(nlp):
    ctx = run(nlp, "Hundreds of workers affiliated with the Kenyan teachers union went on strike on Monday.")
    strike = next(e for e in ctx.events if e.type == "PROTEST")
    assert country(ctx, strike.actor) == "KEN"


def test_the_topic_of_talks_is_not_the_main_event(nlp):
    ctx = run(nlp, "Indian negotiators began talks on limiting the number of nuclear missiles on Monday.")
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "talks"
    assert country(ctx, main.actor) == "IND"


def test_an_event_that_could_follow_is_not_reported_as_fact(nlp):
    ctx = run(nlp, "Uruguay offered concessions that negotiators believed could lead to an agreement.")
    agreement = next(e for e in ctx.events if trigger(ctx, e) == "agreement")
    assert agreement.modality == "possible"
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "offered"


def test_a_state_of_affairs_in_an_as_clause_is_background(nlp):
    text = "Ecuador announced that it is prepared to impose martial law as street battles raged in Quito."
    ctx = run(nlp, text)
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) in {"impose", "martial law"}
    assert country(ctx, main.actor) == "ECU"


def test_a_verb_inside_a_hyphenated_adjective_is_no_trigger(nlp):
    ctx = run(nlp, "Workers began an open-ended strike in Lagos on Monday.")
    assert all(trigger(ctx, e) != "ended" for e in ctx.events)


def test_an_after_clause_sets_the_scene_for_an_act_on_the_root(nlp):
    text = "A Danish minister has cancelled a planned visit to Peru after a state of emergency was declared there."
    ctx = run(nlp, text)
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "cancelled"
    assert country(ctx, main.actor) == "DNK"


def test_an_after_clause_below_a_verb_that_is_no_event_keeps_the_news(nlp):
    ctx = run(
        nlp, "The capital was rocked by unrest after protesters clashed with police near the parliament."
    )
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and trigger(ctx, main) == "clashed"


def test_ending_is_an_act_only_with_an_object(nlp):
    # "the war ended" reports no state act; "Velmora ended its cooperation" and a passive do
    quiet = run(nlp, "The border war ended with a truce in the spring.")
    assert [trigger(quiet, e) for e in quiet.events if e.type == "SANCTION"] == []
    act = run(nlp, "Velmora ended its military cooperation with Arvenia on Monday.")
    assert [trigger(act, e) for e in act.events if e.type == "SANCTION"] == ["ended"]
    passive = run(nlp, "Joint patrols were halted by the border commission on Monday.")
    assert [trigger(passive, e) for e in passive.events if e.type == "SANCTION"] == ["halted"]
