"""Which lines are the article's body: the runs `regions` chooses, then the context around them (a brief's
full sentences, neighbours laid out like the article, the sentences that end it, the lists it runs
into, the items a line ending in a colon introduces, short lines between body lines), less a closing note
on the author or company and what a label takes out. Each stage reads and updates `Draft.in_body`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from toolkit.clean.dates import DATE_LINE
from toolkit.clean.lines import Draft, Line
from toolkit.clean.lists import labelled_lines
from toolkit.clean.patterns import CLOSING_NOTE, CLOSING_NOTE_TAIL_SHARE, FULL_STOP, TOKEN
from toolkit.clean.regions import regions
from toolkit.clean.shape import is_hard, weight
from toolkit.clean.style import style_judge


def choose_body(draft: Draft) -> None:
    """Fill in `in_body`, `brief`, `kept_as` and `labelled` of a draft whose lines are shaped."""
    lines, opts = draft.lines, draft.opts
    for line in lines:
        line.weight = weight(line, opts)
    weights = [0.0 if pos in draft.duplicate_of else line.weight for pos, line in enumerate(lines)]
    good = [line.klass == "good" for line in lines]
    fences = [line.fence for line in lines]
    breaks = menu_breaks(lines, opts)
    found = regions(weights, good, fences, opts, same_style=style_judge(lines, opts), breaks=breaks)
    draft.in_body = [False] * len(lines)
    for start, end in found:
        for pos in range(start, end):
            draft.in_body[pos] = not is_hard(lines[pos])
    take_brief(draft)
    take_only_list(draft)
    take_blank_separated_neighbours(draft)
    take_closing_sentences(draft)
    take_lists_run_into(draft)
    take_colon_items(draft)
    smooth_gaps(draft)
    drop_closing_notes(draft)
    # Labels inside the article and what they label: the links under `More:`, a caption under `Image
    # caption`. They do not split the article (they weigh as short lines), they are only taken out of it.
    draft.labelled = labelled_lines(lines, draft.duplicate_of)
    for pos in draft.labelled:
        draft.in_body[pos] = False


def menu_breaks(lines: list[Line], opts: Mapping[str, Any]) -> frozenset[int]:
    """Where each long stretch of cheap lines begins: `break_min_lines` or more lines in a row that each
    cost a little (a short line, a bad line of a few words: a menu, a list of headlines, a box of links).
    A line that costs its words already weighs against the run in proportion. 0 lines: no breaks."""
    min_lines, cap = int(opts["break_min_lines"]), float(opts["bad_penalty"])
    starts: set[int] = set()
    count = 0
    for pos, line in enumerate(lines):
        count = count + 1 if -cap <= line.weight < 0 else 0
        if min_lines > 0 and count == min_lines:
            starts.add(pos - min_lines + 1)
    return frozenset(starts)


def take_brief(draft: Draft) -> None:
    """A brief (a wire item of two or three sentences) has no long paragraph to anchor a run: its full
    sentences are its body rather than nothing at all."""
    draft.brief = not any(draft.in_body)
    if not draft.brief:
        return
    opts = draft.opts
    for pos, line in enumerate(draft.lines):
        draft.in_body[pos] = (
            not is_hard(line)
            and pos not in draft.duplicate_of
            and line.n_words >= opts["brief_min_words"]
            and line.stop_density >= opts["stopwords_low"]
            and bool(FULL_STOP.search(line.text))
        )


def take_only_list(draft: Draft) -> None:
    """A page with no prose at all whose article is a list or table (the results of a round of games, one
    line each): its longest list is the body rather than nothing at all."""
    if any(draft.in_body):
        return
    sizes = Counter(line.listed for line in draft.lines if line.listed >= 0)
    if not sizes:
        return
    longest = sizes.most_common(1)[0][0]
    for pos, line in enumerate(draft.lines):
        if line.listed == longest and not is_hard(line) and pos not in draft.duplicate_of:
            draft.in_body[pos] = True
            draft.kept_as[pos] = "an item of the page's only list or table: the page has no prose"


def blank_separated(lines: list[Line], members: list[int]) -> int:
    """The usual number of blank lines between consecutive body lines (0 when they are contiguous)."""
    gaps = [lines[i].gap_before for i in members[1:]]
    if len(gaps) < 2:
        return 0
    common, count = Counter(gaps).most_common(1)[0]
    return common if common > 0 and count >= 0.6 * len(gaps) else 0


def take_blank_separated_neighbours(draft: Draft) -> None:
    """Paragraphs laid out with blank lines: neighbours laid out the same way belong to the article
    (captions, lists) unless they are bad."""
    lines, in_body, duplicate_of = draft.lines, draft.in_body, draft.duplicate_of
    members = draft.members()
    if not members or not blank_separated(lines, list(range(len(lines)))):
        return
    for pos in range(members[-1] + 1, len(lines)):
        if lines[pos].gap_before < 1 and not lines[pos].terminal:
            break
        in_body[pos] = in_body[pos] or (pos not in duplicate_of and not is_hard(lines[pos]))
    for pos in range(members[0] - 1, -1, -1):
        if lines[pos + 1].gap_before < 1 or (pos == 0 and DATE_LINE.match(lines[pos].text)):
            break
        in_body[pos] = pos not in duplicate_of and not is_hard(lines[pos])


def take_closing_sentences(draft: Draft) -> None:
    """Full sentences right after the article's last line end it (`We rate the statement Mostly True.`);
    a list of headlines does not end in full stops."""
    members = draft.members()
    if not members:
        return
    for pos in range(members[-1] + 1, len(draft.lines)):
        line = draft.lines[pos]
        if line.klass == "bad" or pos in draft.duplicate_of or line.n_words < 3 or not FULL_STOP.search(line.text):
            break
        draft.in_body[pos] = True


def take_lists_run_into(draft: Draft) -> None:
    """A list or table the article runs into goes on to its end (the items of a recipe or a standings
    table after the paragraph that introduces them)."""
    lines, in_body = draft.lines, draft.in_body
    for pos in [pos for pos in range(len(lines) - 1) if in_body[pos] and lines[pos + 1].listed >= 0]:
        following = pos + 1
        while following < len(lines) and lines[following].listed == lines[pos + 1].listed:
            if not in_body[following]:
                in_body[following] = True
                draft.kept_as[following] = "an item of a list or table the article runs into"
            following += 1


def take_colon_items(draft: Draft) -> None:
    """A body line ending in a colon introduces what follows: the short lines right after it are its
    items (a bullet list whose items end without a full stop)."""
    lines, in_body = draft.lines, draft.in_body
    for pos in [pos for pos in range(len(lines) - 1) if in_body[pos] and lines[pos].text.endswith(":")]:
        following = pos + 1
        while (
            following < len(lines)
            and not in_body[following]
            and lines[following].klass == "short"
            and not lines[following].bad_reason
            and following not in draft.duplicate_of
        ):
            in_body[following] = True
            draft.kept_as[following] = f"an item of the list introduced by line {lines[pos].index + 1}"
            following += 1


def smooth_gaps(draft: Draft) -> None:
    """Short lines between two body lines are body even across an added run (context smoothing)."""
    lines, in_body = draft.lines, draft.in_body
    members = draft.members()
    if not members:
        return
    for pos in range(members[0], members[-1] + 1):
        if (
            not in_body[pos]
            and not is_hard(lines[pos])
            and lines[pos].klass != "good"
            and pos not in draft.duplicate_of
        ):
            prev_body = in_body[pos - 1] if pos > 0 else False
            next_body = pos + 1 < len(lines) and in_body[pos + 1]
            if prev_body and next_body:
                in_body[pos] = True


def drop_closing_notes(draft: Draft) -> None:
    """The author's biography or a note about the company in the last part of the body (`CLOSING_NOTE`,
    within `CLOSING_NOTE_TAIL_SHARE` of its words) closes the article, with what follows it up to the next
    heading (a box of facts after a writer's note can be the article's again)."""
    lines, members = draft.lines, draft.members()
    total = sum(lines[pos].n_words for pos in members)
    seen, closing = 0, -1
    for pos in members:
        if seen >= (1 - CLOSING_NOTE_TAIL_SHARE) * total and CLOSING_NOTE.search(lines[pos].text):
            closing = pos
        elif closing >= 0 and lines[pos].klass == "short" and not lines[pos].terminal and TOKEN.search(lines[pos].text):
            closing = -1
        if closing >= 0:
            draft.in_body[pos] = False
            lines[pos].bad_reason = lines[pos].bad_reason or (
                f"closes the article: at or after the note on its author or company (line {lines[closing].index + 1})"
            )
        seen += lines[pos].n_words
