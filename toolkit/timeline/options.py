"""The `[timeline]` options: defaults, overridden by the settings file, overridden by the caller."""

from __future__ import annotations

from typing import Any

from toolkit.config import settings
from toolkit.errors import ToolkitError

DEFAULTS: dict[str, Any] = {
    "default_tense": "past",
    "same_weekday_past": "reference",
    "spacy_spans": True,
    "keep_unresolved": False,
    "body_date_chars": 400,
    "merge_repeated_events": True,
}


def build_options(overrides: dict[str, Any]) -> dict[str, Any]:
    """Every timeline option: `DEFAULTS`, then the `[timeline]` settings, then `overrides` (unknown names
    are an error, so a typo does not pass silently)."""
    merged = {**DEFAULTS, **settings("timeline"), **overrides}
    unknown = sorted(set(overrides) - set(DEFAULTS))
    if unknown:
        raise ToolkitError(f"unknown timeline option {', '.join(unknown)} (known: {', '.join(sorted(DEFAULTS))})")
    return merged
