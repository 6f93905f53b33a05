"""The article's structure once its body is chosen: every line's kind and reason, copies (`duplicate`),
the `standfirst` (a first paragraph copied below, or a summary above the byline or date), the `dateline`
(a date line above the article or a wire prefix of its first paragraph), the `title` (the metadata
headline, else a headline-shaped line just above the article) and the `section` (a short upper-case first
line)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from toolkit.clean.dates import BYLINE_DATE, DATELINE_PREFIX, is_date_line, parse_dateline_date
from toolkit.clean.lines import Draft, Line
from toolkit.clean.patterns import BREADCRUMB, BYLINE, CLOSERS, SENTENCE_END
from toolkit.clean.repetition import line_key
from toolkit.clean.shape import is_disclosure, shape_reason


def label_structure(draft: Draft, title: str | None) -> None:
    """Fill in `kind_of`, `reason_of`, `fields`, `body_positions` and `body_texts` of a draft whose body
    is chosen; `title` is a known headline (from metadata)."""
    draft.fields = {"section": None, "title": None, "dateline": None, "standfirst": None, "dateline_date": pd.NaT}
    assign_kinds(draft)
    drop_copies_in_body(draft)
    draft.body_positions = [pos for pos in range(len(draft.lines)) if draft.kind_of[pos] == "body"]
    find_repeated_standfirst(draft)
    find_summary_standfirst(draft)
    # Date lines at the top of the article are its dateline, not its text.
    while draft.body_positions and is_date_line(draft.lines[draft.body_positions[0]].text):
        draft.kind_of[draft.body_positions[0]] = "boilerplate"
        draft.body_positions = draft.body_positions[1:]
    draft.body_texts = {pos: draft.lines[pos].text for pos in draft.body_positions}
    find_dateline(draft)
    find_title(draft, title)
    find_section(draft)


def lead(draft: Draft) -> int:
    """The position of the article's first body line (the number of lines when it has none)."""
    return draft.body_positions[0] if draft.body_positions else len(draft.lines)


def dropped_above(draft: Draft) -> list[int]:
    """The boilerplate lines above the article's first body line."""
    return [pos for pos in range(lead(draft)) if draft.kind_of[pos] == "boilerplate"]


def body_reason(draft: Draft, pos: int) -> str | None:
    """Why a line that is body on context rather than on its own shape is kept (None when it is prose)."""
    line = draft.lines[pos]
    if pos in draft.kept_as:
        return f"kept: {draft.kept_as[pos]}"
    if line.wrapped:
        return f"kept: part of a paragraph wrapped over {line.wrapped}"
    if line.klass == "good":
        return None
    if draft.brief:
        return "kept: a full sentence of a short article"
    detail = f" ({line.bad_reason})" if line.bad_reason else ""
    return f"kept by context: within the article's run of body lines{detail}"


def dropped_reason(draft: Draft, pos: int, members: list[int]) -> tuple[str, str]:
    """`(kind, reason)` of a line outside the body that is not a copy of a body line."""
    line = draft.lines[pos]
    shape = shape_reason(line, draft.opts)
    first_body = members[0] if members else len(draft.lines)
    last_body = members[-1] if members else -1
    if pos in draft.labelled:
        return "boilerplate", draft.labelled[pos]
    if line.bad_reason:
        return "boilerplate", shape
    if pos in draft.duplicate_of:
        return "duplicate", f"copy of line {draft.lines[draft.duplicate_of[pos]].index + 1}"
    if pos > last_body:
        where = "after the last body line" if members else "no article text found"
        return "boilerplate", f"{where} ({shape})"
    if pos < first_body:
        return "boilerplate", f"before the first body line ({shape})"
    return "boilerplate", f"between blocks of the article ({shape})"


def assign_kinds(draft: Draft) -> None:
    """Body lines are `body`; a copy of a body line (or of the line just above the body) is a
    `duplicate`; every other line is `boilerplate`, with where it lies and why."""
    members = draft.members()
    first_body = members[0] if members else len(draft.lines)
    originals = set(members) | {first_body - 1}
    for pos in range(len(draft.lines)):
        if draft.in_body[pos]:
            draft.kind_of[pos] = "body"
            reason = body_reason(draft, pos)
            if reason is not None:
                draft.reason_of[pos] = reason
        elif pos in draft.duplicate_of and draft.duplicate_of[pos] in originals:
            draft.kind_of[pos] = "duplicate"
            draft.reason_of[pos] = f"copy of line {draft.lines[draft.duplicate_of[pos]].index + 1}"
        else:
            draft.kind_of[pos], draft.reason_of[pos] = dropped_reason(draft, pos, members)


def drop_copies_in_body(draft: Draft) -> None:
    """Duplicates inside the body run: the copy is dropped, the first occurrence stays."""
    for pos, original in draft.duplicate_of.items():
        if draft.kind_of[pos] == "body":
            draft.kind_of[pos] = "duplicate"
            draft.reason_of[pos] = f"copy of line {draft.lines[original].index + 1}"


def make_standfirst(draft: Draft, reason: str) -> None:
    """The article's first body line becomes its standfirst."""
    pos = draft.body_positions[0]
    draft.kind_of[pos], draft.reason_of[pos] = "standfirst", reason
    draft.fields["standfirst"] = draft.lines[pos].text
    draft.body_positions = draft.body_positions[1:]


def find_repeated_standfirst(draft: Draft) -> None:
    """Standfirst: the first line of the article when a copy of it follows in the article."""
    positions = draft.body_positions
    if positions and positions[0] in set(draft.duplicate_of.values()) and len(positions) > 1:
        make_standfirst(draft, "first paragraph, repeated below")


def find_summary_standfirst(draft: Draft) -> None:
    """Standfirst: a summary line followed by the byline or the date, then the article (news layout:
    headline, standfirst, byline, date, text)."""
    lines, positions = draft.lines, draft.body_positions
    if draft.fields["standfirst"] is not None or len(positions) <= 1:
        return
    first = positions[0]
    for pos in range(first + 1, min(first + 1 + int(draft.opts["standfirst_max_gap"]), len(lines))):
        if is_date_line(lines[pos].text) or BYLINE.match(lines[pos].text):
            if lines[first].n_words >= 8 and any(p > pos for p in positions):
                make_standfirst(draft, "summary above the byline or date")
            return
        if draft.kind_of[pos] == "body" and lines[pos].klass in ("good", "near-good"):
            return


def find_dateline(draft: Draft) -> None:
    """Dateline: a date-only line or a byline with the date above the article (the nearest), or a wire
    prefix of its first paragraph (moved out of the body text)."""
    for pos in reversed(dropped_above(draft)):
        text = draft.lines[pos].text
        if is_date_line(text):
            where = "byline with the date" if BYLINE_DATE.match(text) else "date line"
            draft.kind_of[pos], draft.reason_of[pos] = "dateline", f"{where} above the article"
            draft.fields["dateline"] = draft.lines[pos].text
            draft.fields["dateline_date"] = parse_dateline_date(draft.lines[pos].text)
            return
    if not draft.body_positions:
        return
    first = lead(draft)
    match = DATELINE_PREFIX.match(draft.body_texts[first])
    if match and len(match.group("dateline").split()) <= 8:
        draft.fields["dateline"] = match.group("dateline").strip()
        draft.fields["dateline_date"] = parse_dateline_date(draft.fields["dateline"])
        draft.body_texts[first] = draft.body_texts[first][match.end() :]
        draft.reason_of[first] = "; ".join(
            filter(None, [draft.reason_of.get(first), "dateline prefix moved to dateline"])
        )


def is_headline(line: Line) -> bool:
    """Shaped like a headline: 3 to 30 words, not bad, not a sentence unless a question or exclamation,
    not a byline, a date, a breadcrumb (`Home » Sport » Football`) or a sponsorship disclosure."""
    return (
        3 <= line.n_words <= 30
        and not line.bad_reason
        and not (SENTENCE_END.search(line.text) and not line.text.rstrip(CLOSERS).endswith(("?", "!")))
        and not is_date_line(line.text)
        and not BYLINE.match(line.text)
        and not BREADCRUMB.search(line.text)
        and not is_disclosure(line)
    )


def find_title(draft: Draft, title: str | None) -> None:
    """Title: the metadata headline if a line matches it, else the nearest headline-shaped line above."""
    lines, above = draft.lines, dropped_above(draft)
    title_pos = None
    if title:
        wanted = line_key(title)
        title_pos = next((pos for pos in above if line_key(lines[pos].text) == wanted), None)
    if title_pos is None:
        first = lead(draft)
        near = [pos for pos in above if first - pos <= draft.opts["title_max_distance"] and not lines[pos].bad_reason]
        shaped = [pos for pos in near if is_headline(lines[pos])]
        if shaped and draft.body_positions:
            title_pos = max(shaped, key=lambda pos: (lines[pos].n_words >= 5, pos))
    if title_pos is not None:
        draft.kind_of[title_pos], draft.reason_of[title_pos] = "title", "headline above the article"
        draft.fields["title"] = lines[title_pos].text


def is_section(line: Line, opts: Mapping[str, Any]) -> bool:
    """Shaped like a section label: a few upper-case words, not a sentence (`WORLD`)."""
    letters = [c for c in line.text if c.isalpha()]
    return (
        0 < line.n_words <= opts["section_max_words"]
        and not line.bad_reason
        and bool(letters)
        and all(c.isupper() for c in letters)
        and not SENTENCE_END.search(line.text)
    )


def find_section(draft: Draft) -> None:
    """Section: a short upper-case first line (`WORLD`) right above the article."""
    lines, kind_of = draft.lines, draft.kind_of
    if not lines or kind_of[0] != "boilerplate" or not is_section(lines[0], draft.opts):
        return
    following = next((pos for pos in range(1, len(lines)) if kind_of[pos] != "boilerplate"), None)
    if following is not None and following <= 2 and following <= lead(draft):
        kind_of[0], draft.reason_of[0] = "section", "upper-case label above the article"
        draft.fields["section"] = lines[0].text
