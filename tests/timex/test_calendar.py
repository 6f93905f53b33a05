"""Calendar arithmetic: periods and their values, shifts, thirds of a period, movable holidays."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.timex import calendar as cal


@pytest.mark.parametrize(
    ("granularity", "value", "start", "end"),
    [("day", "2012-02-29", date(2012, 2, 29), date(2012, 2, 29)),
     ("week", "2012-W09", date(2012, 2, 27), date(2012, 3, 4)),
     ("weekend", "2012-W09-WE", date(2012, 3, 3), date(2012, 3, 4)),
     ("month", "2012-02", date(2012, 2, 1), date(2012, 2, 29)),
     ("quarter", "2012-Q1", date(2012, 1, 1), date(2012, 3, 31)),
     ("half", "2012-H1", date(2012, 1, 1), date(2012, 6, 30)),
     ("year", "2012", date(2012, 1, 1), date(2012, 12, 31)),
     ("decade", "201", date(2010, 1, 1), date(2019, 12, 31)),
     ("century", "20", date(2000, 1, 1), date(2099, 12, 31))],
)  # fmt: skip
def test_the_period_containing_a_day(granularity, value, start, end):
    period = cal.period_at(date(2012, 2, 29), granularity)
    assert (period.value, period.start, period.end, period.granularity) == (value, start, end, granularity)


def test_a_week_takes_its_iso_year():
    assert cal.week(date(2010, 1, 1)).value == "2009-W53"


def test_winter_runs_into_the_next_year():
    winter = cal.season(2011, "WI")
    assert (winter.start, winter.end) == (date(2011, 12, 1), date(2012, 2, 29))


def test_shifts_keep_the_day_within_the_month():
    assert cal.shift(date(2012, 3, 31), -1, "M") == date(2012, 2, 29)
    assert cal.shift(date(2012, 2, 29), 1, "Y") == date(2013, 2, 28)
    assert cal.shift(date(2012, 6, 22), -2, "W") == date(2012, 6, 8)
    assert cal.shift(date(2012, 6, 22), 1, "Q") == date(2012, 9, 22)


def test_early_mid_and_late_are_thirds_of_a_period():
    may = cal.month(2012, 5)
    assert cal.narrow(may, "START") == (date(2012, 5, 1), date(2012, 5, 10))
    assert cal.narrow(may, "MID") == (date(2012, 5, 11), date(2012, 5, 20))
    assert cal.narrow(may, "END") == (date(2012, 5, 21), date(2012, 5, 31))
    assert cal.narrow(may, None) == (may.start, may.end)
    assert cal.narrow(cal.year(2011), "START") == (date(2011, 1, 1), date(2011, 5, 1))  # 121 days


def test_movable_holidays():
    assert [cal.easter(y) for y in (1998, 2012, 2024)] == [date(1998, 4, 12), date(2012, 4, 8), date(2024, 3, 31)]
    assert cal.nth_weekday(2011, 11, 4, 4) == date(2011, 11, 24)  # Thanksgiving: the fourth Thursday
