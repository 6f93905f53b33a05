"""The result cache reads back exactly what was written, runs no code, and recomputes (with a warning that
names the file) any entry that is damaged, foreign or stale instead of trusting it."""

from __future__ import annotations

import pickle
import warnings
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import results
from toolkit.pipeline import run
from toolkit.results import FORMAT_VERSION, ResultCache, decode_entry, encode_entry
from toolkit.timeline import events_frame, timexes_frame

from .conftest import assert_same_tables

KEY = "ab" + "0" * 62
OTHER_KEY = "cd" + "1" * 62


def assert_round_trip(tables: dict[str, pd.DataFrame]) -> None:
    back = decode_entry(KEY, encode_entry(KEY, tables))
    assert list(back) == list(tables)
    for name, table in tables.items():
        pd.testing.assert_frame_equal(back[name], table, obj=name)
        for column in [c for c in table.columns if table[c].dtype == object]:  # the Python types too
            assert [type(v) for v in back[name][column]] == [type(v) for v in table[column]], f"{name}.{column}"
            lists = [v for v in table[column] if isinstance(v, list)]
            assert [[type(i) for i in v] for v in back[name][column] if isinstance(v, list)] == [
                [type(i) for i in v] for v in lists
            ]


def test_every_table_of_a_run_round_trips_with_its_dtypes(single):
    tables = {name: table for name, table in single.items() if name != "problems"}
    assert tables["events"]["entities"].map(len).sum() > 0  # lists of names are really there
    assert_round_trip(tables)
    assert_round_trip({name: table.iloc[:0] for name, table in tables.items()})  # and when a partition has none


def test_awkward_columns_round_trip_exactly():
    frame = pd.DataFrame({
        "nullable": pd.array([1, None, 3], dtype="Int64"),
        "string": pd.array(["a", None, "c"], dtype="string"),
        "when": pd.to_datetime(["2003-05-06 00:00:00", None, "1999-12-31 23:59:59.123456789"], format="ISO8601"),
        "zoned": pd.to_datetime(["2003-05-06", None, "2004-01-01"]).tz_localize("Europe/Berlin"),
        "flag": [True, False, True],
        "number": [1.5, float("nan"), -0.0],
        "lists": [["Jordan", "Syria"], [], None],
        "ids": [[3, 7], [0], []],
        "mixed": [1, float("nan"), "x"],
        "none_or_nan": [None, float("nan"), None],
        "nothing": [None, None, None],
        "kind": pd.Categorical(["b", "a", "b"], categories=["b", "a"]),
    })  # fmt: skip
    shifted = frame.set_axis(pd.RangeIndex(10, 16, 2))
    assert_round_trip({"frame": frame, "shifted": shifted, "empty": timexes_frame([]), "no_events": events_frame([])})


@pytest.mark.parametrize(("table", "why"), [
    (pd.DataFrame({"pair": [(1, 2)]}), "t.pair holds a tuple"),
    (pd.DataFrame({"ids": [[1, (2, 3)]]}), "t.ids holds a list"),
    (pd.DataFrame({"a": ["x"]}, index=pd.Index(["k"], dtype="string")), "t has a Index, not a RangeIndex"),
])  # fmt: skip
def test_a_table_that_would_not_read_back_exactly_is_not_stored(tmp_path, table, why):
    cache = ResultCache(tmp_path)
    with pytest.warns(UserWarning, match=rf"partition not stored \({why}\)"):
        cache.put(KEY, {"t": table})
    assert cache.get(KEY) is None and not cache.path(KEY).exists()


def test_a_foreign_or_stale_entry_is_recomputed_with_a_warning_naming_it(tmp_path):
    cache = ResultCache(tmp_path)
    cache.put(OTHER_KEY, {"t": pd.DataFrame({"a": [1]})})
    cache.path(KEY).parent.mkdir(parents=True)
    cache.path(KEY).write_bytes(cache.path(OTHER_KEY).read_bytes())
    with pytest.warns(UserWarning, match=rf"{cache.path(KEY)}: the entry of another key; recomputing it$"):
        assert cache.get(KEY) is None
    stale = bytearray(encode_entry(KEY, {"t": pd.DataFrame({"a": [1]})}))
    stale[len(results.MAGIC) + 1] = FORMAT_VERSION + 1  # the low byte of the version
    cache.path(KEY).write_bytes(bytes(stale))
    with pytest.warns(UserWarning, match=rf"format {FORMAT_VERSION + 1}, this code reads {FORMAT_VERSION}"):
        assert cache.get(KEY) is None


class Planted:
    """Unpickled, it creates `marker`: what an attacker's file under a cache key would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def test_a_planted_pickle_is_never_run_and_the_tables_are_recomputed(corpus, single, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(tmp_path))
    run(corpus, n_process=1, partition_size=4, progress=False)
    entries = sorted((tmp_path / "results").rglob("*.tables"))
    assert len(entries) == 3
    marker = tmp_path / "pwned"
    for entry in entries:
        entry.write_bytes(pickle.dumps({"key": entry.stem, "tables": Planted(marker)}))
    with pytest.warns(UserWarning) as caught:
        got = run(corpus, n_process=1, partition_size=4, progress=False)
    assert not marker.exists()
    assert_same_tables(got, single)
    assert sorted(str(w.message).split(":")[0] for w in caught) == [f"result cache {e}" for e in entries]
    pickle.loads(pickle.dumps(Planted(tmp_path / "live")))
    assert (tmp_path / "live").exists()  # the planted payload was live: unpickling it would have run it


def corrupt(data: bytes, position: int, flip: int, truncate: bool) -> bytes:
    """`data` cut at `position`, or with the byte at `position` changed (xor `flip`, never 0)."""
    if truncate:
        return data[:position]
    return data[:position] + bytes([data[position] ^ flip]) + data[position + 1 :]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_flipped_byte_or_truncation_is_detected(single, tmp_path, data):
    cache = ResultCache(tmp_path)
    tables = {name: table for name, table in single.items() if name != "problems"}
    cache.put(KEY, tables)
    good = cache.path(KEY).read_bytes()
    position = data.draw(st.integers(0, len(good) - 1), label="position")
    damaged = corrupt(good, position, data.draw(st.integers(1, 255), label="flip"), data.draw(st.booleans()))
    cache.path(KEY).write_bytes(damaged)
    with pytest.warns(UserWarning, match=rf"^result cache {cache.path(KEY)}: [^\n]*; recomputing it$"):
        assert cache.get(KEY) is None


@pytest.fixture(scope="module")
def warm_cache(corpus, tmp_path_factory):
    """A cache directory where the corpus ran once in partitions of 4 (Docs and tables stored)."""
    root = tmp_path_factory.mktemp("warm")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TOOLKIT_CACHE_DIR", str(root))
        run(corpus, n_process=1, partition_size=4, progress=False)
    return root


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(entry=st.integers(0, 2), where=st.floats(0, 1, exclude_max=True), truncate=st.booleans())
def test_a_run_over_a_damaged_entry_gives_the_fresh_tables(corpus, single, warm_cache, monkeypatch, entry, where,
                                                          truncate):  # fmt: skip
    monkeypatch.setenv("TOOLKIT_CACHE_DIR", str(warm_cache))
    path = sorted((warm_cache / "results").rglob("*.tables"))[entry]
    good = path.read_bytes()
    path.write_bytes(corrupt(good, int(where * len(good)), 0x20, truncate))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = run(corpus, n_process=1, partition_size=4, progress=False)
    assert [str(w.message).split(":")[0] for w in caught] == [f"result cache {path}"]
    assert_same_tables(got, single)
    assert path.read_bytes() == good  # recomputed and stored again, byte for byte


def test_the_code_fingerprint_covers_every_source_and_data_file_but_cli_report_plots(tmp_path):
    for name in ("__init__.py", "cli.py", "report.py", "plots/__init__.py", "timex/rules/dates.py",
                 "timex/rules/months.toml", "entities/titles.txt", "defaults.toml", "clean/__pycache__/x.pyc",
                 ".hidden.py", "timeline/extract.py"):  # fmt: skip
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    found = [path.relative_to(tmp_path).as_posix() for path in results.source_files(tmp_path)]
    assert found == ["__init__.py", "defaults.toml", "entities/titles.txt", "timeline/extract.py",
                     "timex/rules/dates.py", "timex/rules/months.toml"]  # fmt: skip
    real = {path.relative_to(results.PACKAGE_DIR).as_posix() for path in results.source_files()}
    assert {"timeline/extract.py", "timeline/tense.py", "runner.py", "defaults.toml"} <= real
    assert not real & {"cli.py", "report.py", "plots.py"}
