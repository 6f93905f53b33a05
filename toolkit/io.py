"""Atomic writers: every output goes to a temp file beside its target and is renamed into place,
so an interrupted run leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` on a temp file in `path`'s folder, then rename it to `path`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def write_text_atomic(path: Path | str, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_bytes_atomic(path: Path | str, data: bytes) -> Path:
    """Write bytes atomically."""
    return write_atomic(path, lambda tmp: tmp.write_bytes(data))


def write_parquet_atomic(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a DataFrame as Parquet atomically (without its index, which the tables do not use)."""
    return write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False))
