"""The vocabulary of the `lines` table, a raw text's lines, and the records the stages of cleaning fill
in: a `Line` per non-blank line, a `Draft` per article (what each stage found, for the next)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

LINE_COLUMNS = ["article_id", "line_no", "text", "kind", "reason", "score"]
KINDS = ("section", "title", "dateline", "standfirst", "body", "duplicate", "boilerplate", "blank")
DROPPED_KINDS = ("duplicate", "boilerplate")


def raw_lines(raw_text: str) -> list[str]:
    """The raw lines as the loader counts them (a final newline does not start another line)."""
    text = raw_text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return lines


@dataclass
class Line:
    """One non-blank line of an article: its normalised text and the signals read from it."""

    index: int  # 0-based raw line index
    raw: str
    text: str  # normalised
    changes: list[str] = field(default_factory=list)
    n_words: int = 0
    n_chars: int = 0
    stop_density: float = 0.0
    terminal: bool = False
    klass: str = "short"  # good, near-good, short, bad
    bad_reason: str = ""
    weight: float = 0.0
    gap_before: int = 0  # blank lines between this line and the previous non-blank one
    soft: bool = False  # bad by shape only: kept when it lies inside the article (a quote may end in `...`)
    fence: str = ""  # `comments` / `related`: a heading after which the article does not go on
    listed: int = -1  # the number of the list or table this line belongs to (-1: none)
    wrapped: str = ""  # `lines 12-18`: the paragraph wrapped over several lines that this line is part of


@dataclass
class Draft:
    """One article while it is cleaned. Positions index `lines` (the non-blank lines), not raw lines.

    Choosing the article fills `in_body` (with `kept_as`, `labelled`, `brief`); labelling its structure
    fills `kind_of`, `reason_of`, `fields`, `body_positions` and `body_texts`."""

    lines: list[Line]
    opts: Mapping[str, Any]
    duplicate_of: dict[int, int] = field(default_factory=dict)  # a copy -> the line it copies
    in_body: list[bool] = field(default_factory=list)
    kept_as: dict[int, str] = field(default_factory=dict)  # why a line the run did not reach is body
    labelled: dict[int, str] = field(default_factory=dict)  # lines a label line takes out, with the reason
    brief: bool = False  # no run of body lines: the article's full sentences are its body
    kind_of: dict[int, str] = field(default_factory=dict)
    reason_of: dict[int, str] = field(default_factory=dict)
    fields: dict[str, Any] = field(default_factory=dict)
    body_positions: list[int] = field(default_factory=list)
    body_texts: dict[int, str] = field(default_factory=dict)  # a body line's text (less a dateline prefix)

    def members(self) -> list[int]:
        """The positions of the lines now in the body, in order."""
        return [pos for pos, flag in enumerate(self.in_body) if flag]
