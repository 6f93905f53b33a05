"""Clock times: `5:30 p.m. EDT Monday`, `10 o'clock`, `noon`, `midnight Friday`."""

from __future__ import annotations

import re
from dataclasses import replace

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import MONTH_RE, WEEKDAY_RE, month_number
from toolkit.timex.numbers import parse_number
from toolkit.timex.resolution import Context, Resolution
from toolkit.timex.rules.dates import month_day_resolution
from toolkit.timex.rules.days import deictic_day_resolution, weekday_number, weekday_resolution

FRIDAY = "2012-06-22"  # the reference day of most examples
_MONTH_DAY = re.compile(rf"(?P<m>{MONTH_RE}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?")


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


# Zones that are UTC itself: ISO 8601 (and TIMEX3) writes them `Z`. Another zone's offset is not written
# (TimeBank gives `5 p.m. EST` as `T17:00`).
_UTC_ZONES = ("UTC", "GMT", "Z")
# The day after a clock time is part of it (`5 pm yesterday`, `5 p.m. EST, Nov. 6`); a day written with an
# ordinal after a comma is read but left as an expression of its own (`16:15 UTC, June 1st`).
# A part of the day after the day is part of the expression too (`3 p.m. Tuesday afternoon`, `2am on Sunday
# morning`): the clock time says more than it does.
_POD_RE = r"(?:morning|afternoon|evening|night)"
_DAY_AFTER = (rf"(?:,? (?:on )?(?P<day>{WEEKDAY_RE}|today|yesterday|tomorrow|{MONTH_RE} \d{{1,2}})(?: {_POD_RE})?)?"
              rf"(?(day)|(?=, (?P<next_day>{MONTH_RE} \d{{1,2}})(?:st|nd|rd|th)?\b)?)")
# A zone after a clock time: an abbreviation (`EDT`, `GMT`), an offset from UTC (`GMT+8`, `(GMT +8)`), a
# named zone's time (`Eastern time`) or `local time`; only UTC itself is written in the value.
_ZONE = (r"(?: \(?(?P<tz>(?:GMT|UTC) ?[+-] ?\d{1,2}(?::?\d\d)?|[A-Z]{2,4}T|GMT|UTC|"
         r"(?:[Ll]ocal|Eastern|Central|Mountain|Pacific|Moscow|Beijing) [Tt]ime)\)?)?")


def _clock_day(m: re.Match, ctx: Context) -> Resolution | None:
    """The day a clock time is on: the day written after it, else the last day the article named, else the
    reference day (None when none is known)."""
    if m["day"] or m.groupdict().get("next_day"):
        return _named_day(m["day"] or m["next_day"], ctx)
    last_day = next((r for r in reversed(ctx.history) if r.granularity == "day" and r.on_calendar), None)
    if last_day is not None:
        return last_day
    if ctx.ref is not None:
        return cal.period_resolution(cal.day(ctx.ref), anchor="publication", ctx=ctx)
    return None


def _clock(m: re.Match, ctx: Context, h: int, mi: int) -> Resolution | None:
    """`h:mi` on the day of the match, `Z` after it when the zone written is UTC."""
    if not (0 <= h <= 23 and 0 <= mi <= 59):
        return None
    zone = "Z" if (m.groupdict().get("tz") or "").upper() in _UTC_ZONES else ""
    return _at_clock(_clock_day(m, ctx), f"T{h:02d}:{mi:02d}{zone}")


@rule("clock_time", r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))? ?"
                    r"(?P<ampm>a\.m\.?|p\.m\.?|am|pm|o'clock)" + _ZONE + _DAY_AFTER,
      flags=0,
      examples=(Example("at 5 pm yesterday", "2012-06-21T17:00", type="TIME", dct=FRIDAY, span="5 pm yesterday"),
                Example("10:30 a.m. EDT Monday", "2012-06-18T10:30", type="TIME", dct=FRIDAY),
                Example("by 12 p.m.", "XXXX-XX-XXT12:00", type="TIME", span="12 p.m."),
                Example("at 9 a.m. GMT", "2012-06-22T09:00Z", type="TIME", dct=FRIDAY, span="9 a.m. GMT"),
                Example("It began at 3 p.m. Tuesday afternoon.", "2012-06-19T15:00", type="TIME", dct=FRIDAY,
                        span="3 p.m. Tuesday afternoon"),
                Example("Police came at 2am on Sunday morning.", "2012-06-17T02:00", type="TIME", dct=FRIDAY,
                        span="2am on Sunday morning"),
                Example("It landed at 6:40 p.m. (GMT +8) on Thursday.", "2012-06-21T18:40", type="TIME",
                        dct=FRIDAY, span="6:40 p.m. (GMT +8) on Thursday"),
                Example("Polls close at 8 p.m. Eastern time.", "2012-06-22T20:00", type="TIME", dct=FRIDAY,
                        span="8 p.m. Eastern time")))  # fmt: skip
def clock_time(m: re.Match, ctx: Context) -> Resolution | None:
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ampm = m["ampm"].lower()
    if h > 12 or (h == 0 and "m" in ampm):
        return None
    if ampm.startswith("p") and h != 12:
        h += 12
    if ampm.startswith("a") and h == 12:
        h = 0
    return _clock(m, ctx, h, mi)


@rule("clock_24h", r"(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d) ?\(?(?P<tz>(?:GMT|UTC) ?[+-] ?\d{1,2}(?::?\d\d)?|UTC|GMT|Z|"
                   r"[A-Z]{2,4}T|[Ll]ocal [Tt]ime)\)?" + _DAY_AFTER,
      flags=0,
      examples=(Example("The index was up 3% at 14:58 UTC.", "2012-06-22T14:58Z", type="TIME", dct=FRIDAY,
                        span="14:58 UTC"),
                Example("at 12:00 UTC Monday", "2012-06-18T12:00Z", type="TIME", dct=FRIDAY, span="12:00 UTC Monday"),
                Example("at 16:15 UTC, June 1st, he spoke", "2012-06-01T16:15Z", type="TIME", dct=FRIDAY,
                        span="16:15 UTC"),
                Example("at 16:30 CEST", "2012-06-22T16:30", type="TIME", dct=FRIDAY, span="16:30 CEST"),
                Example("It landed at 18:40 local time.", "2012-06-22T18:40", type="TIME", dct=FRIDAY,
                        span="18:40 local time")))  # fmt: skip
def clock_24h(m: re.Match, ctx: Context) -> Resolution | None:
    """A 24-hour clock time with its zone (`14:58 UTC`): without a zone `14:58` may be a score or a ratio."""
    return _clock(m, ctx, int(m["h"]), int(m["mi"]))


@rule("hour_of_part_of_day", r"(?P<h>\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                             r"(?: o'clock)? in the (?P<pod>morning|afternoon|evening|night)" + _DAY_AFTER,
      examples=(Example("will leave at 4 in the morning", "2012-06-22T04:00", type="TIME", dct=FRIDAY,
                        span="4 in the morning"),
                Example("at ten in the evening", "2012-06-22T22:00", type="TIME", dct=FRIDAY,
                        span="ten in the evening")))  # fmt: skip
def hour_of_part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    """`4 in the morning`, `ten in the evening`: an hour of a part of the day (afternoon and evening hours,
    and night hours from six, after noon)."""
    hour = parse_number(m["h"])
    if not isinstance(hour, float) or not 1 <= hour <= 12:
        return None
    h = int(hour) % 12
    pod = m["pod"].lower()
    if pod in ("afternoon", "evening") or (pod == "night" and h >= 6):
        h += 12
    return _clock(m, ctx, h, 0)


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


@rule("clock_of_part_of_day", rf"(?P<h>\d{{1,2}}):(?P<mi>[0-5]\d) (?:on )?(?:(?P<w>this|that|yesterday|tomorrow|"
                              rf"{WEEKDAY_RE}) (?P<pod>{_POD_RE})|(?P<tonight>tonight))",
      examples=(Example("The blast came at about 10:15 this morning.", "2012-06-22T10:15", type="TIME", dct=FRIDAY,
                        span="10:15 this morning"),
                Example("He left at 9:30 on Tuesday night.", "2012-06-19T21:30", type="TIME", dct=FRIDAY,
                        span="9:30 on Tuesday night"),
                Example("The show starts at 8:15 tonight.", "2012-06-22T20:15", type="TIME", dct=FRIDAY,
                        span="8:15 tonight")))  # fmt: skip
def clock_of_part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    """A clock time without `a.m.`/`p.m.` before a day's part (`10:15 this morning`, `9:30 on Tuesday night`):
    the part says which half of the day (afternoon and evening hours, and night hours from six, after noon)."""
    h, mi = int(m["h"]), int(m["mi"])
    pod = (m["pod"] or "night").lower()
    if not 1 <= h <= 12:
        return None
    h %= 12
    if pod in ("afternoon", "evening") or (pod == "night" and h >= 6):
        h += 12
    word = m["w"] or "today"
    if word.lower() in ("this", "that"):
        last_day = next((r for r in reversed(ctx.history) if r.granularity == "day" and r.on_calendar), None)
        day = last_day if word.lower() == "that" and last_day is not None else _named_day("today", ctx)
    else:
        day = _named_day(word, ctx)
    return _at_clock(day, f"T{h:02d}:{mi:02d}")
