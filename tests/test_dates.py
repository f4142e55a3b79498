"""Event dates resolved against the publication date (Tuesday 2022-03-29)."""

from __future__ import annotations

import datetime as dt

import pytest

from ceasefire.extract.dates import find_dates, parse_published

PUB = dt.date(2022, 3, 29)


@pytest.mark.parametrize(
    ("text", "date", "precision"),
    [
        ("Shelling resumed on Monday.", "2022-03-28", "day"),
        ("Shelling resumed on Tuesday morning.", "2022-03-29", "day"),
        ("Shelling resumed last Tuesday.", "2022-03-22", "day"),
        ("Shelling resumed on Sunday.", "2022-03-27", "day"),
        ("Drones struck the depot overnight.", "2022-03-28", "day"),
        ("Drones struck the depot yesterday.", "2022-03-28", "day"),
        ("Troops crossed the line last week.", "2022-03-22", "week"),
        ("Troops crossed the line on March 24.", "2022-03-24", "day"),
        ("Troops crossed the line on 24 March.", "2022-03-24", "day"),
        ("Fighting raged between 24 and 25 March.", "2022-03-24", "day"),
        ("Troops crossed the line on December 30.", "2021-12-30", "day"),
        ("Troops crossed the line earlier this month.", "2022-03-01", "month"),
        ("Troops crossed the line last month.", "2022-02-01", "month"),
        ("Troops crossed the line three days ago.", "2022-03-26", "day"),
        ("The border was closed in 2014.", "2014-01-01", "year"),
    ],
)
def test_find_dates(text, date, precision):
    found = find_dates(text, PUB)
    assert found, text
    assert (found[0].date.isoformat(), found[0].precision) == (date, precision)
    assert text[found[0].start : found[0].end].strip()


def test_nothing_to_resolve():
    assert find_dates("Troops crossed the line.", PUB) == []


def test_published_parsing():
    assert parse_published("2022-03-29T10:00:00+03:00") == PUB
    assert parse_published(None) is None
    with pytest.raises(ValueError, match="not an ISO date"):
        parse_published("last Tuesday")
