"""Bad input, end to end: every case gets its documented behaviour (README, "Bad input"), through the
library and through the `toolkit` command as a user runs it: a one-line message naming the file or row
and exit status 2, or a skipped file listed in `problems` and named in a warning; never a traceback
and never a silent wrong result."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit.clean import clean_article
from toolkit.corpus import CorpusWarning, load_corpus

GOOD = "Officials said on Monday that the bridge would reopen next week.\nTraffic was diverted through the town.\n"


def toolkit(*args: str | Path) -> subprocess.CompletedProcess:
    """Run the command as a user does, in its own process."""
    return subprocess.run(
        [sys.executable, "-m", "toolkit.cli", *map(str, args), "--quiet"],
        capture_output=True, text=True, check=False, timeout=300,
    )


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0]


def corpus_folder(tmp_path: Path, files: dict[str, bytes | str], metadata: str | None = None) -> Path:
    folder = tmp_path / "corpus"
    for name, data in files.items():
        path = folder / "raw" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("random.txt", os.urandom(4096) + b"\x00", "binary file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary file"),
        ("empty.txt", b"", "empty file"),
    ],
)
def test_unusable_file_is_skipped_listed_and_named_by_the_cli(tmp_path, name, data, reason):
    folder = corpus_folder(tmp_path, {"good.txt": GOOD, name: data})
    result = toolkit("clean", folder, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert name in result.stderr and reason in result.stderr and "Traceback" not in result.stderr
    problems = pd.read_parquet(tmp_path / "out" / "problems.parquet")
    assert problems["path"].str.endswith(name).tolist() == [True] and problems["action"].tolist() == ["skipped"]
    assert pd.read_parquet(tmp_path / "out" / "articles.parquet")["article_id"].tolist() == ["good"]


def test_a_corpus_of_only_unusable_files_is_an_error(tmp_path):
    folder = corpus_folder(tmp_path, {"a.txt": b"", "b.txt": os.urandom(512) + b"\x00"})
    assert_one_line_error(toolkit("clean", folder, "--out", tmp_path / "out"), "no readable article, 2 skipped")
    assert not (tmp_path / "out").exists()


def test_mixed_encodings_are_all_read_and_the_odd_ones_noted(tmp_path):
    text = "Caf\u00e9 owners said \u201cprices\u201d rose 5%.\nThe mayor disagreed.\n"
    folder = corpus_folder(tmp_path, {
        "utf8.txt": text, "bom.txt": b"\xef\xbb\xbf" + text.encode("utf-8"),
        "cp1252.txt": text.encode("cp1252"), "utf16.txt": text.encode("utf-16"),
    })
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(folder, progress=False)
    assert corpus.articles.set_index("article_id")["text"].eq(text).all()
    assert sorted(corpus.problems["article_id"]) == ["cp1252", "utf16"]
    assert set(corpus.problems["action"]) == {"read"}


def test_cr_only_line_ends_give_lines_to_the_cleaner(tmp_path):
    raw = "WORLD\rThe minister resigned on Tuesday after the vote.\rHer deputy takes over until May.\r"
    articles = load_corpus(corpus_folder(tmp_path, {"cr.txt": raw.encode("utf-8")}), progress=False).articles
    fields, lines = clean_article(articles["text"][0], article_id="cr")
    assert len(lines) == 3 and lines["line_no"].tolist() == [1, 2, 3]
    assert "Her deputy takes over until May." in fields["body"]


def test_a_50_mb_single_line_file_loads_and_cleans(tmp_path):
    sentence = "The council approved the new budget after a long debate. "
    big = tmp_path / "big"
    big.mkdir()
    (big / "huge.txt").write_text(sentence * (50_000_000 // len(sentence)), encoding="utf-8")
    articles = load_corpus(big, progress=False).articles
    assert articles["n_raw_lines"][0] == 1 and len(articles["text"][0]) > 49_000_000
    fields, lines = clean_article(articles["text"][0], article_id="huge")
    assert len(lines) == 1 and lines["kind"][0] == "body"
    assert len(fields["body"]) == len(articles["text"][0].strip())


def test_folder_with_subfolders_hidden_files_and_a_symlink_loop(tmp_path):
    folder = corpus_folder(tmp_path, {"a.txt": GOOD, "2020/b.txt": GOOD, ".draft.txt": GOOD, ".cache/c.txt": GOOD})
    (folder / "raw" / "2020" / "loop").symlink_to(folder / "raw", target_is_directory=True)
    result = toolkit("clean", folder, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert sorted(pd.read_parquet(tmp_path / "out" / "articles.parquet")["article_id"]) == ["a", "b"]


@pytest.mark.parametrize("case", ["missing", "empty-folder", "unknown-format"])
def test_nothing_to_read_is_a_one_line_error(tmp_path, case):
    source = tmp_path / {"missing": "nope", "empty-folder": "empty", "unknown-format": "x.docx"}[case]
    if case == "empty-folder":
        source.mkdir()
    elif case == "unknown-format":
        source.write_bytes(b"PK\x03\x04")
    assert_one_line_error(toolkit("clean", source, "--out", tmp_path / "out"), source.name)


@pytest.mark.parametrize(
    ("metadata", "needles"),
    [
        ("article_id,published\na,2012-06-22\nb,June 22nd\n", ["metadata.csv, line 3", "'June 22nd'"]),
        ("article_id,published\na,0000-01-01\n", ["line 2", "'0000-01-01'"]),
        ("article_id,published\na,9999-12-31\n", ["line 2", "'9999-12-31'", "supported range"]),
        ("article_id,published\na,2012-06-22\na,2012-06-23\n", ["line 3", "duplicate article_id 'a'"]),
        ("name,published\na,2012-06-22\n", ["metadata.csv: no id column found", "columns: name, published"]),
    ],
)
def test_bad_metadata_is_a_one_line_error_naming_the_row(tmp_path, metadata, needles):
    folder = corpus_folder(tmp_path, {"a.txt": GOOD, "b.txt": GOOD}, metadata)
    assert_one_line_error(toolkit("clean", folder, "--out", tmp_path / "out"), *needles)


def test_duplicate_ids_across_subfolders_are_a_one_line_error(tmp_path):
    folder = corpus_folder(tmp_path, {"2019/a.txt": GOOD, "2020/a.txt": GOOD})
    assert_one_line_error(toolkit("clean", folder, "--out", tmp_path / "out"), "duplicate article id 'a'")


def test_metadata_for_unknown_ids_warns_and_goes_on(tmp_path):
    folder = corpus_folder(tmp_path, {"a.txt": GOOD}, "article_id,published\na,2012-06-22\nghost,2012-06-23\n")
    result = toolkit("clean", folder, "--out", tmp_path / "out")
    assert result.returncode == 0 and "1 metadata rows name no article: ghost" in result.stderr


@pytest.mark.parametrize(
    ("table", "args", "needles"),
    [
        ("id,date\n1,2019-01-01\n", [], ["t.csv: no text column found", "columns: id, date"]),
        ("id,text\n1,Some text.\n", ["--text-column", "story"], ["no column 'story'"]),
        ("id,text,date\n1,A.,2019-01-01\n1,B.,2019-01-02\n", [], ["t.csv, line 3", "duplicate article id '1'"]),
        ("id,text,date\n1,A.,9999-01-01\n", [], ["t.csv, line 2", "'9999-01-01'"]),
    ],
)
def test_bad_tables_are_one_line_errors(tmp_path, table, args, needles):
    (tmp_path / "t.csv").write_text(table, encoding="utf-8")
    assert_one_line_error(toolkit("clean", tmp_path / "t.csv", "--out", tmp_path / "out", *args), *needles)


def test_dates_far_from_today_in_text_neither_crash_nor_invent(tmp_path):
    body = ("In the year 9999, the capsule will be opened, the curators said on Monday.\n"
            "The oldest coin dates from the year 0001 and was found in 1492.\n")
    folder = corpus_folder(tmp_path, {"far.txt": body}, "article_id,published\nfar,1700-01-01\n")
    result = toolkit("timeline", folder, "--out", tmp_path / "out", "--no-clean")
    assert result.returncode == 0, result.stderr
    timexes = pd.read_parquet(tmp_path / "out" / "timexes.parquet")
    dated = timexes.dropna(subset=["interval_start", "interval_end"])
    assert (dated["interval_start"] <= dated["interval_end"]).all()
