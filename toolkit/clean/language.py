"""The language of an article, from its body (or its raw text when no body was found), and the filter
that keeps the entity and timeline steps to the languages their models read.

The detector is `py3langid` (langid.py's model of 97 languages, shipped inside its wheel: nothing is
downloaded). A text too short to judge, or judged with too little confidence, has no language (None):
it is not filtered out, since most of what is too short to judge is an English brief or a caption.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import pandas as pd

from toolkit.clean.options import options

PROBLEM_COLUMNS = ["path", "article_id", "problem", "action"]
SAMPLE_CHARS = 2000  # the language is read from the start of the text: plenty, and fast on long pages


@cache
def identifier() -> Any:
    """The language identifier, loaded once (its model is a NumPy file inside the package)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, opts: Mapping[str, Any] | None = None) -> str | None:
    """The ISO 639-1 code of the language `text` is written in (`en`, `de`...), or None when the text
    has fewer than `language_min_chars` letters or the detector is less sure than `language_min_confidence`."""
    opts = opts if opts is not None else options()
    if not isinstance(text, str) or sum(c.isalpha() for c in text) < int(opts["language_min_chars"]):
        return None
    code, confidence = identifier().classify(text[:SAMPLE_CHARS])
    return str(code) if confidence >= float(opts["language_min_confidence"]) else None


def article_languages(articles: pd.DataFrame, opts: Mapping[str, Any] | None = None) -> pd.Series:
    """The language of every article of a cleaned `articles` table, from its body or else its text."""
    opts = opts if opts is not None else options()
    texts = [
        body if isinstance(body, str) and body.strip() else text
        for body, text in zip(articles["body"], articles["text"], strict=True)
    ]
    return pd.Series([detect_language(t, opts) for t in texts], index=articles.index, dtype=object)


def language_filter(
    articles: pd.DataFrame, *, keep_languages: Iterable[str] = ("en",)
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split a cleaned `articles` table into the articles the entity and timeline steps read and a
    `problems` table (`path, article_id, problem, action`) naming each one skipped and its language.

    An article whose language is unknown (None: too short or unsure) is kept; so is every article of a
    table without a `language` column (cleaned before languages were detected)."""
    keep = set(keep_languages)
    if "language" not in articles.columns:
        return articles, pd.DataFrame(columns=PROBLEM_COLUMNS)
    languages = articles["language"]
    skipped = languages.notna() & ~languages.isin(keep)
    paths = articles["path"] if "path" in articles.columns else pd.Series(None, index=articles.index)
    wanted = ", ".join(sorted(keep)) or "none"
    problems = pd.DataFrame(
        {
            "path": paths[skipped].astype(object),
            "article_id": articles.loc[skipped, "article_id"].astype(object),
            "problem": [f"written in {code!r}, not in {wanted}" for code in languages[skipped]],
            "action": "skipped by the entity and timeline steps",
        },
        columns=PROBLEM_COLUMNS,
    ).reset_index(drop=True)
    return articles[~skipped], problems
