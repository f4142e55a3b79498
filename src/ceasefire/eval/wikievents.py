"""WikiEvents (KAIROS ontology): attack, die and injure triggers and their arguments.

Our predictions for a document:
- attack: every violent event (ASSAULT or a violent ACLED type) by its trigger, except events that a
  bare casualty word created;
- die / injure: every casualty word (``data/events/casualties.tsv``, killed / wounded) in the text.

A predicted trigger is right when its tokens overlap a gold trigger of the same class.  Arguments:
attacker (Attacker, Killer, Injurer) from the event's actor span, patient (Target, Victim) from its
target span or, for die/injure, the noun naming the victims, and Place from the event's place span;
right when the trigger is right and the span overlaps a gold argument of that role.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import MappingProxyType

from ceasefire.eval import Metrics, evaluator

_CLASSES = MappingProxyType({"Conflict.Attack": "attack", "Life.Die": "die", "Life.Injure": "injure"})
_ROLES = MappingProxyType({"Attacker": "agent", "Killer": "agent", "Injurer": "agent", "Target": "patient", "Victim": "patient",
          "Place": "place"})  # fmt: skip
_CATEGORY_CLASS = MappingProxyType({"killed": "die", "wounded": "injure"})


def _class(event_type: str) -> str | None:
    for prefix, name in _CLASSES.items():
        if event_type.startswith(prefix):
            return name
    return None


def read_docs(folder: Path, split: str = "dev", limit: int | None = None) -> list[dict]:
    path = folder / f"{split}.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"wikievents: {path} is missing")
    docs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return docs[:limit] if limit is not None else docs


def _token_chars(doc: dict) -> tuple[str, list[tuple[int, int]]]:
    """The document as its tokens joined by spaces, and every token's character offsets in it."""
    chars, pos = [], 0
    for tok in doc["tokens"]:
        chars.append((pos, pos + len(tok)))
        pos += len(tok) + 1
    return " ".join(doc["tokens"]), chars


def _gold(
    doc: dict, chars: list[tuple[int, int]]
) -> list[tuple[str, tuple[int, int], list[tuple[str, tuple[int, int]]]]]:
    entities = {m["id"]: m for m in doc["entity_mentions"]}
    out = []
    for ev in doc["event_mentions"]:
        cls = _class(ev["event_type"])
        if cls is None:
            continue
        t = ev["trigger"]
        span = (chars[t["start"]][0], chars[t["end"] - 1][1])
        args = []
        for arg in ev["arguments"]:
            role = _ROLES.get(arg["role"])
            ent = entities.get(arg["entity_id"])
            if role and ent:
                args.append((role, (chars[ent["start"]][0], chars[ent["end"] - 1][1])))
        out.append((cls, span, args))
    return out


def _overlap(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def _predict(ctx) -> list[tuple[str, tuple[int, int], list[tuple[str, tuple[int, int]]]]]:
    from ceasefire.extract import casualties as cas

    out = []
    for e in ctx.events:
        violent = e.type == "ASSAULT" or (
            e.acled is not None and e.acled.event_type != "Strategic developments"
        )
        if not violent or (e.entry or "").startswith("casualty:") or e.spans.trigger is None:
            continue
        args = [(role, span) for role, span in (("agent", e.spans.actor), ("patient", e.spans.target),
                                                ("place", e.spans.place)) if span is not None]  # fmt: skip
        out.append(("attack", tuple(e.spans.trigger), args))
    doc = ctx.doc
    for sent in doc.sents:
        victims = {c.keyword: c.victim for c in cas.find_counts(sent) if c.victim is not None}
        i = sent.start
        while i < sent.end:
            hit = cas.keyword_at(sent, i)
            if not hit:
                i += 1
                continue
            cls = _CATEGORY_CLASS.get(hit[0])
            if cls:
                tok = doc[i]
                args = []
                if i in victims:
                    v = doc[victims[i]]
                    args.append(("patient", (v.idx, v.idx + len(v))))
                out.append((cls, (tok.idx, doc[i + hit[1] - 1].idx + len(doc[i + hit[1] - 1])), args))
            i += hit[1]
    return out


def _f1(hit_p: int, n_pred: int, hit_r: int, n_gold: int) -> tuple[float, float, float]:
    p = hit_p / n_pred if n_pred else 0.0
    r = hit_r / n_gold if n_gold else 0.0
    return round(p, 4), round(r, 4), round(2 * p * r / (p + r), 4) if p + r else 0.0


@evaluator(
    "wikievents", "events/wikievents", "WikiEvents: attack/die/injure triggers and arguments (dev split)"
)
def evaluate(data_dir: Path, limit: int | None = None, split: str = "dev") -> Metrics:
    from ceasefire.eval._runner import RunStats, run_texts

    docs = read_docs(data_dir, split, limit)
    stats = RunStats()
    tp_p = n_pred = tp_r = n_gold = 0
    arg_p = arg_pred = arg_r = arg_gold = 0
    joined = [_token_chars(d) for d in docs]
    for doc, (_, chars), ctx in zip(
        docs, joined, run_texts([t for t, _ in joined], stats=stats), strict=True
    ):
        gold = _gold(doc, chars)
        pred = _predict(ctx)
        n_pred += len(pred)
        n_gold += len(gold)
        tp_p += sum(any(g[0] == p[0] and _overlap(p[1], g[1]) for g in gold) for p in pred)
        tp_r += sum(any(g[0] == p[0] and _overlap(p[1], g[1]) for p in pred) for g in gold)
        for p in pred:
            matches = [g for g in gold if g[0] == p[0] and _overlap(p[1], g[1])]
            arg_pred += len(p[2])
            arg_p += sum(
                any(r == gr and _overlap(s, gs) for g in matches for gr, gs in g[2]) for r, s in p[2]
            )
        for g in gold:
            matches = [p for p in pred if g[0] == p[0] and _overlap(p[1], g[1])]
            arg_gold += len(g[2])
            arg_r += sum(
                any(r == pr and _overlap(ps, gs) for p in matches for pr, ps in p[2]) for r, gs in g[2]
            )
    tp, tr, tf = _f1(tp_p, n_pred, tp_r, n_gold)
    ap, ar, af = _f1(arg_p, arg_pred, arg_r, arg_gold)
    return {
        "n": len(docs),
        "split": split,
        "trigger_precision": tp,
        "trigger_recall": tr,
        "trigger_f1": tf,
        "argument_precision": ap,
        "argument_recall": ar,
        "argument_f1": af,
        "n_gold_triggers": n_gold,
        "stages": list(stats.stages),
        "stage_errors": stats.errors,
    }
