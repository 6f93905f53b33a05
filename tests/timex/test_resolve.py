"""Reading temporal expressions against a reference day, a tense and the article's earlier dates."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.timex import Resolution, find_timexes, resolve_in_text, resolve_timex

FRI = pd.Timestamp("2012-06-22")  # a Friday


def value(text: str, ref=FRI, **kw) -> str | None:
    return resolve_timex(text, ref, **kw).value


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("Thursday", "past", "2012-06-21"),
        ("Thursday", "future", "2012-06-28"),
        ("Friday", "future", "2012-06-22"),  # the publication weekday is that day when present/future
        ("Friday", "present", "2012-06-22"),
        ("Monday", None, "2012-06-18"),  # no tense cue: the most recent past occurrence
        ("next Monday", None, "2012-06-25"),
        ("last Friday", None, "2012-06-15"),
    ],
)
def test_weekdays_follow_the_tense(text, tense, expected):
    assert value(text, tense=tense) == expected


def test_same_weekday_in_the_past_is_a_parameter():
    assert value("Friday", tense="past") == "2012-06-22"
    assert value("Friday", tense="past", same_weekday_past="previous_week") == "2012-06-15"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", "2012-06-21"), ("today", "2012-06-22"), ("tomorrow", "2012-06-23"),
        ("last week", "2012-W24"), ("this week", "2012-W25"), ("next week", "2012-W26"),
        ("last month", "2012-05"), ("next month", "2012-07"), ("this year", "2012"), ("last year", "2011"),
        ("a year ago", "2011"), ("two years ago", "2010"), ("a month ago", "2012-05"),
        ("three days ago", "2012-06-19"),
    ],
)  # fmt: skip
def test_deictic_expressions_count_from_the_reference(text, expected):
    res = resolve_timex(text, FRI)
    assert res.value == expected
    assert res.anchor == "publication"


def test_months_without_a_year_follow_the_tense():
    assert value("January", tense="past") == "2012-01"
    assert value("August", tense="past") == "2011-08"
    assert value("August", tense="future") == "2012-08"
    assert value("January", tense="future") == "2013-01"
    assert value("August", tense=None) == "2011-08"  # default tense: past
    assert value("August", tense=None, default_tense="future") == "2012-08"


def test_modifiers_set_mod_and_narrow_the_interval():
    res = resolve_timex("late August", FRI, tense="past")
    assert (res.value, res.mod) == ("2011-08", "END")
    assert res.interval_start == pd.Timestamp("2011-08-21") and res.interval_end == pd.Timestamp("2011-08-31")
    early = resolve_timex("early 2011", FRI)
    assert (early.value, early.mod) == ("2011", "START")
    assert early.interval_start == pd.Timestamp("2011-01-01") and early.interval_end < pd.Timestamp("2011-06-01")
    mid = resolve_timex("mid-2010", FRI)
    assert mid.mod == "MID" and pd.Timestamp("2010-04-01") < mid.interval_start < mid.interval_end
    end = resolve_timex("the end of 2011", FRI)
    assert (end.value, end.mod, end.interval_end) == ("2011", "END", pd.Timestamp("2011-12-31"))


def test_durations_end_at_the_reference_when_ongoing():
    res = resolve_timex("15-month", FRI)
    assert (res.type, res.value) == ("DURATION", "P15M")
    assert (res.interval_start, res.interval_end) == (pd.Timestamp("2011-03-22"), FRI)
    past = resolve_timex("the past two years", FRI)
    assert (past.type, past.value, past.interval_start) == ("DURATION", "P2Y", pd.Timestamp("2010-06-22"))
    assert resolve_timex("five years", FRI).value == "P5Y"
    assert resolve_timex("nearly forty years", FRI).mod == "EQUAL_OR_LESS"
    assert resolve_timex("two and a half hours", FRI).value == "PT2.5H"
    assert resolve_timex("three-and-a-half months", FRI).value == "P3.5M"
    assert resolve_timex("an hour and a half", FRI).value == "PT1H30M"
    assert resolve_timex("a day and a half", FRI).value == "P1DT12H"
    assert resolve_timex("a week and a half", FRI).value == "P1.5W"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("every morning", "TMO"), ("annually", "P1Y"), ("daily", "P1D"), ("each Thursday", "XXXX-WXX-4"),
     ("every year", "P1Y"), ("each July", "XXXX-07")],
)  # fmt: skip
def test_sets(text, expected):
    res = resolve_timex(text, FRI)
    assert (res.type, res.value) == ("SET", expected)


def test_reference_words():
    assert value("now") == "PRESENT_REF"
    assert value("currently") == "PRESENT_REF"
    assert value("the past") == "PAST_REF"
    assert value("the future") == "FUTURE_REF"


def test_quarters_decades_ranges_and_absolute_dates():
    assert value("the third quarter of 2011") == "2011-Q3"
    assert value("the first quarter") == "2012-Q1"
    assert value("the fourth quarter") == "2011-Q4"  # not reached yet in June: last year's
    assert value("the 1990s") == "199"
    assert value("the mid-1990s") == "199"
    assert value("the 1800s") == "18"
    assert value("Oct. 15, 1999") == "1999-10-15"
    assert value("15 October 1999") == "1999-10-15"
    assert resolve_timex("March 2011", FRI).anchor == "explicit"
    assert value("Thanksgiving Day", tense="past") == "2011-11-24"


@pytest.mark.parametrize(("text", "years"), [("the 1998-99 season", [("1998", "1998"), ("99", "1999")]),
                                             ("from 2010-2012", [("2010", "2010"), ("2012", "2012")])])  # fmt: skip
def test_a_range_of_years_is_two_dates_as_timeml_annotates_it(text, years):
    read = [(c.text, resolve_in_text(text, c.start, c.end, FRI, rule=c.rule)) for c in find_timexes(text)]
    assert [(t, r.value) for t, r in read] == years
    assert all(r.type == "DATE" for _, r in read)


def test_expressions_anchored_on_the_previous_date():
    previous = resolve_timex("March 3, 2010", FRI)
    later = resolve_timex("two weeks later", FRI, previous=previous)
    assert (later.value, later.anchor) == ("2010-03-17", "previous")
    # with no previous date the reference stands in
    assert resolve_timex("two weeks later", FRI).anchor == "publication"
    quarter = resolve_timex("the third quarter", pd.Timestamp("1989-11-02"))
    year_ago = resolve_timex("a year ago", pd.Timestamp("1989-11-02"), previous=[quarter])
    assert year_ago.value == "1988-Q3"


def test_without_a_reference_date_nothing_goes_on_the_calendar():
    yesterday = resolve_timex("yesterday", None)
    assert (yesterday.offset_start, yesterday.offset_end, yesterday.anchor) == (-1.0, -1.0, "publication")
    assert yesterday.interval_start is None and "X" in yesterday.value
    thursday = resolve_timex("Thursday", None, tense="past")
    assert (thursday.value, thursday.interval_start, thursday.anchor) == ("XXXX-WXX-4", None, "none")
    uprising = resolve_timex("15-month", None)
    assert uprising.value == "P15M" and uprising.offset_end == 0.0 and uprising.offset_start < -400
    assert resolve_timex("late August", None).value == "XXXX-08"
    # absolute dates need no reference
    assert resolve_timex("June 21, 2012", None).interval_start == pd.Timestamp("2012-06-21")


def test_unreadable_text_gives_no_value():
    assert resolve_timex("the uprising", FRI).value is None
    assert resolve_timex("", FRI) == Resolution()


references = st.one_of(
    st.none(),
    st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)).map(pd.Timestamp),
    st.sampled_from([pd.Timestamp("0001-01-01"), pd.Timestamp("9999-12-31")]),
)
words = st.sampled_from(
    "yesterday today tomorrow last next this week month year quarter ago later earlier early late mid the end of "
    "Thursday Friday January August spring 15-month two years decade 1990s 2009-2010 every morning annually now "
    "past future 12 31 , 9999 0001 a few several century first third half of since midday morning previous "
    "20th nineteenth or so and in near term eighth".split()
)
texts = st.one_of(st.text(max_size=40), st.lists(words, min_size=1, max_size=6).map(" ".join))


@settings(max_examples=400, deadline=None)
@given(texts, references, st.sampled_from([None, "past", "present", "future"]))
def test_resolver_never_raises_and_intervals_are_ordered(text, reference, tense):
    res = resolve_timex(text, reference, tense=tense)
    assert isinstance(res, Resolution)
    assert (res.interval_start is None) == (res.interval_end is None)
    if res.interval_start is not None:
        assert res.interval_start <= res.interval_end
    if res.offset_start is not None and res.offset_end is not None:
        assert res.offset_start <= res.offset_end
    again = resolve_timex(text, reference, tense=tense, previous=res)
    if again.interval_start is not None:
        assert again.interval_start <= again.interval_end


def test_a_weekday_in_a_present_tense_clause_is_the_nearest_one():
    """`Arafat and Netanyahu meet Albright Monday` in Friday's paper is the coming Monday."""
    assert value("Monday", tense="present") == "2012-06-25"
    assert value("Sunday", tense="present") == "2012-06-24"
    assert value("Wednesday", tense="present") == "2012-06-20"  # two days back is nearer than five ahead


def test_the_year_ended_is_a_length_of_a_year():
    text = "It had revenue of $76 million for the year ended March 31. For the year ended July 2, it lost money."
    found = [c for c in find_timexes(text) if c.text.lower() == "the year"]
    assert len(found) == 2  # `For the year` at a sentence start too
    values = {resolve_in_text(text, c.start, c.end, "1989-11-01", rule=c.rule).value for c in found}
    assert values == {"P1Y"}


def test_the_first_months_of_a_named_year_are_that_years_opening_stretch():
    res = resolve_timex("the first nine months of 1997", "1998-02-06")
    assert (res.value, res.anchor) == ("P9M", "explicit")
    assert (res.interval_start, res.interval_end) == (pd.Timestamp("1997-01-01"), pd.Timestamp("1997-09-30"))
    this_year = resolve_timex("the first three months of this year", "1998-02-06")
    assert (this_year.interval_start, this_year.interval_end) == (pd.Timestamp("1998-01-01"),
                                                                  pd.Timestamp("1998-03-31"))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected", "mod"),
    [("midday", "2012-06-22T12:00", None), ("the last half of 1989", "1989-H2", None),
     ("a week or so ago", "2012-06-15", "APPROX"), ("Last Friday", "2012-06-15", None),
     ("the 20th century", "19", None), ("the early nineteenth century", "18", "START"),
     ("the near term", "FUTURE_REF", None), ("the winter of nineteen ninety-four", "1994-WI", None),
     ("Sunday, March eighth", "2012-03-08", None)],
)  # fmt: skip
def test_more_news_expressions(text, expected, mod):
    res = resolve_timex(text, FRI)
    assert (res.value, res.mod) == (expected, mod)


def test_a_part_of_the_day_belongs_to_the_day_last_named():
    text = "Prices crashed Friday. Dealers placed heavy orders in the morning. By mid afternoon, they sold."
    found = {c.text: c for c in find_timexes(text)}
    assert set(found) == {"Friday", "the morning", "mid afternoon"}
    friday = resolve_timex("Friday", "1989-10-30", tense="past")
    morning = found["the morning"]
    res = resolve_in_text(text, morning.start, morning.end, "1989-10-30", rule=morning.rule, previous=[friday])
    assert (res.type, res.value, res.anchor) == ("TIME", "1989-10-27TMO", "previous")
    afternoon = resolve_timex("mid afternoon", "1998-03-06")
    assert (afternoon.value, afternoon.mod) == ("1998-03-06TAF", "MID")


def test_the_previous_weekday_counts_from_the_day_last_named():
    friday = resolve_timex("Friday", "1989-10-30", tense="past")
    res = resolve_timex("the previous Friday", "1989-10-30", previous=[friday])
    assert (res.value, res.anchor) == ("1989-10-20", "previous")
    assert resolve_timex("the following Monday", "1989-10-30", previous=[friday]).value == "1989-10-30"


def test_bare_units_after_in_are_a_vague_duration():
    text = "growth for the first time in years."
    found = find_timexes(text)
    assert [c.text for c in found] == ["years"]
    assert resolve_in_text(text, found[0].start, found[0].end, FRI, rule=found[0].rule).value == "PXY"
    assert find_timexes("in years to come") == []


def test_the_second_day_of_a_pair_takes_the_month_of_the_first():
    text = "The summit will be held on April 24 and 25."
    found = find_timexes(text)
    assert [c.text for c in found] == ["April 24", "25"]
    second = found[1]
    res = resolve_in_text(text, second.start, second.end, "1999-02-10", rule=second.rule, tense="future")
    assert res.value == "1999-04-25"
    assert resolve_timex("25", "1999-02-10").value is None  # a bare number alone is no date
