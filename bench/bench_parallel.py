"""Parallel ingest benchmark: ``ceasefire ingest`` serial against ``--workers N`` (Dask).

Writes the seeded corpus of ``bench_ingest.py`` (imported, not repeated) to a
JSONL file, then ingests it into a fresh temporary database twice, each run in
a fresh Python process so that start-up and memory are counted honestly:

  serial    the in-process path (``--workers 1``): model load + ingest;
  parallel  ``--workers N``: local cluster start-up, one model load per worker,
            ingest with storage in the main process.

Linking (run once at the end of ``ceasefire ingest`` either way) is left out.
It prints wall time, articles/s, words/s, the speed-up, the peak memory of the
main process and of the largest worker, and checks that both databases hold
the same documents.  It asserts no speed.

    .venv/bin/python bench/bench_parallel.py --articles 2000 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_ingest import make_corpus, peak_rss_mib  # noqa: E402  (the sibling benchmark's generator)


def children_peak_mib() -> float:
    """Peak resident memory of the largest finished child process (the Dask workers)."""
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return peak / (1024 * 1024) if platform.system() == "Darwin" else peak / 1024


def cpu_seconds(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def run_one(mode: str, source: str, db: str, workers: int, batch_size: int, model: str | None) -> dict:
    """One ingest in this process; what it took, as a dict."""
    from ceasefire.commands._common import Tally, articles_from
    from ceasefire.store import ingest_articles, open_store

    store = open_store(f"sqlite:///{db}")
    first: list[float] = []
    t0 = time.perf_counter()

    def progress(n: int) -> None:
        if not first:
            first.append(time.perf_counter() - t0)

    articles = articles_from([source], None, Tally(), quiet=True)
    startup = None
    if mode == "serial":
        from ceasefire.nlp import load_model

        load_model(model)
        startup = time.perf_counter() - t0
        result = ingest_articles(store, articles, model=model, batch_size=batch_size, progress=progress)
    else:
        from ceasefire.scale.dask import ingest_parallel

        result = ingest_parallel(
            store, articles, workers=workers, model=model, batch_size=batch_size, progress=progress
        )
    seconds = time.perf_counter() - t0
    store.close()
    return {
        "seconds": seconds,
        "startup": startup,
        "first_batch": first[0] if first else None,
        "stored": result.stored,
        "refused": len(result.refused),
        "cpu_main": cpu_seconds(resource.RUSAGE_SELF),
        "cpu_workers": cpu_seconds(resource.RUSAGE_CHILDREN),
        "peak_main": peak_rss_mib(),
        "peak_worker": children_peak_mib() if mode == "parallel" else None,
    }


def documents(db: str) -> dict[str, str]:
    from ceasefire.store import open_store

    with open_store(f"sqlite:///{db}") as store:
        return {d.article.id: d.model_dump_json() for d in store.iter_documents()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the parallel run")
    parser.add_argument("--batch-size", type=int, default=64, help="articles per batch and transaction")
    parser.add_argument("--model", default=None, help="spaCy model: md (default) or sm")
    parser.add_argument("--seed", type=int, default=13, help="corpus seed")
    parser.add_argument("--run", choices=["serial", "parallel"], help=argparse.SUPPRESS)
    parser.add_argument("--source", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.workers < 2 or args.batch_size < 1:
        parser.error("--articles and --batch-size must be at least 1, --workers at least 2")

    if args.run:  # a child run: print the figures as one JSON line
        figures = run_one(args.run, args.source, args.db, args.workers, args.batch_size, args.model)
        print(json.dumps(figures))
        return 0

    corpus = make_corpus(args.articles, args.seed)
    words = sum(len(a["text"].split()) for a in corpus)
    print(f"corpus: {len(corpus)} articles, {words} words, seed {args.seed}; batch size {args.batch_size}")
    print(
        f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs visible "
        f"(figures are only comparable on the same machine, run one after the other)"
    )
    runs: dict[str, dict] = {}
    with tempfile.TemporaryDirectory(prefix="ceasefire-bench-parallel-") as tmp:
        source = Path(tmp) / "corpus.jsonl"
        source.write_text("".join(json.dumps(a) + "\n" for a in corpus), encoding="utf-8")
        for mode in ("serial", "parallel"):
            db = str(Path(tmp) / f"{mode}.db")
            cmd = [sys.executable, __file__, "--run", mode, "--source", str(source), "--db", db]
            cmd += ["--workers", str(args.workers), "--batch-size", str(args.batch_size)]
            if args.model:
                cmd += ["--model", args.model]
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return done.returncode
            runs[mode] = json.loads(done.stdout.strip().splitlines()[-1])
            runs[mode]["db"] = db
        same = documents(runs["serial"]["db"]) == documents(runs["parallel"]["db"])

    for mode, label in (("serial", "serial (--workers 1)"), ("parallel", f"--workers {args.workers}")):
        r = runs[mode]
        s = r["seconds"]
        line = (
            f"{label:>22}: {s:6.1f} s, {r['stored'] / s:6.1f} articles/s, {words / s:7.0f} words/s; "
            f"peak memory main {r['peak_main']:.0f} MiB"
        )
        line += f"; CPU {r['cpu_main']:.0f} s in the main process"
        if mode == "parallel":
            line += f", {r['cpu_workers']:.0f} s in the workers"
        if r["peak_worker"] is not None:
            line += f", largest worker {r['peak_worker']:.0f} MiB"
        if r["startup"] is not None:
            line += f"; of which model load {r['startup']:.1f} s"
        if mode == "parallel" and r["first_batch"] is not None:
            line += f"; first batch back after {r['first_batch']:.1f} s (cluster start-up + model loads)"
        print(line)
    print(
        f"speed-up (serial time / parallel time): {runs['serial']['seconds'] / runs['parallel']['seconds']:.2f}x"
    )
    print(f"same documents in both databases: {'yes' if same else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
