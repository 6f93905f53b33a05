"""The rules, one module per family of expressions, and the order in which they take precedence."""

from __future__ import annotations

from toolkit.timex.engine import Rule
from toolkit.timex.rules import (
    clock,
    dates,
    days,
    durations,
    months,
    parts_of_year,
    reference,
    relative,
    sets,
    years,
)

# Priority order: between overlapping matches of one length, and between readings of one text, the earlier
# rule wins (full dates before their parts, dates before durations, words of reference and clock times last).
RULES: tuple[Rule, ...] = (
    dates.week_of_day, dates.month_day_year, dates.day_month_year, dates.iso_date, dates.numeric_date,
    dates.month_day, dates.month_ordinal_day, dates.second_day, dates.day_month, months.month_year,
    months.month_relative_year, months.week_of_month, months.month, years.year_decade, years.range_years,
    years.range_end_year, years.year, years.spoken_year, years.short_year, parts_of_year.quarter_year,
    parts_of_year.year_period, parts_of_year.year_quarter, parts_of_year.quarter, parts_of_year.half_year,
    parts_of_year.latest_period,
    days.deictic_day, days.this_part_of_day, days.weekday, years.ordinal_century, days.part_of_day,
    parts_of_year.the_year, days.the_weekend, durations.bare_units, days.last_night, days.the_same_day,
    days.next_day, days.holiday, relative.this_unit, months.season, relative.ago, relative.later_earlier,
    parts_of_year.year_ago_adj, parts_of_year.period_a_year_before, durations.recent_units, durations.duration_adj,
    durations.duration, durations.unit_long, durations.range_first_quantity, sets.set_,
    sets.weekday_set, sets.times_per_unit, sets.frequency,
    reference.reference_word, clock.clock_time, clock.clock_24h, clock.hour_of_part_of_day, clock.noon,
    clock.clock_of_part_of_day,
    parts_of_year.edge_of_unit, parts_of_year.since_year_end,
)  # fmt: skip
