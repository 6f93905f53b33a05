"""Temporal expressions: find them in plain text and normalise them to TIMEX3 values and calendar intervals.

Everything here is pure Python (no spaCy): `find_timexes(text)` returns candidate spans with TIMEX3-style
extents, `resolve_timex(text, reference, tense=..., previous=...)` normalises one expression against a
reference (publication) date. The rules follow HeidelTime's news conventions:

- weekday names and months/seasons/days without a year are resolved by the tense of the governing verb
  (past: the most recent occurrence, future: the next one, present: the nearest one); a weekday equal
  to the reference day's weekday is the reference day itself; with no tense cue `default_tense` decides;
- `yesterday`, `last week`, `a year ago` count from the reference date (anchor `publication`);
  `two weeks later`, `a year earlier`, `the following day` count from the previous date of the article
  (anchor `previous`); absolute dates are anchor `explicit`;
- `early/mid/late/the end of` set the TIMEX3 `mod` (START, MID, END) and narrow the interval to its first,
  middle or last third;
- durations give `P15M`-style values; when they describe something up to now (`15-month uprising`,
  `the past two years`) their interval ends at the reference date;
- with no reference date nothing is put on the calendar: relative expressions get `offset_start` and
  `offset_end` in days from publication (day 0); months and years count 30.44 and 365.25 days, so those
  offsets are approximate.

Intervals are inclusive calendar days (`interval_end` is the last day covered, at midnight).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import cache

import pandas as pd

from toolkit.prefilter import WordStarts, finditer_at, required_literals, start_prefixes

TYPES = ("DATE", "TIME", "DURATION", "SET")
ANCHORS = ("publication", "explicit", "previous", "none")
TENSES = ("past", "present", "future")

# --- lexicon -------------------------------------------------------------------------------------------

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december"}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3, "thursday": 4,
    "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
}  # fmt: skip
_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
               "ninety": 90}  # fmt: skip
_VAGUE = {"a few": "X", "few": "X", "several": "X", "some": "X", "many": "X", "a couple of": 2, "a couple": 2,
          "couple of": 2, "a": 1, "an": 1, "a single": 1, "one or two": "X", "a dozen": 12, "dozens of": "X",
          "half a": 0.5, "a half": 0.5, "hundreds of": "X", "a number of": "X"}  # fmt: skip
# unit word -> (TIMEX3 letter, is a time unit, granularity name)
UNITS = {
    "second": ("S", True, "second"), "sec": ("S", True, "second"), "minute": ("M", True, "minute"),
    "min": ("M", True, "minute"), "hour": ("H", True, "hour"), "hr": ("H", True, "hour"),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "week"),
    "weekend": ("WE", False, "week"), "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"), "yr": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
}  # fmt: skip
_DAYS_PER = {"S": 1 / 86400, "M_t": 1 / 1440, "H": 1 / 24, "D": 1, "W": 7, "WE": 2, "M": 30.44, "Q": 91.31,
             "Y": 365.25, "DE": 3652.5, "CE": 36525.0}  # fmt: skip

_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs)?\.|Fri\.|Sat\.|Sun\.)"  # noqa: E501
_NUMWORD = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"  # noqa: E501
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|hundred|thousand)"
)
_NUM = rf"(?:\d+(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}})+|{_NUMWORD}(?: and a half)?|\d+ and a half)"
_VAGUE_RE = (r"(?:a few|few|a couple of|a couple|couple of|several|some|many|a single|a dozen|dozens of|hundreds of"
             r"|a number of|half an?|an?)")  # fmt: skip
_QTY = rf"(?:{_NUM}|{_VAGUE_RE})"
_UNIT_RE = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|months?"
            r"|quarters?|years?|yrs?|decades?|century|centuries)")  # fmt: skip
_UNIT_SG = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century)"
_APPROX = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN", "only": None, "just": None,
}  # fmt: skip
_APPROX_RE = (r"(?:about|around|approximately|roughly|nearly|almost|up to|less than|fewer than|more than|"
              r"just over|just under|well over|over|under|at least|at most|no more than|only|just)")  # fmt: skip
_EDGE = {"early": "START", "beginning of": "START", "start of": "START", "the beginning of": "START",
         "the start of": "START", "mid": "MID", "middle of": "MID", "the middle of": "MID", "late": "END",
         "end of": "END", "the end of": "END", "the close of": "END", "the turn of": "END"}  # fmt: skip
_EDGE_RE = r"(?:early|late|mid-?|the (?:beginning|start|middle|end|close) of|(?:beginning|start|middle|end) of)"
_YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"


# --- results -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Resolution:
    """One normalised temporal expression. `value` is TIMEX3 style (`2012-06-21`, `2011-08`, `P15M`,
    `XXXX-WXX-4` when the calendar position is unknown, `PRESENT_REF`), `None` when nothing could be read.
    `interval_*` are inclusive days (None when not on the calendar); `offset_*` are days from the reference
    date, filled for relative expressions (also when no reference date is known)."""

    type: str = "DATE"
    value: str | None = None
    mod: str | None = None
    interval_start: pd.Timestamp | None = None
    interval_end: pd.Timestamp | None = None
    granularity: str | None = None
    anchor: str = "none"
    offset_start: float | None = None
    offset_end: float | None = None

    @property
    def resolved(self) -> bool:
        """True when the value says something definite (no unknown `X` digits and not empty)."""
        return bool(self.value) and "X" not in self.value.split("T")[0].replace("PX", "P1")

    @property
    def on_calendar(self) -> bool:
        return self.interval_start is not None and self.interval_end is not None


UNRESOLVED = Resolution()


@dataclass(frozen=True)
class _Period:
    """A calendar period during resolution: TIMEX3 value, first and last day, granularity."""

    value: str
    start: date
    end: date
    granularity: str


@dataclass(frozen=True)
class _Ctx:
    ref: date | None
    tense: str | None
    previous: Resolution | None
    default_tense: str
    same_weekday_past: str
    history: tuple[Resolution, ...] = ()

    def topic(self, granularity: str) -> Resolution | None:
        """The latest period of `granularity` the article named itself (not derived from another date):
        what `the quarter` or `a year earlier` refer to in a results report."""
        for res in reversed(self.history):
            if res.granularity == granularity and res.anchor in ("publication", "explicit") and res.on_calendar:
                return res
        return None


def _ts(d: date | None) -> pd.Timestamp | None:
    if d is None or not (1678 <= d.year <= 2261):
        return None
    return pd.Timestamp(d)


def _to_date(value) -> date | None:
    if value is None:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if isinstance(value, pd.Timestamp):
        return date(value.year, value.month, value.day)
    if isinstance(value, date):
        return date(value.year, value.month, value.day)
    try:
        ts = pd.Timestamp(value)
    except (ValueError, TypeError, OverflowError):
        return None
    return None if pd.isna(ts) else date(ts.year, ts.month, ts.day)


# --- calendar helpers -----------------------------------------------------------------------------------


def _day(d: date) -> _Period:
    return _Period(d.isoformat(), d, d, "day")


def _month(y: int, m: int) -> _Period:
    last = calendar.monthrange(y, m)[1]
    return _Period(f"{y:04d}-{m:02d}", date(y, m, 1), date(y, m, last), "month")


def _year(y: int) -> _Period:
    return _Period(f"{y:04d}", date(y, 1, 1), date(y, 12, 31), "year")


def _quarter(y: int, q: int) -> _Period:
    start = date(y, 3 * q - 2, 1)
    end_m = 3 * q
    return _Period(f"{y:04d}-Q{q}", start, date(y, end_m, calendar.monthrange(y, end_m)[1]), "quarter")


def _half(y: int, h: int) -> _Period:
    return _Period(f"{y:04d}-H{h}", date(y, 6 * h - 5, 1), date(y, 6 * h, 30 if h == 1 else 31), "half")


def _week(d: date) -> _Period:
    iso_year, iso_week, iso_day = d.isocalendar()
    monday = d - timedelta(days=iso_day - 1)
    return _Period(f"{iso_year:04d}-W{iso_week:02d}", monday, monday + timedelta(days=6), "week")


def _weekend(d: date) -> _Period:
    week = _week(d)
    return _Period(week.value + "-WE", week.start + timedelta(days=5), week.end, "weekend")


def _season(y: int, code: str) -> _Period:
    first = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    start = date(y, first, 1)
    end = _add_months(start, 3) - timedelta(days=1)
    return _Period(f"{y:04d}-{code}", start, end, "season")


def _decade(first_year: int) -> _Period:
    return _Period(f"{first_year // 10:03d}", date(first_year, 1, 1), date(first_year + 9, 12, 31), "decade")


def _century(first_year: int) -> _Period:
    first_year = max(first_year, 1)
    return _Period(f"{first_year // 100:02d}", date(first_year, 1, 1), date(first_year + 99, 12, 31), "century")


def _add_months(d: date, months: int) -> date:
    total = d.year * 12 + (d.month - 1) + months
    y, m = divmod(total, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift(d: date, n: float, unit: str) -> date:
    """`d` moved by `n` units (D, W, M, Q, Y, DE, CE, WE); raises OverflowError/ValueError out of range."""
    if unit in ("D",):
        return d + timedelta(days=round(n))
    if unit in ("W", "WE"):
        return d + timedelta(days=round(7 * n))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}[unit]
    return _add_months(d, round(n * months))


def _period_at(d: date, granularity: str) -> _Period:
    """The period of `granularity` containing day `d`."""
    if granularity == "year":
        return _year(d.year)
    if granularity == "quarter":
        return _quarter(d.year, (d.month - 1) // 3 + 1)
    if granularity == "month":
        return _month(d.year, d.month)
    if granularity in ("week", "weekend"):
        return _weekend(d) if granularity == "weekend" else _week(d)
    if granularity == "decade":
        return _decade(d.year - d.year % 10)
    if granularity == "century":
        return _century(d.year - d.year % 100)
    if granularity == "half":
        return _half(d.year, 1 if d.month <= 6 else 2)
    return _day(d)


def _narrow(p: _Period, mod: str | None) -> tuple[date, date]:
    """First, middle or last third of a period for START / MID / END."""
    if mod not in ("START", "MID", "END"):
        return p.start, p.end
    days = (p.end - p.start).days + 1
    third = max(days // 3, 1)
    if p.granularity == "month":  # 1-10, 11-20, 21-end, as people read "early/mid/late May"
        third = 10
    if mod == "START":
        return p.start, min(p.start + timedelta(days=third - 1), p.end)
    if mod == "END":
        return max(p.end - timedelta(days=days - 2 * third - 1), p.start), p.end
    return p.start + timedelta(days=third), max(p.start + timedelta(days=2 * third - 1), p.start)


# --- parsing numbers ------------------------------------------------------------------------------------


def parse_number(text: str) -> float | str | None:
    """`15`, `fifteen`, `twenty-four`, `a`, `several` (-> "X"), `2 and a half`; None when not a number."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")].strip(), 0.5
    if t in _VAGUE:
        return _VAGUE[t]
    if t.startswith("half a"):
        return 0.5
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    total = 0
    for word in t.split():
        if word in _UNITS_WORDS:
            total += _UNITS_WORDS[word]
        elif word in _TENS_WORDS:
            total += _TENS_WORDS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        elif word == "and":
            continue
        else:
            return None
    return float(total) + half


def _fmt_number(n: float | str) -> str:
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def _unit_of(word: str) -> tuple[str, bool, str]:
    w = word.lower().rstrip(".")
    if w == "centuries":
        w = "century"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS[w]


def _duration_value(n: float | str, unit_word: str) -> tuple[str, float | None]:
    """TIMEX3 duration value and its length in days (None when the quantity is unknown)."""
    letter, is_time, _ = _unit_of(unit_word)
    if letter == "WE":
        letter = "W"
    if letter in ("DE", "CE"):  # decades and centuries are written in years (P20Y); quarters keep Q (P2Q)
        factor, letter = {"DE": (10, "Y"), "CE": (100, "Y")}[letter]
        n = n if isinstance(n, str) else n * factor
    if not isinstance(n, str) and not float(n).is_integer():  # 1.5 years -> P18M, 2.5 hours -> PT150M
        smaller = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60), "DE": ("Y", 10),
                   "CE": ("Y", 100), "Q": ("M", 3)}  # fmt: skip
        if letter in smaller:
            new_letter, factor = smaller[letter]
            days = n * _DAYS_PER["M_t" if (is_time and letter == "M") else letter]
            is_time = is_time or (letter == "D" and new_letter == "H")
            n, letter = n * factor, new_letter
            return ("PT" if is_time else "P") + _fmt_number(n) + letter, days
    days = None if isinstance(n, str) else n * _DAYS_PER["M_t" if (is_time and letter == "M") else letter]
    return ("PT" if is_time else "P") + _fmt_number(n) + letter, days


# --- choosing a year/week by tense ----------------------------------------------------------------------


def _tense(ctx: _Ctx) -> str:
    return ctx.tense if ctx.tense in TENSES else ctx.default_tense


def _weekday(ctx: _Ctx, weekday: int, direction: str | None = None) -> date:
    ref = ctx.ref
    assert ref is not None
    diff = weekday - ref.isoweekday()
    tense = direction or _tense(ctx)
    if diff == 0:
        if direction == "last":
            return ref - timedelta(days=7)
        if direction == "next":
            return ref + timedelta(days=7)
        if tense == "past" and ctx.same_weekday_past == "previous_week":
            return ref - timedelta(days=7)
        return ref
    if tense in ("future", "next"):
        return ref + timedelta(days=diff % 7)
    if tense == "present":
        ahead = diff % 7
        return ref + timedelta(days=ahead) if ahead <= 3 else ref - timedelta(days=7 - ahead)
    return ref - timedelta(days=(-diff) % 7)


def _year_for_month(ctx: _Ctx, month: int, day: int | None = None) -> int:
    """Year of a month (or month-day) named without a year: past -> the latest not after the reference,
    future -> the next not before it, present -> the nearest occurrence."""
    ref = ctx.ref
    assert ref is not None
    tense = _tense(ctx)
    key, ref_key = (month, day or 1), (ref.month, ref.day if day else 1)
    if tense == "past":
        return ref.year if key <= ref_key else ref.year - 1
    if tense == "future":
        return ref.year if key >= ref_key else ref.year + 1
    # present: the nearest occurrence
    best = min((ref.year - 1, ref.year, ref.year + 1),
               key=lambda y: abs((y - ref.year) * 12 + month - ref.month + ((day or 15) - ref.day) / 31))
    return best


def _year_for_season(ctx: _Ctx, code: str) -> int:
    ref = ctx.ref
    assert ref is not None
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    tense = _tense(ctx)
    if code == "WI" and ref.month <= 2:
        current = ref.year - 1  # January of 2012 is in winter 2011
    else:
        current = ref.year
    if tense == "past":
        return current if (current, start_month) <= (ref.year, ref.month) else current - 1
    if tense == "future":
        return current if (current, start_month) >= (ref.year, ref.month) else current + 1
    return current


def _year_for_quarter(ctx: _Ctx, q: int) -> int:
    ref = ctx.ref
    assert ref is not None
    current = (ref.month - 1) // 3 + 1
    # results are reported after the quarter, often with future verbs ("will report third-quarter results"):
    # a quarter named without a year is the latest one not after the reference, whatever the tense
    return ref.year if q <= current else ref.year - 1


# --- the rules ------------------------------------------------------------------------------------------

Handler = Callable[[re.Match, _Ctx], Resolution | None]


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handler: Handler
    accept: Callable[[str, int, int], bool] | None = None  # context filter used when finding in a document
    # What every match begins with (`prefilter.start_prefixes`): the rule is tried only at such word starts.
    prefixes: frozenset[str] | None = None
    # Strings one of which every match holds (`prefilter.required_literals`), kept where testing them is
    # cheap and telling (a few strings of 3 or more characters): a text without any is not scanned.
    required: frozenset[str] | None = None


_RULES: list[Rule] = []


def _unit_not_a_name(text: str, start: int, end: int) -> bool:
    """`60 Minutes`, `This Week With David Brinkley`: a capitalised unit word after the first is a title."""
    words = text[start:end].split()
    return not any(w[:1].isupper() and re.match(_UNIT_RE + "$", w, re.I) for w in words[1:])


def _rule(name: str, pattern: str, *, flags: int = re.IGNORECASE, accept=None):  # noqa: ANN001
    # The group makes both word-boundary checks hold for every alternative of `a|b|c`, not just `a` and `c`.
    compiled = re.compile(rf"(?<![\w$#£€.])(?:{pattern})(?![\w]|-\w|\.\d|%)", flags)

    def register(fn: Handler) -> Handler:
        required = required_literals(compiled)
        if required is not None and (len(required) > 6 or min(map(len, required)) < 3):
            required = None
        _RULES.append(Rule(name, compiled, fn, accept, start_prefixes(compiled), required))
        return fn

    return register


def _calendar(p: _Period, *, anchor: str, mod: str | None = None, typ: str = "DATE", ctx: _Ctx | None = None,
              value: str | None = None) -> Resolution:  # fmt: skip
    start, end = _narrow(p, mod)
    offsets: tuple[float | None, float | None] = (None, None)
    if ctx is not None and ctx.ref is not None and anchor in ("publication", "previous"):
        offsets = (float((start - ctx.ref).days), float((end - ctx.ref).days))
    return Resolution(typ, value or p.value, mod, _ts(start), _ts(end), p.granularity, anchor, *offsets)


def _relative_unknown(value: str, granularity: str, offsets: tuple[float | None, float | None], *,
                      typ: str = "DATE", mod: str | None = None) -> Resolution:  # fmt: skip
    """A reference-relative expression when no reference date is known: no calendar, only day offsets."""
    return Resolution(typ, value, mod, None, None, granularity, "publication", *offsets)


def _edge_mod(word: str | None) -> str | None:
    if not word:
        return None
    w = " ".join(word.lower().replace("-", " ").split())
    return _EDGE.get(w, _EDGE.get(w.removeprefix("the "), None))


# Absolute dates -----------------------------------------------------------------------------------------


def _month_num(word: str) -> int:
    return MONTHS[word.lower().rstrip(".")]


@_rule("month_day_year", rf"(?:{_WEEKDAY_RE},? )?(?P<m>{_MONTH_RE}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>{_YEAR_RE}|\d{{1,4}}(?= ))")  # noqa: E501
def _month_day_year(m: re.Match, ctx: _Ctx) -> Resolution | None:
    try:
        d = date(int(m["y"]), _month_num(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _calendar(_day(d), anchor="explicit")


@_rule("day_month_year", rf"(?:{_WEEKDAY_RE},? )?(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{_MONTH_RE}),? (?P<y>{_YEAR_RE})")  # noqa: E501
def _day_month_year(m: re.Match, ctx: _Ctx) -> Resolution | None:
    try:
        d = date(int(m["y"]), _month_num(m["m"]), int(m["d"]))
    except ValueError:
        return None
    return _calendar(_day(d), anchor="explicit")


@_rule("iso_date", r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)")
def _iso_date(m: re.Match, ctx: _Ctx) -> Resolution | None:
    try:
        return _calendar(_day(date(int(m["y"]), int(m["m"]), int(m["d"]))), anchor="explicit")
    except ValueError:
        return None


@_rule("numeric_date", r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d)")
def _numeric_date(m: re.Match, ctx: _Ctx) -> Resolution | None:
    y = int(m["y"])
    if len(m["y"]) == 2:
        y += 1900 if y > 30 else 2000
    try:
        return _calendar(_day(date(y, int(m["m"]), int(m["d"]))), anchor="explicit")
    except ValueError:
        return None


def _month_name_ok(text: str, start: int, end: int) -> bool:
    """A bare month word is a month when capitalised; `May`/`March` also need a temporal context."""
    word = text[start:end].split()[-1] if text[start:end].split() else ""
    if word.lower() in MONTHS and word.lower() not in _FULL_MONTHS and not re.match(r"\.?\s*\d", text[end:end + 4]):
        if not text[end:end + 1] == ".":
            return False  # "Jan Kavan": an abbreviation needs its dot or a day after it
    head = re.sub(r"^(?:early|late|mid|last|next|this|the (?:end|beginning|start|middle) of)[-\s]*", "",
                  text[start:end], flags=re.I)  # fmt: skip
    if not head[:1].isupper():
        return False
    if head.lower().rstrip(".") in ("may", "march", "mar", "jan", "jun", "jul", "sat", "sun", "wed", "dec") and head == text[start:end]:  # noqa: E501
        before = text[max(0, start - 20):start].lower().split()
        after = text[end:end + 12].lower().split()
        if not before or before[-1] not in ("in", "since", "until", "till", "by", "of", "from", "to", "through",
                                            "during", "before", "after", "and", "or", "between", "last", "next",
                                            "this", "that", "early", "late", "mid", "end", "each", "every"):  # fmt: skip  # noqa: E501
            return bool(after) and re.match(r"\d", after[0]) is not None
    return bool(word)


@_rule("month_day", rf"(?:(?P<dir>last|next|this) )?(?:{_WEEKDAY_RE},? )?(?P<m>{_MONTH_RE}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?", flags=0,  # noqa: E501
       accept=lambda t, s, e: True)  # fmt: skip
def _month_day(m: re.Match, ctx: _Ctx) -> Resolution | None:
    mo, dd = _month_num(m["m"]), int(m["d"])
    if not 1 <= dd <= 31:
        return None
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{mo:02d}-{dd:02d}", None, None, None, "day", "none")
    direction = (m["dir"] or "").lower()
    if direction in ("last", "next"):
        y = _year_for_month(replace(ctx, tense="past" if direction == "last" else "future"), mo, dd)
    else:
        # a day of a month is its nearest occurrence; the tense overrides that only beyond a month away
        # (a past-tense "March 12" read on February 16 is still the coming one: tense cues are noisy)
        y = _year_for_month(replace(ctx, tense="present"), mo, dd)
        tense = _tense(ctx) if ctx.tense is not None else None
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
    return _calendar(_day(d), anchor="publication", ctx=ctx)


# ordinal words up to 31 (days of a month, centuries), the longest first so that a regex tries them first
_ORDINAL_WORDS = {
    word: n for n, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
         "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
         "twentieth"] + [f"twenty-{w}" for w in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                                 "eighth", "ninth")] + ["thirtieth", "thirty-first"], start=1)
}  # fmt: skip
_ORDINAL_WORD_RE = "(?:" + "|".join(sorted(_ORDINAL_WORDS, key=len, reverse=True)).replace("-", "[- ]") + ")"


def _ordinal_number(word: str) -> int:
    """`21st` or `twenty-first` -> 21."""
    word = word.lower().replace(" ", "-")
    return int(word[:-2]) if word[0].isdigit() else _ORDINAL_WORDS[word]


def _day_of_month(month_word: str, day: int, year: str | None, ctx: _Ctx) -> Resolution | None:
    """`month_word day[, year]` read as the month_day and month_day_year rules read it."""
    if year:
        return _month_day_year(re.match(r"(?P<m>\S+) (?P<d>\d+) (?P<y>\d+)", f"{month_word} {day} {year}"), ctx)  # type: ignore[arg-type]
    return _month_day(re.match(r"(?P<dir>)(?P<m>\S+) (?P<d>\d+)", f"{month_word} {day}"), ctx)  # type: ignore[arg-type]


@_rule("month_ordinal_day", rf"(?:{_WEEKDAY_RE},? )?(?P<m>{_MONTH_RE}) (?:the )?(?P<dw>{_ORDINAL_WORD_RE})"
                            rf"(?:,? (?P<y>{_YEAR_RE}))?", flags=0)  # fmt: skip
def _month_ordinal_day(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """A day written as an ordinal word, as broadcast transcripts have it: `Sunday, March eighth`."""
    return _day_of_month(m["m"], _ordinal_number(m["dw"]), m["y"], ctx)


_FIRST_OF_PAIR = re.compile(rf"(?P<m>{_MONTH_RE}) \d{{1,2}}(?:st|nd|rd|th)? (?:and|or|to|through) $")


@_rule("second_day", rf"(?:(?<=\d and )|(?<=\d or )|(?<=\d to )|(?<=\d through ))(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
                     rf"(?:,? (?P<y>{_YEAR_RE}))?",
       accept=lambda t, s, e: _FIRST_OF_PAIR.search(t, max(0, s - 24), s) is not None)  # fmt: skip
def _second_day(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """The bare day closing a pair (`on April 24 and 25`): a day of the month named just before it."""
    first = _FIRST_OF_PAIR.search(m.string, max(0, m.start() - 24), m.start())
    return None if first is None else _day_of_month(first["m"], int(m["d"]), m["y"], ctx)


@_rule("day_month", rf"(?:the )?(?P<d>\d{{1,2}})(?:st|nd|rd|th)? (?:of )?(?P<m>{_MONTH_RE})", flags=0)
def _day_month(m: re.Match, ctx: _Ctx) -> Resolution | None:
    return _month_day(m, ctx)


@_rule("month_year", rf"(?:(?P<edge>{_EDGE_RE})[- ]?)?(?P<m>{_MONTH_RE}),? (?:of )?(?P<y>{_YEAR_RE})")
def _month_year(m: re.Match, ctx: _Ctx) -> Resolution | None:
    return _calendar(_month(int(m["y"]), _month_num(m["m"])), anchor="explicit", mod=_edge_mod(m["edge"]))


@_rule("month", rf"(?:(?P<edge>{_EDGE_RE})[- ]?)?(?:(?P<dir>last|next|this|that|the same|each|every) )?(?P<m>{_MONTH_RE})(?! \d)",  # noqa: E501
       accept=_month_name_ok)  # fmt: skip
def _month_only(m: re.Match, ctx: _Ctx) -> Resolution | None:
    mo = _month_num(m["m"])
    mod = _edge_mod(m["edge"])
    direction = (m["dir"] or "").lower()
    if direction in ("each", "every"):
        return Resolution("SET", f"XXXX-{mo:02d}", mod, None, None, "month", "none")
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{mo:02d}", mod, None, None, "month", "none")
    if direction == "that" and ctx.previous is not None and ctx.previous.interval_start is not None:
        return _calendar(_month(ctx.previous.interval_start.year, mo), anchor="previous", mod=mod, ctx=ctx)
    tense = {"last": "past", "next": "future"}.get(direction, ctx.tense)
    y = ctx.ref.year if direction == "this" else _year_for_month(replace(ctx, tense=tense), mo)
    if direction == "last" and y == ctx.ref.year and mo == ctx.ref.month:
        y -= 1
    return _calendar(_month(y, mo), anchor="publication", mod=mod, ctx=ctx)


@_rule("year_decade", rf"(?:the )?(?:(?P<edge>{_EDGE_RE}) ?)?(?:the )?(?P<y>1[0-9]\d0|20\d0|'\d0)'?s")
def _decade_rule(m: re.Match, ctx: _Ctx) -> Resolution | None:
    y = m["y"]
    if y.startswith("'"):
        first = int(y[1:]) + (1900 if int(y[1:]) > 20 else 2000)
    else:
        first = int(y)
    if first % 100 == 0 and first < 2000:  # "the 1800s" is a century; "the 2000s" is usually read as a decade
        return _calendar(_century(first), anchor="explicit", mod=_edge_mod(m["edge"]))
    return _calendar(_decade(first), anchor="explicit", mod=_edge_mod(m["edge"]))


_CLOCK_ZONE = re.compile(r"\s*(?:utc|gmt|hours|hrs|local time|[ecmp][sd]t\b|ist\b|cet\b|z\b)", re.IGNORECASE)


def is_clock_time(text: str, start: int, end: int) -> bool:
    """Four digits followed by a time zone or `hours` are a clock time (`1700 UTC`), never a year."""
    return bool(re.fullmatch(r"\d{4}", text[start:end])) and bool(_CLOCK_ZONE.match(text, end))


def _year_ok(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year unless it is an amount, a count or a code."""
    after = text[end:end + 15].lower()
    before = text[max(0, start - 12):start].lower()
    if re.match(r"\s*(?:percent|per cent|people|members|shares|points|troops|soldiers|km|miles|feet|tons|"
                r"units|cars|jobs|men|women|employees|residents|votes|dollars|[mbr]illions?\b)", after):  # fmt: skip
        return False
    if is_clock_time(text, start, end):
        return False
    if re.search(r"(?:no\.|number|flight|route|room|\bat|rose|fell|to|by|of)\s*$", before) and re.match(r"\s*(?:[,.]\d)", after):  # noqa: E501
        return False
    return not re.search(r"\d,?$|\d\.$", before)


@_rule("year", rf"(?:(?P<fiscal>fiscal|calendar|FY|fy) )?(?:(?P<edge>{_EDGE_RE}) ?)?(?P<y>{_YEAR_RE})(?!s\b|'s\b)",
       accept=_year_ok)  # fmt: skip
def _year_rule(m: re.Match, ctx: _Ctx) -> Resolution | None:
    return _calendar(_year(int(m["y"])), anchor="explicit", mod=_edge_mod(m["edge"]))


_TEENS_RE = r"(?:nineteen|eighteen|seventeen|sixteen|twenty)"
_TENS_RE = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES_RE = r"(?:one|two|three|four|five|six|seven|eight|nine)"


_SPOKEN_YEAR_RE = (rf"(?:(?P<c>{_TEENS_RE}) (?P<rest>{_TENS_RE}(?:[- ]{_ONES_RE})?|hundred|oh[- ]{_ONES_RE}|ten|eleven"
                   rf"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                   rf"|two thousand(?: and)?(?: (?P<tail>{_ONES_RE}|ten|eleven|twelve))?)")  # fmt: skip


def _spoken_year_number(m: re.Match) -> int | None:
    """The year read by the groups of `_SPOKEN_YEAR_RE` in `m`: `nineteen ninety-four` -> 1994."""
    if m["c"]:
        century = parse_number(m["c"])
        rest = m["rest"].lower().replace("oh", "").strip(" -")
        tail = 0.0 if rest == "hundred" else parse_number(rest)
        if not isinstance(century, float) or not isinstance(tail, float):
            return None
        return int(century * 100 + tail)
    tail_n = parse_number(m["tail"]) if m["tail"] else 0.0
    return 2000 + int(tail_n) if isinstance(tail_n, float) else None


@_rule("spoken_year", rf"(?:the year )?{_SPOKEN_YEAR_RE}",
       accept=lambda t, s, e: not re.match(r"\s*(?:percent|people|dollars|of|million|billion|thousand)\b",
                                           t[e:e + 12].lower()))  # fmt: skip
def _spoken_year(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """Years as broadcast transcripts spell them: `nineteen ninety-four`, `the year two thousand`."""
    if not m.group(0).lower().startswith("the year") and not m["c"] and not m["tail"]:
        return None  # a bare "two thousand" is a number
    year = _spoken_year_number(m)
    return None if year is None else _calendar(_year(year), anchor="explicit")


@_rule("quarter_year", rf"(?:the )?(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter(?: of| of fiscal|,)? (?P<y>{_YEAR_RE})")  # noqa: E501
def _quarter_year(m: re.Match, ctx: _Ctx) -> Resolution | None:
    return _calendar(_quarter(int(m["y"]), ORDINALS[m["o"].lower()]), anchor="explicit")


@_rule("year_quarter", rf"(?:the )?(?P<y>{_YEAR_RE}) (?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ]quarter")
def _year_quarter(m: re.Match, ctx: _Ctx) -> Resolution | None:
    return _quarter_year(m, ctx)


@_rule("quarter", r"(?:the )?(?:(?P<dir>last|next|this|that|same|current|latest|year-ago|year-earlier|previous) )?"
                  r"(?:(?P<o>first|second|third|fourth|1st|2nd|3rd|4th)[- ])?quarter(?P<rel> of (?:this|last|next) year)?")  # fmt: skip  # noqa: E501
def _quarter_rule(m: re.Match, ctx: _Ctx) -> Resolution | None:
    if not m["o"] and not m["dir"] and not m.group(0).lower().startswith("the"):
        return None
    if ctx.ref is None:
        q = ORDINALS[m["o"].lower()] if m["o"] else None
        return Resolution("DATE", f"XXXX-Q{q}" if q else "XXXX-QX", None, None, None, "quarter", "none")
    direction = (m["dir"] or "").lower()
    rel = (m["rel"] or "").lower()
    if m["o"]:
        q = ORDINALS[m["o"].lower()]
        if "last year" in rel:
            y = ctx.ref.year - 1
        elif "next year" in rel:
            y = ctx.ref.year + 1
        elif "this year" in rel:
            y = ctx.ref.year
        else:
            y = _year_for_quarter(ctx, q)
        if direction in ("year-ago", "year-earlier"):
            y -= 1
        return _calendar(_quarter(y, q), anchor="publication", ctx=ctx)
    prev = ctx.topic("quarter") if direction not in ("that", "same") else ctx.previous
    anchor = "publication"
    if prev is not None and prev.granularity == "quarter" and prev.interval_start is not None:
        base = _period_at(_to_date(prev.interval_start), "quarter")  # type: ignore[arg-type]
        anchor = "previous"
    else:  # the last completed quarter: what a results report is about
        base = _period_at(_shift(ctx.ref, -1, "Q"), "quarter")
    if direction in ("next",):
        base = _period_at(_shift(base.start, 1, "Q"), "quarter")
    elif direction in ("year-ago", "year-earlier"):
        base = _period_at(_shift(base.start, -1, "Y"), "quarter")
    elif direction in ("this", "current"):
        base, anchor = _period_at(ctx.ref, "quarter"), "publication"
    return _calendar(base, anchor=anchor, ctx=ctx)


@_rule("half_year", rf"(?:the )?(?P<o>first|second|last|latter) half(?: of (?P<y>{_YEAR_RE}|this year|last year|next year|the year))?")  # noqa: E501
def _half_rule(m: re.Match, ctx: _Ctx) -> Resolution | None:
    h = 1 if m["o"].lower() == "first" else 2  # the second, last or latter half
    y_text = (m["y"] or "").lower()
    if y_text.isdigit():
        return _calendar(_half(int(y_text), h), anchor="explicit")
    if not y_text:
        return None
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-H{h}", None, None, None, "half", "none")
    y = ctx.ref.year + {"last year": -1, "next year": 1}.get(y_text, 0)
    return _calendar(_half(y, h), anchor="publication", ctx=ctx)


# Reference-relative words --------------------------------------------------------------------------------

_DEICTIC_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}


@_rule("deictic_day", r"(?:the day (?P<ba>before|after) )?(?P<w>today|yesterday|tomorrow|tonight)(?:'s)?"
                      r"(?: (?P<pod>morning|afternoon|evening|night))?")  # fmt: skip
def _deictic_day(m: re.Match, ctx: _Ctx) -> Resolution | None:
    word = m["w"].lower()
    if m.group(0).lower() == "today's":
        return None  # "today's youth": the present in general, not the day
    n = _DEICTIC_DAYS[word] + {"before": -1, "after": 1}.get((m["ba"] or "").lower(), 0)
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if word == "tonight" else None)
    if m.group(0).lower().endswith("'s"):
        pod = None
    typ = "TIME" if pod else "DATE"
    if ctx.ref is None:
        value = "XXXX-XX-XX" + (f"T{pod}" if pod else "")
        return _relative_unknown(value, "day", (float(n), float(n)), typ=typ)
    res = _calendar(_day(ctx.ref + timedelta(days=n)), anchor="publication", ctx=ctx, typ=typ)
    return replace(res, value=res.value + (f"T{pod}" if pod else ""))


@_rule("this_part_of_day", r"(?:this|that|(?:early|late) (?:this|that)) (?P<pod>morning|afternoon|evening)|tonight")
def _this_part_of_day(m: re.Match, ctx: _Ctx) -> Resolution | None:
    pod = PARTS_OF_DAY[(m["pod"] or "tonight").lower()]
    that = m.group(0).lower().startswith(("that", "early that", "late that"))
    if that and ctx.previous is not None and ctx.previous.granularity == "day" and ctx.previous.interval_start is not None:  # noqa: E501
        d = _to_date(ctx.previous.interval_start)
        anchor = "previous"
    elif ctx.ref is None:
        return _relative_unknown(f"XXXX-XX-XXT{pod}", "day", (0.0, 0.0), typ="TIME")
    else:
        d, anchor = ctx.ref, "publication"
    res = _calendar(_day(d), anchor=anchor, ctx=ctx, typ="TIME")  # type: ignore[arg-type]
    return replace(res, value=f"{res.value}T{pod}")


@_rule("weekday", rf"(?:(?P<dir>(?i:last|next|this|coming|past|early|late|the previous|the following)) )?"
                  rf"(?P<w>{_WEEKDAY_RE})(?:'s)?(?: (?P<pod>morning|afternoon|evening|night))?",
       flags=0)  # fmt: skip
def _weekday_rule(m: re.Match, ctx: _Ctx) -> Resolution | None:
    wd = WEEKDAYS[m["w"].lower().rstrip(".")]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    direction = (m["dir"] or "").lower()
    typ = "TIME" if pod else "DATE"
    if ctx.ref is None and direction not in ("the previous", "the following"):
        return Resolution(typ, f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None, None, None, "day", "none")
    anchor = "publication"
    if direction in ("the previous", "the following"):
        # the weekday before (after) the day the article last named: `down 4.5% from the previous Friday`
        prev = ctx.previous
        if prev is not None and prev.granularity == "day" and prev.interval_start is not None:
            base, anchor = _to_date(prev.interval_start), "previous"
        elif ctx.ref is not None:
            base = ctx.ref
        else:
            return Resolution(typ, f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None, None, None, "day", "none")
        assert base is not None
        if direction == "the previous":
            d = base - timedelta(days=(base.isoweekday() - wd) % 7 or 7)
        else:
            d = base + timedelta(days=(wd - base.isoweekday()) % 7 or 7)
    else:
        direction_word = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(direction)
        d = _weekday(ctx, wd, direction_word)
    res = _calendar(_day(d), anchor=anchor, ctx=ctx, typ=typ)
    return replace(res, value=res.value + (f"T{pod}" if pod else ""))


@_rule("ordinal_century", rf"(?:the )?(?:(?P<edge>{_EDGE_RE})[- ]?)?"
                          rf"(?P<o>\d{{1,2}}(?:st|nd|rd|th)|{_ORDINAL_WORD_RE})[- ]century",
       accept=lambda t, s, e: not re.match(r" [A-Z]", t[e:e + 2]))  # fmt: skip
def _ordinal_century(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """`the 20th century` (TIMEX3 value `19`), `the early nineteenth century`; not a name (`20th Century Fox`)."""
    n = _ordinal_number(m["o"])
    if not 1 <= n <= 22:
        return None
    return _calendar(_century((n - 1) * 100), anchor="explicit", mod=_edge_mod(m["edge"]))


def _part_of_day_ok(text: str, start: int, end: int) -> bool:
    """`by mid afternoon`, `in the morning`: a part of the day the article is about, not `the morning paper`."""
    if re.match(r"\s*(?:'s|of|after|before|session|sessions|paper|papers|edition|news|shift|rush|prayers?)\b",
                text[end:end + 12], re.I):
        return False
    if text[start:end].lower().startswith("the "):
        return re.search(r"\b(?:in|by|during|until|till|through|throughout)\s+$", text[max(0, start - 12):start],
                         re.I) is not None  # fmt: skip
    return True


@_rule("part_of_day", r"(?:(?P<edge>early|late|mid)[- ]?|the )(?P<pod>morning|afternoon|evening)",
       accept=_part_of_day_ok)
def _part_of_day(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """A part of the day the article last named (else of the reference day): `Dealers placed orders in the
    morning`, `by mid afternoon`."""
    pod = PARTS_OF_DAY[m["pod"].lower()]
    mod = _edge_mod(m["edge"])
    last_day = next((r for r in reversed(ctx.history) if r.granularity in ("day", "minute") and r.on_calendar), None)
    if last_day is not None:
        res = _calendar(_day(_to_date(last_day.interval_start)), anchor="previous", ctx=ctx, typ="TIME")  # type: ignore[arg-type]
    elif ctx.ref is not None:
        res = _calendar(_day(ctx.ref), anchor="publication", ctx=ctx, typ="TIME")
    else:
        return _relative_unknown(f"XXXX-XX-XXT{pod}", "day", (0.0, 0.0), typ="TIME", mod=mod)
    return replace(res, value=f"{res.value}T{pod}", mod=mod)


@_rule("the_year", r"the (?P<fiscal>fiscal |calendar )?year(?P<ended>(?= end(?:ed|ing)\b))?",
       accept=lambda t, s, e: re.search(r"\b(?:of|for|in|during|through|throughout)\s+$", t[max(0, s - 12):s], re.I) is not None  # noqa: E501
       and not re.match(r"\s*(?:before|after|when|that|in which|of the|'s)\b", t[e:e + 12]))  # fmt: skip
def _the_year(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """`for the year`, `in the year`: the year being reported; `the year ended June 30` is a year's length."""
    if m["ended"] is not None:  # an empty group: the lookahead saw `ended`
        return Resolution("DURATION", "P1Y", None, None, None, "year", "none")
    if ctx.ref is None:
        return Resolution("DATE", "XXXX", None, None, None, "year", "none")
    return _calendar(_year(ctx.ref.year), anchor="publication", ctx=ctx)


@_rule("the_weekend", r"the weekend")
def _the_weekend(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """`the weekend`: the last one in a past-tense clause, else the coming one (of the reference week)."""
    if ctx.ref is None:
        return Resolution("DATE", "XXXX-WXX-WE", None, None, None, "weekend", "none")
    d = ctx.ref if _tense(ctx) != "past" or ctx.ref.isoweekday() >= 6 else ctx.ref - timedelta(days=7)
    return _calendar(_weekend(d), anchor="publication", ctx=ctx)


@_rule("bare_units", r"(?:(?<=\bfor )|(?<=\bwithin )|(?<=\bin )(?=(?:weeks|months|years|decades)(?! to come| past)))"
                    r"(?P<u>minutes|hours|days|weeks|months|years|decades|centuries)(?! of)")  # fmt: skip
def _bare_units(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """`for weeks`, `within years`, `the first time in years`: a duration of unknown length."""
    value, _ = _duration_value("X", m["u"])
    return Resolution("DURATION", value, None, None, None, _unit_of(m["u"])[2], "none")


@_rule("last_night", r"last night|(?P<when>earlier|later) (?:that|the same) (?P<u>day|night|morning|afternoon|evening)"
                     r"|later in the day")  # fmt: skip
def _last_night(m: re.Match, ctx: _Ctx) -> Resolution | None:
    text = m.group(0).lower()
    if text == "last night":
        if ctx.ref is None:
            return _relative_unknown("XXXX-XX-XXTNI", "day", (-1.0, -1.0), typ="TIME")
        res = _calendar(_day(ctx.ref - timedelta(days=1)), anchor="publication", ctx=ctx, typ="TIME")
        return replace(res, value=res.value + "TNI")
    prev = ctx.previous
    if text == "later in the day":
        base, anchor = (_to_date(prev.interval_start), "previous") if prev is not None and prev.granularity == "day" \
            and prev.interval_start is not None else (ctx.ref, "publication")  # fmt: skip
    elif prev is not None and prev.granularity == "day" and prev.interval_start is not None:
        base, anchor = _to_date(prev.interval_start), "previous"
    else:
        return None
    if base is None:
        return None
    return _calendar(_day(base), anchor=anchor, ctx=ctx)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    offset = (weekday - first.isoweekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": lambda y: date(y, 1, 1), "new year's eve": lambda y: date(y, 12, 31),
    "christmas day": lambda y: date(y, 12, 25), "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25), "independence day": lambda y: date(y, 7, 4),
    "valentine's day": lambda y: date(y, 2, 14), "halloween": lambda y: date(y, 10, 31),
    "thanksgiving day": lambda y: _nth_weekday(y, 11, 4, 4), "thanksgiving": lambda y: _nth_weekday(y, 11, 4, 4),
    "election day": lambda y: _nth_weekday(y, 11, 1, 1) + timedelta(days=1),
    "labor day": lambda y: _nth_weekday(y, 9, 1, 1), "memorial day": lambda y: _nth_weekday(y, 6, 1, 1) - timedelta(days=7),  # noqa: E501
    "easter sunday": _easter, "easter": _easter, "good friday": lambda y: _easter(y) - timedelta(days=2),
}  # fmt: skip


@_rule("holiday", rf"(?P<h>New Year's Day|New Year's Eve|Christmas Day|Christmas Eve|Christmas|Independence Day|"
                  rf"Valentine's Day|Halloween|Thanksgiving Day|Thanksgiving|Election Day|Labor Day|Memorial Day|"
                  rf"Easter Sunday|Easter|Good Friday)(?:,? (?P<y>{_YEAR_RE}))?(?! [A-Z])", flags=0)  # fmt: skip
def _holiday(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """Fixed and movable holidays (US usage for Thanksgiving, Labor Day, Election Day): the day itself."""
    rule = HOLIDAYS[m["h"].lower()]
    if m["y"]:
        return _calendar(_day(rule(int(m["y"]))), anchor="explicit")
    if ctx.ref is None:
        return Resolution("DATE", None, None, None, None, "day", "none")
    tense = _tense(ctx)
    this_year = rule(ctx.ref.year)
    if tense == "past" and this_year > ctx.ref:
        this_year = rule(ctx.ref.year - 1)
    elif tense == "future" and this_year < ctx.ref:
        this_year = rule(ctx.ref.year + 1)
    return _calendar(_day(this_year), anchor="publication", ctx=ctx)


_GRAN_OF = {"week": "week", "month": "month", "year": "year", "quarter": "quarter", "decade": "decade",
            "century": "century", "weekend": "weekend", "day": "day", "fiscal year": "year"}  # fmt: skip


@_rule("this_unit", accept=_unit_not_a_name, pattern=r"(?:(?P<pre>earlier|later|early|late|the end of|the beginning of|the start of|the middle of|"  # noqa: E501
                    r"the rest of|the remainder of) )?(?P<dir>last|next|this|the coming|the current|the past|"
                    r"the previous|the following|the same|that|the latest|this past|this coming) "
                    r"(?P<u>week|weekend|month|year|fiscal year|quarter|decade|century|spring|summer|fall|autumn|winter)(?!s)")  # fmt: skip  # noqa: E501
def _this_unit(m: re.Match, ctx: _Ctx) -> Resolution | None:
    unit = m["u"].lower()
    direction = m["dir"].lower()
    pre = (m["pre"] or "").lower()
    mod = {"earlier": "START", "early": "START", "the beginning of": "START", "the start of": "START",
           "later": "END", "late": "END", "the end of": "END", "the middle of": "MID"}.get(pre)  # fmt: skip
    step = {"last": -1, "next": 1, "the coming": 1, "the past": -1, "the previous": -1, "the following": 1,
            "this past": -1, "this coming": 1}.get(direction, 0)  # fmt: skip
    from_previous = direction in ("the following", "the previous", "the same", "that")
    base: date | None
    anchor = "publication"
    if from_previous:
        if ctx.previous is not None and ctx.previous.interval_start is not None:
            base, anchor = _to_date(ctx.previous.interval_start), "previous"
        elif direction in ("the same", "that"):
            return None
        else:
            base = ctx.ref
    else:
        base = ctx.ref
    if unit in SEASONS:
        code = SEASONS[unit]
        if base is None:
            return Resolution("DATE", f"XXXX-{code}", mod, None, None, "season", "none")
        if step == 0:
            y = _year_for_season(replace(ctx, ref=base, tense="present"), code)
        else:
            y = _year_for_season(replace(ctx, ref=base, tense="past" if step < 0 else "future"), code)
            if (step < 0 and _season(y, code).end >= base) or (step > 0 and _season(y, code).start <= base):
                y += step
        return _calendar(_season(y, code), anchor=anchor, mod=mod, ctx=ctx)
    gran = _GRAN_OF[unit]
    letter = {"week": "W", "weekend": "W", "month": "M", "year": "Y", "fiscal year": "Y", "quarter": "Q",
              "decade": "DE", "century": "CE"}[unit]  # fmt: skip
    if base is None:
        approx = step * _DAYS_PER[letter]
        unknown = {"week": "XXXX-WXX", "weekend": "XXXX-WXX-WE", "month": "XXXX-XX", "year": "XXXX",
                   "fiscal year": "XXXX", "quarter": "XXXX-QX", "decade": "XXX", "century": "XX"}[unit]  # fmt: skip
        if unit == "weekend":
            return Resolution("DATE", unknown, mod, None, None, gran, "none")
        return _relative_unknown(unknown, gran, (None, None) if step == 0 else (approx, approx), mod=mod)
    if direction == "the past" and not pre:
        value, days = _duration_value(1, unit)
        return _duration_to_reference(value, days, gran, ctx, ending=True)
    if pre in ("the rest of", "the remainder of"):
        p = _period_at(base, gran)
        return Resolution("DURATION", "P1" + letter if letter != "DE" else "P10Y", None, _ts(base), _ts(p.end),
                          gran, anchor)
    target = _shift(base, step, letter)
    return _calendar(_period_at(target, gran), anchor=anchor, mod=mod, ctx=ctx)


@_rule("season", rf"(?:(?P<edge>{_EDGE_RE}) ?)?(?:(?P<dir>last|next|this|that) )?"
                 rf"(?P<s>spring|summer|fall|autumn|winter)"
                 rf"(?:(?: of)? (?P<y>{_YEAR_RE})| of (?P<spoken>{_SPOKEN_YEAR_RE}))?",
       accept=lambda t, s, e: bool(re.search(r"\d{4}$", t[s:e])) or re.search(
           r"\b(?:in|during|since|until|by|through|last|next|this|early|late|mid|that|over)\s+(?:the\s+)?$", t[max(0, s - 12):s].lower()  # noqa: E501
       ) is not None or t[s:e].lower().startswith(("last", "next", "this", "early", "late", "mid")))  # fmt: skip
def _season_rule(m: re.Match, ctx: _Ctx) -> Resolution | None:
    code = SEASONS[m["s"].lower()]
    mod = _edge_mod(m["edge"])
    if m["y"] or m["spoken"]:  # `the winter of nineteen ninety-four`, as broadcast transcripts spell it
        year = int(m["y"]) if m["y"] else _spoken_year_number(m)
        return None if year is None else _calendar(_season(year, code), anchor="explicit", mod=mod)
    direction = (m["dir"] or "").lower()
    if direction:
        return None  # handled by this_unit
    if ctx.ref is None:
        return Resolution("DATE", f"XXXX-{code}", mod, None, None, "season", "none")
    y = _year_for_season(ctx, code)
    return _calendar(_season(y, code), anchor="publication", mod=mod, ctx=ctx)


def _ago_later(m: re.Match, ctx: _Ctx, sign: int, from_previous: bool) -> Resolution | None:
    n = parse_number(m["n"]) if m["n"] else 1
    if n is None:
        return None
    letter, is_time, gran = _unit_of(m["u"])
    mod = _APPROX.get((m["approx"] or "").lower()) if "approx" in m.re.groupindex else None
    if mod and mod != "APPROX":
        mod = {"LESS_THAN": "AFTER", "EQUAL_OR_LESS": "ON_OR_AFTER", "MORE_THAN": "BEFORE",
               "EQUAL_OR_MORE": "ON_OR_BEFORE"}.get(mod, mod) if sign < 0 else mod  # fmt: skip
    prev = ctx.previous if from_previous else None
    base: date | None = None
    anchor = "publication"
    if prev is not None and prev.interval_start is not None and prev.granularity not in (None,):
        base, anchor = _to_date(prev.interval_start), "previous"
        if letter in ("Y", "Q", "M") and prev.granularity in ("quarter", "month", "half", "year", "day", "week"):
            # "a year earlier" than a quarter is that quarter a year before: keep the finer granularity
            gran_out = prev.granularity if _GRAN_RANK.get(prev.granularity, 9) <= _GRAN_RANK.get(gran, 0) else gran
        else:
            gran_out = "day" if letter in ("D", "W") else gran
    else:
        base = ctx.ref
        gran_out = "day" if letter in ("D", "W", "WE") else gran
        if gran_out == "day" and is_time:
            gran_out = "day"
    if isinstance(n, str):
        value = {"Y": "PAST_REF", "M": "PAST_REF"}.get(letter, "PAST_REF") if sign < 0 else "FUTURE_REF"
        return Resolution("DATE", value, None, None, None, None, "publication" if base else "none")
    if is_time:
        return None  # "three hours later": a time of day we cannot place without a clock time
    if base is None:
        days = sign * n * _DAYS_PER[letter]
        unknown = {"day": "XXXX-XX-XX", "week": "XXXX-XX-XX", "month": "XXXX-XX", "quarter": "XXXX-QX",
                   "year": "XXXX", "decade": "XXX", "century": "XX"}.get(gran_out, "XXXX-XX-XX")  # fmt: skip
        return _relative_unknown(unknown, gran_out, (days, days), mod=mod)
    try:
        target = _shift(base, sign * n, letter if letter != "WE" else "W")
    except (OverflowError, ValueError):
        return None
    return _calendar(_period_at(target, gran_out), anchor=anchor, mod=mod, ctx=ctx)


_GRAN_RANK = {"day": 1, "weekend": 2, "week": 2, "month": 3, "quarter": 4, "season": 4, "half": 5, "year": 6,
              "decade": 7, "century": 8}  # fmt: skip


@_rule("ago", rf"(?:(?P<approx>{_APPROX_RE}) )?(?P<n>{_QTY})[ -](?P<u>{_UNIT_RE})(?: or so)? ago")
def _ago(m: re.Match, ctx: _Ctx) -> Resolution | None:
    # "a year ago" in a results report means the same period a year before the one just discussed
    letter = _unit_of(m["u"])[0]
    topic = ctx.topic("quarter") if letter == "Y" else None
    if topic is not None and ctx.ref is not None and 0 <= (ctx.ref - _to_date(topic.interval_start)).days <= 366:  # type: ignore[operator]
        res = _ago_later(m, replace(ctx, previous=topic), -1, from_previous=True)
    else:
        res = _ago_later(m, ctx, -1, from_previous=False)
    if res is not None and res.mod is None and " or so " in m.group(0).lower():
        res = replace(res, mod="APPROX")  # `a week or so ago`
    return res


@_rule("later_earlier", rf"(?:(?P<approx>{_APPROX_RE}) )?(?P<n>{_QTY})[ -](?P<u>{_UNIT_RE}) (?P<dir>later|earlier|before|after|afterwards?|previously|hence|from now|on)(?! (?:the|a|an|his|her|their|its|this|that|[A-Z0-9]))")  # fmt: skip  # noqa: E501
def _later_earlier(m: re.Match, ctx: _Ctx) -> Resolution | None:
    word = m["dir"].lower()
    sign = -1 if word in ("earlier", "before", "previously") else 1
    if word in ("hence", "from now"):
        return _ago_later(m, ctx, sign, from_previous=False)
    topic = ctx.topic("quarter") if _unit_of(m["u"])[0] == "Y" else None
    if topic is not None:
        ctx = replace(ctx, previous=topic)
    return _ago_later(m, ctx, sign, from_previous=True)


@_rule("year_ago_adj", r"(?:the )?(?:(?P<dir>comparable|same|corresponding|prior) )?(?P<adj>year-ago|year-earlier|year earlier|"  # noqa: E501
                       r"a year earlier|a year ago|prior-year|previous-year|last year's)(?: (?P<u>period|quarter|month|"
                       r"year|level|levels|results|figure|figures|time))?")  # fmt: skip
def _year_ago_adj(m: re.Match, ctx: _Ctx) -> Resolution | None:
    unit = (m["u"] or "").lower()
    if unit in ("level", "levels", "results", "figure", "figures"):
        return None  # the span is only the adjective: handled when found on its own
    prev = ctx.topic("quarter") or ctx.previous
    if prev is not None and prev.interval_start is not None and prev.granularity in ("quarter", "half", "month", "year", "day"):  # noqa: E501
        base = _period_at(_to_date(prev.interval_start), prev.granularity)  # type: ignore[arg-type]
        anchor = "previous"
    elif ctx.ref is not None:
        base = _period_at(ctx.ref, "quarter" if unit == "quarter" else "year")
        anchor = "publication"
        if unit == "quarter":
            base = _period_at(_shift(ctx.ref, -1, "Q"), "quarter")
    else:
        return _relative_unknown("XXXX", "year", (-365.25, -365.25))
    gran = base.granularity
    if unit == "year":
        gran = "year"
    target = _period_at(_shift(base.start, -1, "Y"), gran)
    return _calendar(target, anchor=anchor, ctx=ctx)


@_rule("recent_units", rf"(?:the )?(?P<dir>past|last|next|previous|coming|recent|first|final|latest|initial|following|ensuing|"  # noqa: E501
                       rf"preceding)(?: (?P<n>{_QTY}))? (?P<u>{_UNIT_RE})(?P<of>(?= of (?P<y>{_YEAR_RE}|this year|last year)))?")  # fmt: skip  # noqa: E501
def _recent_units(m: re.Match, ctx: _Ctx) -> Resolution | None:
    unit_word = m["u"].lower()
    if not unit_word.endswith("s") and not m["n"]:
        return None  # "last year" is a date (this_unit)
    n = parse_number(m["n"]) if m["n"] else "X"
    if n is None:
        return None
    value, days = _duration_value(n, unit_word)
    direction = m["dir"].lower()
    # a vague stretch: "the past few months" is the past, "the coming weeks" the future, while "recent years"
    # and "the next few days" are read as durations of unknown length (TimeML's PXY, PXD)
    if isinstance(n, str) and direction in ("past", "last", "previous", "preceding"):
        return Resolution("DATE", "PAST_REF", None, None, None, None, "publication" if ctx.ref else "none")
    if isinstance(n, str) and direction in ("coming", "following", "ensuing"):
        return Resolution("DATE", "FUTURE_REF", None, None, None, None, "publication" if ctx.ref else "none")
    if isinstance(n, str):
        return Resolution("DURATION", value, None, None, None, _unit_of(unit_word)[2], "none")
    letter = _unit_of(unit_word)[0]
    if direction in ("first", "initial") and m["of"] is not None:  # `of 1997` is only looked at: an empty group
        # `the first nine months of 1997` (or `of this year`): the opening stretch of that year
        year_text = m["y"].lower()
        if year_text[0].isdigit():
            y, anchor = int(year_text), "explicit"
        elif ctx.ref is not None:
            y, anchor = ctx.ref.year - (year_text == "last year"), "publication"
        else:
            return Resolution("DURATION", value, None, None, None, _unit_of(unit_word)[2], "none")
        start = date(y, 1, 1)
        try:
            end = _shift(start, n, letter) - timedelta(days=1)
        except (OverflowError, ValueError):
            return Resolution("DURATION", value, None, None, None, _unit_of(unit_word)[2], anchor)
        return Resolution("DURATION", value, None, _ts(start), _ts(end), _unit_of(unit_word)[2], anchor)
    if direction in ("past", "last", "recent", "previous", "latest", "preceding", "first"):
        return _duration_to_reference(value, days, _unit_of(unit_word)[2], ctx, ending=True)
    if direction in ("next", "coming", "following", "ensuing"):
        return _duration_to_reference(value, days, _unit_of(unit_word)[2], ctx, ending=False)
    return Resolution("DURATION", value, None, None, None, _unit_of(unit_word)[2], "none")


def _duration_to_reference(value: str, days: float | None, gran: str, ctx: _Ctx, *, ending: bool,
                           mod: str | None = None) -> Resolution:  # fmt: skip
    """A duration that ends (or starts) at the reference date: `the past two years`, `15-month uprising`."""
    if days is None:
        return Resolution("DURATION", value, mod, None, None, gran, "none")
    span = -days if ending else days
    if ctx.ref is None:
        return Resolution("DURATION", value, mod, None, None, gran, "publication",
                          min(span, 0.0), max(span, 0.0))  # fmt: skip
    try:
        other = _duration_edge(ctx.ref, value, -1 if ending else 1)
    except (OverflowError, ValueError):
        return Resolution("DURATION", value, mod, None, None, gran, "publication", min(span, 0.0), max(span, 0.0))
    start, end = (other, ctx.ref) if ending else (ctx.ref, other)
    return Resolution("DURATION", value, mod, _ts(start), _ts(end), gran, "publication",
                      float((start - ctx.ref).days), float((end - ctx.ref).days))  # fmt: skip


def _duration_edge(ref: date, value: str, sign: int) -> date:
    m = re.fullmatch(r"P(T?)(\d+(?:\.\d+)?)([A-Z]+)", value)
    if not m:
        raise ValueError(value)
    n, letter = float(m[2]), m[3]
    if m[1]:  # hours, minutes: within the day
        return ref + timedelta(days=sign * int(n * _DAYS_PER["H" if letter == "H" else "M_t"]))
    return _shift(ref, sign * n, letter)


@_rule("duration_adj", rf"(?P<n>{_QTY})[- ](?P<u>{_UNIT_SG})(?:[- ](?P<long>long|old))?(?=\s+[a-z]|\s*$)")
def _duration_adj(m: re.Match, ctx: _Ctx) -> Resolution | None:
    n = parse_number(m["n"])
    if n is None or m["n"].lower() in ("a", "an", "some", "many"):
        return None
    value, days = _duration_value(n, m["u"])
    if (m["long"] or "").lower() == "old":
        return None  # ages ("a 6-year-old boy") are not temporal expressions in TimeML
    return _duration_to_reference(value, days, _unit_of(m["u"])[2], ctx, ending=True)


def _duration_ok(text: str, start: int, end: int) -> bool:
    """Not a rate (`$1.76 a year`, `24 hours a day`) nor a fraction (`a quarter of the market`), nor a title."""
    if not _unit_not_a_name(text, start, end):
        return False
    span = text[start:end].lower()
    if re.match(r"(?:a|an|per) ", span):
        if _rate_ok(text, start, end):
            return False
    if re.match(r"\s+of\b", text[end:end + 4]) and span.endswith("quarter"):
        return False
    if re.fullmatch(r"the \w+s", span) and re.match(r"\s+(?:before|after|leading|preceding|prior|following)\b",
                                                    text[end:end + 12], re.I):  # fmt: skip
        return False  # `in the weeks before the shooting`: a time anchored on an event, not a length
    return True


@_rule("duration", accept=_duration_ok, pattern=rf"(?:the )?(?:(?P<approx>{_APPROX_RE}) )?(?:(?P<n>{_QTY})(?: (?:more|full|long|straight|consecutive|"  # noqa: E501
                   rf"additional|other))? |(?P<det>the) )(?P<u>{_UNIT_RE})(?P<old>[- ]old)?")  # fmt: skip
def _duration(m: re.Match, ctx: _Ctx) -> Resolution | None:
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
    value, _ = _duration_value(n, unit)
    mod = _APPROX.get((m["approx"] or "").lower())
    return Resolution("DURATION", value, mod, None, None, _unit_of(unit)[2], "none")


@_rule("range_years", rf"(?P<a>{_YEAR_RE})[-–](?P<b>{_YEAR_RE}|\d\d)")
def _range_years(m: re.Match, ctx: _Ctx) -> Resolution | None:
    a = int(m["a"])
    b = int(m["b"]) if len(m["b"]) == 4 else a - a % 100 + int(m["b"])
    if b < a:
        return None
    return Resolution("DURATION", f"P{b - a + 1}Y", None, _ts(date(a, 1, 1)), _ts(date(b, 12, 31)), "year",
                      "explicit")  # fmt: skip


def _rate_ok(text: str, start: int, end: int) -> bool:
    """`a day`/`per year` is a set only after a count or an amount (`twice a day`, `$5 a year`)."""
    if not re.match(r"(?:a|an|per)\b", text[start:end], re.I):
        return True
    return re.search(r"(?:times|once|twice|thrice|\d|percent|%|cents?|dollars?|million|billion)\s*$",
                     text[max(0, start - 30):start], re.I) is not None  # fmt: skip


@_rule("set", accept=_rate_ok, pattern=rf"(?P<q>every|each) (?:(?P<n>other|{_NUM}) )?(?P<u>{_UNIT_SG}s?|morning|afternoon|evening|night|"  # noqa: E501
              rf"{_WEEKDAY_RE}|{_MONTH_RE}|spring|summer|fall|autumn|winter)")  # fmt: skip
def _set(m: re.Match, ctx: _Ctx) -> Resolution | None:
    q, unit = m["q"].lower(), m["u"].lower().rstrip(".")
    if q in ("a", "an", "per") and (unit not in UNITS and unit.rstrip("s") not in UNITS or m["n"]):
        return None
    if unit in WEEKDAYS:
        return Resolution("SET", f"XXXX-WXX-{WEEKDAYS[unit]}", None, None, None, "day", "none")
    if unit in MONTHS:
        if not m["u"][0].isupper():
            return None
        return Resolution("SET", f"XXXX-{MONTHS[unit]:02d}", None, None, None, "month", "none")
    if unit in PARTS_OF_DAY:
        return Resolution("SET", f"T{PARTS_OF_DAY[unit]}", None, None, None, "day", "none")
    if unit in SEASONS:
        return Resolution("SET", f"XXXX-{SEASONS[unit]}", None, None, None, "season", "none")
    n: float | str = 1
    if m["n"]:
        n = 2 if m["n"].lower() == "other" else (parse_number(m["n"]) or 1)
    value, _ = _duration_value(n, unit)
    return Resolution("SET", value, None, None, None, _unit_of(unit)[2], "none")


_FREQ = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
         "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M",
         "semiannually": "P6M", "semi-annually": "P6M"}  # fmt: skip


@_rule("frequency", r"(?:daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly|biannually|semi-?annually)",
       flags=0, accept=lambda t, s, e: not re.match(r"\s+(?:newspaper|paper|magazine|publication|journal|[A-Z])", t[e:e + 14]))  # fmt: skip  # noqa: E501
def _frequency(m: re.Match, ctx: _Ctx) -> Resolution | None:
    word = m.group(0).lower()
    return Resolution("SET", _FREQ[word], None, None, None, None, "none")


_REF_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "the present": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "in the past": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the coming days": "FUTURE_REF",
    "the recent past": "PAST_REF", "once": "PAST_REF",
}  # fmt: skip


def _ref_ok(text: str, start: int, end: int) -> bool:
    word = text[start:end].lower()
    after = text[end:end + 25].lower()
    before = text[max(0, start - 20):start].lower()
    if word == "current" and re.match(r"\s+(?:account|accounts|events|affairs|issue|contract|law|system|rules?|"
                                      r"model|version|policy|form|level|rate|price|market)\b", after):  # fmt: skip
        return False
    if word == "the past" and re.match(r"\s+(?:\d|few|several|two|three|four|five|six|seven|eight|nine|ten|"
                                       r"decade|year|month|week|day|century)", after):  # fmt: skip
        return False
    if word == "future" and (re.match(r"\s+\w", after) and not re.match(r"\s+(?:of|is|was|and|will|,)\b", after)):
        return False
    if word == "now" and re.match(r",", after) and re.search(r"(?:^|[.!?:\n]\s*|[.!?]\s*[\"'`]+\s*|^[\"'`]+)$", before):
        return False  # a sentence opening with `Now,` turns the argument, it does not name a time
    if word.endswith(" term") and re.match(r"[- ]+(?!(?:and|or|but|as|is|was|will|if|when)\b)[a-z]", after):
        return False  # `the near term outlook`: a modifier
    if word == "now" and re.search(r"\b(?:from|until|till|by)\s+$", before):
        return True
    if word == "now" and re.match(r"\s*(?:that)\b", after):
        return True
    return word != "once"


@_rule("reference_word", r"(?:right now|just now|now|currently|current|the present|at present|presently|nowadays|"
                         r"the (?:near|short) term|"
                         r"these days|recently|lately|the recent past|the past|the near future|the future)",
       accept=_ref_ok)  # fmt: skip
def _reference_word(m: re.Match, ctx: _Ctx) -> Resolution | None:
    value = _REF_WORDS[" ".join(m.group(0).lower().split())]
    return Resolution("DATE", value, None, None, None, None, "publication" if ctx.ref is not None else "none",
                      0.0 if value == "PRESENT_REF" else None, 0.0 if value == "PRESENT_REF" else None)  # fmt: skip


@_rule("clock_time", r"(?P<h>\d{1,2})(?::(?P<mi>\d\d))? ?"
                     r"(?P<ampm>a\.m\.?|p\.m\.?|am|pm|o'clock)(?: (?P<tz>[A-Z]{2,4}T|GMT|UTC))?"
                     rf"(?:,? (?:on )?(?P<day>{_WEEKDAY_RE}|today|yesterday|tomorrow|{_MONTH_RE} \d{{1,2}}))?",
       flags=0)  # fmt: skip
def _clock_time(m: re.Match, ctx: _Ctx) -> Resolution | None:
    h = int(m["h"])
    mi = int(m["mi"] or 0)
    ampm = m["ampm"].lower()
    if h > 12 or mi > 59 or (h == 0 and "m" in ampm):
        return None
    if ampm.startswith("p") and h != 12:
        h += 12
    if ampm.startswith("a") and h == 12:
        h = 0
    clock = f"T{h:02d}:{mi:02d}"
    day: Resolution | None = None
    if m["day"]:
        sub = re.match(rf"(?P<dir>)(?P<w>{_WEEKDAY_RE})(?P<pod>)", m["day"])
        md = re.fullmatch(rf"(?P<dir>)(?P<m>{_MONTH_RE}) (?P<d>\d{{1,2}})", m["day"])
        if sub:
            day = _weekday_rule(sub, ctx)
        elif md:
            day = _month_day(md, ctx)
        else:
            day = _deictic_day(re.match(r"(?P<ba>)(?P<w>\w+)(?P<pod>)", m["day"]), ctx)  # type: ignore[arg-type]
    elif (last_day := next((r for r in reversed(ctx.history) if r.granularity == "day" and r.on_calendar), None)):
        day = last_day  # a clock time belongs to the last day the article named
    elif ctx.ref is not None:
        day = _calendar(_day(ctx.ref), anchor="publication", ctx=ctx)
    if day is None or not day.value:
        return Resolution("TIME", "XXXX-XX-XX" + clock, None, None, None, "minute", "none")
    return replace(day, type="TIME", value=day.value.split("T")[0] + clock, granularity="minute")


@_rule("noon", rf"(?P<w>noon|midday|midnight)(?: (?P<day>{_WEEKDAY_RE}|today|yesterday|tomorrow))?",
       flags=re.IGNORECASE)
def _noon(m: re.Match, ctx: _Ctx) -> Resolution | None:
    clock = "T24:00" if m["w"].lower() == "midnight" else "T12:00"
    day: Resolution | None = None
    if m["day"]:
        sub = re.match(rf"(?P<dir>)(?P<w>{_WEEKDAY_RE})(?P<pod>)", m["day"])
        day = _weekday_rule(sub, ctx) if sub else _deictic_day(re.match(r"(?P<ba>)(?P<w>\w+)(?P<pod>)", m["day"]), ctx)  # type: ignore[arg-type]
    elif ctx.ref is not None:
        day = _calendar(_day(ctx.ref), anchor="publication", ctx=ctx)
    if day is None or not day.value:
        return Resolution("TIME", "XXXX-XX-XX" + clock, None, None, None, "minute", "none")
    return replace(day, type="TIME", value=day.value.split("T")[0] + clock, granularity="minute")


@_rule("edge_of_unit", r"(?P<edge>the (?:beginning|start|middle|end|close) of|early|late|mid-?)(?: the)? "
                       r"(?P<u>year|month|week|decade|century|quarter)")  # fmt: skip
def _edge_of_unit(m: re.Match, ctx: _Ctx) -> Resolution | None:
    if ctx.ref is None:
        return None
    gran = m["u"].lower()
    base = ctx.previous if (ctx.previous is not None and ctx.previous.granularity == gran
                            and ctx.previous.on_calendar) else None  # fmt: skip
    d = _to_date(base.interval_start) if base is not None else ctx.ref
    anchor = "previous" if base is not None else "publication"
    return _calendar(_period_at(d, gran), anchor=anchor, mod=_edge_mod(m["edge"]), ctx=ctx)  # type: ignore[arg-type]


@_rule("since_year_end", r"year-end|year's end|(?:the )?end of the year")
def _year_end(m: re.Match, ctx: _Ctx) -> Resolution | None:
    """`year-end` is the closing day of a year (the last one in a past-tense clause, `since year-end`);
    `the end of the year` is the end of the reference year (mod END)."""
    if ctx.ref is None:
        return None
    if m.group(0).lower().startswith("year"):
        y = ctx.ref.year - 1 if _tense(ctx) == "past" else ctx.ref.year
        return _calendar(_day(date(y, 12, 31)), anchor="publication", ctx=ctx)
    return _calendar(_year(ctx.ref.year), anchor="publication", mod="END", ctx=ctx)


# --- finding and resolving ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    """A temporal expression found in a text: character span and the rule that matched it."""

    start: int
    end: int
    text: str
    rule: str


def _matches(text: str) -> Iterator[tuple[int, int, int, Rule, re.Match]]:
    """Every non-empty match of every rule, rule by rule in priority order; each rule is tried only at the
    word starts its matches can begin with (a third of the time of scanning the text once per rule)."""
    starts = WordStarts(text)
    lowered = text.lower()
    for priority, rule in enumerate(_RULES):
        if rule.required is not None and not any(literal in lowered for literal in rule.required):
            continue
        if rule.prefixes is None:
            found: Iterator[re.Match] = rule.pattern.finditer(text)
        else:
            found = finditer_at(rule.pattern, text, starts.positions(rule.prefixes))
        for m in found:
            if m.end() > m.start():
                yield m.start(), m.end(), priority, rule, m


def find_timexes(text: str, *, context_filters: bool = True) -> list[Candidate]:
    """Temporal expressions in `text`, longest first where they overlap, in text order.
    `context_filters` applies each rule's check of the surrounding words (off when reading one expression)."""
    found: list[tuple[int, int, int, Rule, re.Match]] = []
    probe = _Ctx(date(2000, 6, 15), None, None, "past", "reference")
    for start, end, priority, rule, m in _matches(text):
        if context_filters and rule.accept is not None and not rule.accept(text, start, end):
            continue
        try:
            readable = rule.handler(m, probe) is not None
        except (ValueError, OverflowError, KeyError, TypeError, AssertionError, IndexError, AttributeError):
            readable = False
        if readable:
            found.append((start, end, priority, rule, m))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[2], f[0]))
    taken: list[tuple[int, int, Rule]] = []
    for start, end, _, rule, _m in found:
        if any(start < e and s < end for s, e, _r in taken):
            continue
        taken.append((start, end, rule))
    taken.sort(key=lambda t: t[0])
    return [Candidate(s, e, text[s:e], r.name) for s, e, r in taken]


def _normalise_text(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u2019", "'").replace("\u2013", "-").split())


def resolve_timex(
    text: str,
    reference: pd.Timestamp | date | str | None,
    *,
    tense: str | None = None,
    previous: Resolution | Sequence[Resolution] | None = None,
    default_tense: str = "past",
    same_weekday_past: str = "reference",
) -> Resolution:
    """Normalise one temporal expression against the `reference` (publication) date.

    `tense` is the tense of the governing verb (`past`, `present`, `future`, or None: `default_tense`);
    `previous` is the resolution of the previous date of the article, for `two weeks later` (or all the
    article's earlier resolutions in order, the last being the previous one: `the quarter` and `a year
    earlier` in a results report refer to the quarter the article is about);
    `same_weekday_past` says what a weekday equal to the reference day's weekday means in a past-tense
    clause (`reference`: that day, as news wire usage has it; `previous_week`: seven days before).
    Never raises: text that no rule reads gives a Resolution with `value=None`."""
    try:
        return _resolve(text, reference, tense, previous, default_tense, same_weekday_past)
    except (ValueError, OverflowError, KeyError, TypeError, AssertionError, IndexError, AttributeError):
        return UNRESOLVED


def _resolve(text, reference, tense, previous, default_tense, same_weekday_past) -> Resolution:
    clean = _normalise_text(text or "")
    if not clean:
        return UNRESOLVED
    ctx = _context(reference, tense, previous, default_tense, same_weekday_past)
    # the whole text read by one rule, else its longest readable part
    best: tuple[int, int, Rule, re.Match] | None = None
    for start, end, priority, rule, m in _matches(clean):
        if start == 0 and end == len(clean):
            res = rule.handler(m, ctx)
            if res is not None:
                return _checked(res)
        if best is None or (end - start, -priority) > (best[1] - best[0], -_RULES.index(best[2])):
            res = rule.handler(m, ctx)
            if res is not None:
                best = (start, end, rule, m)
    if best is None:
        return UNRESOLVED
    return _checked(best[2].handler(best[3], ctx) or UNRESOLVED)


def resolve_in_text(
    text: str,
    start: int,
    end: int,
    reference: pd.Timestamp | date | str | None,
    *,
    rule: str | None = None,
    tense: str | None = None,
    previous: Resolution | Sequence[Resolution] | None = None,
    default_tense: str = "past",
    same_weekday_past: str = "reference",
) -> Resolution:
    """Like `resolve_timex` for the expression at `text[start:end]` found by rule `rule`, read where it stands
    (`for weeks` is a duration because of the `for` before it). Falls back to `resolve_timex` on the span."""
    options = {"tense": tense, "previous": previous, "default_tense": default_tense,
               "same_weekday_past": same_weekday_past}  # fmt: skip
    found = _rule_named(rule)
    if found is not None:
        m = found.pattern.match(text, start)
        if m is not None and m.end() == end:
            try:
                ctx = _context(reference, tense, previous, default_tense, same_weekday_past)
                res = found.handler(m, ctx)
            except (ValueError, OverflowError, KeyError, TypeError, AssertionError, IndexError, AttributeError):
                res = None
            if res is not None:
                return _checked(res)
    return resolve_timex(text[start:end], reference, **options)


def _rule_named(name: str | None) -> Rule | None:
    return _rules_by_name().get(name)  # type: ignore[arg-type]


@cache
def _rules_by_name() -> dict[str, Rule]:
    """The registered rules by name (built at first use, when every rule is registered)."""
    return {rule.name: rule for rule in reversed(_RULES)}  # the first of a name wins, as in `_RULES` order


def _context(reference, tense, previous, default_tense, same_weekday_past) -> _Ctx:  # noqa: ANN001
    if isinstance(previous, Resolution) or previous is None:
        history: tuple[Resolution, ...] = (previous,) if previous is not None else ()
    else:
        history = tuple(r for r in previous if isinstance(r, Resolution))
    return _Ctx(_to_date(reference), tense if tense in TENSES else None, history[-1] if history else None,
                default_tense if default_tense in TENSES else "past", same_weekday_past, history)  # fmt: skip


def _checked(res: Resolution) -> Resolution:
    """Guarantee the invariants: both interval ends or neither, start <= end; offsets ordered."""
    start, end = res.interval_start, res.interval_end
    if start is None or end is None or pd.isna(start) or pd.isna(end):
        start = end = None
    elif start > end:
        start, end = end, start
    o1, o2 = res.offset_start, res.offset_end
    if o1 is not None and o2 is not None and o1 > o2:
        o1, o2 = o2, o1
    if res.type not in TYPES:
        res = replace(res, type="DATE")
    if (start, end, o1, o2) == (res.interval_start, res.interval_end, res.offset_start, res.offset_end):
        return res  # already whole (the usual case): no copy
    return replace(res, interval_start=start, interval_end=end, offset_start=o1, offset_end=o2)


def context_ok(text: str, start: int, end: int, rule_name: str) -> bool:
    """Whether rule `rule_name` accepts the expression at `start:end` given the words around it in `text`."""
    for rule in _RULES:
        if rule.name == rule_name:
            return rule.accept is None or bool(rule.accept(text, start, end))
    return True


def rule_names() -> list[str]:
    """Names of the rules in priority order (for documentation and tests)."""
    return [rule.name for rule in _RULES]
