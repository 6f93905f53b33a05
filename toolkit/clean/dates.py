"""Dates in datelines: the patterns of a date-only line, of a month and year alone, of a wire dateline
prefix (`CLEVELAND, Feb 26 - `), and the full date a dateline states."""

from __future__ import annotations

import re

import pandas as pd

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?"
TIME = r"\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}T?)?"
DATE_CORE = (
    r"(?:"
    + WEEKDAY
    + r",?\s+)?(?:"
    + MONTH
    + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?(?:\s+(?P<year>\d{4}))?"
    r"|(?P<day2>\d{1,2})(?:st|nd|rd|th)?\s+"
    + MONTH.replace("month", "month2")
    + r",?(?:\s+(?P<year2>\d{4}))?"
    r"|(?P<iso>\d{4}-\d{2}-\d{2}))"
)
# A line that is only a date (with an optional label, time and time zone): `Friday, January 4, 2019`,
# `1:39 am EST, Wednesday, November 20, 2019`, `Published: 20 Nov 2019 10:05`.
# A date with an optional clock time before or after it, to the end of the line.
DATE_TO_END = r"(?:" + TIME + r",?\s*)?" + DATE_CORE + r"(?:,?\s*(?:at\s+)?" + TIME + r")?\s*$"
DATE_LINE = re.compile(r"^(?:(?:updated|published|posted|last updated|date)\s*:?\s*)?" + DATE_TO_END, re.IGNORECASE)
# A byline that carries the date (`By Sarah Needleman September 15, 2014`, `by Regan September 15, 2014`,
# `By Jane Doe | Sept. 3, 2019`, `Posted by admin on March 3, 2018`): the article's dateline.
BYLINE_DATE = re.compile(
    r"^(?:(?:posted|written|published)\s+)?by\s+(?P<name>\w[\w.'-]*(?:\s+(?-i:[A-Z])[\w.'-]*){0,3}?)"
    r"(?:\s*[,|·•–—-]\s*|\s+)(?:(?:on|updated|published)\s*:?\s+)?" + DATE_TO_END,
    re.IGNORECASE,
)
# A month and a year alone, as archive links list them (`November 2019`, `Nov 2019 (12)`).
MONTH_YEAR = re.compile(r"^" + MONTH.replace("(?P<month>", "(?:") + r",?\s+\d{4}(?:\s*\(\d+\))?$", re.I)
# The date an archive or a list of headlines gives after each one (`Hodge Returns To Ewood Park (Wednesday
# January 9 2008)`): a number of a sidebar, not of a table.
TRAILING_DATE = re.compile(r"\s*[(\[]" + DATE_CORE + r"[)\]]$", re.IGNORECASE)
# A wire-style dateline at the start of a paragraph: `CLEVELAND, Feb 26 - `, `LONDON (Reuters) - `.
DATELINE_PREFIX = re.compile(
    r"^(?P<dateline>[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?"
    r"(?:,\s*(?i:"
    + MONTH.replace("(?P<month>", "(?:")
    + r"\s+\d{1,2}(?:,\s*\d{4})?))?(?:\s*\([A-Za-z ]+\))?)"
    r"\s+[-–—]+\s+(?=\S)"
)


def is_date_line(text: str) -> bool:
    """A line that only dates the article: a date line or a byline with the date."""
    return bool(DATE_LINE.match(text) or BYLINE_DATE.match(text))


def parse_dateline_date(text: str) -> pd.Timestamp:
    """The full date of a dateline (`Friday, January 4, 2019` -> 2019-01-04); NaT without day and year."""
    match = DATE_LINE.match(text.strip()) or re.search(DATE_CORE, text, re.IGNORECASE)
    if not match:
        return pd.NaT
    groups = match.groupdict()
    try:
        if groups.get("iso"):
            return pd.Timestamp(groups["iso"])
        month = groups.get("month") or groups.get("month2")
        day = groups.get("day") or groups.get("day2")
        year = groups.get("year") or groups.get("year2")
        if not (month and day and year):
            return pd.NaT
        return pd.Timestamp(year=int(year), month=MONTHS[month.lower().rstrip(".")], day=int(day))
    except (ValueError, KeyError):
        return pd.NaT
