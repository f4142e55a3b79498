"""Wire copies and syndicated reprints: near-duplicate texts are one story, not independent sources.

Two articles are copies of one story when their word shingles overlap
(Jaccard ≥ ``copy_similarity``), or overlap less (≥ ``credited_copy_similarity``)
while both credit the same wire agency ("(AFP)", "Reuters", "Associated Press").
Every article of a group points at its *root*: the earliest one (by
publication date, then id).  Candidates are found through an inverted index
of shingles, so an article is compared only with those that share text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ceasefire.link.knowledge import settings, wire_agencies
from ceasefire.records import Article

_WORD = re.compile(r"\w+")


def shingles(text: str, size: int | None = None) -> frozenset[str]:
    """Word ``size``-grams of ``text``, lower-cased (the whole text when it is shorter)."""
    k = size or settings().shingle_size
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < k:
        return frozenset([" ".join(words)]) if words else frozenset()
    return frozenset(" ".join(words[i : i + k]) for i in range(len(words) - k + 1))


def credits(article: Article) -> frozenset[str]:
    """Wire agencies that the article's text or outlet credits."""
    found = set()
    haystack = f"{article.outlet or ''}\n{article.text}"
    for agency, pattern in wire_agencies():
        if pattern.search(haystack):
            found.add(agency)
    return frozenset(found)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    inter = len(a & b)
    return inter / (len(a) + len(b) - inter)


@dataclass
class CopyIndex:
    """Incremental near-duplicate finder: ``add`` an article, get the root of its story."""

    roots: dict[str, str] = field(default_factory=dict)
    _shingles: dict[str, frozenset[str]] = field(default_factory=dict)
    _credits: dict[str, frozenset[str]] = field(default_factory=dict)
    _index: dict[str, list[str]] = field(default_factory=dict)

    def add(self, article: Article) -> str:
        """Register ``article`` (articles must come oldest first) and return its root article id."""
        if article.id in self.roots:
            return self.roots[article.id]
        cfg = settings()
        sh = shingles(article.text)
        cr = credits(article)
        overlap: Counter[str] = Counter()
        for s in sh:
            for other in self._index.get(s, ()):
                overlap[other] += 1
        root = article.id
        best = 0.0
        for other, shared in sorted(overlap.items()):
            osh = self._shingles[other]
            sim = shared / (len(sh) + len(osh) - shared) if sh else 0.0
            needed = cfg.credited_copy_similarity if cr & self._credits[other] else cfg.copy_similarity
            if sim >= needed and sim > best:
                best, root = sim, self.roots[other]
        self.roots[article.id] = root
        self._shingles[article.id] = sh
        self._credits[article.id] = cr
        for s in sh:
            self._index.setdefault(s, []).append(article.id)
        return root

    def root(self, article_id: str) -> str:
        return self.roots.get(article_id, article_id)
