"""A corpus as text files: finding them, opening only regular ones, and reading each into an article
record (or a problem when it cannot be used)."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator, MutableMapping, Sequence
from pathlib import Path

from tqdm import tqdm

from toolkit.corpus.articles import article_record
from toolkit.corpus.decode import decode_text
from toolkit.corpus.problems import SkippedFile
from toolkit.errors import CorpusError

_PROGRESS_MIN_FILES = 50


def find_text_files(folder: Path) -> list[str]:
    """Every `.txt` under `folder`, sorted as paths, skipping hidden files and folders; symlinked folders are
    not followed (no loops). Plain strings: a list of them is a fraction of the size of a list of `Path`s."""
    found: list[Path] = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / n for n in names if n.lower().endswith(".txt") and not n.startswith("."))
    return [str(path) for path in sorted(found)]


def metadata_beside(file: Path) -> Path:
    """`metadata.csv` in a file's folder, or beside that folder when it is a `raw/` folder (as in `data/`)."""
    here = file.parent / "metadata.csv"
    if not here.is_file() and file.parent.name == "raw":
        return file.parent.parent / "metadata.csv"
    return here


def is_regular(path: Path) -> bool:
    """Whether `path` is a regular file (following symlinks); False when it cannot be looked at."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _read_regular(file: Path) -> bytes:
    """The bytes of `file` when it is a regular file. A FIFO, socket or device is never opened (opening a
    FIFO waits for a writer, reading a device may never end): raises `SkippedFile` instead."""
    if not stat.S_ISREG(os.stat(file).st_mode):
        raise SkippedFile("not a regular file")
    # O_NONBLOCK: should a FIFO be swapped in after the check, opening it does not wait; fstat then refuses it
    with os.fdopen(os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)), "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise SkippedFile("not a regular file")
        return handle.read()


def _leaves(file: Path, roots: tuple[Path, ...]) -> bool:
    """Whether `file` is a symlink whose target is outside every one of the (resolved) `roots`."""
    if not file.is_symlink():
        return False
    target = file.resolve()
    return not any(target.is_relative_to(root) for root in roots)


def read_text_files(
    files: Sequence[str], seen: MutableMapping[str, object], *, strict: bool, progress: bool,
    inside: tuple[Path, ...] = (),
) -> Iterator[dict | tuple]:  # fmt: skip
    """Each file read and decoded in order: an article record, or a problem tuple (`problems` row) for a
    file skipped or read in a degraded way. A symlink to a file outside all the `inside` folders (when
    given) is skipped. `seen` collects the ids met (id -> file), so a duplicate stops the read."""
    roots = tuple(folder.resolve() for folder in inside)
    bar = tqdm(files, desc="loading", unit="file", disable=not progress or len(files) < _PROGRESS_MIN_FILES)
    for name in bar:
        file = Path(name)
        article_id = file.stem
        if article_id in seen:
            raise CorpusError(f"{file}: duplicate article id {article_id!r} (also {seen[article_id]})")
        seen[article_id] = name
        try:
            if roots and _leaves(file, roots):
                raise SkippedFile("symlink leaves the corpus folder")
            data = _read_regular(file)
            text, note = decode_text(data, name=str(file))
        except (OSError, SkippedFile) as exc:
            reason = f"unreadable ({exc.strerror})" if isinstance(exc, OSError) else str(exc)
            if strict:
                raise CorpusError(f"{file}: {reason}") from None
            yield (str(file), article_id, reason, "skipped")
            continue
        if note:
            if strict:
                raise CorpusError(f"{file}: {note}")
            yield (str(file), article_id, note, "read")
        yield article_record(article_id, str(file), text, hashlib.sha256(data).hexdigest())
