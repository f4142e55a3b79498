"""Ingesting: articles the store does not hold yet → pipeline → documents, one transaction per batch.

Duplicates are dropped *before* the pipeline runs, so re-running an ingest
over the same files parses nothing again.  Documents are committed every
``batch_size`` documents: stopping an ingest between batches (Ctrl-C, a
crash, a kill) loses at most the batch in flight, and running it again
completes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from ceasefire import __version__
from ceasefire.records import Article, Document
from ceasefire.store.store import Store, document_problems, text_hash

DEFAULT_BATCH = 64


@dataclass
class IngestResult:
    """What one ingest did; ``refused`` lists ``(article id, reason)`` of documents the store refused."""

    stored: int = 0
    present: int = 0  # already in the database, or repeated within this run
    refused: list[tuple[str, str]] = field(default_factory=list)

    @property
    def handled(self) -> int:
        return self.stored + self.present + len(self.refused)

    def summary(self) -> str:
        line = f"{self.stored} stored, {self.present} already present"
        if self.refused:
            line += f", {len(self.refused)} refused"
        return line


@dataclass
class _Seen:
    """Ids, URLs and text hashes of the articles sent to the pipeline in this run."""

    ids: set[str] = field(default_factory=set)
    urls: set[str] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)

    def check_and_add(self, article: Article) -> bool:
        """True when ``article`` repeats one seen before; else remember it."""
        h = text_hash(article.text)
        if (
            article.id in self.ids
            or h in self.hashes
            or (article.url is not None and article.url in self.urls)
        ):
            return True
        self.ids.add(article.id)
        self.hashes.add(h)
        if article.url is not None:
            self.urls.add(article.url)
        return False


def pipeline_name(stages: Sequence[str] | None) -> str:
    """How a stored document was made, kept in ``documents.pipeline``."""
    from ceasefire.pipeline import available_stages

    names = list(stages) if stages is not None else available_stages()
    return f"ceasefire {__version__} ({','.join(names) or 'no stages'})"


def new_articles(
    store: Store, articles: Iterable[Article], result: IngestResult, advance: Callable[[int], None]
) -> Iterator[Article]:
    """The articles that neither ``store`` nor this run has seen; the others count as present."""
    seen = _Seen()
    for article in articles:
        if seen.check_and_add(article) or store.stored_id(article) is not None:
            result.present += 1
            advance(1)
            continue
        yield article


def ingest_articles(
    store: Store,
    articles: Iterable[Article],
    *,
    model: str | None = None,
    stages: Sequence[str] | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    result: IngestResult | None = None,
) -> IngestResult:
    """Run the pipeline over the articles ``store`` lacks and store their documents.

    ``progress(n)`` is called as articles are dealt with.  Pass your own
    ``result`` to keep the counts of a run that stops with an exception.
    """
    from ceasefire.pipeline import failure_reason, process

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    result = result if result is not None else IngestResult()
    advance = progress or (lambda n: None)
    pipeline = pipeline_name(stages)
    batch: list[Document] = []

    def commit() -> None:
        added, skipped = store.add_documents(batch, pipeline=pipeline)
        result.stored += added
        result.present += skipped
        advance(len(batch))
        batch.clear()

    def refuse(article: Article, exc: Exception) -> None:
        result.refused.append((article.id, failure_reason(exc)))
        advance(1)

    new = new_articles(store, articles, result, advance)
    for doc in process(new, stages=stages, model=model, on_error=refuse):
        problems = document_problems(doc)
        if problems:
            result.refused.append((doc.article.id, "; ".join(problems)))
            advance(1)
            continue
        batch.append(doc)
        if len(batch) >= batch_size:
            commit()
    if batch:
        commit()
    return result
