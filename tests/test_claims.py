"""The claims stage on invented Moscow-Times-style text, with actors and events built by hand."""

from __future__ import annotations

import pytest

from ceasefire.extract.attribution import find_attributions, find_quotes
from ceasefire.extract.claim_cues import CueFileError, load_cues, parse_cue_lines
from ceasefire.pipeline import Context, available_stages, get_stage, process
from ceasefire.records import Actor, Article, Event, EventSpans, Evidence

STORY = (
    "Russia's Defence Ministry said on Monday that Azerbaijani troops had completed a withdrawal "
    "from the village of Parukh. "
    "Azerbaijan's Defence Ministry denied the report. "
    '"There have been no changes in the positions of our units. The army holds every height," it said. '
    "Armenia's Foreign Ministry rejected Russian claims of a full withdrawal."
)


def _mentions(text: str, *names: str) -> list[tuple[int, int]]:
    spans = []
    for name in names:
        i = text.find(name)
        while i >= 0:
            spans.append((i, i + len(name)))
            i = text.find(name, i + len(name))
    return sorted(spans)


def _actor(text: str, actor_id: str, country: str, sector: str, *names: str) -> Actor:
    spans = _mentions(text, *names)
    s, e = spans[0]
    return Actor(
        id=actor_id,
        name=names[0],
        canonical=names[0],
        country=country,
        sector=sector,
        spans=spans,
        evidence=Evidence(sentence=0, start=s, end=e, text=text[s:e]),
    )


def _event(text: str, event_id: str, trigger: str, nth: int = 0, **kw) -> Event:
    s, e = _mentions(text, trigger)[nth]
    return Event(
        id=event_id,
        type=kw.pop("type", "RETREAT"),
        spans=EventSpans(trigger=(s, e)),
        evidence=Evidence(sentence=0, start=s, end=e, text=text[s:e]),
        **kw,
    )


def _context(nlp, text: str, actors=(), events=(), published: str | None = "2022-03-29") -> Context:
    from ceasefire.nlp import sentences_of

    doc = nlp(text)
    article = Article(id="t", text=text, outlet="themoscowtimes.com", published=published)
    ctx = Context(article=article, doc=doc, sentences=sentences_of(doc))
    ctx.actors = list(actors)
    ctx.events = list(events)
    return ctx


@pytest.fixture()
def story(nlp) -> Context:
    actors = [
        _actor(STORY, "RUS-MIL", "RUS", "military", "Russia's Defence Ministry", "Russian"),
        _actor(STORY, "AZE-MIL", "AZE", "military", "Azerbaijan's Defence Ministry"),
        _actor(STORY, "ARM-GOV-MFA", "ARM", "government", "Armenia's Foreign Ministry"),
    ]
    events = [_event(STORY, "e1", "withdrawal", 0), _event(STORY, "e2", "withdrawal", 1)]
    ctx = _context(nlp, STORY, actors, events)
    get_stage("claims")(ctx)
    return ctx


def _by_cue(ctx: Context, cue: str):
    return [c for c in ctx.claims if c.cue == cue]


def test_russia_asserts_the_withdrawal(story):
    (claim,) = _by_cue(story, "said")[:1]
    assert claim.source == "RUS-MIL"
    assert claim.stance == "asserts"
    assert "withdrawal from the village of Parukh" in claim.content
    assert claim.event == "e1"
    assert claim.date == "2022-03-28"  # the Monday before publication
    assert claim.attributed is True
    s, e = claim.spans.source
    assert story.text[s:e] == "Russia's Defence Ministry"


def test_azerbaijan_denies_including_the_quote_said_by_it(story):
    denial = _by_cue(story, "denied")[0]
    assert denial.source == "AZE-MIL" and denial.stance == "denies"
    quoted = [c for c in story.claims if c.quote]
    assert len(quoted) == 1
    q = quoted[0]
    assert q.source == "AZE-MIL"  # "it" resolved to the nearest earlier organisation
    assert q.stance == "denies"  # "no changes in the positions"
    assert q.content.startswith('"There have been no changes') and q.content.endswith('every height,"')
    assert any("'it'" in w for w in story.warnings)
    # the denials answer Russia's assertion and take its event
    russia = _by_cue(story, "said")[0]
    assert denial.disputes == russia.id and denial.event == "e1"


def test_rejection_of_russian_claims_gives_two_linked_claims(story):
    rejection = _by_cue(story, "rejected")[0]
    reported = _by_cue(story, "claims")[0]
    assert reported.source == "RUS-MIL" and reported.stance == "asserts"
    assert reported.content == "a full withdrawal"
    assert rejection.source == "ARM-GOV-MFA" and rejection.stance == "denies"
    assert rejection.disputes == reported.id
    assert rejection.event == reported.event == "e2"
    assert rejection.evidence.text.startswith("Armenia's Foreign Ministry rejected")


def test_ids_are_unique_and_spans_match_the_text(story):
    ids = [c.id for c in story.claims]
    assert len(ids) == len(set(ids))
    for claim in story.claims:
        s, e = claim.spans.content
        assert story.text[s:e] == claim.content
        if claim.cue is not None:
            cs, ce = claim.spans.cue
            assert story.text[cs:ce] == claim.cue


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        (
            "According to the border guards, two posts were shelled overnight.",
            "the border guards",
            "According to",
            "two posts were shelled overnight",
        ),
        (
            "Two posts were shelled overnight, the border service said in a statement.",
            "the border service",
            "said",
            "Two posts were shelled overnight",
        ),
        (
            "The governor told reporters that the bridge had been destroyed.",
            "The governor",
            "told",
            "that the bridge had been destroyed",
        ),
        (
            "The attack was first reported by a local news agency.",
            "a local news agency",
            "reported",
            "The attack",
        ),
        (
            "The commander insisted his men had not fired first.",
            "The commander",
            "insisted",
            "his men had not fired first",
        ),
    ],
)
def test_reported_speech_patterns(nlp, text, source, cue, content):
    atts = find_attributions(nlp(text))
    assert len(atts) == 1
    att = atts[0]
    assert text[att.source[0] : att.source[1]] == source
    assert cue in text[att.cue[0] : att.cue[1]]
    assert text[att.content[0] : att.content[1]] == content


def test_quote_over_several_paragraphs_with_the_speaker_named_once(nlp):
    text = (
        "The mayor spoke at length.\n\n"
        "\u201cThe shelling began at dawn and lasted for hours.\n\n"
        "\u201cNobody in the town slept,\u201d she said."
    )
    quotes = find_quotes(text)
    assert quotes == [(text.index("\u201cThe"), text.index(",\u201d") + 2)]
    att = [a for a in find_attributions(nlp(text)) if text[a.cue[0] : a.cue[1]] == "said"][0]
    assert att.quote
    assert att.content == quotes[0]


def test_speaker_then_colon_then_quote(nlp):
    text = 'The spokesman wrote on Telegram: "Our positions are unchanged."'
    att = find_attributions(nlp(text))[0]
    assert text[att.source[0] : att.source[1]] == "The spokesman"
    assert text[att.content[0] : att.content[1]] == '"Our positions are unchanged."'
    assert att.quote


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said its forces did not violate a single provision of the truce.",
        "The ministry dismissed the reports as lies.",
        "The ministry called it absolutely false.",
        "The ministry refuted the reports of an offensive.",
        "The ministry said there had been no shelling of the town.",
        "The ministry said all allegations that its troops shelled the town were a provocation.",
        "Claims that the army shelled the town are not true, the ministry said.",
        "The ministry said the reports had nothing to do with reality.",
    ],
)
def test_denials(nlp, text):
    ctx = _context(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "The ministry", "the ministry")])
    get_stage("claims")(ctx)
    assert [(c.source, c.stance) for c in ctx.claims if c.cue != "allegations"] == [("X-GOV", "denies")]


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said its forces had repelled an attack near the border.",
        "The ministry said the shelling was no accident.",
    ],
)
def test_plain_assertion_is_not_a_denial(nlp, text):
    ctx = _context(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "The ministry")])
    get_stage("claims")(ctx)
    assert [c.stance for c in ctx.claims] == ["asserts"]


def test_unresolved_source_keeps_its_words(nlp):
    text = "A family friend said that the shops had reopened."
    ctx = _context(nlp, text)
    get_stage("claims")(ctx)
    assert ctx.claims[0].source == "unresolved:a family friend"


def test_outlet_claims_only_for_unattributed_event_sentences(nlp):
    text = (
        "A drone strike hit a checkpoint near the village on Friday. "
        "The weather was mild for the season. "
        "The army said the strike killed two soldiers."
    )
    events = [
        _event(text, "e1", "strike", 0, type="ASSAULT", place="geonames:1"),
        _event(text, "e2", "strike", 1, type="ASSAULT"),
    ]
    ctx = _context(nlp, text, [_actor(text, "X-MIL", "XXX", "military", "The army")], events)
    get_stage("claims")(ctx)
    outlet = [c for c in ctx.claims if not c.attributed]
    assert len(outlet) == 1
    assert outlet[0].source == "outlet:themoscowtimes.com"
    assert outlet[0].event == "e1" and outlet[0].spans.source is None and outlet[0].cue is None
    attributed = [c for c in ctx.claims if c.attributed]
    assert [c.event for c in attributed] == ["e2"]


def test_no_published_date_means_no_statement_date(nlp):
    text = "The ministry said on Monday that the road was open."
    ctx = _context(nlp, text, published=None)
    get_stage("claims")(ctx)
    assert ctx.claims[0].date is None


def test_cue_file_extension_and_errors(tmp_path, monkeypatch):
    extra = tmp_path / "my-cues.tsv"
    extra.write_text("# mine\nproclaim\tverb\tasserts\t0.7\tclause\n", encoding="utf-8")
    monkeypatch.setenv("CEASEFIRE_CUES", str(extra))
    assert load_cues().verbs["proclaim"].strength == 0.7
    assert load_cues().verbs["deny"].stance == "denies"
    with pytest.raises(CueFileError, match="stance"):
        parse_cue_lines(["say\tverb\tmaybe\t0.5\tclause"], "x.tsv")
    with pytest.raises(CueFileError, match="5 tab-separated"):
        parse_cue_lines(["say verb neutral"], "x.tsv")
    monkeypatch.setenv("CEASEFIRE_CUES", str(tmp_path / "missing.tsv"))
    with pytest.raises(CueFileError, match="not a file"):
        load_cues()


def test_end_to_end_with_the_actors_stage():
    if "actors" not in available_stages():
        pytest.skip("the actors stage is not installed yet")
    article = Article(id="e2e", text=STORY, outlet="themoscowtimes.com", published="2022-03-29")
    (doc,) = process([article])
    by_cue = {c.cue: c for c in doc.claims}
    assert by_cue["denied"].stance == "denies"
    assert by_cue["rejected"].disputes == by_cue["claims"].id
    assert by_cue["claims"].stance == "asserts"


def test_one_claim_per_clause_when_clauses_report_different_events(nlp):
    text = "The army said its drones destroyed a depot and its artillery did not shell the convoy."
    events = [
        _event(text, "e1", "destroyed", type="ASSAULT"),
        _event(text, "e2", "shell", type="ASSAULT", negated=True),
    ]
    ctx = _context(nlp, text, [_actor(text, "X-MIL", "XXX", "military", "The army")], events)
    get_stage("claims")(ctx)
    assert [(c.event, c.stance, c.cue) for c in ctx.claims] == [
        ("e1", "asserts", "said"),
        ("e2", "denies", "said"),
    ]
    assert ctx.claims[0].content == "its drones destroyed a depot"
    assert ctx.claims[1].content.startswith("its artillery did not shell")


def test_one_event_keeps_one_claim(nlp):
    text = "The army said its drones destroyed a depot and the crews returned safely."
    ctx = _context(
        nlp, text, [_actor(text, "X-MIL", "XXX", "military", "The army")], [_event(text, "e1", "destroyed")]
    )
    get_stage("claims")(ctx)
    assert len(ctx.claims) == 1 and ctx.claims[0].event == "e1"


def test_a_claim_does_not_run_across_a_line_break(nlp):
    text = "Ministry denies strike\n8 April 2022\nThe reports of a strike are false, the ministry said."
    ctx = _context(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the ministry")])
    get_stage("claims")(ctx)
    said = [c for c in ctx.claims if c.cue == "said"]
    assert len(said) == 1
    assert "\n" not in said[0].content and said[0].content.startswith("The reports")
    assert said[0].stance == "denies"


def test_a_place_heading_is_not_a_speaker(nlp):
    atts = find_attributions(nlp("Ukraine: Missiles hit a railway station\n\nThe station was crowded."))
    assert atts == []


def test_this_was_announced_by_takes_the_sentence_before(nlp):
    text = "Missiles struck the railway station in the morning. This was announced by the regional governor."
    events = [_event(text, "e1", "struck", type="ASSAULT")]
    ctx = _context(nlp, text, [_actor(text, "X-GOV", "XXX", "government", "the regional governor")], events)
    get_stage("claims")(ctx)
    assert len(ctx.claims) == 1  # no outlet claim for the sentence the governor is credited with
    claim = ctx.claims[0]
    assert claim.source == "X-GOV" and claim.event == "e1"
    assert claim.content == "Missiles struck the railway station in the morning"


def test_reportedly_is_credited_to_unnamed_reports(nlp):
    text = "At least ten civilians were reportedly killed in the shelling."
    ctx = _context(nlp, text, [], [_event(text, "e1", "shelling", type="ASSAULT")])
    get_stage("claims")(ctx)
    (claim,) = ctx.claims
    assert claim.cue == "reportedly" and claim.attributed
    (reports,) = [a for a in ctx.actors if a.id == claim.source]
    assert reports.sector == "media" and reports.country is None


def test_a_publication_date_that_is_not_iso_warns_instead_of_losing_the_article(nlp):
    # the events stage already degrades this way; the claims stage used to raise, and the whole
    # article was skipped as broken
    article = Article(
        id="bad-date",
        text="Arvenia's Defence Ministry said on Monday that its troops withdrew from the village.",
        published="last Tuesday",
    )
    docs = list(process([article], stages=["actors", "events", "claims"]))
    assert len(docs) == 1
    doc = docs[0]
    assert doc.claims and all(c.date is None for c in doc.claims)
    assert any(w.startswith("claims:") and "not an ISO date" in w for w in doc.warnings)
