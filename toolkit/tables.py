"""The tables of an output folder (`toolkit clean|entities|timeline ... --out DIR`) read lazily: DuckDB views
over the Parquet parts, so millions of mention rows are filtered and aggregated in SQL without loading them.

    tables = toolkit.tables.open("out/")
    tables.sql("SELECT canonical, count(*) AS n FROM mentions GROUP BY canonical ORDER BY n DESC LIMIT 10").df()
    tables["mentions"].filter("label = 'ORG'").aggregate("article_id, count(*)").df()
    tables.dataset("mentions")          # the same parts as a pyarrow dataset (pandas, polars, ...)

`events` is ordered as `run` orders it (by date); the other tables are in corpus order.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.dataset as ds

from toolkit.dataset import EVENT_ORDER, MANIFEST, PARTITIONED
from toolkit.errors import ToolkitError

WHOLE = ("entity_counts", "corpus_names", "story_events", "problems")


class Tables:
    """The tables of one output folder as DuckDB views of a private in-memory connection."""

    def __init__(self, out_dir: Path, connection: duckdb.DuckDBPyConnection, names: list[str]) -> None:
        self.out_dir = out_dir
        self.connection = connection
        self.names = names

    def __getitem__(self, name: str) -> duckdb.DuckDBPyRelation:
        """The table `name` as a lazy DuckDB relation (`.df()`, `.arrow()`, `.filter(...)`, `.aggregate(...)`)."""
        if name not in self.names:
            raise KeyError(f"{self.out_dir} has no table {name!r} (it has {', '.join(self.names)})")
        return self.connection.table(name)

    def __contains__(self, name: object) -> bool:
        return name in self.names

    def sql(self, query: str) -> duckdb.DuckDBPyRelation:
        """A SQL query over the tables, which it names as views (`mentions`, `lines`, ...)."""
        return self.connection.sql(query)

    def dataset(self, name: str) -> ds.Dataset:
        """The table `name` as a pyarrow dataset: scanned, filtered and batched without loading it."""
        if name not in self.names:
            raise KeyError(f"{self.out_dir} has no table {name!r}")
        return ds.dataset(self.out_dir / f"{name}.parquet", format="parquet")

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Tables:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


def open(out_dir: str | os.PathLike[str]) -> Tables:  # noqa: A001 - `toolkit.tables.open`, as the issue asks
    """The tables of the output folder `out_dir`, lazily; a `ToolkitError` naming the folder when it holds
    no finished run."""
    out = Path(out_dir)
    if not (out / MANIFEST).is_file():
        raise ToolkitError(f"{out}: not an output folder of toolkit (no {MANIFEST})")
    connection = duckdb.connect()
    names = []
    for name in PARTITIONED:
        if any((out / f"{name}.parquet").glob("part-*.parquet")):
            order = f" ORDER BY {', '.join(EVENT_ORDER)} NULLS LAST" if name == "events" else ""
            source = _quoted(str(out / f"{name}.parquet" / "part-*.parquet"))
            connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({source}){order}")
            names.append(name)
    for name in WHOLE:
        if (out / f"{name}.parquet").is_file():
            source = _quoted(str(out / f"{name}.parquet"))
            connection.execute(f"CREATE VIEW {name} AS SELECT * FROM read_parquet({source})")
            names.append(name)
    return Tables(out, connection, names)


def _quoted(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"
