"""Run a regular expression only where it can match: at word starts whose first two characters begin one
of its matches. Python's `re` tries a pattern that opens with a look-behind at every character of the
text; the timex finder runs some forty such patterns over every article, which was its main cost.

`start_prefixes` reads, from the compiled pattern itself, the one- or two-character strings every
non-empty match begins with (case-folded, any decimal digit as `0`); `WordStarts` indexes a text's word
starts by those keys once; `finditer_at` then tries the pattern only at the indexed positions and gives
exactly the non-empty matches of `pattern.finditer(text)`.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Iterable, Iterator
from re import _constants as sre  # the parsed form of a pattern: stable across 3.11-3.13
from re import _parser as sre_parse

_KEY_LENGTH = 2
_MAX_CLASS = 64  # a character class wider than this says nothing worth indexing
# The look-behind every timex rule opens with: no word character, currency sign, `#` or dot before a match.
LOOK_BEHIND = r"(?<![\w$#£€.])"
# Where a match of such a pattern can begin: a character other than a space, after that look-behind.
WORD_START = re.compile(LOOK_BEHIND + r"\S")

# (prefix, complete): `complete` when the element's match may be exactly `prefix` (the next element then
# continues it); otherwise every match of the element begins with `prefix` and nothing more is known.
_Prefixes = frozenset[tuple[str, bool]]
_UNKNOWN: _Prefixes = frozenset({("", False)})
_EMPTY: _Prefixes = frozenset({("", True)})


def key_char(ch: str) -> str:
    """The index form of a character: every decimal digit (what `\\d` matches) as `0`, ASCII in lower case,
    any other character as `*`, which every pattern tries (under IGNORECASE `ſ` matches `s` and the Kelvin
    sign `k`: no lower-casing of the text can stand in for the regex engine's case rules)."""
    if ch.isdecimal():
        return "0"
    return ch.lower() if ch.isascii() else _ANY_CHAR


_ANY_CHAR = "*"
_ASCII_KEYS = str.maketrans(string.ascii_uppercase + string.digits, string.ascii_lowercase + "0" * 10)


def start_prefixes(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """The strings of one or two index characters that every non-empty match of `pattern` begins with;
    None (the pattern must scan the whole text) unless it opens with `LOOK_BEHIND`, or when it can match
    empty or begin with a space."""
    if not pattern.pattern.startswith(LOOK_BEHIND):
        return None  # it could match inside a word, where no word start is indexed
    found = _sequence(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if any(prefix == "" or prefix[0].isspace() for prefix, _ in found):
        return None
    return frozenset(prefix for prefix, _ in found)


def _sequence(items: list[tuple]) -> _Prefixes:
    states: set[tuple[str, bool]] = {("", True)}
    for op, av in items:
        element = _element(op, av)
        grown: set[tuple[str, bool]] = set()
        for prefix, open_ in states:
            if not open_ or len(prefix) >= _KEY_LENGTH:
                grown.add((prefix[:_KEY_LENGTH], False))
                continue
            for part, complete in element:
                joined = prefix + part
                grown.add((joined[:_KEY_LENGTH], complete and len(joined) < _KEY_LENGTH))
        states = grown
    return frozenset(states)


def _element(op: object, av: object) -> _Prefixes:  # noqa: PLR0911 - one case per regex construct
    if op is sre.LITERAL:
        return frozenset({(key_char(chr(av)), True)})  # type: ignore[arg-type]
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _EMPTY  # zero width
    if op is sre.SUBPATTERN:
        return _sequence(list(av[3]))  # type: ignore[index]
    if op is sre.ATOMIC_GROUP:
        return _sequence(list(av))  # type: ignore[arg-type]
    if op is sre.BRANCH:
        return frozenset().union(*(_sequence(list(alt)) for alt in av[1]))  # type: ignore[index]
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, item = av  # type: ignore[misc]
        once = _sequence(list(item))
        if high == 1:
            return once | _EMPTY if low == 0 else once
        # A repeat may continue with itself: what follows its first pass is unknown.
        cut = frozenset((prefix, False) for prefix, _ in once)
        return cut | _EMPTY if low == 0 or ("", True) in once else cut
    if op is sre.IN:
        chars = _class_chars(av)  # type: ignore[arg-type]
        return _UNKNOWN if chars is None else frozenset((key_char(ch), True) for ch in chars)
    return _UNKNOWN  # any character, back-references, conditionals


def _class_chars(items: Iterable[tuple]) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is sre.LITERAL:
            chars.add(chr(av))
        elif op is sre.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(chr(code) for code in range(av[0], av[1] + 1))
        elif op is sre.CATEGORY and av is sre.CATEGORY_DIGIT:
            chars.add("0")
        else:
            return None  # negated, wide or a category other than digits
    return chars


# ASCII letters that a non-ASCII character also matches when case is ignored (`ſ` for `s`, dotless `ı` for
# `i`, the Kelvin sign for `k`): a substring test on `text.lower()` cannot vouch for them.
FOLD_UNSAFE = frozenset("iks")


def required_literals(pattern: re.Pattern[str]) -> frozenset[str] | None:
    """Lower-case strings one of which occurs (ignoring case) in every match of `pattern`, so that a text
    whose `lower()` holds none of them has no match; None when no such strings are known. Letters of
    `FOLD_UNSAFE` are cut out (the longest piece without them is kept)."""
    found = _required(list(sre_parse.parse(pattern.pattern, pattern.flags)))
    if not found:
        return None
    pieces = {_safe_piece(literal) for literal in found}
    return None if "" in pieces else frozenset(pieces)


def _safe_piece(literal: str) -> str:
    """The longest part of `literal`, in lower case, without a letter of `FOLD_UNSAFE`."""
    return max(_UNSAFE_RE.split(literal.lower()), key=len)


_UNSAFE_RE = re.compile(f"[{''.join(sorted(FOLD_UNSAFE))}]")


def _required(items: list[tuple]) -> frozenset[str] | None:
    """The best required set of a sequence: its longest run of literal characters or the required set of
    one of its elements, whichever has the longest shortest string."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        if op is sre.LITERAL:
            run += chr(av)  # type: ignore[arg-type]
            continue
        if run:
            options.append(frozenset({run}))
            run = ""
        if op is sre.SUBPATTERN:
            inner = _required(list(av[3]))  # type: ignore[index]
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) and av[0] >= 1:  # type: ignore[index]
            inner = _required(list(av[2]))  # type: ignore[index]
        elif op is sre.BRANCH:
            alternatives = [_required(list(alt)) for alt in av[1]]  # type: ignore[index]
            inner = None if any(alt is None for alt in alternatives) else frozenset().union(*alternatives)
        else:
            inner = None
        if inner:
            options.append(inner)
    if run:
        options.append(frozenset({run}))
    # the most telling set: longest shortest string once cut (`_safe_piece`), then fewest strings
    return max(options, key=lambda strings: (min(len(_safe_piece(s)) for s in strings), -len(strings)), default=None)


class WordStarts:
    """The word starts of a text (`WORD_START`), by their first one and two index characters."""

    def __init__(self, text: str) -> None:
        by_key: dict[str, list[int]] = defaultdict(list)
        folded = text.translate(_ASCII_KEYS)  # `key_char` of every ASCII character at once
        for m in WORD_START.finditer(text):
            start = m.start()
            first = folded[start]
            if not first.isascii():
                first = key_char(first)
            by_key[first].append(start)
            if start + 1 < len(text):
                second = folded[start + 1]
                by_key[first + (second if second.isascii() else key_char(second))].append(start)
        self.by_key = dict(by_key)
        self.keys = frozenset(by_key)
        # Keys with an `*` (a character no ASCII key stands for) match any prefix: always tried.
        self.wild = sorted({start for key, starts in by_key.items() if _ANY_CHAR in key for start in starts})

    def positions(self, prefixes: frozenset[str]) -> list[int]:
        """Ascending word starts whose first characters may begin one of `prefixes`."""
        present = prefixes & self.keys
        if not self.wild and len(present) == 1:
            return self.by_key[next(iter(present))]
        found: set[int] = set(self.wild)
        for prefix in present:
            found.update(self.by_key[prefix])
        return sorted(found)


def finditer_at(pattern: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """The matches `pattern.finditer(text)` gives, tried only at `positions` (ascending), which must hold
    every position where a non-empty match can begin; for a pattern that cannot match empty."""
    resume = 0
    for position in positions:
        if position < resume:
            continue
        m = pattern.match(text, position)  # look-behinds still see the text before `position`
        if m is not None:
            resume = m.end()
            yield m
