"""Syndicated copies and stories, measured.

(a) A duplicate set built from real articles (the bundled Wikinews and Reuters-21578) with copies made the
    way syndication makes them: a new headline, the last paragraphs cut, a sentence reworded, another site's
    boilerplate lines before and after the body; every text is cleaned by the toolkit's cleaner. Prints the
    precision and recall of `copy_of` as (copy, original) pairs.
(b) Reuters-21578 itself: how many near-duplicate groups, with 20 of them printed for a person to check.
(c) The time of the story step on all of Reuters-21578 (signatures, grouping, counts per story, story events),
    beside the time of the pipeline that makes its inputs.

    python benchmarks/stories.py [reuters21578.tar.gz] [--originals 1000] [--tables DIR --pipeline-seconds S]

The thresholds of `[stories]` were chosen on a different draw of this construction (3,000 Reuters articles,
another seed), not on the one printed here.

Not run by the tests.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import tarfile
import tempfile
import time
from pathlib import Path

import pandas as pd

from toolkit.clean import clean_corpus
from toolkit.corpus import load_corpus
from toolkit.pipeline import run
from toolkit.stories import group_copies, signatures, story_entity_counts, story_events

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578.tar.gz"
SITES = {
    "Daily Courier": (["Home | News | Business | Sport | Weather", "Subscribe to the Daily Courier newsletter"],
                      ["© 2024 Daily Courier Media. All rights reserved.", "Most read: the week's top stories",
                       "Share this article on Facebook, Twitter or by email"]),
    "Metro Wire": (["METRO WIRE", "Latest headlines"],
                   ["Metro Wire is not responsible for the content of external sites.",
                    "Sign up for breaking news alerts"]),
    "The Ledger": (["Skip to main content", "The Ledger — Politics · Economy · Culture"],
                   ["Related: more from our correspondents", "Comments are closed for this article.",
                    "Copyright The Ledger Group 2024"]),
    "Global Times Online": (["Advertisement"], ["Tags: world, politics", "Read next", "Advertisement"]),
}
REWORDS = {"said": "stated", "told": "informed", "will": "would", "would": "will", "the": "this", "and": "as well as",
           "a": "one", "in": "within", "on": "upon", "was": "had been", "is": "remains", "of": "from"}


def unpack_reuters(archive: Path, into: Path) -> Path:
    """A corpus folder of Reuters-21578 (`raw/<id>.txt`, `metadata.csv` with the toolkit's column names)."""
    with tarfile.open(archive) as tar:
        tar.extractall(into / "unpacked", filter="data")
    files = sorted(p for p in (into / "unpacked").rglob("*.txt") if not p.name.startswith("."))
    with next((into / "unpacked").rglob("metadata.csv")).open(encoding="utf-8", newline="") as handle:
        meta = {row["id"]: row for row in csv.DictReader(handle)}
    (into / "corpus" / "raw").mkdir(parents=True)
    with (into / "corpus" / "metadata.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["article_id", "published", "source", "url", "title"])
        for path in files:
            (into / "corpus" / "raw" / path.name).symlink_to(path)
            writer.writerow([path.stem, meta.get(path.stem, {}).get("date", ""), "Reuters-21578", "", ""])
    return into / "corpus"


def paragraphs(body: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", body) if p.strip()]


def reword(paragraph: str, rng: random.Random) -> str:
    """One sentence of the paragraph reworded: a few function words swapped and one word dropped."""
    sentences = re.split(r"(?<=[.!?])\s+", paragraph)
    k = rng.randrange(len(sentences))
    words = sentences[k].split()
    swappable = [i for i, w in enumerate(words) if w.lower() in REWORDS]
    for i in rng.sample(swappable, min(3, len(swappable))):
        words[i] = REWORDS[words[i].lower()]
    if len(words) > 6:
        del words[rng.randrange(1, len(words) - 1)]
    sentences[k] = " ".join(words)
    return " ".join(sentences)


def syndicate(title: str, body: str, site: str, rng: random.Random) -> str:
    """A copy as another site runs it: its own headline, the ending cut, a sentence reworded, its boilerplate."""
    parts = paragraphs(body)
    cut = rng.randint(1, max(1, len(parts) * 2 // 5)) if len(parts) >= 3 else 0
    kept = parts[: len(parts) - cut]
    k = rng.randrange(len(kept))
    kept[k] = reword(kept[k], rng)
    before, after = SITES[site]
    headline = rng.choice(["EXCLUSIVE: ", "UPDATE: ", "", "Breaking: "]) + " ".join(title.split()[:9]).title()
    return "\n\n".join([*before, headline, *kept, *after]) + "\n"


def constructed_set(wikinews: pd.DataFrame, reuters: pd.DataFrame, n_originals: int, seed: int = 11
                    ) -> tuple[pd.DataFrame, set[tuple[str, str]]]:  # fmt: skip
    """Raw texts of originals and their syndicated copies (each original under a site of its own), and the
    gold (copy, original) pairs. Half the originals get one to three copies, published 0-2 days later."""
    rng = random.Random(seed)
    pool = pd.concat([wikinews, reuters.sample(n=max(0, n_originals - len(wikinews)), random_state=seed)])
    pool = pool[pool["body"].fillna("").str.split().str.len() >= 20]  # something to cut and reword
    rows, gold = [], set()
    for original in pool.itertuples():
        site = rng.choice(list(SITES))
        before, after = SITES[site]
        title = original.title if isinstance(original.title, str) and original.title else paragraphs(original.body)[0]
        rows.append((original.article_id, "\n\n".join([*before, title, original.body, *after]) + "\n",
                     original.published, site))
        if rng.random() < 0.5:
            for n in range(rng.randint(1, 3)):
                copy_id = f"{original.article_id}~copy{n}"
                other = rng.choice([s for s in SITES if s != site])
                published = original.published + pd.Timedelta(days=rng.randint(0, 2))
                rows.append((copy_id, syndicate(title, original.body, other, rng), published, other))
                gold.add((copy_id, str(original.article_id)))
    frame = pd.DataFrame(rows, columns=["article_id", "text", "published", "source"])
    return frame, gold


def clean_texts(frame: pd.DataFrame, folder: Path) -> pd.DataFrame:
    """The constructed texts cleaned by the toolkit's cleaner (as a corpus folder, so corpus repetition counts)."""
    (folder / "raw").mkdir(parents=True)
    for article_id, text in zip(frame["article_id"], frame["text"], strict=True):
        (folder / "raw" / f"{article_id}.txt").write_text(text, encoding="utf-8")
    frame[["article_id", "published", "source"]].assign(url="", title="").to_csv(folder / "metadata.csv", index=False)
    articles, _ = clean_corpus(load_corpus(folder, progress=False).articles, progress=False)
    return articles


def precision_recall(stories: pd.DataFrame, gold: set[tuple[str, str]]) -> tuple[float, float, set, set]:
    found = {(a, c) for a, c in zip(stories["article_id"], stories["copy_of"], strict=True) if not pd.isna(c)}
    right = found & gold
    return len(right) / max(1, len(found)), len(right) / max(1, len(gold)), found - gold, gold - found


def report_reuters(reuters: pd.DataFrame) -> pd.DataFrame:
    """(b) Reuters-21578's own near-duplicate groups, 20 of them printed; returns the grouped articles."""
    reuters_stories = group_copies(signatures(reuters), reuters)
    copies = reuters_stories[reuters_stories["copy_of"].notna()]
    grouped = reuters_stories[reuters_stories["story_id"].isin(copies["story_id"])]
    print(f"\n(b) Reuters-21578: {copies['story_id'].nunique()} groups of near-duplicates, "
          f"{len(grouped)} articles in them ({len(copies)} copies of an earlier article)")
    sizes = grouped.groupby("story_id").size().value_counts().sort_index()
    print("    group sizes: " + ", ".join(f"{n} articles: {k}" for n, k in sizes.items()))
    body_of = dict(zip(reuters["article_id"], reuters["body"], strict=True))
    when = dict(zip(reuters["article_id"], reuters["published"], strict=True))
    for story_id in pd.Series(sorted(copies["story_id"].unique())).sample(n=min(20, copies["story_id"].nunique()),
                                                                      random_state=1).sort_values():  # fmt: skip
        members = reuters_stories[reuters_stories["story_id"] == story_id]
        print(f"\n  story {story_id}:")
        for row in members.itertuples():
            score = "original" if pd.isna(row.copy_of) else \
                f"containment {row.containment:.2f}, Jaccard {row.similarity:.2f}"  # fmt: skip
            text = " ".join((body_of[row.article_id] or "").split())
            print(f"    {row.article_id} {when[row.article_id]:%Y-%m-%d} ({score}): {text[:110]}")
    return grouped


def report_constructed(reuters: pd.DataFrame, grouped: pd.DataFrame, originals: int, tmp: Path) -> None:
    """(a) precision and recall of `copy_of` on copies made the way syndication makes them."""
    wikinews, _ = clean_corpus(load_corpus(ROOT / "data", progress=False).articles, progress=False)
    wikinews = wikinews[wikinews["article_id"].str.startswith("wikinews")]
    singles = reuters[~reuters["article_id"].isin(grouped["article_id"])
                      & (reuters["body"].str.split().str.len() >= 80)]  # fmt: skip
    frame, gold = constructed_set(wikinews, singles, originals)
    articles = clean_texts(frame, tmp / "constructed")
    stories = group_copies(signatures(articles), articles)
    precision, recall, wrong, missed = precision_recall(stories, gold)
    print(f"\n(a) constructed set: {frame['article_id'].str.contains('~copy').sum()} syndicated copies of "
          f"{len(frame) - len(gold)} originals ({len(wikinews)} Wikinews, the rest Reuters articles of at least "
          f"80 words with no near-duplicate in (b))")
    print(f"    copy_of pairs: precision {precision:.3f}, recall {recall:.3f} "
          f"({len(gold) - len(missed)} of {len(gold)} found, {len(wrong)} wrong)")
    for pair in sorted(wrong)[:5]:
        print(f"    wrong: {pair}")
    for pair in sorted(missed)[:5]:
        print(f"    missed: {pair}")


def report_time(tables: dict[str, pd.DataFrame], pipeline: float | None) -> None:
    """(c) time of each part of the story step on the pipeline's tables, and its share of the pipeline."""
    times = {}
    start = time.perf_counter()
    sigs = signatures(tables["articles"])
    times["signatures"] = time.perf_counter() - start
    start = time.perf_counter()
    stories = group_copies([sigs], tables["articles"])
    times["group_copies"] = time.perf_counter() - start
    start = time.perf_counter()
    story_entity_counts(tables["mentions"], stories, dedupe=True)
    times["story_entity_counts"] = time.perf_counter() - start
    start = time.perf_counter()
    merged = story_events(tables["events"], tables["articles"], stories)
    times["story_events"] = time.perf_counter() - start
    total = sum(times.values())
    print(f"\n(c) story step on {len(tables['articles'])} Reuters articles, in one process: "
          + ", ".join(f"{name} {seconds:.2f} s" for name, seconds in times.items()))
    share = f"{100 * total / pipeline:.1f}% of the pipeline's {pipeline:.0f} s" if pipeline else "(no time)"
    print(f"    total {total:.2f} s = {share} "
          f"({len(tables['events'])} events -> {len(merged)} story events, "
          f"{int((merged['n_articles'] > 1).sum())} reported by several articles)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS, help="reuters21578.tar.gz")
    parser.add_argument("--originals", type=int, default=1000, help="originals of the constructed set (a)")
    parser.add_argument("--tables", type=Path, default=None,
                        help="a folder of the pipeline's Parquet tables of this corpus (else the pipeline is run)")
    parser.add_argument("--pipeline-seconds", type=float, default=None,
                        help="the time those tables took (with --tables)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="stories-bench-") as tmp:
        folder = unpack_reuters(args.corpus, Path(tmp))
        start = time.perf_counter()
        reuters, _ = clean_corpus(load_corpus(folder, progress=False).articles, progress=False)
        print(f"Reuters-21578: {len(reuters)} articles cleaned in {time.perf_counter() - start:.1f} s")
        grouped = report_reuters(reuters)  # (b) first: its own near-duplicates are kept out of the originals of (a)
        report_constructed(reuters, grouped, args.originals, Path(tmp))
        if args.tables:
            names = ("articles", "mentions", "events")
            tables = {name: pd.read_parquet(args.tables / f"{name}.parquet") for name in names}
            pipeline = args.pipeline_seconds
        else:
            start = time.perf_counter()
            tables = run(folder, until="timeline", progress=False, cache=False)
            pipeline = time.perf_counter() - start
        report_time(tables, pipeline)


if __name__ == "__main__":
    main()
