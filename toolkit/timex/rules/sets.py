"""Sets (recurring times): `every morning`, `each Thursday`, `every Monday night`, `on Sundays`, `every other
week`, `twice a year`, `annually`, `daily`."""

from __future__ import annotations

import re

from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import MONTH_RE, MONTHS, PARTS_OF_DAY, SEASONS, WEEKDAY_RE, WEEKDAYS
from toolkit.timex.numbers import NUM_RE, parse_number
from toolkit.timex.resolution import Context, Resolution
from toolkit.timex.units import UNIT_SG_RE, UNITS, duration_value, unit_of

FREQUENCIES = {"daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
               "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H", "biweekly": "P2W", "biannually": "P6M",
               "semiannually": "P6M", "semi-annually": "P6M"}  # fmt: skip


def rate_ok(text: str, start: int, end: int) -> bool:
    """`a day`/`per year` is a set only after a count or an amount (`twice a day`, `$5 a year`)."""
    if not re.match(r"(?:a|an|per)\b", text[start:end], re.I):
        return True
    return re.search(r"(?:times|once|twice|thrice|\d|percent|%|cents?|dollars?|million|billion)\s*$",
                     text[max(0, start - 30):start], re.I) is not None  # fmt: skip


@rule("set", rf"(?P<q>every|each) (?:(?P<n>other|{NUM_RE}) )?(?P<u>{UNIT_SG_RE}s?|morning|afternoon|evening|night|"
             rf"{WEEKDAY_RE}|{MONTH_RE}|spring|summer|fall|autumn|winter)",
      accept=rate_ok,
      examples=(Example("every morning", "TMO", type="SET"), Example("each Thursday", "XXXX-WXX-4", type="SET"),
                Example("every year", "P1Y", type="SET"), Example("every other week", "P2W", type="SET")))  # fmt: skip
def set_(m: re.Match, ctx: Context) -> Resolution | None:
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
    value, _ = duration_value(n, unit)
    return Resolution("SET", value, None, None, None, unit_of(unit)[2], "none")


@rule("frequency", r"(?:daily|nightly|weekly|monthly|annually|yearly|hourly|biweekly|biannually|semi-?annually)",
      flags=0, accept=lambda t, s, e: not re.match(r"\s+(?:newspaper|paper|magazine|publication|journal|[A-Z])", t[e:e + 14]),  # noqa: E501
      examples=(Example("annually", "P1Y", type="SET"), Example("leads we check on a daily basis", "P1D", type="SET",
                                                                span="daily")))  # fmt: skip
def frequency(m: re.Match, ctx: Context) -> Resolution | None:
    return Resolution("SET", FREQUENCIES[m.group(0).lower()], None, None, None, None, "none")


_WEEKDAY_PLURAL_RE = r"(?:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays)"
_POD_RE = r"(?:morning|afternoon|evening|night)"


@rule("weekday_set", rf"(?:(?:every|each) (?P<w>{WEEKDAY_RE})(?: (?P<pod>{_POD_RE}))?|"
                     rf"(?P<wp>{_WEEKDAY_PLURAL_RE})(?: (?P<pods>{_POD_RE})s)?|"
                     rf"(?P<w2>{WEEKDAY_RE}) (?P<pods2>{_POD_RE})s)",
      flags=0, accept=lambda t, s, e: not re.match(r" [A-Z]", t[e:e + 2]),
      examples=(Example("The club meets every Monday night.", "XXXX-WXX-1TNI", type="SET", span="every Monday night"),
                Example("The shop is closed on Sundays.", "XXXX-WXX-7", type="SET", span="Sundays"),
                Example("flights leave on Tuesday nights", "XXXX-WXX-2TNI", type="SET",
                        span="Tuesday nights")))  # fmt: skip
def weekday_set(m: re.Match, ctx: Context) -> Resolution | None:
    """A weekday that recurs, with its part of the day: `every Monday night`, `on Sundays`, `Tuesday
    nights` (the weekday rule alone would read one day of them; `every Monday` is read by `set`)."""
    day = (m["w"] or m["w2"] or m["wp"][:-1]).lower().rstrip(".")
    pod = m["pod"] or m["pods"] or m["pods2"]
    if m["w"] and not pod:
        return None
    value = f"XXXX-WXX-{WEEKDAYS[day]}" + (f"T{PARTS_OF_DAY[pod]}" if pod else "")
    return Resolution("SET", value, None, None, None, "day", "none")


@rule("times_per_unit", rf"(?P<f>once|twice|thrice|(?:{NUM_RE}|several|many) times) (?:a|an|per|each|every) "
                        rf"(?P<u>{UNIT_SG_RE})",
      examples=(Example("They train three times a week.", "P1W", type="SET", span="three times a week"),
                Example("The board meets twice a year.", "P1Y", type="SET", span="twice a year"),
                Example("The bus runs once an hour", "PT1H", type="SET", span="once an hour")))  # fmt: skip
def times_per_unit(m: re.Match, ctx: Context) -> Resolution | None:
    """A frequency of times in a unit (`twice a year`, `three times a week`): a set of that unit."""
    value, _ = duration_value(1, m["u"])
    return Resolution("SET", value, None, None, None, unit_of(m["u"])[2], "none")
