"""Hostile and careless input through the `toolkit` command, as a user meets it: outputs stay in their
folders and never land in the source corpus, only regular files are opened, a table cell that is not text
is refused, and each failure is one line naming the file (and line or row), exit status 2."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from .conftest import ROOT

GOOD = "Officials said on Monday that the bridge would reopen next week.\nTraffic was diverted through the town.\n"


def toolkit(*args: str | Path, timeout: float = 300, **options) -> subprocess.CompletedProcess:
    """Run the command as a user does, in its own process, on this checkout's package."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *map(str, args), "--quiet"],
        capture_output=True, text=True, check=False, timeout=timeout,
        env={**os.environ, "PYTHONPATH": str(ROOT)}, **options,
    )  # fmt: skip


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


def corpus_folder(tmp_path: Path, files: dict[str, str]) -> Path:
    raw = tmp_path / "corpus" / "raw"
    raw.mkdir(parents=True)
    for name, text in files.items():
        (raw / name).write_text(text, encoding="utf-8")
    return tmp_path / "corpus"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


# --- outputs stay in their folders ---------------------------------------------------------------


@pytest.mark.parametrize("hostile", ["../../escaped", "{tmp}/escaped", "..", "CON"])
def test_bodies_refuse_an_id_that_is_not_a_plain_file_name(tmp_path, hostile):
    """Regression: `--bodies` wrote `<article_id>.txt` as given, so `../../x` landed outside the folder."""
    hostile = hostile.format(tmp=tmp_path)
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    pd.DataFrame({"id": ["fine", hostile], "text": [GOOD, GOOD]}).to_csv(work / "t.csv", index=False)
    result = toolkit("clean", work / "t.csv", "--out", work / "out", "--bodies", work / "bodies")
    assert_one_line_error(result, f"article id {hostile!r} cannot be a file name")
    assert list(tmp_path.rglob("*.txt")) == []  # every id is checked before any body is written


@pytest.mark.parametrize("target", ["raw", ".", "raw/clean", "out"])
@pytest.mark.parametrize("option", ["--bodies", "--out"])
def test_no_output_is_written_inside_the_source_corpus(tmp_path, option, target):
    """Regression: `--bodies` pointed at the raw folder overwrote the raw articles with clean bodies."""
    folder = corpus_folder(tmp_path, {"a.txt": "WORLD NEWS\n" + GOOD, "b.txt": GOOD})
    before = snapshot(folder)
    outputs = {"--out": tmp_path / "out", "--bodies": tmp_path / "bodies", option: folder / target}
    result = toolkit("clean", folder, *(str(part) for pair in outputs.items() for part in pair))
    assert_one_line_error(result, str(folder / target), "inside the source corpus")
    assert snapshot(folder) == before and not (tmp_path / "out").exists()


def test_bodies_beside_the_corpus_are_written(tmp_path):
    folder = corpus_folder(tmp_path, {"a.txt": GOOD})
    result = toolkit("clean", folder, "--out", tmp_path / "out", "--bodies", tmp_path / "bodies")
    assert result.returncode == 0, result.stderr
    assert [p.name for p in (tmp_path / "bodies").iterdir()] == ["a.txt"]


def test_a_full_disk_names_the_output_file(tmp_path):
    """Regression: a full disk gave pyarrow's `Error writing bytes to file` naming no file. A file size limit
    (RLIMIT_FSIZE, with SIGXFSZ ignored) makes writes fail as they do on a full disk."""
    folder = corpus_folder(tmp_path, {"a.txt": GOOD})

    def small_disk() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = toolkit("clean", folder, "--out", tmp_path / "out", preexec_fn=small_disk)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    [error] = [line for line in result.stderr.splitlines() if "error:" in line]
    assert f"error: {tmp_path / 'out'}/" in error and ".parquet: " in error and "too large" in error


# --- only regular files are opened --------------------------------------------------------------


def test_a_fifo_named_txt_is_skipped_not_opened(tmp_path):
    """Regression: opening a FIFO waits for a writer, so a FIFO named `x.txt` hung the run."""
    folder = corpus_folder(tmp_path, {"good.txt": GOOD})
    os.mkfifo(folder / "raw" / "x.txt")
    os.mkfifo(folder / "metadata.csv")
    result = toolkit("clean", folder, "--out", tmp_path / "out", timeout=60)
    assert result.returncode == 0, result.stderr
    assert "x.txt: not a regular file" in result.stderr and "metadata.csv: not a regular file" in result.stderr
    problems = pd.read_parquet(tmp_path / "out" / "problems.parquet")
    assert [Path(p).name for p in problems["path"]] == ["x.txt", "metadata.csv"]
    assert set(problems["problem"]) == {"not a regular file"} and set(problems["action"]) == {"skipped"}


@pytest.mark.parametrize("name", ["t.csv", "t.jsonl", "t.parquet", "one.txt"])
def test_a_fifo_as_the_source_is_an_error_not_a_hang(tmp_path, name):
    os.mkfifo(tmp_path / name)
    result = toolkit("clean", tmp_path / name, "--out", tmp_path / "out", timeout=60)
    assert_one_line_error(result, name, "not a regular file")


# --- table cells that are not text -------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [(12345, "a number"), (3.5, "a number"), (True, "a boolean"), (["Paris", "Lyon"], "a list"),
     ({"nested": "Paris"}, "an object")],
)  # fmt: skip
def test_a_jsonl_text_cell_that_is_not_text_is_an_error_naming_column_and_line(tmp_path, value, kind):
    """Regression: such a cell became the article text as its Python repr (`{'nested': ...}`)."""
    table = tmp_path / "t.jsonl"
    table.write_text("\n".join(json.dumps({"id": i, "body": v}) for i, v in enumerate([GOOD, value])) + "\n")
    assert_one_line_error(toolkit("clean", table, "--out", tmp_path / "out"),
                          f"{table}, line 2: column 'body' holds {kind}, not text")  # fmt: skip


def test_a_parquet_text_cell_of_bytes_is_an_error_naming_column_and_row(tmp_path):
    pd.DataFrame({"text": [GOOD.encode(), b"Paris..."]}).to_parquet(tmp_path / "t.parquet")
    assert_one_line_error(toolkit("clean", tmp_path / "t.parquet", "--out", tmp_path / "out"),
                          f"{tmp_path / 't.parquet'}, row 1: column 'text' holds bytes, not text")  # fmt: skip


def test_a_broken_jsonl_line_is_named(tmp_path):
    """Regression: pandas' `Expected object or value` named neither file nor line."""
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"text": GOOD}) + "\n\n" + '{"text": "cut short\n' + json.dumps({"text": GOOD}) + "\n")
    assert_one_line_error(toolkit("clean", table, "--out", tmp_path / "out"), f"{table}, line 3: not valid JSON")


def test_a_jsonl_line_that_is_not_an_object_is_named(tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"text": GOOD}) + "\n" + json.dumps(["text", GOOD]) + "\n")
    assert_one_line_error(toolkit("clean", table, "--out", tmp_path / "out"), f"{table}, line 2: not a JSON object")


# --- models --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["empty folder", "file", "broken meta"])
def test_a_model_that_cannot_be_loaded_is_a_one_line_error_naming_it(tmp_path, kind):
    """Regression: a `--model` folder without meta.json ended in a StopIteration traceback."""
    folder = corpus_folder(tmp_path, {"a.txt": GOOD})
    model = tmp_path / "model"
    if kind == "file":
        model.write_text("not a model")
    else:
        model.mkdir()
        if kind == "broken meta":
            (model / "meta.json").write_text('{"lang": "en"')
    result = toolkit("entities", folder, "--out", tmp_path / "out", "--model", model, "--n-process", "1")
    assert_one_line_error(result, str(model))
