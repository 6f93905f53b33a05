"""Outputs: atomic writes (a failure leaves the previous file, no temp file, and names the file), ids made
file names safely, and no output inside the source corpus."""

from __future__ import annotations

import errno
import os

import pandas as pd
import pytest

from toolkit.errors import ToolkitError
from toolkit.io import (
    check_outside,
    safe_file_name,
    write_atomic,
    write_bytes_atomic,
    write_parquet_atomic,
    write_text_atomic,
)


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


@pytest.mark.parametrize(
    ("article_id", "reason"),
    [
        ("../../x", "path separator"), ("/tmp/x", "path separator"), ("a\\b", "path separator"),
        ("..", "starts with a dot"), (".", "starts with a dot"), (".hidden", "starts with a dot"),
        ("", "empty"), ("   ", "empty"), ("a\x00b", "control character"), ("a\nb", "control character"),
        ("CON", "reserved"), ("nul.draft", "reserved"), ("com1", "reserved"), ("x" * 300, "longer than 255"),
    ],
)
def test_an_id_that_cannot_be_a_file_name_is_refused_naming_it(article_id, reason):
    with pytest.raises(ToolkitError, match=reason) as refused:
        safe_file_name(article_id)
    assert repr(article_id[:60])[:-1] in str(refused.value) and "\n" not in str(refused.value)


@pytest.mark.parametrize("article_id", ["reuters-1", "Café_2020", "a b", "1.5", "console", "x" * 251])
def test_an_ordinary_id_is_its_file_name(article_id):
    assert safe_file_name(article_id) == f"{article_id}.txt"


def test_a_full_disk_names_the_output_file(tmp_path, monkeypatch):
    def full(descriptor, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "write", full)
    with pytest.raises(OSError) as failed:
        write_bytes_atomic(tmp_path / "entry.doc", b"data")
    assert failed.value.filename == str(tmp_path / "entry.doc") and failed.value.strerror == os.strerror(errno.ENOSPC)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("inside", [".", "raw", "raw/bodies", "out"])
def test_an_output_inside_the_source_folder_is_refused(tmp_path, inside):
    (tmp_path / "corpus" / "raw").mkdir(parents=True)
    with pytest.raises(ToolkitError, match="inside the source corpus"):
        check_outside(tmp_path / "corpus", tmp_path / "elsewhere", tmp_path / "corpus" / inside)


def test_an_output_beside_the_source_is_allowed_but_not_the_folder_of_one_txt(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("text", encoding="utf-8")
    (tmp_path / "table.csv").write_text("text\nx\n", encoding="utf-8")
    check_outside(tmp_path / "corpus", tmp_path / "out", tmp_path / "corpus-out", None)
    check_outside(tmp_path / "table.csv", tmp_path, tmp_path / "out")
    with pytest.raises(ToolkitError, match="inside the source corpus"):
        check_outside(tmp_path / "corpus" / "a.txt", tmp_path / "corpus")


def test_a_symlink_into_the_source_is_seen_through(tmp_path):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "corpus")
    with pytest.raises(ToolkitError, match="inside the source corpus"):
        check_outside(tmp_path / "corpus", tmp_path / "link" / "bodies")
