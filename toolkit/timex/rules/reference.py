"""Reference words: `now`, `currently`, `recently`, `the past`, `the future`, `the near term`."""

from __future__ import annotations

import re

from toolkit.timex.engine import Example, rule
from toolkit.timex.resolution import Context, Resolution

REFERENCE_WORDS = {
    "now": "PRESENT_REF", "right now": "PRESENT_REF", "just now": "PRESENT_REF", "currently": "PRESENT_REF",
    "current": "PRESENT_REF", "the present": "PRESENT_REF", "at present": "PRESENT_REF", "presently": "PRESENT_REF",
    "nowadays": "PRESENT_REF", "these days": "PRESENT_REF", "recently": "PAST_REF", "recent": "PAST_REF",
    "lately": "PAST_REF", "the past": "PAST_REF", "previously": "PAST_REF", "formerly": "PAST_REF",
    "in the past": "PAST_REF", "the future": "FUTURE_REF", "future": "FUTURE_REF", "soon": "FUTURE_REF",
    "shortly": "FUTURE_REF", "the near future": "FUTURE_REF", "the near term": "FUTURE_REF",
    "the short term": "FUTURE_REF", "the long term": "FUTURE_REF",
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


@rule("reference_word", r"(?:right now|just now|now|currently|current|the present|at present|presently|nowadays|"
                        r"the (?:near|short) term|"
                        r"these days|recently|lately|the recent past|the past|the near future|the future|"
                        r"the long term)",
      accept=_ref_ok,
      examples=(Example("now", "PRESENT_REF"), Example("The fund now holds cash.", "PRESENT_REF", dct="2012-06-22",
                                                       span="now"),
                Example("the past", "PAST_REF"), Example("the near term", "FUTURE_REF"),
                Example("for the long term", "FUTURE_REF", span="the long term"),
                Example("NOW the critics are quiet.", "PRESENT_REF", span="NOW")))  # fmt: skip
def reference_word(m: re.Match, ctx: Context) -> Resolution | None:
    value = REFERENCE_WORDS[" ".join(m.group(0).lower().split())]
    offset = 0.0 if value == "PRESENT_REF" else None
    return Resolution("DATE", value, None, None, None, None, "publication" if ctx.ref is not None else "none",
                      offset, offset)  # fmt: skip
