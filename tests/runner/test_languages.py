"""Articles in a language the model does not read are cleaned, but skipped by the entity and timeline steps
and listed in the `skipped` table, the same way in memory and in an output folder."""

from __future__ import annotations

import pandas as pd

from toolkit.pipeline import run, run_to_folder

ENGLISH = ("Angela Merkel met Emmanuel Macron in Paris on Monday to discuss the budget of the European Union. "
           "The two leaders said they would meet again next month in Berlin to settle the remaining questions. "
           "Officials from both countries expect a long night of talks before any agreement is announced.")
GERMAN = ("Bundeskanzlerin Angela Merkel hat am Montag in Paris den französischen Präsidenten getroffen. Die beiden "
          "wollen sich im nächsten Monat in Berlin wiedersehen, um die offenen Fragen des Haushalts zu klären. "
          "Beamte beider Länder rechnen mit einer langen Nacht der Verhandlungen vor einer Einigung.")


def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "en.txt").write_text(ENGLISH + "\n", encoding="utf-8")
    (folder / "de.txt").write_text(GERMAN + "\n", encoding="utf-8")
    return folder


def test_an_article_in_another_language_is_skipped_and_listed(tmp_path):
    tables = run(corpus(tmp_path), n_process=1, progress=False, cache=False)
    languages = dict(zip(tables["articles"]["article_id"], tables["articles"]["language"], strict=True))
    assert languages == {"de": "de", "en": "en"}
    assert set(tables["mentions"]["article_id"]) == {"en"}
    assert set(tables["timexes"]["article_id"]) == {"en"}
    skipped = tables["skipped"]
    assert list(skipped["article_id"]) == ["de"] and "written in 'de'" in skipped["problem"].iloc[0]


def test_the_folder_holds_the_same_skipped_table(tmp_path):
    source = corpus(tmp_path)
    in_memory = run(source, n_process=1, progress=False, cache=False)["skipped"]
    run_to_folder(source, tmp_path / "out", n_process=1, progress=False, cache=False)
    written = pd.read_parquet(tmp_path / "out" / "skipped.parquet")
    pd.testing.assert_frame_equal(written.reset_index(drop=True), in_memory.reset_index(drop=True), check_dtype=False)
