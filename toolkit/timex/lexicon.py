"""The words of temporal expressions: months, weekdays, seasons, parts of the day, modifiers, and the
regular-expression pieces the rules are written with."""

from __future__ import annotations

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
FULL_MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december"}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3, "thursday": 4,
    "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}  # fmt: skip
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}

MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?)"
)
WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Mon\.|Tues?\.|Wed\.|Thu(?:rs)?\.|Fri\.|Sat\.|Sun\.)"  # noqa: E501
YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)"

# a quantifier before a quantity -> the TIMEX3 mod it gives (None: no mod)
APPROX = {
    "about": "APPROX", "around": "APPROX", "approximately": "APPROX", "roughly": "APPROX", "some": "APPROX",
    "nearly": "EQUAL_OR_LESS", "almost": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS", "less than": "LESS_THAN",
    "under": "LESS_THAN", "fewer than": "LESS_THAN", "more than": "MORE_THAN", "over": "MORE_THAN",
    "at least": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "just over": "MORE_THAN", "just under": "LESS_THAN", "well over": "MORE_THAN", "only": None, "just": None,
}  # fmt: skip
APPROX_RE = (r"(?:about|around|approximately|roughly|nearly|almost|up to|less than|fewer than|more than|"
             r"just over|just under|well over|over|under|at least|at most|no more than|only|just)")  # fmt: skip
# a word for a part of a period -> the TIMEX3 mod
EDGE = {"early": "START", "beginning of": "START", "start of": "START", "the beginning of": "START",
        "the start of": "START", "mid": "MID", "middle of": "MID", "the middle of": "MID", "late": "END",
        "end of": "END", "the end of": "END", "the close of": "END", "the turn of": "END"}  # fmt: skip
EDGE_RE = r"(?:early|late|mid-?|the (?:beginning|start|middle|end|close) of|(?:beginning|start|middle|end) of)"


def edge_mod(word: str | None) -> str | None:
    """The mod of an edge word (`early` -> START, `the end of` -> END); None when there is none."""
    if not word:
        return None
    w = " ".join(word.lower().replace("-", " ").split())
    return EDGE.get(w, EDGE.get(w.removeprefix("the "), None))


def month_number(word: str) -> int:
    """`Sept.` -> 9."""
    return MONTHS[word.lower().rstrip(".")]
