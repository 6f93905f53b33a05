"""A run into a folder that holds part of a run of the same corpus and settings computes only the partitions
that are missing or damaged, and its tables equal those of an uninterrupted run; anything else starts over."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from toolkit import dataset
from toolkit.errors import ToolkitError
from toolkit.pipeline import run_to_folder

from ..conftest import DATA_DIR
from .conftest import assert_same_tables
from .test_dataset import read_folder


def interrupt_after(out: Path, n_done: int) -> None:
    """Make `out` look like a run killed after its first `n_done` partitions."""
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    for index in [i for i in manifest["partitions"] if int(i) >= n_done]:
        for name in manifest["partitions"].pop(index)["files"]:
            (out / name).unlink()
    for name in manifest.pop("tables"):
        (out / name).unlink()
    manifest["complete"] = False
    (out / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")


@pytest.fixture
def calls(monkeypatch) -> list[list[str]]:
    """The article ids of every partition processed from now on."""
    seen: list[list[str]] = []
    real = dataset.process_partition

    def recording(articles, *args):
        seen.append(list(articles["article_id"]))
        return real(articles, *args)

    monkeypatch.setattr(dataset, "process_partition", recording)
    return seen


def test_a_resumed_run_computes_only_the_missing_partitions(corpus, single, tmp_path, calls):
    out = tmp_path / "out"
    run_to_folder(corpus, out, n_process=1, partition_size=3, cache=False, progress=False)
    interrupt_after(out, 2)
    calls.clear()
    manifest = run_to_folder(corpus, out, n_process=1, partition_size=5, cache=False, progress=False)
    assert manifest["resumed"] == 2 and manifest["partition_sizes"] == [3, 3, 3, 1]  # the first run's partitions
    assert [len(ids) for ids in calls] == [3, 1]
    assert_same_tables(read_folder(out), single)


def test_a_damaged_part_is_computed_again(corpus, single, tmp_path, calls):
    out = tmp_path / "out"
    run_to_folder(corpus, out, n_process=1, partition_size=4, cache=False, progress=False)
    part = out / "mentions.parquet" / "part-00001.parquet"
    part.write_bytes(part.read_bytes()[:100])
    calls.clear()
    assert run_to_folder(corpus, out, n_process=1, partition_size=4, cache=False, progress=False)["resumed"] == 2
    assert [len(ids) for ids in calls] == [4]
    assert_same_tables(read_folder(out), single)


def test_other_settings_start_over_and_leave_no_part_of_the_old_run(corpus, single, tmp_path):
    out = tmp_path / "out"
    run_to_folder(corpus, out, until="entities", n_process=1, partition_size=2, cache=False, progress=False)
    with pytest.raises(ToolkitError, match="no finished partition of a run of this corpus and these settings"):
        run_to_folder(corpus, out, n_process=1, partition_size=4, cache=False, progress=False, resume=True)
    manifest = run_to_folder(corpus, out, n_process=1, partition_size=4, cache=False, progress=False)
    assert manifest["resumed"] == 0 and manifest["partition_sizes"] == [4, 4, 2]
    assert sorted(p.name for p in (out / "mentions.parquet").iterdir()) == [f"part-0000{i}.parquet" for i in range(3)]
    assert_same_tables(read_folder(out), single)


N_ARTICLES, PARTITION = 40, 4


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "toolkit.cli", *map(str, args), "--partition-size", str(PARTITION), "--quiet"]


def test_a_cli_run_killed_mid_way_resumes_to_the_tables_of_a_fresh_run(tmp_path):
    corpus = tmp_path / "corpus"
    (corpus / "raw").mkdir(parents=True)
    for path in sorted((DATA_DIR / "raw").glob("*.txt"))[:N_ARTICLES]:
        shutil.copyfile(path, corpus / "raw" / path.name)
    out = tmp_path / "out"
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "cache")}
    killed = subprocess.Popen(command("timeline", corpus, "--out", out), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    deadline = time.monotonic() + 300
    finished = []
    while time.monotonic() < deadline and not finished and killed.poll() is None:
        time.sleep(0.05)
        finished = (dataset.read_manifest(out) or {}).get("partitions", {})
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    assert finished, "the run was killed before it finished a partition"
    assert len(dataset.read_manifest(out)["partitions"]) < N_ARTICLES // PARTITION, "the run was not stopped mid-way"

    again = subprocess.run(command("timeline", corpus, "--out", out), env=env, capture_output=True, text=True,
                           timeout=600, check=False)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert int(re.search(r"(\d+) partitions resumed", again.stdout).group(1)) >= 1
    fresh = subprocess.run(command("timeline", corpus, "--out", tmp_path / "fresh"), capture_output=True,
                           text=True, timeout=600, check=False,
                           env={**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "fresh-cache")})  # fmt: skip
    assert fresh.returncode == 0, fresh.stderr
    for name, table in read_folder(tmp_path / "fresh").items():
        pd.testing.assert_frame_equal(read_folder(out)[name], table, obj=name)


def test_a_shorter_run_into_the_folder_of_a_longer_one_leaves_none_of_its_tables(corpus, tmp_path):
    out = tmp_path / "out"
    run_to_folder(corpus, out, until="entities", n_process=1, partition_size=4, cache=False, progress=False)
    run_to_folder(corpus, out, until="clean", n_process=1, partition_size=4, cache=False, progress=False)
    assert not (out / "entity_counts.parquet").exists() and not list((out / "mentions.parquet").iterdir())
    assert sorted(tables_open_names(out)) == ["articles", "lines", "problems"]


def tables_open_names(out: Path) -> list[str]:
    from toolkit import tables

    with tables.open(out) as opened:
        return opened.names


def test_a_single_file_table_of_an_earlier_run_is_replaced_by_its_folder_of_parts(corpus, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    pd.DataFrame({"article_id": ["old"]}).to_parquet(out / "mentions.parquet")
    run_to_folder(corpus, out, until="entities", n_process=1, partition_size=5, cache=False, progress=False)
    assert (out / "mentions.parquet").is_dir() and len(pd.read_parquet(out / "mentions.parquet")) > 1
