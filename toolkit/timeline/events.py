"""The `events` table: each dated sentence once, dated by its most precise expression, with the entities
it mentions; a later sentence reporting the same happening on the same date is folded into the first.

`value` is the TIMEX3 value of that expression; `date` is the calendar day it names, NaT when it names no
single day (a month, a year, a decade `195`, a century `19`, unknown parts `XXXX-08`): the interval (or,
undated, the offsets) places those."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from toolkit.timeline.extract import REF_VALUES
from toolkit.timeline.options import build_options

EVENT_COLUMNS = ["article_id", "sentence_id", "date", "value", "interval_start", "interval_end", "timex", "sentence",
                 "entities", "sentence_ids", "offset_start", "offset_end"]  # fmt: skip
# Granularities of an expression that names one calendar day (a clock time is on its day).
DAY_GRANULARITIES = ("day", "minute", "hour", "second")


def event_day(value: str | None, granularity: str | None, interval_start: Any) -> pd.Timestamp | None:
    """The calendar day an event is on: its interval's day when the expression names a day with no unknown
    part; None for a month, a year, a decade or century (`195`, `19`) or a value with unknown parts
    (`XXXX-08`), which only their interval places."""
    if granularity not in DAY_GRANULARITIES or not value or "X" in value.split("T")[0]:
        return None
    return None if interval_start is None or pd.isna(interval_start) else pd.Timestamp(interval_start).normalize()

_STOP = {
    "said", "says", "told", "tell", "stated", "added", "according", "reported", "reports", "announced", "also",
    "would", "could", "should", "might", "been", "being", "have", "has", "had", "with", "that", "this", "from",
    "they", "their", "there", "were", "which", "while", "about", "after", "before", "into", "over", "other",
    "more", "most", "some", "than", "then", "them", "these", "those", "what", "when", "where", "will", "your",
    "even", "though", "only", "just", "still", "first", "last", "year", "years", "week", "month", "people",
    "elsewhere", "meanwhile", "however", "because", "since", "until", "against", "between", "during", "made",
    "make", "many", "much", "such", "very", "well", "back", "came", "come", "took", "take", "went", "going",
}  # fmt: skip
_SUFFIXES = ("ations", "ation", "itions", "ition", "ions", "ion", "ments", "ment", "ings", "ing", "ers", "er",
             "ed", "es", "s")  # fmt: skip


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def event_words(sentence: str, skip: Iterable[tuple[int, int]] = ()) -> set[str]:
    """Stems of the lower-case content words of a sentence (names, numbers and the `skip` spans left out):
    what two sentences reporting the same happening share (`defect` ... `the defection`)."""
    spans = list(skip)
    words = set()
    for m in re.finditer(r"[A-Za-z][a-z'-]+", sentence):
        w = m.group(0)
        if not w.islower() or len(w) < 4 or w in _STOP:
            continue
        if any(s <= m.start() < e for s, e in spans):
            continue
        words.add(_stem(w.strip("'-")))
    return words


def extract_events(articles: pd.DataFrame, timexes: pd.DataFrame, mentions: pd.DataFrame | None = None, *,
                   merge_repeated_events: bool | None = None) -> pd.DataFrame:  # fmt: skip
    """One row per dated happening: each sentence with a DATE/TIME expression on the calendar (or, in an
    article with no reference date, at a known offset in days from publication), dated by its most precise
    expression, with the sentence text and the canonical entities mentioned in it. A later
    sentence with the same date that reports the same happening (they share an event word stem such as
    `defect`/`defection`) is folded into the first one (`sentence_ids` lists both)."""
    merge = build_options({})["merge_repeated_events"] if merge_repeated_events is None else merge_repeated_events
    if timexes.empty:
        return events_frame([])
    bodies = dict(zip(articles["article_id"].astype(str), articles["body"], strict=True)) if "body" in articles else {}
    by_article: dict[str, list[tuple[int, int, str]]] = {}
    if mentions is not None and not mentions.empty:
        ordered = mentions.sort_values(["article_id", "start"], kind="stable")
        for aid, sid, start, canon in zip(ordered["article_id"].astype(str), ordered["sentence_id"], ordered["start"],
                                          ordered["canonical"], strict=True):  # fmt: skip
            if canon is not None and not pd.isna(canon):
                by_article.setdefault(aid, []).append((int(sid), int(start), str(canon)))

    def entities_in(aid: str, sid: int, s0: int, s1: int) -> list[str]:
        """Canonical names mentioned in the event's sentence: inside its span when the mentions have offsets
        into the same body, else by sentence id."""
        names: list[str] = []
        for m_sid, m_start, canon in by_article.get(aid, []):
            inside = s0 <= m_start < s1 if bodies else m_sid == sid
            if inside and canon not in names:
                names.append(canon)
        return names

    relative = timexes["offset_start"].notna() & (timexes["anchor"] == "publication")
    placed = timexes["interval_start"].notna() | relative
    dated = timexes[timexes["type"].isin(["DATE", "TIME"]) & placed & ~timexes["value"].isin(REF_VALUES)].copy()
    if dated.empty:
        return events_frame([])
    dated["_days"] = (dated["interval_end"] - dated["interval_start"]).dt.days.fillna(
        dated["offset_end"] - dated["offset_start"])
    # The most precise expression of each sentence first (then the earliest), walked as plain tuples: a
    # pandas sort per sentence costs more than all the rest of the step.
    dated = dated.sort_values(["_days", "start"], kind="stable")
    columns = ["article_id", "sentence_id", "start", "end", "value", "text", "interval_start", "interval_end",
               "offset_start", "offset_end", "sentence_start", "sentence_end", "granularity"]  # fmt: skip
    best_of: dict[tuple[str, int], tuple[Any, ...]] = {}
    spans_of: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for record in zip(*(dated[column] for column in columns), strict=True):
        key = (str(record[0]), int(record[1]))
        best_of.setdefault(key, record)
        spans_of.setdefault(key, []).append((int(record[2]), int(record[3])))
    rows: list[dict[str, Any]] = []
    for (aid, sid), best in best_of.items():
        _, _, _, _, value, text, interval_start, interval_end, offset_start, offset_end, s0, s1, granularity = best
        s0, s1 = int(s0), int(s1)
        body = bodies.get(aid)
        sentence = body[s0:s1].strip() if isinstance(body, str) else None
        skip = [(a - s0, b - s0) for a, b in spans_of[(aid, sid)]]
        rows.append({
            "article_id": aid, "sentence_id": sid, "date": event_day(value, granularity, interval_start),
            "value": value, "interval_start": interval_start,
            "interval_end": interval_end, "timex": text, "sentence": sentence,
            "entities": entities_in(aid, sid, s0, s1), "sentence_ids": [sid], "offset_start": offset_start,
            "offset_end": offset_end,
            "_words": event_words(sentence or "", skip),
        })  # fmt: skip
    if merge:
        rows = _merge_repeated(rows)
    for row in rows:
        row.pop("_words", None)
    return events_frame(rows)


def _merge_repeated(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    # Candidates indexed by what twins share, so the merge stays linear in the number of events.
    by_key: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["article_id"], r["sentence_id"])):
        offset = row["offset_start"]
        key = None if offset is None or offset != offset else (row["article_id"], row["value"], offset)
        candidates = by_key.get(key, []) if key is not None else []
        twin = next((k for k in candidates if k["_words"] & row["_words"]), None)
        if twin is None:
            kept.append(row)
            if key is not None:
                by_key.setdefault(key, []).append(row)
            continue
        twin["sentence_ids"].append(row["sentence_id"])
        twin["entities"].extend(e for e in row["entities"] if e not in twin["entities"])
        twin["_words"] = twin["_words"] | row["_words"]
    return kept


def events_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The typed `events` table from event rows, in date order (an empty table when there are none)."""
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame = frame.astype({"article_id": "string", "sentence_id": "int64"})
    for col in ("date", "interval_start", "interval_end"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    for col in ("offset_start", "offset_end"):
        frame[col] = pd.to_numeric(frame[col]).astype("float64")
    frame["value"] = frame["value"].astype("object").where(frame["value"].notna(), None)
    return frame.sort_values(["interval_start", "offset_start", "article_id", "sentence_id"], kind="stable",
                             na_position="last").reset_index(drop=True)  # fmt: skip


def concat_events(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The `events` of disjoint sets of articles as one table. Events never span articles, so those of each
    set are final: only their corpus-wide order is made again, as `events_frame` sorts them."""
    non_empty = [frame for frame in frames if not frame.empty]
    if len(non_empty) <= 1:
        return non_empty[0].reset_index(drop=True) if non_empty else events_frame([])
    return events_frame(pd.concat(non_empty, ignore_index=True).to_dict("records"))
