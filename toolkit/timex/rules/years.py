"""Years, decades and centuries: `1999`, `fiscal 1998`, `nineteen ninety-four`, `the 1990s`, `the 20th
century`, `2009-2010`."""

from __future__ import annotations

import re

from toolkit.timex import calendar as cal
from toolkit.timex.engine import Example, rule
from toolkit.timex.lexicon import EDGE_RE, YEAR_RE, edge_mod
from toolkit.timex.numbers import ORDINAL_WORD_RE, SPOKEN_YEAR_RE, ordinal_number, spoken_year_number
from toolkit.timex.resolution import Context, Resolution

_CLOCK_ZONE = re.compile(r"\s*(?:utc|gmt|hours|hrs|local time|[ecmp][sd]t\b|ist\b|cet\b|z\b)", re.IGNORECASE)


def is_clock_time(text: str, start: int, end: int) -> bool:
    """Four digits followed by a time zone or `hours` are a clock time (`1700 UTC`), never a year."""
    return bool(re.fullmatch(r"\d{4}", text[start:end])) and bool(_CLOCK_ZONE.match(text, end))


# Words before a bare number that make it a year: prepositions of time, determiners and possessives (`the
# 1992 protests`, `its 1998 budget`), edges of a period and words that name a year.
_YEAR_CUES = frozenset({
    "in", "since", "by", "until", "till", "from", "to", "through", "between", "during", "before", "after", "for",
    "of", "into", "and", "or", "around", "circa", "c.", "early", "late", "mid", "mid-", "year", "the", "a", "an",
    "its", "his", "her", "their", "our", "this", "that", "last", "next", "fiscal", "calendar", "season", "summer",
    "spring", "autumn", "fall", "winter", "throughout", "than", "as", "on", "beyond", "past", "due", "post", "pre",
})  # fmt: skip
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their", "our", "this", "that", "whose"})
_COUNTED = re.compile(r"\s*(?:percent|per cent|people|members|shares|points|troops|soldiers|km|miles|feet|tons|"
                      r"units|cars|jobs|men|women|employees|residents|votes|dollars|[mbr]illions?\b)")  # fmt: skip
# A lower-case word ending in -s after the number: a plural noun it counts (`1846 persons`, `2000 troops`).
_PLURAL_AFTER = re.compile(r"\s+(?!(?:was|is|has|this|thus|its|as|us|plus|across|less|unless|whereas|always|"
                           r"perhaps|afterwards|towards|besides|yes)\b)[a-z][a-z-]*[a-z][^s\W]?s\b")  # fmt: skip
# A lower-case singular word after it, which no number counts: the year as a modifier (`the 1996 campaign`).
_SINGULAR_AFTER = re.compile(r"\s+(?!(?:was|were|had|and|or|but|the|to|of|in|on|at|by|for|with|from|more|new|"
                             r"other|additional|extra|fewer|less|than|per|each|an?|m|km|kg|ft)\b)"
                             r"[a-z][a-z-]*[a-rt-z]\b")  # fmt: skip
_OTHER_YEAR = rf"{YEAR_RE}|'\d\d"


def _word_before(text: str, start: int) -> str:
    found = re.search(r"([\w.'-]+)[\s(]*$", text[max(0, start - 20):start])
    return found.group(1).lower() if found else ""


def _year_ok(text: str, start: int, end: int) -> bool:
    """A bare four-digit number is a year only when its context says so: a preposition, determiner or
    edge word before it (`in 1998`, `the 1992 protests`, `early 2011`, `post-1959`), a singular noun after it
    (`his 1996 campaign`), another year beside it (`1994,
    1995`, `1998 and 1999`); never an amount, a count (`1846 persons`,
    `2000 troops`: a plural noun after it with no determiner before), a code or a clock time."""
    after = text[end:end + 20]
    before = text[max(0, start - 12):start].lower()
    if _COUNTED.match(after.lower()) or is_clock_time(text, start, end):
        return False
    if re.search(r"(?:no\.|number|flight|route|room|\bat|rose|fell|to|by|of)\s*$", before) and re.match(r"\s*(?:[,.]\d)", after):  # noqa: E501
        return False
    if re.search(r"\d,?$|\d\.$", before):
        return False
    if not text[start:start + 1].isdigit():
        return True  # `fiscal 1998`, `early 2011`: the rule's own words say it
    word = _word_before(text, start)
    if word.endswith("-"):
        return True  # `post-1959`, `mid-1998`
    if _PLURAL_AFTER.match(after):
        return word in _DETERMINERS or word.endswith("'s")
    if word in _YEAR_CUES or word.endswith("'s") or _SINGULAR_AFTER.match(after):
        return True
    if re.search(rf"(?:{_OTHER_YEAR})\s*(?:,|and|or|to|-|–)\s*$", text[max(0, start - 14):start]):
        return True
    return bool(re.match(rf"\s*(?:,|and|or|to|-|–)\s*(?:{_OTHER_YEAR})", after))


@rule("year_decade", rf"(?:the )?(?:(?P<edge>{EDGE_RE}) ?)?(?:the )?(?P<y>1[0-9]\d0|20\d0|'\d0)'?s",
      examples=(Example("the 1990s", "199"), Example("the mid-1990s", "199", mod="MID"), Example("the 1800s", "18"),
                Example("in the '80s", "198", span="the '80s")))  # fmt: skip
def year_decade(m: re.Match, ctx: Context) -> Resolution | None:
    y = m["y"]
    if y.startswith("'"):
        first = int(y[1:]) + (1900 if int(y[1:]) > 20 else 2000)
    else:
        first = int(y)
    if first % 100 == 0 and first < 2000:  # "the 1800s" is a century; "the 2000s" is usually read as a decade
        return cal.period_resolution(cal.century(first), anchor="explicit", mod=edge_mod(m["edge"]))
    return cal.period_resolution(cal.decade(first), anchor="explicit", mod=edge_mod(m["edge"]))


@rule("year", rf"(?:(?P<fiscal>fiscal|calendar|FY|fy) )?(?:(?P<edge>{EDGE_RE}) ?)?(?P<y>{YEAR_RE})(?!s\b|'s\b)",
      accept=_year_ok,
      examples=(Example("early 2011", "2011", mod="START"), Example("in fiscal 1998", "1998", span="fiscal 1998"),
                Example("The bridge opened in 1700, and again at 0930 GMT.", "1700", span="1700"),
                Example("the 1992 protests", "1992", span="1992"),
                Example("Profit fell in 1998 and 1999.", "1999", span="1999")))  # fmt: skip
def year(m: re.Match, ctx: Context) -> Resolution | None:
    return cal.period_resolution(cal.year(int(m["y"])), anchor="explicit", mod=edge_mod(m["edge"]))


_SHORT_YEAR_CUES = frozenset({
    "in", "since", "by", "until", "till", "from", "through", "during", "before", "after", "of", "class", "early",
    "late", "mid", "summer", "spring", "autumn", "fall", "winter",
})  # fmt: skip


@rule("short_year", r"['’‘](?P<yy>\d\d)(?![\d'’])",
      accept=lambda t, s, e: _word_before(t, s) in _SHORT_YEAR_CUES and not re.match(r" [A-Z]", t[e:e + 2]),
      examples=(Example("Nikkei at lowest level since '82\nOn Monday", "1982", dct="2008-10-27", span="'82"),
                Example("the class of ’09", "2009", dct="2012-06-22", span="’09"),
                Example("since '82", "XX82", span="'82")))  # fmt: skip
def short_year(m: re.Match, ctx: Context) -> Resolution | None:
    """A year written with its last two digits after a word of time (`since '82`): of the reference's
    century when not after the reference year, else of the century before."""
    yy = int(m["yy"])
    if ctx.ref is None:  # no century without a reference
        return Resolution("DATE", f"XX{yy:02d}", None, None, None, "year", "none")
    y = ctx.ref.year - ctx.ref.year % 100 + yy
    if y > ctx.ref.year:
        y -= 100
    return cal.period_resolution(cal.year(y), anchor="publication", ctx=ctx)


@rule("spoken_year", rf"(?:the year )?{SPOKEN_YEAR_RE}",
      accept=lambda t, s, e: not re.match(r"\s*(?:percent|people|dollars|of|million|billion|thousand)\b",
                                          t[e:e + 12].lower()),
      examples=(Example("in nineteen ninety-four", "1994", span="nineteen ninety-four"),
                Example("the year two thousand", "2000"), Example("two thousand six", "2006")))  # fmt: skip
def spoken_year(m: re.Match, ctx: Context) -> Resolution | None:
    """Years as broadcast transcripts spell them: `nineteen ninety-four`, `the year two thousand`."""
    if not m.group(0).lower().startswith("the year") and not m["c"] and not m["tail"]:
        return None  # a bare "two thousand" is a number
    number = spoken_year_number(m["c"], m["rest"], m["tail"])
    return None if number is None else cal.period_resolution(cal.year(number), anchor="explicit")


@rule("ordinal_century", rf"(?:the )?(?:(?P<edge>{EDGE_RE})[- ]?)?"
                         rf"(?P<o>\d{{1,2}}(?:st|nd|rd|th)|{ORDINAL_WORD_RE})[- ]century",
      accept=lambda t, s, e: not re.match(r" [A-Z]", t[e:e + 2]),
      examples=(Example("the 20th century", "19"), Example("the early nineteenth century", "18", mod="START")))
def ordinal_century(m: re.Match, ctx: Context) -> Resolution | None:
    """`the 20th century` (TIMEX3 value `19`), `the early nineteenth century`; not a name (`20th Century Fox`)."""
    n = ordinal_number(m["o"])
    if not 1 <= n <= 22:
        return None
    return cal.period_resolution(cal.century((n - 1) * 100), anchor="explicit", mod=edge_mod(m["edge"]))


def _range_end(start: int, end_text: str) -> int:
    """The last year of a range from `start` written `1998-99` or `1998-2001`."""
    return int(end_text) if len(end_text) == 4 else start - start % 100 + int(end_text)


@rule("range_years", rf"(?P<a>{YEAR_RE})(?=[-–](?P<b>{YEAR_RE}|\d\d)(?![\w-]))", hyphen_after=True,
      examples=(Example("2009-2010", "2009", span="2009"), Example("the 1998-99 season", "1998", span="1998")))
def range_years(m: re.Match, ctx: Context) -> Resolution | None:
    """The first year of a range (`the 1998-99 season`): TimeML annotates each year of it as a date."""
    a = int(m["a"])
    if _range_end(a, m["b"]) <= a:
        return None
    return cal.period_resolution(cal.year(a), anchor="explicit")


@rule("range_end_year", rf"(?<=(?P<a>{YEAR_RE})[-–])(?P<b>{YEAR_RE}|\d\d)(?!-)",
      examples=(Example("2009-2010", "2010", span="2010"),
                Example("the 1998-99 season", "1999", span="99")))  # fmt: skip
def range_end_year(m: re.Match, ctx: Context) -> Resolution | None:
    """The last year of a range (`the 1998-99 season`, `2010-2012`)."""
    a = int(m["a"])
    b = _range_end(a, m["b"])
    return cal.period_resolution(cal.year(b), anchor="explicit") if b > a else None
