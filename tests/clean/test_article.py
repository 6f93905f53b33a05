"""One article: the seed's gold lines, the contract of the `lines` table, options, and properties that
hold for any input."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.clean import KINDS, LINE_COLUMNS, clean_article, normalisations, raw_lines
from toolkit.clean.normalise import normalise_line

from ..conftest import SEED_ID


def _line_numbers(spec: list[int] | str) -> list[int]:
    if isinstance(spec, str):
        first, last = spec.split("-")
        return list(range(int(first), int(last) + 1))
    return list(spec)


# --- the seed ------------------------------------------------------------------------------------


def test_seed_lines_are_classified_as_the_gold_says(seed_text: str, shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "seed" / "gold.json").read_text(encoding="utf-8"))
    fields, lines = clean_article(seed_text, article_id=SEED_ID)
    kind = dict(zip(lines["line_no"], lines["kind"], strict=True))
    for expected, spec in gold["lines"].items():
        for number in _line_numbers(spec):
            if expected == "boilerplate":
                assert kind[number] in ("boilerplate", "duplicate"), (number, kind[number])
            else:
                assert kind[number] == expected, (number, kind[number])
    # line 86 (the file's last, without a final newline) belongs to the same trailing block
    assert kind[86] == "boilerplate"
    assert lines.loc[lines["line_no"] == 4, "reason"].item() == "copy of line 2"
    assert fields["section"] == gold["section"] == "WORLD"
    for before, after in gold["normalised_numbers"].items():
        assert after in fields["body"] and before not in fields["body"]
    assert fields["n_body_lines"] == 25
    assert fields["n_raw_lines"] == 86
    assert fields["n_dropped_lines"] == 1 + 58
    assert fields["standfirst"].startswith("Senior military figures")
    assert "Elon Musk" not in fields["body"] and "November" not in fields["body"]


def test_every_dropped_seed_line_has_a_reason_and_body_lines_say_what_was_normalised(seed_text: str) -> None:
    _, lines = clean_article(seed_text, article_id=SEED_ID)
    dropped = lines[lines["kind"].isin(["boilerplate", "duplicate"])]
    assert dropped["reason"].str.len().gt(0).all()
    assert (lines.loc[lines["line_no"].between(29, 86), "reason"].str.contains("ellipsis teaser")).sum() >= 10
    assert (
        "Indian digit grouping ('1,00,000' -> '100,000')"
        in lines.loc[lines["line_no"] == 22, "reason"].item()
    )
    table = normalisations(lines)
    assert list(table.columns) == ["article_id", "line_no", "change"]
    assert (table["line_no"] == 22).any()


def test_lines_table_has_the_contract_columns_and_every_raw_line(seed_text: str) -> None:
    _, lines = clean_article(seed_text, article_id=SEED_ID)
    assert list(lines.columns) == LINE_COLUMNS
    assert lines["line_no"].tolist() == list(range(1, 87))
    assert lines["text"].tolist() == raw_lines(seed_text)
    assert set(lines["kind"]) <= set(KINDS)
    assert lines["score"].dtype == "float64"


def test_options_override_defaults_and_reject_unknown_names(seed_text: str) -> None:
    with pytest.raises(TypeError, match="no_such_option"):
        clean_article(seed_text, no_such_option=1)
    base, _ = clean_article(seed_text)
    strict, _ = clean_article(seed_text, length_high=10_000, length_low=10_000, brief_min_words=10_000)
    assert strict["n_body_lines"] == 0 and base["n_body_lines"] == 25


# --- properties ----------------------------------------------------------------------------------

_LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
_RAW = st.lists(
    st.one_of(
        _LINE_TEXT,
        st.sampled_from(
            ["", "WORLD", "Friday, January 4, 2019", "1,00,000 ...", "CLEVELAND, Feb 26 - Shares fell."]
        ),
    ),
    max_size=30,
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_RAW)
def test_never_raises_and_body_lines_come_from_the_input(raw: str) -> None:
    fields, lines = clean_article(raw)
    assert lines["line_no"].tolist() == list(range(1, len(raw_lines(raw)) + 1))
    assert set(lines["kind"]) <= set(KINDS)
    normalised = [normalise_line(line)[0] for line in raw_lines(raw)]
    for line in filter(None, fields["body"].split("\n")):
        # a body line is a normalised input line, or its end after a wire dateline prefix was removed
        assert line in normalised or any(n.endswith(line) and fields["dateline"] for n in normalised), line
    assert fields["n_body_lines"] == int((lines["kind"] == "body").sum())


@pytest.fixture(scope="module")
def prose(wikinews: pd.DataFrame) -> list[str]:
    lines = {normalise_line(raw)[0] for text in wikinews["text"] for raw in raw_lines(text)[1:]}
    return sorted(line for line in lines if len(line) >= 150 and line.endswith((".", '"', "”")))


def test_cleaning_clean_wikinews_bodies_again_drops_nothing(
    cleaned: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    articles, _ = cleaned
    for article_id, body in zip(articles["article_id"], articles["body"], strict=True):
        if not article_id.startswith("wikinews_") or not body:
            continue
        fields, _ = clean_article(body)
        assert fields["n_dropped_lines"] == 0, article_id
        assert fields["body"] == body, article_id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_already_clean_article_loses_nothing(prose: list[str], data: st.DataObject) -> None:
    paragraphs = data.draw(st.lists(st.sampled_from(prose), min_size=1, max_size=8, unique=True))
    blank = data.draw(st.sampled_from(["\n", "\n\n\n"]))
    fields, lines = clean_article(blank.join(paragraphs))
    assert fields["n_dropped_lines"] == 0
    assert fields["body"].split("\n\n") == paragraphs


def test_a_brief_of_short_sentences_keeps_its_body():
    """Regression: a two-sentence wire brief had no line long enough to anchor the article and lost all."""
    fields, lines = clean_article(
        "WORLD\nThe minister resigned on Tuesday after the vote.\nHer deputy takes over until May.\n",
        article_id="brief",
    )
    assert lines["kind"].tolist() == ["section", "body", "body"]
    assert "The minister resigned on Tuesday after the vote." in fields["body"]
    _, menu = clean_article("Home\nNews\nSport\nContact us\n", article_id="menu")
    assert set(menu["kind"]) == {"boilerplate"}
