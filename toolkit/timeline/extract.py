"""The `timexes` rows: each article's temporal expressions found, read as past and as future, the clause's
tense asked only when the two readings differ, and resolved against the article's reference date."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Generator, Iterable, Sequence
from functools import partial
from itertools import islice
from typing import Any

import pandas as pd
from spacy.tokens import Doc

from toolkit.config import DEFAULT_PARTITION_SIZE
from toolkit.errors import ToolkitError
from toolkit.timeline.options import build_options
from toolkit.timeline.references import reference_dates
from toolkit.timeline.tense import clause_tense, tagged_sentences
from toolkit.timex import Resolution, context_ok, find_timexes, is_clock_time, resolve_in_text

TIMEX_COLUMNS = [
    "article_id", "sentence_id", "start", "end", "text", "type", "value", "mod", "interval_start",
    "interval_end", "granularity", "anchor", "offset_start", "offset_end", "tense", "reference",
    "reference_source", "sentence_start", "sentence_end", "rule",
]  # fmt: skip
COMPONENTS = ("ner", "senter")  # what the shared parse needs: the tagger runs later, on a few sentences
REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")


# --- one article ----------------------------------------------------------------------------------------


def _sentences(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of the sentences; never empty (an empty Doc is one empty sentence)."""
    from toolkit.nlp import sentence_spans

    return sentence_spans(doc) or [(0, 0)]


def _candidates(doc: Doc, text: str, use_spacy: bool) -> list[tuple[int, int, str]]:
    """Spans from the rules, plus spaCy DATE/TIME entities that no rule found, trimmed to the part a rule
    reads (or kept whole, rule `spacy:<label>`, when no rule reads any of it). `text` is `doc.text`."""
    spans = [(c.start, c.end, c.rule) for c in find_timexes(text)]
    if use_spacy:
        for ent in doc.ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            if any(s < ent.end_char and ent.start_char < e for s, e, _ in spans):
                continue
            found = find_timexes(ent.text, context_filters=False)
            inner = [c for c in found if context_ok(text, ent.start_char + c.start, ent.start_char + c.end, c.rule)
                     and not (c.text.lower() == "today" and text[ent.start_char + c.end :][:2] in ("'s", "\u2019s"))]
            if inner:
                spans.extend((ent.start_char + c.start, ent.start_char + c.end, c.rule) for c in inner)
            elif found or is_clock_time(text, ent.start_char, ent.end_char):
                continue  # the rules read it and its context says no (`March for Life`, `60 Minutes`, `1700 UTC`)
            else:
                spans.append((ent.start_char, ent.end_char, f"spacy:{ent.label_}"))
    return sorted(spans)


def article_timexes(doc: Doc, article_id: str, reference: pd.Timestamp | None, **options: Any) -> pd.DataFrame:
    """The `timexes` rows of one parsed article (offsets into `doc.text`), resolved against `reference`.
    Pure: depends only on its arguments. Options: see `[timeline]` in defaults.toml."""
    opts = build_options(options)
    reference = None if reference is None or pd.isna(reference) else pd.Timestamp(reference).normalize()
    source = "published" if reference is not None else "none"
    return timexes_frame(timex_rows(doc, article_id, reference, source, opts))


def timex_rows(doc: Doc, article_id: str, reference: pd.Timestamp | None, reference_source: str,
               opts: dict[str, Any], *, model: str | None = None, text: str | None = None,
               ) -> list[dict[str, Any]]:  # fmt: skip
    """The rows of `article_timexes` as plain dicts, so a corpus builds and types its table once. `model`
    names the pipeline whose tagger reads tense when `doc` has no tags (the parse's own model); `text` is
    the text `doc` was parsed from, when the caller has it (`doc.text` is rebuilt at every read)."""
    return corpus_timex_rows([(doc, article_id, reference, reference_source, text)], opts, model=model)


ParsedArticle = tuple[Doc, str, "pd.Timestamp | None", str, "str | None"]  # doc, id, reference, its source, text


def corpus_timex_rows(articles: Iterable[ParsedArticle], opts: dict[str, Any], *, model: str | None = None,
                      ) -> list[dict[str, Any]]:  # fmt: skip
    """`timex_rows` of several parsed articles, in order. The sentences whose tense decides a value are tagged
    together, a round at a time (an article asks for its next sentence once it has read the previous one),
    a fifth faster than one tagger call per sentence; the rows are the same."""
    steps = [_timex_steps(doc, aid, ref, source, opts, doc.text if text is None else text)
             for doc, aid, ref, source, text in articles]  # fmt: skip
    rows: list[list[dict[str, Any]]] = [[] for _ in steps]
    asks: dict[int, tuple[Doc, int, int]] = {}

    def advance(n: int, sentence: Doc | None) -> None:
        try:
            asks[n] = steps[n].send(sentence)
        except StopIteration as done:
            rows[n] = done.value

    for n in range(len(steps)):
        advance(n, None)
    while asks:
        waiting = list(asks.items())
        asks.clear()
        for (n, _), sentence in zip(waiting, tagged_sentences([ask for _, ask in waiting], model=model), strict=True):
            advance(n, sentence)
    return [row for article in rows for row in article]


def _timex_steps(doc: Doc, article_id: str, reference: pd.Timestamp | None, reference_source: str,
                 opts: dict[str, Any], text: str,
                 ) -> Generator[tuple[Doc, int, int], Doc | None, list[dict[str, Any]]]:  # fmt: skip
    """The rows of one article. An expression is read as past and as future first: when both agree (an
    explicit date, a duration...), no tense can change it (a present or unknown tense picks one of those two
    readings); else the tense of its clause decides, read from its sentence tagged: the step yields
    `(doc, sentence start, sentence end)` and is sent that sentence as `tagged_sentence` gives it, at most
    once per sentence."""
    sentences = _sentences(doc)
    sentence_starts = [s for s, _ in sentences]
    tagged: dict[int, Doc | None] = {}
    rows: list[dict[str, Any]] = []
    history: list[Resolution] = []
    for start, end, rule in _candidates(doc, text, bool(opts["spacy_spans"])):
        sid = max(bisect_right(sentence_starts, start) - 1, 0)
        read = partial(resolve_in_text, text, start, end, reference, rule=rule, previous=history,
                       default_tense=opts["default_tense"], same_weekday_past=opts["same_weekday_past"])  # fmt: skip
        past, future = read(tense="past"), read(tense="future")
        if past == future:
            res, tense = past, None
        else:
            if sid not in tagged:
                tagged[sid] = yield (doc, *sentences[sid])
            tense = _tense_in(tagged[sid], start, end)
            res = {"past": past, "future": future}.get(tense) or read(tense=tense)  # type: ignore[arg-type]
        if res.value is None and not opts["keep_unresolved"]:
            continue
        if res.value is not None and res.type in ("DATE", "TIME") and res.on_calendar and res.granularity != "decade":
            history.append(res)
        s0, s1 = sentences[sid]
        s0 = max(s0, text.rfind("\n", 0, start) + 1)  # a sentence never runs across a paragraph break
        line_end = text.find("\n", end)
        s1 = min(s1, line_end) if line_end >= 0 else s1
        rows.append({
            "article_id": article_id, "sentence_id": sid, "start": start, "end": end, "text": text[start:end],
            "type": res.type, "value": res.value, "mod": res.mod, "interval_start": res.interval_start,
            "interval_end": res.interval_end, "granularity": res.granularity, "anchor": res.anchor,
            "offset_start": res.offset_start, "offset_end": res.offset_end, "tense": tense,
            "reference": reference, "reference_source": reference_source,
            "sentence_start": s0, "sentence_end": s1, "rule": rule,
        })  # fmt: skip
    return rows


def _tense_in(sentence: Doc | None, start: int, end: int) -> str | None:
    """`clause_tense` of the characters `start:end` of the article, read in its tagged sentence."""
    if sentence is None:
        return None
    offset = sentence.user_data["start_char"]
    return clause_tense(sentence, start - offset, end - offset)


def timexes_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """The typed `timexes` table from rows of `timex_rows` (an empty table when there are none)."""
    return _typed(pd.DataFrame(rows, columns=TIMEX_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.astype({"article_id": "string", "sentence_id": "int64", "start": "int64", "end": "int64",
                          "sentence_start": "int64", "sentence_end": "int64"})  # fmt: skip
    for col in ("interval_start", "interval_end", "reference"):
        frame[col] = pd.to_datetime(frame[col], errors="coerce").astype("datetime64[ns]")
    for col in ("offset_start", "offset_end"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype("float64")
    for col in ("text", "type", "value", "mod", "granularity", "anchor", "tense", "reference_source", "rule"):
        frame[col] = frame[col].astype("object").where(frame[col].notna(), None)
    return frame


def concat_timexes(frames: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The `timexes` of consecutive sets of articles as one table, typed as `timexes_frame` types it."""
    non_empty = [frame for frame in frames if not frame.empty]
    if len(non_empty) <= 1:
        return non_empty[0].reset_index(drop=True) if non_empty else timexes_frame([])
    return _typed(pd.concat(non_empty, ignore_index=True))


# --- a corpus -------------------------------------------------------------------------------------------


def extract_timexes(
    articles: pd.DataFrame,
    *,
    text_column: str = "body",
    model: str | None = None,
    n_process: int | None = None,
    cache: bool = True,
    progress: bool = True,
    **options: Any,
) -> pd.DataFrame:
    """The `timexes` table of a corpus: each article's `text_column` parsed (ner, senter; cached) and its
    temporal expressions resolved against its reference date (the tagger reads tense where it matters)."""
    from toolkit.nlp import iter_parse

    opts = build_options(options)
    if text_column not in articles:
        raise ToolkitError(f"articles have no column {text_column!r}")
    missing = articles[text_column].isna()
    if missing.any():
        first = articles.loc[missing, "article_id"].iloc[0]
        raise ToolkitError(f"article {first}: no {text_column} (clean the corpus first, or pass text_column='text')")
    refs = reference_dates(articles, text_column=text_column, body_date_chars=opts["body_date_chars"])
    texts = articles[text_column].astype(str).tolist()
    docs = iter_parse(texts, components=COMPONENTS, model=model, n_process=n_process, cache=cache,
                      progress=progress)  # fmt: skip
    parsed = (
        (doc, str(aid), None if pd.isna(ref) else ref, source, text)
        for doc, text, aid, ref, source in zip(docs, texts, refs["article_id"], refs["reference"],
                                               refs["reference_source"], strict=True)
    )  # fmt: skip
    rows: list[dict[str, Any]] = []
    while batch := list(islice(parsed, DEFAULT_PARTITION_SIZE)):  # Docs held a partition at a time, as in `run`
        rows.extend(corpus_timex_rows(batch, opts, model=model))
    return timexes_frame(rows)


def unresolved_timexes(timexes: pd.DataFrame) -> pd.DataFrame:
    """Expressions that did not reach the calendar: no value, unknown digits (`XXXX-WXX-4`), or a relative
    expression with no reference date. Reference words and durations/sets are not counted."""
    relevant = timexes[timexes["type"].isin(["DATE", "TIME"]) & ~timexes["value"].isin(REF_VALUES)]
    return relevant[relevant["interval_start"].isna()].reset_index(drop=True)
