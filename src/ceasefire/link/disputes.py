"""Disputes: where the sources of one incident contradict each other.

- ``stance``: one source asserts what another denies about the incident's
  happening (the same family of event).  Claims about who did it are grouped
  by the attacker's country; a claim that names no actor (or denies the
  happening as a whole) takes part in every group of its incident.
- ``figures``: the sources' casualty numbers differ (3 killed 15 wounded vs 3
  killed 14 wounded).  Killed/wounded, captured and missing are separate
  disputes.  Reprints of one wire story were folded into one figure already.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from ceasefire.link.figures import claim_for, outlet_source
from ceasefire.link.knowledge import family_of
from ceasefire.link.models import ClaimRef, Dispute, DisputeSide, Figure, Incident
from ceasefire.records import Claim, Document, Event

FIGURE_GROUPS: tuple[tuple[str, ...], ...] = (("killed", "wounded"), ("captured",), ("missing",))


def _event_of(doc: Document, claim: Claim) -> Event | None:
    """The event a claim is about: its ``event`` link, else the event inside its content span."""
    by_id = {e.id: e for e in doc.events}
    if claim.event and claim.event in by_id:
        return by_id[claim.event]
    span = claim.spans.content
    if span is not None:
        for ev in doc.events:
            anchor = ev.spans.trigger[0] if ev.spans.trigger else ev.evidence.start
            if span[0] <= anchor < span[1]:
                return ev
    # else an event told in the claim's sentence, a material one first
    same = [e for e in doc.events if e.evidence.sentence == claim.evidence.sentence and not e.background]
    same.sort(key=lambda e: family_of(e.type) == "reaction")
    return same[0] if same else None


def _describe(incident: Incident, who: str = "") -> str:
    where = f" at {incident.place_name}" if incident.place_name else ""
    when = f" on {incident.date_start}" if incident.date_start else ""
    return f"{incident.type}{who}{where}{when}"


def _some(sides: dict[tuple[str, str], list[ClaimRef]], stance: str, shown: int = 3) -> str:
    sources = sorted({src for src, st in sides if st == stance})
    more = f" and {len(sources) - shown} more" if len(sources) > shown else ""
    return ", ".join(sources[:shown]) + more


def stance_disputes(incident: Incident, docs: dict[str, Document]) -> list[Dispute]:
    events_in = {(r.article, r.event) for r in incident.reports}
    family = family_of(incident.type)
    # (family, attacker country or None) -> (source, stance) -> claim refs
    groups: dict[tuple[str, str | None], dict[tuple[str, str], list[ClaimRef]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for article in incident.articles:
        doc = docs.get(article)
        if doc is None:
            continue
        actors = {a.id: a for a in doc.actors}
        for claim in doc.claims:
            ev = _event_of(doc, claim)
            if ev is None or (article, ev.id) not in events_in:
                continue
            fam = family_of(ev.type)
            if fam == "reaction":
                fam = family
            country = actors[ev.actor].country if ev.actor in actors else None
            stance = claim.stance  # relative to the claim's content, which the claims stage read
            refs = groups[(fam, country)][(claim.source, stance)]
            ref = ClaimRef(article=article, claim=claim.id, event=ev.id)
            if ref not in refs:
                refs.append(ref)
    out: list[Dispute] = []
    for fam in sorted({f for f, _ in groups}):
        general = groups.get((fam, None), {})
        chosen: list[tuple[str | None, dict[tuple[str, str], list[ClaimRef]]]] = []
        # a dispute about who did it: the claims naming that actor's country disagree among themselves
        for country in sorted(c for f, c in groups if f == fam and c is not None):
            own = groups[(fam, country)]
            if _contradict(own):
                chosen.append((country, _merge(own, general)))
        # a dispute about whether it happened at all: the claims naming no actor disagree
        if _contradict(general):
            signatures = {frozenset(m) for _, m in chosen}
            if frozenset(general) not in signatures:
                chosen.append((None, _merge(general, {})))
        if not chosen:
            # only together do they disagree: "X did it" against "nothing happened"; one dispute
            candidates = [
                (country, _merge(groups[(fam, country)], general))
                for country in sorted(c for f, c in groups if f == fam and c is not None)
            ]
            candidates = [(c, m) for c, m in candidates if _contradict(m)]
            if candidates:
                chosen.append(max(candidates, key=lambda cm: len(groups[(fam, cm[0])])))
        for country, merged in chosen:
            who = f" by {country}" if country else ""
            about = (
                f"{_describe(incident, who)}: asserted by {_some(merged, 'asserts')}; "
                f"denied by {_some(merged, 'denies')}"
            )
            out.append(
                Dispute(
                    id=f"{incident.id}-stance-{len(out) + 1}",
                    incident=incident.id,
                    kind="stance",
                    about=about,
                    sides=[
                        DisputeSide(source=src, stance=stance, claims=refs)  # type: ignore[arg-type]
                        for (src, stance), refs in sorted(merged.items(), key=lambda kv: (kv[0][1], kv[0][0]))
                    ],
                )
            )
    return out


def _contradict(sides: dict[tuple[str, str], list[ClaimRef]]) -> bool:
    """Does one source assert what another source denies?"""
    asserting = {src for src, stance in sides if stance == "asserts"}
    denying = {src for src, stance in sides if stance == "denies"}
    return any(a != d for a in asserting for d in denying)


def _merge(
    own: dict[tuple[str, str], list[ClaimRef]], extra: dict[tuple[str, str], list[ClaimRef]]
) -> dict[tuple[str, str], list[ClaimRef]]:
    """Sides of ``own`` with the claims of ``extra`` added (claims naming no actor speak to every group)."""
    merged = {k: list(v) for k, v in own.items()}
    for key, refs in extra.items():
        merged.setdefault(key, [])
        merged[key] += [r for r in refs if r not in merged[key]]
    return merged


def _refs(fig: Figure) -> list[ClaimRef]:
    refs = [ClaimRef(article=fig.article, claim=fig.claim, event=fig.event)]
    refs += [ClaimRef(article=a) for a in fig.copies]
    return refs


def _conflict(a: dict[str, int | None], b: dict[str, int | None]) -> bool:
    return any(a[k] is not None and b[k] is not None and a[k] != b[k] for k in a)


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
        given = [(s.source, s.figure) for s in sides.values() if s.figure is not None]
        figures = [f for _, f in given]
        # sources contradict each other: one source revising its own toll is not a dispute by itself
        if not any(
            sa != sb and _conflict(a, b) for i, (sa, a) in enumerate(given) for sb, b in given[i + 1 :]
        ):
            continue
        shown = " vs ".join(
            sorted({", ".join(f"{v} {k}" for k, v in f.items() if v is not None) for f in figures})
        )
        out.append(
            Dispute(
                id=f"{incident.id}-figures-{'-'.join(fields)}",
                incident=incident.id,
                kind="figures",
                about=f"{' and '.join(fields)} of {_describe(incident)}: {shown}",
                sides=list(sides.values()),
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
