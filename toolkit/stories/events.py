"""Cross-article events: the events of different articles that report the same happening, as one row.

Two events of different articles are the same happening when their calendar intervals overlap (each at most
`event_max_days` long) and their sentences share canonical entities and event words (the stems
`toolkit.timeline.event_words` gives: `defected` ... `the defection`). Pairs are found through an index on
(entity, event word), so only events that share both are ever compared; the pairs are joined transitively.
Within one article the timeline has already merged its repeated events; that merge is left as it is.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from toolkit.errors import ToolkitError
from toolkit.stories.options import options
from toolkit.timeline import event_words

STORY_EVENT_COLUMNS = ["story_event_id", "interval_start", "interval_end", "date", "sentence", "entities",
                       "article_ids", "sources", "n_articles", "n_stories", "first_reported"]  # fmt: skip


def story_events(events: pd.DataFrame, articles: pd.DataFrame, stories: pd.DataFrame | None = None,
                 **overrides: Any) -> pd.DataFrame:  # fmt: skip
    """`story_events`: one row per happening on the calendar, however many articles report it.

    Every event with a calendar interval of at most `event_max_days` days belongs to exactly one row (an event
    no other article reports is a row of one article). A row has the most precise interval of its events (the
    shortest, then the earliest) and its `date`, the sentence of the earliest report (by the article's
    `published`, then article id), the entities of all its events (most reported first), the articles and
    their distinct `sources`, `n_articles`, `n_stories` (syndicated copies of one story, per `stories`,
    counted once) and `first_reported` (the earliest `published` of its articles).
    `story_event_id` is `<article_id>#<sentence_id>` of the earliest report: stable for the same tables."""
    opts = options(**overrides)
    for column in ("article_id", "sentence_id", "date", "interval_start", "interval_end", "sentence", "entities"):
        if column not in events.columns:
            raise ToolkitError(f"events table lacks column {column}")
    published = dict(zip(articles["article_id"].astype(str), pd.to_datetime(articles["published"]), strict=True))
    source_of = dict(zip(articles["article_id"].astype(str), articles["source"], strict=True)) \
        if "source" in articles.columns else {}  # fmt: skip
    story_of = {} if stories is None else dict(zip(stories["article_id"].astype(str), stories["story_id"].astype(str),
                                                   strict=True))  # fmt: skip
    days = (events["interval_end"] - events["interval_start"]).dt.days
    eligible = events[events["interval_start"].notna() & (days <= opts["event_max_days"])]
    reports = [_report(row, published) for row in eligible.itertuples(index=False)]
    reports.sort(key=lambda r: r["order"])
    groups = _join(_pairs(reports, opts), len(reports))
    rows = [_row([reports[i] for i in members], source_of, story_of) for members in groups]
    frame = pd.DataFrame(rows, columns=STORY_EVENT_COLUMNS)
    for column in ("interval_start", "interval_end", "first_reported"):
        frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
    frame = frame.astype({"story_event_id": "string", "n_articles": "int64", "n_stories": "int64"})
    return frame.sort_values(["interval_start", "first_reported", "story_event_id"], kind="stable",
                             na_position="last").reset_index(drop=True)  # fmt: skip


def _report(row: Any, published: dict[str, pd.Timestamp]) -> dict[str, Any]:
    """One event as the merge reads it: its words (without those of its own temporal expression)."""
    article_id, sentence = str(row.article_id), row.sentence if isinstance(row.sentence, str) else ""
    timex = row.timex if isinstance(getattr(row, "timex", None), str) else ""
    at = sentence.find(timex) if timex else -1
    skip = [(at, at + len(timex))] if at >= 0 else []
    entities = [str(e) for e in (row.entities if row.entities is not None else [])]
    when = published.get(article_id, pd.NaT)
    return {
        "article_id": article_id, "sentence_id": int(row.sentence_id), "date": row.date, "sentence": sentence,
        "start": row.interval_start, "end": row.interval_end, "entities": entities,
        "words": event_words(sentence, skip),
        "published": when, "order": (pd.isna(when), when if not pd.isna(when) else pd.Timestamp(0), article_id,
                                     int(row.sentence_id)),
    }  # fmt: skip


def _pairs(reports: list[dict[str, Any]], opts: dict[str, Any]) -> list[tuple[int, int]]:
    """Pairs of events of different articles with overlapping intervals that share at least `event_min_entities`
    entities and `event_min_words` words, found through the events that share an (entity, word) key."""
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, report in enumerate(reports):
        for entity in set(report["entities"]):
            for word in report["words"]:
                by_key.setdefault((entity, word), []).append(i)
    found: set[tuple[int, int]] = set()
    for members in by_key.values():
        members.sort(key=lambda i: reports[i]["start"])
        for n, i in enumerate(members):  # sweep: the later members that start before this one ends
            for j in members[n + 1 :]:
                if reports[j]["start"] > reports[i]["end"]:
                    break
                if reports[i]["article_id"] != reports[j]["article_id"]:
                    found.add((min(i, j), max(i, j)))
    return sorted(
        (i, j) for i, j in found
        if len(set(reports[i]["entities"]) & set(reports[j]["entities"])) >= opts["event_min_entities"]
        and len(reports[i]["words"] & reports[j]["words"]) >= opts["event_min_words"]
    )  # fmt: skip


def _join(pairs: list[tuple[int, int]], n: int) -> list[list[int]]:
    """Connected components of `pairs` over `n` items (union-find), each sorted, in order of their first item."""
    parent = list(range(n))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in pairs:
        a, b = root(i), root(j)
        if a != b:
            parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(root(i), []).append(i)
    return list(groups.values())


def _row(members: list[dict[str, Any]], source_of: dict[str, Any], story_of: dict[str, str]) -> dict[str, Any]:
    """The story event of a group of reports (earliest report first)."""
    first = members[0]
    precise = min(members, key=lambda r: (r["end"] - r["start"], r["start"], r["order"]))
    article_ids = list(dict.fromkeys(r["article_id"] for r in members))
    reported: dict[str, int] = {}
    for report in members:
        for entity in dict.fromkeys(report["entities"]):
            reported[entity] = reported.get(entity, 0) + 1
    sources = sorted({str(source_of[a]) for a in article_ids if isinstance(source_of.get(a), str) and source_of[a]})
    return {
        "story_event_id": f"{first['article_id']}#{first['sentence_id']}", "interval_start": precise["start"],
        "interval_end": precise["end"], "date": precise["date"], "sentence": first["sentence"],
        "entities": sorted(reported, key=lambda e: (-reported[e], e)), "article_ids": article_ids, "sources": sources,
        "n_articles": len(article_ids), "n_stories": len({story_of.get(a, a) for a in article_ids}),
        "first_reported": first["published"],
    }  # fmt: skip
