"""The style of the article's body as the yardstick for other blocks of the page: a block laid out past
a box of links (`Related`, `Trending News`) joins the article when its lines read the way the article's
do (as long, as many function words, as much of it prose); a list of teasers or of comments does not."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from statistics import median
from typing import Any

from toolkit.clean.lines import Line

PROSE = ("good", "near-good")


@dataclass(frozen=True)
class Style:
    """How a block of lines reads: the median words of its prose lines, their mean stopword density,
    and the share of its lines that are prose."""

    words: float
    stop_density: float
    prose_share: float

    def describe(self) -> str:
        return f"{self.words:.0f} words a line, {self.stop_density:.0%} function words, {self.prose_share:.0%} prose"


def style_of(lines: list[Line]) -> Style | None:
    """The style of some lines, or None when none of them is prose."""
    prose = [line for line in lines if line.klass in PROSE]
    if not prose:
        return None
    return Style(
        words=float(median(line.n_words for line in prose)),
        stop_density=sum(line.stop_density for line in prose) / len(prose),
        prose_share=len(prose) / len(lines),
    )


def reads_like(candidate: Style, yardstick: Style, opts: Mapping[str, Any]) -> bool:
    """Whether a block reads like the article: mostly prose, with lines as long (within a factor of
    `style_words_ratio`) and as rich in function words (within `style_stopword_gap`) as its lines."""
    ratio = float(opts["style_words_ratio"])
    return (
        candidate.prose_share >= float(opts["style_min_prose_share"])
        and yardstick.words / ratio <= candidate.words <= yardstick.words * ratio
        and abs(candidate.stop_density - yardstick.stop_density) <= float(opts["style_stopword_gap"])
    )


def style_judge(
    lines: list[Line], opts: Mapping[str, Any]
) -> Callable[[list[tuple[int, int]], tuple[int, int]], bool]:
    """`judge(found, block)`: whether the lines of `block` (start, end-exclusive) read like those of the
    runs of the article `found` so far (the yardstick is all the body chosen, not only its first run)."""

    def judge(found: list[tuple[int, int]], block: tuple[int, int]) -> bool:
        yardstick = style_of([line for start, end in found for line in lines[start:end]])
        candidate = style_of(lines[block[0] : block[1]])
        return yardstick is not None and candidate is not None and reads_like(candidate, yardstick, opts)

    return judge
