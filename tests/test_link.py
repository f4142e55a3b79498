"""The link stage on hand-built documents: incidents, wire copies, figures, disputes."""

from __future__ import annotations

from ceasefire.link import Linker, find_disputes, link_documents
from test_link_helpers import Art, Cl, Ev, build

WIRE = (
    "VELMORA (AFP) - Shelling hit the village of Velmora on Saturday, killing four people and "
    "wounding nine, the Defence Ministry of Arvenia said. Residents fled to basements as the shells fell. "
    "Azerland's army did not comment on the report."
)


def wire_copy(aid: str, outlet: str, extra: str = "") -> Art:
    return Art(
        id=aid,
        outlet=outlet,
        text=WIRE + extra,
        title="Shelling kills four in Velmora",
        events=[Ev("Shelling hit", place="Velmora", date="2031-05-03", killed=4, wounded=9)],
        claims=[
            Cl("the Defence Ministry of Arvenia", "said", "Shelling hit the village of Velmora", event=0)
        ],
    )


def clash_reports() -> list[Art]:
    first = Art(
        id="n-1",
        outlet="arvenia-news.example",
        title="Azerland troops attack Velmora, three soldiers killed",
        text=(
            "Azerland's army attacked positions near Velmora on Saturday, the Defence Ministry of Arvenia said. "
            "Three soldiers were killed and fifteen wounded in the attack, the ministry added."
        ),
        events=[
            Ev("attacked", place="Velmora", actor="Azerland's army", date="2031-05-03"),
            Ev("were killed", place="Velmora", date="2031-05-03", killed=3, wounded=15),
        ],
        claims=[
            Cl(
                "the Defence Ministry of Arvenia",
                "said",
                "Azerland's army attacked positions near Velmora",
                event=0,
            ),
            Cl(
                "the Defence Ministry of Arvenia",
                "added",
                "Three soldiers were killed and fifteen wounded",
                event=1,
            ),
        ],
    )
    second = Art(
        id="n-2",
        outlet="azerland-daily.example",
        published="2031-05-05",
        title="Azerland denies attack near Velmora",
        text=(
            "On Sunday the Azerland Defence Ministry denied that its forces attacked Velmora on Saturday. "
            "Local officials said three soldiers were killed and fourteen wounded in fighting near Dastan."
        ),
        events=[
            Ev("attacked", place="Velmora", actor="Azerland's army", date="2031-05-03", negated=True),
            Ev("were killed", place="Dastan", date="2031-05-03", killed=3, wounded=14),
        ],
        claims=[
            Cl(
                "the Azerland Defence Ministry",
                "denied",
                "its forces attacked Velmora",
                stance="denies",
                event=0,
            ),
        ],
    )
    return [first, second]


def test_wire_story_in_three_outlets_counts_once_in_figures():
    docs = [
        build(wire_copy("w-1", "paper-one.example")),
        build(wire_copy("w-2", "paper-two.example", " Markets were closed.")),
        build(wire_copy("w-3", "paper-three.example", " Schools stayed shut on Sunday.")),
        build(
            Art(
                id="w-4",
                outlet="arvenia-news.example",
                text="On Sunday the Arvenian governor said that six people were killed by shelling in Velmora.",
                events=[Ev("killed", place="Velmora", date="2031-05-03", killed=6)],
                claims=[
                    Cl(
                        "the Arvenian governor",
                        "said",
                        "six people were killed by shelling in Velmora",
                        event=0,
                    )
                ],
            )
        ),
    ]
    incidents = link_documents(docs)
    assert len(incidents) == 1
    inc = incidents[0]
    assert set(inc.articles) == {"w-1", "w-2", "w-3", "w-4"}
    four = [f for f in inc.figures if f.killed == 4]
    assert len(four) == 1, "the three reprints give one figure"
    assert four[0].source == "ARM-MOD"
    assert sorted([four[0].article, *four[0].copies]) == ["w-1", "w-2", "w-3"]
    killed = next(s for s in inc.summary if s.count == "killed")
    assert killed.backed_by["4"] == ["ARM-MOD"]
    assert (killed.low, killed.high, killed.conservative) == (4, 6, 4)
    # the reprints are marked as copies of the first
    copies = {r.article: r.copy_of for r in inc.reports}
    assert copies["w-2"] == "w-1" and copies["w-3"] == "w-1" and copies["w-4"] is None


def test_outlet_figures_of_reprints_are_one_source():
    arts = [wire_copy(f"o-{i}", f"paper-{i}.example", " Extra line {i}.") for i in range(3)]
    for art in arts:
        art.claims = []  # the outlets print the number unattributed
    inc = link_documents([build(a) for a in arts])[0]
    assert len(inc.figures) == 1
    assert inc.figures[0].source == "outlet:paper-0.example"
    assert len(inc.figures[0].copies) == 2


def test_contradicting_reports_of_one_clash_give_one_incident_and_two_disputes():
    docs = [build(a) for a in clash_reports()]
    incidents = link_documents(docs)
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.type == "ASSAULT"
    assert inc.articles == ["n-1", "n-2"]
    assert inc.date_start == "2031-05-03"
    disputes = find_disputes(incidents, docs)
    kinds = sorted(d.kind for d in disputes)
    assert kinds == ["figures", "stance"]
    stance = next(d for d in disputes if d.kind == "stance")
    sides = {(s.source, s.stance) for s in stance.sides}
    assert ("ARM-MOD", "asserts") in sides and ("AZE-MOD", "denies") in sides
    deny = next(s for s in stance.sides if s.stance == "denies")
    assert deny.claims[0].article == "n-2" and deny.claims[0].claim == "c1"
    figures = next(d for d in disputes if d.kind == "figures")
    shown = sorted((s.figure["killed"], s.figure["wounded"]) for s in figures.sides)
    assert shown == [(3, 14), (3, 15)]
    contract = figures.contract()
    assert set(contract["sides"][0]) == {"source", "figure", "claims"}
    assert set(stance.contract()["sides"][0]) == {"source", "stance", "claims"}


def test_far_apart_places_and_dates_make_separate_incidents():
    near = Art(
        id="p-1",
        outlet="a.example",
        text="Drones struck Velmora on Monday.",
        events=[Ev("struck", place="Velmora", date="2031-05-05")],
    )
    far = Art(
        id="p-2",
        outlet="b.example",
        text="Drones struck Korvel on Monday.",
        events=[Ev("struck", place="Korvel", date="2031-05-05")],
    )
    later = Art(
        id="p-3",
        outlet="c.example",
        published="2031-07-01",
        text="Drones struck Velmora again in late June.",
        events=[Ev("struck", place="Velmora", date="2031-06-28")],
    )
    incidents = link_documents([build(near), build(far), build(later)])
    assert sorted(i.articles[0] for i in incidents) == ["p-1", "p-2", "p-3"]


def test_territorial_family_links_and_types_do_not_mix():
    entered = Art(
        id="t-1",
        outlet="a.example",
        text="Azerland's army entered Velmora on Monday.",
        events=[Ev("entered", type="MOBILIZE", place="Velmora", actor="Azerland's army", date="2031-05-05")],
    )
    seized = Art(
        id="t-2",
        outlet="b.example",
        text="Azerland's army seized Velmora on Monday.",
        events=[Ev("seized", type="COERCE", place="Velmora", actor="Azerland's army", date="2031-05-05")],
    )
    shelled = Art(
        id="t-3",
        outlet="c.example",
        text="Shells hit Velmora on Monday.",
        events=[Ev("hit", place="Velmora", date="2031-05-05")],
    )
    incidents = link_documents([build(entered), build(seized), build(shelled)])
    by_articles = sorted(sorted(i.articles) for i in incidents)
    assert by_articles == [["t-1", "t-2"], ["t-3"]]


def test_incremental_linking_matches_batch_and_ids_are_stable():
    arts = [wire_copy("w-1", "paper-one.example"), *clash_reports()]
    batch = link_documents([build(a) for a in arts])
    reversed_input = link_documents([build(a) for a in reversed(arts)])
    assert [i.id for i in batch] == [i.id for i in reversed_input]
    linker = Linker()
    linker.add([build(arts[0])])
    first_ids = [i.id for i in linker.incidents()]
    linker.add([build(a) for a in arts[1:]])
    later = linker.incidents()
    assert [i.id for i in later][: len(first_ids)] == first_ids
    assert sorted(sorted(i.articles) for i in later) == sorted(sorted(i.articles) for i in batch)


def test_reaction_event_joins_its_articles_incident():
    art = Art(
        id="r-1",
        outlet="a.example",
        text="Shells hit Velmora on Monday. The Defence Ministry of Arvenia accused Azerland's army of the attack.",
        events=[
            Ev("hit", place="Velmora", date="2031-05-05"),
            Ev("accused", type="ACCUSE", actor="the Defence Ministry of Arvenia", date="2031-05-05"),
        ],
    )
    incidents = link_documents([build(art)])
    assert len(incidents) == 1
    assert [r.event for r in incidents[0].reports] == ["e1", "e2"]


def test_a_later_report_joins_only_when_it_names_the_incidents_month():
    strike = Art(
        id="m-1",
        outlet="a.example",
        text="Drones struck Velmora on Saturday.",
        events=[Ev("struck", place="Velmora", date="2031-05-03")],
    )

    def inquiry(text: str) -> Art:
        return Art(
            id="m-2",
            outlet="b.example",
            published="2032-02-01",
            text=text,
            events=[Ev("strike", place="Velmora", date="2032-01-30")],
        )

    named = inquiry(
        "An inquiry published on Friday said the drone strike on Velmora in May 2031 was unlawful."
    )
    unnamed = inquiry("An inquiry published on Friday said the drone strike on Velmora was unlawful.")
    assert len(link_documents([build(strike), build(named)])) == 1
    assert len(link_documents([build(strike), build(unnamed)])) == 2
    joined = link_documents([build(strike), build(named)])[0]
    assert (joined.date_start, joined.date_end) == ("2031-05-03", "2031-05-03"), (
        "the inquiry's date is not the strike's"
    )


def test_one_source_revising_its_toll_is_no_dispute_until_another_source_differs():
    def toll(aid: str, day: str, words: str, n: int, who: str) -> Art:
        return Art(
            id=aid,
            outlet=f"{aid}.example",
            published=day,
            text=f"Shelling of Velmora on Saturday killed {words} people, {who} said.",
            events=[Ev("Shelling", place="Velmora", date="2031-05-03", killed=n)],
            claims=[Cl(who, "said", f"Shelling of Velmora on Saturday killed {words} people", event=0)],
        )

    first = toll("t-1", "2031-05-03", "three", 3, "the Arvenian governor")
    revised = toll("t-2", "2031-05-04", "five", 5, "the Arvenian governor")
    docs = [build(first), build(revised)]
    assert [d.kind for d in find_disputes(link_documents(docs), docs)] == []
    other = toll("t-3", "2031-05-04", "two", 2, "the Azerland Defence Ministry")
    docs.append(build(other))
    disputes = find_disputes(link_documents(docs), docs)
    assert [d.kind for d in disputes] == ["figures"]
    assert {s.source for s in disputes[0].sides} == {"ARM-GOV", "AZE-MOD"}


def test_candidate_index_finds_what_scoring_every_incident_finds(monkeypatch):
    across = Art(
        id="b-1",
        outlet="border.example",
        text="Shells fell on Berdan on Saturday.",
        events=[Ev("Shells fell", place="Berdan", date="2031-05-03")],
    )
    arts = [wire_copy("w-1", "paper-one.example"), *clash_reports(), across]
    arts += [
        Art(
            id=f"f-{i}",
            outlet="far.example",
            text=f"Drones struck Korvel on day {i}.",
            events=[Ev("struck", place="Korvel", date=f"2031-0{i}-10")],
        )  # fmt: skip
        for i in range(1, 4)
    ]
    indexed = link_documents([build(a) for a in arts])
    monkeypatch.setattr(Linker, "_candidates", lambda self, report, cues: list(self.clusters))
    exhaustive = link_documents([build(a) for a in arts])
    assert [(i.id, i.articles) for i in indexed] == [(i.id, i.articles) for i in exhaustive]
    velmora = next(i for i in indexed if "n-1" in i.articles)
    assert "b-1" in velmora.articles, "a place 14 km away across the border is the same incident"


def retrospective_arts() -> list[Art]:
    strike = Art(
        id="m-1",
        outlet="a.example",
        text="Drones struck Velmora on Saturday.",
        events=[Ev("struck", place="Velmora", date="2031-05-03")],
    )
    first = Art(
        id="q-1",
        outlet="b.example",
        published="2032-02-01",
        text="An inquiry published on Friday said the drone strike on Velmora was unlawful.",
        events=[Ev("strike", place="Velmora", date="2032-01-30")],
    )
    second = Art(
        id="q-2",
        outlet="c.example",
        published="2032-02-02",
        text="Arvenia welcomed the inquiry into the drone strike on Velmora in May 2031 on Friday.",
        events=[Ev("strike", place="Velmora", date="2032-01-30")],
    )
    return [strike, first, second]


def test_later_coverage_merges_into_the_incident_it_looks_back_on():
    incidents = link_documents([build(a) for a in retrospective_arts()])
    assert len(incidents) == 1
    assert incidents[0].articles == ["m-1", "q-1", "q-2"]
    assert incidents[0].date_end == "2031-05-03"
    without_month = retrospective_arts()[:2]
    assert len(link_documents([build(a) for a in without_month])) == 2


def test_shared_names_keep_unplaced_reports_together():
    def report(aid: str, text: str) -> Art:
        return Art(id=aid, outlet=f"{aid}.example", text=text,
                   events=[Ev("ambushed", actor="Azerland's army", date="2031-05-03")])  # fmt: skip

    first = report(
        "u-1",
        "Azerland's army ambushed the Oskarin brigade near Tesh Gorge, Colonel Marrat told Halvik Radio.",
    )
    second = report("u-2", "Colonel Marrat said Azerland's army ambushed the Oskarin brigade at Tesh Gorge.")
    other = report(
        "u-3", "Azerland's army ambushed a supply column on the Kessel road, Drummel Post reported."
    )
    incidents = link_documents([build(first), build(second), build(other)])
    assert sorted(i.articles for i in incidents) == [["u-1", "u-2"], ["u-3"]]


def test_a_bare_toll_keeps_the_source_the_claims_stage_found_for_it():
    # no claim carries the toll (a bare toll is a figure, not a claim), but the claims
    # stage noted who gave it on the event: the figure is that source's, not the outlet's
    arts = [wire_copy("t-1", "paper-one.example")]
    arts[0].claims = []
    doc = build(arts[0])
    doc.events[0].figure_source = "ARM-MOD"
    inc = link_documents([doc])[0]
    assert [f.source for f in inc.figures] == ["ARM-MOD"]
