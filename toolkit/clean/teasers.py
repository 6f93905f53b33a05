"""Lists of teasers: a headline and a one-sentence summary, again and again (`MORE MANITOBA HEADLINES`,
the stories of each section under the article). Each summary reads as prose on its own, so the run of
body lines would go on through them; as pairs they are a list of other stories."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.clean.lines import Line
from toolkit.clean.patterns import INNER_SENTENCE_END, TERMINAL

PROSE = ("good", "near-good")


def is_teaser_headline(line: Line, opts: Mapping[str, Any]) -> bool:
    """A short line that does not end a sentence (`Inquest report urges more help for teens`)."""
    return (
        line.klass == "short"
        and not line.bad_reason
        and 2 <= line.n_words <= int(opts["teaser_headline_max_words"])
        and not (TERMINAL.search(line.text) and not line.text.endswith("?"))
    )


def is_teaser_summary(line: Line) -> bool:
    """A line of prose of one sentence (a summary, not a paragraph of the article)."""
    return line.klass in PROSE and not INNER_SENTENCE_END.search(line.text) and not line.wrapped


def mark_teasers(lines: list[Line], opts: Mapping[str, Any]) -> None:
    """Mark as bad the headline/summary pairs that follow one another `teaser_min_pairs` times or more."""
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
