"""The streamed load: the chunks of `stream_corpus` make up `load_corpus`'s table on every source kind,
with the same problems, and a run into a folder reads its articles that way, partitioned as before."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from toolkit.corpus import CorpusWarning, load_corpus, stream_corpus
from toolkit.errors import CorpusError

from .conftest import DATA_DIR


def folder_source(tmp_path: Path) -> Path:
    """Eleven articles (three of them unusable) in a folder, a metadata file that names one more."""
    raw = tmp_path / "folder" / "raw"
    raw.mkdir(parents=True)
    for n in range(8):
        (raw / f"a{n:02d}.txt").write_text(f"Headline {n}\n\nBody line of article {n}.\n", encoding="utf-8")
    (raw / "b_empty.txt").write_bytes(b"  \n")
    (raw / "c_cp1252.txt").write_bytes("Caf\xe9 au lait.\n".encode("cp1252"))
    (raw / "d_binary.txt").write_bytes(b"\x00\x01binary")
    (tmp_path / "folder" / "metadata.csv").write_text(
        "article_id,published,title\na01,2020-01-02,Title one\na07,2020-01-08,\nghost,2020-01-09,Nobody\n",
        encoding="utf-8",
    )
    return tmp_path / "folder"


def table_rows() -> pd.DataFrame:
    texts = [f"Text number {n}.\nSecond line." if n % 4 else "" for n in range(11)]
    return pd.DataFrame({"id": [f"r{n}" for n in range(11)], "text": texts,
                         "date": [f"2021-02-{n + 1:02d}" for n in range(11)]})  # fmt: skip


def write_source(tmp_path: Path, kind: str) -> Path:
    if kind == "folder":
        return folder_source(tmp_path)
    path = tmp_path / f"corpus.{kind}"
    rows = table_rows()
    if kind == "csv":
        rows.to_csv(path, index=False)
    elif kind == "jsonl":
        rows.to_json(path, orient="records", lines=True)
    else:  # several row groups, none a multiple of the chunks
        pq.write_table(pa.Table.from_pandas(rows, preserve_index=False), path, row_group_size=4)
    return path


def quietly(function, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return function(*args, **kwargs)


@pytest.mark.parametrize("kind", ["folder", "csv", "jsonl", "parquet"])
@pytest.mark.parametrize("chunk_size", [1, 3, 1000])
def test_the_chunks_of_a_stream_make_up_the_loaded_table_and_its_problems(tmp_path, kind, chunk_size):
    source = write_source(tmp_path, kind)
    loaded = quietly(load_corpus, source, progress=False)
    stream = stream_corpus(source, chunk_size=chunk_size, progress=False)
    chunks = quietly(list, stream.chunks())
    assert all(len(chunk) <= chunk_size for chunk in chunks) and len(stream) == len(loaded.articles)
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True), loaded.articles)
    pd.testing.assert_frame_equal(stream.problems, loaded.problems)
    assert not loaded.problems.empty
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a second pass reads the same again, without warning again
        again = list(stream.chunks())
    pd.testing.assert_frame_equal(pd.concat(again, ignore_index=True), loaded.articles)


def test_the_first_pass_warns_as_load_corpus_does(tmp_path):
    source = folder_source(tmp_path)
    with pytest.warns(CorpusWarning) as loaded_warnings:
        load_corpus(source, progress=False)
    with pytest.warns(CorpusWarning) as streamed_warnings:
        list(stream_corpus(source, chunk_size=2, progress=False).chunks())
    assert [str(w.message) for w in streamed_warnings] == [str(w.message) for w in loaded_warnings]
    assert any("1 metadata rows name no article: ghost" in str(w.message) for w in streamed_warnings)


def test_a_duplicate_id_in_a_later_chunk_stops_the_stream_as_it_stops_the_load(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text("id,text\n1,One.\n2,Two.\n3,Three.\n1,Again.\n", encoding="utf-8")
    with pytest.raises(CorpusError) as loaded:
        load_corpus(path, progress=False)
    with pytest.raises(CorpusError) as streamed:
        list(stream_corpus(path, chunk_size=2, progress=False).chunks())
    assert str(streamed.value) == str(loaded.value) == f"{path}, line 5: duplicate article id '1' (also row 2)"


def test_a_source_that_changes_between_passes_is_an_error_naming_it(tmp_path):
    source = folder_source(tmp_path)
    stream = stream_corpus(source, chunk_size=3, progress=False)
    assert quietly(len, stream) == 9
    (source / "raw" / "a03.txt").write_bytes(b"")
    with pytest.raises(CorpusError, match=r"folder: changed while it was read \(9 articles, then 8\)"):
        list(stream.chunks())


def test_integer_ids_with_gaps_read_as_integers_whatever_the_batch(tmp_path):
    """A Parquet id column of integers with an empty cell was read as floats (`7.0`)."""
    path = tmp_path / "ids.parquet"
    pq.write_table(pa.table({"id": pa.array([7, None, 9], pa.int64()), "text": ["A.", "B.", "C."]}), path)
    assert load_corpus(path, progress=False).articles["article_id"].tolist() == ["7", "ids_2", "9"]
    chunks = stream_corpus(path, chunk_size=1, progress=False).chunks()
    assert [chunk["article_id"].iloc[0] for chunk in chunks] == ["7", "ids_2", "9"]


def test_the_bundled_corpus_streams_into_the_same_partitions_and_keys():
    from toolkit.runner import StageConfig, plan_partitions, split

    articles = load_corpus(DATA_DIR, progress=False).articles
    stream = stream_corpus(DATA_DIR, chunk_size=70, progress=False)
    config = StageConfig(until="clean", cache=False)
    for options in ({"partition_size": 60}, {"workers": 2}):
        expected = plan_partitions(articles, config, **options)
        assert plan_partitions(stream, config, **options) == expected
    for got, part in zip(split(stream, expected.sizes), split(articles, expected.sizes), strict=True):
        pd.testing.assert_frame_equal(got, part)


def test_a_run_into_a_folder_never_loads_the_whole_corpus(tmp_path, monkeypatch):
    from toolkit import pipeline
    from toolkit.dataset import concat_parts

    expected = pipeline.run(DATA_DIR, until="clean", n_process=1, partition_size=100, progress=False)

    def refuse(*args, **kwargs):
        raise AssertionError("load_corpus holds every text")

    monkeypatch.setattr(pipeline, "load_corpus", refuse)
    pipeline.run_to_folder(DATA_DIR, tmp_path / "out", until="clean", n_process=1, partition_size=100,
                           progress=False)  # fmt: skip
    got = concat_parts(tmp_path / "out", ["articles", "lines"])
    for name in ("articles", "lines"):
        pd.testing.assert_frame_equal(got[name], expected[name], obj=name)
