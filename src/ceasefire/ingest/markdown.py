"""Markdown and plain-text scrapes → article fields.

The common scrape shape is::

    # Title
    March 29, 2022
    Photo: Someone / TASS
    Body with [links](#) ...
    Original url: <https://www.example.com/...>

The title, date line, credit line and footer become fields or are dropped, and
Markdown markup is removed from the body (link text kept, targets dropped).
Plain text without that structure is taken whole as the body.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ceasefire.ingest.base import Problem, iso_date, make_article, where
from ceasefire.records import Article

_TITLE = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$")
_SETEXT = re.compile(r"^\s{0,3}=+\s*$")
_FOOTER = re.compile(
    r"^\s*(?:original\s+url|original\s+link|source\s+url|url\s+source|canonical\s+url|"
    r"originally\s+published\s+at|read\s+the\s+original(?:\s+article)?)\s*:?\s*<?(https?://[^\s>]+)>?\s*$",
    re.IGNORECASE,
)
# "Title: ...", "URL Source: ...", "Published Time: ...", "Markdown Content:" headers of some scrapers
_FIELD = re.compile(r"^\s*(title|url source|published time|markdown content)\s*:\s*(.*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^\s*(?:by|written by|author)\s*:?\s+([A-Z][^.!?]{1,80})$", re.IGNORECASE)
_DATE_PREFIX = re.compile(
    r"^\s*(?:published|updated|last\s+updated|posted|posted\s+on|date|dated|first\s+published)\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_REF_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^>\s]+>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_QUOTE = re.compile(r"^\s{0,3}>\s?")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_EMPHASIS = (
    re.compile(r"\*\*(\S(?:.*?\S)?)\*\*"),
    re.compile(r"(?<!\w)__(\S(?:.*?\S)?)__(?!\w)"),
    re.compile(r"(?<![\w*])\*(\S(?:.*?\S)?)\*(?![\w*])"),
    re.compile(r"(?<!\w)_(\S(?:.*?\S)?)_(?!\w)"),
    re.compile(r"`([^`]+)`"),
)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)


@cache
def _credit_cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Patterns for credit lines, built from ``data/ingest/credits.json``."""
    raw = (resources.files("ceasefire") / "data" / "ingest" / "credits.json").read_text(encoding="utf-8")
    table = json.loads(raw)
    cues = "|".join(re.escape(c) for c in sorted(table["cue_words"], key=len, reverse=True))
    agencies = "|".join(re.escape(a) for a in sorted(table["agencies"], key=len, reverse=True))
    lead = re.compile(rf"^(?:{cues})\s*:", re.IGNORECASE)
    tail = re.compile(rf"(?:/|\(|©|\bvia\b)\s*(?:{agencies})\s*\)?\.?$", re.IGNORECASE)
    slash = re.compile(rf"(?:/|©)\s*(?:{agencies})\.?$", re.IGNORECASE)
    return lead, tail, slash


def is_credit_line(line: str, header: bool = True) -> bool:
    """A photo-credit line ("Photo: ... / TASS", "Ilya Pitalev / RIA Novosti", "© Reuters").

    Inside the body (``header=False``) a line ending in "(AFP)" is a wire marker, not a credit,
    so only the "Photo:" and "/ Agency" shapes count there.
    """
    text = inline_text(line).strip()
    if not text or len(text) > 160 or len(text.split()) > 16:
        return False
    if text.startswith("©"):
        return True
    lead, tail, slash = _credit_cues()
    return bool(lead.match(text) or (tail if header else slash).search(text))


def date_of_line(line: str) -> str | None:
    """The ISO date when ``line`` is a date line ("March 29, 2022", "Updated: 29 Mar 2022 | 10:31")."""
    text = inline_text(line).strip()
    if not text or len(text) > 70 or not _YEAR.search(text):
        return None
    text = _DATE_PREFIX.sub("", text)
    for candidate in (text, re.split(r"\s[|·•—–]\s|\s-\s", text)[0]):
        found = iso_date(candidate.strip(" ,"))
        if found:
            return found
    return None


def inline_text(line: str) -> str:
    """Markdown inline markup removed: images dropped, link text kept, emphasis unwrapped."""
    line = _IMAGE.sub("", line)
    line = _AUTOLINK.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    for pattern in _EMPHASIS:
        line = pattern.sub(r"\1", line)
    return _ESCAPE.sub(r"\1", line)


def markdown_to_text(markdown: str) -> str:
    """Plain text of a Markdown body: paragraphs separated by a blank line, soft line breaks joined."""
    paragraphs: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for raw in _BR.sub("\n", markdown).split("\n"):
        if not raw.strip() or _RULE.match(raw) or _REF_DEF.match(raw):
            flush()
            continue
        line = _QUOTE.sub("", raw)
        heading = _HEADING.match(line)
        bullet = _BULLET.match(line)
        if heading:
            flush()
            line = heading[1]
        elif bullet:
            flush()
            line = line[bullet.end() :]
        text = " ".join(inline_text(line).split())
        if not text:
            continue
        current.append(text)
        if heading or bullet:
            flush()
    flush()
    return "\n\n".join(paragraphs)


@dataclass
class Scrape:
    """The fields found in a scrape."""

    body: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    author: str | None = None
    structured: bool = False
    credits: list[str] = field(default_factory=list)


def parse_scrape(text: str) -> Scrape:
    """Split a scrape into title, date, credit, body and footer URL (see the module docstring)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = Scrape(body="")
    # footer: the original URL, among the last few non-blank lines
    tail = [i for i, line in enumerate(lines) if line.strip()][-4:]
    for i in reversed(tail):
        match = _FOOTER.match(lines[i])
        if match:
            found.url = match[1]
            found.structured = True
            del lines[i]
            break
    i = 0
    # scraper headers ("Title: ...", "URL Source: ...", "Markdown Content:")
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        match = _FIELD.match(lines[i])
        if not match:
            break
        key, value = match[1].lower(), match[2].strip()
        if key == "title" and value:
            found.title = inline_text(value)
        elif key == "url source" and value.startswith("http"):
            found.url = found.url or value
        elif key == "published time" and value:
            found.published = iso_date(value)
        found.structured = True
        i += 1
    # the title line
    while i < len(lines) and not lines[i].strip():
        i += 1
    if i < len(lines):
        title = _TITLE.match(lines[i])
        if title:
            found.title, i, found.structured = inline_text(title[1]).strip(), i + 1, True
        elif i + 1 < len(lines) and _SETEXT.match(lines[i + 1]) and lines[i].strip():
            found.title, i, found.structured = inline_text(lines[i]).strip(), i + 2, True
    # the header zone: date, credit, byline and image lines before the first paragraph
    checked = 0
    while i < len(lines) and checked < 8:
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        checked += 1
        if not _IMAGE.sub("", line).strip():
            i += 1
            continue
        day = date_of_line(line)
        if day:
            found.published = found.published or day
            found.structured = True
            i += 1
            continue
        if is_credit_line(line):
            found.credits.append(line.strip())
            i += 1
            continue
        byline = _BYLINE.match(inline_text(line))
        if byline and len(line) < 90 and found.structured:
            found.author = found.author or byline[1].strip()
            i += 1
            continue
        break
    body_lines = []
    for line in lines[i:]:
        if line.strip() and found.structured and is_credit_line(line, header=False):
            found.credits.append(line.strip())
            continue
        body_lines.append(line)
    found.body = "\n".join(body_lines)
    return found


def read(
    text: str, path: str, record: str | None = None, markdown: bool = True
) -> Iterator[Article | Problem]:
    """One article from a Markdown (``markdown=True``) or plain-text document."""
    scrape = parse_scrape(text)
    body = markdown_to_text(scrape.body) if markdown or scrape.structured else text.strip()
    if not body:
        yield Problem(path, "no body text after the title and header lines", kind="no text", record=record)
        return
    yield make_article(
        text=body,
        source=where(path, record),
        url=scrape.url,
        title=scrape.title,
        published=scrape.published,
        author=scrape.author,
    )
