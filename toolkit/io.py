"""Atomic writers: every output goes to a temp file beside its target and is renamed into place,
so an interrupted run leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` on a temp file in `path`'s folder, then rename it to `path`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


_TEMP_NUMBERS = itertools.count()


def _temp_beside(target: Path) -> Path:
    """A temp name beside `target`, unique to this process and call (no random names to draw and retry:
    the parse cache writes one file per article)."""
    return target.with_name(f".{target.name}.{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp")


def write_text_atomic(path: Path | str, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_bytes_atomic(path: Path | str, data: bytes) -> Path:
    """Write bytes atomically."""
    return write_atomic(path, lambda tmp: _write_new_file(tmp, data))


def _write_new_file(path: Path, data: bytes) -> None:
    """`path.write_bytes(data)` in plain system calls: the parse cache writes one small file per article."""
    # O_TRUNC, not O_EXCL: a temp left by a killed process that had the same pid is simply overwritten
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_parquet_atomic(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a DataFrame as Parquet atomically (without its index, which the tables do not use)."""
    return write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False))
