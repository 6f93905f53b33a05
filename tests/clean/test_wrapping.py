"""Paragraphs wrapped at a fixed width are measured as paragraphs; lists of headlines are not joined."""

from __future__ import annotations

import textwrap

from toolkit.clean import clean_article
from toolkit.clean.options import options
from toolkit.clean.shape import read_lines
from toolkit.clean.wrapping import wrapped_runs

PARAGRAPHS = [
    "Today at the annual electronics show in the city, the company unveiled its new remote control, "
    "marking a significant leap in the evolution of the best-selling line of remotes that it has sold "
    "for a decade to families who were tired of having one for every device.",
    "As home systems become more sophisticated and complex, people are often frustrated by the need to "
    "have several devices, and the growing number of remotes on the coffee table is the problem that "
    "the new model was designed to solve, according to the company.",
]
MENU = ["Home", "News", "Business", "Sign in", "Search"]
FOOTER = ["About us", "Contact", "Terms of use", "© 2008 Example News"]


def wrapped_page() -> str:
    body = [line for paragraph in PARAGRAPHS for line in textwrap.wrap(paragraph, 70)]
    return "\n".join([*MENU, "Company unveils a new remote control", *body, *FOOTER])


def test_a_paragraph_wrapped_every_70_characters_is_body() -> None:
    fields, lines = clean_article(wrapped_page())
    wrapped = lines[lines["text"].str.len() > 40]
    assert (wrapped["kind"] == "body").all(), wrapped[["text", "kind", "reason"]]
    assert wrapped["reason"].str.startswith("kept: part of a paragraph wrapped over lines").all()
    assert fields["title"] == "Company unveils a new remote control"
    assert "© 2008" not in fields["body"]


def test_a_list_of_headlines_is_not_one_wrapped_paragraph() -> None:
    headlines = [
        "Houllier the latest name linked with Newcastle job",
        "Eight cup replays up for decision tonight at the ground",
        "Liverpool owners insist the manager has their full support",
        "Don't Miss . . .",
    ]
    assert wrapped_runs(read_lines(headlines, options()), options()) == []


def test_a_headline_above_a_long_standfirst_is_not_joined_to_it() -> None:
    page = [
        "Google Stadia, Microsoft xCloud, Apple Arcade: So Many Ways to Play and Pay",
        "There are more devices, platforms and services to choose from than ever before. Here is how.",
    ]
    assert wrapped_runs(read_lines(page, options()), options()) == []


def test_once_the_page_is_seen_to_wrap_a_full_line_of_names_wraps_too() -> None:
    # each line of the second paragraph is mostly names (headline-cased): alone it would not be joined,
    # but the first paragraph shows the page wraps at 70 characters and the next word did not fit
    names = (
        "Roberto Luongo of the Vancouver Canucks, who was named as the Starter Tuesday, will not play. "
        "Nabokov will be one of two Sharks on the Western Conference Squad, as Forward Joe Thornton was "
        "named to his fifth All-Star Team, with Jason Arnott of the Nashville Predators."
    )
    body = [line for paragraph in [*PARAGRAPHS, names] for line in textwrap.wrap(paragraph, 70)]
    named = textwrap.wrap(names, 70)
    fields, lines = clean_article("\n".join([*MENU, "Company unveils a new remote control", *body, *FOOTER]))
    reason = dict(zip(lines["text"], lines["reason"], strict=True))
    assert all(reason[line].startswith("kept: part of a paragraph wrapped") for line in named), reason
    # without the paragraphs that show the width, the first lines of names are not joined
    assert all(start > 0 for start, _ in wrapped_runs(read_lines(named, options()), options()))


def test_a_story_wrapped_in_a_narrow_column_is_body_but_a_signature_is_not_joined_to_its_comment() -> None:
    narrow = textwrap.wrap(PARAGRAPHS[0] + " " + PARAGRAPHS[1], 26)
    fields, lines = clean_article("\n".join([*MENU, "Company unveils a new remote control", *narrow, *FOOTER]))
    reason = dict(zip(lines["text"], lines["reason"], strict=True))
    assert all(reason[line].startswith("kept: part of a paragraph wrapped") for line in narrow[:-1]), reason
    signed = ["Jean Booth, Hague, Netherlands",
              "having sailed on her sister ship I thought the hygiene on board was far better than I had feared."]
    assert wrapped_runs(read_lines(signed, options()), options()) == []
