"""Find, decode and read raw articles and their metadata into the `articles` table.

A corpus arrives as a folder of `.txt` files (one article each, `<id>.txt`, with an optional
`metadata.csv`), as one `.txt` file, or as a table (CSV, JSON Lines, Parquet) with a text column.
Raw files are only ever read. Files that cannot be used are skipped and listed in `problems`;
errors that make the whole corpus ambiguous (duplicate ids, a bad metadata date) stop the load.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import stat
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

import numpy as np
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
    allow_outside_links: bool = False,
    progress: bool = True,
) -> LoadedCorpus:
    """Read a corpus into the `articles` table (see DESIGN.md) and a `problems` table.

    `source` is a folder of `.txt` files (its `raw/` subfolder when it has one, as `data/` does), one
    `.txt` file, or a CSV / JSON Lines / Parquet table. `metadata` defaults to `metadata.csv` in the
    folder. Table columns (and metadata columns) are found by name unless given. With `strict=True` the
    first problem is an error instead of a skipped file. A `.txt` in a folder that is a symlink to a file
    outside the folder is skipped unless `allow_outside_links=True`. Only regular files are ever opened.
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
        inside = () if allow_outside_links else (path, text_dir)
        records, problems = _read_files(files, strict=strict, progress=progress, inside=inside)
        meta_path = Path(metadata) if metadata is not None else path / "metadata.csv"
        articles = _apply_metadata(_frame(records), meta_path, problems, required=metadata is not None,
                                   warn_unknown=True)  # fmt: skip
    elif path.suffix.lower() == ".txt":
        records, problems = _read_files([path], strict=strict, progress=False)
        meta_path = Path(metadata) if metadata is not None else _metadata_beside(path)
        articles = _apply_metadata(_frame(records), meta_path, problems, required=metadata is not None,
                                   warn_unknown=False)  # fmt: skip
    elif path.suffix.lower() in TABLE_SUFFIXES:
        if not _is_regular(path):
            raise CorpusError(f"{path}: not a regular file")
        articles, problems = _read_table(path, columns, strict=strict)
        if metadata is not None:
            articles = _apply_metadata(articles, Path(metadata), problems, required=True, warn_unknown=True)
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


def _is_regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _read_regular(file: Path) -> bytes:
    """The bytes of `file` when it is a regular file. A FIFO, socket or device is never opened (opening a
    FIFO waits for a writer, reading a device may never end): raises `_Problem` instead."""
    if not stat.S_ISREG(os.stat(file).st_mode):
        raise _Problem("not a regular file")
    # O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not wait; fstat then refuses it
    with os.fdopen(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise _Problem("not a regular file")
        return handle.read()


def _leaves(file: Path, roots: tuple[Path, ...]) -> bool:
    """Whether `file` is a symlink whose target is outside every one of the (resolved) `roots`."""
    if not file.is_symlink():
        return False
    target = file.resolve()
    return not any(target.is_relative_to(root) for root in roots)


def _as_cp1252(error: UnicodeError) -> tuple[str, int]:
    """Decode the bytes UTF-8 could not as cp1252, the usual culprit in scraped text (its five undefined
    bytes become U+FFFD); the valid UTF-8 around them stays as it is."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("toolkit-cp1252", _as_cp1252)


def _line_list(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:5]))
    more = f" and {len(numbers) - 5} more" if len(numbers) > 5 else ""
    return f"line{'s' if len(numbers) > 1 else ''} {shown}{more}"


def decode_text(data: bytes, *, name: str = "<bytes>") -> tuple[str, str | None]:
    """Decode raw bytes to text with `\\n` line ends; returns the text and a note when it was not UTF-8.

    UTF-8 with or without BOM is expected; UTF-16 with its byte order mark is read and noted. Bytes that
    are not valid UTF-8 are read as cp1252 (the usual culprit in scraped text) where they stand, so that the
    rest of the file stays UTF-8 (`Café` is not turned into `CafÃ©`), and the note names their lines.
    Raises `_Problem` for binary or empty content.
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
    data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")  # ASCII: never inside a UTF-8 sequence
    note = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("utf-8-sig", errors="toolkit-cp1252")
        bad = [n for n, line in enumerate(data.split(b"\n"), 1) if not _is_utf8(line)]
        note = f"not valid UTF-8 on {_line_list(bad)}; those bytes read as cp1252"
    controls = len(_CONTROL_CHARACTERS.findall(text))
    if controls > _BINARY_CONTROL_SHARE * len(text):
        raise _Problem(f"binary file ({controls} control characters)")
    return text, note


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _count_lines(text: str) -> int:
    return len(text.split("\n")) - (1 if text.endswith("\n") else 0)


def _record(article_id: str, path: str, text: str, digest: str) -> dict:
    return {
        "article_id": article_id, "path": path, "text": text, "title": None, "section": None, "dateline": None,
        "standfirst": None, "body": None, "published": pd.NaT, "date_source": "none", "source": None,
        "url": None, "n_raw_lines": _count_lines(text), "n_body_lines": pd.NA, "n_dropped_lines": pd.NA,
        "sha256": digest,
    }


def _read_files(
    files: Sequence[Path], *, strict: bool, progress: bool, inside: tuple[Path, ...] = ()
) -> tuple[list[dict], list[tuple]]:
    """Read and decode each file; a symlink to a file outside all the `inside` folders (when given) is skipped."""
    roots = tuple(folder.resolve() for folder in inside)
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
            if roots and _leaves(file, roots):
                raise _Problem("symlink leaves the corpus folder")
            data = _read_regular(file)
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
    naming `where` and the value, because a guessed date would silently move a whole timeline. A time-zone
    offset is dropped, not converted: `2020-03-01T23:30:00-05:00` stays on its local day, 1 March."""
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
        stamp = stamp.tz_localize(None)
    return stamp


# Metadata columns as the `articles` table names them, by the role `_pick` finds them under.
_METADATA_ROLES = {"id": "article_id", "date": "published", "title": "title", "url": "url", "source": "source"}
# A time-zone offset after a time of day (`T23:30:00-05:00`, ` 23:30Z`): dropped so the local day stays.
_ZONE_OFFSET = re.compile(
    r"([T\s]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?)\s*(?:Z|[+-]\d{2}(?::?\d{2})?)$", re.IGNORECASE
)


def _read_metadata(path: Path) -> pd.DataFrame:
    """`metadata.csv` with its columns found by name as a table's are (`id`, `date`, ... will do), renamed
    to the `articles` table's names; dates parsed, ids unique."""
    try:
        meta = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise CorpusError(f"{path}: cannot read metadata ({str(exc).splitlines()[0]})") from None
    found = {role: _pick(meta, role, None, path, required=role == "id", hint=False) for role in _METADATA_ROLES}
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


def _apply_metadata(
    articles: pd.DataFrame, path: Path, problems: list[tuple], *, required: bool, warn_unknown: bool
) -> pd.DataFrame:
    """Metadata values over the articles' own; a metadata path that is not a regular file (a FIFO would
    hang the read) is an error when given, else skipped and listed in `problems`."""
    if not path.exists():
        if required:
            raise CorpusError(f"{path}: metadata file not found")
        return articles
    if not _is_regular(path):
        if required:
            raise CorpusError(f"{path}: not a regular file")
        problems.append((str(path), None, "not a regular file", "skipped"))
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


def _read_table_file(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """The table and, for each row, the line (CSV, JSON Lines) or row (Parquet) a person finds it at."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            return table, list(range(2, len(table) + 2))
        if suffix in (".jsonl", ".ndjson"):
            return _read_json_lines(path)
        table = pd.read_parquet(path)
        return table, list(range(1, len(table) + 1))
    except CorpusError:
        raise
    except Exception as exc:  # pandas raises many types; the user needs the file and the first line of why
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise CorpusError(f"{path}: cannot read table ({reason})") from None


def _read_json_lines(path: Path) -> tuple[pd.DataFrame, list[int]]:
    """One JSON object per line (blank lines allowed); a line that is not one is an error naming it.
    Values are kept as JSON gives them (no date or number guessing): the columns are checked later."""
    rows: list[dict] = []
    lines: list[int] = []
    with path.open("rb") as handle:
        for number, line in enumerate(handle, 1):
            try:
                row = json.loads(line.decode("utf-8-sig" if number == 1 else "utf-8")) if line.strip() else None
            except UnicodeDecodeError as exc:
                raise CorpusError(f"{path}, line {number}: not valid UTF-8 (byte {exc.start + 1})") from None
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{path}, line {number}: not valid JSON ({exc.msg}, column {exc.colno})") from None
            if row is not None and not isinstance(row, dict):
                raise CorpusError(f"{path}, line {number}: not a JSON object but {type(row).__name__}")
            if row is not None:
                rows.append(row)
                lines.append(number)
    return pd.DataFrame.from_records(rows), lines


def _pick(
    table: pd.DataFrame, role: str, given: str | None, path: Path, *, required: bool, hint: bool = True
) -> str | None:
    """The column of `table` that plays `role`: `given`, else the first of `COLUMN_CANDIDATES[role]`
    present (any case). Missing and required: an error listing the columns found."""
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
            f"columns: {', '.join(map(str, table.columns))})" + (f"; name it with {role}_column=" if hint else "")
        )
    return None


def _read_table(path: Path, columns: dict[str, str | None], *, strict: bool) -> tuple[pd.DataFrame, list[tuple]]:
    table, lines = _read_table_file(path)
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
        line = lines[i]
        where = f"{path}, {'line' if path.suffix.lower() != '.parquet' else 'row'} {line}"
        article_id = str(row[id_col]).strip() if id_col and _present(row[id_col]) else f"{path.stem}_{i + 1:0{width}d}"
        if article_id in seen:
            raise CorpusError(f"{where}: duplicate article id {article_id!r} (also row {seen[article_id]})")
        seen[article_id] = line
        raw = row[text_col]
        if _present(raw) and not isinstance(raw, str):  # its repr would become the article's text
            raise CorpusError(f"{where}: column {text_col!r} holds {_kind(raw)}, not text")
        if not _present(raw) or not raw.strip():
            if strict:
                raise CorpusError(f"{where}: empty text")
            problems.append((where, article_id, "empty text", "skipped"))
            continue
        text = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        record = _record(article_id, where, text, hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest())
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
    """Not a missing value (None, NaN, pandas' NA or NaT), which a table's empty cells are read as."""
    return not (value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value))


def _kind(value: object) -> str:
    """What a non-text cell holds, as a person says it."""
    if isinstance(value, bool | np.bool_):
        return "a boolean"
    if isinstance(value, int | float | np.number):
        return "a number"
    if isinstance(value, bytes | bytearray):
        return "bytes"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list | tuple | np.ndarray):
        return "a list"
    return f"a {type(value).__name__}"


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
