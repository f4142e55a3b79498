"""Per-stage cost: how much each pipeline stage adds on top of the spaCy parse.

Parses a seeded generated corpus once (the same generator as bench_ingest.py),
then runs each registered stage over every parsed document in pipeline order
and times it on its own, twice: a first pass, which pays for what a stage loads
on first sight of a name or a country, then a warm pass.  Prints seconds per
stage and each stage's share of the parse time; it asserts nothing.

    .venv/bin/python bench/bench_stages.py --articles 1000
    .venv/bin/python bench/bench_stages.py --jsonl ../shared/eval/news/articles.jsonl
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import make_corpus  # noqa: E402
from ceasefire.nlp import load_model, sentences_of  # noqa: E402
from ceasefire.pipeline import Context, available_stages, get_stage  # noqa: E402
from ceasefire.records import Article  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1000, help="corpus size (default 1000)")
    parser.add_argument("--seed", type=int, default=13, help="corpus seed")
    parser.add_argument("--model", default=None, help="spaCy model: md (default) or sm")
    parser.add_argument(
        "--jsonl",
        type=Path,
        default=None,
        help="time real articles instead: a JSON Lines file with a text field per line "
        "(e.g. ../shared/eval/news/articles.jsonl; read in place, never copied)",
    )
    args = parser.parse_args(argv)

    if args.jsonl is not None:
        lines = args.jsonl.read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines if line.strip()]
        for i, row in enumerate(rows):
            row.setdefault("id", f"row-{i}")
            row["published"] = row.get("published") or row.get("date")
    else:
        rows = make_corpus(args.articles, args.seed)
    articles = [
        Article(id=r["id"], text=r["text"], published=r.get("published"), language="en") for r in rows
    ]
    words = sum(len(a.text.split()) for a in articles)
    nlp = load_model(args.model)
    names = available_stages()
    # Load every stage's tables (lazily loaded on first need) on a separate small corpus first,
    # so the timings are steady-state per-article costs, not one-off loads.
    for row in make_corpus(50, args.seed + 1):
        warm_doc = nlp(row["text"])
        warm_art = Article(id=row["id"], text=row["text"], published=row.get("published"), language="en")
        warm = Context(article=warm_art, doc=warm_doc, sentences=sentences_of(warm_doc))
        for name in names:
            get_stage(name)(warm)

    started = time.perf_counter()
    docs = list(nlp.pipe((a.text for a in articles), batch_size=32))
    parse_s = time.perf_counter() - started
    print(f"corpus: {len(articles)} articles, {words} words; stages: {', '.join(names)}")
    print(f"spaCy parse: {parse_s:.1f} s ({words / parse_s:.0f} words/s)")
    # Two passes over fresh contexts: the first pays what a stage loads on first sight of
    # a name or a country (the gazetteer's per-country name buckets, look-up caches), the
    # second is the cost of an article once those are in memory, as in a long ingest.
    for label in ("first pass", "warm pass"):
        contexts = [
            Context(article=a, doc=d, sentences=sentences_of(d)) for a, d in zip(articles, docs, strict=True)
        ]
        print(f"{label}:")
        total = 0.0
        for name in names:
            fn = get_stage(name)
            started = time.perf_counter()
            for ctx in contexts:
                fn(ctx)
            spent = time.perf_counter() - started
            total += spent
            print(f"  {name:8} {spent:6.2f} s  {100 * spent / parse_s:5.1f}% of the parse")
        print(f"  all stages: {total:.2f} s, {100 * total / parse_s:.1f}% on top of the parse")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
