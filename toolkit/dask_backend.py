"""The partitions of `toolkit.runner` on a dask.distributed cluster: a client submits the same per-partition
tasks as the local pool does, so the tables are the same. Written into a folder (`write_on_cluster`), each
partition's parts are written by the worker that processed it: the folder must be on a disk every worker
sees (a shared filesystem, or one machine)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.runner import Articles, StageConfig, run_partitions


def connect(address: str) -> Any:
    """A Dask client for the scheduler at `address` (`tcp://host:8786`), or for a new local cluster with
    one single-threaded worker process per core when `address` is `local`."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - dask[distributed] is a dependency
        raise ToolkitError("the Dask scheduler needs `pip install 'dask[distributed]'`") from None
    if address == "local":
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        return Client(LocalCluster(n_workers=cores, threads_per_worker=1, processes=True, dashboard_address=None))
    try:
        return Client(address, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise ToolkitError(f"cannot reach the Dask scheduler at {address} ({exc})") from None


def disconnect(client: Any, *, close_cluster: bool) -> None:
    """Close `client`, and the local cluster `connect("local")` started for it when `close_cluster`."""
    cluster = getattr(client, "cluster", None) if close_cluster else None
    client.close()
    if cluster is not None:
        cluster.close()


def worker_threads(client: Any) -> int:
    """How many tasks the cluster runs at once: the threads of all its workers (1 when it cannot say)."""
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:  # noqa: BLE001 - scheduler unreachable: the first submit will say so
        return 1


def run_on_cluster(articles: pd.DataFrame, config: StageConfig, client: Any, **options: Any) -> dict[str, pd.DataFrame]:
    """`runner.run_partitions` with the tasks on `client`'s cluster. Each worker caches parsed Docs in its
    own default cache directory (the client's path may not exist on the workers' machines)."""
    return run_partitions(articles, replace(config, cache_dir=None), executor=client, workers=worker_threads(client),
                          **options)  # fmt: skip


def write_on_cluster(articles: Articles, config: StageConfig, client: Any, out_dir: str | os.PathLike[str],
                     **options: Any) -> dict[str, Any]:  # fmt: skip
    """`dataset.write_partitions` with the tasks on `client`'s cluster, each worker writing its partitions'
    parts into `out_dir` (made absolute: the workers' working folder is not the client's). The result
    cache stays on the client (the workers do not fill it)."""
    from toolkit.dataset import write_partitions

    return write_partitions(articles, replace(config, cache_dir=None), Path(out_dir).resolve(), executor=client,
                            workers=worker_threads(client), cache_in_workers=False, **options)  # fmt: skip
