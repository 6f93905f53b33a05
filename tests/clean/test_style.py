"""The article's style as the yardstick for other blocks: a block past a box of links joins the article
when it reads like it; teasers and comments do not."""

from __future__ import annotations

from toolkit.clean import clean_article, options
from toolkit.clean.lines import Line
from toolkit.clean.shape import shape
from toolkit.clean.style import reads_like, style_judge, style_of

_FIRST = [
    "Police released a video on Monday showing the moment officers rescued a girl who had been taken from "
    "her mother outside a shop in the city centre, after a search that went on through the night.",
    "The man who took her told investigators in a long interview that he had planned the kidnapping for "
    "weeks, and that he had driven around the area several times before he chose the place to wait.",
    "It was around midnight when a tip from a hotel clerk led the officers to his room, where they found the "
    "girl unhurt and took the man into custody without a single shot being fired by anyone.",
]
_SECOND = [
    "Meanwhile, friends, neighbours and volunteers had spent the whole day walking the streets of the city, "
    "handing out leaflets with her photograph and asking the people they met whether they had seen her.",
    "Following a two-day trial in September, a jury deliberated for less than an hour before it found the man "
    "guilty of the kidnapping, and the judge said that he would pass sentence early in the new year.",
    "The girl's mother told the court that her daughter was brave and strong, and that the family was "
    "grateful to the officers and to everyone who had helped to look for her during that long night.",
]
_BOX = ["Trending News", "Man arrested after seven victims found in car",
        "Safety officials urge a redesign of a part on jets", "Guards charged with falsifying jail records",
        "Teen accused of plotting an attack on a church"]


def test_a_block_in_the_articles_style_past_a_box_of_links_joins_the_article() -> None:
    fields, lines = clean_article("\n".join(["News", *_FIRST, *_BOX, *_SECOND]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[line] == "body" for line in _FIRST + _SECOND), [kind[line] for line in _SECOND]
    assert all(kind[line] == "boilerplate" for line in _BOX)
    # too far from the article (past `style_gap` lines), it is another page's text
    _, far = clean_article("\n".join(["News", *_FIRST, *_BOX, *_SECOND]), style_gap=3)
    assert set(far.loc[far["text"].isin(_SECOND), "kind"]) == {"boilerplate"}


def _lines(texts: list[str]) -> list[Line]:
    lines = [Line(i, text, text, []) for i, text in enumerate(texts)]
    for line in lines:
        shape(line, options())
    return lines


def test_a_list_of_teasers_does_not_read_like_the_article() -> None:
    article = style_of(_lines(_FIRST))
    teasers = style_of(_lines([
        "Man arrested after seven victims found in car", _SECOND[0],
        "Safety officials urge a redesign of a part on jets", _SECOND[1],
        "Guards charged with falsifying jail records", _SECOND[2],
    ]))
    assert article is not None and teasers is not None
    assert reads_like(style_of(_lines(_SECOND)), article, options())  # type: ignore[arg-type]
    assert not reads_like(teasers, article, options())  # half of it headlines


def test_comment_and_related_headings_of_common_page_layouts_are_fences() -> None:
    for heading, fence in [("Comments are now closed for this story", "comments"), ("add new comment", "comments"),
                           ("Comment viewing options", "comments"), ("Related", "related"),
                           ("External Links", "related"), ("MORE MANITOBA HEADLINES »", "related")]:
        (line,) = _lines([heading])
        assert line.fence == fence, heading


def test_headings_that_invite_readers_comments_are_fences_and_end_the_article() -> None:
    for heading in ["Article Comments", "Reader comments", "Readers' comments:", "Your comments",
                    "Please leave your comments below:", "Have your say", "Do you have comments on this story?"]:
        (line,) = _lines([heading])
        assert line.fence == "comments", heading
    (sentence,) = _lines(["The mayor said that she would read your comments before the council meets again."])
    assert sentence.fence == ""
    note = ("The paper is pleased to let readers post comments about an article at the end of it, and asks "
            "them to keep their comments civil and to the point, since abusive posts will be taken down.")
    _, lines = clean_article("\n".join(["News", *_FIRST, "Article Comments", note]))
    assert lines.loc[lines["text"] == note, "kind"].item() == "boilerplate"
    assert set(lines.loc[lines["text"].isin(_FIRST), "kind"]) == {"body"}


def test_a_thread_of_comments_after_the_article_is_cut_at_its_first_header() -> None:
    thread = [
        "Posted by: Lucky Lakeshore | January 14, 2008 06:24 PM",
        "What in the world is empowering to women about a candidate who owes everything to her husband, "
        "and who would not be in the race at all if it were not for the name that she has taken?",
        "Posted by: RetCombatVet | January 14, 2008 07:29 PM",
        "I really think that all these comments are due to the frustration of everyone with the way that the "
        "campaign has been run so far, and that nobody will remember them when the votes are counted.",
        "Posted by: MadeleineFL | January 14, 2008 07:41 PM",
        "I refuse to believe that people really believe what they are posting here, and I think that you can "
        "disagree with a candidate without putting your own personal issues out there for all to see.",
    ]
    fields, lines = clean_article("\n".join(["News", *_FIRST, *thread]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[line] == "body" for line in _FIRST)
    assert all(kind[line] == "boilerplate" for line in thread), [kind[line] for line in thread]
    assert "thread of comments" in lines.loc[lines["text"] == thread[0], "reason"].item()


def test_the_yardstick_is_all_the_body_found_so_far_not_only_its_first_run() -> None:
    # a long lead paragraph alone, then paragraphs of shorter sentences: a further block like the latter
    # reads like the article, though its lines are half as long as the lead's
    lead = " ".join([_FIRST[0], _FIRST[1], _FIRST[2]])
    short = ["The police said the girl was unhurt and back at home with her mother and her family now.",
             "The man will be sentenced in the new year, and the judge said that he would face a long term.",
             "The family thanked everyone who had helped them look for her during the night in the city."]
    lines = _lines([lead, *short, *short])
    judge = style_judge(lines, options())
    assert not judge([(0, 1)], (4, 7))
    assert judge([(0, 1), (1, 4)], (4, 7))


def test_a_dont_miss_box_and_a_see_more_link_are_not_the_article() -> None:
    box, link = _lines(["DON'T MISS", "SEE MORE: Hong Kong protests: 800 students under siege in university"])
    assert box.fence == "related"
    assert link.bad_reason == "menu or footer phrase 'SEE MORE'"
