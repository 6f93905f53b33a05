"""Tables from the `mentions` table: counts per corpus and per article, co-occurrence within sentences, and
the surface forms each canonical entity gathered."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from toolkit.errors import ToolkitError

COUNT_COLUMNS = ["canonical", "label", "mentions", "articles"]
PER_ARTICLE_COLUMNS = ["article_id", "canonical", "label", "mentions"]


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
