"""The settings of the story step: the `[stories]` section of the defaults, overridden by keyword options."""

from __future__ import annotations

from typing import Any

from toolkit.config import settings
from toolkit.errors import ToolkitError


def options(**overrides: Any) -> dict[str, Any]:
    """`settings("stories")` with `overrides` applied; an unknown name is an error, not silently ignored."""
    merged = settings("stories")
    unknown = sorted(set(overrides) - set(merged))
    if unknown:
        raise ToolkitError(f"unknown story option {', '.join(unknown)} (known: {', '.join(sorted(merged))})")
    merged.update(overrides)
    return merged
