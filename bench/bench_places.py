"""Place resolution speed: toponyms per second through the gazetteer, in context.

Two sources of toponyms:

- by default, the seeded generated corpus of bench_ingest.py: each article is parsed
  once, its toponyms are recognised (``resolve.places.recognise``) and then only the
  resolution (``resolve.places.resolve``, with the article's text as context) is timed;
- ``--geo lgl`` (or ``geowebnews``, ``tr-news``): the gold toponym spans of that set under
  ../shared/eval/geo, read in place and never copied, so the speed is measured on real
  news with no parse at all.

The first pass, which fills the gazetteer's caches, is printed on its own; then the
warm runs are timed and the best is printed. It asserts nothing.

    .venv/bin/python bench/bench_places.py
    .venv/bin/python bench/bench_places.py --geo lgl
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import make_corpus  # noqa: E402
from ceasefire.eval import data_dir  # noqa: E402
from ceasefire.eval.geo import read_gwn, read_lgl  # noqa: E402
from ceasefire.nlp import load_model  # noqa: E402
from ceasefire.resolve.gazetteer import Gazetteer, open_gazetteer  # noqa: E402
from ceasefire.resolve.places import Mention, recognise, resolve  # noqa: E402

GEO_FILES = {
    "lgl": ("lgl.xml", read_lgl),
    "geowebnews": ("GWN.xml", read_gwn),
    "tr-news": ("TR-News.xml", read_lgl),
}


def generated(n: int, seed: int, gaz: Gazetteer) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """(text, toponym spans) of the generated corpus, recognised once by the places stage."""
    nlp = load_model()
    texts = [a["text"] for a in make_corpus(n, seed)]
    out = []
    for doc in nlp.pipe(texts, batch_size=32):
        spans = [(m.start, m.end, m.query) for m in recognise(doc, gaz=gaz)]
        out.append((doc.text, spans))
    return out


def gold(name: str) -> list[tuple[str, list[tuple[int, int, str]]]] | None:
    folder = data_dir(name)
    if folder is None:
        return None
    filename, reader = GEO_FILES[name]
    out = []
    for art in reader(folder / filename):
        out.append((art.text, [(g.start, g.end, art.text[g.start : g.end]) for g in art.toponyms]))
    return out


def run_once(articles: list[tuple[str, list[tuple[int, int, str]]]], gaz: Gazetteer) -> int:
    n = 0
    for text, spans in articles:
        mentions = [Mention(s, e, q) for s, e, q in spans]
        n += len(mentions)
        resolve(mentions, gaz, text=text)
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=500, help="generated corpus size (default 500)")
    parser.add_argument("--seed", type=int, default=13, help="corpus seed")
    parser.add_argument(
        "--geo", choices=sorted(GEO_FILES), default=None, help="time a gold geo set's spans instead"
    )
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is reported (default 3)")
    args = parser.parse_args(argv)

    gaz = open_gazetteer()
    if args.geo:
        articles = gold(args.geo)
        if articles is None:
            print(f"bench_places: no ../shared/eval data for {args.geo} on this machine", file=sys.stderr)
            return 1
        label = args.geo
    else:
        articles = generated(args.articles, args.seed, gaz)
        label = f"generated corpus ({args.articles} articles, seed {args.seed})"
    t0 = time.perf_counter()
    n = run_once(articles, gaz)  # the first pass fills the gazetteer's caches
    first = time.perf_counter() - t0
    best = float("inf")
    n = 0
    for _ in range(max(1, args.repeat)):
        t0 = time.perf_counter()
        n = run_once(articles, gaz)
        best = min(best, time.perf_counter() - t0)
    rate = n / best if best > 0 else float("inf")
    print(f"{label}: {len(articles)} articles, {n} toponyms")
    print(f"first pass (cold caches): {first:.3f} s, {n / first:,.0f} toponyms/s on one core")
    print(f"resolution in context: {best:.3f} s (best of {args.repeat}), {rate:,.0f} toponyms/s on one core")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
