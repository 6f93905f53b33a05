"""Numbers as news text writes them: digits, number words, vague quantities, ordinals, spoken years."""

from __future__ import annotations

ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "last": -1, "final": -1,
}  # fmt: skip
UNIT_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
              "ninety": 90}  # fmt: skip
# a vague quantity -> its number, or "X" when it names none
VAGUE = {"a few": "X", "few": "X", "several": "X", "some": "X", "many": "X", "a couple of": 2, "a couple": 2,
         "couple of": 2, "a": 1, "an": 1, "a single": 1, "one or two": "X", "a dozen": 12, "dozens of": "X",
         "half a": 0.5, "a half": 0.5, "hundreds of": "X", "a number of": "X"}  # fmt: skip

NUMWORD_RE = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"  # noqa: E501
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen"
    r"|seventeen|eighteen|nineteen|hundred|thousand)"
)
NUM_RE = rf"(?:\d+(?:\.\d+)?|\d{{1,3}}(?:,\d{{3}})+|{NUMWORD_RE}(?:[- ]and[- ]a[- ]half)?|\d+ and a half|\d+ 1/2)"
VAGUE_RE = (r"(?:a few|few|a couple of|a couple|couple of|several|some|many|a single|a dozen|dozens of|hundreds of"
            r"|a number of|half an?|an?)")  # fmt: skip
QTY_RE = rf"(?:{NUM_RE}|{VAGUE_RE})"

# ordinal words up to 31 (days of a month, centuries), the longest first so that a regex tries them first
ORDINAL_WORDS = {
    word: n for n, word in enumerate(
        ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh",
         "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth",
         "twentieth"] + [f"twenty-{w}" for w in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh",
                                                 "eighth", "ninth")] + ["thirtieth", "thirty-first"], start=1)
}  # fmt: skip
ORDINAL_WORD_RE = "(?:" + "|".join(sorted(ORDINAL_WORDS, key=len, reverse=True)).replace("-", "[- ]") + ")"

_TEENS_RE = r"(?:nineteen|eighteen|seventeen|sixteen|twenty)"
_TENS_RE = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES_RE = r"(?:one|two|three|four|five|six|seven|eight|nine)"
# a year as broadcast transcripts spell it; groups `c` (the century), `rest` and `tail` (of `two thousand ...`)
SPOKEN_YEAR_RE = (rf"(?:(?P<c>{_TEENS_RE}) (?P<rest>{_TENS_RE}(?:[- ]{_ONES_RE})?|hundred|oh[- ]{_ONES_RE}|ten|eleven"
                  rf"|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
                  rf"|two thousand(?: and)?(?: (?P<tail>{_ONES_RE}|ten|eleven|twelve))?)")  # fmt: skip


def parse_number(text: str) -> float | str | None:
    """`15`, `fifteen`, `twenty-four`, `a`, `several` (-> "X"), `2 and a half`, `2 1/2`; None when not a
    number."""
    t = " ".join(text.lower().replace("-", " ").split())
    if not t:
        return None
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")].strip(), 0.5
    elif t.endswith(" 1/2"):
        t, half = t[: -len(" 1/2")].strip(), 0.5
    if t in VAGUE:
        return VAGUE[t]
    if t.startswith("half a"):
        return 0.5
    try:
        return float(t.replace(",", "")) + half
    except ValueError:
        pass
    total = 0
    for word in t.split():
        if word in UNIT_WORDS:
            total += UNIT_WORDS[word]
        elif word in TENS_WORDS:
            total += TENS_WORDS[word]
        elif word == "hundred":
            total = max(total, 1) * 100
        elif word == "thousand":
            total = max(total, 1) * 1000
        elif word == "and":
            continue
        else:
            return None
    return float(total) + half


def format_number(n: float | str) -> str:
    """A quantity as a TIMEX3 value writes it: `15`, `1.5`, `X`."""
    if isinstance(n, str):
        return n
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def ordinal_number(word: str) -> int:
    """`21st` or `twenty-first` -> 21."""
    word = word.lower().replace(" ", "-")
    return int(word[:-2]) if word[0].isdigit() else ORDINAL_WORDS[word]


def spoken_year_number(century: str | None, rest: str | None, tail: str | None) -> int | None:
    """The year read by the groups of `SPOKEN_YEAR_RE`: `nineteen` `ninety-four` -> 1994, `two thousand`
    `six` (the tail) -> 2006."""
    if century:
        hundreds = parse_number(century)
        rest_text = (rest or "").lower().replace("oh", "").strip(" -")
        rest_n = 0.0 if rest_text == "hundred" else parse_number(rest_text)
        if not isinstance(hundreds, float) or not isinstance(rest_n, float):
            return None
        return int(hundreds * 100 + rest_n)
    tail_n = parse_number(tail) if tail else 0.0
    return 2000 + int(tail_n) if isinstance(tail_n, float) else None
