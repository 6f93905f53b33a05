"""Where outputs go and how they are written.

Every output goes to a temp file beside its target and is renamed into place, so an interrupted run
leaves either the old file or the new one, never half of one; a failed write names the file. Article
ids become file names only through `safe_file_name`, and outputs never go inside the source corpus
(`check_outside`), so a hostile id or a careless `--out` cannot write anywhere else or over raw files.
"""

from __future__ import annotations

import itertools
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from toolkit.errors import ToolkitError

# Names that Windows reserves whatever their extension (`CON.txt` is the console there).
_RESERVED_NAMES = frozenset(
    {"CON", "PRN", "AUX", "NUL", *(f"{kind}{n}" for kind in ("COM", "LPT") for n in "123456789")}
)
_UNSAFE_CHARACTERS = re.compile(r"[/\\\x00-\x1f\x7f]")
_MAX_NAME_BYTES = 255


def safe_file_name(article_id: str, *, suffix: str = ".txt") -> str:
    """`<article_id><suffix>`, the one way an id becomes a file name; refuses (ToolkitError naming the id)
    an id that would leave its folder or name something else: path separators, `.`/`..`, an empty or
    hidden name, control characters, a reserved device name, or a name over 255 bytes."""
    stem = str(article_id)
    name = f"{stem}{suffix}"
    bad = _UNSAFE_CHARACTERS.search(stem)
    if not stem.strip():
        reason = "it is empty"
    elif bad is not None and bad.group() in "/\\":
        reason = "it contains a path separator"
    elif bad is not None:
        reason = f"it contains the control character {bad.group()!r}"
    elif stem.startswith("."):
        reason = "it starts with a dot (`.`, `..` or a hidden file)"
    elif stem.split(".")[0].strip().upper() in _RESERVED_NAMES:
        reason = "it is a reserved device name"
    elif len(name.encode("utf-8", "surrogatepass")) > _MAX_NAME_BYTES:
        reason = f"it is longer than {_MAX_NAME_BYTES} bytes"
    else:
        return name
    shown = stem if len(stem) <= 80 else f"{stem[:60]}...{stem[-10:]}"
    raise ToolkitError(f"article id {shown!r} cannot be a file name: {reason}")


def check_outside(source: Path | str, *outputs: Path | str | None) -> None:
    """Refuse (ToolkitError naming both) an output folder that is, or is inside, the source corpus: the
    source folder itself (its `raw/` included) or, for one `.txt` file, the folder holding it. Raw files
    are only ever read, and a corpus folder re-read later must not find outputs among its articles."""
    corpus = Path(source).resolve()
    if corpus.is_file() and corpus.suffix.lower() == ".txt":
        corpus = corpus.parent
    for output in outputs:
        if output is not None and Path(output).resolve().is_relative_to(corpus):
            raise ToolkitError(f"{output}: inside the source corpus {source}; write outputs to another folder")


def write_atomic(path: Path | str, write: Callable[[Path], None]) -> Path:
    """Call `write(tmp_path)` on a temp file in `path`'s folder, then rename it to `path`."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temp_beside(target)
    try:
        write(tmp)
        os.replace(tmp, target)
    except OSError as exc:  # a full disk or a lost folder: say which output, not only why
        tmp.unlink(missing_ok=True)
        reason = exc.strerror or (str(exc).splitlines() or [type(exc).__name__])[0]
        raise OSError(exc.errno, reason, str(target)) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


_TEMP_NUMBERS = itertools.count()


def _temp_beside(target: Path) -> Path:
    """A temp name beside `target`, unique to this process and call (no random names to draw and retry:
    the parse cache writes one file per article)."""
    return target.with_name(f".{target.name}.{os.getpid()}-{next(_TEMP_NUMBERS)}.tmp")


def write_text_atomic(path: Path | str, text: str) -> Path:
    """Write UTF-8 text atomically."""
    return write_atomic(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_bytes_atomic(path: Path | str, data: bytes) -> Path:
    """Write bytes atomically."""
    return write_atomic(path, lambda tmp: _write_new_file(tmp, data))


def _write_new_file(path: Path, data: bytes) -> None:
    """`path.write_bytes(data)` in plain system calls: the parse cache writes one small file per article."""
    # O_TRUNC, not O_EXCL: a temp left by a killed process that had the same pid is simply overwritten
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_parquet_atomic(frame: pd.DataFrame, path: Path | str) -> Path:
    """Write a DataFrame as Parquet atomically (without its index, which the tables do not use)."""
    return write_atomic(path, lambda tmp: frame.to_parquet(tmp, index=False))
