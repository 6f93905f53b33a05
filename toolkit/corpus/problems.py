"""The `problems` table: the files and rows a load could not use (or read in a degraded way), and why."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

PROBLEM_COLUMNS = ["path", "article_id", "problem", "action"]


class CorpusWarning(UserWarning):
    """Something was read in a degraded way or skipped; the `problems` table has the details."""


class SkippedFile(Exception):
    """A file that is skipped, with the reason a person reads in `problems`."""


def problem_table(problems: list[tuple]) -> pd.DataFrame:
    """The `problems` table of (path, article_id, problem, action) rows, in the order they were met."""
    return pd.DataFrame(problems, columns=PROBLEM_COLUMNS)


def warn_about(problems: pd.DataFrame) -> None:
    """One warning summing up the problems of a load (the first five named), when there are any."""
    if problems.empty:
        return
    first = problems.head(5)
    shown = "; ".join(f"{Path(p).name}: {why}" for p, why in zip(first["path"], first["problem"], strict=True))
    more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
    skipped = int((problems["action"] == "skipped").sum())
    warnings.warn(
        f"{len(problems)} input problem(s), {skipped} skipped (see `problems`): {shown}{more}",
        CorpusWarning,
        stacklevel=4,
    )
