"""Helpers the stage tests share: run some stages over a text written for a test, and find the
actor a phrase of it refers to."""

from __future__ import annotations

from collections.abc import Sequence

from ceasefire.nlp import sentences_of
from ceasefire.pipeline import Context, get_stage
from ceasefire.records import Article


def run_stages(nlp, text: str, stages: Sequence[str], published: str | None = "2023-05-02") -> Context:
    """Parse ``text`` as one article published on ``published`` and run ``stages`` over it, in order."""
    doc = nlp(text)
    ctx = Context(
        article=Article(id="t", text=text, published=published), doc=doc, sentences=sentences_of(doc)
    )
    for name in stages:
        get_stage(name)(ctx)
    return ctx


def actor_at(ctx: Context, words: str, nth: int = 0):
    """The actor at the ``nth`` occurrence (0 = the first) of ``words`` in the text, or None."""
    start = -1
    for _ in range(nth + 1):
        start = ctx.text.index(words, start + 1)
    return ctx.actor_at(start, start + len(words))


def mentions_of(text: str, *names: str) -> list:
    """Place mentions of every occurrence of ``names`` in ``text``, in text order."""
    from ceasefire.resolve.places import Mention

    out = []
    for name in names:
        i = text.find(name)
        while i >= 0:
            out.append(Mention(i, i + len(name), name))
            i = text.find(name, i + 1)
    return sorted(out, key=lambda m: m.start)


def picked(text: str, gaz, *names: str) -> dict:
    """name -> the gazetteer entry ``resolve`` reads it as (None: unresolved), in ``text``'s context."""
    from ceasefire.resolve.places import resolve

    ms = mentions_of(text, *names)
    return {m.query: p for m, p in zip(ms, resolve(ms, gaz, text=text), strict=True)}
