"""The cleaning thresholds: fallbacks, then `[clean]` of the settings files, then keyword overrides."""

from __future__ import annotations

from typing import Any

from toolkit.config import settings

# Defaults used when toolkit/defaults.toml has no [clean] value (the toml documents each one).
_FALLBACK: dict[str, Any] = {
    "length_low": 70,
    "length_high": 150,
    "stopwords_low": 0.20,
    "stopwords_high": 0.30,
    "short_penalty": 3.0,
    "bad_penalty": 6.0,
    "near_good_weight": 0.6,
    "extra_block_min_score": 25.0,
    "extra_block_ratio": 0.25,
    "near_gap": 3,
    "first_run_ratio": 0.5,
    "style_gap": 15,
    "break_min_lines": 15,
    "break_block_ratio": 0.5,
    "style_min_prose_share": 0.6,
    "style_words_ratio": 2.0,
    "style_stopword_gap": 0.1,
    "near_block_min_score": 10.0,
    "brief_min_words": 5,
    "list_min_items": 6,
    "list_number_share": 0.6,
    "teaser_max_words": 40,
    "teaser_min_pairs": 3,
    "teaser_headline_max_words": 14,
    "duplicate_min_words": 8,
    "title_max_distance": 6,
    "standfirst_max_gap": 10,
    "section_max_words": 3,
    "repeat_min_articles": 3,
    "repeat_min_share": 0.05,
    "language_min_chars": 200,
    "language_min_confidence": 0.9,
}


def options(**overrides: Any) -> dict[str, Any]:
    """The cleaning thresholds: fallbacks, then `[clean]` of the settings files, then `overrides`."""
    merged = dict(_FALLBACK)
    merged.update(settings("clean"))
    unknown = set(overrides) - set(merged)
    if unknown:
        raise TypeError(f"unknown cleaning option(s): {', '.join(sorted(unknown))}")
    merged.update(overrides)
    return merged
