"""Entity mentions and canonical entities: the `mentions` table (offsets into the clean body), counts per
article and per corpus, and co-occurrence within sentences.

Per article, on top of the spaCy model's entities: span repair after a title, document-level consistency
(a string tagged once is an entity at its other exact occurrences), no mentions inside an interview's
speaker labels or without a Latin letter, then canonical names (possessive, leading `the` and titles
stripped; headline capitals merged; surname/first name merged into the unique longest full name; acronyms
defined in the article; the user's alias table) and one label per canonical entity by vote (a name after
a personal title votes PERSON), ties broken by a gazetteer of places."""

from __future__ import annotations

import csv
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from toolkit import canonical as cn
from toolkit.config import settings
from toolkit.errors import ToolkitError
from toolkit.nlp import iter_parse, sentence_starts

MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "text", "label", "canonical", "model_label", "origin"]
COUNT_COLUMNS = ["canonical", "label", "mentions", "articles"]
PER_ARTICLE_COLUMNS = ["article_id", "canonical", "label", "mentions"]
RULE_SWITCHES = (
    "span_repair",
    "consistency",
    "case_merge",
    "merge_names",
    "merge_affixes",
    "acronyms",
    "acronym_initials",
    "demonyms",
    "speaker_labels",
    "latin_script",
)
_RULE_KEYS = (
    "titles",
    "title_labels",
    "leading_articles",
    "name_particles",
    "acronym_stopwords",
    "gazetteer_min_city_population",
    "org_suffixes",
    "org_suffix_labels",
)


class AliasError(ToolkitError):
    """The alias table cannot be read: missing file, missing column, empty or conflicting row."""


@dataclass(frozen=True)
class Options:
    """Settings of one extraction: `[entities]` of the config with keyword overrides."""

    labels: frozenset[str]
    merge_labels: frozenset[str]
    switches: dict[str, bool]
    rules: cn.Rules

    @classmethod
    def build(cls, overrides: Mapping[str, Any]) -> Options:
        conf = settings("entities")
        known = {"labels", "merge_labels", *RULE_SWITCHES, *_RULE_KEYS}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise ToolkitError(f"unknown entity option {', '.join(unknown)} (known: {', '.join(sorted(known))})")
        conf = conf | dict(overrides)
        return cls(
            labels=frozenset(conf.get("labels", [])),
            merge_labels=frozenset(conf.get("merge_labels", ["PERSON"])),
            switches={name: bool(conf.get(name, True)) for name in RULE_SWITCHES},
            rules=cn.Rules.from_settings({key: conf[key] for key in _RULE_KEYS if key in overrides}),
        )


@dataclass
class _Mention:
    span: Span
    model_label: str
    origin: str  # "model", "repaired" (extended after a title) or "matched" (document consistency)
    name: str = ""  # the stripped name, then the canonical name
    core: str = ""  # the stripped name before any merge (the alias table is looked up on it first)
    label: str = ""
    demonym: bool = False  # canonical name is the country this nationality adjective derives from
    after_title: bool = False  # a personal title stands just before the span (`President [Trump]`)


# --- spans ---------------------------------------------------------------------------------------


# Labels whose names never start or end with a number or punctuation (`Ipswich 0`, `-- David Brinkerhoff`
# in a results table); product, event and work titles may (`Windows 95`, `World War 2`).
_TRIM_EDGES = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC"})


def _edge_junk(token: Token) -> bool:
    return token.is_punct or token.like_num or token.is_space


def _trim(span: Span) -> Span | None:
    """The span without a trailing possessive and, for name labels, without numbers or punctuation at
    either end; None when nothing is left."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and doc[end - 1].text in cn.POSSESSIVES:
        end -= 1
    if span.label_ in _TRIM_EDGES:
        while start < end and _edge_junk(doc[start]):
            start += 1
        while end > start and (_edge_junk(doc[end - 1]) and doc[end - 1].text not in {".", ")"}):
            end -= 1
        opening = [t.i for t in doc[start:end] if t.text == "("]
        if opening and opening[0] > start:  # `World Health Organization (WHO`: the name ends before `(`
            end = opening[0]
        while end > start and doc[end - 1].text in {")", "("}:
            end -= 1
        if start == end or not any(c.isalpha() for c in doc[start:end].text):
            return None
    if (start, end) == (span.start, span.end):
        return span
    return Span(doc, start, end, label=span.label)


def _continues_name(token: Token, rules: cn.Rules) -> bool:
    """A capitalised word inside a sentence: a name the match would cut through."""
    return not token.is_sent_start and token.is_alpha and cn.is_name_word(token.text, rules)


def _repair_after_title(span: Span, taken: set[int], rules: cn.Rules, max_words: int = 3) -> Span:
    """`Col [Hassan] Merei al-Hamade`: when the model's PERSON span is preceded, inside the sentence, by up
    to `max_words` name words that follow a title, extend the span over those words (not the title)."""
    doc = span.doc
    words = [t.text for t in doc[max(0, span.start - max_words - 4) : span.start]]
    offset = span.start - len(words)
    j = span.start
    while True:
        if cn.title_ending_at(words, j - offset, rules):
            break
        if span.start - j >= max_words or j == 0:
            return span
        prev = doc[j - 1]
        if prev.i in taken or doc[j].is_sent_start or not (prev.is_alpha or "-" in prev.text):
            return span
        if not cn.is_name_word(prev.text, rules) or not prev.text[:1].isupper():
            return span
        j -= 1
    if j == span.start or doc[j].is_sent_start:
        return span
    return Span(doc, j, span.end, label=span.label)


def _model_spans(doc: Doc, opts: Options) -> list[_Mention]:
    ents = doc.ents  # built anew at every read
    taken = {t.i for ent in ents for t in ent}
    mentions = []
    for ent in ents:
        if ent.label_ not in opts.labels:
            continue
        span = _trim(ent)
        if span is None:
            continue
        origin = "model"
        if opts.switches["span_repair"] and ent.label_ in opts.rules.title_labels:
            repaired = _repair_after_title(span, taken, opts.rules)
            if repaired.start != span.start:
                span, origin = repaired, "repaired"
                taken.update(range(span.start, span.end))
        mentions.append(_Mention(span, ent.label_, origin))
    return mentions


_SPEAKER_RE = re.compile(
    r"^[ \t]*(?:\(\((?P<paren>[^()\n]{1,60})\)\)|\[(?P<bracket>[^\]\n]{1,60})\]"
    r"|(?P<colon>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3})[ \t]*:(?=[ \t]))",
    re.MULTILINE,
)


def speaker_label_spans(text: str, *, min_turns: int = 3) -> list[tuple[int, int]]:
    """Character spans of the speaker labels of an interview transcript: a name opening a line in double
    parentheses, brackets or before a colon (`((WN))`, `[Interviewer]`, `Perttu Ahola:`), the same label
    opening at least `min_turns` lines. They mark turns of the conversation, not mentions in the text."""
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in _SPEAKER_RE.finditer(text):
        label = next(group for group in m.groups() if group is not None)
        found[label.strip().lower()].append((m.start(), m.end()))
    return sorted(span for spans in found.values() if len(spans) >= min_turns for span in spans)


def _has_latin_letter(text: str) -> bool:
    return any(ch.isalpha() and (ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")) for ch in text)


def _mention_filter(text: str, opts: Options) -> Callable[[Span], bool]:
    """Whether a span of the Doc of `text` may be a mention: not inside an interview's speaker label
    (`speaker_labels`), and with at least one Latin letter (`latin_script`: the English model's labels on
    other scripts are noise)."""
    labels = speaker_label_spans(text) if opts.switches["speaker_labels"] else []
    starts = [start for start, _ in labels]
    latin = opts.switches["latin_script"]

    def keep(span: Span) -> bool:
        i = bisect_right(starts, span.start_char) - 1
        if i >= 0 and span.end_char <= labels[i][1]:
            return False
        return not latin or _has_latin_letter(span.text)

    return keep


def _words(span: Span) -> list[str]:
    return [t.text for t in span]


def _acronym_definitions(doc: Doc, mentions: list[_Mention], opts: Options) -> dict[str, str]:
    """`United Nations (UN)` and `UN (United Nations)`: acronym -> stripped long name, when the letters
    match the long name's initials."""
    found: dict[str, str] = {}
    for m in mentions:
        s = m.span
        if s.end + 2 < len(doc) and doc[s.end].text == "(" and doc[s.end + 2].text == ")":
            short, long_name = doc[s.end + 1].text, m.name
        elif s.start >= 2 and s.end < len(doc) and doc[s.start - 1].text == "(" and doc[s.end].text == ")":
            short, long_name = doc[s.start - 2].text, m.name
        else:
            continue
        if cn.is_acronym(short) and cn.acronym_letters(short) in cn.initials(long_name, opts.rules):
            found.setdefault(short, long_name)
    return found


def _consistency_matches(doc: Doc, mentions: list[_Mention], acronyms: Mapping[str, str], opts: Options) -> list:
    """Other exact occurrences (same case, token for token) of strings tagged once in the article, and of
    acronyms it defines, that no entity of any label covers and that do not cut through a longer name."""
    labels_of: dict[tuple[str, ...], list[str]] = defaultdict(list)
    label_of_name: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        words = _words(m.span)
        i, j = cn.core_bounds(words, m.model_label, opts.rules)
        for form in {tuple(words), tuple(words[i:j])}:
            text = "".join(form)
            if any(c.isupper() for c in text) and len(text) > 1:
                labels_of[form].append(m.model_label)
        label_of_name[m.name].append(m.model_label)
    for short, long_name in acronyms.items():
        labels_of[(short,)].extend(label_of_name.get(long_name, []))
    if not labels_of:
        return []
    matcher = PhraseMatcher(doc.vocab, attr="ORTH")
    keys = {}
    for n, form in enumerate(sorted(labels_of)):
        key = f"form{n}"
        keys[doc.vocab.strings.add(key)] = form
        matcher.add(key, [Doc(doc.vocab, words=list(form))])
    covered = {t.i for ent in doc.ents for t in ent} | {t.i for m in mentions for t in m.span}
    candidates = []
    for match_id, start, end in matcher(doc):
        if any(i in covered for i in range(start, end)):
            continue
        if start > 0 and _continues_name(doc[start - 1], opts.rules):
            continue
        if end < len(doc) and _continues_name(doc[end], opts.rules):
            continue
        form = keys[match_id]
        label = cn.vote(labels_of[form], " ".join(form), opts.rules)
        candidates.append(Span(doc, start, end, label=label))

    return [_Mention(span, span.label_, "matched") for span in filter_spans(candidates)]


# --- canonical names -----------------------------------------------------------------------------


def _stripped_name(m: _Mention, opts: Options) -> str:
    spaces = [t.whitespace_ for t in m.span]
    return cn.canonical_name(_words(m.span), m.model_label, opts.rules, spaces=spaces)


def _case_merge(mentions: list[_Mention]) -> None:
    """Names equal but for case (or acronym dots) are one entity: the most frequent form wins, an
    all-capitals form (a headline) only when there is no other."""
    groups: dict[str, Counter] = defaultdict(Counter)
    for m in mentions:
        groups[cn.case_key(m.name)][m.name] += 1
    best = {
        key: min(forms, key=lambda f: (f.isupper() and not cn.is_acronym(f), -forms[f], -len(f), f))
        for key, forms in groups.items()
    }
    for m in mentions:
        m.name = best[cn.case_key(m.name)]


def _votes(mentions: Iterable[_Mention], opts: Options) -> dict[str, str]:
    """One label per name by vote of its mentions; a nationality adjective merged into its country
    (`Syrian` -> `Syria`) votes for GPE, the country's label, a name after a personal title for PERSON."""
    labels: dict[str, list[str]] = defaultdict(list)
    for m in mentions:
        labels[m.name].append("GPE" if m.demonym else "PERSON" if m.after_title else m.model_label)
    return {name: cn.vote(found, name, opts.rules) for name, found in labels.items()}


def _after_title(span: Span, opts: Options) -> bool:
    """A capitalised personal title just before the span, inside the sentence (`President [Trump]`, `Col
    [Hassan Merei]`): the mention is a person whatever the model said (its vote counts as PERSON)."""
    if "PERSON" not in opts.rules.title_labels or span.start == 0 or span.doc[span.start].is_sent_start:
        return False
    before = span.doc[max(0, span.start - 4) : span.start]
    n = cn.title_ending_at([t.text for t in before], len(before), opts.rules)
    if n == 0:
        return False
    title = before[len(before) - n]
    return title.text[:1].isupper() and not title.is_sent_start


def _unique_longest(candidates: Iterable[str]) -> str | None:
    candidates = set(candidates)
    if not candidates:
        return None
    longest = max(len(c.split()) for c in candidates)
    top = [c for c in candidates if len(c.split()) == longest]
    return top[0] if len(top) == 1 else None


def _apply(mentions: list[_Mention], target: Mapping[str, str]) -> None:
    for m in mentions:
        seen = set()
        while m.name in target and m.name not in seen:
            seen.add(m.name)
            m.name = target[m.name]


def _merge_names(mentions: list[_Mention], opts: Options) -> None:
    """`Assad` -> `Bashar al-Assad`: a person-like mention whose name is a surname or first-name form of
    exactly one longest full PERSON name of the article takes that name (case ignored). Person-like: its
    voted label is one of `merge_labels`, or at least one of its mentions is tagged or titled as a person."""
    label_of = _votes(mentions, opts)
    owners: dict[str, set[str]] = defaultdict(set)
    for full, label in label_of.items():
        if label == "PERSON" and len(full.split()) > 1:
            for form in cn.short_forms(full, opts.rules):
                owners[form.lower()].add(full)
    # A name the vote made an ORG is still a person's when some mention of it reads as one (`Trump's
    # declaration` is tagged ORG, `Trump said` PERSON): a company called `Ford` is never tagged PERSON.
    person_like = {m.name for m in mentions if m.model_label == "PERSON" or m.after_title}
    target = {}
    for name, label in label_of.items():
        if label in opts.merge_labels or name in person_like:
            full = _unique_longest(owners.get(name.lower(), ()))
            if full is not None and full != name:
                target[name] = full
    _apply(mentions, target)


def _merge_affixes(mentions: list[_Mention], opts: Options) -> None:
    """`PSV` -> `PSV Eindhoven`, `Commission` -> `European Commission`: a name that is the first or last
    words of exactly one longest multi-word name of the same label (not PERSON) in the article."""
    label_of = _votes(mentions, opts)
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for full, label in label_of.items():
        if label != "PERSON" and len(full.split()) > 1:
            for form in cn.affix_forms(full):
                owners[(form.lower(), label)].add(full)
    target = {}
    for name, label in label_of.items():
        if label != "PERSON":
            full = _unique_longest(owners.get((name.lower(), label), ()))
            if full is not None and full != name:
                target[name] = full
    _apply(mentions, target)


def _merge_demonyms(mentions: list[_Mention]) -> None:
    """`Polish` -> `Poland`, `Syrians` -> `Syria`: a nationality adjective is a mention of its country
    (the convention of entity linking, e.g. AIDA); the plural `Palestinians` is `Palestinian` when both occur."""
    names = {m.name for m in mentions}
    for m in mentions:
        if m.model_label != "NORP":
            continue
        country = cn.demonym_country(m.name)
        if country is not None:
            m.name, m.demonym = country, True
        elif m.name.endswith("s") and m.name[:-1] in names:
            m.name = m.name[:-1]


def _merge_acronyms(mentions: list[_Mention], defined: Mapping[str, str], opts: Options) -> None:
    """Acronym mentions take the long name they were defined for in the article (`UN` -> `United Nations`);
    with `acronym_initials`, also an undefined acronym matching the initials of exactly one name that the
    article gives before the acronym."""
    mapping = dict(defined)
    if opts.switches["acronym_initials"]:
        first_seen: dict[str, int] = {}
        for m in mentions:
            first_seen.setdefault(m.name, m.span.start)
        by_initials: dict[str, set[str]] = defaultdict(set)
        for name in sorted(n for n in first_seen if not cn.is_acronym(n)):
            for form in cn.initials(name, opts.rules):
                by_initials[form].add(name)
        for name, start in first_seen.items():
            if cn.is_acronym(name) and name not in mapping:
                owners = by_initials.get(cn.acronym_letters(name), set())
                # the long name must come first: a text spells a name out before it abbreviates it
                if len(owners) == 1 and first_seen[next(iter(owners))] < start:
                    mapping[name] = next(iter(owners))
    for m in mentions:
        if m.name in mapping:
            m.name = mapping[m.name]


def article_mentions(
    doc: Doc, article_id: str, *, aliases: Mapping[str, str] | None = None, **options: Any
) -> pd.DataFrame:
    """The mentions of one parsed article: one row per entity mention with its character offsets into the
    parsed text, its 0-based sentence, the model's label (`model_label`), the voted `label`, the
    `canonical` name and its `origin` (`model`, `repaired` after a title, `matched` by consistency).
    Options (keywords) override the `[entities]` settings, e.g. `consistency=False`."""
    return mentions_frame(mention_rows(doc, article_id, Options.build(options), aliases=aliases))


def mention_rows(
    doc: Doc, article_id: str, opts: Options, *, aliases: Mapping[str, str] | None = None, text: str | None = None
) -> list[tuple[Any, ...]]:
    """The rows of `article_mentions` as tuples in `MENTION_COLUMNS` order, with options built once
    (`Options.build`), so that a corpus reads its settings and types its table once, not per article.
    `text` is the text `doc` was parsed from, when the caller has it (`doc.text` is rebuilt at every read)."""
    keep = _mention_filter(doc.text if text is None else text, opts)
    mentions = [m for m in _model_spans(doc, opts) if keep(m.span)]
    for m in mentions:
        m.name = _stripped_name(m, opts)
    defined = _acronym_definitions(doc, mentions, opts) if opts.switches["acronyms"] else {}
    if opts.switches["consistency"]:
        extra = [m for m in _consistency_matches(doc, mentions, defined, opts) if keep(m.span)]
        for m in extra:
            m.name = _stripped_name(m, opts)
        mentions = sorted([*mentions, *extra], key=lambda m: m.span.start)
    for m in mentions:
        m.core = m.name
        m.after_title = _after_title(m.span, opts)
    if opts.switches["case_merge"]:
        _case_merge(mentions)
    if opts.switches["demonyms"]:
        _merge_demonyms(mentions)
    if opts.switches["acronyms"]:
        _merge_acronyms(mentions, defined, opts)
    if opts.switches["merge_names"]:
        _merge_names(mentions, opts)
    if opts.switches["merge_affixes"]:
        _merge_affixes(mentions, opts)
    if aliases:
        for m in mentions:
            m.name = aliases.get(m.core) or aliases.get(m.name) or m.name
    label_of = _votes(mentions, opts)
    starts = sentence_starts(doc)
    rows = [
        (
            article_id,
            bisect_right(starts, m.span.start) - 1,
            m.span.start_char,
            m.span.end_char,
            m.span.text,
            label_of[m.name],
            m.name,
            m.model_label,
            m.origin,
        )
        for m in mentions
    ]
    return rows


def mentions_frame(rows: list[tuple[Any, ...]] | None = None) -> pd.DataFrame:
    """The typed `mentions` table from rows of `mention_rows` (an empty table when there are none)."""
    frame = pd.DataFrame(rows or [], columns=MENTION_COLUMNS)
    return frame.astype(
        {
            "article_id": object,
            "sentence_id": "int64",
            "start": "int64",
            "end": "int64",
            "text": object,
            "label": object,
            "canonical": object,
            "model_label": object,
            "origin": object,
        }
    )


def extract_mentions(
    articles: pd.DataFrame,
    *,
    text_column: str = "body",
    aliases: Mapping[str, str] | str | Path | None = None,
    model: str | None = None,
    n_process: int | None = None,
    cache: bool = True,
    progress: bool = True,
    **options: Any,
) -> pd.DataFrame:
    """Mentions of every article (see `article_mentions`): texts parsed in batches by `toolkit.nlp`
    (NER + sentence boundaries, cached on disk). Articles with no text yield no rows. `aliases` may be a
    mapping or the path of an `alias,canonical` CSV."""
    for column in ("article_id", text_column):
        if column not in articles.columns:
            raise ToolkitError(f"articles table has no column {column!r} (has {', '.join(map(str, articles.columns))})")
    if isinstance(aliases, str | Path):
        aliases = load_aliases(aliases)
    opts = Options.build(options)  # fail on a bad option before parsing anything
    todo = [
        (str(article_id), text)
        for article_id, text in zip(articles["article_id"], articles[text_column], strict=True)
        if isinstance(text, str) and text.strip()
    ]
    docs = iter_parse(
        (text for _, text in todo),
        components=("ner", "senter"),
        model=model,
        n_process=n_process,
        cache=cache,
        progress=progress,
        total=len(todo),
    )
    rows: list[tuple[Any, ...]] = []
    for (article_id, text), doc in zip(todo, docs, strict=True):
        rows.extend(mention_rows(doc, article_id, opts, aliases=aliases, text=text))
    return mentions_frame(rows)


# --- tables --------------------------------------------------------------------------------------


def _check_mentions(mentions: pd.DataFrame, needed: Iterable[str]) -> None:
    missing = [column for column in needed if column not in mentions.columns]
    if missing:
        raise ToolkitError(f"mentions table lacks column {', '.join(missing)}")


def count_entities(mentions: pd.DataFrame) -> pd.DataFrame:
    """`entity_counts`: mentions and number of articles per canonical entity and label, most mentioned first."""
    _check_mentions(mentions, ("article_id", "canonical", "label"))
    if mentions.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype="int64" if c in ("mentions", "articles") else object) for c in COUNT_COLUMNS}
        )
    grouped = mentions.groupby(["canonical", "label"], sort=False)["article_id"]
    counts = pd.DataFrame({"mentions": grouped.size(), "articles": grouped.nunique()}).reset_index()
    counts = counts.sort_values(["mentions", "canonical", "label"], ascending=[False, True, True], kind="stable")
    return counts[COUNT_COLUMNS].astype({"mentions": "int64", "articles": "int64"}).reset_index(drop=True)


def counts_per_article(mentions: pd.DataFrame) -> pd.DataFrame:
    """Mentions per article, canonical entity and label; by article, then most mentioned first."""
    _check_mentions(mentions, ("article_id", "canonical", "label"))
    if mentions.empty:
        return pd.DataFrame({c: pd.Series(dtype="int64" if c == "mentions" else object) for c in PER_ARTICLE_COLUMNS})
    counts = mentions.groupby(["article_id", "canonical", "label"]).size().rename("mentions").reset_index()
    counts = counts.sort_values(
        ["article_id", "mentions", "canonical", "label"], ascending=[True, False, True, True], kind="stable"
    )
    return counts[PER_ARTICLE_COLUMNS].astype({"mentions": "int64"}).reset_index(drop=True)


def cooccurrence_pairs(mentions: pd.DataFrame) -> pd.DataFrame:
    """Tidy co-occurrence: one row per pair of canonical entities (`entity_a` < `entity_b`) with the number of
    sentences that mention both (`sentences`) and of articles where they share a sentence (`articles`)."""
    _check_mentions(mentions, ("article_id", "sentence_id", "canonical"))
    sentences = mentions[["article_id", "sentence_id", "canonical"]].drop_duplicates()
    pairs = sentences.merge(sentences, on=["article_id", "sentence_id"], suffixes=("_a", "_b"))
    pairs = pairs[pairs["canonical_a"] < pairs["canonical_b"]]
    grouped = pairs.groupby(["canonical_a", "canonical_b"])
    table = pd.DataFrame({"sentences": grouped.size(), "articles": grouped["article_id"].nunique()}).reset_index()
    table.columns = ["entity_a", "entity_b", "sentences", "articles"]
    table = table.sort_values(
        ["sentences", "entity_a", "entity_b"], ascending=[False, True, True], kind="stable"
    ).reset_index(drop=True)
    return table.astype({"sentences": "int64", "articles": "int64"})


def cooccurrence(mentions: pd.DataFrame, *, top: int = 20) -> pd.DataFrame:
    """Square matrix (index and columns: the `top` most mentioned canonical entities, most mentioned first)
    of how many sentences mention both; the diagonal is 0. The tidy form is `cooccurrence_pairs`."""
    _check_mentions(mentions, ("article_id", "sentence_id", "canonical"))
    totals = mentions.groupby("canonical").size().reset_index(name="n")
    totals = totals.sort_values(["n", "canonical"], ascending=[False, True], kind="stable")
    names = list(totals["canonical"].head(top))
    matrix = pd.DataFrame(0, index=pd.Index(names, name="entity"), columns=pd.Index(names, name="entity"))
    if len(names) > 1:
        pairs = cooccurrence_pairs(mentions[mentions["canonical"].isin(names)])
        for a, b, n in zip(pairs["entity_a"], pairs["entity_b"], pairs["sentences"], strict=True):
            matrix.loc[a, b] = matrix.loc[b, a] = n
    return matrix.astype("int64")


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
        alias, canonical = cn.normalise_space(row[ia]), cn.normalise_space(row[ic])
        if not alias or not canonical:
            raise AliasError(f"{path}:{line}: empty {'alias' if not alias else 'canonical'}")
        if aliases.get(alias, canonical) != canonical:
            raise AliasError(f"{path}:{line}: alias {alias!r} already maps to {aliases[alias]!r}, not {canonical!r}")
        aliases[alias] = canonical
    return aliases


def canonical_forms(mentions: pd.DataFrame) -> pd.DataFrame:
    """How canonicalisation merged mentions: one row per canonical entity and label with its mentions, the
    distinct surface forms (`Assad | Bashar al-Assad`), the model's labels and the origins of its mentions."""
    _check_mentions(mentions, ("canonical", "label", "text", "model_label", "origin"))

    def joined(values: pd.Series) -> str:
        return " | ".join(sorted(set(values)))

    table = (
        mentions.groupby(["canonical", "label"])
        .agg(
            mentions=("text", "size"),
            forms=("text", joined),
            model_labels=("model_label", joined),
            origins=("origin", joined),
        )
        .reset_index()
    )
    table = table.sort_values(["mentions", "canonical"], ascending=[False, True], kind="stable")
    return table.reset_index(drop=True)


def displacy_entities(mentions: pd.DataFrame, text: str) -> dict[str, Any]:
    """The mentions of one article in displaCy's manual format: `spacy.displacy.render(data, style="ent",
    manual=True)` highlights the toolkit's entities (after repair and consistency), not the raw model's."""
    rows = mentions.sort_values("start", kind="stable")
    ents = [
        {"start": int(s), "end": int(e), "label": str(label)}
        for s, e, label in zip(rows["start"], rows["end"], rows["label"], strict=True)
    ]
    return {"text": text, "ents": ents, "title": None}
