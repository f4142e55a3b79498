"""An act named inside a claim belongs to nobody in particular, not to whoever rejects the claim."""

from __future__ import annotations

from ceasefire.pipeline import process
from ceasefire.records import Article


def _events(text: str):
    doc = next(process([Article(id="claimed", text=text, published="2024-06-04", language="en")]))
    return doc, [e for e in doc.events if e.type == "RETREAT"]


def test_the_rejecter_of_a_claim_is_not_the_actor_of_the_claimed_withdrawal(nlp):
    doc, retreats = _events("Georgia's Foreign Ministry rejected Russian claims of a full withdrawal.")
    assert retreats, [e.type for e in doc.events]
    rejecter = next(a.id for a in doc.actors if a.country == "GEO")
    assert all(e.actor != rejecter for e in retreats)


def test_a_plain_withdrawal_still_takes_its_subject(nlp):
    doc, retreats = _events("Georgian troops completed a full withdrawal from the village on Monday.")
    country = {a.id: a.country for a in doc.actors}
    assert retreats
    assert {country.get(e.actor) for e in retreats} == {"GEO"}
