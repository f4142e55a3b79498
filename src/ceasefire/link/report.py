"""Situation reports: incidents, who claims what side by side, figures by source, disputes.

Rendered with the Jinja2 templates ``ceasefire/templates/report.md`` and
``report.html`` (edit them to change the layout).  Every line points at its
evidence: the sentence quoted, the article, and a link that opens the article
at that sentence (a URL text fragment, where the browser supports it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ceasefire.link.disputes import _claims_about, figure_text, is_outlet, is_unresolved, source_rank
from ceasefire.link.models import COUNT_FIELDS, Dispute, Incident
from ceasefire.link.rows import country_name
from ceasefire.records import Document, Event, Place

TEMPLATES = Path(__file__).resolve().parents[1] / "templates"
QUOTES_PER_SOURCE = 3  # quotes shown per source and side; the rest are named by outlet
FORMATS = ("md", "html")
_FRAGMENT_WORDS = 4  # words at each end of a sentence in the link's text fragment


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
    link: str | None = None  # the article's URL, opened at the evidence sentence


@dataclass
class SideView:
    label: str
    kind: str = "party"  # party, unidentified or outlet
    stance: str | None = None
    figure: str | None = None
    note: str | None = None
    lines: list[Line] = field(default_factory=list)
    contrary: list[Line] = field(default_factory=list)
    restated: list[Line] = field(default_factory=list)
    more: list[str] = field(default_factory=list)  # where further quotes were left out, to stay readable


@dataclass
class DisputeView:
    kind: str
    about: str
    question: str
    sides: list[SideView]
    asserts: list[SideView] = field(default_factory=list)
    denies: list[SideView] = field(default_factory=list)
    by_figure: list[tuple[str, list[SideView]]] = field(default_factory=list)  # figures disputes


@dataclass
class IncidentView:
    incident: Incident
    headline: str
    when: str | None
    where: str | None
    what: Line | None
    actors: list[str]
    sources: list[dict[str, Any]]
    figures: list[SideView]  # one per source and figure
    summary: list[dict[str, Any]]
    disputes: list[DisputeView]
    claims: list[SideView] = field(default_factory=list)  # who says what about it, one entry per source


def evidence_link(url: str | None, sentence: str) -> str | None:
    """``url`` opened at ``sentence``: a text fragment of its first and last words."""
    if not url:
        return None
    words = sentence.split()
    if not words:
        return url
    enc = lambda ws: quote(" ".join(ws), safe="")  # noqa: E731
    if len(words) <= 2 * _FRAGMENT_WORDS:
        frag = enc(words)
    else:
        frag = f"{enc(words[:_FRAGMENT_WORDS])},{enc(words[-_FRAGMENT_WORDS:])}"
    return f"{url.split('#', 1)[0]}#:~:text={frag}"


def _line(doc: Document | None, article: str, source: str, text: str, detail: str = "") -> Line:
    a = doc.article if doc else None
    sentence = " ".join(text.split())
    return Line(
        source=source,
        text=sentence,
        article=article,
        outlet=a.outlet if a else None,
        url=a.url if a else None,
        published=a.published if a else None,
        detail=detail,
        link=evidence_link(a.url if a else None, sentence),
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


def actor_names(docs: dict[str, Document]) -> dict[str, str]:
    """Actor id -> its resolved name, from the documents (the first one that names it)."""
    names: dict[str, str] = {}
    for doc in docs.values():
        for a in doc.actors:
            names.setdefault(a.id, a.canonical)
    return names


def source_label(source: str, names: dict[str, str]) -> str:
    """How a reader sees a source: the actor's name and id, an unidentified speaker in quotes,
    or the outlet speaking in its own voice."""
    if is_unresolved(source):
        return f"“{source.split(':', 1)[1]}” (unidentified)"
    if is_outlet(source):
        return f"{source.split(':', 1)[1]} (the outlet itself)"
    name = names.get(source)
    return f"{name} ({source})" if name and name != source else source


def source_kind(source: str) -> str:
    return ("party", "unidentified", "outlet")[source_rank(source)]


def _refs_lines(refs: list[Any], source: str, docs: dict[str, Document]) -> list[Line]:
    lines = []
    for ref in refs:
        doc = docs.get(ref.article)
        lines.append(_line(doc, ref.article, source, _claim_text(doc, ref.claim, ref.event)))
    return lines


def _trim(view: SideView) -> SideView:
    """Keep the first quotes of a side (one per article first); name the outlets of the rest."""
    firsts = {line.article: line for line in reversed(view.lines)}
    ordered = [line for line in view.lines if firsts[line.article] is line]
    ordered += [line for line in view.lines if firsts[line.article] is not line]
    shown = ordered[:QUOTES_PER_SOURCE]
    view.more = sorted({line.outlet or line.article for line in ordered[QUOTES_PER_SOURCE:]})
    view.lines = [line for line in view.lines if any(line is k for k in shown)]
    return view


def _heading(d: Dispute) -> str:
    """The dispute's heading: what is disputed, without the list of sources."""
    head = d.about.split(": asserted by", 1)[0] if d.kind == "stance" else d.about.split(": ", 1)[0]
    return f"Disputed: {head}" if d.kind == "stance" else f"Disputed figures: {head}"


def _dispute_view(
    d: Dispute, incident: Incident, docs: dict[str, Document], names: dict[str, str]
) -> DisputeView:
    sides = []
    for s in d.sides:
        view = SideView(
            label=source_label(s.source, names),
            kind=source_kind(s.source),
            stance=s.stance,
            figure=figure_text(s.figure) if s.figure is not None else None,
            note=s.note,
            lines=_refs_lines(s.claims, s.source, docs),
            contrary=_refs_lines(s.contrary, s.source, docs),
            restated=_refs_lines(s.restated_by, s.source, docs),
        )
        sides.append(_trim(view))
    out = DisputeView(kind=d.kind, about=d.about, question=_heading(d), sides=sides)
    out.asserts = [v for v in sides if v.stance == "asserts"]
    out.denies = [v for v in sides if v.stance == "denies"]
    groups: dict[str, list[SideView]] = {}
    for v in sides:
        if v.figure is not None:
            groups.setdefault(v.figure, []).append(v)
    out.by_figure = list(groups.items())
    return out


def _what(incident: Incident, docs: dict[str, Document]) -> Line | None:
    """The sentence that tells the happening best: a report of the incident's type that names who,
    where and how many, early in its article; the earliest such report on a tie."""
    best: tuple[tuple, Document, str, Event] | None = None
    for order, ref in enumerate(incident.reports):
        doc = docs.get(ref.article)
        ev = next((e for e in doc.events if e.id == ref.event), None) if doc else None
        if doc is None or ev is None or ev.type != incident.type:
            continue
        facts = sum(x is not None for x in (ev.actor, ev.place, ev.killed, ev.wounded, ev.date))
        key = (
            ev.negated or ev.modality is not None,
            ref.copy_of is not None,
            -facts,
            min(ev.evidence.sentence, 3),
            order,
        )
        if best is None or key < best[0]:
            best = (key, doc, ref.article, ev)
    if best is None:
        return None
    _, doc, article, ev = best
    return _line(doc, article, "", ev.evidence.text)


def _day(value: str | None) -> str | None:
    if not value:
        return None
    try:
        d = date.fromisoformat(value[:10])
    except ValueError:
        return value
    return f"{d.day} {d.strftime('%B')} {d.year}"


def _when(incident: Incident) -> str | None:
    start, end = _day(incident.date_start), _day(incident.date_end)
    if start is None:
        return None
    return start if end in (None, start) else f"{start} to {end}"


def _place(incident: Incident, docs: dict[str, Document]) -> Place | None:
    """The incident's place as one of its articles resolved it."""
    for aid in incident.articles:
        doc = docs.get(aid)
        p = next((p for p in doc.places if p.id == incident.place), None) if doc else None
        if p is not None:
            return p
    return None


def _where(incident: Incident, place: Place | None) -> str | None:
    if incident.place_name is None:
        return None
    country, _ = country_name(incident.country)
    admin1 = place.admin1 if place else None
    parts = [incident.place_name] + [x for x in (admin1, country) if x and x != incident.place_name]
    return ", ".join(dict.fromkeys(parts))


def _headline(incident: Incident, place: Place | None) -> str:
    """The headline: "ASSAULT at Kramatorsk", but "ASSAULT in Donetsk Oblast" (a country or region)."""
    if incident.place_name is None:
        return incident.type
    coarse = place is not None and (
        place.precision in ("country", "admin") or place.feature in ("country", "region", "admin1", "admin2")
    )
    return f"{incident.type} {'in' if coarse else 'at'} {incident.place_name}"


def _claims_view(incident: Incident, docs: dict[str, Document], names: dict[str, str]) -> list[SideView]:
    """Every source's claims about the incident's happening, one entry per source, parties first."""
    reprints = {r.article for r in incident.reports if r.copy_of is not None}
    by_source: dict[str, SideView] = {}
    seen: set[tuple[str, str, str]] = set()
    for etype, _, stance, source, ref in _claims_about(incident, docs):
        if ref.article in reprints:
            continue  # a reprint says what its original says (listed under Sources)
        doc = docs.get(ref.article)
        text = _claim_text(doc, ref.claim, ref.event)
        if (source, ref.article, text) in seen:
            continue  # two claims of one sentence: quote it once
        seen.add((source, ref.article, text))
        view = by_source.setdefault(
            source, SideView(label=source_label(source, names), kind=source_kind(source))
        )
        view.lines.append(_line(doc, ref.article, source, text, f"{stance} ({etype})"))
    views = [_trim(v) for v in by_source.values()]
    return sorted(views, key=lambda v: (("party", "unidentified", "outlet").index(v.kind), v.label))


def incident_view(incident: Incident, disputes: list[Dispute], docs: dict[str, Document]) -> IncidentView:
    names = actor_names(docs)
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
    # one row per source and figure, with every article that gives it (reprints named, not quoted)
    grouped: dict[tuple[str, str], SideView] = {}
    for f in sorted(incident.figures, key=lambda f: (source_rank(f.source), f.source)):
        counts = ", ".join(f"{v} {k}" for k, v in f.counts().items())
        if f.qualifier:
            counts = f"{f.qualifier} {counts}"
        row = grouped.setdefault(
            (f.source, counts), SideView(label=source_label(f.source, names), kind=source_kind(f.source))
        )
        row.figure = counts
        line = _line(docs.get(f.article), f.article, row.label, f.evidence.text)
        if f.copies:
            line.detail = f"also in {len(f.copies)} reprint(s): {', '.join(f.copies)}"
        row.lines.append(line)
    figures = list(grouped.values())
    summary = [
        {
            "count": s.count,
            "low": s.low,
            "best": s.best,
            "high": s.high,
            "conservative": s.conservative,
            "backed_by": {n: [source_label(w, names) for w in who] for n, who in s.backed_by.items()},
        }
        for s in incident.summary
        if s.count in COUNT_FIELDS
    ]
    mine = [_dispute_view(d, incident, docs, names) for d in disputes if d.incident == incident.id]
    place = _place(incident, docs)
    where = _where(incident, place)
    headline = _headline(incident, place)
    return IncidentView(
        incident=incident,
        headline=headline,
        when=_when(incident),
        where=where,
        what=_what(incident, docs),
        actors=[source_label(a, names) for a in incident.actors],
        sources=sources,
        figures=figures,
        summary=summary,
        disputes=mine,
        claims=_claims_view(incident, docs, names),
    )


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
