"""Reading a corpus from its source: `load_corpus` into memory at once, `stream_corpus` chunk by chunk (as
often as asked, so that a run over a corpus bigger than memory reads it again instead of holding it). Both
read through the same passes, so the chunks of a stream make up the table `load_corpus` returns."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from toolkit.corpus.articles import articles_frame
from toolkit.corpus.files import find_text_files, is_regular, metadata_beside, read_text_files
from toolkit.corpus.metadata import apply_metadata, read_metadata, warn_unknown_ids
from toolkit.corpus.problems import problem_table, warn_about
from toolkit.corpus.tables import TABLE_SUFFIXES, read_table_rows
from toolkit.errors import CorpusError

DEFAULT_CHUNK_SIZE = 250


class LoadedCorpus(NamedTuple):
    """What `load_corpus` returns: the articles and the files or rows that could not be used."""

    articles: pd.DataFrame
    problems: pd.DataFrame


@dataclass(frozen=True)
class _Source:
    """What a pass reads: the files of a folder (or the one `.txt`), or a table; its metadata file."""

    path: Path
    files: tuple[str, ...] | None  # None: `path` is a table
    inside: tuple[Path, ...]
    metadata: Path | None
    metadata_required: bool
    warn_unknown: bool
    columns: dict[str, str | None]
    strict: bool


def _source(
    source: str | os.PathLike[str], *, metadata: str | os.PathLike[str] | None, columns: dict[str, str | None],
    strict: bool, allow_outside_links: bool,
) -> _Source:  # fmt: skip
    """What `source` is, checked: its files found, its metadata file chosen."""
    path = Path(source)
    if not path.exists():
        raise CorpusError(f"{path}: no such file or folder")
    given = Path(metadata) if metadata is not None else None
    options = {"columns": columns, "strict": strict, "metadata_required": given is not None}
    if path.is_dir():
        text_dir = path / "raw" if (path / "raw").is_dir() else path
        files = find_text_files(text_dir)
        if not files:
            raise CorpusError(f"{path}: no .txt files found")
        inside = () if allow_outside_links else (path, text_dir)
        return _Source(path, tuple(files), inside, given or path / "metadata.csv", warn_unknown=True, **options)
    if path.suffix.lower() == ".txt":
        return _Source(path, (str(path),), (), given or metadata_beside(path), warn_unknown=False, **options)
    if path.suffix.lower() in TABLE_SUFFIXES:
        if not is_regular(path):
            raise CorpusError(f"{path}: not a regular file")
        return _Source(path, None, (), given, warn_unknown=True, **options)
    raise CorpusError(f"{path}: not a folder, .txt file or table ({', '.join(sorted(TABLE_SUFFIXES))})")


def _metadata(source: _Source, problems: list[tuple]) -> pd.DataFrame | None:
    """The metadata table indexed by `article_id`, or None when there is none. A metadata path that is not
    a regular file (a FIFO would hang the read) is an error when given, else listed in `problems`."""
    path = source.metadata
    if path is None:
        return None
    if not path.exists():
        if source.metadata_required:
            raise CorpusError(f"{path}: metadata file not found")
        return None
    if not is_regular(path):
        if source.metadata_required:
            raise CorpusError(f"{path}: not a regular file")
        problems.append((str(path), None, "not a regular file", "skipped"))
        return None
    return read_metadata(path).set_index("article_id")


def _read(
    source: _Source, *, chunk_size: int | None, first: bool, progress: bool, problems: list[tuple]
) -> Iterator[pd.DataFrame]:
    """One pass over the source: the `articles` table in chunks of `chunk_size` articles (None: one chunk),
    metadata applied; the files or rows that could not be used appended to `problems`, in order. The
    metadata is read when the first chunk is done, as `load_corpus` reads it after the files; its rows
    that name no article are warned about on the `first` pass only."""
    seen: dict[str, object] = {}
    if source.files is not None:
        items = read_text_files(source.files, seen, strict=source.strict, progress=progress, inside=source.inside)
    else:
        items = read_table_rows(source.path, source.columns, seen, strict=source.strict, batch_rows=chunk_size)
    metadata_problems: list[tuple] = []  # listed after the files', as they are met after them
    meta: list[pd.DataFrame | None] = []  # read once, when first needed
    ids: set[str] = set()

    def chunk(records: list[dict]) -> pd.DataFrame:
        if not meta:
            meta.append(_metadata(source, metadata_problems))
        frame = articles_frame(records)
        ids.update(frame["article_id"])
        return frame if meta[0] is None else apply_metadata(frame, meta[0])

    records: list[dict] = []
    for item in items:
        if isinstance(item, tuple):
            problems.append(item)
            continue
        records.append(item)
        if chunk_size is not None and len(records) >= chunk_size:
            yield chunk(records)
            records = []
    if records or not meta:
        yield chunk(records)
    problems.extend(metadata_problems)
    if first and meta[0] is not None and source.warn_unknown:
        warn_unknown_ids(source.metadata, meta[0], ids)


class CorpusStream:
    """The `articles` table of a corpus read from its source chunk by chunk, once per `chunks()` call, so
    that only one chunk of raw texts is held at a time. The first complete pass counts the articles, lists
    the `problems` and raises or warns as `load_corpus` does; a later pass that finds another number of
    articles (the source changed meanwhile) is an error."""

    def __init__(self, source: _Source, *, chunk_size: int | None, progress: bool) -> None:
        self._source = source
        self._chunk_size = chunk_size
        self._progress = progress
        self._n_articles: int | None = None
        self._problems: pd.DataFrame | None = None
        self._steps: tuple[Callable[[pd.DataFrame], pd.DataFrame], ...] = ()

    def chunks(self) -> Iterator[pd.DataFrame]:
        """One pass: the articles in order, in chunks of `chunk_size` (the last one shorter)."""
        first = self._n_articles is None
        problems: list[tuple] = []
        n_articles = 0
        for chunk in _read(self._source, chunk_size=self._chunk_size, first=first,
                           progress=first and self._progress, problems=problems):  # fmt: skip
            n_articles += len(chunk)
            for step in self._steps:
                chunk = step(chunk)
            if len(chunk):
                yield chunk
        if first:
            self._problems = problem_table(problems)
            if not n_articles:
                first_problem = f" (first: {Path(problems[0][0]).name}: {problems[0][2]})" if problems else ""
                raise CorpusError(f"{self._source.path}: no readable article, {len(problems)} skipped{first_problem}")
            warn_about(self._problems)
            self._n_articles = n_articles
        elif n_articles != self._n_articles:
            raise CorpusError(f"{self._source.path}: changed while it was read ({self._n_articles} articles, "
                              f"then {n_articles})")  # fmt: skip

    def __len__(self) -> int:
        """The number of articles (a first pass reads the source when none has yet)."""
        if self._n_articles is None:
            for _ in self.chunks():
                pass
        return self._n_articles or 0

    @property
    def problems(self) -> pd.DataFrame:
        """The `problems` table, as `load_corpus` gives it (a first pass reads the source when none has yet)."""
        len(self)
        return self._problems

    def map(self, step: Callable[[pd.DataFrame], pd.DataFrame]) -> CorpusStream:
        """This stream with `step` applied to every chunk; `step` keeps the articles and their order."""
        mapped = copy.copy(self)
        mapped._steps = (*self._steps, step)
        return mapped


def stream_corpus(
    source: str | os.PathLike[str],
    *,
    chunk_size: int | None = DEFAULT_CHUNK_SIZE,
    metadata: str | os.PathLike[str] | None = None,
    text_column: str | None = None,
    id_column: str | None = None,
    date_column: str | None = None,
    title_column: str | None = None,
    url_column: str | None = None,
    strict: bool = False,
    allow_outside_links: bool = False,
    progress: bool = True,
) -> CorpusStream:
    """`source` as a `CorpusStream` of chunks of `chunk_size` articles (None: one chunk); the options are
    `load_corpus`'s. The source is checked and its files are listed now; it is read on each pass."""
    columns = {"text": text_column, "id": id_column, "date": date_column, "title": title_column, "url": url_column}
    checked = _source(source, metadata=metadata, columns=columns, strict=strict,
                      allow_outside_links=allow_outside_links)  # fmt: skip
    return CorpusStream(checked, chunk_size=chunk_size, progress=progress)


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
    Files that cannot be used are skipped and listed in `problems`; errors that make the whole corpus
    ambiguous (duplicate ids, a bad metadata date) stop the load. `stream_corpus` reads it in chunks.
    """
    stream = stream_corpus(source, chunk_size=None, metadata=metadata, text_column=text_column,
                           id_column=id_column, date_column=date_column, title_column=title_column,
                           url_column=url_column, strict=strict, allow_outside_links=allow_outside_links,
                           progress=progress)  # fmt: skip
    (articles,) = stream.chunks()
    return LoadedCorpus(articles.reset_index(drop=True), stream.problems)
