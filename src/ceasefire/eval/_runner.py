"""Run the per-document stages over many short texts (evaluation snippets, notes).

The event evaluations score whole snippets, so they need the stages that the
events stage builds on (actors, places) as well as events itself.  Stages that
are not installed are left out; a stage that fails on one text is reported in
``errors`` and the text goes on with what the other stages produced, so one
broken stage does not hide the events figures.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ceasefire.nlp import load_model, sentences_of
from ceasefire.pipeline import Context, available_stages, get_stage
from ceasefire.records import Article

UPSTREAM = ("actors", "places")


@dataclass
class RunStats:
    errors: dict[str, int] = field(default_factory=dict)
    stages: tuple[str, ...] = ()


def event_stages(with_places: bool = True) -> tuple[str, ...]:
    """The installed stages the events stage needs, in pipeline order, ending with "events"."""
    have = set(available_stages())
    wanted = [s for s in UPSTREAM if s in have and (with_places or s != "places")]
    return (*wanted, "events")


def run_texts(
    texts: Sequence[str],
    published: Sequence[str | None] | None = None,
    with_places: bool = True,
    stats: RunStats | None = None,
    batch_size: int = 64,
) -> Iterator[Context]:
    """Parse each text and run actors/places/events on it; yields one Context per text, in order."""
    nlp = load_model()
    stages = event_stages(with_places)
    if stats is not None:
        stats.stages = stages
    pubs = list(published) if published is not None else [None] * len(texts)
    if len(pubs) != len(texts):
        raise ValueError("run_texts: one publication date (or None) is needed per text")
    for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        article = Article(id=f"snippet-{i}", text=texts[i], published=pubs[i], language="en")
        ctx = Context(article=article, doc=doc, sentences=sentences_of(doc))
        for name in stages:
            try:
                get_stage(name)(ctx)
            except Exception as err:  # noqa: BLE001 - another stage's failure is counted, not fatal
                if name == "events":
                    raise
                if stats is not None:
                    key = f"{name}: {type(err).__name__}"
                    stats.errors[key] = stats.errors.get(key, 0) + 1
        yield ctx
