"""transferscore.dask throughput with 1 and 2 workers on a generated corpus (default 200 MB).

    PYTHONPATH=build/python /usr/bin/python3 python/bench/bench_dask.py [--mb 200] [--repeats 3] [--corpus FILE]

Each configuration is a LocalCluster of worker processes with one thread each, started and
warmed up (imports, a small run) before timing. A timed run is the whole score_sharded call:
plan, line counts, scoring every shard into verdict and state parts, merging the states and
writing the report and the joined verdict file. For scale, the same file is also scored in
this process with transferscore.score_file (one thread, no Dask). Medians of --repeats runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import transferscore as ts  # noqa: E402
import transferscore.dask as tsd  # noqa: E402
from corpus import write_corpus  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402


def timed(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=200)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--shard-mb", type=float, default=8)
    parser.add_argument("--corpus", help="an existing corpus to use instead of generating one")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="transferscore-bench-"))
    try:
        corpus = Path(args.corpus) if args.corpus else work / "corpus.jsonl"
        if not args.corpus:
            records = write_corpus(corpus, args.mb)
            print(f"generated {corpus.stat().st_size / 1e6:.0f} MB, {records} records", file=sys.stderr)
        size_mb = corpus.stat().st_size / 1e6
        shard_bytes = int(args.shard_mb * (1 << 20))

        results = {}
        in_process, _ = timed(lambda: ts.score_file([str(corpus)], str(work / "single.jsonl")), args.repeats)
        results["score_file, in process, 1 thread"] = in_process
        for workers in (1, 2):
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                    Client(cluster) as client:
                small = work / "small.jsonl"
                write_corpus(small, 2)
                tsd.score_sharded([str(small)], work / "warm", client=client, shard_bytes=256 << 10)
                out = work / f"out-{workers}"
                median, runs = timed(
                    lambda: tsd.score_sharded([str(corpus)], out, client=client, shard_bytes=shard_bytes), args.repeats
                )
                results[f"dask, {workers} worker{'s' if workers > 1 else ''}"] = median
                assert (out / "verdicts.jsonl").read_bytes() == (work / "single.jsonl").read_bytes()
        load = os.getloadavg()[0]
        print(f"{size_mb:.0f} MB corpus, shards of {args.shard_mb:g} MiB; {os.cpu_count()} CPUs, load {load:.1f} at the end")
        print()
        print("| run | seconds (median) | MB/s | speed-up over 1 worker |")
        print("|---|---|---|---|")
        one = results["dask, 1 worker"]
        for name, seconds in results.items():
            print(f"| {name} | {seconds:.2f} | {size_mb / seconds:.0f} | {one / seconds:.2f} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
