"""The result cache: each partition's tables on disk, so a warm re-run reads a few files instead of parsing.

An entry is one file, `root/<key[:2]>/<key>.tables`: a header (magic, format version, the entry's key, the
sha256 of the payload) and a payload of Arrow IPC streams, one per table. Nothing read back runs code (no
pickle): the header is checked, then the payload's digest, and only then are the tables parsed, so a
damaged, foreign or stale file is recomputed with a warning that names it, never trusted.

Object columns are stored as Arrow strings when they hold only strings and None; any other object column
(lists such as `events.entities`, mixed scalars) is stored as one JSON text per value and read back with
its Python types, so every table round-trips exactly, dtypes included.
"""

from __future__ import annotations

import hashlib
import json
import struct
import warnings
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa

from toolkit.config import PACKAGE_DIR, user_config_path
from toolkit.config import cache_dir as default_cache_dir
from toolkit.io import write_bytes_atomic

MAGIC = b"TKTABLES"
FORMAT_VERSION = 1
KEY_LENGTH = 64  # a sha256 in hex
_HEADER = struct.Struct(f">{len(MAGIC)}sH{KEY_LENGTH}s32s")  # magic, version, key, sha256 of the payload
_LENGTH = struct.Struct(">Q")
NOT_IN_RESULTS = ("cli", "report", "plots")  # toolkit modules (or packages) that no table depends on


class UnreadableEntry(ValueError):
    """A cache entry that is not one this code wrote for this key: why, in a few words."""


class UnsupportedColumn(ValueError):
    """A column whose values would not read back exactly (a tuple, a set, a NumPy scalar in an object column),
    or an index other than a RangeIndex."""


# --- keys ---------------------------------------------------------------------------------------------------


def source_files(root: Path = PACKAGE_DIR) -> list[Path]:
    """Every source and data file of the package that a table may depend on, sorted by relative path:
    all files under `root` but the `NOT_IN_RESULTS` modules, compiled files and hidden files."""
    files = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if not path.is_file() or relative.parts[0].removesuffix(".py") in NOT_IN_RESULTS:
            continue
        if "__pycache__" in relative.parts or any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix in (".pyc", ".pyo"):
            continue
        files.append(path)
    return sorted(files, key=lambda path: path.relative_to(root).as_posix())


@cache
def code_fingerprint() -> str:
    """Hash of the package's source and data files (`source_files`) and of the user's settings file: a
    cached result is reused only by the code and settings that made it."""
    digest = hashlib.sha256(f"format{FORMAT_VERSION}".encode())
    for path in source_files():
        _update(digest, path.relative_to(PACKAGE_DIR).as_posix().encode())
        _update(digest, path.read_bytes())
    user = user_config_path()
    if user is not None and user.is_file():
        _update(digest, user.read_bytes())
    return digest.hexdigest()


def _update(digest: Any, data: bytes) -> None:
    """Length-prefixed, so that no two sequences of files hash alike."""
    digest.update(_LENGTH.pack(len(data)))
    digest.update(data)


def frame_fingerprint(frame: pd.DataFrame) -> str:
    """Hash of every value of a table (columns that pass through, like `path`, included), and of its dtypes."""
    digest = hashlib.sha256()
    digest.update("\x00".join(map(str, frame.columns)).encode())
    for column in frame.columns:
        digest.update(str(frame[column].dtype).encode())
        for value in frame[column]:
            if value is None or (not isinstance(value, str) and pd.isna(value)):
                digest.update(b"\x00<NA>\x00")
            else:
                digest.update(str(value).encode("utf-8", "surrogatepass"))
                digest.update(b"\x00")
    return digest.hexdigest()


# --- entries ------------------------------------------------------------------------------------------------


def encode_entry(key: str, tables: dict[str, pd.DataFrame]) -> bytes:
    """The bytes of one entry: header, then a JSON manifest and one Arrow IPC stream per table."""
    if len(key) != KEY_LENGTH or not key.isascii():
        raise ValueError(f"a result key is {KEY_LENGTH} hex digits, not {key!r}")
    streams, manifest = [], []
    for name, table in tables.items():
        if not isinstance(table.index, pd.RangeIndex):  # the runner's tables have one; other indexes lose dtypes
            raise UnsupportedColumn(f"{name} has a {type(table.index).__name__}, not a RangeIndex")
        json_columns = [str(column) for column in table.columns if _needs_json(table[column], name)]
        stream = _ipc_bytes(_to_arrow(table, json_columns))
        manifest.append({"name": name, "bytes": len(stream), "json_columns": json_columns})
        streams.append(stream)
    head = json.dumps(manifest).encode()
    payload = b"".join([_LENGTH.pack(len(head)), head, *streams])
    return _HEADER.pack(MAGIC, FORMAT_VERSION, key.encode(), hashlib.sha256(payload).digest()) + payload


def decode_entry(key: str, data: bytes) -> dict[str, pd.DataFrame]:
    """The tables of an entry written by `encode_entry` for `key`; `UnreadableEntry` when it is not one."""
    if len(data) < _HEADER.size:
        raise UnreadableEntry("truncated header")
    magic, version, stored_key, digest = _HEADER.unpack_from(data)
    if magic != MAGIC:
        raise UnreadableEntry("not a result cache entry")
    if version != FORMAT_VERSION:
        raise UnreadableEntry(f"format {version}, this code reads {FORMAT_VERSION}")
    if stored_key != key.encode():
        raise UnreadableEntry("the entry of another key")
    payload = memoryview(data)[_HEADER.size :]
    if hashlib.sha256(payload).digest() != digest:
        raise UnreadableEntry("damaged (its digest does not match)")
    try:
        return dict(_read_tables(payload))
    except (ValueError, KeyError, TypeError, struct.error, pa.ArrowException) as exc:  # a bug, not damage
        raise UnreadableEntry(f"unreadable payload ({exc})") from None


def _read_tables(payload: memoryview) -> Iterator[tuple[str, pd.DataFrame]]:
    (head_size,) = _LENGTH.unpack_from(payload)
    position = _LENGTH.size + head_size
    for item in json.loads(bytes(payload[_LENGTH.size : position])):
        stream = payload[position : position + item["bytes"]]
        position += item["bytes"]
        with pa.ipc.open_stream(pa.py_buffer(stream)) as reader:
            table = reader.read_all().to_pandas()
        for column in item["json_columns"]:
            table[column] = pd.Series([json.loads(text) for text in table[column]], index=table.index, dtype=object)
        yield item["name"], table
    if position != len(payload):
        raise ValueError("bytes after the last table")


def _needs_json(column: pd.Series, table: str) -> bool:
    """An object column that Arrow would not read back as it was: anything but strings and None."""
    if column.dtype != object:
        return False
    plain = True
    for value in column:
        if value is None or type(value) is str:
            continue
        if not _json_exact(value):
            raise UnsupportedColumn(f"{table}.{column.name} holds a {type(value).__name__}")
        plain = False
    return not plain


def _json_exact(value: Any) -> bool:
    """True when JSON gives back the same value with the same Python types."""
    if value is None or type(value) in (str, int, float, bool):
        return True
    return type(value) is list and all(_json_exact(item) for item in value)


def _to_arrow(table: pd.DataFrame, json_columns: list[str]) -> pa.Table:
    if json_columns:
        table = table.assign(**{column: [json.dumps(value) for value in table[column]] for column in json_columns})
    return pa.Table.from_pandas(table, preserve_index=None)


def _ipc_bytes(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


class ResultCache:
    """Per-partition tables on disk under `root` (default: the user's cache directory), one file per key."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else default_cache_dir() / "results"

    def path(self, key: str) -> Path:
        """The file of the entry `key`."""
        return self.root / key[:2] / f"{key}.tables"

    def get(self, key: str) -> dict[str, pd.DataFrame] | None:
        """The tables stored under `key`, or None when there are none or the file is not a valid entry
        for this key (then a warning names it, and the caller recomputes)."""
        path = self.path(key)
        try:
            return decode_entry(key, path.read_bytes())
        except FileNotFoundError:
            return None
        except (OSError, UnreadableEntry) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            warnings.warn(f"result cache {path}: {reason}; recomputing it", stacklevel=2)
            return None

    def put(self, key: str, tables: dict[str, pd.DataFrame]) -> None:
        """Store `tables` under `key`, atomically; a table that would not read back exactly is not stored."""
        try:
            data = encode_entry(key, tables)
        except (UnsupportedColumn, pa.ArrowException, UnicodeError) as exc:
            warnings.warn(f"result cache: partition not stored ({exc})", stacklevel=2)
            return
        try:
            write_bytes_atomic(self.path(key), data)
        except OSError as exc:
            warnings.warn(f"cannot write result cache under {self.root}: {exc.strerror}", stacklevel=2)
