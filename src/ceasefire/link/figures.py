"""Casualty figures of an incident: who gave which number, in which article, and a summary.

The source of a figure is the claim that carries it (the claim whose event is
the figure's event, or whose content span contains the event's trigger), else
the source the claims stage kept on the event for a bare toll (``figure_source``);
without either, the outlet speaks (``outlet:<domain>``).  Reprints of one wire
story give one figure, listed with the articles that copy it, so a story in
three papers counts once.  The summary follows ACLED's conservative practice
(the lowest credible figure) and UCDP's low / best / high.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from ceasefire.link.models import COUNT_FIELDS, Figure, FigureSummary
from ceasefire.records import Claim, Document, Event

if TYPE_CHECKING:
    from ceasefire.link.cluster import Cluster
    from ceasefire.link.wire import CopyIndex


def outlet_source(doc: Document) -> str:
    return f"outlet:{doc.article.outlet or doc.article.id}"


def claim_for(doc: Document, event: Event) -> Claim | None:
    """The claim whose content is ``event``: linked by id, else by spans."""
    for claim in doc.claims:
        if claim.event == event.id:
            return claim
    anchor = event.spans.trigger[0] if event.spans.trigger else event.evidence.start
    for claim in doc.claims:
        span = claim.spans.content
        if span is not None and span[0] <= anchor < span[1]:
            return claim
    return None


def figures_of(cluster: Cluster, docs: dict[str, Document], copies: CopyIndex) -> list[Figure]:
    """One figure per source, numbers and story; copies of a story are folded into the first."""
    out: list[Figure] = []
    seen: dict[tuple, Figure] = {}
    for report in cluster.reports:
        ev = report.event
        if ev.negated or ev.background or ev.modality is not None:
            continue
        if all(getattr(ev, k) is None for k in COUNT_FIELDS):
            continue
        doc = docs[report.article]
        claim = claim_for(doc, ev)
        root = copies.root(report.article)
        if claim is not None and not claim.source.startswith("outlet:"):
            source = claim.source
        elif ev.figure_source is not None:
            source = ev.figure_source
        else:
            # the outlet speaks; a reprint speaks with the voice of the story it copies
            source = outlet_source(docs[root]) if root in docs else outlet_source(doc)
        counts = tuple(getattr(ev, k) for k in COUNT_FIELDS)
        key = (source, counts, root)
        if key in seen:
            if report.article != seen[key].article and report.article not in seen[key].copies:
                seen[key].copies.append(report.article)
            continue
        fig = Figure(
            source=source,
            article=report.article,
            event=ev.id,
            claim=claim.id if claim is not None else None,
            killed=ev.killed,
            wounded=ev.wounded,
            missing=ev.missing,
            captured=ev.captured,
            qualifier=ev.qualifier,
            url=doc.article.url,
            evidence=ev.evidence,
        )
        seen[key] = fig
        out.append(fig)
    return out


def summarise(figures: list[Figure]) -> list[FigureSummary]:
    """Low / best / high and the conservative figure of each count, with who backs which number.

    Each source counts once per number (copies are already folded); ``best`` is the
    number the most sources give, the lower one on a tie.
    """
    out = []
    for count in COUNT_FIELDS:
        backers: dict[int, set[str]] = defaultdict(set)
        for fig in figures:
            value = getattr(fig, count)
            if value is not None:
                backers[value].add(fig.source)
        if not backers:
            continue
        values = sorted(backers)
        best = min(values, key=lambda v: (-len(backers[v]), v))
        out.append(
            FigureSummary(
                count=count,  # type: ignore[arg-type]
                low=values[0],
                best=best,
                high=values[-1],
                conservative=values[0],
                backed_by={str(v): sorted(backers[v]) for v in values},
            )
        )
    return out
