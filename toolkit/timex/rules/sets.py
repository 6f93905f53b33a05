"""Sets (recurring times): `every morning`, `each Thursday`, `every other week`, `annually`, `daily`."""

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
