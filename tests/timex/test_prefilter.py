"""The prefilter must give exactly the matches of a full scan: checked rule by rule on generated text."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.timex import RULES, matches
from toolkit.timex.prefilter import FOLD_UNSAFE, LOOK_BEHIND, WordStarts, finditer_at, required_literals, start_prefixes

# Words the timex rules start with or contain, characters that case-fold or count as digits in surprising
# ways (long s, Kelvin sign, dotted I, Arabic-Indic digits) and the punctuation around dates.
_WORDS = [
    "the", "The", "THE", "last", "next", "early", "late", "mid", "about", "a", "an", "few", "two", "twenty-one",
    "ago", "later", "earlier", "year", "years", "year-end", "month", "week", "day", "days", "quarter", "half",
    "first", "third", "Monday", "Sunday", "sunday", "ſunday", "January", "Jan.", "March", "may", "May", "Sept",
    "spring", "Christmas", "1990s", "'90s", "1987", "15", "3rd", "٣", "2024-01-05", "10:30", "p.m.", "noon",
    "tonight", "now", "currently", "century", "\u212aelvin", "İstanbul", "fiscal", "FY", "of", "in", "on", "since",
]
_GLUE = st.sampled_from([" ", "  ", ", ", ". ", "-", "'", "\n", "$", "#", ".", "(", ")", "", "/", "%"])
_TEXT = st.lists(st.tuples(st.sampled_from(_WORDS), _GLUE), max_size=25).map(
    lambda parts: "".join(word + glue for word, glue in parts)
)


def _full_scan(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _gated(pattern: re.Pattern[str], prefixes: frozenset[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in finditer_at(pattern, text, WordStarts(text).positions(prefixes))]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_every_rule_finds_what_a_full_scan_finds(text: str) -> None:
    for rule in RULES:
        assert rule.prefixes is not None, rule.name
        assert _gated(rule.pattern, rule.prefixes, text) == _full_scan(rule.pattern, text), rule.name
        assert [m.span() for m in rule.finditer(text)] == _full_scan(rule.pattern, text), rule.name


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_any_text_gives_the_full_scan_matches(text: str) -> None:
    for rule in RULES:
        assert _gated(rule.pattern, rule.prefixes, text) == _full_scan(rule.pattern, text), rule.name


def test_prefixes_are_read_from_the_pattern() -> None:
    def prefixes(body: str, flags: int = re.IGNORECASE) -> frozenset[str] | None:
        return start_prefixes(re.compile(LOOK_BEHIND + body, flags))

    assert prefixes(r"(?:the )?day") == {"th", "da"}
    assert prefixes(r"\d+ days") == {"0"}
    assert prefixes(r"(?:a|an) week") == {"a ", "an"}
    assert prefixes(r"[A-C]x") == {"ax", "bx", "cx"}
    assert prefixes(r"(?:the )?") is None  # can match empty
    assert prefixes(r"\w+ ago") is None  # could begin with anything
    assert start_prefixes(re.compile("day")) is None  # no look-behind: it can match inside `Monday`


def test_the_finder_keeps_expressions_under_unusual_case_folding() -> None:
    # `ſ` (long s) matches `s` when ignoring case: a lower-cased index would skip `ſunday`
    duration = next(rule for rule in RULES if rule.name == "duration")
    assert _gated(duration.pattern, duration.prefixes, "for ſeven years") == [(4, 15)]
    text = "Shares fell in the ſpring, laſt year and on \u212aalends"
    for rule in RULES:
        assert _gated(rule.pattern, rule.prefixes, text) == _full_scan(rule.pattern, text), rule.name


@pytest.mark.parametrize("text", ["", " ", "The", "5", "In 1990s and '90s, about 3 days ago."])
def test_short_and_edge_texts(text: str) -> None:
    for rule in RULES:
        assert _gated(rule.pattern, rule.prefixes, text) == _full_scan(rule.pattern, text), rule.name


def _every_rule_full_scan(text: str) -> list[tuple[int, int, int]]:
    return [(s, e, priority) for priority, rule in enumerate(RULES) for s, e in _full_scan(rule.pattern, text)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TEXT, st.text(max_size=60)))
def test_the_finder_gives_every_match_of_a_full_scan(text: str) -> None:
    # word-start index and required strings together: nothing found by scanning every rule is lost
    assert [(m.start, m.end, m.priority) for m in matches(text)] == _every_rule_full_scan(text)


def test_required_strings_are_read_from_the_pattern() -> None:
    def required(body: str) -> frozenset[str] | None:
        return required_literals(re.compile(LOOK_BEHIND + body, re.IGNORECASE))

    assert required(r"\d+ (?:days|weeks) ago") == {" ago"}
    assert required(r"(?:Monday|Friday)") == {"monday", "day"}  # `i` cut out of `friday`
    assert required(r"seconds") == {"econd"}  # `s` also matches the long s: cut out
    assert required(r"(?:the )?\d+") is None


def test_only_the_letters_set_aside_match_a_non_ascii_character_when_case_is_ignored() -> None:
    safe = "".join(c for c in "abcdefghijklmnopqrstuvwxyz" if c not in FOLD_UNSAFE)
    non_ascii = "".join(chr(cp) for cp in range(128, 0x110000) if not 0xD800 <= cp < 0xE000)
    assert re.search(f"[{safe}]", non_ascii, re.IGNORECASE) is None
    assert all(re.search(c, non_ascii, re.IGNORECASE) for c in FOLD_UNSAFE)
