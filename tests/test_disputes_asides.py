"""A negated aside in a sentence that reports an attack is not a denial of the attack."""

from __future__ import annotations

from ceasefire.link import find_disputes, link_documents
from test_link_helpers import Art, Cl, Ev, build


def _articles(aside_event: int | None) -> list[Art]:
    first = Art(
        id="aside-1",
        outlet="velmoranews.example",
        text="On Monday the Defence Ministry of Arvenia said shelling hit Velmora overnight.",
        events=[Ev(trigger="shelling", place="Velmora", date="2031-05-03")],
        claims=[
            Cl(source="the Defence Ministry of Arvenia", cue="said", content="shelling hit Velmora", event=0)
        ],
    )
    second = Art(
        id="aside-2",
        outlet="dastanpost.example",
        text=(
            "Shelling hit Velmora overnight, and the Azerland Defence Ministry said "
            "the families of Velmora had not returned."
        ),
        events=[Ev(trigger="Shelling", place="Velmora", date="2031-05-03")],
        claims=[
            Cl(
                source="the Azerland Defence Ministry",
                cue="said",
                content="the families of Velmora had not returned",
                stance="denies",
                event=aside_event,
            )
        ],
    )
    return [first, second]


def test_a_denial_with_no_event_of_its_own_does_not_dispute_the_sentence_event():
    docs = [build(a) for a in _articles(aside_event=None)]
    assert [d.kind for d in find_disputes(link_documents(docs), docs)] == []


def test_a_denial_linked_to_the_attack_still_disputes_it():
    docs = [build(a) for a in _articles(aside_event=0)]
    assert [d.kind for d in find_disputes(link_documents(docs), docs)] == ["stance"]
