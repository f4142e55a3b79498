"""Incidents: event reports from many articles that describe one real-world happening.

An event joins the existing incident it scores best against, or starts a new
one.  Hard rules first: the PLOVER *family* must agree (ASSAULT with ASSAULT;
RETREAT/MOBILIZE/COERCE together), and the places must lie within a distance
that depends on how precise they are (exact/near: tens of km; admin: about a
hundred; country level: the same country).  Then evidence adds up: the same
place, dates within a window, actors of the same countries, and article-level
cues (shared place names, similar titles, wire copies of one story).  Events
that are reactions (ACCUSE, REJECT, REQUEST, ...) join the material incident
their article reports.

The linker is incremental: :class:`Linker` holds the incidents so far, and
new documents join them without recomputing old ones.  Documents are taken
oldest first (then by id), so the same input always gives the same incidents;
an incident's id comes from its first report.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from ceasefire.link.knowledge import family_of, settings
from ceasefire.link.models import Incident, ReportRef
from ceasefire.link.wire import CopyIndex
from ceasefire.records import Document, Event, Place

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "from",
        "have",
        "has",
        "had",
        "was",
        "were",
        "are",
        "its",
        "his",
        "her",
        "their",
        "they",
        "them",
        "said",
        "says",
        "say",
        "after",
        "over",
        "into",
        "about",
        "than",
        "more",
        "been",
        "will",
        "would",
        "could",
        "not",
    ]
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}
_MONTH_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?:\s+\d{1,2},?)?\s+((?:19|20)\d\d)\b"
)
_PRECISION_RANK = {"exact": 0, "near": 1, "admin": 2, "country": 3, None: 4}


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _parse_date(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def months_mentioned(text: str) -> frozenset[tuple[int, int]]:
    """(year, month) of every explicit "March 2022" / "March 27, 2022" / "27 March 2022" in ``text``."""
    return frozenset((int(m.group(2)), _MONTHS[m.group(1).lower()]) for m in _MONTH_YEAR.finditer(text))


_NAME = re.compile(r"\b[^\W\d_a-z][\w'-]{2,}")


@cache
def _common_capitalised() -> frozenset[str]:
    from ceasefire.link.knowledge import common_capitalised

    return common_capitalised()


def names_in(text: str) -> frozenset[str]:
    """Capitalised words of ``text`` (proper names, mostly), lower-cased, without common ones."""
    common = _common_capitalised()
    return frozenset(w.lower() for w in _NAME.findall(text) if w[0].isupper() and w.lower() not in common)


def title_words(text: str | None) -> frozenset[str]:
    if not text:
        return frozenset()
    return frozenset(w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP)


def _is_country_level(place: Place) -> bool:
    return place.precision == "country" or place.feature == "country"


def speakers_place(doc: Document, event: Event) -> bool:
    """Is the event's place where a statement about it was made or who made it, not where it happened?

    Either the place words name an actor ("officials in Yerevan accused ..."), or the event is told
    in a claim's content and the place lies outside that content ("three were killed, the ministry
    said at a briefing in Yerevan").  Such a place says nothing about where the event happened.
    """
    place, trigger = event.spans.place, event.spans.trigger
    if place is None:
        return False
    if any(s <= place[0] < e for a in doc.actors for s, e in a.spans):
        return True
    if trigger is None:
        return False
    for claim in doc.claims:
        content = claim.spans.content
        if content is None or not content[0] <= trigger[0] < content[1]:
            continue
        if not content[0] <= place[0] < content[1] and claim.evidence.start <= place[0] < claim.evidence.end:
            return True
    return False


@dataclass(frozen=True)
class Loc:
    id: str
    name: str
    lat: float | None
    lon: float | None
    country: str | None
    precision: str | None


@dataclass(frozen=True)
class ArticleCues:
    """What an article as a whole says about where and what: used to score all its events."""

    id: str
    root: str  # the article whose story this one copies (itself when original)
    place_ids: frozenset[str]
    place_names: frozenset[str]
    title: frozenset[str]
    published: str | None
    months: frozenset[tuple[int, int]] = frozenset()  # months the text names explicitly
    names: frozenset[str] = frozenset()  # capitalised words of the text


@dataclass(eq=False)  # reports compare by identity
class Report:
    article: str
    event: Event
    family: str
    loc: Loc | None
    lo: date | None
    hi: date | None
    actor_countries: frozenset[str]
    order: int
    in_window: bool = True  # False: joined by other cues although its own date lies outside the incident's


@dataclass(eq=False)  # incidents compare by identity
class Cluster:
    id: str
    family: str
    seq: int = 0  # creation order in the linker
    reports: list[Report] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)
    roots: set[str] = field(default_factory=set)
    locs: dict[str, Loc] = field(default_factory=dict)
    place_names: set[str] = field(default_factory=set)
    actor_countries: set[str] = field(default_factory=set)
    lo: date | None = None
    hi: date | None = None
    titles: list[frozenset[str]] = field(default_factory=list)

    def add(self, report: Report, cues: ArticleCues, extend_dates: bool = True) -> None:
        report.in_window = extend_dates
        self.reports.append(report)
        if report.article not in self.articles:
            self.articles.append(report.article)
            self.titles.append(cues.title)
            self.place_names |= cues.place_names
        self.roots.add(cues.root)
        if report.loc is not None:
            self.locs.setdefault(report.loc.id, report.loc)
        self.actor_countries |= report.actor_countries
        if extend_dates and report.lo is not None and report.hi is not None:
            self.lo = report.lo if self.lo is None else min(self.lo, report.lo)
            self.hi = report.hi if self.hi is None else max(self.hi, report.hi)


def _incident_id(article: str, event: str) -> str:
    return "inc-" + hashlib.sha1(f"{article}\x1f{event}".encode()).hexdigest()[:12]


def _date_range(event: Event) -> tuple[date | None, date | None]:
    d = _parse_date(event.date)
    if d is None:
        return None, None
    if event.date_precision == "week":
        return d, d + timedelta(days=6)
    if event.date_precision == "month":
        return d.replace(day=1), d.replace(day=28) + timedelta(days=3)
    if event.date_precision == "year":
        return d.replace(month=1, day=1), d.replace(month=12, day=31)
    return d, d


def _slack(event: Event) -> int:
    return settings().date_slack_days.get(event.date_precision or "day", 3)


class Linker:
    """Incidents so far; :meth:`add` links more documents into them."""

    def __init__(self) -> None:
        self.clusters: list[Cluster] = []
        self.copies = CopyIndex()
        self.cues: dict[str, ArticleCues] = {}
        self.docs: dict[str, Document] = {}
        self._order = 0
        self._of_article: dict[str, list[Cluster]] = {}  # article -> incidents holding its reports
        self.removed: list[str] = []  # ids of incidents merged into earlier ones (to delete from a store)
        # cue -> incidents that have it: only incidents sharing a cue with a report can reach the
        # join threshold (a date and a title alone score 2, below it), so only they are scored
        self._index: dict[tuple[str, str], dict[int, Cluster]] = {}

    def _attach(self, cluster: Cluster, report: Report, cues: ArticleCues, extend_dates: bool = True) -> None:
        cluster.add(report, cues, extend_dates=extend_dates)
        held = self._of_article.setdefault(report.article, [])
        if cluster not in held:
            held.append(cluster)
        keys = self._keys(report, cues)
        if report.loc is not None and report.loc.country:
            keys.add(("country", report.loc.country))
        for key in keys:
            self._index.setdefault(key, {})[cluster.seq] = cluster

    @staticmethod
    def _keys(report: Report, cues: ArticleCues) -> set[tuple[str, str]]:
        keys = {("article", cues.id), ("root", cues.root)}
        keys |= {("name", n) for n in cues.place_names} | {("place", p) for p in cues.place_ids}
        keys |= {("actor", c) for c in report.actor_countries} | {("word", w) for w in cues.names}
        loc = report.loc
        if loc is not None:
            keys.add(("place", loc.id))
            if loc.lat is not None and loc.lon is not None and loc.precision != "country":
                keys.add(("cell", f"{math.floor(loc.lat)},{math.floor(loc.lon)}"))
            elif loc.country:
                keys.add(("coarse", loc.country))  # placed no better than its country
        return keys

    @staticmethod
    def _lookup_keys(report: Report) -> set[tuple[str, str]]:
        """Extra keys a report looks under: a coarse place meets every incident of its country,
        a precise one the coarse incidents of its country and the precise ones nearby."""
        loc = report.loc
        if loc is None:
            return set()
        keys = {("coarse", loc.country)} if loc.country else set()
        if loc.lat is not None and loc.lon is not None and loc.precision != "country":
            keys |= Linker._near_cells(loc)
        elif loc.country:
            keys.add(("country", loc.country))
        return keys

    @staticmethod
    def _near_cells(loc: Loc | None) -> set[tuple[str, str]]:
        """Grid cells (1 degree) within about 120 km of ``loc``: where a nearby place of another country may be."""
        if loc is None or loc.lat is None or loc.lon is None:
            return set()
        i, j = math.floor(loc.lat), math.floor(loc.lon)
        return {
            ("cell", f"{i + di},{(j + dj + 180) % 360 - 180}") for di in range(-2, 3) for dj in range(-2, 3)
        }

    def _candidates(self, report: Report, cues: ArticleCues) -> list[Cluster]:
        found: dict[int, Cluster] = {}
        for key in self._keys(report, cues) | self._lookup_keys(report):
            found.update(self._index.get(key, {}))
        # incidents of articles that share another incident with this one ("related articles")
        for mine in self._of_article.get(cues.id, ()):
            for article in mine.articles:
                for cluster in self._of_article.get(article, ()):
                    found[cluster.seq] = cluster
        return [found[k] for k in sorted(found)]

    # -- features ------------------------------------------------------------------------------

    def _cues(self, doc: Document) -> ArticleCues:
        root = self.copies.add(doc.article)
        below = [p for p in doc.places if not _is_country_level(p)]
        names = {p.canonical.lower() for p in below} | {p.name.lower() for p in below}
        title = doc.article.title or (doc.article.text[: doc.sentences[0].end] if doc.sentences else None)
        return ArticleCues(
            id=doc.article.id,
            root=root,
            place_ids=frozenset(p.id for p in below),
            place_names=frozenset(names),
            title=title_words(title),
            published=doc.article.published,
            months=months_mentioned(doc.article.text),
            names=names_in(doc.article.text),
        )

    def _report(self, doc: Document, event: Event) -> Report:
        places = {p.id: p for p in doc.places}
        actors = {a.id: a for a in doc.actors}
        loc = None
        if event.place and event.place in places and not speakers_place(doc, event):
            p = places[event.place]
            loc = Loc(p.id, p.canonical.lower(), p.lat, p.lon, p.country, p.precision)
        countries = frozenset(
            c
            for c in (actors[a].country if a in actors else None for a in (event.actor, event.target))
            if c is not None
        )
        lo, hi = _date_range(event)
        self._order += 1
        return Report(doc.article.id, event, family_of(event.type), loc, lo, hi, countries, self._order)

    # -- scoring -------------------------------------------------------------------------------

    def _place_score(self, loc: Loc, cluster: Cluster) -> float | None:
        """Score of a place against the cluster's places; None when it rules the cluster out."""
        if not cluster.locs:
            return 0.0
        cfg = settings()
        best: float | None = None
        for other in cluster.locs.values():
            if other.id == loc.id:
                return cfg.score["same_place"]
            country_level = "country" in (loc.precision, other.precision)
            if country_level or None in (loc.lat, loc.lon, other.lat, other.lon):
                if loc.country and other.country and loc.country != other.country:
                    continue
                score = cfg.score["same_country"] if loc.country and loc.country == other.country else 0.0
            else:
                limit = max(
                    cfg.distance_km.get(loc.precision or "unknown", cfg.distance_km["unknown"]),
                    cfg.distance_km.get(other.precision or "unknown", cfg.distance_km["unknown"]),
                )
                if haversine_km(loc.lat, loc.lon, other.lat, other.lon) > limit:  # type: ignore[arg-type]
                    continue
                score = cfg.score["near_place"]
            best = score if best is None else max(best, score)
        return best

    def _score(self, report: Report, cues: ArticleCues, cluster: Cluster, any_family: bool) -> float | None:
        cfg = settings()
        if not any_family and cluster.family != report.family:
            return None
        score = 0.0
        if report.loc is not None:
            place = self._place_score(report.loc, cluster)
            if place is None:
                return None
            score += place
        dates = self._dates_fit(report, cluster)
        if dates is True:
            score += cfg.score["date_compatible"]
        elif dates is False:
            # the article may still name the incident's month ("the killings in March 2022")
            named = (
                cluster.lo is not None
                and cluster.hi is not None
                and any(
                    (cluster.lo.year, cluster.lo.month) <= ym <= (cluster.hi.year, cluster.hi.month)
                    for ym in cues.months
                )
            )
            score += cfg.score["date_named"] if named else cfg.score["date_incompatible"]
        if report.actor_countries & cluster.actor_countries:
            score += cfg.score["actors_overlap"]
        if (cues.place_ids & set(cluster.locs)) or (cues.place_names & cluster.place_names):
            score += cfg.score["shared_place_name"]
        if cues.title and any(
            len(cues.title & t) / len(cues.title | t) >= cfg.title_similarity for t in cluster.titles if t
        ):
            score += cfg.score["similar_title"]
        if cues.names and any(
            len(cues.names & self.cues[a].names) / len(cues.names | self.cues[a].names) >= cfg.name_similarity
            for a in cluster.articles
            if a != cues.id and a in self.cues and self.cues[a].names
        ):
            score += cfg.score["similar_names"]
        if cues.root in cluster.roots and cues.id not in cluster.articles:
            score += cfg.score["wire_copy"]
        if cues.id in cluster.articles:
            score += cfg.score["same_article"]
        elif self._related(cues.id, cluster):
            score += cfg.score["related_articles"]
        return score

    def _related(self, article: str, cluster: Cluster) -> bool:
        """Does ``article`` already share another incident with an article of ``cluster``?"""
        mine = {c.id for c in self._of_article.get(article, ()) if c is not cluster}
        return bool(mine) and any(
            c.id in mine for a in cluster.articles for c in self._of_article.get(a, ()) if c is not cluster
        )

    @staticmethod
    def _dates_fit(report: Report, cluster: Cluster) -> bool | None:
        """Do the report's dates fall in the cluster's window? None when either has no date."""
        if report.lo is None or report.hi is None or cluster.lo is None or cluster.hi is None:
            return None
        slack = timedelta(days=_slack(report.event))
        return report.lo - slack <= cluster.hi and report.hi + slack >= cluster.lo

    def _best(self, report: Report, cues: ArticleCues, any_family: bool) -> Cluster | None:
        return self._best_scored(report, cues, any_family)[0]

    def _best_scored(
        self, report: Report, cues: ArticleCues, any_family: bool
    ) -> tuple[Cluster | None, float]:
        """The incident the report scores best against (at least the threshold; the earliest on a tie)."""
        best, best_score = None, settings().join_threshold
        for cluster in self._candidates(report, cues):
            s = self._score(report, cues, cluster, any_family)
            if s is not None and s >= best_score and (best is None or s > best_score):
                best, best_score = cluster, s
        return best, best_score

    def _new(self, report: Report, cues: ArticleCues) -> Cluster:
        cluster = Cluster(
            id=_incident_id(report.article, report.event.id), family=report.family, seq=len(self.clusters)
        )
        self.clusters.append(cluster)
        self._attach(cluster, report, cues)
        return cluster

    # -- linking -------------------------------------------------------------------------------

    def add(self, docs: Iterable[Document]) -> list[Cluster]:
        """Link ``docs`` into the incidents; returns the incidents they touched."""
        batch = sorted(docs, key=lambda d: (d.article.published or "9999-99-99", d.article.id))
        touched: dict[str, Cluster] = {}
        reactions: list[tuple[Report, ArticleCues]] = []
        for doc in batch:
            if doc.article.id in self.docs:
                continue
            self.docs[doc.article.id] = doc
            cues = self._cues(doc)
            self.cues[doc.article.id] = cues
            pending = []
            for event in doc.events:
                if event.background or event.modality not in settings().report_modalities:
                    continue
                report = self._report(doc, event)
                if report.family == "reaction":
                    reactions.append((report, cues))
                else:
                    pending.append(report)
            # the surest link first: once the article is in an incident, its other events are
            # "related" to it; without any link, a placed event starts an incident first
            while pending:
                best = None
                for report in pending:
                    cluster, score = self._best_scored(report, cues, any_family=False)
                    if cluster is not None and (best is None or score > best[2]):
                        best = (report, cluster, score)
                if best is not None:
                    report, cluster, _ = best
                    self._attach(cluster, report, cues, self._dates_fit(report, cluster) is not False)
                else:
                    report = min(pending, key=lambda r: (r.loc is None, r.order))
                    cluster = self._new(report, cues)
                pending.remove(report)
                touched[cluster.id] = cluster
        for report, cues in reactions:
            home = self._home(report.article)
            cluster = home or self._best(report, cues, any_family=True)
            if cluster is None:
                cluster = self._new(report, cues)
            else:
                self._attach(cluster, report, cues, self._dates_fit(report, cluster) is not False)
            touched[cluster.id] = cluster
        for later in sorted(touched.values(), key=lambda c: -c.seq):
            target = self._absorbing_target(later)
            if target is not None:
                self._merge(later, target)
                del touched[later.id]
                touched[target.id] = target
        for later in sorted(touched.values(), key=lambda c: c.seq):
            target = self._retrospective_target(later)
            if target is not None:
                self._merge(later, target)
                del touched[later.id]
                touched[target.id] = target
        return list(touched.values())

    def _absorbing_target(self, later: Cluster) -> Cluster | None:
        """An earlier incident that every report of ``later`` now joins (at least the threshold).

        Reports are linked in turn, so a report scored before the reports that tie it to an
        incident came in (a village the incident had no report of yet) starts an incident of its
        own; once the batch is in, such a fragment joins the incident all its reports agree on."""
        if later.family == "reaction":
            return None
        target: Cluster | None = None
        for report in later.reports:
            best, best_score = None, settings().join_threshold
            for cluster in self._candidates(report, self.cues[report.article]):
                if cluster is later or cluster.seq > later.seq:
                    continue
                s = self._score(report, self.cues[report.article], cluster, any_family=False)
                if s is not None and s >= best_score and (best is None or s > best_score):
                    best, best_score = cluster, s
            if best is None or (target is not None and best is not target):
                return None
            target = best
        return target

    def _retrospective_target(self, later: Cluster) -> Cluster | None:
        """An earlier incident that ``later`` looks back on: same family and place, and one of its
        articles names a month of the earlier incident ("the killings in Moura in March 2022"),
        although its own dates lie outside it.  Later coverage (inquiries, reports, anniversaries)
        then joins the incident instead of standing apart."""
        if later.family == "reaction" or later.lo is None or later.hi is None:
            return None
        months = {m for a in later.articles for m in self.cues[a].months}
        if not months:
            return None
        for earlier in self.clusters:
            if earlier.seq >= later.seq or earlier.family != later.family:
                continue
            if earlier.lo is None or earlier.hi is None:
                continue
            if not (set(earlier.locs) & set(later.locs) or earlier.place_names & later.place_names):
                continue
            if (
                earlier.actor_countries
                and later.actor_countries
                and not (earlier.actor_countries & later.actor_countries)
            ):
                continue
            slack = timedelta(days=settings().date_slack_days["day"])
            if later.lo - slack <= earlier.hi and later.hi + slack >= earlier.lo:
                continue  # their dates agree: scoring already decided they are apart
            if any(
                (earlier.lo.year, earlier.lo.month) <= m <= (earlier.hi.year, earlier.hi.month)
                for m in months
            ):
                return earlier
        return None

    def _merge(self, later: Cluster, target: Cluster) -> None:
        """Move every report of ``later`` into ``target`` and forget ``later``."""
        self.clusters.remove(later)
        for bucket in self._index.values():
            bucket.pop(later.seq, None)
        for held in self._of_article.values():
            if later in held:
                held.remove(later)
        for report in later.reports:
            fits = self._dates_fit(report, target) is not False
            self._attach(target, report, self.cues[report.article], fits)
        self.removed.append(later.id)

    def _home(self, article: str) -> Cluster | None:
        """The material incident with most reports from ``article`` (the earliest on a tie)."""
        best, best_n = None, 0
        for cluster in sorted(self._of_article.get(article, ()), key=lambda c: c.seq):
            if cluster.family == "reaction":
                continue
            n = sum(1 for r in cluster.reports if r.article == article)
            if n > best_n:
                best, best_n = cluster, n
        return best

    # -- output --------------------------------------------------------------------------------

    def incident(self, cluster: Cluster) -> Incident:
        from ceasefire.link.figures import figures_of, summarise

        material = [r for r in cluster.reports if r.family != "reaction"] or cluster.reports
        types = Counter(r.event.type for r in material)
        first_of = {t: min(r.order for r in material if r.event.type == t) for t in types}
        itype = min(types, key=lambda t: (-types[t], first_of[t]))
        locs = [r.loc for r in cluster.reports if r.loc is not None]
        loc_count = Counter(loc.id for loc in locs)
        place = None
        if locs:
            place = min(
                {loc.id: loc for loc in locs}.values(),
                # the place most reports name, below country level first, the more precise on a tie
                key=lambda loc: (
                    loc.precision == "country",
                    -loc_count[loc.id],
                    _PRECISION_RANK.get(loc.precision, 4),
                    loc.id,
                ),
            )
        place_obj = None
        if place is not None:
            for r in cluster.reports:
                doc = self.docs[r.article]
                place_obj = next((p for p in doc.places if p.id == place.id), None)
                if place_obj is not None:
                    break
        dates = sorted(r.event.date for r in cluster.reports if r.event.date and r.in_window)
        actors = sorted({a for r in cluster.reports for a in (r.event.actor, r.event.target) if a})
        reports = []
        for r in cluster.reports:
            root = self.copies.root(r.article)
            reports.append(
                ReportRef(article=r.article, event=r.event.id, copy_of=root if root != r.article else None)
            )
        # the title of the article that leads with the happening (its report of the incident's type
        # told earliest in the text), the earliest article on a tie
        leads = sorted(
            (r.event.evidence.sentence, cluster.articles.index(r.article), r.article)
            for r in material
            if r.event.type == itype and self.docs[r.article].article.title
        )
        titled = [a for _, _, a in leads] + list(cluster.articles)
        title = next((self.docs[a].article.title for a in titled if self.docs[a].article.title), None)
        figures = figures_of(cluster, self.docs, self.copies)
        return Incident(
            id=cluster.id,
            type=itype,
            place=place.id if place else None,
            place_name=place_obj.canonical if place_obj else None,
            country=(place_obj.country if place_obj else None),
            lat=place_obj.lat if place_obj else None,
            lon=place_obj.lon if place_obj else None,
            date_start=dates[0][:10] if dates else None,
            date_end=dates[-1][:10] if dates else None,
            actors=actors,
            reports=reports,
            articles=list(cluster.articles),
            figures=figures,
            summary=summarise(figures),
            title=title,
        )

    def incidents(self) -> list[Incident]:
        return [self.incident(c) for c in self.clusters]


def link_documents(docs: Iterable[Document]) -> list[Incident]:
    """Cluster the event reports of ``docs`` into incidents, in memory (pure: no database)."""
    linker = Linker()
    linker.add(docs)
    return linker.incidents()


def restore(linker: Linker, incidents: Iterable[Incident], docs: Iterable[Document]) -> None:
    """Put stored incidents (in creation order) and their documents back into ``linker``."""
    for doc in sorted(docs, key=lambda d: (d.article.published or "9999-99-99", d.article.id)):
        if doc.article.id in linker.docs:
            continue
        linker.docs[doc.article.id] = doc
        linker.cues[doc.article.id] = linker._cues(doc)
    for incident in incidents:
        reports = []
        for ref in incident.reports:
            doc = linker.docs.get(ref.article)
            event = next((e for e in doc.events if e.id == ref.event), None) if doc else None
            if doc is None or event is None:
                continue  # the article was deleted or re-extracted: the report is gone
            reports.append(linker._report(doc, event))
        if not reports:
            continue
        material = [r for r in reports if r.family != "reaction"]
        cluster = Cluster(id=incident.id, family=(material or reports)[0].family, seq=len(linker.clusters))
        for report in reports:
            fits = Linker._dates_fit(report, cluster) is not False
            linker._attach(cluster, report, linker.cues[report.article], fits)
        linker.clusters.append(cluster)
