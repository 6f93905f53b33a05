"""Finding temporal expressions in running text: extents, overlaps and the rules' context checks."""

from __future__ import annotations

import pytest

from toolkit.timex import find_timexes


def test_finder_trims_to_timex_extents():
    text = "On Thursday, he said in late August that the 15-month uprising was a 6-year-old affair, now."
    found = [c.text for c in find_timexes(text)]
    assert found == ["Thursday", "late August", "15-month", "now"]


def test_finder_rejects_non_temporal_lookalikes():
    text = "The Daily Telegraph said the fall of the regime may come. He has 2000 troops and a second chance."
    assert find_timexes(text) == []


def test_a_four_digit_clock_time_is_not_a_year():
    """Regression: `19:00 local time (1700 UTC)` put an event in the year 1700."""
    texts = [c.text for c in find_timexes("The fire started at about 19:00 local time (1700 UTC) on Monday.")]
    assert "1700" not in texts
    assert [c.text for c in find_timexes("The bridge opened in 1700, and again at 0930 GMT.")] == ["1700"]


@pytest.mark.parametrize("text", ["1846 persons were hospitalized.", "In 1846 persons were hospitalized.",
                                  "They sent 2000 troops.", "Some 1500 refugees crossed the border."])  # fmt: skip
def test_a_number_counting_a_plural_noun_is_not_a_year(text):
    """Regression: `1846 persons were hospitalized` was read as the year 1846."""
    assert find_timexes(text) == []


@pytest.mark.parametrize(("text", "year"), [("Prices rose in 1998.", "1998"), ("the 1992 protests", "1992"),
                                            ("since 1990", "1990"),
                                            ("Sales fell in 1994, 1995 and 1996.", "1996"),
                                            ("It cost 1998 dollars.", None),
                                            ("Model 1998 was sold.", None)])  # fmt: skip
def test_a_bare_number_is_a_year_only_when_its_context_says_so(text, year):
    found = [c.text for c in find_timexes(text) if c.text.isdigit()]
    assert (found[-1] if found else None) == year


@pytest.mark.parametrize("text", ["Now, he says, the plan looks different.", 'He smiled. "Now, let us begin."',
                                  "Now, following the sale, the company has no debt."])  # fmt: skip
def test_a_sentence_opening_with_now_comma_is_a_discourse_marker(text):
    assert "now" not in {c.text.lower() for c in find_timexes(text)}


@pytest.mark.parametrize("text", ["The fund now holds cash.", "Now with the war over, prices fell.",
                                  "It has gone on for five months now, he said."])  # fmt: skip
def test_now_naming_the_present_is_still_found(text):
    assert "now" in {c.text.lower() for c in find_timexes(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [("the 1990 invasion of Kuwait", ["1990"]), ("the 1998 abortion clinic bombing", ["1998"]),
     ("about 2000 million dollars", []), ("leads we check on a daily basis", ["daily"]),
     ("Over the summer, rivals cut prices.", ["summer"])],
)  # fmt: skip
def test_finder_context_checks_do_not_reject_plain_dates(text, expected):
    assert [c.text for c in find_timexes(text)] == expected


def test_names_and_modifiers_are_not_timexes():
    text = "He works for 20th Century Fox, reads the morning paper and sees near-term earnings trouble."
    assert find_timexes(text) == []


def test_a_capitalised_unit_is_a_title_in_a_sentence_but_a_timex_in_a_headline():
    assert find_timexes("He spoke on ABC's This Week With David Brinkley and left.") == []
    assert [c.text for c in find_timexes("Stocks Fall Sharply In The Past Week")] == ["The Past Week"]
    assert [c.text for c in find_timexes("LAST WEEK, shares fell.")] == ["LAST WEEK"]


def test_the_weeks_before_an_event_are_not_a_length():
    assert find_timexes("His car was spotted in the weeks before the shooting.") == []
    assert [c.text for c in find_timexes("He paid them in the weeks ahead.")] == ["the weeks"]


@pytest.mark.parametrize(
    "text",
    ["the busiest weekend of the year", "a year-ended review", "the Stonight show", "overlater that day"],
)
def test_every_alternative_of_a_rule_starts_and_ends_at_a_word_boundary(text):
    # A rule written as `a|b|c` once applied the word-boundary checks to `a`'s start and `c`'s end only.
    assert [c.rule for c in find_timexes(text) if c.rule in ("since_year_end", "last_night", "this_part_of_day")] == []
