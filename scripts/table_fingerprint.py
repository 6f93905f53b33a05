"""One hash per output table of the whole pipeline on SOURCE: a refactor that claims "same tables" must
print the same lines before and after.

    python scripts/table_fingerprint.py SOURCE [--n-process N] [--no-cache]

Each table is hashed from its column names, dtypes and every value (as JSON, dates in ISO form), so a
change of order, type or content changes its hash. `problems` is left out: it names files, not results.
"""

from __future__ import annotations

import argparse
import hashlib
import sys

import pandas as pd

TABLES = ("articles", "lines", "mentions", "entity_counts", "timexes", "events")


def table_hash(table: pd.DataFrame) -> str:
    """sha256 of a table's columns, dtypes and values, in row order."""
    digest = hashlib.sha256()
    digest.update(repr([(str(name), str(dtype)) for name, dtype in table.dtypes.items()]).encode())
    digest.update(table.to_json(orient="values", date_format="iso", default_handler=str).encode())
    return digest.hexdigest()[:16]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("source")
    parser.add_argument("--n-process", type=int, default=None)
    parser.add_argument("--no-cache", action="store_true", help="parse again instead of reading the caches")
    args = parser.parse_args(argv)
    from toolkit.pipeline import run

    tables = run(args.source, n_process=args.n_process, cache=not args.no_cache, progress=False)
    for name in TABLES:
        print(f"{name:14} {len(tables[name]):>8} rows  {table_hash(tables[name])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
