"""``ceasefire eval news``: the whole job on real multi-outlet coverage of contested incidents.

Scores exactly as ``shared/eval/news/README.md`` ("How ceasefire eval news
scores") says: places, claims, stance and figures per article, then incidents
and disputes after linking every document.  Every match is one-to-one
(maximum bipartite matching), and sentences are found with the README's rule,
not with spaCy, so that the figures compare across systems.

Readings where the README leaves room (documented in docs/incidents.md):

- a gold figure with no integer count (only "dozens") cannot be met by a
  number and is left out of ``figures_recall`` (counted in ``figures_gold_unscored``);
- a gold dispute side is "numeric" when it gives an integer killed, wounded,
  missing or captured count; a figures dispute is met when at least two of its
  numeric sides are each met by a different output side;
- with ``limit``, gold incidents and dispute sides keep only the scored articles.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from ceasefire.eval import Metrics, evaluator
from ceasefire.records import Article, Document

COUNTS = ("killed", "wounded", "missing", "captured")
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019\u00bb)\]]*\s+")


# -- sentences ---------------------------------------------------------------------------------


class Sentences:
    """Sentence starts of a text by the README's rule, as offsets into the original text."""

    def __init__(self, text: str) -> None:
        self.text = text
        norm_chars: list[str] = []
        self._orig: list[int] = []  # normalised index -> original index
        prev_space = True
        for i, ch in enumerate(text):
            if ch.isspace():
                if prev_space:
                    continue
                norm_chars.append(" ")
                prev_space = True
            else:
                norm_chars.append(ch)
                prev_space = False
            self._orig.append(i)
        self.norm = "".join(norm_chars)
        starts = [0]
        for m in _BOUNDARY.finditer(self.norm):
            nxt = m.end()
            if nxt < len(self.norm) and (self.norm[nxt].isupper() or self.norm[nxt].isdigit()):
                starts.append(self._orig[nxt])
        self.starts = starts

    def of(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def find(self, evidence: str) -> int | None:
        """Offset of ``evidence`` in the text (exact, else whitespace-insensitive), or None."""
        pos = self.text.find(evidence)
        if pos >= 0:
            return pos
        squeezed = " ".join(evidence.split())
        pos = self.norm.find(squeezed)
        return self._orig[pos] if pos >= 0 and squeezed else None


# -- matching ----------------------------------------------------------------------------------


def max_matching(n_left: int, n_right: int, edge: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of a bipartite graph (Kuhn's augmenting paths), deterministic."""
    adj = [[j for j in range(n_right) if edge(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in adj[i]:
            if j in seen:
                continue
            seen.add(j)
            if owner[j] is None or augment(owner[j], seen):  # type: ignore[arg-type]
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


# -- loading -----------------------------------------------------------------------------------


def load(data_dir: Path, limit: int | None) -> tuple[list[dict], dict[int, dict]]:
    path = data_dir / "articles.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: expected the news articles as JSON Lines")
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{path}:{line_no}: not JSON: {exc}") from None
            if not isinstance(row, dict) or "id" not in row or "text" not in row:
                raise ValueError(f"{path}:{line_no}: an article needs 'id' and 'text'")
            rows.append(row)
    if limit is not None:
        rows = rows[:limit]
    gold: dict[int, dict] = {}
    for gold_path in sorted((data_dir / "gold").glob("incident-*.json")):
        with gold_path.open(encoding="utf-8") as fh:
            g = json.load(fh)
        gold[int(g["incident"])] = g
    return rows, gold


def to_article(row: dict) -> Article:
    return Article(
        id=str(row["id"]),
        url=row.get("url"),
        title=row.get("title"),
        published=row.get("date"),
        outlet=row.get("outlet"),
        text=row["text"],
    )


# -- per-article scoring -----------------------------------------------------------------------


def _source_ok(
    claim_source: str, actor_info: dict[str, tuple[str | None, str | None]], gold_actor: Any
) -> bool:
    """Does an output source meet a gold source (``"outlet"`` or a gold actor entry)?"""
    if gold_actor == "outlet":
        return claim_source.startswith("outlet:")
    if not isinstance(gold_actor, dict) or claim_source.startswith("outlet:"):
        return False
    country, sector = actor_info.get(claim_source, (None, None))
    countries = gold_actor.get("countries") or []
    if country is not None:
        return country in countries
    return None in countries and sector is not None and sector in (gold_actor.get("sectors") or [])


def _gold_actor(g: dict, key: str) -> Any:
    return "outlet" if key == "outlet" else g.get("actors", {}).get(key)


def _output_sentence(sents: Sentences, spans_start: int | None, evidence_start: int) -> int:
    return sents.of(spans_start if spans_start is not None else evidence_start)


def _place_meets(place: Any, gplace: dict) -> bool:
    gid = gplace.get("geonames_id")
    if gid is not None and place.id == f"geonames:{gid}":
        return True
    if place.lat is None or place.lon is None or gplace.get("lat") is None or gplace.get("lon") is None:
        return False
    return haversine_km(place.lat, place.lon, gplace["lat"], gplace["lon"]) <= 25.0


def score_article(doc: Document, g: dict, tally: dict[str, int]) -> None:
    """Add this article's places/claims/figures counts to ``tally``."""
    gart = g["articles"].get(doc.article.id)
    if gart is None:
        return
    sents = Sentences(doc.article.text)
    actor_info = {a.id: (a.country, a.sector) for a in doc.actors}

    # places
    gplaces = [g["places"][p["place"]] for p in gart.get("places", []) if p.get("place") in g["places"]]
    out_places = list({p.id: p for p in doc.places}.values())
    tally["places_gold"] += len(gplaces)
    tally["places_matched"] += len(
        max_matching(len(gplaces), len(out_places), lambda i, j: _place_meets(out_places[j], gplaces[i]))
    )
    below = [p for p in out_places if p.precision != "country" and p.feature != "country"]
    tally["places_out"] += len(below)
    tally["places_out_ok"] += sum(any(_place_meets(p, gp) for gp in g["places"].values()) for p in below)

    # claims
    gclaims = []
    for gc in gart.get("claims", []):
        pos = sents.find(gc.get("evidence", ""))
        if pos is None:
            tally["evidence_not_found"] += 1
        gclaims.append((None if pos is None else sents.of(pos), gc["stance"], _gold_actor(g, gc["source"])))
    oclaims = [
        (
            _output_sentence(sents, c.spans.cue[0] if c.spans.cue else None, c.evidence.start),
            c.stance,
            c.source,
        )
        for c in doc.claims
    ]
    tally["claims_gold"] += len(gclaims)
    tally["claims_out"] += len(oclaims)

    def claim_edge(with_stance: bool) -> Callable[[int, int], bool]:
        def edge(i: int, j: int) -> bool:
            gs, gst, gact = gclaims[i]
            os_, ost, osrc = oclaims[j]
            return (
                gs is not None
                and gs == os_
                and (not with_stance or gst == ost)
                and _source_ok(osrc, actor_info, gact)
            )

        return edge

    tally["claims_matched"] += len(max_matching(len(gclaims), len(oclaims), claim_edge(True)))
    # extra: precision over attributed claims only (the outlet's own claims left out)
    attributed = [j for j, c in enumerate(doc.claims) if c.attributed]
    tally["claims_out_attributed"] += len(attributed)
    tally["claims_matched_attributed"] += len(
        max_matching(len(gclaims), len(attributed), lambda i, j: claim_edge(True)(i, attributed[j]))
    )
    tally["claims_matched_any_stance"] += len(max_matching(len(gclaims), len(oclaims), claim_edge(False)))

    # figures
    gfigs = []
    for gf in gart.get("figures", []):
        if gf.get("background"):
            continue
        values = {k: gf[k] for k in COUNTS if isinstance(gf.get(k), int) and not isinstance(gf.get(k), bool)}
        if not values:
            tally["figures_gold_unscored"] += 1
            continue
        pos = sents.find(gf.get("evidence", ""))
        if pos is None:
            tally["evidence_not_found"] += 1
        gfigs.append((None if pos is None else sents.of(pos), values))
    oevents = [
        (_output_sentence(sents, e.spans.trigger[0] if e.spans.trigger else None, e.evidence.start), e)
        for e in doc.events
        if not e.background and any(getattr(e, k) is not None for k in COUNTS)
    ]
    tally["figures_gold"] += len(gfigs)
    tally["figures_out"] += len(oevents)

    def fig_edge(i: int, j: int) -> bool:
        gs, values = gfigs[i]
        os_, ev = oevents[j]
        return gs is not None and gs == os_ and all(getattr(ev, k) == v for k, v in values.items())

    tally["figures_matched"] += len(max_matching(len(gfigs), len(oevents), fig_edge))


# -- incidents and disputes --------------------------------------------------------------------


def score_incidents(
    gold_sets: dict[int, set[str]], out_sets: Sequence[set[str]]
) -> tuple[float | None, dict[int, dict[str, float]]]:
    """Greedy one-to-one pairing, largest shared article count first; mean F1 over gold incidents."""
    pairs = sorted(
        ((len(gs & os_), gi, oi) for gi, gs in gold_sets.items() for oi, os_ in enumerate(out_sets)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    used_g: set[int] = set()
    used_o: set[int] = set()
    per: dict[int, dict[str, float]] = {gi: {"f1": 0.0, "coverage": 0.0, "purity": 0.0} for gi in gold_sets}
    for shared, gi, oi in pairs:
        if shared == 0 or gi in used_g or oi in used_o:
            continue
        used_g.add(gi)
        used_o.add(oi)
        cov, pur = shared / len(gold_sets[gi]), shared / len(out_sets[oi])
        per[gi] = {
            "f1": round(2 * cov * pur / (cov + pur), 4),
            "coverage": round(cov, 4),
            "purity": round(pur, 4),
        }
    if not gold_sets:
        return None, per
    return round(sum(p["f1"] for p in per.values()) / len(per), 4), per


def _side_articles(side: Any) -> set[str]:
    return {c.article for c in side.claims}


def stance_dispute_met(
    gd: dict, od: Any, g: dict, actor_info: dict[str, tuple[str | None, str | None]]
) -> bool:
    stances = {s["stance"] for s in gd["sides"]}
    for stance in stances:
        found = False
        for gs in (s for s in gd["sides"] if s["stance"] == stance):
            gact = _gold_actor(g, gs["source"])
            arts = set(gs["articles"])
            for os_ in od.sides:
                if (
                    os_.stance == stance
                    and _source_ok(os_.source, actor_info, gact)
                    and _side_articles(os_) & arts
                ):
                    found = True
                    break
            if found:
                break
        if not found:
            return False
    return True


def _numeric(side: dict) -> dict[str, int]:
    return {k: side[k] for k in COUNTS if isinstance(side.get(k), int) and not isinstance(side.get(k), bool)}


def figures_dispute_met(gd: dict, od: Any) -> bool:
    gsides = [(s, _numeric(s)) for s in gd["sides"] if _numeric(s)]
    osides = [s for s in od.sides if s.figure]

    def edge(i: int, j: int) -> bool:
        gs, values = gsides[i]
        fig = osides[j].figure or {}
        return all(fig.get(k) == v for k, v in values.items()) and bool(
            _side_articles(osides[j]) & set(gs["articles"])
        )

    return len(max_matching(len(gsides), len(osides), edge)) >= 2


def scored_gold_disputes(g: dict, articles: set[str]) -> list[dict]:
    """Gold disputes restricted to ``articles``; those that cannot be scored are dropped."""
    out = []
    for gd in g.get("disputes", []):
        sides = []
        for s in gd["sides"]:
            arts = [a for a in s.get("articles", []) if a in articles]
            if arts:
                sides.append({**s, "articles": arts})
        stance_ok = gd["kind"] == "stance" and len({s["stance"] for s in sides}) >= 2
        figures_ok = gd["kind"] == "figures" and sum(1 for s in sides if _numeric(s)) >= 2
        if stance_ok or figures_ok:
            out.append({**gd, "sides": sides, "incident": g["incident"]})
    return out


# -- the evaluator -----------------------------------------------------------------------------


def _process(articles: Iterable[Article]) -> list[Document]:
    from ceasefire.pipeline import process

    return list(process(articles))


def score(docs: list[Document], rows: list[dict], gold: dict[int, dict]) -> Metrics:
    """All the news metrics for documents already processed (``rows`` give the gold incident)."""
    incident_of = {str(r["id"]): int(r["incident"]) for r in rows if r.get("incident") is not None}
    totals: dict[str, int] = defaultdict(int)
    per_incident: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for doc in docs:
        inc = incident_of.get(doc.article.id)
        if inc is None or inc not in gold:
            continue
        tally: dict[str, int] = defaultdict(int)
        score_article(doc, gold[inc], tally)
        for k, v in tally.items():
            totals[k] += v
            per_incident[inc][k] += v

    metrics: Metrics = {"n": len(docs)}

    def rates(t: dict[str, int], prefix: str = "") -> dict[str, Any]:
        return {
            f"{prefix}places_recall": _ratio(t["places_matched"], t["places_gold"]),
            f"{prefix}places_precision": _ratio(t["places_out_ok"], t["places_out"]),
            f"{prefix}claims_recall": _ratio(t["claims_matched"], t["claims_gold"]),
            f"{prefix}claims_precision": _ratio(t["claims_matched"], t["claims_out"]),
            f"{prefix}stance_accuracy": _ratio(t["claims_matched"], t["claims_matched_any_stance"]),
            f"{prefix}claims_precision_attributed": _ratio(
                t["claims_matched_attributed"], t["claims_out_attributed"]
            ),
            f"{prefix}figures_recall": _ratio(t["figures_matched"], t["figures_gold"]),
            f"{prefix}figures_precision": _ratio(t["figures_matched"], t["figures_out"]),
        }

    metrics.update(rates(totals))

    # incidents and disputes, after linking every document
    scored_ids = {d.article.id for d in docs}
    gold_sets: dict[int, set[str]] = defaultdict(set)
    for aid, inc in incident_of.items():
        if aid in scored_ids and inc in gold:
            gold_sets[inc].add(aid)
    link_metrics: dict[str, Any] = {
        "incident_f1": None,
        "disputes_recall": None,
        "disputes_precision": None,
    }
    per_inc_extra: dict[int, dict[str, Any]] = defaultdict(dict)
    try:
        from ceasefire.link import find_disputes, link_documents
    except ImportError:
        link_metrics["link_error"] = "ceasefire.link is not available"
    else:
        incidents = link_documents(docs)
        disputes = find_disputes(incidents, docs)
        out_sets = [set(i.articles) for i in incidents]
        f1, per = score_incidents(dict(gold_sets), out_sets)
        link_metrics["incident_f1"] = f1
        link_metrics["incidents_out"] = len(incidents)
        for gi, p in per.items():
            for k, v in p.items():
                per_inc_extra[gi][f"incident_{k}"] = v
        actor_info: dict[str, tuple[str | None, str | None]] = {}
        for doc in docs:
            for a in doc.actors:
                actor_info.setdefault(a.id, (a.country, a.sector))
        gold_disputes = [
            gd for gi in sorted(gold_sets) for gd in scored_gold_disputes(gold[gi], gold_sets[gi])
        ]

        def edge(i: int, j: int) -> bool:
            gd, od = gold_disputes[i], disputes[j]
            if gd["kind"] != od.kind:
                return False
            if gd["kind"] == "stance":
                return stance_dispute_met(gd, od, gold[gd["incident"]], actor_info)
            return figures_dispute_met(gd, od)

        matched = max_matching(len(gold_disputes), len(disputes), edge)
        link_metrics["disputes_recall"] = _ratio(len(matched), len(gold_disputes))
        link_metrics["disputes_precision"] = _ratio(len(matched), len(disputes))
        link_metrics["disputes_gold"] = len(gold_disputes)
        link_metrics["disputes_out"] = len(disputes)
        matched_gold = {i for i, _ in matched}
        for kind in ("stance", "figures"):
            g_idx = [i for i, gd in enumerate(gold_disputes) if gd["kind"] == kind]
            o_n = sum(1 for od in disputes if od.kind == kind)
            m = sum(1 for i in g_idx if i in matched_gold)
            link_metrics[f"disputes_{kind}_recall"] = _ratio(m, len(g_idx))
            link_metrics[f"disputes_{kind}_precision"] = _ratio(m, o_n)
        for gi in gold_sets:
            idx = [i for i, gd in enumerate(gold_disputes) if gd["incident"] == gi]
            per_inc_extra[gi]["disputes_recall"] = _ratio(sum(1 for i in idx if i in matched_gold), len(idx))
    metrics.update(link_metrics)
    metrics["figures_gold_unscored"] = totals["figures_gold_unscored"]
    metrics["evidence_not_found"] = totals["evidence_not_found"]
    for inc in sorted(set(per_incident) | set(per_inc_extra)):
        metrics.update({k: v for k, v in rates(per_incident[inc], f"incident_{inc}.").items()})
        for k, v in per_inc_extra[inc].items():
            metrics[f"incident_{inc}.{k}"] = v
    return metrics


@evaluator("news", "news", "real multi-outlet coverage of contested incidents: the whole job")
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    rows, gold = load(data_dir, limit)
    docs = _process(to_article(r) for r in rows)
    return score(docs, rows, gold)
