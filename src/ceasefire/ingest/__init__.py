"""The ingest stage: news files of any common format → :class:`~ceasefire.records.Article`.

``read_paths(paths, input_format=None)`` yields an ``Article`` for every
article it can read and a :class:`Problem` for everything it cannot (an
empty file, random bytes, a truncated archive, a record with no text).  It
never raises for bad input: one broken file must not stop a batch.

Formats (one module each): ``markdown`` and ``text`` (scrapes), ``html``
(trafilatura), ``json`` and ``jsonl``, ``feed`` (RSS/Atom), ``warc``.  The
format comes from ``input_format``, else the file extension, else the content.
"""

from __future__ import annotations

import gzip
import io
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

from ceasefire.ingest import feed, jsonfile, markdown, warc
from ceasefire.ingest import html as html_reader
from ceasefire.ingest.base import Problem, article_id
from ceasefire.ingest.decode import NotText, decode, looks_binary
from ceasefire.records import Article

__all__ = [
    "FORMATS",
    "Problem",
    "article_id",
    "detect_format",
    "normalise_format",
    "read_bytes",
    "read_paths",
]

FORMATS = ("markdown", "text", "html", "json", "jsonl", "feed", "warc")

_EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".warc": "warc",
    ".arc": "warc",
}
_ALIASES = {"md": "markdown", "txt": "text", "htm": "html", "ndjson": "jsonl", "rss": "feed", "atom": "feed"}
_SKIPPED_NAMES = ("readme", "license", "licence", "changelog", "copying")
STDIN = "-"
STDIN_NAME = "<stdin>"  # how standard input is named in messages and source_path


def format_from_name(name: str) -> str | None:
    """The format a file name implies (``.warc.gz`` → warc, ``.html.gz`` → html), or None."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    return _EXTENSIONS.get(suffixes[-1]) if suffixes else None


def detect_format(data: bytes) -> str | None:
    """The format of decompressed ``data`` from its content, or None when it is not text."""
    head = data[:4096].lstrip()
    if head.startswith((b"WARC/", b"\xef\xbb\xbfWARC/")):
        return "warc"
    if looks_binary(head):
        return None
    text = head.decode("utf-8", "replace").lstrip("\ufeff \t\r\n")
    lower = text.lower()
    if feed.looks_like_feed(text):
        return "feed"
    if text.startswith("["):
        return "json"
    if text.startswith("{"):
        whole = data.decode("utf-8", "replace").strip()
        return "jsonl" if "\n" in whole and jsonfile.looks_like_jsonl(whole) else "json"
    if html_reader.looks_like_html(text) and lower.startswith("<"):
        return "html"
    if markdown.parse_scrape(text).structured:
        return "markdown"
    return "text"


_SIGNATURES = {
    b"%PDF": "a PDF document: convert it to text or HTML first",
    b"PK\x03\x04": "a ZIP archive (or an office document): unpack or convert it first",
    b"\x89PNG": "a PNG image, not an article",
    b"\xff\xd8\xff": "a JPEG image, not an article",
    b"GIF8": "a GIF image, not an article",
}


def _unsupported(data: bytes) -> str | None:
    """Why ``data`` is a known non-article format (PDF, ZIP, images, other XML), or None."""
    for magic, reason in _SIGNATURES.items():
        if data.startswith(magic):
            return reason
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").decode("utf-8", "replace")
    if head.startswith("<?xml") and not feed.looks_like_feed(head) and not html_reader.looks_like_html(head):
        return "an XML document that is neither a feed nor a web page"
    return None


def _gunzip(data: bytes, name: str) -> bytes | Problem:
    try:
        return gzip.decompress(data)
    except (EOFError, zlib.error, OSError) as exc:
        kind = "truncated" if isinstance(exc, EOFError) else "malformed"
        return Problem(
            name, f"the gzip data is {'truncated' if kind == 'truncated' else 'corrupt'} ({exc})", kind=kind
        )


def read_bytes(data: bytes, name: str, input_format: str | None = None) -> Iterator[Article | Problem]:
    """Articles from the content of one file (or stdin) called ``name`` in messages."""
    input_format = normalise_format(input_format)
    if not data.strip():
        yield Problem(name, "the file is empty", kind="empty")
        return
    fmt = input_format or (None if name in (STDIN, STDIN_NAME) else format_from_name(name))
    if fmt == "warc":
        # warcio reads WARC.gz itself, record by record, so a truncated archive keeps its first records
        yield from warc.read(io.BytesIO(data), name)
        return
    if data[:2] == b"\x1f\x8b":
        unpacked = _gunzip(data, name)
        if isinstance(unpacked, Problem):
            yield unpacked
            return
        if not unpacked.strip():
            yield Problem(name, "the compressed file is empty", kind="empty")
            return
        data = unpacked
    if fmt is None:
        unsupported = _unsupported(data)
        if unsupported:
            yield Problem(name, unsupported, kind="unsupported")
            return
        fmt = detect_format(data)
        if fmt is None:
            yield Problem(name, "binary data, not text", kind="not text")
            return
    if fmt == "warc":
        yield from warc.read(io.BytesIO(data), name)
        return
    try:
        text = decode(data)
    except NotText as exc:
        yield Problem(name, str(exc), kind="not text")
        return
    if not text.strip():
        yield Problem(name, "the file holds only whitespace", kind="empty")
        return
    if fmt in ("markdown", "text"):
        yield from markdown.read(text, name, markdown=fmt == "markdown")
    elif fmt == "html":
        yield from html_reader.read(text, name)
    elif fmt == "json":
        yield from jsonfile.read_json(text, name)
    elif fmt == "jsonl":
        yield from jsonfile.read_jsonl(text, name)
    elif fmt == "feed":
        yield from feed.read(text, name)
    else:
        raise ValueError(f"unknown input format {fmt!r}; known: {', '.join(FORMATS)}")


def _files(path: Path) -> Iterator[Path]:
    """Files under a folder, recursively, in sorted order; hidden entries and READMEs skipped."""
    for child in sorted(path.iterdir(), key=lambda p: p.name):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _files(child)
        elif child.is_file() and not child.name.lower().startswith(_SKIPPED_NAMES):
            yield child


def _read_file(path: Path, input_format: str | None) -> Iterator[Article | Problem]:
    name = str(path)
    fmt = input_format or format_from_name(name)
    try:
        if fmt == "warc" and not name.lower().endswith(".gz"):
            # stream plain WARC files: they can be large
            with path.open("rb") as stream:
                if not stream.read(1):
                    yield Problem(name, "the file is empty", kind="empty")
                    return
                stream.seek(0)
                yield from warc.read(stream, name)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Problem(name, f"cannot be read ({exc.strerror or exc})", kind="unreadable")
        return
    yield from read_bytes(data, name, input_format)


def _normalised(text: str) -> str:
    return " ".join(text.split()).lower()


def read_paths(paths: Iterable[str], input_format: str | None = None) -> Iterator[Article | Problem]:
    """Read every article under ``paths`` (files, folders, or ``-`` for stdin).

    ``input_format`` (one of :data:`FORMATS`) forces the format of every file; without
    it the extension decides, and the content where the extension says nothing.
    Within one call the same URL or the same text is yielded once; later copies come
    back as Problems of kind "duplicate".
    """
    fmt = normalise_format(input_format)
    if isinstance(paths, str):
        raise TypeError("read_paths takes a list of paths, not one string")
    return _deduplicated(_read_all(list(paths), fmt))


def normalise_format(name: str | None) -> str | None:
    """``name`` as one of :data:`FORMATS` (aliases such as md, txt, rss, ndjson accepted).

    Raises ValueError for an unknown name: a usage error, reported before anything is read.
    """
    if name is None:
        return None
    key = name.strip().lower().lstrip(".")
    fmt = _ALIASES.get(key, key)
    if fmt not in FORMATS:
        raise ValueError(f"unknown input format {name!r}; known: {', '.join(FORMATS)}")
    return fmt


def _deduplicated(items: Iterator[Article | Problem]) -> Iterator[Article | Problem]:
    seen_urls: dict[str, str] = {}
    seen_texts: dict[str, str] = {}
    for item in items:
        if isinstance(item, Article):
            source = item.source_path or "?"
            url_key = _url_key(item.url)
            text_key = _normalised(item.text)
            earlier_url = seen_urls.get(url_key) if url_key else None
            earlier = earlier_url or seen_texts.get(text_key)
            if earlier:
                path, _, record = source.partition("#")
                same = "URL" if earlier_url else "text"
                yield Problem(path, f"same {same} as {earlier}", kind="duplicate", record=record or None)
                continue
            if url_key:
                seen_urls[url_key] = source
            seen_texts[text_key] = source
        yield item


def _url_key(url: str | None) -> str | None:
    """A URL for duplicate detection: scheme, ``www.``, fragment and a trailing slash ignored."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return f"{host}{parts.path.rstrip('/')}" + (f"?{parts.query}" if parts.query else "")


def _read_all(paths: Iterable[str], input_format: str | None) -> Iterator[Article | Problem]:
    for raw in paths:
        if raw == STDIN:
            yield from read_bytes(sys.stdin.buffer.read(), STDIN_NAME, input_format)
            continue
        path = Path(raw)
        if path.is_dir():
            found = False
            for file in _files(path):
                found = True
                yield from _read_file(file, input_format)
            if not found:
                yield Problem(raw, "the folder holds no files", kind="empty")
        elif path.exists():
            yield from _read_file(path, input_format)
        else:
            yield Problem(raw, "no such file or folder", kind="missing")
