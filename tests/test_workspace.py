"""Where the notebooks keep their tables, and when they may read them back."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import workspace
from toolkit.config import DATA_DIR
from toolkit.corpus import load_corpus


@pytest.fixture(scope="module")
def articles() -> pd.DataFrame:
    return load_corpus(DATA_DIR, progress=False).articles.head(12)


def test_processed_dir_follows_the_source(tmp_path):
    folder = tmp_path / "my corpus"
    folder.mkdir()
    table = tmp_path / "news.csv"
    table.write_text("id,text\n1,a\n")
    assert workspace.processed_dir_for(DATA_DIR) == DATA_DIR.resolve() / "processed"
    assert workspace.processed_dir_for(DATA_DIR / "raw") == DATA_DIR.resolve() / "processed"
    assert workspace.processed_dir_for(folder) == folder.resolve() / "processed"
    assert workspace.processed_dir_for(table) == tmp_path.resolve() / "news.processed"
    assert workspace.processed_dir_for(folder, tmp_path / "out") == (tmp_path / "out").resolve()
    assert workspace.processed_dir_for(folder, "") == folder.resolve() / "processed"


def test_the_key_follows_content_not_location(articles):
    key = workspace.corpus_key(articles)
    assert workspace.corpus_key(articles.assign(path="/elsewhere")) == key
    changed = articles.copy()
    changed.loc[0, "text"] += " One more sentence."
    assert workspace.corpus_key(changed) != key
    assert workspace.corpus_key(articles.assign(published=pd.NaT)) != key


def test_tables_are_read_back_only_under_their_key(articles, tmp_path):
    tables = {"articles": articles.drop(columns=["path"]), "counts": pd.DataFrame({"n": [1, 2]})}
    workspace.save_current(tables, tmp_path, key="k1")
    read = workspace.load_current(["articles", "counts"], tmp_path, key="k1")
    pd.testing.assert_frame_equal(read["articles"], tables["articles"])
    assert workspace.load_current(["articles"], tmp_path, key="k2") is None
    assert workspace.load_current(["articles", "missing"], tmp_path, key="k1") is None
    workspace.save_current({"counts": tables["counts"]}, tmp_path, key="k2")
    assert workspace.read_manifest(tmp_path) == {"articles": "k1", "counts": "k2"}


def test_a_damaged_manifest_or_table_means_compute_again(articles, tmp_path):
    workspace.save_current({"counts": pd.DataFrame({"n": [1]})}, tmp_path, key="k")
    (tmp_path / "counts.parquet").write_bytes(b"not parquet")
    assert workspace.load_current(["counts"], tmp_path, key="k") is None
    (tmp_path / workspace.MANIFEST).write_text("{not json")
    assert workspace.read_manifest(tmp_path) == {}


def test_clean_tables_reads_what_the_cleaning_notebook_saved(articles, tmp_path):
    cleaned, lines, how = workspace.clean_tables(articles, tmp_path)
    assert how.startswith("cleaned the corpus now")
    workspace.save_current({"articles": cleaned, "lines": lines}, tmp_path, key=workspace.corpus_key(articles))
    again, again_lines, how = workspace.clean_tables(articles, tmp_path)
    assert how.startswith("read the clean tables")
    pd.testing.assert_frame_equal(again, cleaned)
    pd.testing.assert_frame_equal(again_lines, lines)
    _, _, how = workspace.clean_tables(articles.head(5), tmp_path)
    assert how.startswith("cleaned the corpus now")


def test_current_or_computed_computes_only_when_nothing_current(tmp_path):
    calls = []

    def compute() -> dict[str, pd.DataFrame]:
        calls.append(1)
        return {"mentions": pd.DataFrame({"n": [len(calls)]}), "other": pd.DataFrame()}

    tables, how = workspace.current_or_computed(["mentions"], tmp_path, key="k", compute=compute)
    assert how.startswith("computed mentions now") and list(tables) == ["mentions"]
    workspace.save_current(tables, tmp_path, key="k")
    tables, how = workspace.current_or_computed(["mentions"], tmp_path, key="k", compute=compute)
    assert how.startswith("read mentions") and calls == [1]
    tables, how = workspace.current_or_computed(["mentions"], tmp_path, key="other key", compute=compute)
    assert calls == [1, 1] and tables["mentions"]["n"].tolist() == [2]


def test_the_key_does_not_depend_on_what_was_imported_before(articles):
    import subprocess
    import sys

    script = ("import sys; from toolkit.corpus import load_corpus; {imports}"
              "from toolkit.workspace import corpus_key; "
              "print(corpus_key(load_corpus(sys.argv[1], progress=False).articles.head(12)))")
    keys = {
        subprocess.run([sys.executable, "-c", script.format(imports=imports), str(DATA_DIR)], check=True,
                       capture_output=True, text=True).stdout.strip()
        for imports in ("", "import toolkit.entities, toolkit.explore, toolkit.show; ")
    }
    assert len(keys) == 1 and workspace.corpus_key(articles) in keys
