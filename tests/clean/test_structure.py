"""Structure: wire dateline prefixes, full dateline dates, known and detected titles."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit.clean import clean_article, parse_dateline_date


@pytest.mark.parametrize(
    ("first", "dateline", "rest"),
    [
        (
            "CLEVELAND, Feb 26 - Shares of the company rose sharply in early trading on Thursday, "
            "traders said.",
            "CLEVELAND, Feb 26",
            "Shares of the company",
        ),
        (
            "WASHINGTON (Reuters) - The Senate voted on Tuesday to approve the measure after a long debate.",
            "WASHINGTON (Reuters)",
            "The Senate voted",
        ),
    ],
)
def test_wire_dateline_prefix_moves_to_dateline(first: str, dateline: str, rest: str) -> None:
    second = "The decision was announced after a meeting of the board of directors in the city on Wednesday."
    fields, lines = clean_article(f"{first}\n{second}\n")
    assert fields["dateline"] == dateline
    assert fields["body"].startswith(rest)
    assert pd.isna(fields["dateline_date"])  # no year: never a guessed date
    assert "dateline prefix moved to dateline" in lines.loc[0, "reason"]


def test_full_dateline_dates() -> None:
    assert parse_dateline_date("Friday, January 4, 2019") == pd.Timestamp("2019-01-04")
    assert parse_dateline_date("1:39 am EST, Wednesday, November 20, 2019") == pd.Timestamp("2019-11-20")
    assert parse_dateline_date("20 Nov 2019 08:00 GMT") == pd.Timestamp("2019-11-20")
    assert pd.isna(parse_dateline_date("CLEVELAND, Feb 26"))
    assert pd.isna(parse_dateline_date("February 30, 2019"))


def test_known_title_and_headline_above_the_article() -> None:
    text = (
        "Home\nNews\nSyrian pilot defects to Jordan in fighter jet\n"
        "A Syrian air force colonel flew his MiG-21 fighter jet to Jordan on Thursday and asked for asylum, "
        "officials said.\n"
        "He was granted political asylum by Jordan only hours after landing his jet at an air base "
        "in Mafraq.\n"
    )
    fields, lines = clean_article(text)
    assert fields["title"] == "Syrian pilot defects to Jordan in fighter jet"
    assert lines["kind"].tolist()[:3] == ["boilerplate", "boilerplate", "title"]
    fields, _ = clean_article(text, title="syrian pilot defects to jordan in fighter jet")
    assert fields["title"] == "Syrian pilot defects to Jordan in fighter jet"
