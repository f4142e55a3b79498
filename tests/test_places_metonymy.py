"""A capital addressed as a government is not where events happen."""

from __future__ import annotations

from ceasefire.pipeline import process
from ceasefire.records import Article


def _doc(text: str):
    return next(process([Article(id="meto", text=text, published="2024-06-04", language="en")]))


def test_an_urged_capital_is_not_a_place_mention(nlp, default_gazetteer, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_GAZETTEER", str(default_gazetteer))
    doc = _doc("Georgia urged Moscow on Monday to withdraw its troops from the village.")
    assert "Moscow" not in {p.canonical for p in doc.places}
    assert any(a.country == "RUS" for a in doc.actors)


def test_a_capital_after_a_locative_preposition_stays_a_place(nlp, default_gazetteer, monkeypatch):
    monkeypatch.setenv("CEASEFIRE_GAZETTEER", str(default_gazetteer))
    doc = _doc("Protesters gathered in Moscow on Monday.")
    assert "Moscow" in {p.canonical for p in doc.places}
