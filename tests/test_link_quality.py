"""Readable disputes and whole incidents, on invented articles built by hand.

A stance dispute is about one claimed happening, with one side per source;
outlets telling the news in their own voice report a side but do not make one;
places of speakers do not place events; a report linked before the reports that
tie it to an incident still ends in that incident.
"""

from __future__ import annotations

from ceasefire.link import find_disputes, link_documents
from ceasefire.link.report import evidence_link, render
from ceasefire.records import Actor, Document
from test_link_helpers import Art, Cl, Ev, build

ATTACK = Ev("attacked", place="Velmora", actor="Azerland's army", date="2031-05-03")


def _say(aid: str, text: str, claims: list[Cl], published: str = "2031-05-04", **ev) -> Art:
    event = Ev(**{**ATTACK.__dict__, **ev})
    return Art(id=aid, outlet=f"{aid}.example", published=published, text=text, events=[event], claims=claims)


def _arm_asserts(aid: str = "q-1") -> Art:
    return _say(
        aid,
        "Azerland's army attacked positions near Velmora on Saturday, the Defence Ministry of Arvenia said.",
        [
            Cl(
                "the Defence Ministry of Arvenia",
                "said",
                "Azerland's army attacked positions near Velmora",
                event=0,
            )
        ],
    )


def _aze_denies(aid: str = "q-2") -> Art:
    return _say(
        aid,
        "On Sunday, in Baku, the Azerland Defence Ministry denied that Azerland's army attacked Velmora.",
        [
            Cl(
                "the Azerland Defence Ministry",
                "denied",
                "Azerland's army attacked Velmora",
                stance="denies",
                event=0,
            )
        ],
    )


def _disputes(arts: list[Art], kind: str = "stance"):
    docs = [build(a) for a in arts]
    incidents = link_documents(docs)
    return [d for d in find_disputes(incidents, docs) if d.kind == kind], incidents, docs


def test_a_source_on_both_sides_is_shown_once_with_a_note():
    governor_says = [
        _say(
            f"g-{i}",
            "Azerland's army attacked positions near Velmora on Saturday, the Arvenian governor said.",
            [Cl("the Arvenian governor", "said", "Azerland's army attacked positions near Velmora", event=0)],
        )
        for i in (1, 2)
    ]
    governor_doubts = _say(
        "g-3",
        "Later the Arvenian governor denied that Azerland's army attacked Velmora.",
        [Cl("the Arvenian governor", "denied", "Azerland's army attacked Velmora", stance="denies", event=0)],
    )
    stance, _, _ = _disputes([*governor_says, governor_doubts, _aze_denies()])
    assert len(stance) == 1
    governor = [s for s in stance[0].sides if s.source == "ARM-GOV"]
    assert len(governor) == 1, "one side per source"
    assert governor[0].stance == "asserts", "the stance of most of its articles"
    assert governor[0].note and "denies" in governor[0].note
    assert [c.article for c in governor[0].contrary] == ["g-3"]
    assert {(s.source, s.stance) for s in stance[0].sides} == {("ARM-GOV", "asserts"), ("AZE-MOD", "denies")}


def test_an_outlet_in_its_own_voice_does_not_make_a_side():
    outlet_says = _say(
        "o-1",
        "Azerland's army attacked positions near Velmora on Saturday, residents fled.",
        [Cl(None, "attacked", "Azerland's army attacked positions near Velmora", event=0)],
    )
    alone, _, _ = _disputes([outlet_says, _aze_denies()])
    assert alone == [], "only the outlet asserts what the ministry denies"
    with_party, _, _ = _disputes([outlet_says, _arm_asserts(), _aze_denies()])
    assert len(with_party) == 1
    sources = [s.source for s in with_party[0].sides if s.stance == "asserts"]
    assert sources[0] == "ARM-MOD" and sources[-1].startswith("outlet:"), "parties before outlets"


def test_claims_about_talks_are_not_claims_about_the_attack():
    talks = Art(
        id="t-1",
        outlet="t-1.example",
        text=(
            "Azerland's army attacked positions near Velmora on Saturday. "
            "On Sunday the Azerland Defence Ministry denied that talks on Velmora were held."
        ),
        events=[ATTACK, Ev("talks", type="CONSULT", place="Velmora", date="2031-05-04")],
        claims=[
            Cl(
                "the Azerland Defence Ministry",
                "denied",
                "talks on Velmora were held",
                stance="denies",
                event=1,
            )
        ],
    )
    stance, incidents, _ = _disputes([_arm_asserts(), talks])
    assert len(incidents) == 1
    assert stance == [], "denying the talks is not denying the attack"


def test_who_did_it_and_whether_it_happened_are_separate_propositions():
    shelling_named_nobody = _say(
        "s-1",
        "Shelling hit positions near Velmora on Saturday, the Arvenian governor said.",
        [Cl("the Arvenian governor", "said", "Shelling hit positions near Velmora", event=0)],
        trigger="Shelling hit",
        actor=None,
    )
    stance, _, _ = _disputes([_arm_asserts(), shelling_named_nobody, _aze_denies()])
    assert len(stance) == 1, "nobody denies that positions were shelled"
    assert "AZE" in stance[0].about
    assert {s.source for s in stance[0].sides} == {"ARM-MOD", "AZE-MOD"}, "the governor named no attacker"


def test_a_denial_of_the_whole_happening_answers_the_claim_naming_an_actor():
    nothing_happened = _say(
        "n-9",
        "In a statement, the Azerland Defence Ministry said no shelling took place near Velmora on Saturday.",
        [
            Cl(
                "the Azerland Defence Ministry",
                "said",
                "no shelling took place near Velmora",
                stance="denies",
                event=0,
            )
        ],
        trigger="shelling",
        actor=None,
    )
    stance, _, _ = _disputes([_arm_asserts(), nothing_happened])
    assert len(stance) == 1, "the same two sources: one dispute, not the same one twice"
    assert {(s.source, s.stance) for s in stance[0].sides} == {("ARM-MOD", "asserts"), ("AZE-MOD", "denies")}


def _toll(aid: str, text: str, who: str | None, killed: int | None, wounded: int | None) -> Art:
    claims = [Cl(who, "said", text.split(",")[0], event=0)] if who else []
    return Art(
        id=aid,
        outlet=f"{aid}.example",
        text=text,
        events=[Ev("were killed" if killed else "were wounded", place="Velmora", date="2031-05-03",
                   killed=killed, wounded=wounded)],
        claims=claims,
    )  # fmt: skip


def test_an_outlet_repeating_a_partys_figure_is_folded_into_that_side():
    arts = [
        _toll("f-1", "Three soldiers were killed and 15 wounded near Velmora, the Defence Ministry of Arvenia said.",
              "the Defence Ministry of Arvenia", 3, 15),
        _toll("f-2", "Three soldiers were killed and 14 wounded near Velmora, the Azerland Defence Ministry said.",
              "the Azerland Defence Ministry", 3, 14),
        _toll("f-3", "Fourteen soldiers were wounded in the fighting around Velmora.", None, None, 14),
        _toll("f-4", "By Sunday evening, twenty people in Velmora were wounded, hospitals reported.", None, None, 20),
    ]  # fmt: skip
    figures, incidents, _ = _disputes(arts, kind="figures")
    assert len(incidents) == 1 and len(figures) == 1
    sides = {s.source: s for s in figures[0].sides}
    assert set(sides) == {"ARM-MOD", "AZE-MOD", "outlet:f-4.example"}, "f-3 repeats a party, f-4 does not"
    assert [r.article for r in sides["AZE-MOD"].restated_by] == ["f-3"]
    assert "(ARM-MOD)" in figures[0].about and "(AZE-MOD)" in figures[0].about


def _with_actor(doc: Document, words: str, actor_id: str, country: str) -> Document:
    start = doc.article.text.index(words)
    ev = doc.events[0]
    doc.actors.append(
        Actor(id=actor_id, name=words, canonical=actor_id, country=country, spans=[(start, start + len(words))],
              evidence=ev.evidence)
    )  # fmt: skip
    return doc


def _place_event_at(doc: Document, name: str) -> Document:
    place = next(p for p in doc.places if p.name == name)
    doc.events[0].place = place.id
    doc.events[0].spans.place = place.spans[0]
    return doc


def test_the_place_of_the_speakers_does_not_place_the_event():
    far_officials = build(
        Art(
            id="p-2",
            outlet="p-2.example",
            text="Officials in Korvel said Azerland's army attacked positions near Velmora on Saturday.",
            events=[Ev("attacked", actor="Azerland's army", date="2031-05-03")],
        )
    )
    far_officials = _place_event_at(
        _with_actor(far_officials, "Officials in Korvel", "AZE-GOV", "AZE"), "Korvel"
    )
    briefing = build(
        Art(
            id="p-3",
            outlet="p-3.example",
            text="Azerland's army attacked positions near Velmora on Saturday, the Arvenian governor told a briefing in Korvel.",
            events=[Ev("attacked", actor="Azerland's army", date="2031-05-03")],
            claims=[
                Cl(
                    "the Arvenian governor",
                    "told",
                    "Azerland's army attacked positions near Velmora",
                    event=0,
                )
            ],
        )
    )
    briefing = _place_event_at(briefing, "Korvel")
    near = build(_arm_asserts("p-1"))
    incidents = link_documents([near, far_officials, briefing])
    assert len(incidents) == 1, "Korvel is where they spoke, hundreds of km from Velmora"
    assert incidents[0].place_name == "Velmora"
    # the rule is about speakers: an event told as happening at Korvel still stands apart
    at_korvel = _place_event_at(
        build(Art(id="p-4", outlet="p-4.example", text="Azerland's army attacked positions in Korvel on Saturday, as it had at Velmora.",
                  events=[Ev("attacked", actor="Azerland's army", date="2031-05-03")])),
        "Korvel",
    )  # fmt: skip
    assert len(link_documents([near, at_korvel])) == 2


def _fight(aid: str, published: str, day: str, lead: str) -> Art:
    return _say(
        aid,
        f"{lead} Azerland's army attacked positions near Velmora, the Defence Ministry of Arvenia said.",
        [
            Cl(
                "the Defence Ministry of Arvenia",
                "said",
                "Azerland's army attacked positions near Velmora",
                event=0,
            )
        ],
        published=published,
        date=day,
    )


def test_a_report_linked_too_early_joins_the_incident_later_reports_bridge_to():
    first = _fight("b-1", "2031-05-03", "2031-05-03", "Sirens sounded before dawn on the hills.")
    # six days on: outside the first report's window
    late = _fight("b-2", "2031-05-09", "2031-05-09", "Farmers had only just returned to their fields.")
    # reported last, dated between them
    bridge = _fight("b-3", "2031-05-10", "2031-05-06", "A school was closed for the third time this month.")
    assert len(link_documents([build(first), build(late)])) == 2, "alone, the two are too far apart"
    incidents = link_documents([build(a) for a in (first, late, bridge)])
    assert len(incidents) == 1
    assert sorted(incidents[0].articles) == ["b-1", "b-2", "b-3"]


def test_evidence_links_open_the_article_at_the_sentence():
    sentence = "Azerland's army attacked positions near Velmora on Saturday, the ministry said."
    link = evidence_link("https://news.example/a#top", sentence)
    assert link is not None
    base, fragment = link.split("#:~:text=")
    assert base == "https://news.example/a"
    start, end = fragment.split(",")
    assert start == "Azerland%27s%20army%20attacked%20positions"
    assert end == "Saturday%2C%20the%20ministry%20said."
    assert evidence_link(None, sentence) is None


def test_report_lists_each_source_once_per_figure():
    arts = [
        _toll("r-1", "Three soldiers were killed and 15 wounded near Velmora, the Defence Ministry of Arvenia said.",
              "the Defence Ministry of Arvenia", 3, 15),
        _toll("r-2", "Three soldiers were killed and 15 were hurt at Velmora late on Saturday, the Defence Ministry of Arvenia said.",
              "the Defence Ministry of Arvenia", 3, 15),
        _toll("r-3", "Three soldiers were killed and 14 wounded near Velmora, the Azerland Defence Ministry said.",
              "the Azerland Defence Ministry", 3, 14),
    ]  # fmt: skip
    docs = [build(a) for a in arts]
    incidents = link_documents(docs)
    text = render(incidents, find_disputes(incidents, docs), {d.article.id: d for d in docs})
    section = text.split("### Figures by source", 1)[1].split("###", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ARM-MOD")]
    assert len(rows) == 1, "one row for the ministry's 3 killed, 15 wounded"
    assert "r-1.example" in rows[0] and "r-2.example" in rows[0]
    assert "Disputed figures" in text


def test_report_quotes_a_few_claims_per_source_and_names_the_other_outlets():
    openings = [
        "Sirens sounded before dawn on the hills.",
        "Farmers had only just returned to their fields.",
        "A school was closed for the third time this month.",
        "The road to the border was shut by noon.",
        "Power lines were cut across the valley overnight.",
    ]
    arts = [
        _say(
            f"m-{i}",
            f"{lead} Azerland's army attacked positions near Velmora, the Defence Ministry of Arvenia said.",
            [
                Cl(
                    "the Defence Ministry of Arvenia",
                    "said",
                    "Azerland's army attacked positions near Velmora",
                    event=0,
                )
            ],
        )
        for i, lead in enumerate(openings)
    ]
    docs = [build(a) for a in [*arts, _aze_denies()]]
    incidents = link_documents(docs)
    assert len(incidents) == 1
    text = render(incidents, find_disputes(incidents, docs), {d.article.id: d for d in docs})
    row = next(line for line in text.splitlines() if line.startswith("| **ARM-MOD**"))
    quoted = [f"m-{i}.example" for i in range(5) if f"[m-{i}.example]" in row]
    assert len(quoted) == 3, "three quotes, not five"
    left = [f"m-{i}.example" for i in range(5) if f"m-{i}.example" not in quoted]
    assert f"*and in {', '.join(left)}*" in row, "the other outlets are named"
