"""The timeline step: temporal expressions of each article normalised against its reference date (`timexes`),
and the dated sentences as events (`events`).

Reference date of an article (DESIGN.md): `articles.published` (metadata, or inferred from a dateline by
the cleaner), else the first complete calendar date stated in the lead of the clean body (the first
`body_date_chars` characters; the boilerplate is already gone from `body`), else none. With no reference
date, relative expressions are not put on the calendar: they keep `offset_start`/`offset_end` in days from
publication (day 0) and NaT intervals.

`timexes` has the DESIGN.md columns `article_id, sentence_id, start, end, text, type, value, mod,
interval_start, interval_end, granularity, anchor` plus:
- `offset_start, offset_end`: days from the reference (publication) date, float, NaN when not relative
  (approximate for months and years when no reference date is known);
- `tense`: the tense of the governing verb (`past`, `present`, `future`, or None when no verb decides), only
  where the value depends on it (weekdays, months without a year...), else None;
- `reference`: the reference date used (NaT when none) and `reference_source` (`published`, `body` or `none`);
- `sentence_start, sentence_end`: character offsets of the sentence in the body (cut at line breaks: a
  sentence never runs across paragraphs); `rule`: which rule found
  the expression (`spacy:DATE` for a spaCy span that the rules could only read inside).
Reference words (`now` -> PRESENT_REF, `recently` -> PAST_REF, `soon` -> FUTURE_REF) are rows too; they
have no interval. Intervals are inclusive days.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Generator, Iterable
from functools import cache, partial
from itertools import islice
from typing import Any

import pandas as pd
from spacy.language import Language
from spacy.tokens import Doc

from toolkit.config import settings
from toolkit.errors import ToolkitError
from toolkit.timex import Resolution, context_ok, find_timexes, is_clock_time, resolve_in_text, resolve_timex

TIMEX_COLUMNS = [
    "article_id", "sentence_id", "start", "end", "text", "type", "value", "mod", "interval_start",
    "interval_end", "granularity", "anchor", "offset_start", "offset_end", "tense", "reference",
    "reference_source", "sentence_start", "sentence_end", "rule",
]  # fmt: skip
EVENT_COLUMNS = ["article_id", "sentence_id", "date", "interval_start", "interval_end", "timex", "sentence",
                 "entities", "sentence_ids", "offset_start", "offset_end"]  # fmt: skip
COMPONENTS = ("ner", "senter")  # what the shared parse needs: the tagger runs later, on a few sentences
TENSE_COMPONENTS = ("tagger",)  # tags for `clause_tense`, only on sentences whose timex value depends on tense
REF_VALUES = ("PRESENT_REF", "PAST_REF", "FUTURE_REF")

_DEFAULTS: dict[str, Any] = {
    "default_tense": "past",
    "same_weekday_past": "reference",
    "spacy_spans": True,
    "keep_unresolved": False,
    "body_date_chars": 400,
    "merge_repeated_events": True,
}


def _options(options: dict[str, Any]) -> dict[str, Any]:
    merged = {**_DEFAULTS, **settings("timeline"), **options}
    unknown = sorted(set(options) - set(_DEFAULTS))
    if unknown:
        raise ToolkitError(f"unknown timeline option {', '.join(unknown)} (known: {', '.join(sorted(_DEFAULTS))})")
    return merged


# --- tense ----------------------------------------------------------------------------------------------

_FUTURE_MODALS = {"will", "'ll", "shall", "wo", "ll"}
_FUTURE_MARKERS = {"expected", "scheduled", "due", "set", "slated", "planned", "planning", "going", "plans", "plan",
                   "intends", "poised", "likely", "set to"}  # fmt: skip


_SCHEDULED = {"scheduled", "planned", "slated", "due", "set", "expected"}


def clause_tense(doc: Doc, start: int, end: int) -> str | None:
    """Tense (`past`, `present`, `future`) of the verb governing the characters `start:end`, from the
    tagger's Penn tags: the nearest verb to the left in the sentence (as HeidelTime reads news), else the
    nearest to the right. `will` + verb and `to` + verb (`decided to admit ... in March`) are future, a
    perfect or a bare participle (`shares issued July 1`) past, `is expected/scheduled to` future; after
    `until`, `through` or `by` (a deadline) the tense is `present`, i.e. the nearest occurrence.
    None when the Doc has no tags or no verb decides."""
    if not doc.has_annotation("TAG"):
        return None
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    text = doc.text  # rebuilt from the tokens at every read
    if _EARLIEST_RE.search(text, max(0, start - 20), start):
        return "future"  # `as soon as Tuesday`: the earliest moment something may happen is ahead
    before = text[max(0, start - 10) : start]
    if _DEADLINE_RE.search(before):
        return "present"
    if _SINCE_RE.search(before):
        return "past"
    sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
    for side_is_left, side, stops in (
        (True, reversed(doc[sent.start : span.start]), (".", ":", ",", "CC", "``", "''", "-LRB-")),
        (False, doc[span.end : sent.end], (".", ":", "``", "''", "-LRB-")),
    ):
        for tok in side:
            if tok.tag_ in (",", "CC") and side_is_left and _in_noun_list(tok):
                continue  # `admit Poland, Hungary and the Czech Republic in March`: a list, not a clause break
            if tok.tag_ in stops or tok.text in ('"', ";"):
                break  # the clause ends at punctuation, a quote or (leftwards) a comma or a conjunction
            found = _verb_tense(tok)
            if found != _NOT_A_HEAD:
                return found
    return None


_NOT_A_HEAD = "-"
_EARLIEST_RE = re.compile(r"\bas (?:soon|early) as\s+$", re.IGNORECASE)
_DEADLINE_RE = re.compile(r"\b(?:until|till|through|by)\s+$", re.IGNORECASE)
_SINCE_RE = re.compile(r"\bsince\s+$", re.IGNORECASE)
_NOUNISH = ("NN", "NNS", "NNP", "NNPS")


def _in_noun_list(tok) -> bool:
    """A comma or conjunction between two nouns (`Poland, Hungary and the Czech Republic`) joins a list."""
    doc = tok.doc
    if tok.i == 0 or tok.i + 1 >= len(doc):
        return False
    left, right = doc[tok.i - 1], doc[tok.i + 1]
    if right.tag_ == "DT" and tok.i + 2 < len(doc):
        right = doc[tok.i + 2]
    return left.tag_ in _NOUNISH and right.tag_ in _NOUNISH


def _aux_before(tok, n: int = 3) -> list[str]:
    doc = tok.doc
    out = []
    for t in reversed(doc[max(tok.sent.start, tok.i - n) : tok.i]):
        if t.tag_ in ("MD", "TO") or t.lower_ in ("be", "been", "being", "is", "are", "am", "was", "were", "has",
                                                    "have", "had", "'s", "'re", "'ve", "'d", "do", "does", "did",
                                                    "not", "n't", "also", "still", "already"):  # fmt: skip
            out.append(t.lower_ if t.tag_ != "TO" else "to")
        else:
            break
    return out


def _verb_tense(tok) -> str | None:
    """The tense a verb token gives its clause, `_NOT_A_HEAD` for tokens that decide nothing."""
    tag, low = tok.tag_, tok.lower_
    if tag == "MD":
        return "future" if low in _FUTURE_MODALS else None
    if not tag.startswith("VB") or tag == "VBG":
        return _NOT_A_HEAD
    aux = _aux_before(tok)
    if any(a in _FUTURE_MODALS for a in aux):
        return "future"
    if any(a in ("would", "could", "might", "may", "should", "must", "can") for a in aux):
        return None
    if tag == "VB":
        if "to" in aux:
            return "future"
        if "did" in aux:
            return "past"
        return "present"
    if tag == "VBN":
        if low in _SCHEDULED and any(a in ("is", "are", "am", "'re", "was", "were", "been") for a in aux):
            return "future"  # `was planned for early March`: a plan points ahead of the time it was made
        if any(a in ("has", "have", "'ve", "had", "was", "were") for a in aux):
            return "past"
        if any(a in ("is", "are", "am", "'re") for a in aux):
            return "future" if low in _FUTURE_MARKERS else "present"
        return "past"
    if tag == "VBD":
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < tok.sent.end else None
        if nxt is not None and nxt.lower_ == "going" and low in ("was", "were"):
            return "future"
        return "past"
    # VBZ / VBP
    following = list(tok.doc[tok.i + 1 : min(tok.i + 4, tok.sent.end)])
    if following and following[0].lower_ in _FUTURE_MARKERS and any(t.lower_ == "to" for t in following[1:]):
        return "future"
    if low in ("has", "have", "'s", "'ve") and any(t.tag_ == "VBN" for t in following[:2]):
        return "past"
    return "present"


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
    opts = _options(options)
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


@cache
def _tagger(model: str | None) -> Language:
    from toolkit.nlp import load_pipeline

    return load_pipeline(model=model, components=TENSE_COMPONENTS)


def tagged_sentence(doc: Doc, start: int, end: int, *, model: str | None = None) -> Doc | None:
    """The tokens covering `doc.text[start:end]` as a one-sentence Doc with Penn tags: `doc`'s own tags when
    it has them, else tagged by `model`'s tagger. Same tokens, so offsets shift by `user_data["start_char"]`,
    the span's start in `doc`."""
    return tagged_sentences([(doc, start, end)], model=model)[0]


def tagged_sentences(spans: list[tuple[Doc, int, int]], *, model: str | None = None) -> list[Doc | None]:
    """`tagged_sentence` of each `(doc, start, end)`, those to tag in one batch (None for an empty span)."""
    sentences: list[Doc | None] = []
    to_tag: list[tuple[int, Doc, int]] = []  # position, untagged sentence, its start in `doc`
    for doc, start, end in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) == 0:
            sentences.append(None)
        elif doc.has_annotation("TAG"):
            sentence = span.as_doc()
            for token in sentence:
                token.is_sent_start = token.i == 0
            sentence.user_data["start_char"] = span.start_char
            sentences.append(sentence)
        else:
            words, spaces = [t.text for t in span], [bool(t.whitespace_) for t in span]
            starts = [True] + [False] * (len(span) - 1)
            sentence = Doc(_tagger(model).vocab, words=words, spaces=spaces, sent_starts=starts)
            to_tag.append((len(sentences), sentence, span.start_char))
            sentences.append(None)
    if to_tag:
        tagged = _tagger(model).pipe([sentence for _, sentence, _ in to_tag], batch_size=len(to_tag))
        for (position, _, start_char), sentence in zip(to_tag, tagged, strict=True):
            sentence.user_data["start_char"] = start_char
            sentences[position] = sentence
    return sentences


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


# --- reference dates ------------------------------------------------------------------------------------


def body_reference_date(body: str | None, *, max_chars: int = 400) -> pd.Timestamp | None:
    """The first complete calendar date (day, month and year written out) in the lead of a clean body."""
    if not body:
        return None
    lead = body[:max_chars]
    for cand in find_timexes(lead):
        res = resolve_timex(cand.text, None)
        if res.anchor == "explicit" and res.granularity == "day" and res.interval_start is not None:
            return res.interval_start
    return None


def reference_dates(articles: pd.DataFrame, *, text_column: str = "body", body_date_chars: int | None = None
                    ) -> pd.DataFrame:  # fmt: skip
    """`article_id, reference, reference_source` for each article: `published`, else a date in the body lead."""
    chars = int(body_date_chars if body_date_chars is not None else _options({})["body_date_chars"])
    published = articles["published"] if "published" in articles else pd.Series(pd.NaT, index=articles.index)
    rows = []
    for aid, pub, body in zip(articles["article_id"], published, articles[text_column], strict=True):
        if pub is not None and not pd.isna(pub):
            rows.append((aid, pd.Timestamp(pub).normalize(), "published"))
            continue
        found = body_reference_date(body if isinstance(body, str) else None, max_chars=chars)
        rows.append((aid, found, "body") if found is not None else (aid, pd.NaT, "none"))
    out = pd.DataFrame(rows, columns=["article_id", "reference", "reference_source"])
    out["reference"] = pd.to_datetime(out["reference"]).astype("datetime64[ns]")
    return out


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
    from toolkit.distributed import DEFAULT_PARTITION_SIZE
    from toolkit.nlp import iter_parse

    opts = _options(options)
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


# --- events ---------------------------------------------------------------------------------------------

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
    merge = _options({})["merge_repeated_events"] if merge_repeated_events is None else merge_repeated_events
    if timexes.empty:
        return _events_frame([])
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
        return _events_frame([])
    dated["_days"] = (dated["interval_end"] - dated["interval_start"]).dt.days.fillna(
        dated["offset_end"] - dated["offset_start"])
    # The most precise expression of each sentence first (then the earliest), walked as plain tuples: a
    # pandas sort per sentence costs more than all the rest of the step.
    dated = dated.sort_values(["_days", "start"], kind="stable")
    columns = ["article_id", "sentence_id", "start", "end", "value", "text", "interval_start", "interval_end",
               "offset_start", "offset_end", "sentence_start", "sentence_end"]  # fmt: skip
    best_of: dict[tuple[str, int], tuple[Any, ...]] = {}
    spans_of: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for record in zip(*(dated[column] for column in columns), strict=True):
        key = (str(record[0]), int(record[1]))
        best_of.setdefault(key, record)
        spans_of.setdefault(key, []).append((int(record[2]), int(record[3])))
    rows: list[dict[str, Any]] = []
    for (aid, sid), best in best_of.items():
        _, _, _, _, value, text, interval_start, interval_end, offset_start, offset_end, s0, s1 = best
        s0, s1 = int(s0), int(s1)
        body = bodies.get(aid)
        sentence = body[s0:s1].strip() if isinstance(body, str) else None
        skip = [(a - s0, b - s0) for a, b in spans_of[(aid, sid)]]
        rows.append({
            "article_id": aid, "sentence_id": sid, "date": value, "interval_start": interval_start,
            "interval_end": interval_end, "timex": text, "sentence": sentence,
            "entities": entities_in(aid, sid, s0, s1), "sentence_ids": [sid], "offset_start": offset_start,
            "offset_end": offset_end,
            "_words": event_words(sentence or "", skip),
        })  # fmt: skip
    if merge:
        rows = _merge_repeated(rows)
    for row in rows:
        row.pop("_words", None)
    return _events_frame(rows)


def _merge_repeated(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    kept: list[dict[str, Any]] = []
    # Candidates indexed by what twins share, so the merge stays linear in the number of events.
    by_key: dict[tuple[Any, Any, Any], list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: (r["article_id"], r["sentence_id"])):
        offset = row["offset_start"]
        key = None if offset is None or offset != offset else (row["article_id"], row["date"], offset)
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


def _events_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=EVENT_COLUMNS)
    frame = frame.astype({"article_id": "string", "sentence_id": "int64"})
    for col in ("interval_start", "interval_end"):
        frame[col] = pd.to_datetime(frame[col]).astype("datetime64[ns]")
    for col in ("offset_start", "offset_end"):
        frame[col] = pd.to_numeric(frame[col]).astype("float64")
    return frame.sort_values(["interval_start", "offset_start", "article_id", "sentence_id"], kind="stable",
                             na_position="last").reset_index(drop=True)  # fmt: skip


def unresolved_timexes(timexes: pd.DataFrame) -> pd.DataFrame:
    """Expressions that did not reach the calendar: no value, unknown digits (`XXXX-WXX-4`), or a relative
    expression with no reference date. Reference words and durations/sets are not counted."""
    relevant = timexes[timexes["type"].isin(["DATE", "TIME"]) & ~timexes["value"].isin(REF_VALUES)]
    return relevant[relevant["interval_start"].isna()].reset_index(drop=True)
