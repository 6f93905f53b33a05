"""The user's alias table: reading it, its errors, and its effect on the counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.entities import AliasError, article_mentions, count_entities, load_aliases


def test_aliases_change_counts(seed_doc, tmp_path: Path) -> None:
    table = tmp_path / "aliases.csv"
    table.write_text("alias,canonical\nUS,United States\nWashington,United States\n", encoding="utf-8")
    mentions = article_mentions(seed_doc, "seed", aliases=load_aliases(table))
    counts = count_entities(mentions).set_index("canonical")
    assert counts.loc["United States", "mentions"] == 3
    assert "US" not in counts.index


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty"),
        ("name,other\nUSA,United States\n", ":1: header"),
        ("alias,canonical\nUSA,United States\n,Nowhere\n", ":3: empty alias"),
        ("alias,canonical\nUSA,United States\nUSA,America\n", ":3: alias 'USA' already maps"),
        ("alias,canonical\nUSA,United States,extra\n", ":2: expected 2 fields"),
    ],
)
def test_load_aliases_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasError, match=message) as info:
        load_aliases(path)
    assert str(path) in str(info.value)


def test_load_aliases(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_text("alias,canonical\n USA , United States\n\nU.S.,United States\n", encoding="utf-8")
    assert load_aliases(path) == {"USA": "United States", "U.S.": "United States"}
    with pytest.raises(AliasError, match="not found"):
        load_aliases(tmp_path / "missing.csv")
