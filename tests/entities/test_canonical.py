"""Name canonicalisation rules on plain strings (no spaCy)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from toolkit.entities import canonical as cn


@pytest.fixture(scope="module")
def rules() -> cn.Rules:
    return cn.Rules.from_settings()


@pytest.mark.parametrize(
    ("words", "label", "expected"),
    [
        (["Bashar", "al", "-", "Assad", "'s"], "PERSON", "Bashar al-Assad"),
        (["The", "Daily", "Telegraph"], "ORG", "Daily Telegraph"),
        (["the", "UN", "-", "Arab", "League"], "ORG", "UN-Arab League"),
        (["Brig", "Gen", "Mostafa", "Ahmad", "al", "-", "Sheik"], "PERSON", "Mostafa Ahmad al-Sheik"),
        (["Col", "Muammar", "Gaddafi"], "PERSON", "Muammar Gaddafi"),
        (["Colonel", "al", "-", "Hamade"], "PERSON", "al-Hamade"),
        (["Dr.", "Jane", "Smith"], "PERSON", "Jane Smith"),
        (["Vice", "-", "President", "Joe", "Biden"], "PERSON", "Joe Biden"),
        (["President"], "PERSON", "President"),  # a title alone stays: nothing would be left
        (["General", "Motors"], "ORG", "General Motors"),  # titles only for PERSON
        (["British", "Airways", "Plc"], "ORG", "British Airways"),
        (["The", "Hague"], "GPE", "The Hague"),  # a place named with its article keeps it
        (["Reuters", "'"], "ORG", "Reuters"),
    ],
)
def test_canonical_name(words: list[str], label: str, expected: str, rules: cn.Rules) -> None:
    spaces = [" "] * len(words)
    for i, word in enumerate(words[:-1]):
        if word == "-" or words[i + 1] in ("-", "'s", "'"):
            spaces[i] = ""
    assert cn.canonical_name(words, label, rules, spaces=spaces) == expected


def test_strip_possessive_keeps_inner_apostrophe() -> None:
    assert cn.strip_possessive("Dera'a") == "Dera'a"
    assert cn.strip_possessive("Assad's") == "Assad"
    assert cn.strip_possessive("Jones'") == "Jones"


def test_short_forms(rules: cn.Rules) -> None:
    forms = cn.short_forms("Bashar al-Assad", rules)
    assert forms["Assad"] == "surname" and forms["al-Assad"] == "surname" and forms["Bashar"] == "first"
    forms = cn.short_forms("Hassan Merei al-Hamade", rules)
    assert {"Merei al-Hamade", "al-Hamade", "Hamade", "Hassan", "Hassan al-Hamade"} <= set(forms)
    assert "Hassan Merei al-Hamade" not in forms
    assert cn.short_forms("Jordan", rules) == {}


def test_acronyms(rules: cn.Rules) -> None:
    assert cn.is_acronym("UN") and cn.is_acronym("U.N.") and not cn.is_acronym("Un") and not cn.is_acronym("A")
    assert "UN" in cn.initials("United Nations", rules)
    assert "CPJ" in cn.initials("Committee to Protect Journalists", rules)
    assert cn.case_key("U.S") == cn.case_key("U.S.") == cn.case_key("US")
    assert cn.case_key("JAPAN") == cn.case_key("Japan")


@pytest.mark.parametrize(
    ("demonym", "country"),
    [
        ("Polish", "Poland"),
        ("Lebanese", "Lebanon"),
        ("Syrians", "Syria"),
        ("Israeli", "Israel"),
        ("Syria", None),
        ("Western", None),
        ("French", "France"),
        ("Dutch", "Netherlands"),
        ("Arab", None),
    ],  # irregular ones and those of no one country come from toolkit/data/demonyms.csv
)
def test_demonym_country(demonym: str, country: str | None) -> None:
    assert cn.demonym_country(demonym) == country


def test_vote_breaks_ties_with_gazetteer(rules: cn.Rules) -> None:
    assert cn.vote(["PERSON", "GPE", "GPE", "PERSON"], "Jordan", rules) == "GPE"
    assert cn.vote(["GPE", "PERSON", "PERSON"], "Jordan", rules) == "PERSON"  # only ties go to the gazetteer
    assert cn.vote(["PERSON", "GPE"], "Nuland", rules) == "PERSON"  # not a place: first label wins
    assert cn.is_place("Damascus", rules) and cn.is_place("Texas", rules) and not cn.is_place("Nuland", rules)


def test_title_list_is_configurable() -> None:
    custom = cn.Rules.from_settings({"titles": ["Coach"]})
    assert cn.canonical_name(["Coach", "Bob", "Ray"], "PERSON", custom) == "Bob Ray"
    assert cn.canonical_name(["Col", "Bob", "Ray"], "PERSON", custom) == "Col Bob Ray"


words = st.lists(st.text(alphabet="ABCabc-'s ", min_size=1, max_size=6).filter(str.strip), min_size=1, max_size=6)


@given(words, st.sampled_from(["PERSON", "ORG", "GPE"]))
def test_canonical_name_is_a_clean_piece_of_the_mention(tokens: list[str], label: str) -> None:
    rules = cn.Rules.from_settings()
    name = cn.canonical_name(tokens, label, rules)
    assert name == cn.normalise_space(name)
    assert name.replace(" ", "") in "".join(tokens).replace(" ", "")
