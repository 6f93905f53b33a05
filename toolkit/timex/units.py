"""Units of time: their words, TIMEX3 letters and lengths, and the durations built from them."""

from __future__ import annotations

import re
from datetime import date, timedelta

from toolkit.timex.calendar import shift
from toolkit.timex.numbers import format_number
from toolkit.timex.resolution import Context, Resolution, timestamp

# unit word -> (TIMEX3 letter, is a time unit, granularity name)
UNITS = {
    "second": ("S", True, "second"), "sec": ("S", True, "second"), "minute": ("M", True, "minute"),
    "min": ("M", True, "minute"), "hour": ("H", True, "hour"), "hr": ("H", True, "hour"),
    "day": ("D", False, "day"), "night": ("D", False, "day"), "week": ("W", False, "week"),
    "weekend": ("WE", False, "week"), "fortnight": ("W", False, "week"), "month": ("M", False, "month"),
    "quarter": ("Q", False, "quarter"), "year": ("Y", False, "year"), "yr": ("Y", False, "year"),
    "decade": ("DE", False, "decade"), "century": ("CE", False, "century"),
}  # fmt: skip
# days in one unit of a TIMEX3 letter (`M_t`: the minute, as `M` is the month)
DAYS_PER = {"S": 1 / 86400, "M_t": 1 / 1440, "H": 1 / 24, "D": 1, "W": 7, "WE": 2, "M": 30.44, "Q": 91.31,
            "Y": 365.25, "DE": 3652.5, "CE": 36525.0}  # fmt: skip
UNIT_RE = (r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|nights?|weeks?|weekends?|fortnights?|months?"
           r"|quarters?|years?|yrs?|decades?|century|centuries)")  # fmt: skip
UNIT_SG_RE = r"(?:second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century)"
# the next smaller unit the fraction of a quantity is written in, and how many of it make one
_SMALLER = {"Y": ("M", 12), "Q": ("M", 3), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("M", 60),
            "M_t": ("S", 60)}  # fmt: skip


def unit_of(word: str) -> tuple[str, bool, str]:
    """TIMEX3 letter, whether a time unit, granularity of a unit word (`years`, `centuries`, `hrs.`)."""
    w = word.lower().rstrip(".")
    if w == "centuries":
        w = "century"
    elif w.endswith("s") and w[:-1] in UNITS:
        w = w[:-1]
    return UNITS[w]


def duration_value(n: float | str, unit_word: str, *, whole_units: bool = False) -> tuple[str, float | None]:
    """TIMEX3 duration value and its length in days (None when the quantity is unknown). A fraction of one
    unit is written in the next smaller one (`half an hour` PT30M), a larger quantity with its decimal
    (`two and a half years` P2.5Y), or in whole units of two sizes when `whole_units` (`a minute and a
    half` PT1M30S, `a year and a half` P1Y6M, as TimeML writes them)."""
    letter, is_time, _ = unit_of(unit_word)
    if letter == "WE":
        letter = "W"
    if letter in ("DE", "CE"):  # decades and centuries are written in years (P20Y); quarters keep Q (P2Q)
        factor, letter = {"DE": (10, "Y"), "CE": (100, "Y")}[letter]
        n = n if isinstance(n, str) else n * factor
    if isinstance(n, str):
        return ("PT" if is_time else "P") + n + letter, None
    days = n * DAYS_PER["M_t" if (is_time and letter == "M") else letter]
    whole, fraction = divmod(float(n), 1.0)
    key = "M_t" if (is_time and letter == "M") else letter
    if fraction and key in _SMALLER and (whole == 0 or whole_units):
        small, factor = _SMALLER[key]
        smaller_is_time = is_time or (letter == "D" and small == "H")
        part = format_number(fraction * factor)
        if whole == 0:
            return ("PT" if smaller_is_time else "P") + part + small, days
        if float(fraction * factor).is_integer():
            if smaller_is_time and not is_time:  # a day and a half: P1DT12H
                return f"P{format_number(whole)}{letter}T{part}{small}", days
            return ("PT" if is_time else "P") + f"{format_number(whole)}{letter}{part}{small}", days
    return ("PT" if is_time else "P") + format_number(n) + letter, days


def duration_to_reference(value: str, days: float | None, gran: str, ctx: Context, *, ending: bool,
                          mod: str | None = None) -> Resolution:  # fmt: skip
    """A duration that ends (or starts) at the reference date: `the past two years`, `15-month uprising`."""
    if days is None:
        return Resolution("DURATION", value, mod, None, None, gran, "none")
    span = -days if ending else days
    if ctx.ref is None:
        return Resolution("DURATION", value, mod, None, None, gran, "publication",
                          min(span, 0.0), max(span, 0.0))  # fmt: skip
    try:
        other = duration_edge(ctx.ref, value, -1 if ending else 1)
    except (OverflowError, ValueError):
        return Resolution("DURATION", value, mod, None, None, gran, "publication", min(span, 0.0), max(span, 0.0))
    start, end = (other, ctx.ref) if ending else (ctx.ref, other)
    return Resolution("DURATION", value, mod, timestamp(start), timestamp(end), gran, "publication",
                      float((start - ctx.ref).days), float((end - ctx.ref).days))  # fmt: skip


def duration_edge(ref: date, value: str, sign: int) -> date:
    """The day a duration `value` reaches from `ref`, backwards (`sign` -1) or forwards."""
    m = re.fullmatch(r"P(T?)(\d+(?:\.\d+)?)([A-Z]+)", value)
    if not m:
        raise ValueError(value)
    n, letter = float(m[2]), m[3]
    if m[1]:  # hours, minutes: within the day
        return ref + timedelta(days=sign * int(n * DAYS_PER["H" if letter == "H" else "M_t"]))
    return shift(ref, sign * n, letter)


def unit_not_a_name(text: str, start: int, end: int) -> bool:
    """`60 Minutes`, `This Week With David Brinkley`: a capitalised unit word after the first is a title,
    unless the whole line is written in capitals or capitalised words (a headline: `Stocks Fall In The Past
    Week`, `LAST WEEK`)."""
    words = text[start:end].split()
    if not any(w[:1].isupper() and re.match(UNIT_RE + "$", w, re.I) for w in words[1:]):
        return True
    return in_a_headline(text, start, end)


def in_a_headline(text: str, start: int, end: int) -> bool:
    """Whether `start:end` stands in a line of capitals or of capitalised words (three or more of them)."""
    if text[start:end].isupper():
        return True
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", line) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
