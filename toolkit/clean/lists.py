"""Lines that belong together though none of them is prose: the items of a list or table dumped one per
line (a recipe, a standings table), and the lines a label takes out of the article (the caption under
`Image caption`, the links under `More:`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from toolkit.clean.dates import MONTH_YEAR, TRAILING_DATE
from toolkit.clean.lines import Line
from toolkit.clean.patterns import CAPTION_LABEL, CAPTION_MAX_WORDS, COUNTER, LINK_LABEL, NUMBER, SENTENCE_END
from toolkit.clean.shape import is_hard


def has_number(text: str) -> bool:
    """Whether a line carries a number of its own (not a sidebar count, an archive month or the date
    after a headline)."""
    return bool(NUMBER.search(TRAILING_DATE.sub("", COUNTER.sub("", text)))) and not MONTH_YEAR.match(text)


def mark_lists(lines: list[Line], opts: Mapping[str, Any]) -> None:
    """Number the lists and tables of an article in `listed`: runs of short lines that mostly carry numbers.

    A recipe, a standings table or a timetable dumped one cell or item per line is a run of short lines
    (`5040`, `1 cup asparagus, 2 eggs`, `Meal 1`) that no sentence anchors; menus and lists of headlines
    seldom carry a number on most lines. A run has no bad line and no two sentences in a row (that is
    prose); it is a list when it has `list_min_items` short lines, a `list_number_share` of them with a
    number. Its short lines cost nothing in the run of body lines, and the article that reaches it takes
    it in whole.
    """
    block: list[int] = []
    count = 0

    def close() -> None:
        nonlocal count
        while block and lines[block[-1]].klass != "short":
            block.pop()
        items = [pos for pos in block if not lines[pos].bad_reason]
        numbered = sum(1 for pos in items if has_number(lines[pos].text))
        if len(items) >= opts["list_min_items"] and numbered >= float(opts["list_number_share"]) * len(items):
            for pos in block:
                lines[pos].listed = count
            count += 1
        block.clear()

    for pos, line in enumerate(lines):
        if line.klass == "bad" or line.fence:
            close()
        elif line.klass == "short" or (block and lines[block[-1]].klass == "short"):
            block.append(pos)  # an item, or one sentence between items (a note in a recipe)
        else:
            close()
    close()


def labelled_lines(lines: list[Line], duplicate_of: Mapping[int, int]) -> dict[int, str]:
    """Lines a label line marks as not the article's text, with the reason.

    A caption label (`Image caption`) and the caption right below it; a label that introduces links to other
    pages (`More:`, `Related:`, `Read more:`) and the short lines after it that are not sentences.
    """
    found: dict[int, str] = {}
    for pos, line in enumerate(lines):
        if CAPTION_LABEL.match(line.text):
            found[pos] = "caption label"
            below = lines[pos + 1] if pos + 1 < len(lines) else None
            if below is not None and not is_hard(below) and below.n_words <= CAPTION_MAX_WORDS:
                found[pos + 1] = f"photo caption (below line {line.index + 1}, {line.text!r})"
        elif LINK_LABEL.match(line.text):
            for after in range(pos + 1, len(lines)):
                if (
                    lines[after].klass != "short"
                    or lines[after].bad_reason
                    or after in duplicate_of
                    or SENTENCE_END.search(lines[after].text)
                ):
                    break
                found[after] = f"a link under line {line.index + 1} ({line.text!r})"
    return found
