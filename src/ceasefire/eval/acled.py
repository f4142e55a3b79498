"""ACLED event notes (28 April - 9 May 2020): event type, sub-event type, fatalities, location.

Each row's ``notes`` (an ACLED coder's summary, not a news article) goes through
the pipeline with the row's event date as publication date.  Scored:

- ``event_type_accuracy`` / ``sub_event_type_accuracy``: the main ACLED-coded event of the note;
- ``fatalities_exact``: on rows whose notes state a number of dead (a count, or "no", next to a
  death word), the largest per-sentence sum of ``killed`` over the note's foreground events equals the row's fatalities;
- ``location_25km``: the main event's place lies within 25 km of the row's coordinates.

ACLED's terms forbid redistributing its data: nothing here is stored or trained on.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
from pathlib import Path

from ceasefire.eval import Metrics, evaluator

_NUMBER = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens|"
    r"twenty|thirty|forty|fifty|hundred|no)"
)
_DEATH = r"(?:kill\w*|dead|deaths?|died|die|fatalit\w*|bodies|lives|murder\w*)"
_STATES_NUMBER = re.compile(
    rf"\b{_NUMBER}\b(?:\W+\w+){{0,4}}?\W+{_DEATH}\b|\b{_DEATH}\b(?:\W+\w+){{0,3}}?\W+{_NUMBER}\b", re.I
)


def states_fatalities(notes: str) -> bool:
    """Whether a note gives a number of dead (in the gold coder's words, not ours)."""
    return bool(_STATES_NUMBER.search(notes))


def _date(value: str) -> str | None:
    for fmt in ("%d-%b-%y", "%d %B %Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value.strip(), fmt).date().isoformat()
        except ValueError:
            continue
    return None


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def read_rows(folder: Path, limit: int | None = None) -> list[dict]:
    files = sorted(folder.glob("*.csv"))
    if not files:
        raise FileNotFoundError(f"acled: no CSV file in {folder}")
    rows: list[dict] = []
    for file in files:
        with file.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row.get("notes"):
                    rows.append(row)
                if limit is not None and len(rows) >= limit:
                    return rows
    return rows


def _ratio(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


@evaluator("acled", "events/acled-2020-rpanlilio", "ACLED notes: event/sub-event type, fatalities, location")
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    from ceasefire.eval._runner import RunStats, run_texts
    from ceasefire.extract.events import main_event

    rows = read_rows(data_dir, limit)
    stats = RunStats()
    texts = [r["notes"] for r in rows]
    contexts = run_texts(texts, [_date(r.get("event_date", "")) for r in rows], stats=stats)
    hits = {"event": 0, "sub": 0, "fat": 0, "loc": 0}
    n_fat = 0
    n_loc = 0
    for row, ctx in zip(rows, contexts, strict=True):
        coded = [e for e in ctx.events if e.acled is not None]
        main = main_event(coded, ctx.doc)
        if main is not None and main.acled is not None:
            hits["event"] += main.acled.event_type == row["event_type"]
            hits["sub"] += main.acled.sub_event_type == row["sub_event_type"]
        if states_fatalities(row["notes"]):
            n_fat += 1
            # counts add up within a sentence; notes restate totals, so the note's figure is its largest sentence
            per_sentence: dict[int, int] = {}
            for e in ctx.events:
                if e.killed is not None and not e.background and not e.negated:
                    per_sentence[e.evidence.sentence] = per_sentence.get(e.evidence.sentence, 0) + e.killed
            hits["fat"] += max(per_sentence.values(), default=0) == int(row.get("fatalities") or 0)
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (KeyError, ValueError):
            continue
        n_loc += 1
        chosen = main or main_event(ctx.events, ctx.doc)
        place = next((p for p in ctx.places if chosen is not None and p.id == chosen.place), None)
        if place is None and ctx.places and chosen is not None and chosen.place is None:
            place = None
        if place is not None and place.lat is not None and place.lon is not None:
            hits["loc"] += _km(lat, lon, place.lat, place.lon) <= 25.0
    return {
        "n": len(rows),
        "event_type_accuracy": _ratio(hits["event"], len(rows)),
        "sub_event_type_accuracy": _ratio(hits["sub"], len(rows)),
        "fatalities_exact": _ratio(hits["fat"], n_fat),
        "n_fatalities": n_fat,
        "location_25km": _ratio(hits["loc"], n_loc),
        "stages": list(stats.stages),
        "stage_errors": stats.errors,
    }
