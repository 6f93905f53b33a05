"""The same partitions on a Dask cluster give exactly the single-process tables."""

from __future__ import annotations

import pytest

from toolkit.pipeline import run

from .conftest import assert_same_tables


def test_dask_local_cluster_with_two_workers(corpus, single):
    distributed = pytest.importorskip("dask.distributed")
    from toolkit.dask_backend import worker_threads

    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        assert worker_threads(client) == 2
        got = run(corpus, client=client, partition_size=3, cache=False, progress=False)
        assert len(client.scheduler_info()["workers"]) == 2
    assert_same_tables(got, single)

