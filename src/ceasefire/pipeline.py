"""The document pipeline: ingest → nlp → resolve → extract → (link/store elsewhere).

Each per-document stage is a plain function ``stage(ctx) -> None`` that reads
what earlier stages put into the :class:`Context` and adds its own records.
Stages are registered by name with :func:`stage`, and the order they run in
is configuration (``DEFAULT_STAGES``, or ``--stages`` on the command line),
so a user can switch a stage off or plug in their own.
"""

from __future__ import annotations

import bisect
import importlib
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from ceasefire.records import Actor, Article, Claim, Document, Event, Evidence, Place, Sentence

StageFn = Callable[["Context"], None]
_REGISTRY: dict[str, StageFn] = {}

# name -> module that registers it (imported lazily, so an unused stage costs nothing)
_STAGE_MODULES = {
    "actors": "ceasefire.resolve.actors",
    "places": "ceasefire.resolve.places",
    "events": "ceasefire.extract.events",
    "claims": "ceasefire.extract.claims",
}
DEFAULT_STAGES: tuple[str, ...] = ("actors", "places", "events", "claims")


def stage(name: str) -> Callable[[StageFn], StageFn]:
    """Register ``fn`` as the pipeline stage called ``name``."""

    def register(fn: StageFn) -> StageFn:
        _REGISTRY[name] = fn
        return fn

    return register


def get_stage(name: str) -> StageFn:
    if name not in _REGISTRY and name in _STAGE_MODULES:
        importlib.import_module(_STAGE_MODULES[name])
    if name not in _REGISTRY:
        known = ", ".join(sorted(set(_REGISTRY) | set(_STAGE_MODULES)))
        raise KeyError(f"unknown stage {name!r} (known: {known})")
    return _REGISTRY[name]


def available_stages() -> list[str]:
    """Names of the stages whose modules exist in this installation."""
    names = []
    for name, module in _STAGE_MODULES.items():
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        names.append(name)
    return names


@dataclass
class Context:
    """Everything known about one article while it moves through the stages."""

    article: Article
    doc: Doc
    sentences: list[Sentence]
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._starts = [s.start for s in self.sentences]

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_index(self, char: int) -> int:
        """Index of the sentence that contains character ``char``."""
        return max(0, bisect.bisect_right(self._starts, char) - 1)

    def evidence(self, start: int, end: int, whole_sentence: bool = True) -> Evidence:
        """Evidence for the span ``start:end``: by default its whole sentence."""
        idx = self.sentence_index(start)
        if whole_sentence and self.sentences:
            sent = self.sentences[idx]
            start, end = min(start, sent.start), max(end, sent.end)
        return Evidence(sentence=idx, start=start, end=end, text=self.text[start:end])

    def actor_at(self, start: int, end: int) -> Actor | None:
        """The actor with a mention overlapping ``start:end`` (the tightest one), if any."""
        return _tightest(self.actors, start, end)

    def place_at(self, start: int, end: int) -> Place | None:
        """The place with a mention overlapping ``start:end`` (the tightest one), if any."""
        return _tightest(self.places, start, end)

    def to_document(self) -> Document:
        return Document(
            article=self.article,
            sentences=self.sentences,
            actors=self.actors,
            places=self.places,
            events=self.events,
            claims=self.claims,
            warnings=self.warnings,
        )


def run_stages(ctx: Context, stages: Iterable[str]) -> Context:
    for name in stages:
        get_stage(name)(ctx)
    return ctx


ErrorHandler = Callable[[Article, Exception], None]


def _warn_failure(article: Article, exc: Exception) -> None:
    warnings.warn(f"skipped article {article.id}: {failure_reason(exc)}", stacklevel=3)


def failure_reason(exc: Exception) -> str:
    """A one-line reason for a stage that raised on one article."""
    return f"the pipeline failed on it ({type(exc).__name__}: {exc})"


def process(
    articles: Iterable[Article],
    stages: Iterable[str] | None = None,
    model: str | None = None,
    on_error: ErrorHandler | None = None,
) -> Iterator[Document]:
    """Turn articles into documents; non-English articles pass through unextracted.

    An article on which a stage raises is skipped: ``on_error(article, exc)`` is
    called (by default a warning), and the batch goes on.  A handler that
    re-raises stops the run instead.
    """
    from ceasefire.nlp import parse, sentences_of

    names = list(stages) if stages is not None else available_stages()
    handle = on_error or _warn_failure
    pending: list[Article] = []

    def flush() -> Iterator[Document]:
        for article, doc in parse(pending, model=model):
            try:
                ctx = Context(article=article, doc=doc, sentences=sentences_of(doc))
                document = run_stages(ctx, names).to_document()
            except Exception as exc:  # noqa: BLE001 - one broken article must not stop a batch
                handle(article, exc)
                continue
            yield document
        pending.clear()

    for article in articles:
        if article.language not in (None, "en"):
            warning = f"article {article.id} is in {article.language!r}, not English: stored, not extracted"
            yield Document(article=article, warnings=[warning])
            continue
        pending.append(article)
        if len(pending) >= 64:
            yield from flush()
    if pending:
        yield from flush()


def _tightest(records, start: int, end: int):
    """Among records with ``spans``, the one whose overlapping mention is shortest."""
    best, best_len = None, None
    for rec in records:
        for s, e in rec.spans:
            if s < end and start < e and (best_len is None or e - s < best_len):
                best, best_len = rec, e - s
    return best
