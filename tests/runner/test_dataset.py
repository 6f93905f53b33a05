"""A run into a folder writes each partition's tables as parts, whole tables for the reductions, and a
manifest; read back, the folder holds exactly the tables `run` returns."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow.parquet as pq

from toolkit.dataset import PARTITIONED, concat_parts, file_digest
from toolkit.pipeline import run, run_to_folder
from toolkit.tables import WHOLE

from ..conftest import DATA_DIR
from .conftest import assert_same_tables


def read_folder(out) -> dict[str, pd.DataFrame]:
    """The folder's tables in `run`'s order of names."""
    tables = concat_parts(out)
    whole = {name: pd.read_parquet(out / f"{name}.parquet") for name in WHOLE if (out / f"{name}.parquet").is_file()}
    order = ["problems", "articles", "lines", "skipped", "mentions", "entity_counts", "timexes", "events",
             "corpus_names", "story_events"]  # fmt: skip
    return {name: {**tables, **whole}[name] for name in order if name in {**tables, **whole}}


def test_the_bundled_corpus_read_back_from_its_parts_equals_the_tables_of_run(tmp_path):
    expected = run(DATA_DIR, n_process=1, progress=False)
    manifest = run_to_folder(DATA_DIR, tmp_path / "out", n_process=1, partition_size=60, progress=False)
    assert manifest["complete"] and manifest["partition_sizes"] == [60, 60, 60, 60, 56]
    assert sorted(p.name for p in (tmp_path / "out" / "mentions.parquet").iterdir()) == [
        f"part-0000{i}.parquet" for i in range(5)
    ]
    assert_same_tables(read_folder(tmp_path / "out"), expected)


def test_small_partitions_give_the_same_tables_and_one_schema_per_table(corpus, single, tmp_path):
    out = tmp_path / "out"
    manifest = run_to_folder(corpus, out, n_process=1, partition_size=1, cache=False, progress=False)
    assert len(manifest["partitions"]) == 10
    assert_same_tables(read_folder(out), single)
    for name in PARTITIONED:  # partitions with no value in a column wrote it as null, then were harmonised
        parts = (out / f"{name}.parquet").glob("part-*.parquet")
        schemas = {str(pq.read_schema(path).remove_metadata()) for path in parts}
        assert len(schemas) == 1, name


def test_the_manifest_records_fingerprints_rows_and_digests_of_every_file(corpus, tmp_path):
    out = tmp_path / "out"
    run_to_folder(corpus, out, until="entities", n_process=1, partition_size=4, cache=False, progress=False)
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["step"] == "entities" and manifest["partition_sizes"] == [4, 4, 2]
    assert len(manifest["corpus"]) == len(manifest["settings"]) == 64
    files = {name: info for entry in manifest["partitions"].values() for name, info in entry["files"].items()}
    files.update(manifest["tables"])
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.parquet") if p.is_file()}
    assert set(files) == on_disk
    for name, info in files.items():
        assert info["sha256"] == file_digest(out / name) and info["rows"] == pq.read_metadata(out / name).num_rows
    assert sum(files[f"articles.parquet/part-0000{i}.parquet"]["rows"] for i in range(3)) == 10
