"""HTML pages → article fields, through trafilatura.

:func:`read_html` is the one HTML extractor of ceasefire: the ingest stage, the WARC
reader and ``ceasefire eval zyte`` all call it, so the evaluation measures what users get.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from ceasefire.ingest.base import Problem, make_article, where
from ceasefire.records import Article

# Tuned on the Zyte article-extraction benchmark (``ceasefire eval zyte``): leaving out
# comments and favouring precision gives the best page-averaged F1 of the settings tried.
TRAFILATURA_OPTIONS = {
    "include_comments": False,
    "favor_precision": True,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "deduplicate": False,  # trafilatura's dedup cache is process-wide state: results would depend on order
}
_DATE_OPTIONS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlPage:
    """What an HTML page yields: the body text and whatever metadata the page states."""

    text: str | None
    title: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    site: str | None = None


@cache
def _trafilatura():
    """trafilatura, its per-page "discarding data" warnings silenced unless the user set a level:
    ingest reports pages without text as Problems already."""
    import trafilatura

    logger = logging.getLogger("trafilatura")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.ERROR)
    return trafilatura


def read_html(html: str | bytes, url: str | None = None) -> HtmlPage:
    """Extract the main text and metadata of one HTML page (``text`` is None when it has none)."""
    trafilatura = _trafilatura()

    if isinstance(html, bytes):
        from ceasefire.ingest.decode import decode

        html = decode(html)
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        date_extraction_params={**_DATE_OPTIONS, "url": url} if url else dict(_DATE_OPTIONS),
        **TRAFILATURA_OPTIONS,
    )
    if doc is None:
        return HtmlPage(text=None, url=url)
    text = _without_headline((doc.text or "").strip(), doc.title) or None
    page_url = doc.url if doc.url and doc.url.startswith(("http://", "https://")) else None
    return HtmlPage(
        text=text,
        title=doc.title or None,
        published=doc.date or None,
        author=doc.author or None,
        url=url or page_url,
        site=doc.sitename or None,
    )


def _without_headline(text: str, title: str | None) -> str:
    """The body without a first line that only repeats the page title (trafilatura keeps the h1)."""
    first, _, rest = text.partition("\n")
    if title and rest.strip() and " ".join(first.split()).lower() == " ".join(title.split()).lower():
        return rest.strip()
    return text


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body")) or bool(
        re.search(r"<(html|head|body|article|div|p)\b[^>]*>", head)
    )


def read(
    text: str, path: str, record: str | None = None, url: str | None = None
) -> Iterator[Article | Problem]:
    """One article from an HTML document (a file or a WARC record)."""
    if not looks_like_html(text):
        yield Problem(path, "no HTML markup found", kind="not html", record=record)
        return
    try:
        page = read_html(text, url=url)
    except Exception as exc:  # a broken page must not stop the batch
        yield Problem(
            path, f"HTML could not be parsed ({type(exc).__name__})", kind="malformed", record=record
        )
        return
    if page.text is None:
        yield Problem(path, "no article text found in the page", kind="no text", record=record)
        return
    yield make_article(
        text=page.text,
        source=where(path, record),
        url=page.url,
        title=page.title,
        published=page.published,
        author=page.author,
    )
