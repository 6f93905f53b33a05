"""The `mentions` table: one row per entity mention of each article, with its offsets, sentence, labels,
canonical name and origin; from one parsed article or from a table of articles."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from toolkit.entities.aliases import load_aliases
from toolkit.entities.mentions import find_mentions, recased_entities
from toolkit.entities.merge import merge_mentions, votes
from toolkit.entities.options import Options
from toolkit.guards import require_text
from toolkit.nlp import iter_parse, sentence_starts

MENTION_COLUMNS = [
    "article_id", "sentence_id", "start", "end", "text", "label", "canonical", "model_label", "origin", "country",
    "canonical_source", "context",
]  # fmt: skip
_BATCH = 250  # articles whose lines in capitals `extract_mentions` reads again in one model call


def article_mentions(
    doc: Doc, article_id: str, *, aliases: Mapping[str, str] | None = None, **options: Any
) -> pd.DataFrame:
    """The mentions of one parsed article: one row per entity mention with its character offsets into the
    parsed text, its 0-based sentence, the model's label (`model_label`), the voted `label`, the
    `canonical` name, its `origin` (`model`, `recased` read on a case-restored line, `repaired` after a
    title, `matched` by consistency), for a nationality (NORP) the `country` it derives from, and the
    `canonical_source`: `model` (its own text), `article` (merged within the article), `alias` (an alias
    table; `corpus` once `toolkit.entities.corpus` joins names across articles), and the `context` that
    gave its vote (`title`: after a personal title, a person; `surname`: a surname the model read as an ORG,
    of the article's one full name of a person a pronoun refers to, that person; `platform`: `on Twitter`, not a person;
    `team`: a city before a score, its club; `nation`: a country the model read as an ORG, a place).
    Options (keywords) override the `[entities]` settings, e.g. `consistency=False`."""
    return mentions_frame(mention_rows(doc, article_id, Options.build(options), aliases=aliases))


def mention_rows(
    doc: Doc,
    article_id: str,
    opts: Options,
    *,
    aliases: Mapping[str, str] | None = None,
    text: str | None = None,
    recased: Sequence[tuple[int, int, str]] | None = None,
) -> list[tuple[Any, ...]]:
    """The rows of `article_mentions` as tuples in `MENTION_COLUMNS` order, with options built once
    (`Options.build`), so that a corpus reads its settings and types its table once, not per article.
    `text` is the text `doc` was parsed from, when the caller has it (`doc.text` is rebuilt at every read);
    `recased` the article's item of `recased_entities` (see `batch_mention_rows`)."""
    mentions, defined = find_mentions(doc, doc.text if text is None else text, opts, recased)
    merge_mentions(mentions, defined, opts, aliases=aliases)
    label_of = votes(mentions, opts)
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
            m.country,
            m.source,
            m.context,
        )
        for m in mentions
    ]
    return rows


def batch_mention_rows(
    docs: Sequence[Doc],
    article_ids: Sequence[str],
    texts: Sequence[str],
    opts: Options,
    *,
    aliases: Mapping[str, str] | None = None,
    cache: bool = False,
    cache_dir: Path | str | None = None,
) -> list[tuple[Any, ...]]:
    """The `mention_rows` of many parsed articles (`texts` they were parsed from; blank ones give none),
    their lines in capitals read again in one batch (`recased_entities`, cached with the Docs when `cache`):
    one model call per batch instead of one per article."""
    todo = [(doc, article_id, text) for doc, article_id, text in zip(docs, article_ids, texts, strict=True)
            if text.strip()]  # fmt: skip
    recased = recased_entities([text for _, _, text in todo], opts, cache=cache, cache_dir=cache_dir)
    rows: list[tuple[Any, ...]] = []
    for (doc, article_id, text), found in zip(todo, recased, strict=True):
        rows.extend(mention_rows(doc, article_id, opts, aliases=aliases, text=text, recased=found))
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
            "country": object,
            "canonical_source": object,
            "context": object,
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
    require_text(articles, text_column)
    if isinstance(aliases, str | Path):
        aliases = load_aliases(aliases)
    opts = Options.build({"model": model, **options})  # fail on a bad option before parsing anything
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
    for first in range(0, len(todo), _BATCH):  # Docs held a batch at a time, as `iter_parse` yields them
        batch = todo[first : first + _BATCH]
        ids, texts = [article_id for article_id, _ in batch], [text for _, text in batch]
        parsed = list(islice(docs, len(batch)))
        rows.extend(batch_mention_rows(parsed, ids, texts, opts, aliases=aliases, cache=cache))
    return mentions_frame(rows)
