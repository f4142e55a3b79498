"""Claims on news-style attribution: statements over several sentences, unnamed sources,
documents that speak for their authors.  All text is invented for these tests."""

from __future__ import annotations

import pytest

from ceasefire.extract.attribution import find_attributions
from ceasefire.extract.claim_cues import CueFileError, load_generic_sources, parse_generic_lines
from ceasefire.nlp import sentences_of
from ceasefire.pipeline import Context, get_stage
from ceasefire.records import Actor, Article, Event, EventSpans, Evidence, Place


def _span(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(words, start + 1)
    return start, start + len(words)


def _ev(text: str, span: tuple[int, int]) -> Evidence:
    return Evidence(sentence=0, start=span[0], end=span[1], text=text[span[0] : span[1]])


def _event(text: str, event_id: str, trigger: str, nth: int = 0, kind: str = "ASSAULT") -> Event:
    span = _span(text, trigger, nth)
    return Event(id=event_id, type=kind, spans=EventSpans(trigger=span), evidence=_ev(text, span))


def _actor(text: str, actor_id: str, country: str | None, sector: str, words: str) -> Actor:
    span = _span(text, words)
    return Actor(
        id=actor_id,
        name=words,
        canonical=words,
        country=country,
        sector=sector,
        spans=[span],
        evidence=_ev(text, span),
    )


def _place(text: str, name: str, country: str, feature: str = "town") -> Place:
    spans = []
    i = text.find(name)
    while i >= 0:
        spans.append((i, i + len(name)))
        i = text.find(name, i + 1)
    precision = "country" if feature == "country" else "exact"
    return Place(
        id=f"test:{name}",
        name=name,
        canonical=name,
        country=country,
        feature=feature,
        precision=precision,
        spans=spans,
        evidence=_ev(text, spans[0]),
    )


def _claims(nlp, text: str, actors=(), events=(), places=()) -> Context:
    doc = nlp(text)
    article = Article(id="t", text=text, outlet="example.org", published="2024-05-10")
    ctx = Context(article=article, doc=doc, sentences=sentences_of(doc))
    ctx.actors, ctx.events, ctx.places = list(actors), list(events), list(places)
    get_stage("claims")(ctx)
    return ctx


# -- one claim per sentence of a statement ---------------------------------------------------------


def test_each_event_sentence_of_a_quotation_is_its_own_claim(nlp):
    text = (
        "The governor spoke on Friday.\n\n"
        '"Rockets hit the bus depot at noon. Three buses burned. We ask everyone to stay calm," '
        "the governor said."
    )
    events = [_event(text, "e1", "hit"), _event(text, "e2", "burned", kind="COERCE")]
    ctx = _claims(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "The governor")], events)
    said = [c for c in ctx.claims if c.cue == "said"]
    assert [c.event for c in said] == ["e1", "e2"]
    assert all(c.source == "X-GOV" and c.quote for c in said)
    first, second = said
    assert first.content.startswith('"Rockets hit') and second.content.startswith("Three buses burned")
    # each claim stands on its own sentence, not on the sentence of "said"
    assert first.evidence.text.startswith('"Rockets hit') and first.spans.cue is None
    assert (
        second.evidence.text.startswith("Three buses") and second.evidence.sentence > first.evidence.sentence
    )


def test_a_quotation_without_events_stays_one_claim_at_its_cue(nlp):
    text = '"We are shocked. We mourn with the families," the mayor said.'
    ctx = _claims(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the mayor")])
    (claim,) = ctx.claims
    assert claim.spans.cue is not None and claim.content.endswith('families,"')


def test_this_was_announced_covers_the_sentence_and_gives_its_evidence(nlp):
    text = "Shells hit the market in the morning. This was announced by the district governor."
    events = [_event(text, "e1", "hit")]
    ctx = _claims(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the district governor")], events)
    (claim,) = ctx.claims
    assert claim.evidence.sentence == 0 and claim.spans.cue is None and claim.cue == "was announced"


# -- unnamed sources ----------------------------------------------------------------------------------


def test_witnesses_at_the_scene_take_the_country_of_the_article(nlp):
    text = (
        "Soldiers raided Dorvik in Zemland on Sunday. "
        "Witnesses said the soldiers burned the market in Dorvik. "
        "Residents of Dorvik said the raid lasted two hours."
    )
    places = [_place(text, "Dorvik", "ZEM"), _place(text, "Zemland", "ZEM", "country")]
    events = [_event(text, "e1", "raided"), _event(text, "e2", "burned", kind="COERCE")]
    ctx = _claims(nlp, text, events=events, places=places)
    by_cue = {c.cue: c for c in ctx.claims if c.attributed}
    actors = {a.id: a for a in ctx.actors}
    witnesses = actors[by_cue["said"].source]
    assert witnesses.country == "ZEM" and witnesses.sector == "civilians"
    assert witnesses.id != "unresolved:witnesses"


def test_a_place_in_the_source_words_gives_the_country(nlp):
    text = "A Dorvik resident told reporters that drones struck the station."
    ctx = _claims(nlp, text, events=[_event(text, "e1", "struck")], places=[_place(text, "Dorvik", "ZEM")])
    (claim,) = ctx.claims
    (actor,) = [a for a in ctx.actors if a.id == claim.source]
    assert actor.country == "ZEM" and actor.sector == "civilians"


def test_no_country_is_guessed_when_places_disagree(nlp):
    text = "Witnesses said troops from Arland shelled Borvia and Corland overnight."
    places = [
        _place(text, "Arland", "ARL", "country"),
        _place(text, "Borvia", "BOR", "country"),
        _place(text, "Corland", "COR", "country"),
    ]
    ctx = _claims(nlp, text, events=[_event(text, "e1", "shelled")], places=places)
    (actor,) = [a for a in ctx.actors if a.id == ctx.claims[0].source]
    assert actor.country is None and actor.sector == "civilians"


@pytest.mark.parametrize(
    ("text", "sector"),
    [
        ("News reports said that gunmen attacked a convoy.", "media"),
        ("Human rights organisations said that gunmen attacked a convoy.", "ngo"),
        ("A local official said that gunmen attacked a convoy.", "government"),
        ("Several Western countries said that gunmen attacked a convoy.", "government"),
    ],
)
def test_generic_sources_get_a_sector(nlp, text, sector):
    ctx = _claims(nlp, text, events=[_event(text, "e1", "attacked")])
    claim = next(c for c in ctx.claims if c.attributed)
    actor = next(a for a in ctx.actors if a.id == claim.source)
    assert actor.sector == sector


def test_armed_groups_are_not_a_rights_group(nlp):
    text = "Armed groups said that they attacked a convoy."
    ctx = _claims(nlp, text, events=[_event(text, "e1", "attacked")])
    assert ctx.claims[0].source.startswith("unresolved:")


def test_generic_source_file_errors(tmp_path, monkeypatch):
    with pytest.raises(CueFileError, match="sector"):
        parse_generic_lines(["witness\t-\tbystanders\tscene\tCVL-W"], "g.tsv")
    with pytest.raises(CueFileError, match="country"):
        parse_generic_lines(["witness\t-\tcivilians\tsomewhere\tCVL-W"], "g.tsv")
    extra = tmp_path / "mine.tsv"
    extra.write_text("neighbour\t-\tcivilians\tscene\tCVL-NEIGHBOURS\n", encoding="utf-8")
    monkeypatch.setenv("CEASEFIRE_GENERIC_SOURCES", str(extra))
    assert load_generic_sources()["neighbour"][0].code == "CVL-NEIGHBOURS"


# -- documents and their authors ---------------------------------------------------------------------


def test_a_statement_saying_is_credited_to_who_issued_it(nlp):
    text = "The defence ministry issued a statement saying that 40 fighters were killed."
    (att,) = find_attributions(nlp(text))
    assert text[att.source[0] : att.source[1]] == "The defence ministry"
    assert text[att.content[0] : att.content[1]] == "that 40 fighters were killed"


def test_a_named_report_speaks_for_itself(nlp):
    text = "The junta condemned a UN report accusing the army of killing villagers."
    atts = [a for a in find_attributions(nlp(text)) if text[a.cue[0] : a.cue[1]] == "accusing"]
    (att,) = atts
    assert "UN report" in text[att.source[0] : att.source[1]]


def test_claimed_in_a_statement_that(nlp):
    text = "The ministry claimed in a statement that the bridge was blown up by saboteurs."
    (att,) = find_attributions(nlp(text))
    assert text[att.content[0] : att.content[1]].startswith("that the bridge was blown up")


def test_a_quotation_ending_a_paragraph_is_not_the_next_paragraphs_content(nlp):
    text = '"The strike was a crime."\nThe ministry claimed in a statement that the bridge was intact.'
    atts = [a for a in find_attributions(nlp(text)) if "claimed" in text[a.cue[0] : a.cue[1]]]
    (att,) = atts
    assert "bridge" in text[att.content[0] : att.content[1]] and not att.quote


# -- the outlet's own claims ------------------------------------------------------------------------


def test_outlet_claims_only_for_concrete_news_in_the_main_clause(nlp):
    text = (
        "Rebels shelled the market of Dorvik on Monday. "
        "The town, which was bombed in 2015, has a large market. "
        "Fighting broke out. "
        "Urgent need for an inquiry into the killings."
    )
    events = [
        _event(text, "e1", "shelled").model_copy(update={"actor": "X-REB"}),
        _event(text, "e2", "bombed").model_copy(update={"place": "p1"}),
        _event(text, "e3", "Fighting", kind="ASSAULT"),
        _event(text, "e4", "killings").model_copy(update={"killed": 3}),
    ]
    ctx = _claims(nlp, text, events=events)
    outlet = [c for c in ctx.claims if not c.attributed]
    # the relative clause is background to the sentence, the fighting names no one and nowhere,
    # and the heading has no verb
    assert [c.event for c in outlet] == ["e1"]
    assert outlet[0].source == "outlet:example.org"


# -- as-clauses and paragraphs credited once ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "As the regional agency reported, gunmen blocked the road.",
            "the regional agency",
            "gunmen blocked",
        ),
        (
            "As reported by the regional agency, gunmen blocked the road.",
            "the regional agency",
            "gunmen blocked",
        ),
    ],
)
def test_as_x_reported(nlp, text, source, content):
    (att,) = find_attributions(nlp(text))
    assert text[att.source[0] : att.source[1]] == source
    assert text[att.content[0] : att.content[1]].startswith(content)


def test_as_noted_without_a_speaker_credits_no_one(nlp):
    text = "As noted, gunmen blocked the road near the border."
    assert all(a.source is None for a in find_attributions(nlp(text)))


def test_this_was_announced_covers_the_whole_paragraph_before(nlp):
    text = (
        "Drones struck the power plant at night. Two workers were wounded in the blast. "
        "This was announced by the district governor.\n\nThe weather was cold."
    )
    events = [_event(text, "e1", "struck"), _event(text, "e2", "wounded")]
    ctx = _claims(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the district governor")], events)
    assert [(c.source, c.event, c.evidence.sentence) for c in ctx.claims] == [
        ("X-GOV", "e1", 0),
        ("X-GOV", "e2", 1),
    ]


def test_a_line_that_only_names_the_source_credits_the_lead_and_the_quote_after_it(nlp):
    text = (
        "Rockets hit the depot in Dorvik at dawn.\n\n"
        "As reported by the Daily Courier with reference to the regional police.\n\n"
        '"Two rockets hit the depot. Three guards were wounded."\n\n'
        "The mayor said the town was calm.\n\n"
        "Shelling resumed near Dorvik at noon."
    )
    events = [
        _event(text, "e1", "hit"),
        _event(text, "e2", "hit", nth=1),
        _event(text, "e3", "wounded"),
        _event(text, "e4", "Shelling").model_copy(update={"place": "p1"}),
    ]
    police = _actor(text, "ZEM-POL", "ZEM", "police", "the regional police")
    mayor = _actor(text, "ZEM-GOV", "ZEM", "government", "The mayor")
    ctx = _claims(nlp, text, [police, mayor], events)
    credited = [c for c in ctx.claims if c.source == "ZEM-POL"]
    assert [c.event for c in credited] == ["e1", "e2", "e3"]
    assert all(c.cue == "As reported by" and c.spans.cue is None for c in credited)
    # the mayor's own attribution ends the credited paragraphs: later news is the outlet's
    later = next(c for c in ctx.claims if c.event == "e4")
    assert later.source == "outlet:example.org"


def test_an_ordinary_sentence_is_not_a_source_line(nlp):
    text = "According to the police, rockets hit the depot in Dorvik.\n\nThree guards were wounded in Dorvik."
    events = [_event(text, "e1", "hit"), _event(text, "e2", "wounded").model_copy(update={"place": "p1"})]
    ctx = _claims(nlp, text, [_actor(text, "ZEM-POL", "ZEM", "police", "the police")], events)
    assert next(c for c in ctx.claims if c.event == "e2").source == "outlet:example.org"


# -- condemnations -----------------------------------------------------------------------------------


def test_condemning_an_event_asserts_it(nlp):
    text = "The rights group condemned the execution of twenty prisoners in Dorvik."
    ctx = _claims(
        nlp, text, [_actor(text, "NGO-X", None, "ngo", "The rights group")], [_event(text, "e1", "execution")]
    )
    (claim,) = ctx.claims
    assert claim.stance == "asserts" and claim.event == "e1" and claim.source == "NGO-X"


def test_denouncing_a_report_as_fictitious_denies_it_and_keeps_the_reports_own_claim(nlp):
    text = 'The junta has denounced as "fictitious" and "biased" a UN report that said soldiers killed 300 people.'
    actors = [
        _actor(text, "ZEM-GOV", "ZEM", "government", "The junta"),
        _actor(text, "IGO-UN", None, "igo", "UN"),
    ]
    ctx = _claims(nlp, text, actors, [_event(text, "e1", "killed")])
    by_source = {c.source: c for c in ctx.claims}
    assert by_source["ZEM-GOV"].stance == "denies"
    assert by_source["IGO-UN"].stance == "asserts" and by_source["IGO-UN"].event == "e1"


def test_a_fictitious_object_is_a_denial(nlp):
    text = "The ministry rejected the fabricated report about the shelling."
    (att,) = find_attributions(nlp(text))
    assert att.cue_entry.stance == "denies"
    text = "The ministry slammed the fictitious report about the shelling."
    (att,) = find_attributions(nlp(text))
    assert att.falsity is not None


def test_expressed_surprise_that(nlp):
    text = "The government expressed surprise that investigators had flown drones over the border."
    (att,) = find_attributions(nlp(text))
    assert text[att.content[0] : att.content[1]].startswith("that investigators had flown")


def test_a_caption_run_into_the_sentence_is_not_its_speaker(nlp):
    text = "Soldiers on patrol. / Photo: Daily Courier Archive\nMay 3\n\nThe army has rejected the report."
    atts = [a for a in find_attributions(nlp(text)) if "rejected" in text[a.cue[0] : a.cue[1]]]
    assert atts and "Courier" not in text[atts[0].source[0] : atts[0].source[1]]


# -- several doers ------------------------------------------------------------------------------------


def test_one_claim_per_doer_when_the_claimed_event_has_several(nlp):
    text = "The monitors said that the army and the militia burned the market."
    actors = [
        _actor(text, "NGO-M", None, "ngo", "The monitors"),
        _actor(text, "ZEM-MIL", "ZEM", "military", "the army"),
        _actor(text, "ZEM-MILITIA", "ZEM", "militia", "the militia"),
    ]
    ctx = _claims(nlp, text, actors, [_event(text, "e1", "burned", kind="COERCE")])
    assert [(c.source, c.event, c.actor) for c in ctx.claims] == [
        ("NGO-M", "e1", "ZEM-MIL"),
        ("NGO-M", "e1", "ZEM-MILITIA"),
    ]
    assert len({c.id for c in ctx.claims}) == 2


def test_one_doer_gives_one_claim_without_an_actor(nlp):
    text = "The monitors said that the army burned the market."
    ctx = _claims(
        nlp, text, [_actor(text, "NGO-M", None, "ngo", "The monitors")], [_event(text, "e1", "burned")]
    )
    (claim,) = ctx.claims
    assert claim.actor is None


def test_a_quotation_said_by_a_statement_read_out_by_someone(nlp):
    text = '"No soldier crossed the river," said a statement read out on the radio by the army spokesman.'
    (att,) = find_attributions(nlp(text))
    assert "army spokesman" in text[att.source[0] : att.source[1]]
    assert att.quote and text[att.content[0] : att.content[1]].startswith('"No soldier')


@pytest.mark.parametrize(
    "text",
    [
        "The governor urged residents to leave the district.",
        "The ministry announced an inquiry into the market.",
        "The mayor described the station.",
    ],
)
def test_requests_and_plain_objects_are_not_claims_about_what_happened(nlp, text):
    ctx = _claims(nlp, text)
    assert ctx.claims == []


def test_objects_that_name_an_event_or_a_report_stay_claims(nlp):
    text = "The mayor described the shelling. The ministry confirmed the report."
    ctx = _claims(nlp, text, events=[_event(text, "e1", "shelling")])
    assert [c.cue for c in ctx.claims] == ["described", "confirmed"]


def test_according_to_opening_a_paragraph_covers_its_next_plain_sentences(nlp):
    text = (
        "According to the regional police, rockets hit the depot in Dorvik. Two guards were wounded. "
        "The mayor said the town was calm. Shelling resumed near Dorvik at noon.\n\n"
        "Three trucks burned in Dorvik."
    )
    events = [
        _event(text, "e1", "hit"),
        _event(text, "e2", "wounded"),
        _event(text, "e3", "Shelling").model_copy(update={"place": "p1"}),
        _event(text, "e4", "burned").model_copy(update={"place": "p1"}),
    ]
    actors = [
        _actor(text, "ZEM-POL", "ZEM", "police", "the regional police"),
        _actor(text, "ZEM-GOV", "ZEM", "government", "The mayor"),
    ]
    ctx = _claims(nlp, text, actors, events)
    by_event = {c.event: c for c in ctx.claims}
    assert by_event["e1"].source == "ZEM-POL" and by_event["e2"].source == "ZEM-POL"
    assert by_event["e2"].spans.cue is None and by_event["e2"].cue == "According to"
    # the mayor's sentence ends the carry-over; the next paragraph is the outlet's
    assert by_event["e3"].source == "outlet:example.org"
    assert by_event["e4"].source == "outlet:example.org"


def test_a_town_whose_country_the_article_never_names_does_not_vote(nlp):
    text = "Soldiers raided Dorvik in Zemland. Witnesses said the soldiers burned the market in Dorvik and Dorvik's mill."
    # Dorvik resolved (wrongly) to a namesake in Arland, which the article never names
    places = [_place(text, "Dorvik", "ARL"), _place(text, "Zemland", "ZEM", "country")]
    ctx = _claims(nlp, text, events=[_event(text, "e1", "burned", kind="COERCE")], places=places)
    claim = next(c for c in ctx.claims if c.attributed)
    (actor,) = [a for a in ctx.actors if a.id == claim.source]
    assert actor.country == "ZEM"


def test_the_junta_is_the_government_of_the_scene(nlp):
    text = "The junta castigated the fictitious report on the killings in Dorvik, Zemland."
    places = [_place(text, "Dorvik", "ZEM"), _place(text, "Zemland", "ZEM", "country")]
    ctx = _claims(nlp, text, events=[_event(text, "e1", "killings")], places=places)
    (claim,) = ctx.claims
    (actor,) = [a for a in ctx.actors if a.id == claim.source]
    assert (actor.country, actor.sector, claim.stance) == ("ZEM", "government", "denies")


def test_a_content_that_is_a_false_noun_phrase_is_a_denial(nlp):
    text = '"A biased report based on a fictional account," the junta said of the inquiry.'
    ctx = _claims(nlp, text, [_actor(text, "ZEM-GOV", "ZEM", "government", "the junta")])
    assert ctx.claims and ctx.claims[0].stance == "denies"


def test_a_title_run_into_the_sentence_leaves_the_line_opening_subject(nlp):
    text = "Army accused of killings in Dorvik by militia\nWitnesses told reporters that soldiers burned the market."
    atts = [a for a in find_attributions(nlp(text)) if text[a.cue[0] : a.cue[1]] == "told"]
    assert atts and text[atts[0].source[0] : atts[0].source[1]] == "Witnesses"


def test_a_country_named_as_speaker_is_its_government(nlp):
    text = "Zemland denies that its troops shelled the border village."
    places = [_place(text, "Zemland", "ZEM", "country")]
    ctx = _claims(nlp, text, events=[_event(text, "e1", "shelled")], places=places)
    claim = ctx.claims[0]
    actor = next(a for a in ctx.actors if a.id == claim.source)
    assert (actor.country, actor.sector, claim.stance) == ("ZEM", "government", "denies")


def test_a_place_heading_gives_no_claim(nlp):
    text = "Zemland: Massacre by soldiers in Dorvik\nThe village was quiet on Monday."
    places = [_place(text, "Zemland", "ZEM", "country"), _place(text, "Dorvik", "ZEM")]
    ctx = _claims(nlp, text, events=[_event(text, "e1", "Massacre")], places=places)
    assert all(c.cue != ":" for c in ctx.claims)


def test_a_heading_whose_words_name_their_own_speaker(nlp):
    text = "Zemland: Rights group condemns killings in Dorvik\nThe village was quiet on Monday."
    atts = find_attributions(nlp(text))
    assert all(text[a.cue[0] : a.cue[1]] != ":" for a in atts)


def test_the_doers_are_the_subject_nearest_the_verb(nlp):
    text = "(Dorvik) - Soldiers and militiamen burned the market, the monitors said."
    actors = [_actor(text, "NGO-M", None, "ngo", "the monitors")]
    ctx = _claims(nlp, text, actors, [_event(text, "e1", "burned", kind="COERCE")])
    doers = [c.actor for c in ctx.claims if c.source == "NGO-M"]
    assert len(doers) == 2 and all(d and "dorvik" not in d.lower() for d in doers)
