"""Clock times: `5:30 p.m. EDT Monday`, `10 o'clock`, `noon`, `midnight Friday`."""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import MONTH_RE, WEEKDAY_RE, month_number
from toolkit.timex.resolution import Context, Resolution
from toolkit.timex.rules.dates import month_day_resolution
from toolkit.timex.rules.days import deictic_day_resolution, weekday_number, weekday_resolution

FRIDAY = "2012-06-22"  # the reference day of most examples
_MONTH_DAY = re.compile(rf"(?P<m>{MONTH_RE}) (?P<d>\d{{1,2}})")


def _named_day(day_text: str, ctx: Context) -> Resolution | None:
    """The day after a clock time: a weekday (as written: `Monday`), a month day, else `today`,
    `yesterday` or `tomorrow` (KeyError for another word)."""
    weekday = re.match(WEEKDAY_RE, day_text)
    if weekday:
        return weekday_resolution(ctx, weekday_number(weekday.group(0)))
    month_day = _MONTH_DAY.fullmatch(day_text)
    if month_day:
        return month_day_resolution(ctx, month_number(month_day["m"]), int(month_day["d"]))
    return deictic_day_resolution(ctx, re.match(r"\w+", day_text).group(0))  # type: ignore[union-attr]


def _at_clock(day: Resolution | None, clock: str) -> Resolution:
    """The time `clock` (`T17:00`) of `day`; of an unknown day when there is none."""
    if day is None or not day.value:
        return Resolution("TIME", "XXXX-XX-XX" + clock, None, None, None, "minute", "none")
    return replace(day, type="TIME", value=day.value.split("T")[0] + clock, granularity="minute")


@rule("clock_time", r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))? ?"
                    r"(?P<ampm>a\.m\.?|p\.m\.?|am|pm|o'clock)(?: (?P<tz>[A-Z]{2,4}T|GMT|UTC))?"
                    rf"(?:,? (?:on )?(?P<day>{WEEKDAY_RE}|today|yesterday|tomorrow|{MONTH_RE} \d{{1,2}}))?",
      flags=0,
      examples=(Example("at 5 pm yesterday", "2012-06-21T17:00", type="TIME", dct=FRIDAY, span="5 pm yesterday"),
                Example("10:30 a.m. EDT Monday", "2012-06-18T10:30", type="TIME", dct=FRIDAY),
                Example("by 12 p.m.", "XXXX-XX-XXT12:00", type="TIME", span="12 p.m.")))  # fmt: skip
def clock_time(m: re.Match, ctx: Context) -> Resolution | None:
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ampm = m["ampm"].lower()
    if h > 12 or mi > 59 or (h == 0 and "m" in ampm):
        return None
    if ampm.startswith("p") and h != 12:
        h += 12
    if ampm.startswith("a") and h == 12:
        h = 0
    day: Resolution | None = None
    if m["day"]:
        day = _named_day(m["day"], ctx)
    elif (last_day := next((r for r in reversed(ctx.history) if r.granularity == "day" and r.on_calendar), None)):
        day = last_day  # a clock time belongs to the last day the article named
    elif ctx.ref is not None:
        day = cal.period_resolution(cal.day(ctx.ref), anchor="publication", ctx=ctx)
    return _at_clock(day, f"T{h:02d}:{mi:02d}")


@rule("noon", rf"(?P<w>noon|midday|midnight)(?: (?P<day>{WEEKDAY_RE}|today|yesterday|tomorrow))?",
      flags=re.IGNORECASE,
      examples=(Example("midday", "2012-06-22T12:00", type="TIME", dct=FRIDAY),
                Example("noon Monday", "2012-06-18T12:00", type="TIME", dct=FRIDAY),
                Example("midnight tomorrow", "2012-06-23T24:00", type="TIME", dct=FRIDAY)))  # fmt: skip
def noon(m: re.Match, ctx: Context) -> Resolution | None:
    clock = "T24:00" if m["w"].lower() == "midnight" else "T12:00"
    day: Resolution | None = None
    if m["day"]:
        weekday = re.match(WEEKDAY_RE, m["day"])  # as written: `noon monday` reads no day
        if weekday:
            day = weekday_resolution(ctx, weekday_number(weekday.group(0)))
        else:
            day = deictic_day_resolution(ctx, re.match(r"\w+", m["day"]).group(0))  # type: ignore[union-attr]
    elif ctx.ref is not None:
        day = cal.period_resolution(cal.day(ctx.ref), anchor="publication", ctx=ctx)
    return _at_clock(day, clock)
