"""Line normalisation: what changes, what must not change, and that every change is reported."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.clean.normalise import normalise_line, normalise_text, regroup_indian_digits


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("More than 1,00,000 Syrians", "More than 100,000 Syrians"),
        ("Rs 2,50,00,000 was paid", "Rs 25,000,000 was paid"),
        ("12,34,567.50 rupees", "1,234,567.50 rupees"),
        ("(1,00,000)", "(100,000)"),
    ],
)
def test_indian_grouping_becomes_western(raw: str, expected: str) -> None:
    text, changes = normalise_line(raw)
    assert text == expected
    assert [c.kind for c in changes] == ["Indian digit grouping"]


@pytest.mark.parametrize(
    "raw",
    [
        "1,000,000 people",  # western grouping
        "12,345 and 123,456,789",
        "in 2019, 2020 and 2021",  # years in a list
        "call +91 98765 43210",  # phone number
        "scores of 3,4,5",  # a list of small numbers
        "version 1.00,000",  # not a number in Indian grouping
        "1,00,0000",  # malformed: last group not three digits
    ],
)
def test_other_numbers_are_left_alone(raw: str) -> None:
    assert regroup_indian_digits(raw) == (raw, [])


def test_spaces_zero_width_and_nfc_are_normalised_and_reported() -> None:
    text, changes = normalise_line("Friday,\u00a0January 4,\u200b 2019\u00a0 cafe\u0301 ")
    assert text == "Friday, January 4, 2019 café"
    kinds = {c.kind for c in changes}
    assert {"Unicode NFC", "space characters -> space", "zero-width characters removed"} <= kinds


def test_trivial_whitespace_is_tidied_without_a_record() -> None:
    """Ends, runs of ordinary spaces and tabs change nothing a reader sees: tidied, not reported."""
    assert normalise_line("  Two  spaces\tand a tab  ") == ("Two spaces and a tab", [])
    assert normalise_line("café  au\t\tlait ") == ("café au lait", [])
    text, changes = normalise_line("a\u00a0 b")
    assert text == "a b"
    assert [c.kind for c in changes] == ["space characters -> space"]


def test_curly_quotes_dashes_and_joiners_inside_words_are_kept() -> None:
    raw = "“Quoted” — it’s fine… 👩\u200d💻 क्\u200dष"
    text, changes = normalise_line(raw)
    assert text == raw
    assert changes == []


def test_unambiguous_mojibake_is_repaired() -> None:
    text, changes = normalise_line("It\u00e2\u20ac\u2122s a caf\u00c3\u00a9")
    assert text == "It’s a café"
    assert [c.kind for c in changes] == ["mojibake repaired", "mojibake repaired"]


def test_ambiguous_latin1_text_is_not_touched() -> None:
    for raw in ("Ãx is a name", "São Paulo, naïve Émile", "Ça va, Àlex"):
        assert normalise_line(raw)[0] == raw


def test_normalise_text_reports_line_numbers() -> None:
    text, changes = normalise_text("a\nb\u00a0c\n1,00,000")
    assert text == "a\nb c\n100,000"
    assert [number for number, _ in changes] == [2, 3]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_and_stays_nfc_single_line(raw: str) -> None:
    raw = raw.replace("\n", " ")
    text, changes = normalise_line(raw)
    assert "\n" not in text
    assert text == text.strip()
    assert unicodedata.is_normalized("NFC", text) or any(c.kind == "mojibake repaired" for c in changes)
    if text != re.sub(r"[ \t\f\v]+", " ", raw).strip():  # tidying ordinary whitespace is not reported
        assert changes, "a change was made without being reported"
