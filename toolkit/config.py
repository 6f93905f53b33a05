"""Paths and settings in one place: a packaged default config that a user file overrides."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_ROOT = PACKAGE_DIR.parent
DATA_DIR = PROJECT_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
NOTEBOOKS_DIR = PROJECT_ROOT / "notebooks"
REPORTS_DIR = PROJECT_ROOT / "reports"
DEFAULTS_FILE = PACKAGE_DIR / "defaults.toml"
USER_CONFIG_ENV = "TOOLKIT_CONFIG"
# Articles processed together (parsed, then their timexes read as one batch): big enough to batch well,
# small enough that a partition's Docs fit in memory. The runner and `timeline.extract_timexes` share it.
DEFAULT_PARTITION_SIZE = 250


def cache_dir() -> Path:
    """Where parsed Docs are cached: $TOOLKIT_CACHE_DIR, else the user's cache directory."""
    return Path(os.environ.get("TOOLKIT_CACHE_DIR") or user_cache_dir("article-corpus-toolkit"))


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def user_config_path() -> Path | None:
    """The user's settings file: $TOOLKIT_CONFIG, else ./toolkit.toml when it exists, else None."""
    explicit = os.environ.get(USER_CONFIG_ENV)
    if explicit:
        return Path(explicit)
    local = Path.cwd() / "toolkit.toml"
    return local if local.is_file() else None


@cache
def _settings_from(path: Path | None) -> dict[str, Any]:
    with DEFAULTS_FILE.open("rb") as handle:
        settings = tomllib.load(handle)
    if path is not None:
        from toolkit.errors import ToolkitError

        try:
            with path.open("rb") as handle:
                settings = _merge(settings, tomllib.load(handle))
        except OSError as exc:
            raise ToolkitError(f"{path}: cannot read settings file ({exc.strerror})") from None
        except tomllib.TOMLDecodeError as exc:
            raise ToolkitError(f"{path}: not valid TOML ({exc})") from None
    return settings


def settings(section: str) -> dict[str, Any]:
    """The settings of one section (`nlp`, `clean`, `entities`, `timeline`), defaults overridden by the user file."""
    return dict(_settings_from(user_config_path()).get(section, {}))
