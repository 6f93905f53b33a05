"""Months and seasons: `March 2011`, `late August`, `last May`, `each July`, `the winter of 1994`, `summer`."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import EDGE_RE, FULL_MONTHS, MONTH_RE, MONTHS, SEASONS, YEAR_RE, edge_mod, month_number
from toolkit.timex.numbers import ORDINALS, SPOKEN_YEAR_RE, spoken_year_number
from toolkit.timex.resolution import Context, Resolution

FRIDAY = "2012-06-22"  # the reference day of most examples
# the words before an ambiguous month word (`May`, `March`) that make it a month
_MONTH_CUES = ("in", "since", "until", "till", "by", "of", "from", "to", "through", "during", "before", "after",
               "and", "or", "between", "last", "next", "this", "that", "early", "late", "mid", "end", "each",
               "every")  # fmt: skip


@rule("month_year", rf"(?:(?P<edge>{EDGE_RE})[- ]?)?(?P<m>{MONTH_RE}),? (?:of )?(?P<y>{YEAR_RE})",
      examples=(Example("March 2011", "2011-03"), Example("the end of June, 1999", "1999-06", mod="END")))
def month_year(m: re.Match, ctx: Context) -> Resolution | None:
    return cal.period_resolution(cal.month(int(m["y"]), month_number(m["m"])), anchor="explicit",
                                 mod=edge_mod(m["edge"]))  # fmt: skip


_YEAR_STEP = {"this": 0, "last": -1, "next": 1}


@rule("month_relative_year", rf"(?:(?P<edge>{EDGE_RE})[- ]?)?(?P<m>{MONTH_RE}),? (?:of )?(?P<dir>this|last|next) year"
                             rf"|(?P<dir2>this|last|next) year's (?P<m2>{MONTH_RE})",
      examples=(Example("In June last year, it split.", "2011-06", dct=FRIDAY, span="June last year"),
                Example("October of next year", "2013-10", dct=FRIDAY),
                Example("next year's March", "XXXX-03")))  # fmt: skip
def month_relative_year(m: re.Match, ctx: Context) -> Resolution | None:
    """A month of the year before, of or after the reference year: `June last year`, `October of next year`."""
    mo = month_number(m["m"] or m["m2"])
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{mo:02d}", edge_mod(m["edge"]), None, None, "month", "none")
    y = ctx.ref.year + _YEAR_STEP[(m["dir"] or m["dir2"]).lower()]
    return cal.period_resolution(cal.month(y, mo), anchor="publication", mod=edge_mod(m["edge"]), ctx=ctx)


def _month_name_ok(text: str, start: int, end: int) -> bool:
    """A bare month word is a month when capitalised; `May`/`March` also need a temporal context."""
    word = text[start:end].split()[-1] if text[start:end].split() else ""
    if word.lower() in MONTHS and word.lower() not in FULL_MONTHS and not re.match(r"\.?\s*\d", text[end:end + 4]):
        if not text[end:end + 1] == ".":
            return False  # "Jan Kavan": an abbreviation needs its dot or a day after it
    head = re.sub(r"^(?:early|late|mid|last|next|this|the (?:end|beginning|start|middle) of)[-\s]*", "",
                  text[start:end], flags=re.I)  # fmt: skip
    if not head[:1].isupper():
        return False
    if head.lower().rstrip(".") in ("may", "march", "mar", "jan", "jun", "jul", "sat", "sun", "wed", "dec") and head == text[start:end]:  # noqa: E501
        before = text[max(0, start - 20):start].lower().split()
        after = text[end:end + 12].lower().split()
        if not before or before[-1] not in _MONTH_CUES:
            return bool(after) and re.match(r"\d", after[0]) is not None
    return bool(word)


@rule("month", rf"(?:(?P<edge>{EDGE_RE})[- ]?)?(?:(?P<dir>last|next|this|that|the same|each|every) )?(?P<m>{MONTH_RE})(?! \d)",  # noqa: E501
      accept=_month_name_ok,
      examples=(Example("late August", "2011-08", dct=FRIDAY, mod="END"),
                Example("August", "2012-08", dct=FRIDAY, tense="future"),
                Example("last June", "2011-06", dct=FRIDAY),
                Example("by the end of May", "2012-05", dct=FRIDAY, mod="END", span="the end of May"),
                Example("They met in May.", "2012-05", dct=FRIDAY, span="May")))  # fmt: skip
def month(m: re.Match, ctx: Context) -> Resolution | None:
    mo = month_number(m["m"])
    mod = edge_mod(m["edge"])
    direction = (m["dir"] or "").lower()
    if direction in ("each", "every"):
        return Resolution("SET", f"XXXX-{mo:02d}", mod, None, None, "month", "none")
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{mo:02d}", mod, None, None, "month", "none")
    if direction == "that" and ctx.previous is not None and ctx.previous.interval_start is not None:
        return cal.period_resolution(cal.month(ctx.previous.interval_start.year, mo), anchor="previous", mod=mod,
                                     ctx=ctx)  # fmt: skip
    tense = {"last": "past", "next": "future"}.get(direction, ctx.tense)
    y = ctx.ref.year if direction == "this" else cal.year_for_month(replace(ctx, tense=tense), mo)
    if direction == "last" and y == ctx.ref.year and mo == ctx.ref.month:
        y -= 1
    return cal.period_resolution(cal.month(y, mo), anchor="publication", mod=mod, ctx=ctx)


@rule("week_of_month", rf"the (?P<o>first|second|third|fourth|last|final) week of (?P<m>{MONTH_RE})"
                       rf"(?:,? (?P<y>{YEAR_RE}))?",
      examples=(Example("the last week of June", "2012-W26", dct=FRIDAY, tense="past"),
                Example("the first week of March 2011", "2011-W09"),
                Example("the second week of May", "XXXX-05")))  # fmt: skip
def week_of_month(m: re.Match, ctx: Context) -> Resolution | None:
    """`the last week of June`: the week holding the middle of that seven-day stretch of the month."""
    mo = month_number(m["m"])
    if m["y"]:
        y, anchor = int(m["y"]), "explicit"
    elif ctx.ref is not None:
        y, anchor = cal.year_for_month(ctx, mo), "publication"
    else:
        return Resolution("DATE", f"XXXX-{mo:02d}", None, None, None, "month", "none")
    whole = cal.month(y, mo)
    n = ORDINALS[m["o"].lower()]
    middle = whole.end - timedelta(days=3) if n < 0 else whole.start + timedelta(days=7 * (n - 1) + 3)
    return cal.period_resolution(cal.week(middle), anchor=anchor, ctx=ctx)


def _season_ok(text: str, start: int, end: int) -> bool:
    """A season word is a time with its year, a direction or an edge word, or after `in`, `during`, ..."""
    if re.search(r"\d{4}$", text[start:end]):
        return True
    cue = r"\b(?:in|during|since|until|by|through|last|next|this|early|late|mid|that|over)\s+(?:the\s+)?$"
    if re.search(cue, text[max(0, start - 12):start].lower()) is not None:
        return True
    return text[start:end].lower().startswith(("last", "next", "this", "early", "late", "mid"))


@rule("season", rf"(?:(?P<edge>{EDGE_RE}) ?)?(?:(?P<dir>last|next|this|that) )?"
                rf"(?P<s>spring|summer|fall|autumn|winter)"
                rf"(?:(?: of)? (?P<y>{YEAR_RE})| of (?P<spoken>{SPOKEN_YEAR_RE}))?",
      accept=_season_ok,
      examples=(Example("Over the summer, rivals cut prices.", "2012-SU", dct=FRIDAY, span="summer"),
                Example("in the winter of nineteen ninety-four", "1994-WI", span="winter of nineteen ninety-four"),
                Example("in early spring 1998", "1998-SP", mod="START", span="early spring 1998")))  # fmt: skip
def season(m: re.Match, ctx: Context) -> Resolution | None:
    code = SEASONS[m["s"].lower()]
    mod = edge_mod(m["edge"])
    if m["y"] or m["spoken"]:  # `the winter of nineteen ninety-four`, as broadcast transcripts spell it
        number = int(m["y"]) if m["y"] else spoken_year_number(m["c"], m["rest"], m["tail"])
        return None if number is None else cal.period_resolution(cal.season(number, code), anchor="explicit", mod=mod)
    direction = (m["dir"] or "").lower()
    if direction:
        return None  # handled by this_unit
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{code}", mod, None, None, "season", "none")
    y = cal.year_for_season(ctx, code)
    return cal.period_resolution(cal.season(y, code), anchor="publication", mod=mod, ctx=ctx)
