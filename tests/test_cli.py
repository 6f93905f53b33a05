"""The `toolkit` command: outputs written, one-line errors with exit status 2, raw data untouched."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd

from toolkit.cli import main

from .conftest import DATA_DIR


def test_missing_source_is_one_line_and_status_2(capsys, tmp_path):
    assert main(["clean", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope: no such file or folder" in err and "Traceback" not in err


def test_bad_metadata_date_names_the_line(capsys, tmp_path):
    (tmp_path / "raw").mkdir()
    (tmp_path / "raw" / "a.txt").write_text("Body.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("article_id,published\na,not-a-date\n", encoding="utf-8")
    assert main(["clean", str(tmp_path), "--out", str(tmp_path / "out")]) == 2
    assert "metadata.csv, line 2: date 'not-a-date'" in capsys.readouterr().err


def test_table_without_text_column(capsys, tmp_path):
    (tmp_path / "t.csv").write_text("id,date\n1,2019-01-01\n", encoding="utf-8")
    assert main(["clean", str(tmp_path / "t.csv"), "--out", str(tmp_path / "out")]) == 2
    assert "t.csv: no text column found" in capsys.readouterr().err


def test_console_script_runs_as_a_process(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "toolkit.cli", "clean", str(tmp_path / "missing"), "--out", str(tmp_path)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 2 and result.stderr.startswith("toolkit clean: error:")


def test_clean_writes_tables_and_bodies_atomically(tmp_path):
    out, bodies = tmp_path / "out", tmp_path / "bodies"
    assert main(["clean", str(DATA_DIR / "raw" / "000_bdff5c4f04d4cc62.txt"), "--out", str(out),
                 "--bodies", str(bodies), "--quiet"]) == 0
    articles = pd.read_parquet(out / "articles.parquet")
    lines = pd.read_parquet(out / "lines.parquet")
    assert len(articles) == 1 and len(lines) == 86
    assert (bodies / "000_bdff5c4f04d4cc62.txt").read_text(encoding="utf-8") == articles["body"][0]
    assert not [p for p in out.iterdir() if p.name.startswith(".")], "temp files left behind"
