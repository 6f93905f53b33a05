"""Normalise one line of text and say what changed: Unicode NFC, odd spaces, zero-width characters,
unambiguous mojibake, Indian digit grouping. Curly quotes and dashes are kept as they are.

Every change is returned as a `Change` so the cleaner can record it. Trivial whitespace (the ends of the
line, runs of ordinary spaces and tabs) is tidied without a record: it changes no character a reader sees.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple


class Change(NamedTuple):
    """One normalisation applied to a line: what kind, the text before and after (short excerpts)."""

    kind: str
    before: str
    after: str

    def describe(self) -> str:
        return f"{self.kind} ({self.before!r} -> {self.after!r})" if self.before or self.after else self.kind


# Spaces other than ASCII whitespace that scraped text carries (NBSP, narrow NBSP, thin/figure/ideographic...).
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
# Zero-width characters removed everywhere (ZWSP, word joiner, BOM, soft hyphen).
_ZERO_WIDTH = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
# ZWNJ / ZWJ are meaningful in Indic scripts and emoji sequences: only removed next to ASCII or space.
_JOINER_NEAR_ASCII = re.compile(
    r"(?<=[\x00-\x7f])[\u200c\u200d]|[\u200c\u200d](?=[\x00-\x7f])|^[\u200c\u200d]|[\u200c\u200d]$"
)
# Ordinary whitespace inside a line: a run of it is one space, silently (`two  spaces`, a tab).
_TRIVIAL_SPACE = re.compile(r"[ \t\f\v]{2,}|[\t\f\v]")

# UTF-8 bytes read as cp1252 / latin-1: a lead byte shown as Ã Â â Ð Ñ ... followed by continuation
# characters. Repaired only when the run decodes cleanly back to UTF-8.
_CP1252_CONT = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ\u00a0¡¢£¤¥¦§¨©ª«¬\u00ad®¯°±²³´µ¶·¸¹º»¼½¾¿\x81\x8d\x8f\x90\x9d"
_MOJIBAKE = re.compile(
    "(?:[\u00c2-\u00df]["
    + _CP1252_CONT
    + "]|[\u00e0-\u00ef]["
    + _CP1252_CONT
    + "]{2}|[\u00f0-\u00f4]["
    + _CP1252_CONT
    + "]{3})+"
)

# Indian digit grouping: 1,00,000 (lakh) and 2,50,00,000 (crore): groups of two before the last three.
_INDIAN_NUMBER = re.compile(r"(?<![\d,.])(\d{1,2})((?:,\d{2})+),(\d{3})(?![\d]|,\d)")


def _cp1252_bytes(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            if ord(ch) < 256:  # the 5 bytes cp1252 leaves undefined pass through as latin-1
                out.append(ord(ch))
            else:
                raise
    return bytes(out)


def _repair_mojibake(text: str, changes: list[Change]) -> str:
    def fix(match: re.Match[str]) -> str:
        run = match.group(0)
        try:
            repaired = _cp1252_bytes(run).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return run
        if any(unicodedata.category(ch) == "Cc" for ch in repaired):
            return run
        changes.append(Change("mojibake repaired", run, repaired))
        return repaired

    return _MOJIBAKE.sub(fix, text)


def regroup_indian_digits(text: str) -> tuple[str, list[Change]]:
    """`1,00,000` -> `100,000`, `2,50,00,000` -> `25,000,000`; western `1,000,000` is left alone."""
    changes: list[Change] = []

    def fix(match: re.Match[str]) -> str:
        digits = match.group(0).replace(",", "")
        western = f"{int(digits):,}"
        changes.append(Change("Indian digit grouping", match.group(0), western))
        return western

    return _INDIAN_NUMBER.sub(fix, text), changes


def normalise_line(line: str) -> tuple[str, list[Change]]:
    """Normalise one raw line (without its newline); return the new text and the changes made.

    Order: mojibake repair, NFC, odd spaces -> space, zero-width removed, whitespace runs collapsed
    and the ends stripped (not reported: trivial), Indian digit grouping. Curly quotes, dashes and
    ellipses are kept.
    """
    if line.isascii():
        # fast path: plain ASCII can only need its whitespace tidied and its digit grouping fixed
        text = _TRIVIAL_SPACE.sub(" ", line).strip()
        return regroup_indian_digits(text) if "," in text else (text, [])
    changes: list[Change] = []
    text = line
    if _MOJIBAKE.search(text):
        text = _repair_mojibake(text, changes)
    nfc = unicodedata.normalize("NFC", text)
    if nfc != text:
        changes.append(Change("Unicode NFC", "", ""))
        text = nfc
    odd = _ODD_SPACES.findall(text)
    if odd:
        names = sorted({unicodedata.name(ch, f"U+{ord(ch):04X}").lower() for ch in odd})
        changes.append(Change("space characters -> space", ", ".join(names), " "))
        text = _ODD_SPACES.sub(" ", text)
    zero = _ZERO_WIDTH.findall(text) + _JOINER_NEAR_ASCII.findall(text)
    if zero:
        names = sorted({unicodedata.name(ch, f"U+{ord(ch):04X}").lower() for ch in zero})
        changes.append(Change("zero-width characters removed", ", ".join(names), ""))
        text = _JOINER_NEAR_ASCII.sub("", _ZERO_WIDTH.sub("", text))
    text = _TRIVIAL_SPACE.sub(" ", text).strip()
    text, grouped = regroup_indian_digits(text)
    changes.extend(grouped)
    return text, changes


def normalise_text(text: str) -> tuple[str, list[tuple[int, Change]]]:
    """Normalise every line of `text`; return the new text and `(line_no, change)` pairs (1-based)."""
    out: list[str] = []
    changes: list[tuple[int, Change]] = []
    for number, line in enumerate(text.split("\n"), start=1):
        new, line_changes = normalise_line(line)
        out.append(new)
        changes.extend((number, change) for change in line_changes)
    return "\n".join(out), changes
