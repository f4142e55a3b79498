"""Claims on news text, third pass: quotation paragraphs, stance of a sibling clause, own steps."""

from __future__ import annotations

from ceasefire.extract.attribution import find_attributions
from ceasefire.extract.stance import stance_of
from test_claims_news import _actor, _claims, _event


def test_a_quotation_paragraph_after_its_speaker_continues_the_statement(nlp):
    text = (
        "The council met on Tuesday.\n\n"
        '"Nobody was hurt in the blast," said a statement signed by the council chairman.\n\n'
        '"Among the wounded there were only two guards."\n\n'
        "The council also asked for calm."
    )
    events = [_event(text, "e1", "hurt", kind="ASSAULT")]
    ctx = _claims(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the council chairman")], events)
    said = [c for c in ctx.claims if c.cue == "said"]
    assert [c.stance for c in said] == ["denies", "asserts"]
    assert said[1].content.startswith('"Among the wounded') and said[1].source == "X-GOV"
    assert said[1].spans.cue is None and said[1].evidence.sentence > said[0].evidence.sentence


def test_opinions_and_conditions_in_a_quotation_are_not_claims_of_their_own(nlp):
    text = (
        '"Nobody was hurt in the blast," the chairman said.\n\n'
        '"This is a disgrace. If they return, we will respond."'
    )
    events = [_event(text, "e1", "hurt", kind="ASSAULT")]
    ctx = _claims(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the chairman")], events)
    assert [c.content[:8] for c in ctx.claims if c.source == "X-GOV"] == ['"Nobody ']


def test_a_quotation_is_not_continued_across_a_sentence_that_goes_on(nlp):
    text = '"The depot burned," the mayor said, adding that crews were there.\n\n"We are grateful."'
    (said,) = [a for a in find_attributions(nlp(text)) if text[a.cue[0] : a.cue[1]] == "said"]
    assert "grateful" not in text[said.content[0] : said.content[1]]


def test_a_condemning_clause_does_not_make_the_main_statement_a_denial(nlp):
    text = (
        'Condemning what it called a "false and biased report", the ministry also expressed '
        "surprise that the inspectors had flown drones over the camp."
    )
    doc = nlp(text)
    atts = find_attributions(doc)
    (surprise,) = [a for a in atts if "drones" in text[a.content[0] : a.content[1]]]
    assert stance_of(surprise, doc)[0] == "asserts"
    (condemning,) = [a for a in atts if text[a.cue[0] : a.cue[1]].startswith("Condemning")]
    assert stance_of(condemning, doc)[0] == "denies"


def test_calling_it_false_still_denies(nlp):
    text = "The ministry rejected the account of the raid, calling it false."
    doc = nlp(text)
    assert stance_of(find_attributions(doc)[0], doc)[0] == "denies"


def test_announcing_its_own_step_is_not_a_claim(nlp):
    text = "The prosecutor announced an investigation into the shooting in the market."
    events = [_event(text, "e1", "investigation", kind="COERCE"), _event(text, "e2", "shooting")]
    ctx = _claims(nlp, text, [_actor(text, "X-JUD", "XXX", "government", "The prosecutor")], events)
    assert [c for c in ctx.claims if c.attributed] == []


def test_announcing_what_happened_is_still_a_claim(nlp):
    text = "The prosecutor announced the arrest of two suspects in the market."
    events = [_event(text, "e1", "arrest", kind="COERCE")]
    ctx = _claims(nlp, text, [_actor(text, "X-JUD", "XXX", "government", "The prosecutor")], events)
    assert [c.source for c in ctx.claims if c.attributed] == ["X-JUD"]


def test_claiming_lives_is_a_death_not_a_statement(nlp):
    text = "The night raid on the depot claimed the lives of four guards who died in the fire."
    events = [_event(text, "e1", "raid"), _event(text, "e2", "died")]
    ctx = _claims(nlp, text, events=events)
    assert all(c.cue != "claimed" for c in ctx.claims)


def test_citing_names_where_the_words_come_from(nlp):
    text = (
        "Troops arrested six smugglers near the river, the agency reported, citing a statement by the army."
    )
    actors = [
        _actor(text, "X-MED", "XXX", "media", "the agency"),
        _actor(text, "X-MIL", "XXX", "military", "the army"),
    ]
    ctx = _claims(nlp, text, actors, [_event(text, "e1", "arrested", kind="COERCE")])
    assert [c.cue for c in ctx.claims if c.attributed] == ["reported"]
