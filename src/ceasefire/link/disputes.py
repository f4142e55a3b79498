"""Disputes: where the sources of one incident contradict each other.

- ``stance``: one source asserts what another denies about one *claimed
  happening* of the incident: its kind of event, by whom (the country of the
  event's actor, or nobody named) at the incident's place.  Claims about
  statements (talks, appeals, accusations as such) are not claims about the
  happening and take no part.  Claims entail each other one way only: "Russia
  struck the station" also asserts "the station was struck", and "nothing was
  struck" also denies "Russia struck it"; so the dispute about who did it holds
  the claims naming that actor plus the denials of the happening as a whole,
  and the dispute about whether it happened holds every assertion plus the
  denials naming no actor.  Sides are grouped by source: a source that says
  both is shown once, on the side most of its articles take, with a note and
  its contrary claims.
- ``figures``: the sources' casualty numbers differ (3 killed 15 wounded vs 3
  killed 14 wounded).  Killed/wounded, captured and missing are separate
  disputes.  Reprints of one wire story were folded into one figure already;
  an outlet's own unattributed figure that repeats part of a party's figure
  (the same numbers) is folded into that party's side as a restatement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from ceasefire.link.figures import claim_for, outlet_source
from ceasefire.link.knowledge import family_of
from ceasefire.link.models import ClaimRef, Dispute, DisputeSide, Figure, Incident
from ceasefire.records import Claim, Document, Event

FIGURE_GROUPS: tuple[tuple[str, ...], ...] = (("killed", "wounded"), ("captured",), ("missing",))
_SHOWN = 3  # sources named in a dispute's one-line description, per side


def is_outlet(source: str) -> bool:
    return source.startswith("outlet:")


def is_unresolved(source: str) -> bool:
    return source.startswith("unresolved:")


def source_rank(source: str) -> int:
    """Parties (resolved actors) first, then unidentified speakers, then outlets speaking for themselves."""
    return 2 if is_outlet(source) else 1 if is_unresolved(source) else 0


def short_source(source: str) -> str:
    """A source id as a reader sees it in one line: ``"a ministry spokesperson"``, ``caspiandispatch.com``."""
    if is_unresolved(source):
        return f'"{source.split(":", 1)[1]}"'
    if is_outlet(source):
        return source.split(":", 1)[1]
    return source


def _material(ev: Event) -> bool:
    return family_of(ev.type) != "reaction"


def _event_of(doc: Document, claim: Claim) -> Event | None:
    """The happening a claim is about: its linked event, else the event inside its content span,
    else the material event told in its sentence.  A linked statement (talks, an appeal, an
    accusation) stands for the material event inside the claim's content, if there is one."""
    by_id = {e.id: e for e in doc.events}
    linked = by_id.get(claim.event) if claim.event else None
    if linked is not None and _material(linked):
        return linked
    span = claim.spans.content
    if span is not None:
        inside = [
            ev
            for ev in doc.events
            if span[0] <= (ev.spans.trigger[0] if ev.spans.trigger else ev.evidence.start) < span[1]
        ]
        inside.sort(key=lambda e: not _material(e))
        if inside:
            return inside[0]
    if linked is not None:
        return linked
    if claim.stance == "denies":
        return None  # a denial names what it denies; a negated aside must not deny its sentence's event
    # an event of its sentence, unless another claim's content holds it ("X rejected Russian claims
    # of a withdrawal, saying the units were still there": the withdrawal is the Russian claim's)
    others = [c.spans.content for c in doc.claims if c.id != claim.id and c.spans.content is not None]
    same = [
        e
        for e in doc.events
        if e.evidence.sentence == claim.evidence.sentence
        and not e.background
        and not any(s <= (e.spans.trigger[0] if e.spans.trigger else -1) < t for s, t in others)
    ]
    same.sort(key=lambda e: not _material(e))
    return same[0] if same else None


def _describe(incident: Incident, who: str = "") -> str:
    where = f" at {incident.place_name}" if incident.place_name else ""
    when = f" on {incident.date_start}" if incident.date_start else ""
    return f"{incident.type}{who}{where}{when}"


@dataclass
class _Said:
    """What one source says about one claimed happening: its claims by stance, and articles by stance."""

    source: str
    refs: dict[str, list[ClaimRef]] = field(default_factory=lambda: {"asserts": [], "denies": []})
    articles: dict[str, set[str]] = field(default_factory=lambda: {"asserts": set(), "denies": set()})

    def add(self, stance: str, ref: ClaimRef) -> None:
        if ref not in self.refs[stance]:
            self.refs[stance].append(ref)
        self.articles[stance].add(ref.article)


# a claim about the incident: (family, actor country or None, stance, source, ref)
_Item = tuple[str, str | None, str, str, ClaimRef]


def _claims_about(incident: Incident, docs: dict[str, Document]) -> list[_Item]:
    events_in = {(r.article, r.event) for r in incident.reports}
    family = family_of(incident.type)
    out: list[_Item] = []
    for article in incident.articles:
        doc = docs.get(article)
        if doc is None:
            continue
        actors = {a.id: a for a in doc.actors}
        for claim in doc.claims:
            ev = _event_of(doc, claim)
            if ev is None or (article, ev.id) not in events_in or not _material(ev):
                continue
            if family_of(ev.type) != family:
                continue
            country = actors[ev.actor].country if ev.actor in actors else None
            ref = ClaimRef(article=article, claim=claim.id, event=ev.id)
            # the claimed happening is of the event's own type: a withdrawal and an advance of one
            # territorial incident are two things to assert or deny
            out.append((ev.type, country, claim.stance, claim.source, ref))
    return out


def _sides(items: Iterable[tuple[str, str, ClaimRef]]) -> list[DisputeSide]:
    """One side per source: a source saying both takes the stance most of its articles take (a
    denial on a tie: it answers an assertion), with a note and its contrary claims."""
    said: dict[str, _Said] = {}
    for source, stance, ref in items:
        said.setdefault(source, _Said(source)).add(stance, ref)
    sides = []
    for s in said.values():
        n_a, n_d = len(s.articles["asserts"]), len(s.articles["denies"])
        stance = "asserts" if n_a > n_d else "denies"
        other = "denies" if stance == "asserts" else "asserts"
        if not s.refs[stance]:
            stance, other = other, stance
        note = None
        if s.refs[other]:
            verb = "asserts" if other == "asserts" else "denies"
            where = ", ".join(sorted({r.article for r in s.refs[other]}))
            note = f"also {verb} it ({len(s.refs[other])} claim(s) in {where})"
        sides.append(
            DisputeSide(
                source=s.source,
                stance=stance,  # type: ignore[arg-type]
                claims=s.refs[stance],
                note=note,
                contrary=s.refs[other],
            )
        )
    sides.sort(key=lambda d: (d.stance, source_rank(d.source), -len(d.claims), d.source))
    return sides


def _disagree(sides: list[DisputeSide]) -> bool:
    """One source asserts what another denies, each side with an attributed source: an outlet
    telling the news in its own voice reports a side, it does not make one."""
    return all(any(s.stance == st and not is_outlet(s.source) for s in sides) for st in ("asserts", "denies"))


def _names(sides: list[DisputeSide], stance: str) -> str:
    parties = [s.source for s in sides if s.stance == stance and not is_outlet(s.source)]
    outlets = [s.source for s in sides if s.stance == stance and is_outlet(s.source)]
    shown = [short_source(p) for p in parties[:_SHOWN]]
    if len(parties) > _SHOWN:
        shown.append(f"{len(parties) - _SHOWN} more")
    if outlets:
        shown.append(f"{len(outlets)} outlet(s) in their own voice")
    return ", ".join(shown)


def _country_words(country: str) -> str:
    from ceasefire.link.rows import country_name

    name, _ = country_name(country)
    return f"{name} ({country})" if name else country


def stance_disputes(incident: Incident, docs: dict[str, Document]) -> list[Dispute]:
    every = _claims_about(incident, docs)
    out: list[Dispute] = []
    # the incident's own type first, then the others of its family in order of first mention
    types = sorted({t for t, *_ in every}, key=lambda t: (t != incident.type, [i[0] for i in every].index(t)))
    for etype in types:
        _type_disputes(incident, etype, [i for i in every if i[0] == etype], out)
    return out


def _type_disputes(incident: Incident, etype: str, items: list[_Item], out: list[Dispute]) -> None:
    general = [(src, st, ref) for _, c, st, src, ref in items if c is None]
    countries = sorted({c for _, c, _, _, _ in items if c is not None})
    first = len(out)

    def emit(who: str, sides: list[DisputeSide]) -> None:
        what = _describe(incident, who).replace(incident.type, etype, 1)
        about = f"{what}: asserted by {_names(sides, 'asserts')}; denied by {_names(sides, 'denies')}"
        out.append(
            Dispute(
                id=f"{incident.id}-stance-{len(out) + 1}",
                incident=incident.id,
                kind="stance",
                about=about,
                sides=sides,
            )
        )

    # who did it: the claims naming that actor's country, and the denials that it happened at all
    for country in countries:
        own = [(src, st, ref) for _, c, st, src, ref in items if c == country]
        sides = _sides(own + [g for g in general if g[1] == "denies"])
        if _disagree(sides):
            emit(f" by {_country_words(country)}", sides)
    # whether it happened: every assertion (an actor's part implies the happening) and the general denials;
    # not when one actor's dispute already has the same sources on the same sides (it says more)
    if any(st == "denies" for _, st, _ in general):
        sides = _sides([(src, st, ref) for _, c, st, src, ref in items if c is None or st == "asserts"])
        same = {(s.source, s.stance) for s in sides}
        if _disagree(sides) and not any({(s.source, s.stance) for s in d.sides} == same for d in out[first:]):
            emit("", sides)


def _refs(fig: Figure) -> list[ClaimRef]:
    refs = [ClaimRef(article=fig.article, claim=fig.claim, event=fig.event)]
    refs += [ClaimRef(article=a) for a in fig.copies]
    return refs


def _conflict(a: dict[str, int | None], b: dict[str, int | None]) -> bool:
    return any(a[k] is not None and b[k] is not None and a[k] != b[k] for k in a)


def _repeats(part: dict[str, int | None], whole: dict[str, int | None]) -> bool:
    """Does ``part`` give only numbers that ``whole`` gives too (14 wounded of 3 killed, 14 wounded)?"""
    given = {k: v for k, v in part.items() if v is not None}
    return bool(given) and all(whole.get(k) == v for k, v in given.items())


def figure_text(figure: dict[str, int | None]) -> str:
    return ", ".join(f"{v} {k}" for k, v in figure.items() if v is not None)


def figure_disputes(incident: Incident) -> list[Dispute]:
    out: list[Dispute] = []
    for fields in FIGURE_GROUPS:
        sides: dict[tuple[str, tuple], DisputeSide] = {}
        for fig in incident.figures:
            figure = {k: getattr(fig, k) for k in fields}
            if all(v is None for v in figure.values()):
                continue
            key = (fig.source, tuple(figure.values()))
            if key not in sides:
                sides[key] = DisputeSide(source=fig.source, figure=figure, claims=[])
            sides[key].claims += [r for r in _refs(fig) if r not in sides[key].claims]
        # an outlet's own figure that repeats a party's numbers is a restatement, not a side of its own
        parties = [s for s in sides.values() if not is_outlet(s.source)]
        for key, side in list(sides.items()):
            if not is_outlet(side.source) or side.figure is None:
                continue
            whole = [p for p in parties if p.figure is not None and _repeats(side.figure, p.figure)]
            if not whole:
                continue
            target = max(whole, key=lambda p: (len(p.claims), -source_rank(p.source)))
            target.restated_by += [r for r in side.claims if r not in target.restated_by]
            del sides[key]
        given = [(s.source, s.figure) for s in sides.values() if s.figure is not None]
        # sources contradict each other: one source revising its own toll is not a dispute by itself
        if not any(
            sa != sb and _conflict(a, b) for i, (sa, a) in enumerate(given) for sb, b in given[i + 1 :]
        ):
            continue
        ordered = sorted(sides.values(), key=lambda s: (source_rank(s.source), -len(s.claims), s.source))
        by_figure: dict[str, list[str]] = defaultdict(list)
        for s in ordered:
            by_figure[figure_text(s.figure or {})].append(short_source(s.source))
        shown = [f"{f} ({', '.join(who)})" for f, who in by_figure.items()]
        if len(shown) > 2 * _SHOWN:
            shown = shown[: 2 * _SHOWN] + [f"{len(shown) - 2 * _SHOWN} more figures"]
        out.append(
            Dispute(
                id=f"{incident.id}-figures-{'-'.join(fields)}",
                incident=incident.id,
                kind="figures",
                about=f"{' and '.join(fields)} of {_describe(incident)}: {' vs '.join(shown)}",
                sides=ordered,
            )
        )
    return out


def find_disputes(
    incidents: Iterable[Incident], docs: Iterable[Document] | dict[str, Document]
) -> list[Dispute]:
    """Stance and figures disputes of each incident, in incident order."""
    by_id = docs if isinstance(docs, dict) else {d.article.id: d for d in docs}
    out: list[Dispute] = []
    for incident in incidents:
        out += stance_disputes(incident, by_id)
        out += figure_disputes(incident)
    return out


__all__ = ["find_disputes", "figure_disputes", "outlet_source", "claim_for", "stance_disputes"]
