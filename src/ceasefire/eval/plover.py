"""PLOVER gold standard records (322 sentences from the CAMEO manual, CC BY-SA 4.0).

For each sentence the main event (``extract.events.main_event``) is compared with
the gold record: its PLOVER type (the gold file uses PLOVER 0.5 names; DEMAND,
DISAPPROVE, FIGHT and INVESTIGATE are read as today's REQUEST, ACCUSE, ASSAULT
and ACCUSE, as the PLOVER 2021 CAMEO table does), mode, the ISO3 code and sector
of its actor and target, and dead/injured counts.  PLOVER codes a stated intention as
AGREE or THREATEN and a demand as REQUEST, where ceasefire keeps the intended event with
a modality; ``plover_type`` converts before comparing.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

from ceasefire.eval import Metrics, evaluator

OLD_TYPES = MappingProxyType(
    {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
)
# gold modes (PLOVER 0.5) -> ceasefire's mode names, where they name the same thing
MODES = MappingProxyType({"heavy-weapons": "artillery", "explosives": "explosive", "firearms": "firearms", "troops": "troops",
         "visit": "visit", "host": "host", "destroy": "destroy", "riot-spon": "riot", "riot-org": "riot",
         "demo-org": "demonstrate", "demo-spon": "demonstrate", "strike-gen": "strike", "strike-hun": "strike",
         "assassinate": "assassinate", "curfew": "curfew", "arrest": "arrest", "release": "release",
         "withdraw": "withdraw", "ceasefire": "ceasefire", "aerial": "aerial", "abduct": "abduct",
         "seize": "seize", "expel": "expel", "ban": "ban"})  # fmt: skip
# gold sector codes (CAMEO agent codes, first three letters) -> record sectors
SECTORS = MappingProxyType({"GOV": "government", "MIL": "military", "REB": "rebels", "CVL": "civilians", "CIV": "civilians",
           "COP": "police", "MED": "media", "JRN": "media", "OPP": "party", "PTY": "party", "JUD": "government",
           "LEG": "government", "ELI": "person", "UAF": "militia", "SPY": "government", "NGO": "ngo",
           "IGO": "igo"})  # fmt: skip
# PLOVER codes a stated intention as AGREE (to cooperate) or THREATEN (to harm); ceasefire keeps the
# intended event's own type with a modality, so the comparison converts it back.
_COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
_HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST", "THREATEN"})


def plover_type(event) -> str:
    """The type PLOVER would give our event: intentions and demands become AGREE / THREATEN / REQUEST."""
    if event.modality == "requested" and event.type != "REQUEST":
        return "REQUEST"
    if event.modality in ("planned", "hypothetical") and not event.negated:
        if event.type in _COOPERATIVE:
            return "AGREE"
        if event.type in _HOSTILE:
            return "THREATEN"
    if event.modality == "threat" and event.type in _HOSTILE:
        return "THREATEN"
    return event.type


_NOT_COUNTRIES = frozenset({"IGO", "NGO", "MNC", "UNK", "UAF", "REB", "CVL", "GOV", "MIL"})


def _parties(value) -> list[dict]:
    return [p for p in value if isinstance(p, dict)] if isinstance(value, list) else []


def _codes(parties: list[dict]) -> set[str]:
    return {p["code"] for p in parties if isinstance(p.get("code"), str) and len(p["code"]) == 3}


def _sectors(parties: list[dict]) -> set[str]:
    out = set()
    for p in parties:
        code = p.get("sector")
        if isinstance(code, str) and code[:3] in SECTORS:
            out.add(SECTORS[code[:3]])
    return out


def read_records(path: Path, limit: int | None = None) -> list[dict]:
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    return records[:limit] if limit is not None else records


def _ratio(hits: int, n: int) -> float | None:
    return round(hits / n, 4) if n else None


@evaluator(
    "plover", "events/plover-gsr", "PLOVER gold standard records: type, mode, actor/target country and sector"
)
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    from ceasefire.eval._runner import RunStats, run_texts
    from ceasefire.extract.events import main_event

    path = data_dir / "PLOVER_GSR_CAMEO.json"
    if not path.is_file():
        raise FileNotFoundError(f"plover: {path} is missing")
    records = read_records(path, limit)
    stats = RunStats()
    tally = {
        k: [0, 0]
        for k in ("type", "mode", "actor", "target", "actor_sector", "target_sector", "dead", "injured")
    }
    found = 0
    contexts = run_texts(
        [r["text"] for r in records], [r.get("date") for r in records], with_places=False, stats=stats
    )
    for rec, ctx in zip(records, contexts, strict=True):
        named = [e for e in ctx.events if e.entry and not e.entry.startswith("casualty:")]
        main = main_event(named or ctx.events, ctx.doc)
        actors = {a.id: a for a in ctx.actors}
        found += main is not None
        gold_type = OLD_TYPES.get(rec["event"], rec["event"])
        tally["type"][1] += 1
        tally["type"][0] += main is not None and plover_type(main) == gold_type
        gold_mode = MODES.get(rec.get("mode") or "")
        if gold_mode:
            tally["mode"][1] += 1
            tally["mode"][0] += main is not None and main.mode == gold_mode
        for side in ("actor", "target"):
            gold_parties = _parties(rec.get("source" if side == "actor" else "target"))
            ours = actors.get(getattr(main, side)) if main is not None and getattr(main, side) else None
            codes = _codes(gold_parties) - _NOT_COUNTRIES
            if codes:
                tally[side][1] += 1
                tally[side][0] += ours is not None and ours.country in codes
            sectors = _sectors(gold_parties)
            if sectors:
                tally[f"{side}_sector"][1] += 1
                tally[f"{side}_sector"][0] += ours is not None and ours.sector in sectors
        for gold_key, ours_key in (("dead", "killed"), ("injured", "wounded")):
            value = rec.get(gold_key)
            if value not in (None, ""):
                tally[gold_key][1] += 1
                figures = [getattr(e, ours_key) for e in ctx.events if getattr(e, ours_key) is not None]
                tally[gold_key][0] += bool(figures) and max(figures) == int(value)
    return {
        "n": len(records),
        "type_accuracy": _ratio(*tally["type"]),
        "mode_accuracy": _ratio(*tally["mode"]),
        "actor_country_accuracy": _ratio(*tally["actor"]),
        "target_country_accuracy": _ratio(*tally["target"]),
        "actor_sector_accuracy": _ratio(*tally["actor_sector"]),
        "target_sector_accuracy": _ratio(*tally["target_sector"]),
        "dead_exact": _ratio(*tally["dead"]),
        "injured_exact": _ratio(*tally["injured"]),
        "event_found": _ratio(found, len(records)),
        "n_by_metric": {k: v[1] for k, v in tally.items()},
        "stages": list(stats.stages),
        "stage_errors": stats.errors,
    }
