"""Where a corpus's tables are kept between notebooks, and whether the tables found there are current.

A notebook on the bundled `data/` keeps its tables in `data/processed/`; on any other source they go beside
that source, never into the bundled folder. Each saved table is recorded in `manifest.json` with the key of
the corpus and settings that made it, so the next notebook reads it back only while that key still holds."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

import pandas as pd

from toolkit.config import DATA_DIR, PACKAGE_DIR
from toolkit.io import write_parquet_atomic, write_text_atomic

MANIFEST = "manifest.json"
# What a table is made from: the articles' content (not where the files are: a moved corpus is the same one).
_KEY_COLUMNS = ("article_id", "text", "published", "title", "source", "url")
# Modules that show tables but do not make them: editing them keeps saved tables current.
_PRESENTATION = {"cli", "report", "plots", "show", "explore", "workspace"}
_SETTINGS_SECTIONS = ("nlp", "clean", "entities", "timeline")


def processed_dir_for(source: str | os.PathLike[str], processed_dir: str | os.PathLike[str] | None = None) -> Path:
    """`processed_dir` when given; else `data/processed` for the bundled corpus, `<folder>/processed` for a
    folder source, and `<name>.processed/` beside a file source (`corpus.csv` -> `corpus.processed/`)."""
    if processed_dir is not None and str(processed_dir):
        return Path(processed_dir).resolve()
    path = Path(source).resolve()
    if path == DATA_DIR.resolve() or path == (DATA_DIR / "raw").resolve():
        return DATA_DIR.resolve() / "processed"
    if path.is_dir():
        return path / "processed"
    return path.with_name(f"{path.stem}.processed")


def code_and_settings_key() -> str:
    """Hash of the toolkit's source files (every module but those that only present results) and of the
    settings in force. Independent of which modules a notebook happened to import."""
    from toolkit.config import settings

    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        if path.stem in _PRESENTATION or "__pycache__" in path.parts:
            continue
        digest.update(str(path.relative_to(PACKAGE_DIR)).encode())
        digest.update(path.read_bytes())
    for section in _SETTINGS_SECTIONS:
        digest.update(json.dumps(settings(section), sort_keys=True, default=str).encode())
    return digest.hexdigest()


def corpus_key(articles: pd.DataFrame) -> str:
    """Hash of what the tables of these articles depend on: each article's content and metadata, the
    toolkit's code and the settings in force (defaults and the user's `toolkit.toml`)."""
    digest = hashlib.sha256(code_and_settings_key().encode())
    for column in _KEY_COLUMNS:
        if column not in articles.columns:
            continue
        digest.update(f"\x01{column}\x01".encode())
        for value in articles[column]:
            digest.update(b"\x00<NA>" if value is None or pd.isna(value) else str(value).encode("utf-8", "replace"))
            digest.update(b"\x00")
    return digest.hexdigest()[:16]


def read_manifest(folder: str | os.PathLike[str]) -> dict[str, str]:
    """`{table name: key}` of the tables saved in `folder` (empty when there is none or it is unreadable)."""
    try:
        manifest = json.loads((Path(folder) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in manifest.items()} if isinstance(manifest, dict) else {}


def save_current(tables: Mapping[str, pd.DataFrame], folder: str | os.PathLike[str], *, key: str) -> list[Path]:
    """Write each table as `folder/<name>.parquet` (atomically) and record it under `key` in the manifest."""
    out = Path(folder)
    written = [write_parquet_atomic(table, out / f"{name}.parquet") for name, table in tables.items()]
    manifest = {**read_manifest(out), **dict.fromkeys(tables, key)}
    write_text_atomic(out / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    return written


def load_current(names: Iterable[str], folder: str | os.PathLike[str], *, key: str) -> dict[str, pd.DataFrame] | None:
    """The tables `names` from `folder` when every one was saved under `key`, else None (missing, made from
    another corpus or settings, or unreadable: the caller computes them again)."""
    manifest = read_manifest(folder)
    names = list(names)
    if any(manifest.get(name) != key for name in names):
        return None
    try:
        return {name: pd.read_parquet(Path(folder) / f"{name}.parquet") for name in names}
    except (OSError, ValueError):
        return None


def clean_tables(
    corpus_articles: pd.DataFrame, folder: str | os.PathLike[str]
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """The cleaning notebook's `articles` and `lines` for this corpus: read from `folder` when current, else
    cleaned now. The third value says which, in a sentence for the notebook."""
    from toolkit.clean import clean_corpus

    key = corpus_key(corpus_articles)
    found = load_current(("articles", "lines"), folder, key=key)
    if found is not None:
        return found["articles"], found["lines"], f"read the clean tables from {folder} (current for this corpus)"
    articles, lines = clean_corpus(corpus_articles, progress=False)
    return articles, lines, f"cleaned the corpus now (no current clean tables in {folder})"


def current_or_computed(
    names: Iterable[str], folder: str | os.PathLike[str], *, key: str, compute: Callable[[], Mapping[str, pd.DataFrame]]
) -> tuple[dict[str, pd.DataFrame], str]:
    """The tables `names` read from `folder` when current under `key`, else `compute()`'s; with a sentence
    saying which (a notebook prints it)."""
    names = list(names)
    found = load_current(names, folder, key=key)
    if found is not None:
        return found, f"read {', '.join(names)} from {folder} (current for this corpus)"
    computed = dict(compute())
    return {name: computed[name] for name in names}, f"computed {', '.join(names)} now (none current in {folder})"
