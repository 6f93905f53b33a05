"""Days and parts of days counted from the reference or the day last named: `yesterday`, `Thursday`, `last
Friday`, `this morning`, `in the morning`, `the weekend`, `last night`, `Christmas`."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import PARTS_OF_DAY, WEEKDAY_RE, WEEKDAYS, YEAR_RE, edge_mod
from toolkit.timex.resolution import Context, Resolution, effective_tense, to_date

FRIDAY = "2012-06-22"  # the reference day of most examples
DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


def deictic_day_resolution(ctx: Context, word: str, *, before_after: str = "", part_of_day: str = "",
                           possessive: bool = False) -> Resolution:  # fmt: skip
    """`today`, `yesterday`, `tomorrow`, `tonight` (KeyError for another word), moved a day by
    `before_after` (`the day before yesterday`), at `part_of_day`; `possessive` (`yesterday's`) drops it."""
    word = word.lower()
    n = DEICTIC_DAYS[word] + {"before": -1, "after": 1}.get(before_after.lower(), 0)
    pod = PARTS_OF_DAY.get(part_of_day.lower()) or ("NI" if word == "tonight" else None)
    if possessive:
        pod = None
    typ = "TIME" if pod else "DATE"
    if ctx.ref is None:
        value = "XXXX-XX-XX" + (f"T{pod}" if pod else "")
        return cal.relative_unknown(value, "day", (float(n), float(n)), typ=typ)
    res = cal.period_resolution(cal.day(ctx.ref + timedelta(days=n)), anchor="publication", ctx=ctx, typ=typ)
    return replace(res, value=res.value + (f"T{pod}" if pod else ""))


@rule("deictic_day", r"(?:the day (?P<ba>before|after) )?(?P<w>today|yesterday|tomorrow|tonight)(?:'s)?"
                     r"(?: (?P<pod>morning|afternoon|evening|night))?",
      examples=(Example("yesterday", "2012-06-21", dct=FRIDAY), Example("tomorrow", "XXXX-XX-XX"),
                Example("the day before yesterday", "2012-06-20", dct=FRIDAY),
                Example("yesterday morning", "2012-06-21TMO", type="TIME", dct=FRIDAY)))  # fmt: skip
def deictic_day(m: re.Match, ctx: Context) -> Resolution | None:
    if m.group(0).lower() == "today's":
        return None  # "today's youth": the present in general, not the day
    return deictic_day_resolution(ctx, m["w"], before_after=m["ba"] or "", part_of_day=m["pod"] or "",
                                  possessive=m.group(0).lower().endswith("'s"))  # fmt: skip


@rule("this_part_of_day", r"(?:this|that|(?:early|late) (?:this|that)) (?P<pod>morning|afternoon|evening)|tonight",
      examples=(Example("this morning", "2012-06-22TMO", type="TIME", dct=FRIDAY),
                Example("that evening", "2012-06-21TEV", type="TIME", dct=FRIDAY, previous="yesterday")))  # fmt: skip
def this_part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    pod = PARTS_OF_DAY[(m["pod"] or "tonight").lower()]
    that = m.group(0).lower().startswith(("that", "early that", "late that"))
    if that and ctx.previous is not None and ctx.previous.granularity == "day" and ctx.previous.interval_start is not None:  # noqa: E501
        d = to_date(ctx.previous.interval_start)
        anchor = "previous"
    elif ctx.ref is None:
        return cal.relative_unknown(f"XXXX-XX-XXT{pod}", "day", (0.0, 0.0), typ="TIME")
    else:
        d, anchor = ctx.ref, "publication"
    res = cal.period_resolution(cal.day(d), anchor=anchor, ctx=ctx, typ="TIME")  # type: ignore[arg-type]
    return replace(res, value=f"{res.value}T{pod}")


def _weekday_from_previous(ctx: Context, wd: int, direction: str) -> tuple[date, str] | None:
    """The weekday before (after) the day the article last named, `down 4.5% from the previous Friday`,
    else before (after) the reference day; None when neither is known."""
    prev = ctx.previous
    if prev is not None and prev.granularity == "day" and prev.interval_start is not None:
        base, anchor = to_date(prev.interval_start), "previous"
    elif ctx.ref is not None:
        base, anchor = ctx.ref, "publication"
    else:
        return None
    assert base is not None
    if direction == "the previous":
        return base - timedelta(days=(base.isoweekday() - wd) % 7 or 7), anchor
    return base + timedelta(days=(wd - base.isoweekday()) % 7 or 7), anchor


def weekday_resolution(ctx: Context, wd: int, *, part_of_day: str = "", direction: str = "") -> Resolution:
    """ISO weekday `wd` at `part_of_day`, after a `direction` word (`last`, `next`, `the previous`, ...);
    without one the clause's tense picks the week."""
    pod = PARTS_OF_DAY.get(part_of_day.lower())
    direction = direction.lower()
    typ = "TIME" if pod else "DATE"
    unknown = Resolution(typ, f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None, None, None, "day", "none")
    if direction in ("the previous", "the following"):
        found = _weekday_from_previous(ctx, wd, direction)
        if found is None:
            return unknown
        d, anchor = found
    elif ctx.ref is None:
        return unknown
    else:
        direction_word = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(direction)
        d, anchor = cal.weekday_date(ctx, wd, direction_word), "publication"
    res = cal.period_resolution(cal.day(d), anchor=anchor, ctx=ctx, typ=typ)
    return replace(res, value=res.value + (f"T{pod}" if pod else ""))


def weekday_number(word: str) -> int:
    """`Thurs.` -> 4."""
    return WEEKDAYS[word.lower().rstrip(".")]


@rule("weekday", rf"(?:(?P<dir>(?i:last|next|this|coming|past|early|late|the previous|the following)) )?"
                 rf"(?P<w>{WEEKDAY_RE})(?:'s)?(?: (?P<pod>morning|afternoon|evening|night))?",
      flags=0,
      examples=(Example("Thursday", "2012-06-21", dct=FRIDAY, tense="past"),
                Example("Thursday", "2012-06-28", dct=FRIDAY, tense="future"),
                Example("Last Friday", "2012-06-15", dct=FRIDAY), Example("Thursday", "XXXX-WXX-4"),
                Example("the previous Friday", "1989-10-20", dct="1989-10-30", previous="Friday")))  # fmt: skip
def weekday(m: re.Match, ctx: Context) -> Resolution | None:
    return weekday_resolution(ctx, weekday_number(m["w"]), part_of_day=m["pod"] or "", direction=m["dir"] or "")


def _part_of_day_ok(text: str, start: int, end: int) -> bool:
    """`by mid afternoon`, `in the morning`: a part of the day the article is about, not `the morning paper`."""
    if re.match(r"\s*(?:'s|of|after|before|session|sessions|paper|papers|edition|news|shift|rush|prayers?)\b",
                text[end:end + 12], re.I):
        return False
    if text[start:end].lower().startswith("the "):
        return re.search(r"\b(?:in|by|during|until|till|through|throughout)\s+$", text[max(0, start - 12):start],
                         re.I) is not None  # fmt: skip
    return True


@rule("part_of_day", r"(?:(?P<edge>early|late|mid)[- ]?|the )(?P<pod>morning|afternoon|evening)",
      accept=_part_of_day_ok,
      examples=(Example("By mid afternoon, they sold.", "1998-03-06TAF", type="TIME", mod="MID", dct="1998-03-06",
                        span="mid afternoon"),
                Example("orders came in the morning", "1989-10-27TMO", type="TIME", dct="1989-10-30",
                        previous="Friday", span="the morning")))  # fmt: skip
def part_of_day(m: re.Match, ctx: Context) -> Resolution | None:
    """A part of the day the article last named (else of the reference day): `Dealers placed orders in the
    morning`, `by mid afternoon`."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    mod = edge_mod(m["edge"])
    last_day = next((r for r in reversed(ctx.history) if r.granularity in ("day", "minute") and r.on_calendar), None)
    if last_day is not None:
        res = cal.period_resolution(cal.day(to_date(last_day.interval_start)), anchor="previous", ctx=ctx, typ="TIME")  # type: ignore[arg-type]
    elif ctx.ref is not None:
        res = cal.period_resolution(cal.day(ctx.ref), anchor="publication", ctx=ctx, typ="TIME")
    else:
        return cal.relative_unknown(f"XXXX-XX-XXT{pod}", "day", (0.0, 0.0), typ="TIME", mod=mod)
    return replace(res, value=f"{res.value}T{pod}", mod=mod)


@rule("the_weekend", r"the weekend",
      examples=(Example("the weekend", "2012-W24-WE", dct=FRIDAY), Example("the weekend", "2012-W25-WE", dct=FRIDAY,
                                                                            tense="future")))  # fmt: skip
def the_weekend(m: re.Match, ctx: Context) -> Resolution | None:
    """`the weekend`: the last one in a past-tense clause, else the coming one (of the reference week)."""
    if ctx.ref is None:
        return Resolution("DATE", "XXXX-WXX-WE", None, None, None, "weekend", "none")
    d = ctx.ref if effective_tense(ctx) != "past" or ctx.ref.isoweekday() >= 6 else ctx.ref - timedelta(days=7)
    return cal.period_resolution(cal.weekend(d), anchor="publication", ctx=ctx)


@rule("last_night", r"last night|(?P<when>earlier|later) (?:that|the same) (?P<u>day|night|morning|afternoon|evening)"
                    r"|later in the day",
      examples=(Example("last night", "2012-06-21TNI", type="TIME", dct=FRIDAY),
                Example("later in the day", "2012-06-22", dct=FRIDAY)))  # fmt: skip
def last_night(m: re.Match, ctx: Context) -> Resolution | None:
    text = m.group(0).lower()
    if text == "last night":
        if ctx.ref is None:
            return cal.relative_unknown("XXXX-XX-XXTNI", "day", (-1.0, -1.0), typ="TIME")
        res = cal.period_resolution(cal.day(ctx.ref - timedelta(days=1)), anchor="publication", ctx=ctx, typ="TIME")
        return replace(res, value=res.value + "TNI")
    prev = ctx.previous
    if text == "later in the day":
        base, anchor = (to_date(prev.interval_start), "previous") if prev is not None and prev.granularity == "day" \
            and prev.interval_start is not None else (ctx.ref, "publication")  # fmt: skip
    elif prev is not None and prev.granularity == "day" and prev.interval_start is not None:
        base, anchor = to_date(prev.interval_start), "previous"
    else:
        return None
    if base is None:
        return None
    return cal.period_resolution(cal.day(base), anchor=anchor, ctx=ctx)


def _the_day_ok(text: str, start: int, end: int) -> bool:
    """`the same day`, and `the day` a report closes on (`for the day`, `ending the day`), not `the day after
    his death` or `the day belonged to`."""
    if not text[start:end].lower().startswith("the day"):
        return True
    return re.search(r"\b(?:for|end|ends|ended|ending|finish|finishes|finished|finishing|close|closes|closed|"
                     r"closing)\s+$", text[max(0, start - 12):start], re.I) is not None and \
        re.match(r"\s*(?:before|after|of|when|that|on)\b", text[end:end + 8], re.I) is None  # fmt: skip


@rule("the_same_day", r"(?:that|the) same day|the day", accept=_the_day_ok,
      examples=(Example("stocks rose for the day.", "2012-06-22", dct=FRIDAY, span="the day"),
                Example("A report came on the same day.", "2012-06-21", dct=FRIDAY, previous="yesterday",
                        span="the same day"),
                Example("It closed that same day.", "2011-10-XX", dct=FRIDAY, previous="last October",
                        span="that same day"),
                Example("the same day", "XXXX-XX-XX")))  # fmt: skip
def the_same_day(m: re.Match, ctx: Context) -> Resolution | None:
    """The day the article last named, else the reference day: a market report's `ending the day at 8,017`;
    `that same day` after a month is a day of that month (`1998-10-XX`)."""
    prev = ctx.previous
    if "same" in m.group(0).lower() and prev is not None and prev.granularity == "month" and prev.value:
        return Resolution("DATE", f"{prev.value}-XX", None, prev.interval_start, prev.interval_end, "month", "previous")
    last_day = next((r for r in reversed(ctx.history) if r.granularity == "day" and r.on_calendar), None)
    if last_day is not None:
        return cal.period_resolution(cal.day(to_date(last_day.interval_start)), anchor="previous", ctx=ctx)  # type: ignore[arg-type]
    if ctx.ref is None:
        return cal.relative_unknown("XXXX-XX-XX", "day", (0.0, 0.0))
    return cal.period_resolution(cal.day(ctx.ref), anchor="publication", ctx=ctx)


@rule("next_day", r"the (?P<dir>next|following|previous|preceding) day",
      examples=(Example("He was arrested the next day.", "2010-03-04", dct=FRIDAY, previous="March 3, 2010",
                        span="the next day"),
                Example("the previous day", "2012-06-21", dct=FRIDAY),
                Example("the following day", "XXXX-XX-XX")))  # fmt: skip
def next_day(m: re.Match, ctx: Context) -> Resolution | None:
    """`the next day`, `the previous day`: the day after (before) the day the article last named, else the
    reference day."""
    step = 1 if m["dir"].lower() in ("next", "following") else -1
    last_day = next((r for r in reversed(ctx.history) if r.granularity in ("day", "minute") and r.on_calendar), None)
    if last_day is not None:
        base, anchor = to_date(last_day.interval_start), "previous"
    elif ctx.ref is not None:
        base, anchor = ctx.ref, "publication"
    else:
        return cal.relative_unknown("XXXX-XX-XX", "day", (float(step), float(step)))
    return cal.period_resolution(cal.day(base + timedelta(days=step)), anchor=anchor, ctx=ctx)  # type: ignore[operator]


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "christmas day": lambda y: date(y, 12, 25), "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25), "independence day": lambda y: date(y, 7, 4),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "thanksgiving day": lambda y: cal.nth_weekday(y, 11, 4, 4), "thanksgiving": lambda y: cal.nth_weekday(y, 11, 4, 4),
    "election day": lambda y: cal.nth_weekday(y, 11, 1, 1) + timedelta(days=1),
    "labor day": lambda y: cal.nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: cal.nth_weekday(y, 6, 1, 1) - timedelta(days=7),
    "easter sunday": cal.easter, "easter": cal.easter, "good friday": lambda y: cal.easter(y) - timedelta(days=2),
}  # fmt: skip


@rule("holiday", rf"(?P<h>New Year's Day|New Year's Eve|Christmas Day|Christmas Eve|Christmas|Independence Day|"
                 rf"Valentine's Day|Halloween|Thanksgiving Day|Thanksgiving|Election Day|Labor Day|Memorial Day|"
                 rf"Easter Sunday|Easter|Good Friday)(?:,? (?P<y>{YEAR_RE}))?(?! [A-Z])", flags=0,
      examples=(Example("Thanksgiving Day", "2011-11-24", dct=FRIDAY, tense="past"),
                Example("Easter 1998", "1998-04-12"),
                Example("Christmas", "2012-12-25", dct=FRIDAY, tense="future")))  # fmt: skip
def holiday(m: re.Match, ctx: Context) -> Resolution | None:
    """Fixed and movable holidays (US usage for Thanksgiving, Labor Day, Election Day): the day itself."""
    day_of = HOLIDAYS[m["h"].lower()]
    if m["y"]:
        return cal.period_resolution(cal.day(day_of(int(m["y"]))), anchor="explicit")
    if ctx.ref is None:
        return Resolution("DATE", None, None, None, None, "day", "none")
    tense = effective_tense(ctx)
    this_year = day_of(ctx.ref.year)
    if tense == "past" and this_year > ctx.ref:
        this_year = day_of(ctx.ref.year - 1)
    elif tense == "future" and this_year < ctx.ref:
        this_year = day_of(ctx.ref.year + 1)
    return cal.period_resolution(cal.day(this_year), anchor="publication", ctx=ctx)
