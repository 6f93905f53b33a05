"""The rule engine: a rule is a named pattern with a resolver, a context check and examples; a `RuleSet`
finds every rule's matches (through the prefilter), keeps the longest where they overlap and resolves an
expression with the rule that reads it best. The engine knows no rule: the rules come from `rules/`."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from toolkit.timex.prefilter import LOOK_BEHIND, WordStarts, finditer_at, required_literals, start_prefixes
from toolkit.timex.resolution import UNRESOLVED, Context, Resolution, checked

Handler = Callable[[re.Match, Context], Resolution | None]
Accept = Callable[[str, int, int], bool]

# What a resolver may raise on odd input: the expression is then unreadable, never an error.
RESOLVER_ERRORS = (ValueError, OverflowError, KeyError, TypeError, AssertionError, IndexError, AttributeError)
# The reference day against which the finder checks that a rule can read what it matched.
_PROBE = Context(date(2000, 6, 15), None, None, "past", "reference")


@dataclass(frozen=True)
class Example:
    """What a rule must give: `span` (default: all of `text`) is found in `text` by the rule and resolves,
    against `dct` (the reference day), the clause's `tense` and the `previous` expression of the article
    (resolved against `dct` first), to `value`, `type` and `mod`."""

    text: str
    value: str | None
    dct: str | None = None
    type: str = "DATE"
    mod: str | None = None
    span: str | None = None
    tense: str | None = None
    previous: str | None = None

    @property
    def expression(self) -> str:
        return self.text if self.span is None else self.span


@dataclass(frozen=True)
class Rule:
    """A compiled rule: `handler` reads a match of `pattern` against a `Context` (None: not an expression)."""

    name: str
    pattern: re.Pattern
    handler: Handler
    accept: Accept | None = None  # context filter used when finding in a document
    # What every match begins with (`prefilter.start_prefixes`): the rule is tried only at such word starts.
    prefixes: frozenset[str] | None = None
    # Strings one of which every match holds (`prefilter.required_literals`), kept where testing them is
    # cheap and telling (a few strings of 3 or more characters): a text without any is not scanned.
    required: frozenset[str] | None = None
    examples: tuple[Example, ...] = ()

    def finditer(self, text: str, starts: WordStarts | None = None) -> Iterator[re.Match]:
        """The non-empty matches of the rule in `text`, tried only where they can begin (`starts`: the
        text's word starts, when already indexed)."""
        if self.prefixes is None:
            found: Iterator[re.Match] = self.pattern.finditer(text)
        else:
            found = finditer_at(self.pattern, text, (starts or WordStarts(text)).positions(self.prefixes))
        return (m for m in found if m.end() > m.start())


def rule(name: str, pattern: str, *, flags: int = re.IGNORECASE, accept: Accept | None = None,
         examples: Sequence[Example] = (), hyphen_after: bool = False) -> Callable[[Handler], Rule]:  # fmt: skip
    """Declare a rule by decorating its resolver: the pattern is wrapped so that every one of its
    alternatives begins and ends at a word boundary; `hyphen_after` lets a match end before a hyphen (the
    first year of `1998-99`)."""
    # The group makes both word-boundary checks hold for every alternative of `a|b|c`, not just `a` and `c`.
    after = r"(?![\w]|\.\d|%)" if hyphen_after else r"(?![\w]|-\w|\.\d|%)"
    compiled = re.compile(rf"{LOOK_BEHIND}(?:{pattern}){after}", flags)
    required = required_literals(compiled)
    if required is not None and (len(required) > 6 or min(map(len, required)) < 3):
        required = None

    def declare(handler: Handler) -> Rule:
        return Rule(name, compiled, handler, accept, start_prefixes(compiled), required, tuple(examples))

    return declare


@dataclass(frozen=True)
class Candidate:
    """A temporal expression found in a text: character span and the rule that matched it."""

    start: int
    end: int
    text: str
    rule: str


class Match(NamedTuple):
    """A match of one rule: span, the rule's priority (its place in the rule set) and the regex match."""

    start: int
    end: int
    priority: int
    rule: Rule
    found: re.Match


class RuleSet:
    """Rules in priority order (the earlier wins between matches of one length)."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)
        self._by_name = {r.name: r for r in reversed(self.rules)}  # the first of a name wins

    def named(self, name: str | None) -> Rule | None:
        """The rule called `name`, if any."""
        return self._by_name.get(name)  # type: ignore[arg-type]

    def matches(self, text: str) -> Iterator[Match]:
        """Every non-empty match of every rule, rule by rule in priority order; each rule is tried only at the
        word starts its matches can begin with (a third of the time of scanning the text once per rule)."""
        starts = WordStarts(text)
        lowered = text.lower()
        for priority, r in enumerate(self.rules):
            if r.required is not None and not any(literal in lowered for literal in r.required):
                continue
            for m in r.finditer(text, starts):
                yield Match(m.start(), m.end(), priority, r, m)

    def find(self, text: str, *, context_filters: bool = True) -> list[Candidate]:
        """Expressions in `text` that some rule can read, longest first where they overlap, in text order."""
        found: list[Match] = []
        for match in self.matches(text):
            r = match.rule
            if context_filters and r.accept is not None and not r.accept(text, match.start, match.end):
                continue
            try:
                readable = r.handler(match.found, _PROBE) is not None
            except RESOLVER_ERRORS:
                readable = False
            if readable:
                found.append(match)
        found.sort(key=lambda f: (-(f.end - f.start), f.priority, f.start))
        taken: list[Match] = []
        for match in found:
            if any(match.start < t.end and t.start < match.end for t in taken):
                continue
            taken.append(match)
        taken.sort(key=lambda t: t.start)
        return [Candidate(t.start, t.end, text[t.start:t.end], t.rule.name) for t in taken]

    def resolve(self, text: str, ctx: Context) -> Resolution:
        """`text` read by the one rule that matches all of it, else by the rule reading its longest part
        (the earlier rule between parts of one length). May raise one of `RESOLVER_ERRORS`."""
        best: Match | None = None
        for match in self.matches(text):
            if match.start == 0 and match.end == len(text):
                res = match.rule.handler(match.found, ctx)
                if res is not None:
                    return checked(res)
            if best is None or (match.end - match.start, -match.priority) > (best.end - best.start, -best.priority):
                res = match.rule.handler(match.found, ctx)
                if res is not None:
                    best = match
        if best is None:
            return UNRESOLVED
        return checked(best.rule.handler(best.found, ctx) or UNRESOLVED)

    def resolve_at(self, text: str, start: int, end: int, name: str | None, ctx: Context) -> Resolution | None:
        """The expression `text[start:end]` read where it stands by rule `name`; None when that rule does not
        match exactly there or cannot read it. May raise one of `RESOLVER_ERRORS`."""
        found = self.named(name)
        if found is None:
            return None
        m = found.pattern.match(text, start)
        if m is None or m.end() != end:
            return None
        res = found.handler(m, ctx)
        return None if res is None else checked(res)

    def accepts(self, text: str, start: int, end: int, name: str) -> bool:
        """Whether rule `name` accepts the expression at `start:end` given the words around it in `text`."""
        for r in self.rules:
            if r.name == name:
                return r.accept is None or bool(r.accept(text, start, end))
        return True
