"""Paragraphs wrapped at a fixed width (a press release or an old page dumped with a line break every
70-80 characters): each line alone is a short line without terminal punctuation, so none reads as prose
and the article is lost. Lines that continue one another are measured as one paragraph, and each takes
the paragraph's class when the paragraph reads as prose."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from toolkit.clean.lines import Line
from toolkit.clean.patterns import SENTENCE_END, WORD
from toolkit.clean.shape import shape

# A line that stops mid-sentence: its last word is in lower case, or it ends in a comma, a hyphen or an
# opening bracket or quote (`... a significant leap in the`, `consumer spending is on track to hit $300`).
OPEN_END = re.compile(r"(?:(?<![^\W\d_])[^\W\d_]*[a-zß-öø-ÿ]|\d|[,\-–(“])\s*$")
CAPITALISED_WORD = re.compile(r"^[A-Z]")
SPACED_ELLIPSIS = re.compile(r"(?:\.\s?){3}$|…$")
BYLINE_START = re.compile(r"^(?:By|From|Posted|Published|Updated)\b")
# A wrapped line (not the last of its paragraph) is this long: pages wrap their text at 60-90 characters;
# a longer line is a paragraph of its own (a standfirst without a full stop).
WRAP_MIN_CHARS = 35
WRAP_MAX_CHARS = 100
# A narrow column (a story wrapped every 20-30 characters) wraps too, but only into a line no longer than
# the first word of it allows (a signature `Jean Booth, Hague,` does not wrap into the comment under it).
NARROW_MIN_CHARS = 15
WRAP_SLACK = 5  # characters by which a line may outrun the one above it that it continues
# The page's wrap width is known once this many lines of its paragraphs are seen to wrap; a line then wraps
# when it is at most WRAP_FULL_MARGIN characters short of the width and the next word would not have fitted.
WIDTH_MIN_LINES = 4
WRAP_FULL_MARGIN = 20


def starts_lower(text: str) -> bool:
    """Whether a line's first letter (after an opening quote or bracket) is a lower-case letter."""
    first = next((c for c in text if c.isalpha()), "")
    return first.islower() and text.lstrip('"“‘(')[:1].isalpha()


def headline_cased(text: str) -> bool:
    """Most of the longer words capitalised: a headline or a menu item, not a line of running prose."""
    words = [w for w in WORD.findall(text) if len(w) > 3]
    return bool(words) and sum(1 for w in words if CAPITALISED_WORD.match(w)) >= 0.5 * len(words)


def continues(above: Line, below: Line, opts: Mapping[str, Any], width: int = 0) -> bool:
    """Whether `below` goes on with the sentence `above` leaves open (no blank line between them).

    A lower-case start says so (below a line shorter than `WRAP_MIN_CHARS`, a narrow column, only when
    `below` is no longer than a line wrapped there would be); otherwise `above` must read as running prose
    and be as long as a wrapped line is: the first word of `below` would not have fitted on it. When the
    page's wrap `width` is known (from the paragraphs already seen to wrap), a full line that the first word
    of `below` would have overrun wraps, however many names it has (`... as forward` / `Joe Thornton was
    named ...`)."""
    if below.gap_before or not NARROW_MIN_CHARS <= len(above.text) <= WRAP_MAX_CHARS:
        return False
    if SENTENCE_END.search(above.text):
        return False
    if not OPEN_END.search(above.text):
        return False
    if BYLINE_START.match(below.text):
        return False
    first_word = below.text.split(" ", 1)[0]
    fits = len(above.text) + 1 + len(first_word) + WRAP_SLACK >= len(below.text)
    if len(above.text) < WRAP_MIN_CHARS and not fits:  # a narrow column: `made his debut for` / `Chelsea ...`
        return False
    if starts_lower(below.text):
        return True
    if width and width - WRAP_FULL_MARGIN <= len(above.text) <= width < len(above.text) + 1 + len(first_word):
        return True
    return (
        not headline_cased(above.text)
        and above.stop_density >= float(opts["stopwords_low"])
        and fits
    )


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (`...` and `. . .` end a teaser, not a sentence)."""
    return bool(SENTENCE_END.search(text)) and not SPACED_ELLIPSIS.search(text)


def wrap_width(lines: list[Line], runs: list[tuple[int, int]]) -> int:
    """The width the page's paragraphs are wrapped at (its longest wrapped line), 0 when too few wrap."""
    wrapped = [len(lines[pos].text) for start, end in runs for pos in range(start, end - 1)]
    return max(wrapped) if len(wrapped) >= WIDTH_MIN_LINES else 0


def wrapped_runs(lines: list[Line], opts: Mapping[str, Any], width: int = 0) -> list[tuple[int, int]]:
    """The runs `(start, end-exclusive)` of two or more lines that continue one another, one of them
    (after the first) ending a sentence: a paragraph has full stops, a list of headlines seldom does."""
    runs: list[tuple[int, int]] = []
    start = 0
    for pos in range(1, len(lines) + 1):
        if pos < len(lines) and continues(lines[pos - 1], lines[pos], opts, width):
            continue
        if pos - start >= 2 and any(ends_sentence(line.text) for line in lines[start + 1 : pos]):
            runs.append((start, pos))
        start = pos
    return runs


def join_wrapped(lines: list[Line], opts: Mapping[str, Any]) -> None:
    """Give the lines of each wrapped paragraph that reads as prose the paragraph's class (the page's
    wrap width, from the paragraphs seen to wrap, finds the rest).

    A line keeps a bad verdict that does not depend on its length (a link, a credit); a menu phrase or
    a missing full stop that the paragraph as a whole does not have no longer counts against it."""
    runs = wrapped_runs(lines, opts)
    width = wrap_width(lines, runs)
    for start, end in wrapped_runs(lines, opts, width) if width else runs:
        members = lines[start:end]
        paragraph = Line(members[0].index, "", " ".join(line.text for line in members))
        shape(paragraph, opts)
        if paragraph.klass not in ("good", "near-good"):
            continue
        span = f"lines {members[0].index + 1}-{members[-1].index + 1}"
        for line in members:
            if line.bad_reason and not line.soft and not line.bad_reason.startswith("menu or footer phrase"):
                continue
            line.klass, line.bad_reason, line.soft, line.fence = paragraph.klass, "", False, ""
            line.stop_density, line.terminal = paragraph.stop_density, True
            line.wrapped = span
