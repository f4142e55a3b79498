"""JSON (one object or an array of objects) and JSON Lines of articles.

Fields: ``text`` (required), ``id``, ``url``, ``title``, ``published`` (or ``date``),
``outlet``, ``author``, ``language``; others are ignored.  The text is kept unchanged,
so character offsets computed by other tools on the same file stay valid.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ceasefire.ingest.base import Problem, make_article, where
from ceasefire.records import Article


def _article(obj: object, path: str, record: str) -> Article | Problem:
    if not isinstance(obj, dict):
        return Problem(
            path, f"expected a JSON object, found {type(obj).__name__}", kind="malformed", record=record
        )
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        reason = "no 'text' field" if text is None else "the 'text' field is empty or not a string"
        return Problem(path, reason, kind="no text", record=record)
    published = obj.get("published")
    if published is None:
        published = obj.get("date")
    return make_article(
        text=text,
        source=where(path, record),
        url=obj.get("url"),
        title=obj.get("title"),
        published=published,
        outlet=obj.get("outlet"),
        author=obj.get("author"),
        given_id=obj.get("id"),
        language=obj.get("language"),
    )


def read_json(text: str, path: str) -> Iterator[Article | Problem]:
    """Articles from a JSON document: one object, or an array of objects."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(path, f"not valid JSON ({exc.msg}, line {exc.lineno})", kind="malformed")
        return
    if isinstance(data, dict):
        yield _article(data, path, "")  # a single article: no record inside the file
    elif isinstance(data, list):
        if not data:
            yield Problem(path, "an empty JSON array", kind="empty")
        for n, obj in enumerate(data):
            yield _article(obj, path, f"item {n}")
    else:
        yield Problem(path, f"expected a JSON object or array, found {type(data).__name__}", kind="malformed")


def read_jsonl(text: str, path: str) -> Iterator[Article | Problem]:
    """Articles from JSON Lines: one object per line; blank lines are skipped."""
    for line_no, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(path, f"not valid JSON ({exc.msg})", kind="malformed", record=f"line {line_no}")
            continue
        yield _article(obj, path, f"line {line_no}")


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line is a complete JSON object and more lines follow."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    try:
        json.loads(lines[0])
    except json.JSONDecodeError:
        return False
    return True
