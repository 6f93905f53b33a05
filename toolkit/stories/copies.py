"""Syndicated copies: articles whose clean bodies are near-duplicates, grouped into stories.

Two steps, so that the corpus-level one is a reduction over partitions (as the line counts of cleaning are):
`signatures(articles)` runs where a partition is processed and keeps, per article, the hashed word
shingles of its body and their MinHash; `group_copies(signatures, articles_meta)` runs once in the main
process on the signatures alone (never the bodies). LSH over the MinHashes (datasketch's sketches and band
layout) proposes candidate pairs, so no two articles are compared unless a band of their MinHashes collides;
each candidate is then verified exactly, by the share of the shorter body's shingles found in the other
(containment): a syndicated copy is trimmed at the end, which keeps plain Jaccard low while nearly all of
the copy is in the original.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

import numpy as np
import pandas as pd
from datasketch import MinHash, MinHashLSH

from toolkit.errors import ToolkitError
from toolkit.stories.options import options

SIGNATURE_COLUMNS = ["article_id", "n_shingles", "shingles", "minhash"]
STORY_COLUMNS = ["article_id", "story_id", "copy_of", "similarity", "containment"]
MINHASH_SEED = 1
MINHASH_SCHEME = "affine32"  # datasketch 2's unbiased 32-bit permutations; its sketches are uint32
_WORD = re.compile(r"\w+")
_MASK32 = np.uint64(0xFFFFFFFF)
_WORD_HASHES: dict[str, int] = {}
_MAX_KNOWN_WORDS = 2_000_000


def word_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of words, the same in every process and run (Python's `hash` of a str is salted per
    process); each distinct word is hashed once per process, as the vocabulary of a corpus is small."""
    known = _WORD_HASHES
    if len(known) > _MAX_KNOWN_WORDS:
        known.clear()
    for word in set(words).difference(known):
        known[word] = int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")
    return np.array([known[word] for word in words], dtype=np.uint64)


def _mix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finaliser: spreads the polynomial combination of word hashes over all bits."""
    values = values & _MASK32
    values ^= values >> np.uint64(16)
    values = (values * np.uint64(0x85EBCA6B)) & _MASK32
    values ^= values >> np.uint64(13)
    values = (values * np.uint64(0xC2B2AE35)) & _MASK32
    values ^= values >> np.uint64(16)
    return values


def shingle_hashes(text: str | None, *, shingle_words: int) -> np.ndarray:
    """The sorted distinct 32-bit hashes of the `shingle_words`-word shingles of `text` (lower-cased words,
    digits kept); a text shorter than one shingle is one shingle of all its words."""
    words = _WORD.findall(text.lower()) if isinstance(text, str) else []
    if not words:
        return np.empty(0, dtype=np.uint32)
    hashes = word_hashes(words)
    k = min(shingle_words, len(words))
    n = len(words) - k + 1
    combined = np.zeros(n, dtype=np.uint64)
    for j in range(k):  # polynomial hash of the k words, modulo 2**32 (uint64 arithmetic wraps harmlessly)
        combined = (combined * np.uint64(1_000_003) + hashes[j : j + n]) & _MASK32
    return np.unique(_mix32(combined)).astype(np.uint32)


def signatures(articles: pd.DataFrame, **overrides: Any) -> pd.DataFrame:
    """One row per article of `articles` (a partition or a corpus, with `article_id` and `body`): its number
    of shingles, their hashes and their MinHash (`num_perm` values). Small and picklable: what a worker
    sends back instead of the body."""
    opts = options(**overrides)
    for column in ("article_id", "body"):
        if column not in articles.columns:
            raise ToolkitError(f"articles table lacks column {column}")
    # the permutations, drawn once per call rather than once per article
    template = MinHash(num_perm=opts["num_perm"], seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    rows = []
    for article_id, body in zip(articles["article_id"].astype(str), articles["body"], strict=True):
        shingles = shingle_hashes(body, shingle_words=opts["shingle_words"])
        minhash = None
        if len(shingles):
            sketch = MinHash(num_perm=opts["num_perm"], seed=MINHASH_SEED, hashfunc=int,
                             permutations=template.permutations, scheme=MINHASH_SCHEME)
            sketch.update_batch(shingles.tolist())
            minhash = sketch.hashvalues
        rows.append((article_id, len(shingles), shingles, minhash))
    frame = pd.DataFrame(rows, columns=SIGNATURE_COLUMNS)
    return frame.astype({"article_id": "string", "n_shingles": "int64"})


def containment_and_jaccard(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Exact overlap of two sorted distinct shingle-hash arrays: (share of the smaller one found in the other,
    Jaccard)."""
    if not len(a) or not len(b):
        return 0.0, 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / min(len(a), len(b)), shared / (len(a) + len(b) - shared)


def group_copies(signatures: pd.DataFrame | list[pd.DataFrame], articles_meta: pd.DataFrame,
                 **overrides: Any) -> pd.DataFrame:  # fmt: skip
    """`stories`: one row per article: `story_id` (the id of the story's earliest copy), `copy_of` (that
    earliest copy, NA for the earliest itself and for an article with no copy), the exact shingle Jaccard
    and containment to it (NaN when `copy_of` is NA).

    Articles are walked from the earliest (`published`, undated last, then `article_id`); each is looked up in
    an LSH index of the earlier story heads and becomes a copy of the earliest head it is verified against
    (containment >= `min_containment`, published at most `copy_max_days` later when both are dated), else a
    head itself. Every copy is thus verified against its own
    `copy_of`, and the result depends neither on the order of the rows nor on how they were partitioned."""
    opts = options(**overrides)
    if isinstance(signatures, list):
        signatures = pd.concat(signatures, ignore_index=True) if signatures else pd.DataFrame(columns=SIGNATURE_COLUMNS)
    ordered = _chronological(signatures, articles_meta)
    ids = list(ordered["article_id"])
    shingles = list(ordered["shingles"])
    days = (ordered["published"] - pd.Timestamp("1970-01-01")).dt.days.tolist()  # NaN when undated
    eligible = [i for i, (n, minhash) in enumerate(zip(ordered["n_shingles"], ordered["minhash"], strict=True))
                if n >= opts["min_shingles"] and minhash is not None]  # fmt: skip
    keys = band_keys([ordered["minhash"][i] for i in eligible], threshold=opts["lsh_threshold"],
                     num_perm=opts["num_perm"])  # fmt: skip
    # LSH buckets: band key -> the first story head in it (a plain int, which the garbage collector does not
    # walk), and the rare further heads of a bucket apart
    first_head: dict[int, int] = {}
    more_heads: dict[int, list[int]] = {}
    head_of: list[int | None] = [None] * len(ids)
    scores: list[tuple[float, float]] = [(np.nan, np.nan)] * len(ids)
    for i, article_keys in zip(eligible, keys, strict=True):
        candidates = {first_head[key] for key in article_keys if key in first_head}
        candidates.update(j for key in article_keys if key in more_heads for j in more_heads[key])
        for j in sorted(candidates):  # earlier heads, the earliest first
            if days[i] - days[j] > opts["copy_max_days"]:  # a recurring report (`weekly bill auction`), not a copy
                continue
            containment, jaccard = containment_and_jaccard(shingles[i], shingles[j])
            if containment >= opts["min_containment"]:
                head_of[i], scores[i] = j, (jaccard, containment)
                break
        else:
            for key in article_keys:
                if first_head.setdefault(key, i) != i:
                    more_heads.setdefault(key, []).append(i)
    copy_of = [None if head is None else ids[head] for head in head_of]
    stories = pd.DataFrame({
        "article_id": ids, "story_id": [c if c is not None else a for a, c in zip(ids, copy_of, strict=True)],
        "copy_of": copy_of, "similarity": [s[0] for s in scores], "containment": [s[1] for s in scores],
    })  # fmt: skip
    return stories.astype({"article_id": "string", "story_id": "string", "copy_of": "string",
                           "similarity": "float64", "containment": "float64"})  # fmt: skip


def band_keys(minhashes: list[np.ndarray], *, threshold: float, num_perm: int) -> list[list[int]]:
    """The LSH bucket keys of each MinHash: datasketch's band layout for `threshold` (its `b` bands of `r`
    values, chosen to balance missed and false candidates), each band folded into one integer that also
    says which band it is. Banding the whole matrix at once in numpy is what keeps the corpus step fast;
    datasketch's index inserts and queries band by band in Python."""
    layout = MinHashLSH(threshold=threshold, num_perm=num_perm)
    if not minhashes:
        return []
    matrix = np.vstack(minhashes).astype(np.uint64)
    keys = np.empty((len(minhashes), layout.b), dtype=np.uint64)
    for band in range(layout.b):
        key = np.full(len(minhashes), band + 1, dtype=np.uint64)
        for column in range(band * layout.r, (band + 1) * layout.r):
            key = key * np.uint64(0x9E3779B97F4A7C15) + matrix[:, column]  # wraps modulo 2**64
        keys[:, band] = key
    return keys.tolist()


def _chronological(signatures: pd.DataFrame, articles_meta: pd.DataFrame) -> pd.DataFrame:
    """The signatures with each article's `published`, earliest first (undated last, then by article id)."""
    for column in ("article_id", "published"):
        if column not in articles_meta.columns:
            raise ToolkitError(f"articles table lacks column {column}")
    if signatures["article_id"].duplicated().any():
        raise ToolkitError(f"article {signatures.loc[signatures['article_id'].duplicated(), 'article_id'].iloc[0]}: "
                           "two signatures")  # fmt: skip
    meta = articles_meta[["article_id", "published"]].astype({"article_id": "string"})
    merged = signatures.astype({"article_id": "string"}).merge(meta, on="article_id", how="left", indicator=True)
    missing = merged["_merge"] == "left_only"
    if missing.any():
        raise ToolkitError(f"article {merged.loc[missing, 'article_id'].iloc[0]}: signature without an article row")
    merged["published"] = pd.to_datetime(merged["published"])
    return merged.sort_values(["published", "article_id"], na_position="last", kind="stable").reset_index(drop=True)
