"""A long stretch of menu lines ends the article's run: a sidebar of recent comments beyond a menu is not
the article, even when its prose outweighs the menu."""

from __future__ import annotations

from toolkit.clean import clean_article, options
from toolkit.clean.body import menu_breaks
from toolkit.clean.lines import Line
from toolkit.clean.shape import shape, weight

_SIDEBAR = [
    "Latest Comments",
    "Dan Warne on How to unlock the phone in ten steps: I bought a card in the airport and it worked at "
    "once, so I would say that the guide is right and that anyone can do it with a bit of patience.",
    "Marmaduke on The network is faster but not cheaper: Ditto for me, and I have been a customer for "
    "years, but I am going to look at the other plans when my contract runs out at the end of the year.",
]
_MENU = ["Home", "Reviews", "Hardware", "Windows", "Linux", "Mac", "Internet", "Phones", "Games", "Video",
         "Podcasts", "Forums", "Contact", "Advertise", "Back issues", "Submit news", "RSS feeds", "Apple"]
_ARTICLE = [
    "The company today announced updates to its desktop and server lines of computers, which now ship with "
    "two of the newest processors and a faster memory system as standard on every model that it sells.",
    "While the new machines are monsters on paper, the company claims that they are also quieter than the "
    "models they replace, and that they use less power when they are idle for most of the working day.",
    "The desktop now ships with a better graphics card as standard, and buyers can choose from a long list "
    "of options when they order, from more memory and bigger drives to a second card for more screens.",
    "The server range, which had not been updated for more than a year, gets the same processors and a new "
    "design for its drive bays, so that a failed drive can be swapped without the machine being turned off.",
    "The updated desktops and servers are shipping immediately from the company's online store and from its "
    "resellers, and the company said that the prices of the basic models will stay the same as they were.",
]


def test_a_sidebar_beyond_a_long_menu_stays_out_of_the_article() -> None:
    page = "\n".join([*_SIDEBAR, *_MENU, *_ARTICLE])
    _, lines = clean_article(page)
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[text] == "body" for text in _ARTICLE)
    assert {kind[text] for text in _SIDEBAR[1:]} == {"boilerplate"}
    reasons = set(lines.loc[lines["text"].isin(_SIDEBAR[1:]), "reason"])
    assert all(reasons), reasons
    # without breaks, the sidebar's prose outweighs the menu and the run takes in both
    _, bridged = clean_article(page, break_min_lines=0)
    assert set(bridged.loc[bridged["text"].isin(_SIDEBAR[1:]), "kind"]) == {"body"}


def test_a_break_starts_at_the_first_of_a_long_stretch_of_cheap_lines() -> None:
    lines = [Line(i, text, text, []) for i, text in enumerate([*_ARTICLE[:1], *_MENU, *_ARTICLE[1:]])]
    for line in lines:
        shape(line, options())
        line.weight = weight(line, options())
    assert menu_breaks(lines, options(break_min_lines=15)) == frozenset({1})
    assert menu_breaks(lines, options(break_min_lines=len(_MENU) + 1)) == frozenset()
    assert menu_breaks(lines, options(break_min_lines=0)) == frozenset()
