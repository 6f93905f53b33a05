"""The loader: every input shape, every decoding case, every documented error."""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.corpus import ARTICLE_COLUMNS, PROBLEM_COLUMNS, CorpusWarning, load_corpus, summarise
from toolkit.errors import CorpusError

from .conftest import DATA_DIR, SEED_ID


def write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_bundled_corpus_loads_in_one_call_with_its_metadata():
    corpus = load_corpus(DATA_DIR, progress=False)
    articles = corpus.articles
    assert list(articles.columns) == ARTICLE_COLUMNS
    assert len(articles) == 296 and corpus.problems.empty
    seed = articles.set_index("article_id").loc[SEED_ID]
    assert seed["published"] == pd.Timestamp("2012-06-22") and seed["date_source"] == "metadata"
    assert seed["n_raw_lines"] == 86
    assert (articles["source"] == "Wikinews").sum() == 295
    assert articles["published"].notna().all()


def test_folder_decodes_bom_crlf_cr_and_cp1252(tmp_path):
    write(tmp_path, "bom.txt", b"\xef\xbb\xbfWORLD\r\nBody line one.\r\n")
    write(tmp_path, "cr.txt", b"Line one.\rLine two.\r")
    write(tmp_path, "latin.txt", "Caf\u00e9 \u201cquoted\u201d.".encode("cp1252"))
    with pytest.warns(CorpusWarning, match="latin.txt"):
        corpus = load_corpus(tmp_path, progress=False)
    texts = corpus.articles.set_index("article_id")["text"]
    assert texts["bom"] == "WORLD\nBody line one.\n"
    assert texts["cr"] == "Line one.\nLine two.\n"
    assert texts["latin"] == "Caf\u00e9 \u201cquoted\u201d."
    problem = corpus.problems.set_index("article_id").loc["latin"]
    assert "cp1252" in problem["problem"] and problem["action"] == "read"


def test_nbsp_is_kept_for_the_cleaner_to_normalise(tmp_path):
    write(tmp_path, "a.txt", "Monday,\u00a0January 7, 2019\u00a0\n")
    assert load_corpus(tmp_path, progress=False).articles["text"][0] == "Monday,\u00a0January 7, 2019\u00a0\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n", "empty file"),
        ("nul.txt", b"PK\x03\x04\x00\x00binary", "binary file"),
        ("noise.txt", bytes(range(1, 32)) * 20, "binary file"),
    ],
)
def test_unusable_files_are_skipped_and_listed(tmp_path, name, data, reason):
    write(tmp_path, "good.txt", "A good article.\n")
    write(tmp_path, name, data)
    with pytest.warns(CorpusWarning, match=name):
        corpus = load_corpus(tmp_path, progress=False)
    assert list(corpus.articles["article_id"]) == ["good"]
    assert list(corpus.problems.columns) == PROBLEM_COLUMNS
    row = corpus.problems.iloc[0]
    assert row["path"].endswith(name) and reason in row["problem"] and row["action"] == "skipped"


def test_strict_makes_the_first_problem_an_error(tmp_path):
    write(tmp_path, "good.txt", "A good article.\n")
    write(tmp_path, "empty.txt", b"")
    with pytest.raises(CorpusError, match=r"empty\.txt: empty file"):
        load_corpus(tmp_path, strict=True, progress=False)


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    write(tmp_path, "good.txt", "A good article.\n")
    locked = write(tmp_path, "locked.txt", "secret")
    system_open = os.open

    def deny(path, flags, *mode):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return system_open(path, flags, *mode)

    monkeypatch.setattr(os, "open", deny)  # tests run as root too, for whom chmod 000 denies nothing
    with pytest.warns(CorpusWarning, match="locked.txt"):
        corpus = load_corpus(tmp_path, progress=False)
    assert "unreadable" in corpus.problems.iloc[0]["problem"]


def test_hidden_files_and_symlink_loops_are_ignored_subfolders_read(tmp_path):
    write(tmp_path, "a.txt", "First.\n")
    write(tmp_path, ".hidden.txt", "Hidden.\n")
    write(tmp_path, ".git/b.txt", "Hidden folder.\n")
    write(tmp_path, "2019/c.txt", "Nested.\n")
    write(tmp_path, "notes.md", "Not an article.\n")
    (tmp_path / "2019" / "loop").symlink_to(tmp_path, target_is_directory=True)
    assert sorted(load_corpus(tmp_path, progress=False).articles["article_id"]) == ["a", "c"]


def test_duplicate_ids_in_subfolders_are_an_error(tmp_path):
    write(tmp_path, "one/a.txt", "First.\n")
    write(tmp_path, "two/a.txt", "Second.\n")
    with pytest.raises(CorpusError, match="duplicate article id 'a'"):
        load_corpus(tmp_path, progress=False)


@pytest.mark.parametrize("where", ["missing", "empty-folder"])
def test_nothing_to_read_is_an_error(tmp_path, where):
    source = tmp_path / where
    if where == "empty-folder":
        source.mkdir()
    with pytest.raises(CorpusError, match=where):
        load_corpus(source, progress=False)


def test_metadata_joins_and_bad_date_names_the_line(tmp_path):
    write(tmp_path, "raw/a.txt", "Text.\n")
    write(tmp_path, "raw/b.txt", "Text.\n")
    write(tmp_path, "metadata.csv", "article_id,published,source,url,title\na,2012-06-22,X,,Title A\nb,,,,\n")
    articles = load_corpus(tmp_path, progress=False).articles.set_index("article_id")
    assert articles.loc["a", "published"] == pd.Timestamp("2012-06-22") and articles.loc["a", "title"] == "Title A"
    assert pd.isna(articles.loc["b", "published"]) and articles.loc["b", "date_source"] == "none"
    write(tmp_path, "metadata.csv", "article_id,published\na,2012-06-22\nb,22/06/2012\n")
    with pytest.raises(CorpusError, match=r"metadata.csv, line 3: date '22/06/2012' is not an ISO date"):
        load_corpus(tmp_path, progress=False)


@pytest.mark.parametrize("value", ["0000-01-01", "9999-12-31"])
def test_dates_outside_the_supported_range_are_an_error(tmp_path, value):
    write(tmp_path, "raw/a.txt", "Text.\n")
    write(tmp_path, "metadata.csv", f"article_id,published\na,{value}\n")
    with pytest.raises(CorpusError, match=f"line 2: date '{value}'"):
        load_corpus(tmp_path, progress=False)


def test_metadata_for_unknown_ids_warns_and_duplicates_fail(tmp_path):
    write(tmp_path, "raw/a.txt", "Text.\n")
    write(tmp_path, "metadata.csv", "article_id,published\na,2012-06-22\nghost,2012-06-23\n")
    with pytest.warns(CorpusWarning, match="1 metadata rows name no article: ghost"):
        load_corpus(tmp_path, progress=False)
    write(tmp_path, "metadata.csv", "article_id,published\na,2012-06-22\na,2012-06-23\n")
    with pytest.raises(CorpusError, match="line 3: duplicate article_id 'a'"):
        load_corpus(tmp_path, progress=False)


def test_one_txt_file_takes_its_row_of_the_sibling_metadata():
    articles = load_corpus(DATA_DIR / "raw" / f"{SEED_ID}.txt").articles
    assert len(articles) == 1 and articles["article_id"][0] == SEED_ID
    assert articles["published"][0] == pd.Timestamp("2012-06-22")


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_tables_find_their_columns_by_name(tmp_path, fmt):
    frame = pd.DataFrame(
        {"URL": ["http://a", "http://b"], "date": ["2019-01-04", "2019-01-05"], "headline": ["A", "B"],
         "content": ["Text a.\r\nMore.", "Text b."]}
    )
    path = tmp_path / f"corpus.{fmt}"
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "jsonl":
        path.write_text("\n".join(json.dumps(r) for r in frame.to_dict("records")), encoding="utf-8")
    else:
        frame.to_parquet(path)
    articles = load_corpus(path).articles
    assert list(articles["article_id"]) == ["corpus_1", "corpus_2"]
    assert list(articles["text"]) == ["Text a.\nMore.", "Text b."]
    assert list(articles["title"]) == ["A", "B"] and list(articles["url"]) == ["http://a", "http://b"]
    assert list(articles["published"]) == [pd.Timestamp("2019-01-04"), pd.Timestamp("2019-01-05")]


def test_table_without_text_column_names_the_file_and_columns(tmp_path):
    path = write(tmp_path, "corpus.csv", "id,date\n1,2019-01-04\n")
    with pytest.raises(CorpusError, match=r"corpus.csv: no text column found .*columns: id, date"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="no column 'story'"):
        load_corpus(path, text_column="story")


def test_table_rows_with_duplicate_ids_bad_dates_or_no_text(tmp_path):
    path = write(tmp_path, "c.csv", "id,text,date\n1,A.,2019-01-04\n1,B.,2019-01-05\n")
    with pytest.raises(CorpusError, match=r"c.csv, line 3: duplicate article id '1'"):
        load_corpus(path)
    path = write(tmp_path, "d.csv", "id,text,date\n1,A.,2019-01-04\n2,B.,yesterday\n")
    with pytest.raises(CorpusError, match=r"d.csv, line 3: date 'yesterday'"):
        load_corpus(path)
    path = write(tmp_path, "e.csv", "id,text\n1,A.\n2,\n")
    with pytest.warns(CorpusWarning, match="empty text"):
        corpus = load_corpus(path)
    assert list(corpus.articles["article_id"]) == ["1"] and corpus.problems.iloc[0]["path"].endswith("line 3")


def test_unreadable_table_is_one_clear_error(tmp_path):
    path = write(tmp_path, "broken.parquet", b"not parquet at all")
    with pytest.raises(CorpusError, match=r"broken.parquet: cannot read table"):
        load_corpus(path)
    with pytest.raises(CorpusError, match="not a folder, .txt file or table"):
        load_corpus(write(tmp_path, "x.docx", b"zip"))


def test_raw_files_are_never_modified(tmp_path):
    raw = write(tmp_path, "a.txt", b"\xef\xbb\xbfCaf\xc3\xa9\r\n")
    before = hashlib.sha256(raw.read_bytes()).hexdigest()
    articles = load_corpus(tmp_path, progress=False).articles
    assert hashlib.sha256(raw.read_bytes()).hexdigest() == before == articles["sha256"][0]


def test_summarise_reports_size_and_dates():
    summary = summarise(load_corpus(DATA_DIR, progress=False).articles)["value"]
    assert summary["articles"] == "296"
    assert summary["first publication date"] == "2012-06-22" and summary["last publication date"] == "2021-03-15"


def test_a_few_invalid_utf8_bytes_are_read_as_cp1252_where_they_stand(tmp_path):
    """Regression: one stray cp1252 byte switched the whole file to cp1252 (`Café` became `CafÃ©`)."""
    cp1252_line = b"He said \x93enough\x94.\n"
    data = "Caf\u00e9 owners met.\nPrices rose 5%.\n".encode() + cp1252_line + "Z\u00fcrich agreed.\n".encode()
    write(tmp_path, "mixed.txt", data)
    with pytest.warns(CorpusWarning, match="mixed.txt"):
        corpus = load_corpus(tmp_path, progress=False)
    assert corpus.articles["text"].iloc[0] == (
        "Caf\u00e9 owners met.\nPrices rose 5%.\nHe said \u201cenough\u201d.\nZ\u00fcrich agreed.\n"
    )
    [problem] = corpus.problems.itertuples()
    assert problem.action == "read" and "line 3;" in problem.problem and "cp1252" in problem.problem


def test_a_zone_offset_keeps_the_local_day(tmp_path):
    """Regression: `2020-03-01T23:30:00-05:00` was converted to UTC and landed on 2 March."""
    write(tmp_path, "raw/a.txt", "A.\n")
    write(tmp_path, "raw/b.txt", "B.\n")
    write(tmp_path, "metadata.csv", "article_id,published\na,2020-03-01T23:30:00-05:00\nb,2020-03-02T00:30:00+01:00\n")
    table = tmp_path / "t.jsonl"
    table.write_text(json.dumps({"text": "A.", "published": "2020-03-01T23:30:00-05:00"}) + "\n", encoding="utf-8")
    days = load_corpus(tmp_path, progress=False).articles["published"].dt.date.astype(str).tolist()
    assert days == ["2020-03-01", "2020-03-02"]
    assert str(load_corpus(table, progress=False).articles["published"].iloc[0].date()) == "2020-03-01"


def test_metadata_columns_are_found_by_name_as_a_tables_are(tmp_path):
    """Regression: a metadata.csv of `id, date, title` (as Reuters-21578's) was refused for lacking article_id."""
    write(tmp_path, "raw/1.txt", "Body one.\n")
    write(tmp_path, "raw/2.txt", "Body two.\n")
    write(tmp_path, "metadata.csv", "ID,Date,Headline\n1,1987-02-26,COCOA\n2,1987-02-27,GRAIN\n")
    articles = load_corpus(tmp_path, progress=False).articles.set_index("article_id")
    assert articles["title"].tolist() == ["COCOA", "GRAIN"]
    assert articles["published"].astype(str).tolist() == ["1987-02-26", "1987-02-27"]
    assert articles["date_source"].tolist() == ["metadata", "metadata"]


def test_metadata_without_an_id_column_lists_its_columns(tmp_path):
    write(tmp_path, "raw/1.txt", "Body one.\n")
    write(tmp_path, "metadata.csv", "name,when\n1,1987-02-26\n")
    with pytest.raises(CorpusError, match=r"metadata.csv: no id column found \(tried .*; columns: name, when\)$"):
        load_corpus(tmp_path, progress=False)


def test_a_symlink_out_of_the_corpus_is_skipped_unless_allowed(tmp_path):
    outside = write(tmp_path, "secret/passwd", "root:x:0:0:root:/root:/bin/bash\n")
    write(tmp_path, "corpus/good.txt", "A good article.\n")
    write(tmp_path, "corpus/sibling.txt", "Linked within.\n")
    (tmp_path / "corpus" / "leak.txt").symlink_to(outside)
    (tmp_path / "corpus" / "alias.txt").symlink_to(tmp_path / "corpus" / "sibling.txt")
    with pytest.warns(CorpusWarning, match="leak.txt: symlink leaves the corpus folder"):
        corpus = load_corpus(tmp_path / "corpus", progress=False)
    assert sorted(corpus.articles["article_id"]) == ["alias", "good", "sibling"]
    assert corpus.problems[["article_id", "problem", "action"]].values.tolist() == [
        ["leak", "symlink leaves the corpus folder", "skipped"]
    ]
    allowed = load_corpus(tmp_path / "corpus", allow_outside_links=True, progress=False)
    assert sorted(allowed.articles["article_id"]) == ["alias", "good", "leak", "sibling"] and allowed.problems.empty


def test_missing_cells_of_a_string_column_are_empty_not_the_text_na(tmp_path):
    """A nullable string column's NA is an empty cell (skipped), not a cell that is not text."""
    frame = pd.DataFrame({"text": pd.array(["Body one.", None], dtype="string"), "id": ["a", "b"]})
    frame.to_parquet(tmp_path / "t.parquet")
    with pytest.warns(CorpusWarning, match="empty text"):
        corpus = load_corpus(tmp_path / "t.parquet", progress=False)
    assert corpus.articles["article_id"].tolist() == ["a"] and corpus.problems["article_id"].tolist() == ["b"]


def test_jsonl_rows_keep_their_line_numbers_across_blank_lines(tmp_path):
    table = tmp_path / "t.jsonl"
    table.write_text('{"text": "One."}\n\n{"text": ""}\n', encoding="utf-8")
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(table, progress=False)
    assert corpus.problems["path"].tolist() == [f"{table}, line 3"]


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=5,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(JSON_VALUES, min_size=1, max_size=5))
def test_any_jsonl_text_cells_become_their_text_or_a_one_line_error(tmp_path, cells):
    """Fuzz: whatever a JSON Lines text column holds, an article's text is the cell's own string (never a
    repr), and anything else is an error naming the line or a skipped empty row."""
    table = tmp_path / "fuzz.jsonl"
    table.write_text("".join(json.dumps({"text": cell}) + "\n" for cell in cells), encoding="utf-8")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            corpus = load_corpus(table, progress=False)
    except CorpusError as error:
        assert "\n" not in str(error) and str(table) in str(error)
        return
    texts = [cell.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff") for cell in cells
             if isinstance(cell, str) and cell.strip()]  # fmt: skip
    assert corpus.articles["text"].tolist() == texts
    assert len(corpus.articles) + len(corpus.problems) == len(cells)
