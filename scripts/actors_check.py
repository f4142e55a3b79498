"""Quick check of the actors stage against gold data (reads ../shared/eval, writes nothing).

    .venv/bin/python scripts/actors_check.py plover [--limit N] [--show]
    .venv/bin/python scripts/actors_check.py news [--show]

plover: for every gold source (and target) of the PLOVER gold-standard records whose text is
found in the sentence, is there an actor at that span with the gold code's country (IGO/NGO:
no country, sector igo/ngo/peacekeepers)? news: for the development incidents' gold actors,
how many of the articles' actors have a country the gold allows.
"""

from __future__ import annotations

import argparse
import json
import sys

from ceasefire.eval import eval_root
from ceasefire.nlp import load_model, sentences_of
from ceasefire.pipeline import Context, get_stage
from ceasefire.records import Article

_ODD = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}  # non-ISO codes in the gold records


def _root():
    root = eval_root()
    if root is None:
        sys.exit("../shared/eval is not present on this machine")
    return root


def _ok(actor, code: str) -> bool:
    if actor is None:
        return False
    if code in ("IGO", "NGO"):
        return actor.country is None and actor.sector in ("igo", "ngo", "peacekeepers")
    return actor.country == _ODD.get(code, code)


def plover(limit: int | None, show: bool) -> dict:
    records = json.loads((_root() / "events" / "plover-gsr" / "PLOVER_GSR_CAMEO.json").read_text())
    records = [r for r in records if r.get("text") and r.get("event")][:limit]
    nlp = load_model()
    stage = get_stage("actors")
    scores = {"source": [0, 0], "target": [0, 0]}
    for rec, doc in zip(records, nlp.pipe(r["text"] for r in records), strict=True):
        ctx = Context(article=Article(id=rec["id"], text=rec["text"]), doc=doc, sentences=sentences_of(doc))
        stage(ctx)
        for role in ("source", "target"):
            for gold in rec.get(role) or []:
                if not isinstance(gold, dict) or not gold.get("code") or not gold.get("actorText"):
                    continue
                words = gold["actorText"].split("...")[0].strip()
                start = rec["text"].find(words)
                if start < 0:
                    continue
                actor = ctx.actor_at(start, start + len(words))
                ok = _ok(actor, gold["code"])
                scores[role][0] += ok
                scores[role][1] += 1
                if show and not ok:
                    got = None if actor is None else (actor.id, actor.country, actor.sector)
                    print(
                        f"{role}: {words!r} gold={gold['code']} got={got} | {rec['text'][:120]}",
                        file=sys.stderr,
                    )
    return {
        "n_sources": scores["source"][1],
        "actor_country_accuracy": round(scores["source"][0] / max(1, scores["source"][1]), 3),
        "n_targets": scores["target"][1],
        "target_country_accuracy": round(scores["target"][0] / max(1, scores["target"][1]), 3),
    }


def news(show: bool) -> dict:
    root = _root() / "news"
    articles = [
        json.loads(line) for line in (root / "articles.jsonl").read_text().splitlines() if line.strip()
    ]
    nlp = load_model()
    stage = get_stage("actors")
    out = {}
    for incident in (4, 6):
        gold = json.loads((root / "gold" / f"incident-{incident}.json").read_text())
        allowed = {c for a in gold["actors"].values() for c in a.get("countries") or []}
        arts = [a for a in articles if a.get("incident") == incident]
        total = good = 0
        claims = found = 0
        for art, doc in zip(arts, nlp.pipe(a["text"] for a in arts), strict=True):
            ctx = Context(
                article=Article(id=art["id"], text=art["text"], published=art.get("date")),
                doc=doc,
                sentences=sentences_of(doc),
            )
            stage(ctx)
            for claim in gold["articles"].get(art["id"], {}).get("claims", []):
                who = gold["actors"].get(claim["source"])
                pos = art["text"].find(claim["evidence"])
                if who is None or pos < 0:
                    continue
                sent = ctx.sentences[ctx.sentence_index(pos)]
                claims += 1
                hit = any(
                    sent.start <= s < sent.end
                    and (a.country in who["countries"] if a.country else a.sector in who["sectors"])
                    and (a.country is not None or None in who["countries"])
                    for a in ctx.actors
                    for s, _ in a.spans
                )
                found += hit
                if show and not hit:
                    print(
                        "MISS",
                        art["id"],
                        claim["source"],
                        repr(art["text"][sent.start : sent.end]),
                        file=sys.stderr,
                    )
            for a in ctx.actors:
                total += 1
                good += a.country in allowed
                if show:
                    flag = "ok " if a.country in allowed else "?? "
                    print(flag, art["id"], a.id, a.sector, repr(a.name), len(a.spans), file=sys.stderr)
        out[f"incident_{incident}_actors"] = total
        out[f"incident_{incident}_allowed_country_share"] = round(good / max(1, total), 3)
        out[f"incident_{incident}_claim_sources_found"] = round(found / max(1, claims), 3)
        out[f"incident_{incident}_claims"] = claims
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["plover", "news"])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    result = plover(args.limit, args.show) if args.what == "plover" else news(args.show)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
