"""Ingestion benchmark: how much slower is ``ceasefire ingest`` than spaCy alone?

Generates a seeded corpus of short news-like articles from templates, then
measures on the same texts

  (a) bare ``nlp.pipe`` throughput (the parser alone, model already loaded), and
  (b) the whole ingest path: JSONL reading → dedup checks → spaCy → every
      registered stage → one SQLite transaction per batch, in a temporary database,
  (c) linking the stored articles into incidents (the link stage, which
      ``ceasefire ingest`` runs last), timed on its own,
  (d) a second ingest of the same file (everything already present),

and prints articles/s, words/s, the ratio (b)/(a) and peak memory.  It prints
figures only; nothing here asserts a speed.

    .venv/bin/python bench/bench_ingest.py --articles 2000
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# sentence templates; slots are filled from the pools below
LEADS = [
    "{n_killed} people were killed and {n_wounded} wounded when {weapon} hit {place} on {day}, {source} said.",
    "{actor} said it repelled an attack near {place} overnight, losing {n_killed} soldiers.",
    "Shelling of {place} on {day} damaged {n_small} houses and a school, according to {source}.",
    "{actor} accused {actor2} of violating the ceasefire near {place} on {day}.",
    "Hundreds of people protested in {place} on {day} against the rising price of fuel.",
    "Talks between {actor} and {actor2} in {city} ended on {day} without an agreement.",
    "A convoy carrying food and medicine reached {place} on {day} after a {n_small}-day delay.",
    "{actor} denied reports that its forces had shelled {place}.",
    "At least {n_killed} civilians died in an air strike on a market in {place}, {source} reported.",
    "{actor2} said it had captured {n_small} fighters during a raid east of {place} on {day}.",
]
FOLLOWS = [
    "{source} said the death toll could rise as rescuers searched the rubble.",
    "{actor2} rejected the accusation and called it a provocation.",
    "The claim could not be independently verified.",
    "Residents said the fighting had forced {n_big} families to leave their homes.",
    "{actor} said its troops had returned fire only after coming under attack.",
    "The United Nations called on both sides to respect the truce agreed in {month}.",
    "Officials in {city} said {n_wounded} of the injured were in a serious condition.",
    "Local media reported heavy gunfire throughout the night.",
    "{source} said {n_small} ambulances had been sent to the area.",
    "The ministry promised to investigate the incident and punish those responsible.",
]
ACTORS = [
    "The defence ministry",
    "The army",
    "Government forces",
    "The rebel command",
    "The interior ministry",
    "The separatist militia",
    "Border guards",
    "The national police",
]
SOURCES = [
    "the regional governor",
    "a hospital official",
    "the health ministry",
    "witnesses",
    "a local mayor",
]
PLACES = [
    "Kharkiv",
    "Donetsk",
    "Aleppo",
    "Idlib",
    "Mosul",
    "Kandahar",
    "Goma",
    "Tigray",
    "Khartoum",
    "Marib",
    "Stepanakert",
    "Gaza City",
    "Sittwe",
    "Timbuktu",
    "the village of Farrukh",
]
CITIES = ["Geneva", "Doha", "Istanbul", "Addis Ababa", "Vienna", "Moscow", "Baku", "Yerevan"]
WEAPONS = ["a missile", "artillery shells", "a drone", "rockets", "a car bomb", "mortar rounds"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "July", "September", "November"]
OUTLETS = ["wire.example", "dailynews.example", "frontline.example", "herald.example"]


def make_corpus(n: int, seed: int) -> list[dict]:
    """``n`` distinct articles of 3-7 sentences, the same for the same seed."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[dict] = []
    while len(out) < n:

        def fill(template: str) -> str:
            actor, actor2 = rng.sample(ACTORS, 2)
            return template.format(
                actor=actor,
                actor2=actor2,
                source=rng.choice(SOURCES),
                place=rng.choice(PLACES),
                city=rng.choice(CITIES),
                weapon=rng.choice(WEAPONS),
                day=rng.choice(DAYS),
                month=rng.choice(MONTHS),
                n_killed=rng.randint(1, 40),
                n_wounded=rng.randint(2, 90),
                n_small=rng.randint(2, 12),
                n_big=rng.randint(20, 3000),
            )

        sentences = [fill(rng.choice(LEADS))] + [fill(s) for s in rng.sample(FOLLOWS, rng.randint(2, 6))]
        text = " ".join(s[0].upper() + s[1:] for s in sentences)
        if text in seen:
            continue
        seen.add(text)
        i = len(out)
        out.append(
            {
                "id": f"bench-{i:06d}",
                "outlet": rng.choice(OUTLETS),
                "published": f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "title": sentences[0][:60],
                "text": text,
            }
        )
    return out


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


def _time_linking(store) -> tuple[float, int] | None:
    """Seconds and incidents of linking the stored articles, or None without the link stage."""
    try:
        from ceasefire.link import link_pending
    except ImportError:
        return None
    t0 = time.perf_counter()
    incidents = link_pending(store)
    return time.perf_counter() - t0, len(incidents)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--model", default=None, help="spaCy model: md (default) or sm")
    parser.add_argument("--batch-size", type=int, default=64, help="documents per store transaction")
    parser.add_argument("--seed", type=int, default=13, help="corpus seed")
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="alternate (a) and (b) this many times and keep the best of each",
    )
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")

    from ceasefire.commands._common import Tally, articles_from
    from ceasefire.nlp import load_model
    from ceasefire.nlp.parse import BATCH_SIZE
    from ceasefire.pipeline import available_stages
    from ceasefire.store import ingest_articles, open_store

    corpus = make_corpus(args.articles, args.seed)
    texts = [a["text"] for a in corpus]
    words = sum(len(t.split()) for t in texts)
    stages = available_stages()
    print(
        f"corpus: {len(corpus)} articles, {words} words ({words / len(corpus):.0f} per article), seed {args.seed}"
    )
    print(
        f"python {platform.python_version()} on {platform.machine()}; stages: {', '.join(stages) or 'none'}"
    )

    t0 = time.perf_counter()
    nlp = load_model(args.model)
    print(f"model load: {time.perf_counter() - t0:.1f} s; peak memory {peak_rss_mib():.0f} MiB")
    for _ in nlp.pipe(texts[:20]):  # warm-up, not timed
        pass

    def bare_run() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=BATCH_SIZE):
            pass
        return time.perf_counter() - t0

    with tempfile.TemporaryDirectory(prefix="ceasefire-bench-") as tmp:
        source = Path(tmp) / "corpus.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in corpus), encoding="utf-8")

        def ingest_run(round_no: int) -> tuple[float, Any]:
            store = open_store(f"sqlite:///{Path(tmp) / f'bench{round_no}.db'}")
            t0 = time.perf_counter()
            result = ingest_articles(
                store,
                articles_from([str(source)], None, Tally(), quiet=True),
                model=args.model,
                batch_size=args.batch_size,
            )
            return time.perf_counter() - t0, (store, result)

        # alternate the two measurements so that load from other processes hits both alike
        bares, fulls = [], []
        for round_no in range(args.repeat):
            bares.append(bare_run())
            seconds, (store, result) = ingest_run(round_no)
            fulls.append(seconds)
            if round_no < args.repeat - 1:
                store.close()
        bare, full = min(bares), min(fulls)
        note = f" (best of {args.repeat})" if args.repeat > 1 else ""
        print(
            f"(a) bare nlp.pipe{note}: {bare:.1f} s, {len(texts) / bare:.1f} articles/s, "
            f"{words / bare:.0f} words/s"
        )
        with store:
            counts = store.counts()
            print(
                f"(b) end-to-end ingest{note}: {full:.1f} s, {result.stored / full:.1f} articles/s, "
                f"{words / full:.0f} words/s; {result.summary()}; peak memory {peak_rss_mib():.0f} MiB"
            )
            print(
                f"    stored: {counts['events']} events, {counts['claims']} claims, "
                f"{counts['actors']} actor and {counts['places']} place mentions"
            )
            link_time = _time_linking(store)
            if link_time is not None:
                print(
                    f"(c) linking into incidents (what ingest does last): {link_time[0]:.1f} s, "
                    f"{link_time[1]} incidents; peak memory {peak_rss_mib():.0f} MiB"
                )
            t0 = time.perf_counter()
            again = ingest_articles(
                store, articles_from([str(source)], None, Tally(), quiet=True), model=args.model
            )
            rerun = time.perf_counter() - t0
            print(f"(d) re-ingest of the same file: {rerun:.1f} s ({again.summary()})")
        db_size = (Path(tmp) / f"bench{args.repeat - 1}.db").stat().st_size
        print(f"database: {db_size / 1e6:.1f} MB")
    print(f"ratio end-to-end / bare spaCy time: {full / bare:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
