"""Readers' comments signed `Name, Place` under each one are a thread of comments, not the article; one
such line is not a thread."""

from __future__ import annotations

from toolkit.clean import clean_article
from toolkit.clean.patterns import COMMENT_SIGNATURE

from .test_style import _FIRST, _SECOND

_THREAD = [
    "I got a similar bug on a cruise a couple of years ago and I doubt that I will ever go on another one, "
    "because I am still taking the medication that the doctor gave me for it.",
    "Blake B, los angeles,",
    "I was on the maiden voyage of the ship and did not see one person use the handwash that was provided in "
    "all the areas of the buffet, which I think is the reason why so many of us fell ill.",
    "Frances McErlane, Mallorca, Spain",
    "Nothing to do with the bottle not breaking, or the person who threw it: the ship is just mad at having "
    "had a bottle thrown at it on the first day that it was ever in the water.",
    "Dave, Truro, Cornwall",
]


def test_signatures_are_a_name_and_a_place() -> None:
    assert all(COMMENT_SIGNATURE.match(line) for line in _THREAD[1::2])
    assert not COMMENT_SIGNATURE.match("The ship broke down on her maiden voyage.")


def test_a_thread_of_signed_comments_after_the_article_is_dropped() -> None:
    fields, lines = clean_article("\n".join(["News", *_FIRST, *_SECOND, *_THREAD]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[line] == "body" for line in _FIRST + _SECOND)
    assert all(kind[line] == "boilerplate" for line in _THREAD), [kind[line] for line in _THREAD]
    reason = lines.loc[lines["text"] == _THREAD[2], "reason"].item()
    assert "one of 3 signed 'Name, Place'" in reason


def test_one_signed_paragraph_is_not_a_thread() -> None:
    fields, lines = clean_article("\n".join(["News", *_FIRST, *_THREAD[:2], *_SECOND]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert kind[_THREAD[0]] == "body"
