"""``ceasefire eval zyte``: article-body extraction from HTML on the Zyte benchmark.

Scores :func:`ceasefire.ingest.html.read_html` (the reader users get) against
``extraction/zyte``: ``html/<id>.html.gz`` pages and ``ground-truth.json``
(``{id: {"articleBody": ..., "url": ...}}``).  The metric is the benchmark's
string-shingle matching, written here from its description: both texts are cut
into word tokens, every run of 4 consecutive tokens is a shingle, and the
shingle multisets are compared per page; the per-page figures are averaged.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

from ceasefire.eval import Metrics, evaluator

SHINGLE = 4
NEAR_EXACT = 0.9  # a page counts towards "accuracy" when its F1 reaches this
_WORD = re.compile(r"\w+")


def shingles(text: str | None, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The multiset of n-token shingles of ``text``; a text shorter than n tokens is one shingle."""
    tokens = _WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def shingle_scores(predicted: str | None, truth: str | None) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``predicted`` against ``truth`` by shingle overlap.

    An empty prediction scores 0 unless the truth is empty too (then 1: nothing to find).
    """
    pred, true = shingles(predicted), shingles(truth)
    if not true:
        score = 1.0 if not pred else 0.0
        return score, score, score
    if not pred:
        return 0.0, 0.0, 0.0
    common = sum((pred & true).values())
    precision = common / sum(pred.values())
    recall = common / sum(true.values())
    f1 = 2 * precision * recall / (precision + recall) if common else 0.0
    return precision, recall, f1


@evaluator("zyte", "extraction/zyte", "Article body from HTML pages (Zyte benchmark): shingle P/R/F1.")
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    from ceasefire.ingest.decode import NotText, decode
    from ceasefire.ingest.html import read_html

    truth_file = data_dir / "ground-truth.json"
    if not truth_file.is_file():
        raise FileNotFoundError(f"{truth_file} is missing: not a Zyte benchmark folder")
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ids = sorted(truth)
    if limit is not None:
        ids = ids[:limit]
    rows: list[tuple[float, float, float]] = []
    failed = 0
    for page_id in ids:
        page_file = data_dir / "html" / f"{page_id}.html.gz"
        expected = truth[page_id].get("articleBody") or ""
        try:
            html = decode(gzip.decompress(page_file.read_bytes()))
            text = read_html(html, url=truth[page_id].get("url")).text
        except (OSError, NotText):
            text = None
            failed += 1
        rows.append(shingle_scores(text, expected))
    n = len(rows)
    if n == 0:
        return {"n": 0, "f1": None, "precision": None, "recall": None, "accuracy": None}
    return {
        "n": n,
        "f1": round(sum(r[2] for r in rows) / n, 4),
        "precision": round(sum(r[0] for r in rows) / n, 4),
        "recall": round(sum(r[1] for r in rows) / n, 4),
        "accuracy": round(sum(r[2] >= NEAR_EXACT for r in rows) / n, 4),
        "unreadable": failed,
    }
