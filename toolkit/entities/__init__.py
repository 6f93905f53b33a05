"""Entity mentions and canonical entities: the `mentions` table (offsets into the clean body), counts per
article and per corpus, and co-occurrence within sentences.

Per article, on top of the spaCy model's entities: span repair after a title, document-level consistency
(a string tagged once is an entity at its other exact occurrences), no mentions inside an interview's
speaker labels or without a Latin letter, then canonical names (possessive, leading `the` and titles
stripped; headline capitals merged; surname/first name merged into the unique longest full name; acronyms
defined in the article; the user's alias table) and one label per canonical entity by vote (a name after
a personal title votes PERSON), ties broken by a gazetteer of places. Across a corpus (`corpus`): labels
voted per name, surnames joining their full name (`name_summary` of each partition, `combine_summaries`,
`corpus_names`, then `apply_corpus_names` on each partition's mentions)."""

from toolkit.entities.aliases import AliasError, load_aliases
from toolkit.entities.corpus import apply_corpus_names, combine_summaries, corpus_names, name_summary
from toolkit.entities.counts import (
    COUNT_COLUMNS,
    PER_ARTICLE_COLUMNS,
    canonical_forms,
    cooccurrence,
    cooccurrence_pairs,
    count_entities,
    counts_per_article,
)
from toolkit.entities.display import displacy_entities
from toolkit.entities.extract import (
    MENTION_COLUMNS,
    article_mentions,
    batch_mention_rows,
    extract_mentions,
    mention_rows,
    mentions_frame,
)
from toolkit.entities.mentions import speaker_label_spans
from toolkit.entities.options import RULE_SWITCHES, Options

__all__ = [
    "COUNT_COLUMNS",
    "MENTION_COLUMNS",
    "PER_ARTICLE_COLUMNS",
    "RULE_SWITCHES",
    "AliasError",
    "Options",
    "apply_corpus_names",
    "article_mentions",
    "batch_mention_rows",
    "canonical_forms",
    "combine_summaries",
    "corpus_names",
    "cooccurrence",
    "cooccurrence_pairs",
    "count_entities",
    "counts_per_article",
    "displacy_entities",
    "extract_mentions",
    "load_aliases",
    "mention_rows",
    "mentions_frame",
    "name_summary",
    "speaker_label_spans",
]
