"""Days of a month: `June 21, 2012`, `21 June 2012`, `2012-06-21`, `6/21/12`, `June 21`, `March eighth`,
the `25` of `April 24 and 25`."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import MONTH_RE, WEEKDAY_RE, YEAR_RE, month_number
from toolkit.timex.numbers import ORDINAL_WORD_RE, ordinal_number
from toolkit.timex.resolution import Context, Resolution, effective_tense

FRIDAY = "2012-06-22"  # the reference day of most examples


def explicit_day(y: int, mo: int, d: int) -> Resolution | None:
    """The day `y-mo-d` named with its year; None when there is no such day."""
    try:
        return cal.period_resolution(cal.day(date(y, mo, d)), anchor="explicit")
    except ValueError:
        return None


def month_day_resolution(ctx: Context, mo: int, dd: int, direction: str = "") -> Resolution | None:
    """Day `dd` of month `mo` named without a year: its nearest occurrence, unless the clause's tense says
    otherwise beyond a month away; `direction` `last` or `next` takes the previous or the coming one."""
    if not 1 <= dd <= 31:
        return None
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{mo:02d}-{dd:02d}", None, None, None, "day", "none")
    if direction in ("last", "next"):
        y = cal.year_for_month(replace(ctx, tense="past" if direction == "last" else "future"), mo, dd)
    else:
        # a day of a month is its nearest occurrence; the tense overrides that only beyond a month away
        # (a past-tense "March 12" read on February 16 is still the coming one: tense cues are noisy)
        y = cal.year_for_month(replace(ctx, tense="present"), mo, dd)
        tense = effective_tense(ctx) if ctx.tense is not None else None
        try:
            gap = (date(y, mo, dd) - ctx.ref).days
        except ValueError:
            return None
        if tense == "past" and gap > 31:
            y -= 1
        elif tense == "future" and gap < -31:
            y += 1
    try:
        d = date(y, mo, dd)
    except ValueError:
        return None
    return cal.period_resolution(cal.day(d), anchor="publication", ctx=ctx)


def day_of_month(ctx: Context, month_word: str, dd: int, year: str | None) -> Resolution | None:
    """`month_word dd[, year]`: the explicit day when the year is given, else the day without a year."""
    if year:
        return explicit_day(int(year), month_number(month_word), dd)
    return month_day_resolution(ctx, month_number(month_word), dd)


@rule("month_day_year", rf"(?:{WEEKDAY_RE},? )?(?P<m>{MONTH_RE}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>{YEAR_RE}|\d{{1,4}}(?= ))",  # noqa: E501
      examples=(Example("June 21, 2012", "2012-06-21"), Example("on Thursday, Oct. 15, 1999", "1999-10-15",
                                                                span="Thursday, Oct. 15, 1999")))  # fmt: skip
def month_day_year(m: re.Match, ctx: Context) -> Resolution | None:
    return explicit_day(int(m["y"]), month_number(m["m"]), int(m["d"]))


@rule("day_month_year", rf"(?:{WEEKDAY_RE},? )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{MONTH_RE}),? (?P<y>{YEAR_RE})",  # noqa: E501
      examples=(Example("15 October 1999", "1999-10-15"), Example("On the 3rd of May 1999", "1999-05-03",
                                                                   span="the 3rd of May 1999")))  # fmt: skip
def day_month_year(m: re.Match, ctx: Context) -> Resolution | None:
    return explicit_day(int(m["y"]), month_number(m["m"]), int(m["d"]))


@rule("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)",
      examples=(Example("2012-06-21", "2012-06-21"), Example("filed on 1998-02-30", None, span="1998-02-30")))
def iso_date(m: re.Match, ctx: Context) -> Resolution | None:
    return explicit_day(int(m["y"]), int(m["m"]), int(m["d"]))


@rule("numeric_date", r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)",
      examples=(Example("6/21/12", "2012-06-21"), Example("on 10/15/99", "1999-10-15", span="10/15/99")))
def numeric_date(m: re.Match, ctx: Context) -> Resolution | None:
    y = int(m["y"])
    if len(m["y"]) == 2:
        y += 1900 if y > 30 else 2000
    return explicit_day(y, int(m["m"]), int(m["d"]))


@rule("week_of_day", rf"(?i:the week of) (?P<m>{MONTH_RE}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?:,? (?P<y>{YEAR_RE}))?",
      flags=0,
      examples=(Example("during the week of March 6", "2012-W10", dct=FRIDAY, span="the week of March 6"),
                Example("The week of June 4, 2001", "2001-W23"),
                Example("the week of May 2", "XXXX-05-02")))  # fmt: skip
def week_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    """`the week of March 6`: the week holding that day."""
    mo, dd = month_number(m["m"]), int(m["d"])
    day = explicit_day(int(m["y"]), mo, dd) if m["y"] else month_day_resolution(ctx, mo, dd)
    if day is None or day.interval_start is None:
        return day
    return cal.period_resolution(cal.week(day.interval_start.date()), anchor=day.anchor, ctx=ctx)


@rule("month_day", rf"(?:(?P<dir>last|next|this) )?(?:{WEEKDAY_RE},? )?(?P<m>{MONTH_RE}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?", flags=0,  # noqa: E501
      accept=lambda t, s, e: True,
      examples=(Example("on March 12", "2012-03-12", dct=FRIDAY, tense="past", span="March 12"),
                Example("March 12", "2013-03-12", dct=FRIDAY, tense="future"),
                Example("last June 25", "2011-06-25", dct=FRIDAY)))  # fmt: skip
def month_day(m: re.Match, ctx: Context) -> Resolution | None:
    return month_day_resolution(ctx, month_number(m["m"]), int(m["d"]), (m["dir"] or "").lower())


@rule("month_ordinal_day", rf"(?:{WEEKDAY_RE},? )?(?P<m>{MONTH_RE}) (?:the )?(?P<dw>{ORDINAL_WORD_RE})"
                           rf"(?:,? (?P<y>{YEAR_RE}))?", flags=0,
      examples=(Example("Sunday, March eighth", "2012-03-08", dct=FRIDAY),
                Example("May the twenty-first, 1997", "1997-05-21")))  # fmt: skip
def month_ordinal_day(m: re.Match, ctx: Context) -> Resolution | None:
    """A day written as an ordinal word, as broadcast transcripts have it: `Sunday, March eighth`."""
    return day_of_month(ctx, m["m"], ordinal_number(m["dw"]), m["y"])


_FIRST_OF_PAIR = re.compile(rf"(?P<m>{MONTH_RE}) \d{{1,2}}(?:st|nd|rd|th)? (?:and|or|to|through) $")


@rule("second_day", rf"(?:(?<=\d and )|(?<=\d or )|(?<=\d to )|(?<=\d through ))(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                    rf"(?:,? (?P<y>{YEAR_RE}))?",
      accept=lambda t, s, e: _FIRST_OF_PAIR.search(t, max(0, s - 24), s) is not None,
      examples=(Example("The summit will be held on April 24 and 25.", "1999-04-25", dct="1999-02-10", span="25",
                        tense="future"),
                Example("from May 3 to 5, 1998", "1998-05-05", span="5, 1998")))  # fmt: skip
def second_day(m: re.Match, ctx: Context) -> Resolution | None:
    """The bare day closing a pair (`on April 24 and 25`): a day of the month named just before it."""
    first = _FIRST_OF_PAIR.search(m.string, max(0, m.start() - 24), m.start())
    return None if first is None else day_of_month(ctx, first["m"], int(m["d"]), m["y"])


@rule("day_month", rf"(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{MONTH_RE})", flags=0,
      examples=(Example("15 October", None, dct=FRIDAY), Example("on the 3rd of May", None, span="the 3rd of May",
                                                                   dct=FRIDAY)))  # fmt: skip
def day_month(m: re.Match, ctx: Context) -> Resolution | None:
    """A day before its month without a year. Kept as it has always behaved: read without a reference day
    only (`XXXX-10-15`); with one the rule fails, which stops the whole reading of the text (its reader
    asked for the `dir` group of the `month_day` pattern, which this pattern lacks), so the finder never
    gives it and `15 October` resolves to no value."""
    dd = int(m["d"])
    if ctx.ref is not None and 1 <= dd <= 31:
        raise IndexError("day_month reads no day against a reference day")
    return month_day_resolution(ctx, month_number(m["m"]), dd)
