"""A note on the author or the company that closes an article (a biography, `X is a global provider of
...`) is not its body; a fact box after a writer's note still is, and such a sentence early in the article
is news."""

from __future__ import annotations

import pytest

from toolkit.clean import clean_article
from toolkit.clean.patterns import CLOSING_NOTE

from .test_style import _FIRST, _SECOND

_BIO = (
    "Mike Wall is the author of a book about the search for alien life, which is out now from a publisher "
    "in New York, and he writes about space for the site every week of the year."
)
_COMPANY = (
    "Ascom is a global solutions provider focused on healthcare ICT and mobile workflow solutions, and the "
    "vision of the company is to close the digital information gaps that there are in hospitals."
)


@pytest.mark.parametrize(
    "text",
    [
        _BIO,
        _COMPANY,
        "Ascom is headquartered in Baar (Switzerland) and employs around 1,300 people worldwide.",
        "NRO contributor Victor Davis Hanson is a senior fellow at the Hoover Institution.",
        "Pulitzer Prize-winning journalist Michael Hiltzik writes a daily blog.",
        "About the author",
    ],
)
def test_notes_on_the_author_or_the_company_are_closing_notes(text: str) -> None:
    assert CLOSING_NOTE.search(text)


@pytest.mark.parametrize(
    "text",
    [
        "The mayor said the company was a leading firm in the region.",
        "He is the author of the bill, which passed the Senate on Tuesday.",
    ],
)
def test_sentences_of_news_are_not_closing_notes(text: str) -> None:
    assert not CLOSING_NOTE.search(text)


def test_a_biography_after_the_article_is_dropped_with_its_reason() -> None:
    fields, lines = clean_article("\n".join(["News", *_FIRST, *_SECOND, _COMPANY]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[line] == "body" for line in _FIRST)
    assert kind[_COMPANY] == "boilerplate"
    reason = lines.loc[lines["text"] == _COMPANY, "reason"].item()
    assert "note on its author or company" in reason


def test_a_fact_box_after_a_writers_note_stays_in_the_article() -> None:
    box = [
        "Penn State at a glance",
        "Did you know?: Joe Paterno has taken teams to 13 different bowl games, winning in 11 of the places "
        "where they played, which is more than anyone else in the history of college football.",
    ]
    fields, lines = clean_article("\n".join(["News", *_FIRST, *_SECOND, _BIO, *box]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert kind[_BIO] == "boilerplate"
    assert kind[box[1]] == "body"


def test_a_company_named_in_the_lead_is_news() -> None:
    fields, lines = clean_article("\n".join(["News", _COMPANY, *_FIRST]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert kind[_COMPANY] == "body"
