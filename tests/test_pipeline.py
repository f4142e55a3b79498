"""The pipeline's own guarantees: stage order, and one broken article never stops a batch."""

from __future__ import annotations

import pytest

from ceasefire.pipeline import Context, process, stage
from ceasefire.records import Article


@stage("test-explode-on-marker")
def _explode(ctx: Context) -> None:
    if "EXPLODE" in ctx.text:
        raise RuntimeError("the test stage was told to fail")
    ctx.warnings.append("seen by the test stage")


def _articles() -> list[Article]:
    texts = ["Shelling hit the town on Monday.", "EXPLODE this one.", "Two people were wounded."]
    return [Article(id=f"p{i}", text=t, language="en") for i, t in enumerate(texts)]


def test_a_failing_article_is_reported_and_the_rest_go_on(nlp):
    failed: list[tuple[str, str]] = []
    docs = list(
        process(
            _articles(),
            stages=["test-explode-on-marker"],
            on_error=lambda a, e: failed.append((a.id, str(e))),
        )
    )
    assert [d.article.id for d in docs] == ["p0", "p2"]
    assert all(d.warnings == ["seen by the test stage"] for d in docs)
    assert failed == [("p1", "the test stage was told to fail")]


def test_without_a_handler_the_failure_is_a_warning(nlp):
    with pytest.warns(UserWarning, match="skipped article p1"):
        docs = list(process(_articles(), stages=["test-explode-on-marker"]))
    assert len(docs) == 2


def test_a_handler_that_reraises_stops_the_run(nlp):
    def reraise(article: Article, exc: Exception) -> None:
        raise exc

    with pytest.raises(RuntimeError, match="told to fail"):
        list(process(_articles(), stages=["test-explode-on-marker"], on_error=reraise))
