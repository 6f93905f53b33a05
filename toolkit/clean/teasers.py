"""Lists of teasers: a headline and a summary of a sentence or two, again and again (`MORE MANITOBA HEADLINES`,
the stories of each section under the article). Each summary reads as prose on its own, so the run of
body lines would go on through them; as pairs they are a list of other stories."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from toolkit.clean.lines import Line
from toolkit.clean.patterns import INNER_SENTENCE_END, TERMINAL

PROSE = ("good", "near-good")
# The question of an interview laid out as questions and answers (`Q: How do you prioritize your day?`).
INTERVIEW_QUESTION = re.compile(r"^Q\s*[:.\-–]")


def is_teaser_headline(line: Line, opts: Mapping[str, Any]) -> bool:
    """A short line that does not end a sentence (`Inquest report urges more help for teens`)."""
    return (
        line.klass == "short"
        and not line.bad_reason
        and 2 <= line.n_words <= int(opts["teaser_headline_max_words"])
        and not (TERMINAL.search(line.text) and not line.text.endswith("?"))
        and not INTERVIEW_QUESTION.match(line.text)
    )


def is_teaser_summary(line: Line) -> bool:
    """A line of prose of one or two sentences (a summary, not a paragraph of the article)."""
    return line.klass in PROSE and len(INNER_SENTENCE_END.findall(line.text)) <= 1 and not line.wrapped


def mark_teasers(lines: list[Line], opts: Mapping[str, Any]) -> None:
    """Mark as bad the headline/summary pairs that follow one another `teaser_min_pairs` times or more
    (not the questions and answers of an interview)."""
    pos = 0
    while pos < len(lines) - 1:
        end = pos
        while end + 1 < len(lines) and is_teaser_headline(lines[end], opts) and is_teaser_summary(lines[end + 1]):
            end += 2
        pairs = (end - pos) // 2
        if pairs >= int(opts["teaser_min_pairs"]):
            for line in lines[pos:end]:
                line.klass, line.soft, line.fence = "bad", False, ""
                line.bad_reason = f"teaser: headline and summary, one of {pairs} in a list of other stories"
            pos = end
        else:
            pos += 1
