"""Find, decode and read raw articles and their metadata into the `articles` table.

A corpus arrives as a folder of `.txt` files (one article each, `<id>.txt`, with an optional
`metadata.csv`), as one `.txt` file, or as a table (CSV, JSON Lines, Parquet) with a text column.
Raw files are only ever read. Files that cannot be used are skipped and listed in `problems`;
errors that make the whole corpus ambiguous (duplicate ids, a bad metadata date) stop the load.
"""

from __future__ import annotations

import hashlib
import os
import re
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd
from tqdm import tqdm

from toolkit.errors import CorpusError

ARTICLE_COLUMNS = [
    "article_id", "path", "text", "title", "section", "dateline", "standfirst", "body", "published",
    "date_source", "source", "url", "n_raw_lines", "n_body_lines", "n_dropped_lines", "sha256",
]
PROBLEM_COLUMNS = ["path", "article_id", "problem", "action"]
METADATA_COLUMNS = ["article_id", "published", "source", "url", "title"]
TABLE_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".parquet", ".pq"}

# Column names tried, in order, when a table's columns are not given explicitly.
COLUMN_CANDIDATES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "story", "full_text"),
    "id": ("article_id", "id", "doc_id", "docid", "uid"),
    "date": ("published", "date", "pubdate", "publish_date", "published_at", "publication_date", "datetime"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "site", "publisher"),
}
_PROGRESS_MIN_FILES = 50
# Share of control characters above which a file is taken for binary rather than text.
_BINARY_CONTROL_SHARE = 0.05
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")


class CorpusWarning(UserWarning):
    """Something was read in a degraded way or skipped; the `problems` table has the details."""


class LoadedCorpus(NamedTuple):
    """What `load_corpus` returns: the articles and the files or rows that could not be used."""

    articles: pd.DataFrame
    problems: pd.DataFrame


class _Problem(Exception):
    """A file that is skipped, with the reason a person reads in `problems`."""


def load_corpus(
    source: str | os.PathLike[str],
    *,
    metadata: str | os.PathLike[str] | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    url_column: str | None = None,
    strict: bool = False,
    progress: bool = True,
) -> LoadedCorpus:
    """Read a corpus into the `articles` table (see DESIGN.md) and a `problems` table.

    `source` is a folder of `.txt` files (its `raw/` subfolder when it has one, as `data/` does), one
    `.txt` file, or a CSV / JSON Lines / Parquet table. `metadata` defaults to `metadata.csv` in the
    folder. Table columns are found by name unless given. With `strict=True` the first problem is an
    error instead of a skipped file.
    """
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    columns = {"text": text_column, "id": id_column, "date": date_column, "title": title_column, "url": url_column}
    if path.is_dir():
        text_dir = path / "raw" if (path / "raw").is_dir() else path
        files = _find_text_files(text_dir)
        if not files:
            raise CorpusError(f"{path}: no .txt files found")
        records, problems = _read_files(files, strict=strict, progress=progress)
        meta_path = Path(metadata) if metadata is not None else path / "metadata.csv"
        articles = _apply_metadata(_frame(records), meta_path, required=metadata is not None, warn_unknown=True)
    elif path.suffix.lower() == ".txt":
        records, problems = _read_files([path], strict=strict, progress=False)
        meta_path = Path(metadata) if metadata is not None else _metadata_beside(path)
        articles = _apply_metadata(_frame(records), meta_path, required=metadata is not None, warn_unknown=False)
    elif path.suffix.lower() in TABLE_SUFFIXES:
        articles, problems = _read_table(path, columns, strict=strict)
        if metadata is not None:
            articles = _apply_metadata(articles, Path(metadata), required=True, warn_unknown=True)
    else:
        raise CorpusError(
            f"{path}: not a folder, .txt file or table ({', '.join(sorted(TABLE_SUFFIXES))})"
        )
    problem_table = pd.DataFrame(problems, columns=PROBLEM_COLUMNS)
    if articles.empty:
        first = f" (first: {Path(problems[0][0]).name}: {problems[0][2]})" if problems else ""
        raise CorpusError(f"{path}: no readable article, {len(problems)} skipped{first}")
    _warn_about(problem_table)
    return LoadedCorpus(articles.reset_index(drop=True), problem_table)


# --- files ---------------------------------------------------------------------------------------


def _find_text_files(folder: Path) -> list[Path]:
    """Every `.txt` under `folder`, sorted, skipping hidden files and folders; symlinked folders are not
    followed (no loops)."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / n for n in names if n.lower().endswith(".txt") and not n.startswith("."))
    return sorted(found)


def _metadata_beside(file: Path) -> Path:
    """`metadata.csv` in a file's folder, or beside that folder when it is a `raw/` folder (as in `data/`)."""
    here = file.parent / "metadata.csv"
    if not here.is_file() and file.parent.name == "raw":
        return file.parent.parent / "metadata.csv"
    return here


def decode_text(data: bytes, *, name: str = "<bytes>") -> tuple[str, str | None]:
    """Decode raw bytes to text with `\\n` line ends; returns the text and a note when it was not UTF-8.

    UTF-8 with or without BOM is expected; UTF-16 with its byte order mark is read and noted; anything
    else is read as cp1252 (the usual culprit in scraped text) and noted. Raises `_Problem` for binary or empty content.
    """
    if not data.strip():
        raise _Problem("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise _Problem("broken UTF-16 (byte order mark, then undecodable bytes)") from None
        return text.replace("\r\n", "\n").replace("\r", "\n"), "UTF-16 with byte order mark; read as UTF-16"
    if b"\x00" in data:
        raise _Problem("binary file (contains NUL bytes)")
    note = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = data.decode("cp1252", errors="replace")
        note = f"not valid UTF-8 (byte {exc.start}); read as cp1252"
    controls = len(_CONTROL_CHARACTERS.findall(text))
    if controls > _BINARY_CONTROL_SHARE * len(text):
        raise _Problem(f"binary file ({controls} control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n"), note


def _count_lines(text: str) -> int:
    return len(text.split("\n")) - (1 if text.endswith("\n") else 0)


def _record(article_id: str, path: str, text: str, digest: str) -> dict:
    return {
        "article_id": article_id, "path": path, "text": text, "title": None, "section": None, "dateline": None,
        "standfirst": None, "body": None, "published": pd.NaT, "date_source": "none", "source": None,
        "url": None, "n_raw_lines": _count_lines(text), "n_body_lines": pd.NA, "n_dropped_lines": pd.NA,
        "sha256": digest,
    }


def _read_files(files: Sequence[Path], *, strict: bool, progress: bool) -> tuple[list[dict], list[tuple]]:
    records: list[dict] = []
    problems: list[tuple] = []
    seen: dict[str, Path] = {}
    bar = tqdm(files, desc="loading", unit="file", disable=not progress or len(files) < _PROGRESS_MIN_FILES)
    for file in bar:
        article_id = file.stem
        if article_id in seen:
            raise CorpusError(f"{file}: duplicate article id {article_id!r} (also {seen[article_id]})")
        seen[article_id] = file
        try:
            data = file.read_bytes()
            text, note = decode_text(data, name=str(file))
        except (OSError, _Problem) as exc:
            reason = f"unreadable ({exc.strerror})" if isinstance(exc, OSError) else str(exc)
            if strict:
                raise CorpusError(f"{file}: {reason}") from None
            problems.append((str(file), article_id, reason, "skipped"))
            continue
        if note:
            if strict:
                raise CorpusError(f"{file}: {note}")
            problems.append((str(file), article_id, note, "read"))
        records.append(_record(article_id, str(file), text, hashlib.sha256(data).hexdigest()))
    return records, problems


def _frame(records: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(records, columns=ARTICLE_COLUMNS)
    frame["published"] = pd.to_datetime(frame["published"]).astype("datetime64[ns]")
    for column in ("n_raw_lines", "n_body_lines", "n_dropped_lines"):
        frame[column] = frame[column].astype("Int64")
    return frame


# --- dates and metadata --------------------------------------------------------------------------


def parse_date(value: object, *, where: str) -> pd.Timestamp:
    """An ISO 8601 date (or date-time) as a naive Timestamp; empty is NaT; anything else is an error
    naming `where` and the value, because a guessed date would silently move a whole timeline."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return pd.NaT
    if isinstance(value, pd.Timestamp):
        stamp = value
    else:
        raw = str(value).strip()
        if not raw:
            return pd.NaT
        try:
            stamp = pd.Timestamp(pd.to_datetime(raw, format="ISO8601"))
        except (ValueError, OverflowError) as exc:
            if "out of bounds" in str(exc).lower():
                raise CorpusError(
                    f"{where}: date {raw!r} is outside the supported range "
                    f"{pd.Timestamp.min.year + 1}-{pd.Timestamp.max.year - 1}"
                ) from None
            raise CorpusError(f"{where}: date {raw!r} is not an ISO date (YYYY-MM-DD)") from None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_convert("UTC").tz_localize(None)
    return stamp


def _read_metadata(path: Path) -> pd.DataFrame:
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot read metadata ({str(exc).splitlines()[0]})") from None
    if "article_id" not in meta.columns:
        raise CorpusError(f"{path}: metadata has no article_id column (columns: {', '.join(meta.columns)})")
    duplicated = meta["article_id"][meta["article_id"].duplicated()]
    if not duplicated.empty:
        row = int(duplicated.index[0]) + 2
        raise CorpusError(f"{path}, line {row}: duplicate article_id {duplicated.iloc[0]!r}")
    if "published" in meta.columns:
        meta["published"] = _parse_dates(meta["published"], where=lambda i: f"{path}, line {i + 2}")
    return meta


def _parse_dates(values: pd.Series, *, where: Callable[[int], str]) -> pd.Series:
    """Parse a column of ISO dates at once; the first value that does not parse gets `parse_date`'s
    error naming its row."""
    text = values.fillna("").astype(str).str.strip()
    parsed = pd.to_datetime(text.where(text != ""), format="ISO8601", errors="coerce", utc=True)
    parsed = parsed.dt.tz_localize(None).astype("datetime64[ns]")
    for i in ((text != "") & parsed.isna()).to_numpy().nonzero()[0]:  # positions only: no per-row indexing
        parse_date(text.iloc[i], where=where(int(i)))
    return parsed


def _apply_metadata(articles: pd.DataFrame, path: Path, *, required: bool, warn_unknown: bool) -> pd.DataFrame:
    if not path.is_file():
        if required:
            raise CorpusError(f"{path}: metadata file not found")
        return articles
    meta = _read_metadata(path).set_index("article_id")
    unknown = sorted(set(meta.index) - set(articles["article_id"]))
    if unknown and warn_unknown:
        shown = ", ".join(unknown[:5]) + (" ..." if len(unknown) > 5 else "")
        warnings.warn(f"{path}: {len(unknown)} metadata rows name no article: {shown}", CorpusWarning, stacklevel=3)
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


# --- tables --------------------------------------------------------------------------------------


def _read_table_file(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if suffix in (".jsonl", ".ndjson"):
            return pd.read_json(path, lines=True, dtype=False)
        return pd.read_parquet(path)
    except Exception as exc:  # pandas raises many types; the user needs the file and the first line of why
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusError(f"{path}: cannot read table ({reason})") from None


def _pick(table: pd.DataFrame, role: str, given: str | None, path: Path, *, required: bool) -> str | None:
    if given is not None:
        if given not in table.columns:
            raise CorpusError(f"{path}: no column {given!r} (columns: {', '.join(map(str, table.columns))})")
        return given
    lower = {str(c).lower(): c for c in table.columns}
    for name in COLUMN_CANDIDATES[role]:
        if name in lower:
            return lower[name]
    if required:
        raise CorpusError(
            f"{path}: no {role} column found (tried {', '.join(COLUMN_CANDIDATES[role])}; "
            f"columns: {', '.join(map(str, table.columns))}); name it with {role}_column="
        )
    return None


def _read_table(path: Path, columns: dict[str, str | None], *, strict: bool) -> tuple[pd.DataFrame, list[tuple]]:
    table = _read_table_file(path)
    text_col = _pick(table, "text", columns["text"], path, required=True)
    id_col = _pick(table, "id", columns["id"], path, required=False)
    date_col = _pick(table, "date", columns["date"], path, required=False)
    title_col = _pick(table, "title", columns["title"], path, required=False)
    url_col = _pick(table, "url", columns["url"], path, required=False)
    source_col = _pick(table, "source", None, path, required=False)
    width = len(str(len(table)))
    records: list[dict] = []
    problems: list[tuple] = []
    seen: dict[str, int] = {}
    for i, row in enumerate(table.to_dict("records")):
        line = i + 2 if path.suffix.lower() == ".csv" else i + 1
        where = f"{path}, {'line' if path.suffix.lower() != '.parquet' else 'row'} {line}"
        article_id = str(row[id_col]).strip() if id_col and _present(row[id_col]) else f"{path.stem}_{i + 1:0{width}d}"
        if article_id in seen:
            raise CorpusError(f"{where}: duplicate article id {article_id!r} (also row {seen[article_id]})")
        seen[article_id] = line
        raw = row[text_col]
        if not _present(raw) or not str(raw).strip():
            if strict:
                raise CorpusError(f"{where}: empty text")
            problems.append((where, article_id, "empty text", "skipped"))
            continue
        text = str(raw).replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        record = _record(article_id, where, text, hashlib.sha256(str(raw).encode("utf-8")).hexdigest())
        if date_col:
            record["published"] = parse_date(row[date_col], where=where)
            record["date_source"] = "none" if pd.isna(record["published"]) else "metadata"
        for column, key in ((title_col, "title"), (url_col, "url"), (source_col, "source")):
            if column and _present(row[column]) and str(row[column]).strip():
                record[key] = str(row[column])
        records.append(record)
    if not records and not problems:
        raise CorpusError(f"{path}: the table has no rows")
    return _frame(records), problems


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value))


def _warn_about(problems: pd.DataFrame) -> None:
    if problems.empty:
        return
    first = problems.head(5)
    shown = "; ".join(f"{Path(p).name}: {why}" for p, why in zip(first["path"], first["problem"], strict=True))
    more = f" and {len(problems) - 5} more" if len(problems) > 5 else ""
    skipped = int((problems["action"] == "skipped").sum())
    warnings.warn(
        f"{len(problems)} input problem(s), {skipped} skipped (see `problems`): {shown}{more}",
        CorpusWarning,
        stacklevel=3,
    )


def summarise(articles: pd.DataFrame) -> pd.DataFrame:
    """One-column overview of a corpus: size, words, date coverage and sources, for a notebook or report."""
    words = articles["text"].fillna("").str.split().str.len()
    dated = articles["published"].dropna()
    rows = {
        "articles": len(articles),
        "words": int(words.sum()),
        "median words per article": int(words.median()) if len(words) else 0,
        "articles with a publication date": len(dated),
        "first publication date": dated.min().date().isoformat() if len(dated) else "none",
        "last publication date": dated.max().date().isoformat() if len(dated) else "none",
        "sources": ", ".join(
            f"{name} ({count})" for name, count in articles["source"].fillna("unknown").value_counts().items()
        ),
    }
    return pd.DataFrame({"value": [str(v) for v in rows.values()]}, index=pd.Index(list(rows), name="corpus"))
