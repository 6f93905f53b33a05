"""Repeated lines: a line whose normalised hash recurs in many articles of the corpus is boilerplate (as
CCNet does; the counts are a reduction that sums over partitions), and a long line repeated within an
article is a copy of its first occurrence."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from toolkit.clean.lines import Line, raw_lines
from toolkit.clean.normalise import normalise_line
from toolkit.clean.patterns import TOKEN, WORD

_DIGIT = re.compile(r"\d")


def line_key(text: str) -> str:
    """The hash of a line as corpus repetition counts it: case, digits, punctuation and spacing ignored."""
    if not WORD.search(text):
        return ""  # numbers and punctuation alone (`0`, `1 / 23`) say nothing about a page's template
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _DIGIT.sub("0", folded)
    folded = " ".join(TOKEN.findall(folded))
    return hashlib.blake2b(folded.encode("utf-8"), digest_size=8).hexdigest() if folded else ""


class LineCounts(Counter):
    """Per normalised-line hash, in how many articles it occurs; `n_articles` counts the articles.

    Counts from partitions of a corpus add up with `+` (a reduction, no pairwise comparison)."""

    def __init__(self, *args: Any, n_articles: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.n_articles = n_articles

    def __add__(self, other: Counter) -> LineCounts:  # type: ignore[override]
        merged = LineCounts(n_articles=self.n_articles + getattr(other, "n_articles", 0))
        merged.update(self)
        merged.update(other)
        return merged

    def __reduce__(self) -> tuple:
        return (_rebuild_counts, (dict(self), self.n_articles))


def _rebuild_counts(counts: dict[str, int], n_articles: int) -> LineCounts:
    return LineCounts(counts, n_articles=n_articles)


def article_line_keys(raw_text: str) -> set[str]:
    """The distinct normalised-line hashes of one article."""
    keys = {line_key(normalise_line(raw)[0]) for raw in raw_lines(raw_text or "")}
    keys.discard("")
    return keys


def line_repetition_counts(articles: pd.DataFrame | Iterable[str]) -> LineCounts:
    """In how many articles each normalised line occurs (the CCNet signal); sums across partitions."""
    texts = articles["text"] if isinstance(articles, pd.DataFrame) else articles
    counts = LineCounts()
    for text in texts:
        counts.update(article_line_keys(text if isinstance(text, str) else ""))
        counts.n_articles += 1
    return counts


def repeat_floor(n_articles: int, opts: Mapping[str, Any]) -> float:
    """In how many articles of a corpus of `n_articles` a line must occur to be boilerplate: at least
    `repeat_min_articles`, a `repeat_min_share` of the corpus, and two."""
    return max(2.0, float(opts["repeat_min_articles"]), float(opts["repeat_min_share"]) * n_articles)


def mark_repeated(
    lines: list[Line], counts: Mapping[str, int] | None, n_articles: int | None, opts: Mapping[str, Any]
) -> None:
    """Lines that occur in `repeat_min_articles` articles and a `repeat_min_share` of the corpus are bad.

    The number of articles is `n_articles`, else the `n_articles` attribute of `counts`; without
    counts or articles the rule is off."""
    total = n_articles if n_articles is not None else getattr(counts, "n_articles", None)
    if counts is None or not total:
        return
    floor = repeat_floor(total, opts)
    for line in lines:
        key = line_key(line.text)
        seen = counts.get(key, 0) if key else 0
        if seen >= floor:
            line.klass, line.bad_reason = "bad", f"repeats in {seen} of {total} articles"


def find_duplicates(lines: list[Line], opts: Mapping[str, Any]) -> dict[int, int]:
    """In-article copies: position of a copy -> position of its first occurrence.

    Long lines only (`duplicate_min_words`): a repeated caption such as `Hobbits` is not a copy; nor is
    an item repeated in a list, such as the same meal in two weekly plans."""
    first_seen: dict[str, int] = {}
    duplicate_of: dict[int, int] = {}
    for pos, line in enumerate(lines):
        if line.n_words < opts["duplicate_min_words"]:
            continue
        key = line_key(line.text)
        if key not in first_seen:
            first_seen[key] = pos
        elif not (line.listed >= 0 and lines[first_seen[key]].listed == line.listed):
            duplicate_of[pos] = first_seen[key]
    return duplicate_of
