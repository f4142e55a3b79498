"""CASE 2021 task 2: the ACLED sub-event type of a news snippet (1,019 snippets, 25 + 5 types).

One label is predicted per snippet from its main event (``extract.events.main_event``).
Snippets about crime or disasters get the CASE labels ORG_CRIME, NATURAL_DISASTER,
MAN_MADE_DISASTER from the non-political cue list; claims of responsibility ATTRIB;
diplomatic events without an ACLED coding DIPLO; a snippet with no event at all OTHER.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path
from types import MappingProxyType

from ceasefire.eval import Metrics, evaluator

# ACLED sub-event type -> the CASE 2021 label for it (the shared task's names)
SUB_TO_CASE = MappingProxyType(
    {
        "Armed clash": "ARMED_CLASH",
        "Government regains territory": "GOV_REGAINS_TERIT",
        "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER",
        "Chemical weapon": "CHEM_WEAP",
        "Air/drone strike": "AIR_STRIKE",
        "Suicide bomb": "SUIC_BOMB",
        "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
        "Remote explosive/landmine/IED": "REM_EXPLOS",
        "Grenade": "GRENADE",
        "Sexual violence": "SEX_VIOL",
        "Attack": "ATTACK",
        "Abduction/forced disappearance": "ABDUCT_DISSAP",
        "Peaceful protest": "PEACE_PROTEST",
        "Protest with intervention": "PROTEST_WITH_INTER",
        "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
        "Violent demonstration": "VIOL_DEMONSTR",
        "Mob violence": "MOB_VIOL",
        "Agreement": "AGREEMENT",
        "Arrests": "ARREST",
        "Change to group/activity": "CHANGE_TO_GROUP_ACT",
        "Disrupted weapons use": "DISR_WEAP",
        "Headquarters or base established": "HQ_ESTABLISHED",
        "Looting/property destruction": "PROPERTY_DISTRUCT",
        "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER",
        "Other": "OTHER",
    }
)
NON_POLITICAL_TO_CASE = MappingProxyType(
    {
        "crime": "ORG_CRIME",
        "natural_disaster": "NATURAL_DISASTER",
        "man_made_disaster": "MAN_MADE_DISASTER",
    }
)
_ATTRIBUTION = ("*:claim responsibility",)
_BLAME = ("*:blame", "V:accuse")


def read_snippets(path: Path, limit: int | None = None) -> list[tuple[str, str]]:
    """(snippet, gold label) pairs from the task's TSV file."""
    rows: list[tuple[str, str]] = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for row in reader:
            rows.append((row["EventSnippet"], row["SubType"].strip()))
            if limit is not None and len(rows) >= limit:
                break
    return rows


def predict_label(ctx) -> str:
    """The CASE 2021 label for one processed snippet."""
    from ceasefire.extract.coding import non_political_words
    from ceasefire.extract.events import main_event, priority

    events = list(ctx.events)
    violent = [e for e in events if e.type == "ASSAULT"]
    blamed = violent and any(e.entry in _BLAME for e in events if not e.negated)
    if blamed or any(e.entry in _ATTRIBUTION for e in events):
        return "ATTRIB"
    coded = [e for e in events if e.acled is not None]
    factual = [e for e in coded if not e.negated and e.modality is None]
    if coded and not factual and len(coded) < len(events):
        return "DIPLO"  # only threatened, planned or denied violence, next to diplomatic events
    main = main_event(factual or coded, ctx.doc) if coded else None
    words = non_political_words()
    lemmas = [t.lemma_.lower() for t in ctx.doc]
    category = None
    for i in range(len(lemmas)):
        key2, key1 = tuple(lemmas[i : i + 2]), (lemmas[i],)
        category = words.get(key2) or words.get(key1)
        if category:
            break
    crime_seizure = (
        category == "crime" and main is not None and main.acled.event_type == "Strategic developments"
    )
    if category and (main is None or priority(main) <= 6 or crime_seizure):
        return NON_POLITICAL_TO_CASE[category]
    if main is not None and main.acled is not None and main.acled.sub_event_type:
        return SUB_TO_CASE.get(main.acled.sub_event_type, "OTHER")
    if events:
        return "DIPLO"
    return "OTHER"


@evaluator("case2021", "events/case2021-task2", "CASE 2021 task 2: ACLED sub-event type of news snippets")
def evaluate(data_dir: Path, limit: int | None = None) -> Metrics:
    from sklearn.metrics import f1_score

    from ceasefire.eval._runner import RunStats, run_texts

    path = data_dir / "test_set_final_release_with_labels.tsv"
    if not path.is_file():
        raise FileNotFoundError(f"case2021: {path} is missing")
    rows = read_snippets(path, limit)
    stats = RunStats()
    gold = [label for _, label in rows]
    pred = [predict_label(ctx) for ctx in run_texts([t for t, _ in rows], with_places=False, stats=stats)]
    confusions = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    return {
        "n": len(rows),
        "weighted_f1": round(float(f1_score(gold, pred, average="weighted", zero_division=0)), 4),
        "macro_f1": round(float(f1_score(gold, pred, average="macro", zero_division=0)), 4),
        "accuracy": round(sum(g == p for g, p in zip(gold, pred, strict=True)) / max(1, len(rows)), 4),
        "top_confusions": [f"{g}->{p}: {n}" for (g, p), n in confusions.most_common(10)],
        "stage_errors": stats.errors,
    }
