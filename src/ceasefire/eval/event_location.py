"""Which place an event happened at (Halterman 2019, "Geolocating Political Events in Text").

Each gold item is one sentence with an event verb and, when the sentence says
where it happened, the span of that place.  The sentence goes through the
``actors`` (when installed) and ``places`` stages, then
:func:`ceasefire.resolve.places.event_place` chooses the verb's place.

``accuracy``: share of items where the chosen place has a mention overlapping
the gold location span, or, when the gold has no location, nothing is chosen.
``accuracy_located`` / ``accuracy_unlocated`` split it by whether gold has a location.
Only the 496 adjudicated items (``source == "RELABEL"``) are scored.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from ceasefire.eval import Metrics, evaluator


def read_items(data_dir: Path) -> list[dict]:
    path = data_dir / "labeled_text.jsonl.zip"
    with zipfile.ZipFile(path) as zf:
        member = next(n for n in zf.namelist() if n.endswith(".jsonl") and not n.startswith("__MACOSX"))
        raw = zf.read(member).decode("utf-8")
    text = raw.strip()
    items = (
        json.loads(text) if text.startswith("[") else [json.loads(line) for line in text.splitlines() if line]
    )
    return [it for it in items if it.get("source") == "RELABEL"]


def char_span(item: dict, span: dict) -> tuple[int, int]:
    """Character offsets of a gold span, from its token indices (some items' own offsets are stale)."""
    tokens = item.get("tokens") or []
    ts, te = span.get("token_start"), span.get("token_end")
    if tokens and ts is not None and te is not None and 0 <= ts <= te < len(tokens):
        return tokens[ts]["start"], tokens[te]["end"]
    return span["start"], span["end"]


@evaluator(
    "event-location", "events/event-location", "which place an event verb happened at (496 adjudicated)"
)
def event_location(data_dir: Path, limit: int | None = None) -> Metrics:
    from ceasefire.nlp import load_model, sentences_of
    from ceasefire.pipeline import Context, get_stage
    from ceasefire.records import Article
    from ceasefire.resolve.places import event_place, places_stage

    try:
        actors = get_stage("actors")
    except (KeyError, ModuleNotFoundError):
        actors = None
    items = read_items(data_dir)
    if limit is not None:
        items = items[:limit]
    nlp = load_model()
    right = located = located_right = scored = 0
    for idx, (item, doc) in enumerate(zip(items, nlp.pipe([it["text"] for it in items]), strict=True)):
        verbs = [char_span(item, s) for s in item.get("spans", []) if s["label"] == "VERB"]
        golds = [char_span(item, s) for s in item.get("spans", []) if s["label"] == "LOCATION"]
        if not verbs:  # nothing to locate
            continue
        scored += 1
        ctx = Context(
            article=Article(id=f"el-{idx}", text=item["text"]), doc=doc, sentences=sentences_of(doc)
        )
        if actors is not None:
            actors(ctx)
        places_stage(ctx)
        place = event_place(ctx, *verbs[0])
        if golds:
            located += 1
            ok = place is not None and any(s < ge and gs < e for gs, ge in golds for s, e in place.spans)
            located_right += ok
        else:
            ok = place is None
        right += ok
    n = scored
    return {
        "n": n,
        "accuracy": round(right / n, 4) if n else 0.0,
        "n_located": located,
        "accuracy_located": round(located_right / located, 4) if located else 0.0,
        "accuracy_unlocated": round((right - located_right) / (n - located), 4) if n > located else 0.0,
    }
