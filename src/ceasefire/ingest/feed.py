"""RSS and Atom feeds through feedparser: each entry is an article."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ceasefire.ingest.base import Problem, clean, make_article, outlet_of, where
from ceasefire.records import Article

_BLOCK_TAGS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "tr", "table", "section", "article", "figure", "pre", "hr",
}  # fmt: skip
_DROP_TAGS = {"script", "style", "noscript", "figcaption", "iframe", "object", "svg"}


def html_fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), one paragraph per block element."""
    if "<" not in fragment:
        return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", fragment) if p.strip())
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml refuses some fragments (e.g. only a comment): treat as text
        return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag.lower() in _DROP_TAGS:
            if el.tail:
                parts.append(el.tail)
            return
        block = tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n\n")
        if el.text and tag:
            parts.append(el.text)
        for child in el:
            walk(child)
        if block:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    joined = "".join(parts)
    return "\n\n".join(" ".join(p.split()) for p in re.split(r"\n\s*\n", joined) if p.strip())


def looks_like_feed(text: str) -> bool:
    """True for an RSS, Atom or RDF document (its root element, after any XML declaration)."""
    head = text[:2048].lstrip().lower()
    if head.startswith("<?xml"):
        return bool(re.search(r"<(rss|feed|rdf:rdf)\b", head))
    return bool(re.match(r"<(rss|feed|rdf:rdf)\b", head))


def _entry_date(entry) -> object:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    return entry.get("published") or entry.get("updated")


def read(text: str, path: str) -> Iterator[Article | Problem]:
    """One article per feed entry: its full content where it has one, else its summary."""
    import feedparser

    parsed = feedparser.parse(text)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = f"not a readable feed ({type(parsed.get('bozo_exception')).__name__})"
            yield Problem(path, reason, kind="malformed")
        else:
            yield Problem(path, "a feed with no entries", kind="empty")
        return
    feed_link = parsed.feed.get("link")
    for n, entry in enumerate(parsed.entries):
        record = f"entry {n}"
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        raw = max(contents, key=len) if contents else entry.get("summary") or entry.get("description") or ""
        body = html_fragment_text(raw)
        if not body:
            yield Problem(path, "the feed entry has no content or summary", kind="no text", record=record)
            continue
        url = clean(entry.get("link"))
        yield make_article(
            text=body,
            source=where(path, record),
            url=url,
            title=html_fragment_text(entry.get("title", "")),
            published=_entry_date(entry),
            outlet=None if url else outlet_of(feed_link),
            author=(entry.get("author_detail") or {}).get("name") or entry.get("author"),
        )
