"""Raw bytes to text: UTF-8 expected, UTF-16 with a byte order mark read, stray cp1252 bytes read where
they stand, binary and empty files refused (`SkippedFile`)."""

from __future__ import annotations

import codecs
import re

from toolkit.corpus.problems import SkippedFile

# Share of control characters above which a file is taken for binary rather than text.
_BINARY_CONTROL_SHARE = 0.05
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0e-\x1f]")


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
    Raises `SkippedFile` for binary or empty content.
    """
    if not data.strip():
        raise SkippedFile("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise SkippedFile("broken UTF-16 (byte order mark, then undecodable bytes)") from None
        return text.replace("\r\n", "\n").replace("\r", "\n"), "UTF-16 with byte order mark; read as UTF-16"
    if b"\x00" in data:
        raise SkippedFile("binary file (contains NUL bytes)")
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
        raise SkippedFile(f"binary file ({controls} control characters)")
    return text, note


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
