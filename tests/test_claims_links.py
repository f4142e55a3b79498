"""A denial that names no event continues its source's last statement and answers the other side."""

from __future__ import annotations

from ceasefire.pipeline import process
from ceasefire.records import Article

TEXT = (
    "The Georgian Defence Ministry said on Sunday that Russian troops had withdrawn from the village "
    "of Khurvaleti. It said observers were negotiating with both sides.\n\n"
    "Russia's Defence Ministry denied any withdrawal. "
    '"There has been no change in the positions of our units," it said.'
)


def test_a_quoted_denial_inherits_the_event_and_answers_the_assertion(nlp):
    doc = next(process([Article(id="links-1", text=TEXT, published="2024-06-04", language="en")]))
    by_id = {c.id: c for c in doc.claims}
    types = {e.id: e.type for e in doc.events}
    asserted = [c for c in doc.claims if c.stance == "asserts" and c.event and types[c.event] == "RETREAT"]
    denials = [c for c in doc.claims if c.stance == "denies"]
    assert asserted and len(denials) >= 2
    quoted = [c for c in denials if c.quote]
    assert quoted, [c.content for c in denials]
    for denial in denials:
        assert denial.event is not None and types[denial.event] == "RETREAT"
        assert denial.disputes is not None
        assert types[by_id[denial.disputes].event] == "RETREAT"
        assert by_id[denial.disputes].source != denial.source


def test_a_rejected_claim_is_credited_to_the_country_named_as_its_author(nlp):
    text = "Georgia's Foreign Ministry rejected Russian claims of a full withdrawal from the village."
    doc = next(process([Article(id="links-2", text=text, published="2024-06-04", language="en")]))
    country = {a.id: a.country for a in doc.actors}
    reported = [c for c in doc.claims if c.stance == "asserts"]
    rejection = [c for c in doc.claims if c.stance == "denies"]
    assert [country.get(c.source) for c in reported] == ["RUS"]
    assert [country.get(c.source) for c in rejection] == ["GEO"]
    assert rejection[0].disputes == reported[0].id


def test_a_negated_report_with_no_event_does_not_answer_anyone(nlp):
    text = (
        "The Georgian Defence Ministry said Russian troops had withdrawn from the village. "
        "An Abkhaz official said that residents who left the village have not been able to return."
    )
    doc = next(process([Article(id="links-3", text=text, published="2024-06-04", language="en")]))
    negated = [c for c in doc.claims if "not been able" in c.content]
    assert negated
    assert all(c.disputes is None and c.event is None for c in negated)
