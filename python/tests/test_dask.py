"""transferscore.dask on a LocalCluster of 2 worker processes: the CLI's verdicts, state and
report, byte for byte, also when a worker is killed in the middle of a shard."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed", reason="transferscore.dask needs distributed (Debian: python3-distributed)")

import transferscore as ts  # noqa: E402
import transferscore.dask as tsd  # noqa: E402
from conftest import QUICKSTART_RUNS, cli_flags  # noqa: E402
from corpus import write_corpus  # noqa: E402


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def single_machine(cli, tmp_path, paths, options):
    """`transferscore score` then `aggregate -s`: verdicts, state and JSON report."""
    verdicts = tmp_path / "single-verdicts.jsonl"
    state = tmp_path / "single-state.jsonl"
    cli.run("score", "-q", *cli_flags(options), *paths, "-o", verdicts)
    report = cli.output("aggregate", "-q", "-s", state, verdicts)
    return verdicts.read_bytes(), state.read_bytes(), report


@pytest.mark.parametrize("name,paths,options", QUICKSTART_RUNS, ids=[r[0] for r in QUICKSTART_RUNS])
def test_bundled_data_equals_one_machine(cli, client, tmp_path, name, paths, options):
    verdicts, state, report = single_machine(cli, tmp_path, paths, options)
    out = tmp_path / "out"
    run = tsd.score_sharded([str(p) for p in paths], out, client=client, shard_bytes=3000, report_format="json", **options)
    assert run["shards"] > 2 * len(paths) - 1
    assert Path(run["verdicts"]).read_bytes() == verdicts
    assert Path(run["state"]).read_bytes() == state
    assert run["report"].encode() == report
    assert Path(run["report_path"]).read_bytes() == report
    assert run["summary"]["records"] == len(verdicts.splitlines())
    assert not list(out.glob("parts/*.tmp"))


def test_states_of_all_runs_merge_as_the_cli_merges(cli, client, tmp_path):
    states, all_verdicts = [], []
    for name, paths, options in QUICKSTART_RUNS:
        run = tsd.score_sharded([str(p) for p in paths], tmp_path / name, client=client, shard_bytes=5000, **options)
        states.append(run["state"])
        all_verdicts.append(run["verdicts"])
    assert ts.merge(states, format="json").encode() == cli.output("aggregate", "-q", *all_verdicts)
    pairs = Path(QUICKSTART_RUNS[0][1][0]).parents[1] / "pairs.csv"
    groups = pairs.parent / "groups.json"
    expected = cli.output("transfer", "-q", "--pairs", pairs, "--groups", groups, "--format", "md", *all_verdicts)
    assert ts.transfer(states, pairs=str(pairs), groups=str(groups), format="md").encode() == expected


def test_dict_report_and_unconcatenated_parts(client, tmp_path):
    name, paths, options = QUICKSTART_RUNS[0]
    run = tsd.score_sharded([str(p) for p in paths], tmp_path / "out", client=client, shard_bytes=4000, concatenate=False,
                            **options)
    assert run["report"] == ts.aggregate(ts.score_file(paths, **options))
    assert isinstance(run["verdicts"], list) and len(run["verdicts"]) == run["shards"]
    single = tmp_path / "single.jsonl"
    ts.score_file(paths, single, **options)
    assert b"".join(Path(p).read_bytes() for p in run["verdicts"]) == single.read_bytes()


def test_options_are_checked_before_any_task(client, tmp_path):
    paths = [str(p) for p in QUICKSTART_RUNS[0][1]]
    with pytest.raises(ts.UsageError, match="--mode must be reference or paper, not 'best'"):
        tsd.score_sharded(paths, tmp_path, client=client, mode="best")
    with pytest.raises(ts.ConfigError, match="math: boxes must be"):
        tsd.score_sharded(paths, tmp_path, client=client, scorer="math", boxes="any")
    with pytest.raises(ts.InputError, match="cannot open .*nope.jsonl"):
        tsd.score_sharded([str(tmp_path / "nope.jsonl")], tmp_path, client=client)


class KillOnce:
    """A progress callback: the first time shard `victim` reports, it records its worker's
    pid and waits, so that the test can kill that process in the middle of the shard."""

    def __init__(self, marker: str, victim: int) -> None:
        self.marker = marker
        self.victim = victim

    def __call__(self, shard: int, done: int, total: int) -> None:
        if shard != self.victim or done >= total or os.path.exists(self.marker):
            return
        with open(self.marker + ".tmp", "w") as f:
            f.write(str(os.getpid()))
        os.replace(self.marker + ".tmp", self.marker)
        time.sleep(60)  # killed before this ends


def test_a_worker_killed_mid_shard_still_gives_the_exact_result(cli, client, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    write_corpus(corpus, 12)
    verdicts, state, report = single_machine(cli, tmp_path, [corpus], {})
    marker = str(tmp_path / "victim.pid")
    killed = {}

    def killer():
        deadline = time.time() + 120
        while not os.path.exists(marker) and time.time() < deadline:
            time.sleep(0.05)
        if os.path.exists(marker):
            pid = int(Path(marker).read_text())
            os.kill(pid, signal.SIGKILL)
            killed["pid"] = pid

    thread = threading.Thread(target=killer)
    thread.start()
    run = tsd.score_sharded([str(corpus)], tmp_path / "out", client=client, shard_bytes=3 << 20, report_format="json",
                            progress=KillOnce(marker, victim=1))
    thread.join()
    assert "pid" in killed, "the victim shard never reported progress"
    assert killed["pid"] not in client.run(os.getpid).values()  # that process is gone; its shard ran again
    assert Path(run["verdicts"]).read_bytes() == verdicts
    assert Path(run["state"]).read_bytes() == state
    assert run["report"].encode() == report
    assert not list((tmp_path / "out").glob("parts/*.tmp"))


@pytest.mark.large
def test_a_generated_200_mb_file_equals_one_machine(cli, client, tmp_path):
    corpus = tmp_path / "corpus-200mb.jsonl"
    write_corpus(corpus, 200)
    assert corpus.stat().st_size >= 200_000_000
    verdicts, state, report = single_machine(cli, tmp_path, [corpus], {})
    run = tsd.score_sharded([str(corpus)], tmp_path / "out", client=client, report_format="json")
    assert run["shards"] >= 6
    assert Path(run["verdicts"]).read_bytes() == verdicts
    assert Path(run["state"]).read_bytes() == state
    assert run["report"].encode() == report
