"""Situation reports: incidents, who claims what side by side, figures by source, disputes.

Rendered with the Jinja2 templates ``ceasefire/templates/report.md`` and
``report.html`` (edit them to change the layout).  Every line points at its
evidence: the sentence quoted, the article and its URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ceasefire.link.models import COUNT_FIELDS, Dispute, Incident
from ceasefire.records import Document

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
FORMATS = ("md", "html")


@dataclass
class Line:
    """One statement of the report with its evidence."""

    source: str
    text: str  # the evidence sentence
    article: str
    outlet: str | None
    url: str | None
    published: str | None
    detail: str = ""


@dataclass
class SideView:
    label: str
    lines: list[Line] = field(default_factory=list)


@dataclass
class DisputeView:
    kind: str
    about: str
    sides: list[SideView]
    asserts: list[SideView] = field(default_factory=list)
    denies: list[SideView] = field(default_factory=list)


@dataclass
class IncidentView:
    incident: Incident
    what: Line | None
    sources: list[dict[str, Any]]
    figures: list[Line]
    summary: list[dict[str, Any]]
    disputes: list[DisputeView]


def _line(doc: Document | None, article: str, source: str, text: str, detail: str = "") -> Line:
    a = doc.article if doc else None
    return Line(
        source=source,
        text=" ".join(text.split()),
        article=article,
        outlet=a.outlet if a else None,
        url=a.url if a else None,
        published=a.published if a else None,
        detail=detail,
    )


def _claim_text(doc: Document | None, claim_id: str | None, event_id: str | None) -> str:
    if doc is None:
        return "(article no longer stored)"
    for c in doc.claims:
        if c.id == claim_id:
            return c.evidence.text
    for e in doc.events:
        if e.id == event_id:
            return e.evidence.text
    return "(in the article)"


def _dispute_view(d: Dispute, docs: dict[str, Document]) -> DisputeView:
    sides = []
    for s in d.sides:
        if s.figure is not None:
            label = f"{s.source}: " + ", ".join(f"{v} {k}" for k, v in s.figure.items() if v is not None)
        else:
            label = f"{s.source} {s.stance}"
        view = SideView(label=label)
        for ref in s.claims:
            doc = docs.get(ref.article)
            view.lines.append(_line(doc, ref.article, s.source, _claim_text(doc, ref.claim, ref.event)))
        sides.append((s, view))
    out = DisputeView(kind=d.kind, about=d.about, sides=[v for _, v in sides])
    out.asserts = [v for s, v in sides if s.stance == "asserts"]
    out.denies = [v for s, v in sides if s.stance == "denies"]
    return out


def incident_view(incident: Incident, disputes: list[Dispute], docs: dict[str, Document]) -> IncidentView:
    what = None
    for ref in incident.reports:
        doc = docs.get(ref.article)
        ev = next((e for e in doc.events if e.id == ref.event), None) if doc else None
        if ev is not None and ev.type == incident.type:
            what = _line(doc, ref.article, "", ev.evidence.text)
            break
    copies = {r.article: r.copy_of for r in incident.reports}
    sources = []
    for aid in incident.articles:
        doc = docs.get(aid)
        a = doc.article if doc else None
        sources.append(
            {
                "article": aid,
                "outlet": a.outlet if a else None,
                "title": a.title if a else None,
                "published": a.published if a else None,
                "url": a.url if a else None,
                "copy_of": copies.get(aid),
            }
        )
    figures = []
    for f in incident.figures:
        counts = ", ".join(f"{v} {k}" for k, v in f.counts().items())
        if f.qualifier:
            counts = f"{f.qualifier} {counts}"
        if f.copies:
            counts += f" (also in {', '.join(f.copies)})"
        figures.append(_line(docs.get(f.article), f.article, f.source, f.evidence.text, counts))
    summary = [
        {
            "count": s.count,
            "low": s.low,
            "best": s.best,
            "high": s.high,
            "conservative": s.conservative,
            "backed_by": s.backed_by,
        }
        for s in incident.summary
        if s.count in COUNT_FIELDS
    ]
    mine = [_dispute_view(d, docs) for d in disputes if d.incident == incident.id]
    return IncidentView(incident, what, sources, figures, summary, mine)


@cache
def _env(fmt: str) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=fmt == "html",
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["cell"] = lambda v: " ".join(str(v if v is not None else "").split()).replace("|", "\\|")
    return env


def render(
    incidents: list[Incident],
    disputes: list[Dispute],
    docs: dict[str, Document],
    fmt: str = "md",
    title: str | None = None,
) -> str:
    """The report on ``incidents`` as Markdown (``md``) or a standalone HTML page (``html``)."""
    if fmt not in FORMATS:
        raise ValueError(f"report format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    views = [incident_view(i, disputes, docs) for i in incidents]
    template = _env(fmt).get_template(f"report.{fmt}")
    return template.render(
        title=title or "Situation report",
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        incidents=views,
        n_disputes=sum(len(v.disputes) for v in views),
    )
