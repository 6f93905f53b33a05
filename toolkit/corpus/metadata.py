"""Publication dates and `metadata.csv`: ISO dates parsed strictly (a guessed date would silently move a
whole timeline), metadata values laid over the articles' own."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Collection
from pathlib import Path

import pandas as pd

from toolkit.corpus.dates import parse_date
from toolkit.corpus.problems import CorpusWarning
from toolkit.corpus.tables import pick_column
from toolkit.errors import CorpusError

METADATA_COLUMNS = ["article_id", "published", "source", "url", "title"]
# Metadata columns as the `articles` table names them, by the role `pick_column` finds them under.
_METADATA_ROLES = {"id": "article_id", "date": "published", "title": "title", "url": "url", "source": "source"}
# A time-zone offset after a time of day (`T23:30:00-05:00`, ` 23:30Z`): dropped so the local day stays.
_ZONE_OFFSET = re.compile(
    r"([T\s]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE
)


def read_metadata(path: Path) -> pd.DataFrame:
    """`metadata.csv` with its columns found by name as a table's are (`id`, `date`, ... will do), renamed
    to the `articles` table's names; dates parsed, ids unique."""
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot read metadata ({str(exc).splitlines()[0]})") from None
    columns = list(meta.columns)
    found = {
        role: pick_column(columns, role, None, path, required=role == "id", hint=False) for role in _METADATA_ROLES
    }
    meta = meta[[column for column in found.values() if column is not None]]
    meta.columns = [_METADATA_ROLES[role] for role, column in found.items() if column is not None]
    duplicated = meta["article_id"][meta["article_id"].duplicated()]
    if not duplicated.empty:
        row = int(duplicated.index[0]) + 2
        raise CorpusError(f"{path}, line {row}: duplicate article_id {duplicated.iloc[0]!r}")
    if "published" in meta.columns:
        meta["published"] = _parse_dates(meta["published"], where=lambda i: f"{path}, line {i + 2}")
    return meta


def _parse_dates(values: pd.Series, *, where: Callable[[int], str]) -> pd.Series:
    """Parse a column of ISO dates at once, as `parse_date` does one; the first value that does not parse
    gets `parse_date`'s error naming its row."""
    text = values.fillna("").astype(str).str.strip()
    local = text.str.replace(_ZONE_OFFSET, r"\1", regex=True)
    try:
        parsed = pd.to_datetime(local.where(local != ""), format="ISO8601", errors="coerce").astype("datetime64[ns]")
    except (ValueError, TypeError):  # an offset the pattern missed left some values zoned: one at a time
        stamps = [parse_date(value, where=where(i)) for i, value in enumerate(text)]
        return pd.Series(stamps, index=values.index, dtype="datetime64[ns]")
    for i in ((text != "") & parsed.isna()).to_numpy().nonzero()[0]:  # positions only: no per-row indexing
        parse_date(text.iloc[i], where=where(int(i)))
    return parsed


def apply_metadata(articles: pd.DataFrame, meta: pd.DataFrame) -> pd.DataFrame:
    """Metadata values (`read_metadata`, indexed by `article_id`) over the articles' own."""
    articles = articles.copy()
    ids = articles["article_id"]
    for column in ("title", "source", "url"):
        if column in meta.columns:
            values = ids.map(meta[column]).replace("", None)
            articles[column] = values.where(values.notna(), articles[column])
    if "published" in meta.columns:
        dates = pd.to_datetime(ids.map(meta["published"])).astype("datetime64[ns]")
        has_date = dates.notna()
        articles.loc[has_date, "published"] = dates[has_date]
        articles.loc[has_date, "date_source"] = "metadata"
    return articles


def warn_unknown_ids(path: Path, meta: pd.DataFrame, article_ids: Collection[str]) -> None:
    """Warn about the metadata rows (indexed by `article_id`) that name no article read."""
    unknown = sorted(set(meta.index) - set(article_ids))
    if unknown:
        shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        warnings.warn(f"{path}: {len(unknown)} metadata rows name no article: {shown}", CorpusWarning, stacklevel=4)
