"""Numbers as news text writes them."""

from __future__ import annotations

from toolkit.timex import parse_number
from toolkit.timex.numbers import ordinal_number, spoken_year_number


def test_parse_number():
    assert parse_number("twenty-four") == 24
    assert parse_number("15") == 15
    assert parse_number("several") == "X"
    assert parse_number("banana") is None


def test_ordinals_in_digits_and_words():
    assert ordinal_number("21st") == 21
    assert ordinal_number("twenty first") == 21
    assert ordinal_number("thirty-first") == 31


def test_spoken_years():
    assert spoken_year_number("nineteen", "ninety-four", None) == 1994
    assert spoken_year_number("nineteen", "oh five", None) == 1905
    assert spoken_year_number("nineteen", "hundred", None) == 1900
    assert spoken_year_number(None, None, "six") == 2006
    assert spoken_year_number(None, None, None) == 2000
