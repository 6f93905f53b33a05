"""Periods counted from the reference or from the previous date: `last week`, `next month`, `the following
year`, `this summer`, `three days ago`, `two weeks later`, `a year earlier`."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import APPROX, APPROX_RE, SEASONS
from toolkit.timex.numbers import QTY_RE, parse_number
from toolkit.timex.resolution import Context, Resolution, timestamp, to_date
from toolkit.timex.units import DAYS_PER, UNIT_RE, duration_to_reference, duration_value, unit_not_a_name, unit_of

FRIDAY = "2012-06-22"  # the reference day of most examples

_GRAN_OF = {"week": "week", "month": "month", "year": "year", "quarter": "quarter", "decade": "decade",
            "century": "century", "weekend": "weekend", "day": "day", "fiscal year": "year"}  # fmt: skip
_LETTER_OF = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "fiscal year": "Y", "quarter": "Q",
              "decade": "DE", "century": "CE"}  # fmt: skip
_UNKNOWN_OF = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
               "fiscal year": "XXXX", "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}  # fmt: skip
_PRE_MOD = {"earlier": "START", "early": "START", "the beginning of": "START", "the start of": "START",
            "later": "END", "late": "END", "the end of": "END", "the middle of": "MID"}  # fmt: skip
_STEP = {"last": -1, "next": 1, "the coming": 1, "the past": -1, "the previous": -1, "the following": 1,
         "this past": -1, "this coming": 1}  # fmt: skip
_GRAN_RANK = {"minute": 0, "hour": 0, "day": 1, "weekend": 2, "week": 2, "month": 3, "quarter": 4, "season": 4,
              "half": 5, "year": 6, "decade": 7, "century": 8}  # fmt: skip


def _this_season(code: str, step: int, base: date | None, anchor: str, mod: str | None,
                 ctx: Context) -> Resolution:  # fmt: skip
    """`this summer`, `last winter`, `the following spring`: the season `step` seasons of its name away."""
    if base is None:
        return Resolution("DATE", f"XXXX-{code}", mod, None, None, "season", "none")
    if step == 0:
        y = cal.year_for_season(replace(ctx, ref=base, tense="present"), code)
    else:
        y = cal.year_for_season(replace(ctx, ref=base, tense="past" if step < 0 else "future"), code)
        if (step < 0 and cal.season(y, code).end >= base) or (step > 0 and cal.season(y, code).start <= base):
            y += step
    return cal.period_resolution(cal.season(y, code), anchor=anchor, mod=mod, ctx=ctx)


def _this_period(unit: str, direction: str, pre: str, base: date | None, anchor: str, ctx: Context) -> Resolution:
    """`last week`, `the rest of the year`, `the past month`: the period `unit` `direction` says."""
    mod = _PRE_MOD.get(pre)
    step = _STEP.get(direction, 0)
    gran = _GRAN_OF[unit]
    letter = _LETTER_OF[unit]
    if base is None:
        approx = step * DAYS_PER[letter]
        if unit == "weekend":
            return Resolution("DATE", _UNKNOWN_OF[unit], mod, None, None, gran, "none")
        return cal.relative_unknown(_UNKNOWN_OF[unit], gran, (None, None) if step == 0 else (approx, approx), mod=mod)
    if direction == "the past" and not pre:
        value, days = duration_value(1, unit)
        return duration_to_reference(value, days, gran, ctx, ending=True)
    if pre in ("the rest of", "the remainder of"):
        p = cal.period_at(base, gran)
        return Resolution("DURATION", "P1" + letter if letter != "DE" else "P10Y", None, timestamp(base),
                          timestamp(p.end), gran, anchor)  # fmt: skip
    target = cal.shift(base, step, letter)
    return cal.period_resolution(cal.period_at(target, gran), anchor=anchor, mod=mod, ctx=ctx)


@rule("this_unit", r"(?:(?P<pre>earlier|later|early|late|the end of|the beginning of|the start of|the middle of|"
                   r"the rest of|the remainder of) )?(?P<dir>last|next|this|the coming|the current|the past|"
                   r"the previous|the following|the same|that|the latest|this past|this coming|(?<=of )the) "
                   r"(?P<u>week|weekend|month|year|fiscal year|quarter|decade|century|spring|summer|fall|autumn|winter)(?!s)",  # noqa: E501
      accept=unit_not_a_name,
      examples=(Example("last week", "2012-W24", dct=FRIDAY), Example("next month", "2012-07", dct=FRIDAY),
                Example("later this year", "2012", dct=FRIDAY, mod="END"), Example("last year", "XXXX"),
                Example("the rest of this year", "P1Y", type="DURATION", dct=FRIDAY),
                Example("the remainder of the week", "P1W", type="DURATION", dct=FRIDAY),
                Example("this summer", "2012-SU", dct=FRIDAY),
                Example("the following year", "2011", dct=FRIDAY, previous="March 2010"),
                Example("the following week", "XXXX-WXX", dct=FRIDAY, previous="March 2010"),
                Example("LAST WEEK, shares fell.", "2012-W24", dct=FRIDAY, span="LAST WEEK"),
                Example("Why Next Year Looks Better For Banks", "2013", dct=FRIDAY, span="Next Year")))  # fmt: skip
def this_unit(m: re.Match, ctx: Context) -> Resolution | None:
    unit = m["u"].lower()
    direction = m["dir"].lower()
    pre = (m["pre"] or "").lower()
    if direction == "the" and pre not in ("the rest of", "the remainder of"):
        return None  # `the year` alone is read in context (parts_of_year.the_year)
    base: date | None = ctx.ref
    anchor = "publication"
    if direction in ("the following", "the previous", "the same", "that"):
        prev = ctx.previous
        if prev is not None and prev.interval_start is not None:
            if unit not in SEASONS and not fine_enough(prev, _GRAN_OF[unit]):
                # `the following week` after `in 1998`: no week of that year is the one meant
                return Resolution("DATE", _UNKNOWN_OF[unit], _PRE_MOD.get(pre), None, None, _GRAN_OF[unit], "none")
            base, anchor = to_date(prev.interval_start), "previous"
        elif direction in ("the same", "that"):
            return None
    if unit in SEASONS:
        return _this_season(SEASONS[unit], _STEP.get(direction, 0), base, anchor, _PRE_MOD.get(pre), ctx)
    return _this_period(unit, direction, pre, base, anchor, ctx)


def fine_enough(anchor: Resolution, granularity: str) -> bool:
    """Whether a period can be counted from `anchor`: the anchor is as precise as the period (a day for
    `three days later`, a month or a day for `a month later`), never a bare year for a day."""
    return _GRAN_RANK.get(anchor.granularity or "", 9) <= _GRAN_RANK.get(granularity, 0)


def _ago_base(ctx: Context, from_previous: bool, letter: str, gran: str, is_time: bool) -> tuple[date | None, str, str]:
    """The day to count from, its anchor (`none` when the previous date is too coarse to count from) and
    the granularity of the result."""
    prev = ctx.previous if from_previous else None
    if prev is not None and prev.interval_start is not None and prev.granularity not in (None,):
        if not fine_enough(prev, "day" if letter in ("D", "W", "WE") else gran):
            return None, "none", "day" if letter in ("D", "W", "WE") else gran
        if letter in ("Y", "Q", "M") and prev.granularity in ("quarter", "month", "half", "year", "day", "week"):
            # "a year earlier" than a quarter is that quarter a year before: keep the finer granularity
            gran_out = prev.granularity if _GRAN_RANK.get(prev.granularity, 9) <= _GRAN_RANK.get(gran, 0) else gran
        else:
            gran_out = "day" if letter in ("D", "W") else gran
        return to_date(prev.interval_start), "previous", gran_out
    gran_out = "day" if letter in ("D", "W", "WE") else gran
    return ctx.ref, "publication", gran_out


def _ago_mod(m: re.Match, sign: int) -> str | None:
    """The mod of the quantifier (`about`, `more than`), turned around when counting back."""
    mod = APPROX.get((m["approx"] or "").lower()) if "approx" in m.re.groupindex else None
    if mod and mod != "APPROX":
        mod = {"LESS_THAN": "AFTER", "EQUAL_OR_LESS": "ON_OR_AFTER", "MORE_THAN": "BEFORE",
               "EQUAL_OR_MORE": "ON_OR_BEFORE"}.get(mod, mod) if sign < 0 else mod  # fmt: skip
    return mod


def _ago_later(m: re.Match, ctx: Context, sign: int, from_previous: bool) -> Resolution | None:
    """`n units` back (`sign` -1) or on from the reference, or from the previous date when `from_previous`."""
    n = parse_number(m["n"]) if m["n"] else 1
    if n is None:
        return None
    letter, is_time, gran = unit_of(m["u"])
    mod = _ago_mod(m, sign)
    base, anchor, gran_out = _ago_base(ctx, from_previous, letter, gran, is_time)
    if isinstance(n, str):
        value = "PAST_REF" if sign < 0 else "FUTURE_REF"
        return Resolution("DATE", value, None, None, None, None, "publication" if base else "none")
    if is_time:
        return None  # "three hours later": a time of day we cannot place without a clock time
    if base is None:
        days = sign * n * DAYS_PER[letter]
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-XX-XX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                   "year": "XXXX", "decade": "XXX", "century": "XX"}.get(gran_out, "XXXX-XX-XX")  # fmt: skip
        if anchor == "none":  # counted from a date too coarse to count from: no day, and no offset either
            return Resolution("DATE", unknown, mod, None, None, gran_out, "none")
        return cal.relative_unknown(unknown, gran_out, (days, days), mod=mod)
    try:
        target = cal.shift(base, sign * n, letter if letter != "WE" else "W")
    except (OverflowError, ValueError):
        return None
    return cal.period_resolution(cal.period_at(target, gran_out), anchor=anchor, mod=mod, ctx=ctx)


@rule("ago", rf"(?:(?P<approx>{APPROX_RE}) )?(?P<n>{QTY_RE})[ -](?P<u>{UNIT_RE})(?: or so)? ago",
      examples=(Example("three days ago", "2012-06-19", dct=FRIDAY), Example("a year ago", "2011", dct=FRIDAY),
                Example("a week or so ago", "2012-06-15", dct=FRIDAY, mod="APPROX"),
                Example("a year ago", "1988-Q3", dct="1989-11-02", previous="the third quarter"),
                Example("several years ago", "PAST_REF", dct=FRIDAY)))  # fmt: skip
def ago(m: re.Match, ctx: Context) -> Resolution | None:
    # "a year ago" in a results report means the same period a year before the one just discussed
    letter = unit_of(m["u"])[0]
    topic = ctx.topic("quarter") if letter == "Y" else None
    if topic is not None and ctx.ref is not None and 0 <= (ctx.ref - to_date(topic.interval_start)).days <= 366:  # type: ignore[operator]
        res = _ago_later(m, replace(ctx, previous=topic), -1, from_previous=True)
    else:
        res = _ago_later(m, ctx, -1, from_previous=False)
    if res is not None and res.mod is None and " or so " in m.group(0).lower():
        res = replace(res, mod="APPROX")  # `a week or so ago`
    return res


@rule("later_earlier", rf"(?:(?P<approx>{APPROX_RE}) )?(?P<n>{QTY_RE})[ -](?P<u>{UNIT_RE}) (?P<dir>later|earlier|before|after|afterwards?|previously|hence|from now|on)(?! (?:the|a|an|his|her|their|its|this|that|[A-Z0-9]))",  # noqa: E501
      examples=(Example("two weeks later", "2010-03-17", dct=FRIDAY, previous="March 3, 2010"),
                Example("two weeks later", "2012-07-06", dct=FRIDAY),
                Example("three days later", "XXXX-XX-XX", dct=FRIDAY, previous="1846"),
                Example("three days later", "XXXX-XX-XX", previous="in 1846"),
                Example("a month later", "2010-04", dct=FRIDAY, previous="March 2010"),
                Example("three years from now", "2015", dct=FRIDAY)))  # fmt: skip
def later_earlier(m: re.Match, ctx: Context) -> Resolution | None:
    word = m["dir"].lower()
    sign = -1 if word in ("earlier", "before", "previously") else 1
    if word in ("hence", "from now"):
        return _ago_later(m, ctx, sign, from_previous=False)
    topic = ctx.topic("quarter") if unit_of(m["u"])[0] == "Y" else None
    if topic is not None:
        ctx = replace(ctx, previous=topic)
    return _ago_later(m, ctx, sign, from_previous=True)
