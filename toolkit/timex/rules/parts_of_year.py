"""Quarters, halves and the year of a report: `the third quarter of 2011`, `the quarter`, `the first half of
1989`, `the year-ago quarter`, `for the year`, `year-end`, `the end of the month`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import YEAR_RE, edge_mod
from toolkit.timex.numbers import ORDINALS
from toolkit.timex.resolution import Context, Resolution, effective_tense, to_date

FRIDAY = "2012-06-22"  # the reference day of most examples


@rule("quarter_year", rf"(?:the )?(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ]quarter(?: of| of fiscal|,)? (?P<y>{YEAR_RE})",  # noqa: E501
      examples=(Example("the third quarter of 2011", "2011-Q3"), Example("4th quarter 1997", "1997-Q4"),
                Example("the final quarter of 2009", "2009-Q4")))
def quarter_year(m: re.Match, ctx: Context) -> Resolution | None:
    return _explicit_quarter(m)


def _explicit_quarter(m: re.Match) -> Resolution:
    """The quarter of groups `o` (its ordinal) and `y` (its year)."""
    return cal.period_resolution(cal.quarter(int(m["y"]), quarter_number(m["o"])), anchor="explicit")


def quarter_number(word: str) -> int:
    """`third` -> 3, `final` -> 4."""
    return ORDINALS[word.lower()] % 5


@rule("year_quarter", rf"(?:the )?(?P<y>{YEAR_RE}) (?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter",
      examples=(Example("the 1997 fourth quarter", "1997-Q4"), Example("its 2011 first-quarter results", "2011-Q1",
                                                                       span="2011 first-quarter")))  # fmt: skip
def year_quarter(m: re.Match, ctx: Context) -> Resolution | None:
    return _explicit_quarter(m)


def _quarter_year_of(m: re.Match, ctx: Context, q: int) -> int:
    """The year of quarter `q` named without one (`of last year`, a `year-ago` quarter)."""
    assert ctx.ref is not None
    rel = (m["rel"] or "").lower() or f"{m['relpre'] or ''} year".lower()
    if "last year" in rel:
        y = ctx.ref.year - 1
    elif "next year" in rel:
        y = ctx.ref.year + 1
    elif "this year" in rel:
        y = ctx.ref.year
    else:
        y = cal.year_for_quarter(ctx, q)
    return y - 1 if (m["dir"] or "").lower() in ("year-ago", "year-earlier") else y


def _the_quarter(direction: str, ctx: Context) -> Resolution:
    """`the quarter`, `next quarter`, `the same quarter`: counted from the quarter the article is about (or
    the one just named), else from the last completed quarter."""
    assert ctx.ref is not None
    prev = ctx.topic("quarter") if direction not in ("that", "same") else ctx.previous
    anchor = "publication"
    if prev is not None and prev.granularity == "quarter" and prev.interval_start is not None:
        base = cal.period_at(to_date(prev.interval_start), "quarter")  # type: ignore[arg-type]
        anchor = "previous"
    else:  # the last completed quarter: what a results report is about
        base = cal.period_at(cal.shift(ctx.ref, -1, "Q"), "quarter")
    if direction in ("next",):
        base = cal.period_at(cal.shift(base.start, 1, "Q"), "quarter")
    elif direction in ("year-ago", "year-earlier"):
        base = cal.period_at(cal.shift(base.start, -1, "Y"), "quarter")
    elif direction in ("this", "current"):
        base, anchor = cal.period_at(ctx.ref, "quarter"), "publication"
    return cal.period_resolution(base, anchor=anchor, ctx=ctx)


@rule("quarter", r"(?:the |(?P<relpre>this|last|next) year's )?"
                 r"(?:(?P<dir>last|next|this|that|same|current|latest|year-ago|year-earlier|previous) )?"
                 r"(?:(?P<o>first|second|third|fourth|final|1st|2nd|3rd|4th)[- ])?quarter(?P<rel> of (?:this|last|next) year)?",  # noqa: E501
      examples=(Example("the first quarter", "2012-Q1", dct=FRIDAY),
                Example("the fourth quarter", "2011-Q4", dct=FRIDAY),
                Example("the quarter", "2012-Q1", dct=FRIDAY), Example("next quarter", "2012-Q2", dct=FRIDAY),
                Example("the second quarter of last year", "2011-Q2", dct=FRIDAY),
                Example("next year's first quarter", "2013-Q1", dct=FRIDAY),
                Example("the final quarter of this year", "2012-Q4", dct=FRIDAY)))  # fmt: skip
def quarter(m: re.Match, ctx: Context) -> Resolution | None:
    if not m["o"] and not m["dir"] and not m.group(0).lower().startswith("the"):
        return None
    if ctx.ref is None:
        q = quarter_number(m["o"]) if m["o"] else None
        return Resolution("DATE", f"XXXX-Q{q}" if q else "XXXX-QX", None, None, None, "quarter", "none")
    if m["o"]:
        q = quarter_number(m["o"])
        return cal.period_resolution(cal.quarter(_quarter_year_of(m, ctx, q), q), anchor="publication", ctx=ctx)
    return _the_quarter((m["dir"] or "").lower(), ctx)


@rule("year_period", rf"the (?P<y>{YEAR_RE}) (?P<u>quarter|period)",
      examples=(Example("Net rose in the third quarter, from $5 million in the 2011 quarter.", "2011-Q3", dct=FRIDAY,
                        previous="the third quarter", span="the 2011 quarter"),
                Example("In the first nine months, net was $3 million, against a loss in the 2011 period.", "2011",
                        dct=FRIDAY, span="the 2011 period")))  # fmt: skip
def year_period(m: re.Match, ctx: Context) -> Resolution | None:
    """`the 1988 quarter`, `the 1989 period` of a results report: the period the sentence is about in that
    year: the year's opening months when the sentence names months (`In the first nine months, ... in the
    1988 period`), else the quarter the article is about."""
    y = int(m["y"])
    sentence = re.split(r"[.;]\s", m.string[max(0, m.start() - 200):m.start()])[-1]
    topic = ctx.topic("quarter")
    if re.search(r"\bmonths\b", sentence, re.IGNORECASE) is None and topic is not None:
        q = (to_date(topic.interval_start).month - 1) // 3 + 1  # type: ignore[union-attr]
        return cal.period_resolution(cal.quarter(y, q), anchor="previous")
    if m["u"].lower() == "quarter":
        return Resolution("DATE", f"{y:04d}-QX", None, None, None, "quarter", "none")
    return cal.period_resolution(cal.year(y), anchor="previous")


@rule("latest_period", r"the latest period",
      examples=(Example("Profit rose 5% in the latest period.", "2012-Q1", dct=FRIDAY, span="the latest period"),
                Example("the latest period", "2011-Q4", dct=FRIDAY, previous="the 2011 fourth quarter")))  # fmt: skip
def latest_period(m: re.Match, ctx: Context) -> Resolution | None:
    """`the latest period` of a results report: the quarter it is about, as `the latest quarter`."""
    if ctx.ref is None:
        return Resolution("DATE", "XXXX-QX", None, None, None, "quarter", "none")
    return _the_quarter("latest", ctx)


@rule("half_year", rf"(?:the )?(?P<o>first|second|last|latter) half(?: of (?P<y>{YEAR_RE}|this year|last year|next year|the year))?",  # noqa: E501
      examples=(Example("the last half of 1989", "1989-H2"), Example("the first half of next year", "2013-H1",
                                                                     dct=FRIDAY)))  # fmt: skip
def half_year(m: re.Match, ctx: Context) -> Resolution | None:
    h = 1 if m["o"].lower() == "first" else 2  # the second, last or latter half
    y_text = (m["y"] or "").lower()
    if y_text.isdigit():
        return cal.period_resolution(cal.half(int(y_text), h), anchor="explicit")
    if not y_text:
        return None
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-H{h}", None, None, None, "half", "none")
    y = ctx.ref.year + {"last year": -1, "next year": 1}.get(y_text, 0)
    return cal.period_resolution(cal.half(y, h), anchor="publication", ctx=ctx)


@rule("the_year", r"the (?P<fiscal>fiscal |calendar |full |whole |entire )?year(?P<ended>(?= end(?:ed|ing)\b))?",
      accept=lambda t, s, e: re.search(r"\b(?:of|for|in|during|through|throughout)\s+$", t[max(0, s - 12):s], re.I) is not None  # noqa: E501
      and not re.match(r"\s*(?:before|after|when|that|in which|of the|'s)\b", t[e:e + 12]),
      examples=(Example("Sales rose for the year.", "2012", dct=FRIDAY, span="the year"),
                Example("He forecast an increase for the full year.", "2012", dct=FRIDAY, span="the full year"),
                Example("revenue for the year ended March 31", "P1Y", type="DURATION", dct=FRIDAY,
                        span="the year")))  # fmt: skip
def the_year(m: re.Match, ctx: Context) -> Resolution | None:
    """`for the year`, `in the year`: the year being reported; `the year ended June 30` is a year's length."""
    if m["ended"] is not None:  # an empty group: the lookahead saw `ended`
        return Resolution("DURATION", "P1Y", None, None, None, "year", "none")
    if ctx.ref is None:
        return Resolution("DATE", "XXXX", None, None, None, "year", "none")
    return cal.period_resolution(cal.year(ctx.ref.year), anchor="publication", ctx=ctx)


@rule("year_ago_adj", r"(?:the )?(?:(?P<dir>comparable|same|corresponding|prior) )?(?P<adj>year-ago|year-earlier|year earlier|"  # noqa: E501
                      r"a year earlier|a year ago|prior-year|previous-year|last year's)(?: (?P<u>period|quarter|month|"
                      r"year|level|levels|results|figure|figures|time))?",
      examples=(Example("the prior-year quarter", "2011-Q1", dct=FRIDAY),
                Example("the year-earlier period", "2011", dct=FRIDAY),
                Example("the year-ago period", "2011-Q2", dct=FRIDAY,
                        previous="the second quarter of 2012")))  # fmt: skip
def year_ago_adj(m: re.Match, ctx: Context) -> Resolution | None:
    unit = (m["u"] or "").lower()
    if unit in ("level", "levels", "results", "figure", "figures"):
        return None  # the span is only the adjective: handled when found on its own
    prev = ctx.topic("quarter") or ctx.previous
    if prev is not None and prev.interval_start is not None and prev.granularity in ("quarter", "half", "month", "year", "day"):  # noqa: E501
        base = cal.period_at(to_date(prev.interval_start), prev.granularity)  # type: ignore[arg-type]
        anchor = "previous"
    elif ctx.ref is not None:
        base = cal.period_at(ctx.ref, "quarter" if unit == "quarter" else "year")
        anchor = "publication"
        if unit == "quarter":
            base = cal.period_at(cal.shift(ctx.ref, -1, "Q"), "quarter")
    else:
        return cal.relative_unknown("XXXX", "year", (-365.25, -365.25))
    gran = base.granularity
    if unit == "year":
        gran = "year"
    target = cal.period_at(cal.shift(base.start, -1, "Y"), gran)
    return cal.period_resolution(target, anchor=anchor, ctx=ctx)


@rule("period_a_year_before", r"the (?:(?:same|corresponding|comparable) )?(?P<u>month|quarter|period|week) "
                              r"(?:a year (?:ago|earlier)|(?:of )?last year|(?:of )?the (?:previous|prior) year|"
                              r"the year before)",
      examples=(Example("sales fell in January, against the same month a year ago", "2011-01", dct=FRIDAY,
                        previous="January", span="the same month a year ago"),
                Example("the quarter a year ago", "2011-Q1", dct=FRIDAY),
                Example("the corresponding period last year", "2010-Q3", dct=FRIDAY,
                        previous="the third quarter of 2011")))  # fmt: skip
def period_a_year_before(m: re.Match, ctx: Context) -> Resolution | None:
    """`the same month a year ago`, `the corresponding period last year`: the period the article is about
    (the month or quarter last named, else the last completed quarter or the reference month), a year back."""
    unit = m["u"].lower()
    gran = {"period": "quarter"}.get(unit, unit)
    named = ctx.topic("quarter") if gran == "quarter" else None
    named = named or next((r for r in reversed(ctx.history) if r.granularity == gran and r.on_calendar), None)
    if named is not None:
        base, anchor = cal.period_at(to_date(named.interval_start), gran), "previous"  # type: ignore[arg-type]
    elif ctx.ref is not None:
        base = cal.period_at(cal.shift(ctx.ref, -1, "Q") if gran == "quarter" else ctx.ref, gran)
        anchor = "publication"
    else:
        return Resolution("DATE", {"month": "XXXX-XX", "quarter": "XXXX-QX", "week": "XXXX-WXX"}[gran], None, None,
                          None, gran, "none")  # fmt: skip
    return cal.period_resolution(cal.period_at(cal.shift(base.start, -1, "Y"), gran), anchor=anchor, ctx=ctx)


@rule("edge_of_unit", r"(?P<edge>the (?:beginning|start|middle|end|close) of|early|late|mid-?)(?: in)?(?: the)? "
                      r"(?P<u>year|month|week|decade|century|quarter)|(?P<mid>mid-?)(?P<u2>year|decade|month|week)",
      examples=(Example("the end of the month", "2012-06", dct=FRIDAY, mod="END"),
                Example("the middle of the week", "2012-W25", dct=FRIDAY, mod="MID"),
                Example("Prices rose late in the year.", "2012", dct=FRIDAY, mod="END", tense="present",
                        span="late in the year"),
                Example("by midyear", "2012", dct=FRIDAY, mod="MID", span="midyear"),
                Example("Sales fell at the close of the year.", "2011", dct="2012-03-05", mod="END", tense="past",
                        span="the close of the year")))  # fmt: skip
def edge_of_unit(m: re.Match, ctx: Context) -> Resolution | None:
    if ctx.ref is None:
        return None
    gran = (m["u"] or m["u2"]).lower()
    base = ctx.previous if (ctx.previous is not None and ctx.previous.granularity == gran
                            and ctx.previous.on_calendar) else None  # fmt: skip
    mod = edge_mod(m["edge"] or m["mid"])
    if base is not None:
        period, anchor = cal.period_at(to_date(base.interval_start), gran), "previous"  # type: ignore[arg-type]
    else:
        period, anchor = edge_not_reached_in_the_past(cal.period_at(ctx.ref, gran), mod, ctx), "publication"
    return cal.period_resolution(period, anchor=anchor, mod=mod, ctx=ctx)


def edge_not_reached_in_the_past(period: cal.Period, mod: str | None, ctx: Context) -> cal.Period:
    """The period whose edge a past-tense clause speaks of: `at the close of the year`, said in March, is the
    year before, as the end (the last third) or the middle of this one is still ahead."""
    if ctx.tense != "past" or mod not in ("END", "MID") or ctx.ref is None:
        return period
    length = (period.end - period.start).days + 1
    edge_start = period.start + timedelta(days=length * (2 if mod == "END" else 1) // 3)
    if ctx.ref >= edge_start:
        return period
    return cal.period_at(period.start - timedelta(days=1), period.granularity)


@rule("since_year_end", r"year-end|year's end|(?:the )?end of the year",
      examples=(Example("shares rose since year-end", "2011-12-31", dct=FRIDAY, span="year-end", tense="past"),
                Example("by end of the year", "2012", dct=FRIDAY, mod="END", span="end of the year"),
                Example("It fell by end of the year.", "2011", dct="2012-02-01", mod="END", tense="past",
                        span="end of the year")))  # fmt: skip
def since_year_end(m: re.Match, ctx: Context) -> Resolution | None:
    """`year-end` is the closing day of a year (the last one in a past-tense clause, `since year-end`);
    `the end of the year` is the end of the reference year (mod END)."""
    if ctx.ref is None:
        return None
    if m.group(0).lower().startswith("year"):
        y = ctx.ref.year - 1 if effective_tense(ctx) == "past" else ctx.ref.year
        return cal.period_resolution(cal.day(date(y, 12, 31)), anchor="publication", ctx=ctx)
    year_of = edge_not_reached_in_the_past(cal.year(ctx.ref.year), "END", ctx)
    return cal.period_resolution(year_of, anchor="publication", mod="END", ctx=ctx)
