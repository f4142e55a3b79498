"""Records of the link stage: incidents, the figures given for them, and disputes.

These are the "Across articles" part of the record contract
(``shared/spec/records.md``): ``ceasefire incidents --format jsonl`` prints one
:class:`Incident` per line, ``ceasefire disputes --format jsonl`` one
:class:`Dispute`.  Field names are read by other tools: add, never rename.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from ceasefire.records import Evidence

COUNT_FIELDS: tuple[str, ...] = ("killed", "wounded", "missing", "captured")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReportRef(_Record):
    """One event report of an incident: which article, which event in it."""

    article: str
    event: str
    copy_of: str | None = None  # article whose wire copy this one reprints, if any


class Figure(_Record):
    """A casualty figure as one source gave it in one article."""

    source: str  # actor id of who gave it, or outlet:<domain>
    article: str
    event: str
    claim: str | None = None  # the claim whose content carries it, if any
    killed: int | None = None
    wounded: int | None = None
    missing: int | None = None
    captured: int | None = None
    qualifier: str | None = None
    copies: list[str] = Field(default_factory=list)  # other articles reprinting the same copy
    url: str | None = None
    evidence: Evidence

    def counts(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in COUNT_FIELDS if getattr(self, k) is not None}


class FigureSummary(_Record):
    """Low / best / high of one count over an incident's independent figures.

    ``conservative`` follows ACLED's practice (the lowest credible figure);
    ``low``/``best``/``high`` follow UCDP's (best = the figure most independent
    sources give, ties going to the lower).  ``backed_by`` maps each number
    given to the sources that give it.
    """

    count: Literal["killed", "wounded", "missing", "captured"]
    low: int
    best: int
    high: int
    conservative: int
    backed_by: dict[str, list[str]]


class Incident(_Record):
    id: str
    type: str
    place: str | None = None  # place id
    place_name: str | None = None
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    date_start: str | None = None
    date_end: str | None = None
    actors: list[str] = Field(default_factory=list)
    reports: list[ReportRef] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    summary: list[FigureSummary] = Field(default_factory=list)
    title: str | None = None


class ClaimRef(_Record):
    article: str
    claim: str | None = None
    event: str | None = None


class DisputeSide(_Record):
    source: str
    stance: Literal["asserts", "denies"] | None = None
    figure: dict[str, int | None] | None = None
    claims: list[ClaimRef] = Field(default_factory=list)
    # a source that also says the opposite (stance disputes) or restatements folded into this figure
    note: str | None = None
    contrary: list[ClaimRef] = Field(default_factory=list)  # its claims of the other stance
    restated_by: list[ClaimRef] = Field(default_factory=list)  # outlets repeating this figure


class Dispute(_Record):
    id: str
    incident: str
    kind: Literal["stance", "figures"]
    about: str
    sides: list[DisputeSide]

    def contract(self) -> dict[str, Any]:
        """The contract's JSON shape: stance sides carry ``stance``, figure sides ``figure``."""
        sides = []
        for side in self.sides:
            item: dict[str, Any] = {"source": side.source}
            if self.kind == "stance":
                item["stance"] = side.stance
            else:
                item["figure"] = side.figure
            item["claims"] = [c.model_dump(exclude_none=True) for c in side.claims]
            if side.note:
                item["note"] = side.note
            if side.contrary:
                item["contrary"] = [c.model_dump(exclude_none=True) for c in side.contrary]
            if side.restated_by:
                item["restated_by"] = [c.model_dump(exclude_none=True) for c in side.restated_by]
            sides.append(item)
        return {
            "id": self.id,
            "incident": self.incident,
            "kind": self.kind,
            "about": self.about,
            "sides": sides,
        }
