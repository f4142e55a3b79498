"""The events stage on short invented news text (Moscow-Times style, published Tuesday 2022-03-29)."""

from __future__ import annotations

import pytest

from ceasefire.extract.coding import LexiconError, cameo_root, lexicon
from ceasefire.extract.events import main_event
from ceasefire.nlp import sentences_of
from ceasefire.pipeline import Context, available_stages, get_stage
from ceasefire.records import Article

PUBLISHED = "2022-03-29"


def run(nlp, text: str, published: str | None = PUBLISHED, with_actors: bool = True) -> Context:
    doc = nlp(text)
    ctx = Context(
        article=Article(id="t", text=text, published=published), doc=doc, sentences=sentences_of(doc)
    )
    stages = [s for s in ("actors",) if with_actors and s in available_stages()] + ["events"]
    for name in stages:
        get_stage(name)(ctx)
    return ctx


def has_actors() -> bool:
    return "actors" in available_stages()


def by_trigger(ctx: Context, word: str):
    found = [
        e for e in ctx.events if ctx.text[e.spans.trigger[0] : e.spans.trigger[1]].lower().startswith(word)
    ]
    assert found, (
        f"no event triggered by {word!r} in {[ctx.text[slice(*e.spans.trigger)] for e in ctx.events]}"
    )
    return found[0]


def country(ctx: Context, actor_id: str | None) -> str | None:
    return next((a.country for a in ctx.actors if a.id == actor_id), None)


def test_clashes_carry_casualties_and_victims(nlp):
    ctx = run(
        nlp, "Armenia said three of its soldiers were killed and 15 wounded in clashes near the border."
    )
    event = by_trigger(ctx, "clashes")
    assert event.type == "ASSAULT"
    assert event.acled is not None and event.acled.event_type == "Battles"
    assert (event.killed, event.wounded) == (3, 15)
    assert event.victims is not None and event.victims.sector == "military"
    if has_actors():
        assert event.victims.country == "ARM"
    assert event.evidence.text.startswith("Armenia said")


def test_background_war_with_qualified_toll(nlp):
    ctx = run(nlp, "The fighting revived memories of the 2020 war, which claimed more than 6,500 lives.")
    war = by_trigger(ctx, "war")
    assert war.background is True
    assert war.killed == 6500
    assert war.qualifier == "more than"


def test_not_reporting_casualties_is_not_zero(nlp):
    ctx = run(nlp, "Azerbaijan did not report any casualties after the shelling.")
    assert all(e.killed is None and e.wounded is None for e in ctx.events)


def test_explicit_none_is_zero(nlp):
    ctx = run(nlp, "No one was hurt in the shelling of the village, officials said.")
    shelling = by_trigger(ctx, "shelling")
    assert shelling.wounded == 0


def test_request_dated_to_the_monday_before_publication(nlp):
    ctx = run(nlp, "Armenia urged Moscow on Monday to stop the advance of Azerbaijani troops.")
    request = by_trigger(ctx, "urged")
    assert request.type == "REQUEST"
    assert request.cameo == "10"
    assert (request.date, request.date_precision) == ("2022-03-28", "day")
    assert request.modality is None and not request.negated
    if has_actors():
        assert country(ctx, request.actor) == "ARM"
        assert country(ctx, request.target) == "RUS"


def test_nominal_withdrawal_inside_a_rejected_claim(nlp):
    ctx = run(nlp, "Baku rejected Russian claims of a full withdrawal from the village.")
    withdrawal = by_trigger(ctx, "withdrawal")
    assert withdrawal.type == "RETREAT" and withdrawal.mode == "withdraw"
    assert withdrawal.entry == "N:withdrawal"


def test_denied_pulling_back_is_not_a_fact(nlp):
    ctx = run(nlp, "The ministry denied that its troops had pulled back from the heights.")
    retreat = by_trigger(ctx, "pulled")
    assert retreat.type == "RETREAT"
    assert retreat.modality == "denied"


@pytest.mark.parametrize(
    ("text", "word", "negated", "modality"),
    [
        ("Yerevan insisted that its forces did not violate the truce.", "violate", True, None),
        ("Azerbaijan threatened to strike the depot.", "strike", False, "threat"),
        ("The convoy may have been shelled near the pass.", "shelled", False, "possible"),
        ("If talks fail, the army would attack the town.", "attack", False, "hypothetical"),
    ],
)
def test_negation_and_modality(nlp, text, word, negated, modality):
    event = by_trigger(run(nlp, text), word)
    assert event.negated is negated
    assert event.modality == modality


@pytest.mark.parametrize(
    ("text", "word", "plover", "sub"),
    [
        ("A drone strike hit a fuel depot outside the town.", "drone", "ASSAULT", "Air/drone strike"),
        ("The incursion began before dawn.", "incursion", "MOBILIZE", "Change to group/activity"),
        ("Heavy shelling continued through the night.", "shelling", "ASSAULT", "Shelling/artillery/missile attack"),
        ("Witnesses described the massacre in the market.", "massacre", "ASSAULT", "Attack"),
        ("A missile strike on the station wrecked the platform.", "missile", "ASSAULT",
         "Shelling/artillery/missile attack"),
        ("Police fired tear gas to disperse the protest outside parliament.", "protest", "PROTEST",
         "Protest with intervention"),
    ],
)  # fmt: skip
def test_nominal_and_multiword_triggers(nlp, text, word, plover, sub):
    event = by_trigger(run(nlp, text), word)
    assert event.type == plover
    assert event.acled is not None and event.acled.sub_event_type == sub


def test_coordinated_sides_and_possessive_agent(nlp):
    if not has_actors():
        pytest.skip("the actors stage is not installed")
    ctx = run(nlp, "Armenia and Azerbaijan clashed again on Sunday.")
    clash = by_trigger(ctx, "clashed")
    assert {country(ctx, clash.actor), country(ctx, clash.target)} == {"ARM", "AZE"}
    ctx = run(nlp, "Russia's attack on Georgia drew condemnation.")
    attack = by_trigger(ctx, "attack")
    assert country(ctx, attack.actor) == "RUS"
    assert country(ctx, attack.target) == "GEO"


def test_casualty_without_trigger_makes_an_assault(nlp):
    ctx = run(nlp, "Two shepherds were killed near the village on Saturday.")
    assert len(ctx.events) == 1
    event = ctx.events[0]
    assert event.type == "ASSAULT" and event.killed == 2
    assert event.entry == "casualty:kill"
    assert event.victims is not None and event.victims.sector == "civilians"
    assert event.date == "2022-03-26"


def test_disaster_casualties_are_not_political_violence(nlp):
    ctx = run(nlp, "Five people died when an earthquake struck the valley.")
    assert not [e for e in ctx.events if e.killed]


def test_undated_event_gets_publication_week_and_a_warning(nlp):
    ctx = run(nlp, "Protesters marched on the embassy.")
    event = by_trigger(ctx, "marched")
    assert (event.date, event.date_precision) == (PUBLISHED, "week")
    assert any(event.id in w for w in ctx.warnings)


def test_no_publication_date_leaves_date_null(nlp):
    ctx = run(nlp, "Protesters marched on the embassy on Monday.", published=None)
    assert ctx.events and all(e.date is None for e in ctx.events)
    assert ctx.warnings


def test_ids_unique_and_main_event(nlp):
    ctx = run(nlp, "Azerbaijani forces shelled the village and arrested two farmers, officials said.")
    ids = [e.id for e in ctx.events]
    assert len(ids) == len(set(ids)) >= 2
    main = main_event(ctx.events, ctx.doc)
    assert main is not None and main.type == "ASSAULT"


def test_cameo_table_and_user_lexicon(tmp_path, monkeypatch, nlp):
    assert cameo_root("ASSAULT", "abduct") == "18"
    assert cameo_root("REQUEST", None) == "10"
    extra = tmp_path / "extra.tsv"
    extra.write_text("ambuscade\tN\tASSAULT\tfirearms\tBattles\tArmed clash\t6\n", encoding="utf-8")
    monkeypatch.setenv("CEASEFIRE_EVENT_LEXICON", str(extra))
    assert any(e.pattern == ("ambuscade",) for e in lexicon().get("ambuscade", ()))
    event = by_trigger(run(nlp, "An ambuscade on the road left the convoy stranded."), "ambuscade")
    assert event.entry == "N:ambuscade"
    bad = tmp_path / "bad.tsv"
    bad.write_text("skirmish\tN\tFIGHT\t-\t-\t-\t3\n", encoding="utf-8")
    monkeypatch.setenv("CEASEFIRE_EVENT_LEXICON", str(bad))
    with pytest.raises(LexiconError, match="not a PLOVER type"):
        lexicon()


def test_two_counts_of_one_kind_are_two_figures(nlp):
    ctx = run(nlp, "In the firefight, 20 civilians and 12 fighters were killed, the mayor said.")
    killed = sorted(e.killed for e in ctx.events if e.killed is not None)
    assert killed == [12, 20]
    assert len({e.id for e in ctx.events}) == len(ctx.events)


def test_attackers_are_not_counted_as_victims(nlp):
    ctx = run(nlp, "A shopkeeper was shot dead by four gunmen in the market.")
    assert [e.killed for e in ctx.events if e.killed is not None] == [1]


def test_death_toll_verb(nlp):
    ctx = run(nlp, "The death toll from the missile strike on the station has risen to 57 people.")
    strike = by_trigger(ctx, "missile")
    assert strike.killed == 57


def test_victims_decide_attack_or_clash(nlp):
    civilians = by_trigger(run(nlp, "Gunmen attacked a bus, killing nine passengers."), "attacked")
    assert civilians.acled is not None and civilians.acled.sub_event_type == "Attack"
    soldiers = by_trigger(
        run(nlp, "Militants attacked an army checkpoint, killing four soldiers."), "attacked"
    )
    assert soldiers.acled is not None and soldiers.acled.sub_event_type == "Armed clash"


def test_defused_bomb_is_disrupted_weapons_use(nlp):
    event = by_trigger(run(nlp, "Sappers defused a roadside bomb near the bridge."), "defused")
    assert event.type == "COERCE"
    assert event.acled is not None and event.acled.sub_event_type == "Disrupted weapons use"
