"""Parallel ingest on a ``dask.distributed`` cluster.

The main process reads the articles, drops those already stored (exactly as
the serial path does), cuts the rest into batches of ``batch_size`` and
submits each batch as one task.  A worker runs :func:`ceasefire.pipeline.process`
over its batch and sends the documents back; the main process stores each
batch in one transaction, in the order the batches were read, so the database
ends up as the serial path leaves it.  Only a few batches are in flight at a
time, so memory stays flat however long the input is.

Each worker loads the spaCy model once, when it joins (:class:`PipelineWorker`);
an article that makes a stage raise is reported and skipped, the rest of its
batch is stored.
"""

from __future__ import annotations

import importlib
import itertools
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import dask.config
from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, as_completed

from ceasefire.records import Article, Document
from ceasefire.scale import ClusterError
from ceasefire.store.ingest import DEFAULT_BATCH, IngestResult, new_articles, pipeline_name
from ceasefire.store.store import Store, document_problems

PLUGIN_NAME = "ceasefire-pipeline"
ENV_PREFIX = "CEASEFIRE_"
WORKER_WAIT_S = 60  # how long to wait for a first worker at an existing scheduler


@dataclass(frozen=True)
class ArticleFailure:
    """An article the pipeline could not process, and why."""

    article_id: str
    reason: str


def process_batch(
    articles: list[Article], stages: list[str], model: str | None
) -> list[Document | ArticleFailure]:
    """The documents of ``articles`` (one batch, run in a worker), in order.

    When the batch fails, each article is run on its own so that only the
    ones that fail are lost; they come back as :class:`ArticleFailure`.
    """
    from ceasefire.pipeline import failure_reason, process

    out: list[Document | ArticleFailure] = []

    def refuse(article: Article, exc: Exception) -> None:  # a stage raised: process() goes on
        out.append(ArticleFailure(article.id, failure_reason(exc)))

    try:
        for doc in process(articles, stages=stages, model=model, on_error=refuse):
            out.append(doc)
        return out
    except Exception:  # noqa: BLE001 - a failure outside the stages (the parse): retry one by one
        out.clear()
    for article in articles:
        try:
            for doc in process([article], stages=stages, model=model, on_error=refuse):
                out.append(doc)
        except Exception as exc:  # noqa: BLE001 - reported to the main process, counted there
            out.append(ArticleFailure(article.id, failure_reason(exc)))
    return out


class PipelineWorker(WorkerPlugin):
    """Prepares a worker once: the caller's ``CEASEFIRE_*`` settings, extra stage modules, the model.

    ``imports`` names modules that register extra stages with ``@stage``; they
    must be importable on the workers.
    """

    idempotent = False

    def __init__(
        self,
        stages: Sequence[str],
        model: str | None = None,
        imports: Sequence[str] = (),
        env: dict[str, str] | None = None,
        ignore_interrupt: bool = False,
    ) -> None:
        self.ignore_interrupt = ignore_interrupt
        self.stages = list(stages)
        self.model = model
        self.imports = list(imports)
        self.env = dict(env or {})

    def setup(self, worker: Any) -> None:
        from ceasefire.nlp import load_model
        from ceasefire.pipeline import get_stage

        if self.ignore_interrupt and threading.current_thread() is threading.main_thread():
            # Ctrl-C reaches every process of the terminal's group: the main process shuts the
            # local workers down itself, so they need not die (and print tracebacks) on their own
            signal.signal(signal.SIGINT, signal.SIG_IGN)
        os.environ.update(self.env)
        for module in self.imports:
            importlib.import_module(module)
        for name in self.stages:
            get_stage(name)
        load_model(self.model)  # cached for the life of the worker process


def ceasefire_env() -> dict[str, str]:
    """This process's ``CEASEFIRE_*`` settings (user lexicons, gazetteer, model), for the workers."""
    return {k: v for k, v in os.environ.items() if k.startswith(ENV_PREFIX)}


@contextmanager
def connect(workers: int, scheduler: str | None = None) -> Iterator[Client]:
    """A client of a new quiet local cluster of ``workers`` processes, or of ``scheduler``."""
    if scheduler is not None:
        try:
            client = Client(scheduler, set_as_default=False, timeout=WORKER_WAIT_S)
        except OSError as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        try:
            client.wait_for_workers(1, timeout=WORKER_WAIT_S)
        except TimeoutError:
            client.close()
            raise ClusterError(
                f"the scheduler at {scheduler} has no workers (waited {WORKER_WAIT_S} s)"
            ) from None
        try:
            yield client
        finally:
            client.close()
        return
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    # the nannies hand this configuration to the workers they start; the statistical
    # profiler (a stack sample every 10 ms) costs the pipeline about 7% and feeds no dashboard here
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.CRITICAL,  # a worker's heartbeat can race the shutdown: no alarm
        )
    try:
        client = Client(cluster, set_as_default=False)
        try:
            yield client
        finally:
            client.close()
    finally:
        cluster.close()


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _outcome(
    client: Client, future: Future, batch: list[Article], stages: list[str], model: str | None
) -> list[Document | ArticleFailure]:
    """A finished batch's results.

    When the batch kept killing its workers (a crash in native code, memory
    exhausted), its articles are run again one at a time, so that only the
    culprit is lost.
    """
    try:
        return future.result()
    except KilledWorker:
        if len(batch) == 1:
            reason = "a worker process died on this article (out of memory or a crash)"
            return [ArticleFailure(batch[0].id, reason)]
    out: list[Document | ArticleFailure] = []
    for article in batch:
        single = client.submit(process_batch, [article], stages, model, pure=False)
        out.extend(_outcome(client, single, [article], stages, model))
    return out


def ingest_parallel(
    store: Store,
    articles: Iterable[Article],
    *,
    workers: int = 2,
    scheduler: str | None = None,
    model: str | None = None,
    stages: Sequence[str] | None = None,
    batch_size: int = DEFAULT_BATCH,
    progress: Callable[[int], None] | None = None,
    result: IngestResult | None = None,
    imports: Sequence[str] = (),
) -> IngestResult:
    """Like :func:`ceasefire.store.ingest_articles`, with the pipeline on a Dask cluster.

    Starts a local cluster of ``workers`` single-threaded processes, or uses the
    one at ``scheduler`` (``workers`` is then ignored).  ``progress(n)`` is
    called as batches finish.  Articles that make the pipeline fail are listed
    in ``result.refused``.
    """
    from ceasefire.pipeline import available_stages

    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    if workers < 1:
        raise ValueError(f"workers must be at least 1, not {workers}")
    result = result if result is not None else IngestResult()
    advance = progress or (lambda n: None)
    stage_list = list(stages) if stages is not None else available_stages()
    pipeline = pipeline_name(stage_list)

    def commit(outcomes: list[Document | ArticleFailure]) -> None:
        docs: list[Document] = []
        for item in outcomes:
            if isinstance(item, ArticleFailure):
                result.refused.append((item.article_id, item.reason))
                continue
            problems = document_problems(item)
            if problems:
                result.refused.append((item.article.id, "; ".join(problems)))
                continue
            docs.append(item)
        if docs:
            added, skipped = store.add_documents(docs, pipeline=pipeline)
            result.stored += added
            result.present += skipped

    batches = _chunks(new_articles(store, articles, result, advance), batch_size)
    first = next(batches, None)
    if first is None:  # nothing new: no cluster to start
        return result
    batches = itertools.chain([first], batches)
    with connect(workers, scheduler) as client:
        client.register_plugin(
            PipelineWorker(
                stage_list,
                model=model,
                imports=imports,
                env=ceasefire_env(),
                ignore_interrupt=scheduler is None,
            ),
            name=PLUGIN_NAME,
        )
        window = 2 * max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
        meta: dict[str, tuple[int, list[Article]]] = {}  # task key -> (batch number, its articles)
        done: dict[int, list[Document | ArticleFailure]] = {}
        running = as_completed(loop=client.loop)
        submitted = committed = 0

        def submit_more() -> None:
            nonlocal submitted
            while submitted - committed < window:  # in flight, or finished and waiting for its turn
                batch = next(batches, None)
                if batch is None:
                    return
                future = client.submit(process_batch, batch, stage_list, model, pure=False)
                meta[future.key] = (submitted, batch)
                running.add(future)
                submitted += 1

        submit_more()
        for future in running:
            number, batch = meta.pop(future.key)
            done[number] = _outcome(client, future, batch, stage_list, model)
            advance(len(batch))
            while committed in done:  # store in reading order: the same database as the serial path
                commit(done.pop(committed))
                committed += 1
            submit_more()
        if scheduler is not None:  # workers joining a shared cluster later need not load the model
            client.unregister_worker_plugin(PLUGIN_NAME)
    return result
