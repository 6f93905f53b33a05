"""Entity counts per story: how many distinct stories mention an entity, beside how many articles do."""

from __future__ import annotations

import pandas as pd

from toolkit.entities import COUNT_COLUMNS, count_entities
from toolkit.errors import ToolkitError

STORY_COUNT_COLUMNS = [*COUNT_COLUMNS, "stories"]


def story_entity_counts(mentions: pd.DataFrame, stories: pd.DataFrame, *, dedupe: bool = False) -> pd.DataFrame:
    """`entity_counts` with a `stories` column: the distinct stories (`stories.story_id`) mentioning each entity.

    With `dedupe`, each syndicated story counts once everywhere: only the mentions of its earliest copy (the
    articles whose `copy_of` is NA) are counted, in `mentions` and `articles` as in `stories`. Articles of
    `mentions` absent from `stories` are a story of their own."""
    for column in ("article_id", "story_id", "copy_of"):
        if column not in stories.columns:
            raise ToolkitError(f"stories table lacks column {column}")
    story_of = dict(zip(stories["article_id"].astype(str), stories["story_id"].astype(str), strict=True))
    if dedupe:
        copies = set(stories.loc[stories["copy_of"].notna(), "article_id"].astype(str))
        mentions = mentions[~mentions["article_id"].astype(str).isin(copies)]
    counts = count_entities(mentions)
    if mentions.empty:
        return counts.assign(stories=pd.Series(dtype="int64"))[STORY_COUNT_COLUMNS]
    ids = mentions["article_id"].astype(str)
    keyed = pd.DataFrame({"canonical": mentions["canonical"], "label": mentions["label"],
                          "story": ids.map(story_of).fillna(ids)})  # fmt: skip
    per_story = keyed.groupby(["canonical", "label"], sort=False)["story"].nunique().rename("stories").reset_index()
    counts = counts.merge(per_story, on=["canonical", "label"], how="left", validate="one_to_one")
    return counts[STORY_COUNT_COLUMNS].astype({"stories": "int64"})
