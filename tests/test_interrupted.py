"""Nothing lost: raw files stay byte-identical, and a run killed at any moment leaves complete outputs
or none, with the next run repairing what the killed one left in the cache."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from .conftest import DATA_DIR

N_ARTICLES = 40


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A copy of the first articles of the bundled corpus with their metadata."""
    folder = tmp_path / "corpus"
    (folder / "raw").mkdir(parents=True)
    names = sorted(p.name for p in (DATA_DIR / "raw").glob("*.txt"))[:N_ARTICLES]
    for name in names:
        shutil.copyfile(DATA_DIR / "raw" / name, folder / "raw" / name)
    meta = pd.read_csv(DATA_DIR / "metadata.csv", dtype=str, keep_default_na=False)
    meta[meta["article_id"].isin({n[:-4] for n in names})].to_csv(folder / "metadata.csv", index=False)
    return folder


def command(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "toolkit.cli", *map(str, args), "--quiet"]


def test_every_command_leaves_raw_files_byte_identical(corpus, tmp_path):
    before = digests(corpus)
    for step in ("clean", "entities", "timeline"):
        result = subprocess.run(command(step, corpus, "--out", tmp_path / step), capture_output=True, text=True,
                                timeout=600, check=False)
        assert result.returncode == 0, result.stderr
    assert digests(corpus) == before


def test_a_killed_run_leaves_whole_files_and_the_next_run_recovers(corpus, tmp_path):
    env = {**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "cache")}
    out = tmp_path / "out"
    killed = subprocess.Popen(command("timeline", corpus, "--out", out), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    # Kill it once it has started writing its parse cache, i.e. in the middle of the work.
    while time.monotonic() < deadline and not any((tmp_path / "cache").rglob("*.doc")):
        time.sleep(0.05)
    killed.send_signal(signal.SIGKILL)
    killed.wait(timeout=30)
    for table in out.glob("*.parquet") if out.exists() else []:
        pd.read_parquet(table)  # whatever exists is whole
    # Damage what a kill at a worse moment could leave: a truncated cache entry.
    entries = sorted((tmp_path / "cache").rglob("*.doc"))
    assert entries, "the run was killed before it parsed anything"
    entries[0].write_bytes(entries[0].read_bytes()[: 10])

    again = subprocess.run(command("timeline", corpus, "--out", out), env=env, capture_output=True, text=True,
                           timeout=600, check=False)
    assert again.returncode == 0, again.stderr
    fresh = subprocess.run(command("timeline", corpus, "--out", tmp_path / "fresh"), capture_output=True,
                           text=True, timeout=600, check=False,
                           env={**os.environ, "TOOLKIT_CACHE_DIR": str(tmp_path / "fresh-cache")})
    assert fresh.returncode == 0, fresh.stderr
    for name in ("articles", "mentions", "timexes", "events"):
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                      pd.read_parquet(tmp_path / "fresh" / f"{name}.parquet"))
