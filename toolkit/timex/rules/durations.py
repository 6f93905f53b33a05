"""Durations: `five years`, `nearly forty years`, `a 15-month uprising`, `the past two years`, `the first nine
months of 1997`, `for weeks`."""

from __future__ import annotations

import re
from datetime import date, timedelta

from toolkit.timex.calendar import shift
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import APPROX, APPROX_RE, YEAR_RE
from toolkit.timex.numbers import QTY_RE, parse_number
from toolkit.timex.resolution import Context, Resolution, timestamp
from toolkit.timex.rules.sets import rate_ok
from toolkit.timex.units import UNIT_RE, UNIT_SG_RE, duration_to_reference, duration_value, unit_not_a_name, unit_of

FRIDAY = "2012-06-22"  # the reference day of most examples


@rule("bare_units", r"(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bin )(?=(?:weeks|months|years|decades)(?! to come| past)))"
                    r"(?P<u>minutes|hours|days|weeks|months|years|decades|centuries)(?! of)",
      examples=(Example("growth for the first time in years.", "PXY", type="DURATION", dct=FRIDAY, span="years"),
                Example("talks went on for weeks", "PXW", type="DURATION", span="weeks")))  # fmt: skip
def bare_units(m: re.Match, ctx: Context) -> Resolution | None:
    """`for weeks`, `within years`, `the first time in years`: a duration of unknown length."""
    value, _ = duration_value("X", m["u"])
    return Resolution("DURATION", value, None, None, None, unit_of(m["u"])[2], "none")


def _opening_stretch(m: re.Match, ctx: Context, n: float, value: str, gran: str) -> Resolution:
    """`the first nine months of 1997` (or `of this year`): the opening stretch of that year."""
    year_text = m["y"].lower()
    if year_text[0].isdigit():
        y, anchor = int(year_text), "explicit"
    elif ctx.ref is not None:
        y, anchor = ctx.ref.year - (year_text == "last year"), "publication"
    else:
        return Resolution("DURATION", value, None, None, None, gran, "none")
    start = date(y, 1, 1)
    try:
        end = shift(start, n, unit_of(m["u"])[0]) - timedelta(days=1)
    except (OverflowError, ValueError):
        return Resolution("DURATION", value, None, None, None, gran, anchor)
    return Resolution("DURATION", value, None, timestamp(start), timestamp(end), gran, anchor)


@rule("recent_units", rf"(?:the )?(?P<dir>past|last|next|previous|coming|recent|first|final|latest|initial|following|ensuing|"  # noqa: E501
                      rf"preceding)(?: (?P<n>{QTY_RE}))? (?:(?:trading|business|working) )?(?P<u>{UNIT_RE})(?P<of>(?= of (?P<y>{YEAR_RE}|this year|last year)))?",  # noqa: E501
      examples=(Example("the past two years", "P2Y", type="DURATION", dct=FRIDAY),
                Example("in the first nine months of 1997", "P9M", type="DURATION", span="the first nine months"),
                Example("the past few months", "PAST_REF", dct=FRIDAY),
                Example("It has slipped for the last few weeks.", "PXW", type="DURATION", dct=FRIDAY,
                        span="the last few weeks"),
                Example("recent years", "PXY", type="DURATION", dct=FRIDAY),
                Example("the past five trading days", "P5D", type="DURATION", dct=FRIDAY)))  # fmt: skip
def recent_units(m: re.Match, ctx: Context) -> Resolution | None:
    unit_word = m["u"].lower()
    if not unit_word.endswith("s") and not m["n"]:
        return None  # "last year" is a date (this_unit)
    n = parse_number(m["n"]) if m["n"] else "X"
    if n is None:
        return None
    value, days = duration_value(n, unit_word)
    gran = unit_of(unit_word)[2]
    direction = m["dir"].lower()
    # a vague stretch: "in the past few months" is the past, "in the coming weeks" the future, while "recent
    # years", "the next few days" and a stretch back measured with `for` ("for the last few weeks"; `for the
    # coming weeks` is mostly a purpose) are durations of unknown length (TimeML's PXY, PXD, PXW)
    measured = re.search(r"\bfor\s+$", m.string[max(0, m.start() - 5):m.start()], re.IGNORECASE) is not None
    if isinstance(n, str) and not measured and direction in ("past", "last", "previous", "preceding"):
        return Resolution("DATE", "PAST_REF", None, None, None, None, "publication" if ctx.ref else "none")
    if isinstance(n, str) and direction in ("coming", "following", "ensuing"):
        return Resolution("DATE", "FUTURE_REF", None, None, None, None, "publication" if ctx.ref else "none")
    if isinstance(n, str):
        return Resolution("DURATION", value, None, None, None, gran, "none")
    if direction in ("first", "initial") and m["of"] is not None:  # `of 1997` is only looked at: an empty group
        return _opening_stretch(m, ctx, n, value, gran)
    if direction in ("past", "last", "recent", "previous", "latest", "preceding", "first"):
        return duration_to_reference(value, days, gran, ctx, ending=True)
    if direction in ("next", "coming", "following", "ensuing"):
        return duration_to_reference(value, days, gran, ctx, ending=False)
    return Resolution("DURATION", value, None, None, None, gran, "none")


@rule("duration_adj", rf"(?P<n>{QTY_RE})[- ](?P<u>{UNIT_SG_RE})(?:[- ](?P<long>long|old))?(?=\s+[a-z]|\s*$)",
      examples=(Example("15-month", "P15M", type="DURATION", dct=FRIDAY),
                Example("a 15-month uprising", "P15M", type="DURATION", span="15-month"),
                Example("a two-week trip", "P2W", type="DURATION", dct=FRIDAY, span="two-week")))  # fmt: skip
def duration_adj(m: re.Match, ctx: Context) -> Resolution | None:
    n = parse_number(m["n"])
    if n is None or m["n"].lower() in ("a", "an", "some", "many"):
        return None
    value, days = duration_value(n, m["u"])
    if (m["long"] or "").lower() == "old":
        return None  # ages ("a 6-year-old boy") are not temporal expressions in TimeML
    return duration_to_reference(value, days, unit_of(m["u"])[2], ctx, ending=True)


@rule("unit_long", rf"(?P<u>{UNIT_RE})-long",
      examples=(Example("its decades-long dispute", "PXY", type="DURATION", span="decades-long"),
                Example("a day-long meeting", "P1D", type="DURATION", span="day-long")))  # fmt: skip
def unit_long(m: re.Match, ctx: Context) -> Resolution | None:
    """`decades-long`, `a day-long meeting`: a unit's length (plural: an unknown number of them)."""
    unit = m["u"].lower()
    value, _ = duration_value("X" if unit.endswith("s") else 1, unit)
    return Resolution("DURATION", value, None, None, None, unit_of(unit)[2], "none")


@rule("range_first_quantity", rf"(?P<n>{QTY_RE})(?= (?:to|and|or) {QTY_RE}[ -](?P<u>{UNIT_RE})\b)",
      examples=(Example("between 60 and 90 days", "P60D", type="DURATION", span="60"),
                Example("between two to six days", "P2D", type="DURATION", span="two")))  # fmt: skip
def range_first_quantity(m: re.Match, ctx: Context) -> Resolution | None:
    """The first number of a range of durations (`between 60 and 90 days`), a duration in the unit of the
    second, as TimeML annotates each end of the range."""
    n = parse_number(m["n"])
    if n is None or isinstance(n, str) or m["n"].lower() in ("a", "an"):
        return None
    value, _ = duration_value(n, m["u"])
    return Resolution("DURATION", value, None, None, None, unit_of(m["u"])[2], "none")


def _duration_ok(text: str, start: int, end: int) -> bool:
    """Not a rate (`$1.76 a year`, `24 hours a day`) nor a fraction (`a quarter of the market`), nor a title."""
    if not unit_not_a_name(text, start, end):
        return False
    span = text[start:end].lower()
    if re.match(r"(?:a|an|per) ", span):
        if rate_ok(text, start, end):
            return False
    if re.match(r"\s+of\b", text[end:end + 4]) and span.endswith("quarter"):
        return False
    if re.fullmatch(r"the \w+s", span) and re.match(r"\s+(?:before|after|leading|preceding|prior|following)\b",
                                                    text[end:end + 12], re.I):  # fmt: skip
        return False  # `in the weeks before the shooting`: a time anchored on an event, not a length
    return True


@rule("duration", rf"(?:the )?(?:(?P<approx>{APPROX_RE}) )?(?:(?P<n>{QTY_RE})(?: (?:more|full|long|straight|consecutive|"  # noqa: E501
                  rf"additional|other|trading|business|working))? |(?P<det>the) )(?P<u>{UNIT_RE})(?P<half> and a half)?(?P<old>[- ]old)?",  # noqa: E501
      accept=_duration_ok,
      examples=(Example("five years", "P5Y", type="DURATION"),
                Example("nearly forty years", "P40Y", type="DURATION", mod="EQUAL_OR_LESS"),
                Example("two and a half years", "P2.5Y", type="DURATION"),
                Example("a minute and a half", "PT1M30S", type="DURATION"),
                Example("a year and a half", "P1Y6M", type="DURATION"),
                Example("refugee camps for 2 1/2 years.", "P2Y6M", type="DURATION", span="2 1/2 years"),
                Example("an hour and a half", "PT1H30M", type="DURATION"),
                Example("Eight trading days after the crash", "P8D", type="DURATION", span="Eight trading days"),
                Example("He paid them in the weeks ahead.", "PXW", type="DURATION", span="the weeks")))  # fmt: skip
def duration(m: re.Match, ctx: Context) -> Resolution | None:
    if m["det"]:
        if m["u"].lower() in ("year", "week", "month", "day", "quarter", "weekend", "decade", "century"):
            return None  # "the year" is a date in context; not read on its own
        n: float | str | None = "X"
        if not m["u"].lower().endswith("s"):
            return None
    else:
        n = parse_number(m["n"])
    if n is None:
        return None
    unit = m["u"]
    if m["old"]:
        return None
    if m["n"] and m["n"].lower() in ("a", "an") and unit.lower() in ("second", "quarter"):
        return None  # "a second time", "a quarter of the shares": an ordinal and a fraction
    if m["half"]:
        if isinstance(n, str) or not float(n).is_integer():
            return None  # `two and a half days and a half`, `several days and a half`
        n += 0.5  # `a year and a half`: one unit and half of one
    # `a year and a half`, `2 1/2 years`: whole units of two sizes (P2Y6M); `two and a half years` P2.5Y
    whole_units = bool(m["half"]) or m["n"] is not None and m["n"].endswith("1/2")
    value, _ = duration_value(n, unit, whole_units=whole_units)
    mod = APPROX.get((m["approx"] or "").lower())
    return Resolution("DURATION", value, mod, None, None, unit_of(unit)[2], "none")
