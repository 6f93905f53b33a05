"""Lists of teasers (headline + one-sentence summary pairs) after the article are not its body."""

from __future__ import annotations

from toolkit.clean import clean_article

from .test_style import _FIRST

_TEASERS = [
    "Inquest report urges more help for sexually exploited teens",
    "An inquest report released on Thursday into the death of a girl two years ago calls for more help for "
    "the teenagers who are exploited on the streets of the city and for those who work with them.",
    "Insurer urged to consider pay-as-you-drive car insurance",
    "Environmentalists in the province are urging the public car insurer to consider a scheme in which the "
    "drivers who use their cars the least would pay the least for the insurance that they have to buy.",
    "Hotelier eager to dive into water park proposal",
    "A committee at the city hall has approved a plan to use seven million dollars of the city's money in a "
    "deal with a hotel owner who wants to build an indoor water park on the edge of the downtown area.",
]


def test_headline_and_summary_pairs_after_the_article_are_a_list_of_teasers() -> None:
    fields, lines = clean_article("\n".join(["News", *_FIRST, *_TEASERS]))
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[line] == "body" for line in _FIRST)
    assert all(kind[line] == "boilerplate" for line in _TEASERS), [kind[line] for line in _TEASERS]
    reason = lines.loc[lines["text"] == _TEASERS[1], "reason"].item()
    assert "teaser: headline and summary, one of 3" in reason


def test_a_subheading_over_each_paragraph_of_the_article_is_not_a_teaser_list() -> None:
    # two pairs are a subheaded article; paragraphs of several sentences are not summaries
    text = "\n".join(["News", _FIRST[0], "What happened next", _FIRST[1], "The arrest", _FIRST[2]])
    fields, lines = clean_article(text)
    assert set(lines.loc[lines["text"].isin(_FIRST), "kind"]) == {"body"}


def test_summaries_of_two_sentences_are_teasers_too() -> None:
    two = [line if i % 2 == 0 else line.replace(" and for", ". It asks for") for i, line in enumerate(_TEASERS)]
    two[3] = two[3].replace(" in which", ". Under it")
    two[5] = two[5].replace(" who wants", ". He wants")
    fields, lines = clean_article("\n".join(["News", *_FIRST, *two]))
    assert set(lines.loc[lines["text"].isin(two), "kind"]) == {"boilerplate"}


def test_the_questions_and_answers_of_an_interview_are_not_teasers() -> None:
    interview = [
        "Q: Where did you grow up",
        "A: On an island in the Caribbean, which is the most beautiful place in the world to grow up. I go "
        "back there every year with my family.",
        "Q: What is on the horizon for the business",
        "A: We are moving subscription access to the next level with an offering sold directly to fans. We "
        "hope to launch it before the end of the year.",
        "Q: What has surprised you the most so far",
        "A: Being the chief executive requires that you look at all parts of the business each and every day. "
        "That was new to me.",
    ]
    fields, lines = clean_article("\n".join(["News", *_FIRST, *interview]))
    assert set(lines.loc[lines["text"].isin(interview[1::2]), "kind"]) == {"body"}
