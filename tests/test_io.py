"""Atomic writes: a failure while writing leaves the previous file, and no temp file."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.io import write_atomic, write_parquet_atomic, write_text_atomic


def test_failed_write_keeps_the_old_file_and_leaves_no_temp(tmp_path):
    target = write_text_atomic(tmp_path / "out.txt", "old")

    def explode(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        write_atomic(target, explode)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_parquet_round_trip(tmp_path):
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", None]})
    path = write_parquet_atomic(frame, tmp_path / "sub" / "t.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(path), frame)
