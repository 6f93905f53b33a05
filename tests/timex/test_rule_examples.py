"""Every rule's examples: the finder gives the expression to that rule, which reads it to the value shown."""

from __future__ import annotations

import pkgutil
from importlib import import_module

import pytest

import toolkit.timex.rules
from toolkit.timex import RULES, Example, Rule, find_timexes, resolve_in_text, resolve_timex

_CASES = [
    pytest.param(rule, example, id=f"{rule.name}-{i}") for rule in RULES for i, example in enumerate(rule.examples)
]


@pytest.mark.parametrize(("rule", "example"), _CASES)
def test_the_rule_finds_and_reads_its_example(rule: Rule, example: Example) -> None:
    previous = None if example.previous is None else [resolve_timex(example.previous, example.dct)]
    found = [c for c in find_timexes(example.text) if c.text == example.expression]
    if example.value is None:  # an expression the rule does not read
        assert [c.rule for c in found] != [rule.name]
        assert resolve_timex(example.expression, example.dct, tense=example.tense, previous=previous).value is None
        return
    assert [c.rule for c in found] == [rule.name], [(c.text, c.rule) for c in find_timexes(example.text)]
    res = resolve_in_text(example.text, found[0].start, found[0].end, example.dct, rule=rule.name,
                          tense=example.tense, previous=previous)  # fmt: skip
    assert (res.value, res.type, res.mod) == (example.value, example.type, example.mod)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_every_rule_has_examples(rule: Rule) -> None:
    assert len(rule.examples) >= 2


def test_every_declared_rule_has_a_place_in_the_priority_order() -> None:
    declared = {
        id(value)
        for info in pkgutil.iter_modules(toolkit.timex.rules.__path__)
        for value in vars(import_module(f"toolkit.timex.rules.{info.name}")).values()
        if isinstance(value, Rule)
    }
    assert declared == {id(rule) for rule in RULES}
    assert len({rule.name for rule in RULES}) == len(RULES)
