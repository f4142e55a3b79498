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

    if not _starts_like_warc(stream):
        yield Problem(path, "not a WARC archive (no WARC record at the start)", kind="malformed")
        return
    records = ArchiveIterator(stream)
    offset = end = 0
    seen = 0
    started = False  # a failure before the first record means a damaged header
    while True:
        try:
            record = next(records)
            started = True
            offset = getattr(records, "offset", offset)  # where this record starts
            rec_type = record.rec_type
            uri = record.rec_headers.get_header("WARC-Target-URI")
            media, charset = _content_type(record)
            # read the payload before asking for the offset: warcio finds the offset by reading to the end
            payload = record.content_stream().read()
            # a record cut short by the end of the file reads without error, but leaves part of
            # its declared Content-Length unread
            cut = getattr(record.raw_stream, "limit", 0) > 0
            if not cut:
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
            where = f"offset {offset}" + (f", {uri}" if uri else "")
            if cut:
                raise EOFError(f"the record for {uri or rec_type} ends early")
            if rec_type in _SKIPPED_TYPES:
                continue
            seen += 1
        except StopIteration:
            break
        except Exception as exc:  # warcio raises many kinds of errors on damaged input
            if not started:
                reason = f"the first WARC record is incomplete or corrupt ({type(exc).__name__}: {exc})"
                yield Problem(path, " ".join(reason.split())[:300], kind="truncated", record="offset 0")
                return
            reason = (
                f"the archive is truncated or corrupt at offset {offset}: {exc}; records before it were read"
            )
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
    left = _unread_bytes(stream, end)
    if left:
        # warcio stops quietly when the last record's gzip member or headers are cut off
        reason = f"the archive is truncated at offset {end}: {left} bytes after the last complete record could not be read"
        yield Problem(path, reason, kind="truncated", record=f"offset {end}")
    elif seen == 0:
        yield Problem(path, "the archive holds no response records", kind="empty")


def _starts_like_warc(stream: BinaryIO) -> bool:
    """True when the stream (gzipped or not) begins with a WARC or ARC header; rewinds it."""
    try:
        start = stream.tell()
        head = stream.read(512)
        stream.seek(start)
    except (OSError, ValueError):
        return True  # cannot peek: let warcio decide
    if head[:2] == b"\x1f\x8b":
        try:
            head = zlib.decompressobj(31).decompress(head)
        except zlib.error:
            return False
    return head.lstrip().startswith((b"WARC/", b"filedesc://"))


def _unread_bytes(stream: BinaryIO, end: int) -> int:
    """How many non-blank bytes follow offset ``end`` (0 when the stream cannot seek)."""
    try:
        stream.seek(end)
        rest = stream.read()
    except (OSError, ValueError):
        return 0
    return len(rest.strip())
