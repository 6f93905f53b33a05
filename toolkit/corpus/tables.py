"""A corpus as one table (CSV, JSON Lines, Parquet) with a text column: its columns found by name, its
rows read batch by batch (pandas chunks, JSON lines, Parquet record batches) into article records."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from toolkit.corpus.articles import article_record
from toolkit.corpus.dates import parse_date
from toolkit.errors import CorpusError

TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet", ".pq"}

# Column names tried, in order, when a table's columns are not given explicitly.
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story", "full_text"),
    "id": ("article_id", "id", "doc_id", "docid", "uid"),
    "date": ("published", "date", "pubdate", "publish_date", "published_at", "publication_date", "datetime"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "site", "publisher"),
}

# Rows, and where a person finds each (its line, or its row in a Parquet file).
Batch = tuple[list[dict], list[int]]


def pick_column(
    columns: Sequence[object], role: str, given: str | None, path: Path, *, required: bool, hint: bool = True
) -> str | None:
    """The column among `columns` that plays `role`: `given`, else the first of `COLUMN_CANDIDATES[role]`
    present (any case). Missing and required: an error listing the columns found."""
    if given is not None:
        if given not in columns:
            raise CorpusError(f"{path}: no column {given!r} (columns: {', '.join(map(str, columns))})")
        return given
    lower = {str(c).lower(): c for c in columns}
    for name in COLUMN_CANDIDATES[role]:
        if name in lower:
            return lower[name]
    if required:
        raise CorpusError(
            f"{path}: no {role} column found (tried {', '.join(COLUMN_CANDIDATES[role])}; "
            f"columns: {', '.join(map(str, columns))})" + (f"; name it with {role}_column=" if hint else "")
        )
    return None


# --- reading a table in batches ----------------------------------------------------------------------


def _cannot_read(path: Path, exc: Exception) -> CorpusError:
    reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return CorpusError(f"{path}: cannot read table ({reason})")


def _read_guarded(path: Path, read: Callable[[Path], Any]) -> Any:
    """`read(path)`, any reader's error as one line naming the file."""
    try:
        return read(path)
    except CorpusError:
        raise
    except Exception as exc:
        raise _cannot_read(path, exc) from None


def _guarded(path: Path, batches: Iterator[Batch]) -> Iterator[Batch]:
    """The batches, any reader's error (pandas and pyarrow raise many types) as one line naming the file."""
    try:
        yield from batches
    except CorpusError:
        raise
    except Exception as exc:
        raise _cannot_read(path, exc) from None


def _csv_batches(path: Path, batch_rows: int | None) -> Iterator[Batch]:
    """The rows of a CSV table with their line numbers; in chunks of `batch_rows`, the file closed however
    the reading ends (an error on a later row, or a reader that stops early)."""
    if batch_rows is None:
        frame = pd.read_csv(path, **_CSV_OPTIONS)
        yield frame.to_dict("records"), list(range(2, 2 + len(frame)))
        return
    line = 2
    with pd.read_csv(path, chunksize=batch_rows, **_CSV_OPTIONS) as frames:
        for frame in frames:
            yield frame.to_dict("records"), list(range(line, line + len(frame)))
            line += len(frame)


def _json_lines(path: Path) -> Iterator[tuple[int, dict]]:
    """One JSON object per line (blank lines allowed), with its line number; a line that is not one is an
    error naming it. Values are kept as JSON gives them (no date or number guessing)."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8"))
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}, line {number}: not valid UTF-8 (byte {exc.start + 1})") from None
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}, line {number}: not valid JSON ({exc.msg}, column {exc.colno})") from None
            if not isinstance(row, dict):
                raise CorpusError(f"{path}, line {number}: not a JSON object but {type(row).__name__}")
            yield number, row


def _json_batches(path: Path, batch_rows: int | None) -> Iterator[Batch]:
    rows: list[dict] = []
    lines: list[int] = []
    for number, row in _json_lines(path):
        rows.append(row)
        lines.append(number)
        if batch_rows is not None and len(rows) >= batch_rows:
            yield rows, lines
            rows, lines = [], []
    if rows:
        yield rows, lines


def _parquet_batches(path: Path, batch_rows: int | None) -> Iterator[Batch]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.ParquetFile(path)
    row = 1
    for batch in table.iter_batches(batch_size=batch_rows or max(1, table.metadata.num_rows)):
        # Integers with gaps stay integers (not floats) whatever the batch: an id reads the same in each.
        frame = pa.Table.from_batches([batch], schema=table.schema_arrow).to_pandas(integer_object_nulls=True)
        yield frame.to_dict("records"), list(range(row, row + len(frame)))
        row += len(frame)


_CSV_OPTIONS = {"dtype": str, "keep_default_na": False, "encoding": "utf-8-sig"}


def _columns(path: Path) -> list[object]:
    """The table's columns as its rows name them (a JSON Lines file's keys in the order first met)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return list(pd.read_csv(path, nrows=0, **_CSV_OPTIONS).columns)
    if suffix in (".jsonl", ".ndjson"):
        keys: dict[object, None] = {}
        for _, row in _json_lines(path):
            keys.update(dict.fromkeys(row))
        return list(keys)
    import pyarrow.parquet as pq

    return list(pq.ParquetFile(path).schema_arrow.empty_table().to_pandas().columns)


def _count_rows(path: Path) -> int:
    """The table's number of rows, read without holding them."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return sum(len(frame) for frame in pd.read_csv(path, chunksize=10_000, usecols=[0], **_CSV_OPTIONS))
    if suffix in (".jsonl", ".ndjson"):
        return sum(1 for _ in _json_lines(path))
    import pyarrow.parquet as pq

    return pq.ParquetFile(path).metadata.num_rows


def _batches(path: Path, batch_rows: int | None) -> Iterator[Batch]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return _guarded(path, _csv_batches(path, batch_rows))
    if suffix in (".jsonl", ".ndjson"):
        return _guarded(path, _json_batches(path, batch_rows))
    return _guarded(path, _parquet_batches(path, batch_rows))


# --- rows to records ---------------------------------------------------------------------------------


def read_table_rows(
    path: Path, columns: dict[str, str | None], seen: MutableMapping[str, object], *, strict: bool,
    batch_rows: int | None,
) -> Iterator[dict | tuple]:  # fmt: skip
    """Each row of the table in order: an article record, or a problem tuple (`problems` row) for a row
    skipped. `columns` gives the role columns by name (None: found by name); `seen` collects the ids met
    (id -> line), so a duplicate stops the read; the rows are read `batch_rows` at a time (None: at once)."""
    names = _read_guarded(path, _columns)
    text_col = pick_column(names, "text", columns["text"], path, required=True)
    id_col = pick_column(names, "id", columns["id"], path, required=False)
    date_col = pick_column(names, "date", columns["date"], path, required=False)
    extra = [(pick_column(names, role, columns.get(role), path, required=False), role)
             for role in ("title", "url", "source")]  # fmt: skip
    width = 0  # of the ids made up for rows without one: the digits of the row count, counted when first needed
    label = "line" if path.suffix.lower() != ".parquet" else "row"
    i = -1
    for rows, lines in _batches(path, batch_rows):
        for row, line in zip(rows, lines, strict=True):
            i += 1
            where = f"{path}, {label} {line}"
            if id_col and _present(row.get(id_col)):
                article_id = str(row[id_col]).strip()
            else:
                width = width or len(str(_read_guarded(path, _count_rows)))
                article_id = f"{path.stem}_{i + 1:0{width}d}"
            if article_id in seen:
                raise CorpusError(f"{where}: duplicate article id {article_id!r} (also row {seen[article_id]})")
            seen[article_id] = line
            raw = row.get(text_col)
            if _present(raw) and not isinstance(raw, str):  # its repr would become the article's text
                raise CorpusError(f"{where}: column {text_col!r} holds {_kind(raw)}, not text")
            if not _present(raw) or not raw.strip():
                if strict:
                    raise CorpusError(f"{where}: empty text")
                yield (where, article_id, "empty text", "skipped")
                continue
            yield _table_record(row, article_id, where, raw, date_col, extra)
    if i < 0:
        raise CorpusError(f"{path}: the table has no rows")


def _table_record(row: dict, article_id: str, where: str, raw: str, date_col: str | None,
                  extra: list[tuple[str | None, str]]) -> dict:  # fmt: skip
    text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    record = article_record(article_id, where, text, hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest())
    if date_col:
        record["published"] = parse_date(row.get(date_col), where=where)
        record["date_source"] = "none" if pd.isna(record["published"]) else "metadata"
    for column, key in extra:
        if column and _present(row.get(column)) and str(row[column]).strip():
            record[key] = str(row[column])
    return record


def _present(value: object) -> bool:
    """Not a missing value (None, NaN, pandas' NA or NaT), which a table's empty cells are read as."""
    return not (value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value))


def _kind(value: object) -> str:
    """What a non-text cell holds, as a person says it."""
    if isinstance(value, bool | np.bool_):
        return "a boolean"
    if isinstance(value, int | float | np.number):
        return "a number"
    if isinstance(value, bytes | bytearray):
        return "bytes"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple | np.ndarray):
        return "a list"
    return f"a {type(value).__name__}"
