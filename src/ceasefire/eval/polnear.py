"""PolNeAR: attribution spans (source, cue, content) in US political news.

Scored exactly as ``shared/eval/claims/polnear/SCORING.md`` says: the test
split, the first annotator of each article, one gold item per ``Attribution``
or ``Attribution-no-source`` event line, each role scored on its own with
exact, overlap and proportional-overlap matching, micro-averaged over the
split.  ``CEASEFIRE_POLNEAR_SPLIT=dev`` (or ``train``) scores another split
while tuning; the figures to report come from ``test``.
"""

from __future__ import annotations

import csv
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ceasefire.eval import Metrics, evaluator

ROLES = ("source", "cue", "content")
_GOLD_TRIGGERS = ("Attribution", "Attribution-no-source")
CharSpan = tuple[int, int]


@dataclass
class Article:
    name: str
    text: str
    gold: dict[str, list[CharSpan]] = field(default_factory=dict)


@dataclass
class Tally:
    """Running sums for one role under one matching."""

    n_pred: int = 0
    n_gold: int = 0
    exact: int = 0
    overlap: int = 0
    prop_p: float = 0.0  # sum of predicted-span shares covered by the matched gold span
    prop_r: float = 0.0  # sum of gold-span shares covered by the matched prediction


def _first_annotators(data_dir: Path) -> dict[str, list[str]]:
    table: dict[str, list[str]] = {}
    meta = data_dir / "data" / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                table[row["filename"]] = row["annotators"].split("|")
    return table


def _extent(ranges: str) -> CharSpan:
    """'a b;c d' -> (a, d): a discontinuous span counts as one extent."""
    points = [int(x) for part in ranges.split(";") for x in part.split()]
    return min(points), max(points)


def parse_ann(text: str) -> dict[str, list[CharSpan]]:
    """Gold spans per role from one BRAT standoff file."""
    spans: dict[str, CharSpan] = {}
    gold: dict[str, list[CharSpan]] = {role: [] for role in ROLES}
    events = []
    for line in text.splitlines():
        parts = line.split("\t")
        if not parts[0]:
            continue
        if parts[0].startswith("T") and len(parts) >= 2:
            _label, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = _extent(ranges)
        elif parts[0].startswith("E") and len(parts) >= 2:
            events.append(parts[1].split())
    for args in events:
        trigger = args[0].split(":")[0]
        if trigger not in _GOLD_TRIGGERS:
            continue
        roles: dict[str, list[CharSpan]] = {role: [] for role in ROLES}
        for arg in args[1:]:
            name, _, ref = arg.partition(":")
            role = re.sub(r"\d+$", "", name).lower()
            if role in roles and ref in spans:
                roles[role].append(spans[ref])
        for role, found in roles.items():
            if found:
                gold[role].append((min(s for s, _ in found), max(e for _, e in found)))
    return gold


def load_split(data_dir: Path, split: str) -> Iterator[Article]:
    folder = data_dir / "data" / split
    if not folder.is_dir():
        raise FileNotFoundError(f"no PolNeAR split {split!r} under {data_dir / 'data'}")
    annotators = _first_annotators(data_dir)
    for text_file in sorted((folder / "text").glob("*.txt")):
        name = text_file.stem
        anns = sorted((folder / "attributions").glob(f"{name}_*.ann"))
        if not anns:
            continue
        order = annotators.get(name, [])
        chosen = anns[0]
        for ann_id in order:
            cand = folder / "attributions" / f"{name}_{ann_id}.ann"
            if cand.exists():
                chosen = cand
                break
        text = text_file.read_text(encoding="utf-8")
        yield Article(name, text, parse_ann(chosen.read_text(encoding="utf-8")))


def _match(pred: list[CharSpan], gold: list[CharSpan], tally: Tally) -> None:
    """One-to-one matching within an article: exact, and overlap greedily by largest overlap."""
    tally.n_pred += len(pred)
    tally.n_gold += len(gold)
    gold_left = list(gold)
    for p in pred:
        if p in gold_left:
            gold_left.remove(p)
            tally.exact += 1
    pairs = []
    for i, p in enumerate(pred):
        for j, g in enumerate(gold):
            inter = min(p[1], g[1]) - max(p[0], g[0])
            if inter > 0:
                pairs.append((inter, i, j))
    pairs.sort(key=lambda x: (-x[0], x[1], x[2]))
    used_p: set[int] = set()
    used_g: set[int] = set()
    for inter, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        tally.overlap += 1
        p, g = pred[i], gold[j]
        tally.prop_p += inter / (p[1] - p[0])
        tally.prop_r += inter / (g[1] - g[0])


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def metrics_of(tallies: dict[str, Tally]) -> Metrics:
    out: Metrics = {}
    for role, t in tallies.items():
        for kind in ("exact", "overlap", "prop"):
            if kind == "prop":
                p = t.prop_p / t.n_pred if t.n_pred else 0.0
                r = t.prop_r / t.n_gold if t.n_gold else 0.0
            else:
                hits = getattr(t, kind)
                p = hits / t.n_pred if t.n_pred else 0.0
                r = hits / t.n_gold if t.n_gold else 0.0
            out[f"{role}_p_{kind}"] = round(p, 4)
            out[f"{role}_r_{kind}"] = round(r, 4)
            out[f"{role}_f1_{kind}"] = round(_f1(p, r), 4)
    return out


def predict(doc) -> dict[str, list[CharSpan]]:
    """Predicted spans per role for one parsed article (no nested reporting nouns: PolNeAR is univocal)."""
    from ceasefire.extract.attribution import find_attributions

    pred: dict[str, list[CharSpan]] = {role: [] for role in ROLES}
    for att in find_attributions(doc, nominal=False, attitudes=True):
        if att.content is None:
            continue
        pred["cue"].append(att.cue)
        pred["content"].append(att.content)
        if att.source is not None:
            pred["source"].append(att.source)
    return pred


def evaluate_split(data_dir: Path, split: str = "test", limit: int | None = None) -> Metrics:
    from ceasefire.nlp import load_model

    nlp = load_model()
    articles = list(load_split(data_dir, split))
    if limit is not None:
        articles = articles[:limit]
    tallies = {role: Tally() for role in ROLES}
    words = sum(len(a.text.split()) for a in articles)
    began = time.perf_counter()
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        pred = predict(doc)
        for role in ROLES:
            _match(pred[role], article.gold[role], tallies[role])
    elapsed = time.perf_counter() - began
    return {
        "split": split,
        "n": len(articles),
        "gold_relations": tallies["cue"].n_gold,
        **metrics_of(tallies),
        "words_per_second": round(words / elapsed, 1) if elapsed > 0 else None,
    }


@evaluator(
    "polnear", "claims/polnear", "attribution spans (source, cue, content) in political news, test split"
)
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    split = os.environ.get("CEASEFIRE_POLNEAR_SPLIT", "test")
    return evaluate_split(Path(data_dir), split, limit)
