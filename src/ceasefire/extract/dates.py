"""When did it happen: date expressions in a sentence, resolved against the publication date.

``find_dates(text, published)`` returns every expression it understands with its
character span, the resolved date and a precision (``day``, ``week``, ``month``,
``year``).  Rules (see docs/events.md):

- a weekday ("on Monday", "Monday night") is the most recent such day on or before publication;
  "last Monday" is the most recent one strictly before it;
- "yesterday", "last night", "overnight" are the day before publication; "today", "this morning" the day itself;
- "N days ago" counts back; "last week" is publication minus seven days (precision week);
  "this week"/"earlier this week" the publication day (week); "this month"/"earlier this month" the
  first of the month (month); "last month" the first of the previous month (month); "last year" and
  "in 2014" the first of January (year);
- "on March 24", "24 March", "March 24, 2022": that day; without a year, the most recent such date on or
  before publication; "between 24 and 25 March" / "24-25 March": the first day (precision day);
- "in March" (no day): the first of that month, most recent on or before publication (month).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from types import MappingProxyType

_MONTHS = MappingProxyType(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "may": 5,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
_MONTH = (
    r"(?P<{name}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_NUMWORDS = MappingProxyType(
    {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1, "an": 1}
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "range_dm",
        re.compile(
            r"\b(?:between\s+)?(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:and|-|\u2013|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+"
            + _MONTH.format(name="m")
            + r"(?:,?\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "range_md",
        re.compile(
            r"\b(?:between\s+)?"
            + _MONTH.format(name="m")
            + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s*(?:and|-|\u2013|to)\s*(?P<d2>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "dm",
        re.compile(
            r"\b(?P<d1>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?"
            + _MONTH.format(name="m")
            + r"(?:,?\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "md",
        re.compile(
            r"\b" + _MONTH.format(name="m") + r"\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>\d{4}))?",
            re.I,
        ),
    ),
    (
        "in_month",
        re.compile(
            r"\b(?:in|since|during|early|late|mid-?)\s+"
            + _MONTH.format(name="m")
            + r"(?:\s+(?P<y>\d{4}))?\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?P<last>last\s+)?(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
            r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.I,
        ),
    ),
    (
        "yesterday",
        re.compile(r"\b(?:yesterday|last\s+night|overnight|the\s+previous\s+day|the\s+day\s+before)\b", re.I),
    ),
    ("today", re.compile(r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b", re.I)),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|one|two|three|four|five|six|seven|a|an)\s+(?P<unit>days?|weeks?)\s+ago\b", re.I
        ),
    ),
    ("last_week", re.compile(r"\blast\s+week(?:end)?\b", re.I)),
    ("this_week", re.compile(r"\b(?:earlier\s+|later\s+)?this\s+week(?:end)?\b", re.I)),
    ("last_month", re.compile(r"\blast\s+month\b", re.I)),
    ("this_month", re.compile(r"\b(?:earlier\s+)?this\s+month\b", re.I)),
    ("last_year", re.compile(r"\blast\s+year\b", re.I)),
    ("this_year", re.compile(r"\b(?:earlier\s+)?this\s+year\b", re.I)),
    ("year", re.compile(r"\b(?P<y>(?:19|20)\d\d)\b(?![-\u2013/]\d)")),
)


@dataclass(frozen=True)
class DateExpr:
    start: int  # character offsets in the text given to find_dates
    end: int
    date: dt.date
    precision: str  # day, week, month, year
    kind: str


def parse_published(value: str | None) -> dt.date | None:
    """The publication date of an article (ISO date or datetime), or None when absent."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError as err:
        raise ValueError(f"article.published is not an ISO date: {value!r}") from err


def _month(name: str) -> int:
    return _MONTHS[name[:3].lower()]


def _recent(pub: dt.date, month: int, day: int, year: str | None) -> dt.date | None:
    try:
        if year:
            return dt.date(int(year), month, day)
        cand = dt.date(pub.year, month, day)
        return cand if cand <= pub else dt.date(pub.year - 1, month, day)
    except ValueError:
        return None


def _resolve(kind: str, m: re.Match[str], pub: dt.date) -> tuple[dt.date, str] | None:
    g = m.groupdict()
    if kind in ("range_dm", "range_md", "dm", "md"):
        day = _recent(pub, _month(g["m"]), int(g["d1"]), g.get("y"))
        return (day, "day") if day else None
    if kind == "in_month":
        month = _month(g["m"])
        year = int(g["y"]) if g.get("y") else (pub.year if month <= pub.month else pub.year - 1)
        return dt.date(year, month, 1), "month"
    if kind == "weekday":
        target = _WEEKDAYS.index(g["wd"].lower())
        back = (pub.weekday() - target) % 7
        if g.get("last") and back == 0:
            back = 7
        return pub - dt.timedelta(days=back), "day"
    if kind == "yesterday":
        return pub - dt.timedelta(days=1), "day"
    if kind == "today":
        return pub, "day"
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else _NUMWORDS[n]
        if g["unit"].lower().startswith("week"):
            return pub - dt.timedelta(days=7 * count), "week"
        return pub - dt.timedelta(days=count), "day"
    if kind == "last_week":
        return pub - dt.timedelta(days=7), "week"
    if kind == "this_week":
        return pub, "week"
    if kind == "last_month":
        first = pub.replace(day=1) - dt.timedelta(days=1)
        return first.replace(day=1), "month"
    if kind == "this_month":
        return pub.replace(day=1), "month"
    if kind == "last_year":
        return dt.date(pub.year - 1, 1, 1), "year"
    if kind == "this_year":
        return dt.date(pub.year, 1, 1), "year"
    if kind == "year":
        return dt.date(int(g["y"]), 1, 1), "year"
    return None


def find_dates(text: str, published: dt.date) -> list[DateExpr]:
    """Date expressions in ``text``, resolved against ``published``; overlapping matches: first pattern wins."""
    found: list[DateExpr] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            resolved = _resolve(kind, m, published)
            if resolved is None:
                continue
            taken.append((s, e))
            found.append(DateExpr(s, e, resolved[0], resolved[1], kind))
    return sorted(found, key=lambda d: d.start)
