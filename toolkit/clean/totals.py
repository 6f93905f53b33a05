"""The corpus-wide line repetition counts, summed partition by partition on disk rather than in memory.

A corpus of a million articles has tens of millions of distinct lines, nearly all of them in one article
only; the rule that reads the counts (`repetition.mark_repeated`) needs just the lines that reach its floor
(a share of the corpus). So each partition's counts are written to a Parquet file in a temporary folder as
they arrive, and once every partition is counted, DuckDB sums them (spilling to disk past its memory limit)
and returns only the lines at or above the floor: what the main process holds no longer grows with the
corpus, and the lines marked are exactly those the whole counts would mark.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from toolkit.clean.options import options
from toolkit.clean.repetition import LineCounts, repeat_floor

DUCKDB_MEMORY_LIMIT = "256MB"  # past this the sum spills to the temporary folder


class LineTotals:
    """Line counts of the partitions of a corpus, added one partition at a time (`add`), then read as the
    `LineCounts` of the lines frequent enough to be boilerplate (`frequent`). Use it as a context manager:
    the temporary folder is removed on exit."""

    def __init__(self, clean_options: Mapping[str, Any] | None = None) -> None:
        self.opts = options(**dict(clean_options or {}))
        self.n_articles = 0
        self.n_parts = 0
        self._folder = tempfile.TemporaryDirectory(prefix="toolkit-line-counts-")

    def __enter__(self) -> LineTotals:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        """Remove the temporary folder of partition counts."""
        self._folder.cleanup()

    def add(self, part: LineCounts) -> None:
        """One more partition's counts (`line_repetition_counts` of its articles), written to disk."""
        table = pa.table({"key": pa.array(list(part), pa.string()), "n": pa.array(list(part.values()), pa.int32())})
        pq.write_table(table, Path(self._folder.name) / f"part-{self.n_parts:06d}.parquet")
        self.n_parts += 1
        self.n_articles += part.n_articles

    def frequent(self) -> LineCounts:
        """Corpus-wide counts of the lines occurring in at least `repetition.repeat_floor` articles (the only
        ones the repetition rule marks), with `n_articles` the number of articles added."""
        counts = LineCounts(n_articles=self.n_articles)
        if not self.n_parts:
            return counts
        import duckdb

        connection = duckdb.connect(config={"memory_limit": DUCKDB_MEMORY_LIMIT, "temp_directory": self._folder.name,
                                            "threads": 1})  # fmt: skip
        try:
            rows = connection.execute(
                "SELECT key, sum(n) FROM read_parquet(?) GROUP BY key HAVING sum(n) >= ?",
                [os.path.join(self._folder.name, "part-*.parquet"), repeat_floor(self.n_articles, self.opts)],
            ).fetchall()
        finally:
            connection.close()
        counts.update({key: int(n) for key, n in rows})
        return counts
