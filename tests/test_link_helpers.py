"""Hand-built documents for the link tests (no tests here): invented articles with the records upstream stages would give."""

from __future__ import annotations

from dataclasses import dataclass, field

from ceasefire.records import (
    Acled,
    Actor,
    Article,
    Claim,
    ClaimSpans,
    Document,
    Event,
    EventSpans,
    Evidence,
    Place,
)

PLACES = {
    # invented towns with invented coordinates
    "Velmora": ("local:velmora", 40.10, 45.20, "ARM", "exact"),
    "Dastan": ("local:dastan", 40.15, 45.25, "ARM", "exact"),  # about 7 km from Velmora
    "Korvel": ("local:korvel", 38.00, 48.90, "AZE", "exact"),  # hundreds of km away
    "Berdan": ("local:berdan", 40.20, 45.30, "AZE", "exact"),  # about 14 km from Velmora, across a border
}
ACTORS = {
    "the Defence Ministry of Arvenia": ("ARM-MOD", "ARM", "military"),
    "Azerland's army": ("AZE-MIL", "AZE", "military"),
    "the Azerland Defence Ministry": ("AZE-MOD", "AZE", "military"),
    "the Arvenian governor": ("ARM-GOV", "ARM", "government"),
}


def _find(text: str, words: str) -> tuple[int, int]:
    pos = text.find(words)
    if pos < 0:
        raise AssertionError(f"{words!r} is not in the test text")
    return pos, pos + len(words)


def _evidence(text: str, span: tuple[int, int]) -> Evidence:
    start = text.rfind(". ", 0, span[0])
    start = 0 if start < 0 else start + 2
    end = text.find(". ", span[1])
    end = len(text) if end < 0 else end + 1
    return Evidence(sentence=text.count(". ", 0, start), start=start, end=end, text=text[start:end])


@dataclass
class Ev:
    trigger: str
    type: str = "ASSAULT"
    place: str | None = None
    actor: str | None = None
    date: str | None = None
    killed: int | None = None
    wounded: int | None = None
    negated: bool = False
    acled: tuple[str, str] | None = None  # (event_type, sub_event_type)


@dataclass
class Cl:
    source: str | None  # actor words, or None for the outlet
    cue: str
    content: str
    stance: str = "asserts"
    event: int | None = None  # index into the article's events


@dataclass
class Art:
    id: str
    text: str
    outlet: str
    published: str | None = "2031-05-04"
    title: str | None = None
    events: list[Ev] = field(default_factory=list)
    claims: list[Cl] = field(default_factory=list)


def build(art: Art) -> Document:
    text = art.text
    places, actors = [], []
    for name, (pid, lat, lon, country, precision) in PLACES.items():
        if name in text:
            span = _find(text, name)
            places.append(
                Place(
                    id=pid,
                    name=name,
                    canonical=name,
                    lat=lat,
                    lon=lon,
                    country=country,
                    feature="village",
                    precision=precision,
                    spans=[span],
                    evidence=_evidence(text, span),
                )
            )
    for words, (aid, country, sector) in ACTORS.items():
        if words in text:
            span = _find(text, words)
            actors.append(
                Actor(
                    id=aid,
                    name=words,
                    canonical=aid,
                    country=country,
                    sector=sector,
                    spans=[span],
                    evidence=_evidence(text, span),
                )
            )
    places_by_name = {p.name: p.id for p in places}
    actors_by_words = {a.name: a.id for a in actors}
    events = []
    for i, ev in enumerate(art.events):
        span = _find(text, ev.trigger)
        events.append(
            Event(
                id=f"e{i + 1}",
                type=ev.type,
                place=places_by_name.get(ev.place) if ev.place else None,
                actor=actors_by_words.get(ev.actor) if ev.actor else None,
                date=ev.date,
                date_precision="day" if ev.date else None,
                killed=ev.killed,
                wounded=ev.wounded,
                negated=ev.negated,
                acled=Acled(event_type=ev.acled[0], sub_event_type=ev.acled[1]) if ev.acled else None,
                spans=EventSpans(trigger=span),
                evidence=_evidence(text, span),
            )
        )
    claims = []
    for i, cl in enumerate(art.claims):
        cue = _find(text, cl.cue)
        content = _find(text, cl.content)
        source_span = _find(text, cl.source) if cl.source else None
        claims.append(
            Claim(
                id=f"c{i + 1}",
                source=actors_by_words[cl.source] if cl.source else f"outlet:{art.outlet}",
                cue=cl.cue,
                stance=cl.stance,  # type: ignore[arg-type]
                content=text[content[0] : content[1]],
                event=f"e{cl.event + 1}" if cl.event is not None else None,
                attributed=cl.source is not None,
                spans=ClaimSpans(source=source_span, cue=cue, content=content),
                evidence=_evidence(text, cue),
            )
        )
    article = Article(
        id=art.id,
        outlet=art.outlet,
        published=art.published,
        title=art.title,
        text=text,
        url=f"https://{art.outlet}/{art.id}",
    )
    return Document(article=article, actors=actors, places=places, events=events, claims=claims)


def make_db(path, arts: list[Art]) -> str:
    """A SQLite database holding the built documents of ``arts`` (not yet linked); returns its path."""
    from ceasefire.store import open_store

    with open_store(f"sqlite:///{path}") as store:
        store.add_documents([build(a) for a in arts])
    return str(path)


def run_cli(*args: str):
    """Run the ``ceasefire`` command line in-process; returns typer's result."""
    from typer.testing import CliRunner

    from ceasefire.cli import _load_commands, app

    if not app.registered_commands:
        _load_commands()
    return CliRunner().invoke(app, list(args))
