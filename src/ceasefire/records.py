"""The record contract: the JSON that ceasefire writes, as typed models.

Field names here are read by other tools (see ``shared/spec/records.md``):
add fields freely, never rename one without a CHANGELOG entry.  Every stage
of the pipeline passes these plain models to the next one.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Sector = Literal[
    "government",
    "military",
    "police",
    "peacekeepers",
    "rebels",
    "militia",
    "civilians",
    "media",
    "igo",
    "ngo",
    "party",
    "person",
    "other",
]
SECTORS: tuple[str, ...] = Sector.__args__  # type: ignore[attr-defined]

PloverType = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]
PLOVER_TYPES: tuple[str, ...] = PloverType.__args__  # type: ignore[attr-defined]

Span = tuple[int, int]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Record):
    """Where a record comes from: sentence index and character offsets."""

    sentence: int
    start: int
    end: int
    text: str


class Article(_Record):
    id: str
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    published: str | None = None  # ISO date
    language: str | None = None
    text: str
    author: str | None = None
    source_path: str | None = None  # file (and record) it was read from


class Sentence(_Record):
    """A sentence of ``article.text`` with its character offsets."""

    start: int
    end: int


class Actor(_Record):
    id: str
    name: str
    canonical: str
    country: str | None = None
    sector: Sector | None = None
    spans: list[Span] = Field(default_factory=list)
    evidence: Evidence
    entry: str | None = None  # knowledge-base entry that resolved it


class Place(_Record):
    id: str
    name: str
    canonical: str
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    precision: Literal["exact", "near", "admin", "country"] | None = None
    spans: list[Span] = Field(default_factory=list)
    evidence: Evidence


class Acled(_Record):
    event_type: str
    sub_event_type: str | None = None


class Victims(_Record):
    country: str | None = None
    sector: Sector | None = None


class EventSpans(_Record):
    trigger: Span | None = None
    actor: Span | None = None
    target: Span | None = None
    place: Span | None = None


class Event(_Record):
    id: str
    type: PloverType
    mode: str | None = None
    acled: Acled | None = None
    cameo: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    date: str | None = None
    date_precision: Literal["day", "week", "month", "year"] | None = None
    killed: int | None = None
    wounded: int | None = None
    missing: int | None = None
    captured: int | None = None
    qualifier: str | None = None  # "more than", "at least", "dozens", ...
    low: int | None = None
    high: int | None = None
    victims: Victims | None = None
    negated: bool = False
    modality: str | None = None  # None = factual; "hypothetical", "threat", "possible", ...
    background: bool = False
    figure_source: str | None = None  # who gives its casualty figure (an actor id; set by the claims stage)
    spans: EventSpans = Field(default_factory=EventSpans)
    evidence: Evidence
    entry: str | None = None  # lexicon entry that produced it


class ClaimSpans(_Record):
    source: Span | None = None
    cue: Span | None = None
    content: Span | None = None


class Claim(_Record):
    id: str
    source: str
    cue: str | None = None
    stance: Literal["asserts", "denies"]
    content: str
    event: str | None = None
    disputes: str | None = None
    quote: bool = False
    date: str | None = None
    attributed: bool = True  # False when the outlet itself speaks
    actor: str | None = None  # who the claim says did it, when it names several doers (one claim each)
    spans: ClaimSpans = Field(default_factory=ClaimSpans)
    evidence: Evidence


class Document(_Record):
    article: Article
    sentences: list[Sentence] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def document_json_schema() -> dict:
    """JSON Schema of one output document, for validators in other tools."""
    return Document.model_json_schema()
