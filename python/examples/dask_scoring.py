"""Scoring on a Dask cluster with transferscore.dask.

    /usr/bin/python3 python/examples/dask_scoring.py                      # a LocalCluster of 2 workers
    /usr/bin/python3 python/examples/dask_scoring.py tcp://scheduler:8786 # an existing cluster

The inputs must be readable at the same path by every worker (a shared filesystem). The
verdicts, the merged aggregate state and the report equal those of one machine, byte for byte.
"""

import pathlib
import sys
import tempfile

from distributed import Client, LocalCluster

import transferscore as ts
import transferscore.dask as tsd

data = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
inputs = [str(data / "generations" / f"math500.{m}.jsonl") for m in ("qwen3-14b-base", "qwen3-14b-rl")]
out = pathlib.Path(tempfile.mkdtemp(prefix="transferscore-dask-"))


def main(client):
    run = tsd.score_sharded(inputs, out, client=client, shard_bytes=16 << 10)
    print(f"{run['shards']} shards, {run['summary']['records']} verdicts in {run['verdicts']}")
    for row in run["report"]["results"]:
        print(f"{row['model']:15} {row['benchmark']:8} {100 * row['score']['value']:5.1f}")
    # the same as scoring on this machine
    single = out / "single.jsonl"
    ts.score_file(inputs, single)
    assert pathlib.Path(run["verdicts"]).read_bytes() == single.read_bytes()
    assert run["report"] == ts.aggregate(single)
    print("equal to a single-machine run")


if __name__ == "__main__":
    if len(sys.argv) > 1:
        with Client(sys.argv[1]) as client:
            main(client)
    else:
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
            main(client)
