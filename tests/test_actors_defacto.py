"""De facto authorities named by description are not the state they are fighting."""

from __future__ import annotations

from ceasefire.pipeline import process
from ceasefire.records import Article

TEXT = (
    "Azerbaijan's Defence Ministry denied the report. Separatist officials in Karabakh say "
    "two of their soldiers were killed overnight."
)


def test_separatist_officials_are_the_de_facto_authorities_not_the_last_ministry(nlp):
    doc = next(process([Article(id="defacto", text=TEXT, published="2022-03-28", language="en")]))
    figure_claims = [c for c in doc.claims if "killed" in c.content]
    assert figure_claims
    assert {c.source for c in figure_claims} == {"NKR-GOV"}


def test_unnamed_separatists_are_not_credited_to_the_ministry_named_before(nlp):
    text = (
        "Georgia's Defence Ministry said its forces repelled an attack. "
        "Separatist officials said six government soldiers were killed in the fighting."
    )
    doc = next(process([Article(id="rebels", text=text, published="2022-03-28", language="en")]))
    country = {a.id: a.country for a in doc.actors}
    figure_claims = [c for c in doc.claims if "killed" in c.content]
    assert figure_claims
    assert all(country.get(c.source) != "GEO" for c in figure_claims)
