"""Shared pieces of the readers: the Problem record, ids, and building an Article from raw fields."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from urllib.parse import urlsplit

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


def where(path: str, record: str | None) -> str:
    """The ``source_path`` of an article: the file, and the record inside it when there is one."""
    return f"{path}#{record}" if record else path


def clean(value: object) -> str | None:
    """A stripped string, or None for missing, blank or non-string values (unknown is null)."""
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def outlet_of(url: str | None) -> str | None:
    """The outlet of a URL: its host name, lower case, without ``www.``."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


_ISO_DAY = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T ]\d)")


@cache
def _date_parser():
    # dateparser is slow to import; load it once, and only when a date needs parsing.
    import dateparser

    return dateparser


def iso_date(value: object) -> str | None:
    """A publication date as ``YYYY-MM-DD``, or None when it is missing or not a full calendar date.

    Accepts ISO strings and timestamps, ``datetime``/``date`` objects, and written dates
    ("March 29, 2022", "29 Mar 2022 10:31 GMT").  Relative expressions ("2 days ago") are
    refused rather than resolved against today's clock, so a re-run gives the same answer.
    """
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = clean(value)
    if text is None or len(text) > 80:
        return None
    match = _ISO_DAY.match(text)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d", text):
        return None
    parsed = _date_parser().parse(
        text,
        settings={
            "PARSERS": ["custom-formats", "absolute-time"],
            "REQUIRE_PARTS": ["day", "month", "year"],
            "RETURN_AS_TIMEZONE_AWARE": False,
            "DATE_ORDER": "DMY" if re.match(r"^\d{1,2}[./]\d{1,2}[./]\d{4}", text) else "MDY",
        },
    )
    return parsed.date().isoformat() if parsed else None


def make_article(
    *,
    text: str,
    source: str,
    url: object = None,
    title: object = None,
    published: object = None,
    outlet: object = None,
    author: object = None,
    given_id: object = None,
    language: object = None,
) -> Article:
    """An Article from raw reader fields: blanks become None, the date becomes ISO, the outlet
    falls back to the URL's domain, and the language is detected when not given."""
    from ceasefire.ingest.language import detect_language

    url_s = clean(url)
    ident = clean(given_id) or article_id(url_s, text)
    return Article(
        id=ident,
        url=url_s,
        outlet=clean(outlet) or outlet_of(url_s),
        title=clean(title),
        published=iso_date(published),
        language=clean(language) or detect_language(text),
        text=text,
        author=clean(author),
        source_path=source,
    )
