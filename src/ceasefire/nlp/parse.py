"""Run spaCy over many articles at once and keep sentence offsets."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from ceasefire.nlp.model import load_model
from ceasefire.records import Article, Sentence

BATCH_SIZE = 32


def sentences_of(doc: Doc) -> list[Sentence]:
    """Sentences of a parsed text as character offsets (trailing spaces trimmed)."""
    out = []
    for sent in doc.sents:
        start = sent.start_char
        end = sent.end_char
        text = doc.text
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            out.append(Sentence(start=start, end=end))
    return out


def parse(articles: Iterable[Article], model: str | None = None) -> Iterator[tuple[Article, Doc]]:
    """Yield each article with its spaCy ``Doc``, batching through ``nlp.pipe``."""
    nlp = load_model(model)
    pairs = ((a.text, a) for a in articles)
    yield from ((article, doc) for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE))
