"""WARC and WARC.gz archives through warcio: each HTML response is an article."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from typing import BinaryIO

from ceasefire.ingest import html as html_reader
from ceasefire.ingest.base import Problem
from ceasefire.ingest.decode import NotText, decode
from ceasefire.records import Article

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_SKIPPED_TYPES = {"warcinfo", "request", "metadata", "revisit", "continuation"}


def _content_type(record) -> tuple[str, str | None]:
    """The media type and charset of a record's payload (HTTP header first, then the WARC header)."""
    value = None
    if record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type")
    if not value:
        value = record.rec_headers.get_header("Content-Type") or ""
    media, _, params = value.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, val = param.strip().partition("=")
        if key.lower() == "charset" and val:
            charset = val.strip("\"' ")
    return media.strip().lower(), charset


def read(stream: BinaryIO, path: str) -> Iterator[Article | Problem]:
    """Articles from the HTML responses of a WARC; other records are reported or skipped.

    A truncated or corrupt archive yields the records before the damage and then one
    Problem of kind "truncated" naming the offset where reading stopped.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    records = ArchiveIterator(stream)
    offset = 0
    seen = 0
    started = False
    while True:
        try:
            record = next(records)
            started = True
            rec_type = record.rec_type
            uri = record.rec_headers.get_header("WARC-Target-URI")
            media, charset = _content_type(record)
            # read the payload before asking for the offset: warcio finds the offset by reading to the end
            payload = record.content_stream().read() if rec_type not in _SKIPPED_TYPES else b""
            offset = records.get_record_offset()
            where = f"offset {offset}" + (f", {uri}" if uri else "")
            if rec_type in _SKIPPED_TYPES:
                continue
            seen += 1
        except StopIteration:
            break
        except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError) as exc:
            if not started:
                yield Problem(path, "not a WARC archive (no WARC record at the start)", kind="malformed")
                return
            reason = f"the archive is truncated or corrupt after offset {offset}; stopped reading ({exc})"
            yield Problem(path, " ".join(reason.split())[:300], kind="truncated", record=f"offset {offset}")
            return
        if rec_type not in ("response", "resource"):
            yield Problem(path, f"a {rec_type} record, not a page", kind="not html", record=where)
            continue
        if media not in _HTML_TYPES:
            yield Problem(
                path, f"not an HTML page ({media or 'no content type'})", kind="not html", record=where
            )
            continue
        if not payload.strip():
            yield Problem(path, "an empty response", kind="empty", record=where)
            continue
        try:
            text = decode(payload, charset)
        except NotText as exc:
            yield Problem(path, str(exc), kind="not text", record=where)
            continue
        yield from html_reader.read(text, path, record=f"offset {offset}", url=uri)
    if seen == 0:
        yield Problem(path, "the archive holds no response records", kind="empty")
