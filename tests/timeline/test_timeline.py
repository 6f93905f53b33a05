"""The timeline step on parsed articles: the seed's acceptance test, events, reference dates."""

from __future__ import annotations

import json
import re
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import ToolkitError
from toolkit.timeline import (
    COMPONENTS,
    EVENT_COLUMNS,
    REF_VALUES,
    TIMEX_COLUMNS,
    body_reference_date,
    event_words,
    extract_events,
    extract_timexes,
    reference_dates,
    tagged_sentence,
    unresolved_timexes,
)
from toolkit.timex import resolve_timex

DESIGN_COLUMNS = ["article_id", "sentence_id", "start", "end", "text", "type", "value", "mod", "interval_start",
                  "interval_end", "granularity", "anchor"]  # fmt: skip


def seed_body(raw: str) -> tuple[str, list[int]]:
    """The seed's clean body (raw lines 3 and 5-28) and the raw line number where each body line starts."""
    lines = raw.split("\n")
    numbers = [3, *range(5, 29)]
    body_lines = [lines[n - 1].replace("1,00,000", "100,000") for n in numbers]
    return "\n".join(body_lines), numbers


def raw_line_of(body: str, numbers: list[int], offset: int) -> int:
    return numbers[body[:offset].count("\n")]


@pytest.fixture(scope="module")
def gold(shared_dir):
    return json.loads((shared_dir / "seed" / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed(seed_text):
    body, numbers = seed_body(seed_text)
    dated = pd.DataFrame({"article_id": ["seed"], "body": [body], "published": [pd.Timestamp("2012-06-22")]})
    undated = dated.assign(published=pd.NaT)
    with_date = extract_timexes(dated, progress=False)
    without = extract_timexes(undated, progress=False)
    return {"body": body, "numbers": numbers, "articles": dated, "undated": undated, "with": with_date,
            "without": without}  # fmt: skip


def calendar_rows(timexes: pd.DataFrame) -> pd.DataFrame:
    """Rows that name a time (reference words such as `now` -> PRESENT_REF are rows too, but the seed's gold
    lists the dated and measured expressions only)."""
    return timexes[~timexes["value"].isin(REF_VALUES)].reset_index(drop=True)


def test_columns_are_the_contract(seed):
    assert list(seed["with"].columns) == TIMEX_COLUMNS
    assert TIMEX_COLUMNS[: len(DESIGN_COLUMNS)] == DESIGN_COLUMNS
    assert str(seed["with"]["interval_start"].dtype) == "datetime64[ns]"


def test_seed_with_published_matches_gold_exactly(seed, gold):
    rows = calendar_rows(seed["with"])
    got = [(r.text, raw_line_of(seed["body"], seed["numbers"], r.start), r.type, r.value) for r in rows.itertuples()]
    want = [(g["text"], g["line"], g["type"], g["value"]) for g in gold["timexes_with_published"]]
    assert got == want
    for r in rows.itertuples():
        assert seed["body"][r.start : r.end] == r.text
    duration = rows[rows["type"] == "DURATION"].iloc[0]
    interval = gold["timexes_with_published"][1]["interval"]
    assert [duration.interval_start, duration.interval_end] == [pd.Timestamp(d) for d in interval]
    late = rows[rows["text"] == "late August"].iloc[0]
    assert late["mod"] == "END" and late["interval_start"] >= pd.Timestamp("2011-08-15")
    # the reference words are there too, but off the calendar
    refs = seed["with"][seed["with"]["value"].isin(REF_VALUES)]
    assert set(refs["text"]) <= {"now", "soon", "recently", "currently", "the past", "the future"}
    assert refs["interval_start"].isna().all()


def test_seed_without_published_puts_nothing_on_the_calendar(seed):
    rows = calendar_rows(seed["without"])
    assert rows["interval_start"].isna().all() and rows["interval_end"].isna().all()
    by_text = {r.text: r for r in rows.itertuples()}
    assert (by_text["yesterday"].offset_start, by_text["yesterday"].offset_end) == (-1.0, -1.0)
    for text in ("Thursday", "January", "late August"):
        assert "X" in by_text[text].value and by_text[text].anchor == "none"
    assert not any("2024" in (v or "") for v in seed["without"]["value"])
    assert (seed["without"]["reference_source"] == "none").all()


def test_seed_events(seed, gold):
    events = extract_events(seed["articles"], seed["with"])
    assert list(events.columns) == EVENT_COLUMNS
    assert sorted(events["value"]) == sorted(e["date"] for e in gold["events_with_published"])
    day = events["value"].str.fullmatch(r"\d{4}-\d\d-\d\d")
    assert (events.loc[day, "date"] == pd.to_datetime(events.loc[day, "value"])).all()
    assert events.loc[~day, "date"].isna().all()  # `2011-08`, `2012-01`: months, placed by their interval
    hamade = events[events["sentence"].str.contains("MiG 21")].iloc[0]
    assert len(hamade["sentence_ids"]) == 2  # "On Thursday ... defect" and "The defection yesterday" are one event
    assert events["interval_start"].is_monotonic_increasing


def test_events_carry_the_entities_of_their_sentence(seed):
    body = seed["body"]
    sid = int(seed["with"].loc[seed["with"]["text"] == "late August", "sentence_id"].iloc[0])
    names = ["Adnan Bakkour", "Hama", "Kofi Annan"]
    starts = [re.search(rf"\b{n}\b", body).start() for n in names]
    mentions = pd.DataFrame({
        "article_id": ["seed"] * 3, "sentence_id": [sid, sid, sid + 5], "start": starts,
        "end": [s + len(n) for s, n in zip(starts, names, strict=True)], "text": names,
        "label": ["PERSON", "GPE", "PERSON"], "canonical": names,
    })  # fmt: skip
    events = extract_events(seed["articles"], seed["with"], mentions)
    row = events[events["value"] == "2011-08"].iloc[0]
    assert row["entities"] == ["Adnan Bakkour", "Hama"]
    switzerland = events[events["sentence"].str.startswith("Switzerland")].iloc[0]
    assert switzerland["entities"] == ["Kofi Annan"]
    assert events[events["value"] == "2012-01"].iloc[0]["entities"] == []
    # without a body to place offsets in, sentence ids decide
    by_id = extract_events(seed["articles"].drop(columns="body"), seed["with"], mentions)
    assert by_id[by_id["value"] == "2011-08"].iloc[0]["entities"] == ["Adnan Bakkour", "Hama"]


def test_undated_events_keep_their_offsets(seed):
    events = extract_events(seed["undated"], seed["without"])
    assert len(events) >= 1 and events["interval_start"].isna().all()
    assert set(events["offset_start"]) == {-1.0}  # the three "yesterday" sentences, day -1
    assert set(events["timex"]) == {"yesterday"}


def test_unresolved_table(seed):
    unresolved = unresolved_timexes(seed["without"])
    assert {"Thursday", "January", "late August", "yesterday"} <= set(unresolved["text"])
    assert unresolved_timexes(seed["with"]).empty


def test_reference_date_policy():
    articles = pd.DataFrame({
        "article_id": ["a", "b", "c"],
        "published": [pd.Timestamp("2019-01-05 13:00"), pd.NaT, pd.NaT],
        "body": ["Saturday, January 5, 2019\nText.", "Saturday, January 5, 2019\nText.", "Yesterday it rained."],
    })  # fmt: skip
    refs = reference_dates(articles)
    assert list(refs["reference_source"]) == ["published", "body", "none"]
    assert refs["reference"].iloc[0] == pd.Timestamp("2019-01-05")  # the day, not the hour
    assert refs["reference"].iloc[1] == pd.Timestamp("2019-01-05")
    assert pd.isna(refs["reference"].iloc[2])
    assert body_reference_date("x " * 300 + "On May 4, 1950 he was born.") is None  # only the lead counts


def test_event_words_match_a_verb_and_its_nominalisation():
    assert event_words("he decided to defect") & event_words("The defection of Col X raised hopes")
    assert not event_words("Switzerland said it hosted talks") & event_words("The army maintained its bombardment")


def test_missing_body_and_unknown_options_are_errors():
    with pytest.raises(ToolkitError, match="article a1: no body"):
        extract_timexes(pd.DataFrame({"article_id": ["a0", "a1"], "body": ["It rose on Monday.", None],
                                      "published": [pd.NaT, pd.NaT]}), progress=False)  # fmt: skip
    with pytest.raises(ToolkitError, match="column 'body' is empty in every article"):
        extract_timexes(pd.DataFrame({"article_id": ["a1"], "body": [None], "published": [pd.NaT]}), progress=False)
    with pytest.raises(ToolkitError, match="unknown timeline option"):
        extract_timexes(pd.DataFrame({"article_id": ["a1"], "body": ["x"], "published": [pd.NaT]}), progress=False,
                        bogus=1)  # fmt: skip


def test_timeline_figures(seed):
    from matplotlib.figure import Figure

    from toolkit.plots import mentions_over_time, timeline

    dated = timeline(extract_events(seed["articles"], seed["with"]))
    assert isinstance(dated, Figure) and dated.axes[0].get_xlabel() == "date"
    relative = timeline(extract_events(seed["undated"], seed["without"]))
    assert "days from publication" in relative.axes[0].get_xlabel()
    mentions = pd.DataFrame({"article_id": ["seed", "seed"], "sentence_id": [0, 1], "start": [0, 1],
                             "end": [1, 2], "text": ["A", "B"], "label": ["GPE", "GPE"],
                             "canonical": ["Jordan", "Syria"]})  # fmt: skip
    over_time = mentions_over_time(mentions, seed["articles"])
    assert [line.get_label() for line in over_time.axes[0].get_lines()] == ["Jordan", "Syria"]


def test_decades_centuries_and_unknown_parts_are_never_a_calendar_day():
    """Regression: the events table showed `18`, `19` and `195` as dates."""
    body = ("Cholera reached the town in the 1950s. The 20th century had seen worse. Trade rose in the 1800s.\n"
            "The mill reopened on March 3, 1998.")
    articles = pd.DataFrame({"article_id": ["mill"], "body": [body], "published": [pd.Timestamp("1999-01-01")]})
    events = extract_events(articles, extract_timexes(articles, progress=False))
    by_value = events.set_index("value")
    assert {"195", "19", "18", "1998-03-03"} <= set(by_value.index)
    assert by_value.loc[["195", "19", "18"], "date"].isna().all()
    assert by_value.loc[["195", "19", "18"], "interval_start"].notna().all()
    assert by_value.loc["1998-03-03", "date"] == pd.Timestamp("1998-03-03")


def test_a_relative_day_is_never_counted_from_a_bare_year():
    """Security item: in an undated article, `three days later` after a sentence naming only a year got a
    calendar day (the year's first day plus three)."""
    body = "In 1846 cholera reached the port. Three days later, 1846 persons were hospitalized."
    articles = pd.DataFrame({"article_id": ["port"], "body": [body], "published": [pd.NaT]})
    timexes = extract_timexes(articles, progress=False)
    later = timexes[timexes["text"] == "Three days later"].iloc[0]
    assert pd.isna(later["interval_start"]) and pd.isna(later["offset_start"]) and "X" in later["value"]
    assert list(timexes["text"]) == ["1846", "Three days later"]  # the count of persons is not a year
    assert extract_events(articles, timexes)["value"].tolist() == ["1846"]


def test_spacy_dates_that_are_clock_times_are_not_years():
    """Regression: spaCy tags `1700` in `(1700 UTC)` as a DATE, which became an event in the year 1700."""
    articles = pd.DataFrame({
        "article_id": ["fire"], "body": ["The fire reportedly started at about 19:00 local time (1700 UTC)."],
        "published": [pd.Timestamp("2019-02-01")], "date_source": ["metadata"],
    })
    assert "1700" not in set(extract_timexes(articles, progress=False)["text"])


def test_spacy_spans_that_the_rules_reject_in_context_are_dropped():
    """spaCy's DATE/TIME entities that a rule reads but rejects where they stand (a title, a name, `today's`
    meaning the present age) are not taken whole instead."""
    bodies = {
        "march": "Police scanned protesters at the annual March for Life on Capitol Hill.",
        "minutes": "\"They are abusing him,\" Gonzalez said on CBS's ''60 Minutes.'' He was angry.",
        "youth": "``The case of Elian is for today's youth what the blockade was,'' he said.",
    }
    articles = pd.DataFrame({"article_id": list(bodies), "body": list(bodies.values()),
                             "published": [pd.Timestamp("1998-05-01")] * len(bodies)})  # fmt: skip
    assert extract_timexes(articles, progress=False).empty


TENSE_CASES = {
    # `as soon as` / `as early as` put a weekday ahead even with a modal that gives no tense
    "soon": ("The delegation could leave for Geneva as soon as Thursday, officials said.", "2003-05-06", "Thursday",
             "2003-05-08"),
    "early": ("Talks might resume as early as Friday.", "2003-05-06", "Friday", "2003-05-09"),
    # a comma or `and` inside a list of names does not cut the clause from its verb (`to admit` is future)
    "list": ("The council has voted to admit Latvia, Estonia and the Slovak Republic in late April, a spokesman "
             "said on Monday.", "2003-02-12", "late April", "2003-04"),
    # a plan, schedule or expectation points ahead of the time it was made
    "plan": ("The referendum was scheduled for September, the electoral board said.", "2004-06-20", "September",
             "2004-09"),
    # a bare participle of a plan (`set for`) and `to be` + participle point ahead too
    "set for": ("The issue will dominate a summit set for Washington in April.", "1999-03-12", "April", "1999-04"),
    # ... unless the clause it qualifies is told in the past: the nearest such day, maybe over
    "set for, told after": ("Other games scheduled for Wednesday were still held, according to NBC News.",
                            "2020-03-13", "Wednesday", "2020-03-11"),
    "to be done": ("He added that final guidelines to be published in early November will decide it.", "1989-10-30",
                   "early November", "1989-11"),
    "to have been": ("Warrants were issued for people believed to have been involved in the killing in January.",
                     "2020-07-02", "January", "2020-01"),
    # `would` reports a future seen from the past: the nearest occurrence, over by publication or still
    # ahead; `would have` is past
    "would": ("The split would be paid on a still unspecified date in January.", "1989-10-26", "January", "1990-01"),
    "would, over": ("The NHC predicted that Humberto would pass by Bermuda Wednesday night.", "2019-09-19",
                    "Wednesday night", "2019-09-18TNI"),
    "would have": ("The split would have been paid in January.", "1989-10-26", "January", "1989-01"),
    # a deadline is ahead, unless the clause is in the past
    "deadline": ("Qantas will almost double its flights to India by August.", "1998-02-13", "August", "1998-08"),
    "past deadline": ("Only two members had filed reports by Wednesday.", "1990-08-16", "Wednesday", "1990-08-15"),
    # a present-tense clause points to the nearest such weekday (here the coming one)
    "present": ("He and Yasser Arafat meet separately Monday with Madeleine Albright.", "1998-05-01", "Monday",
                "1998-05-04"),
}  # fmt: skip


@pytest.fixture(scope="module")
def tense_cases():
    articles = pd.DataFrame({"article_id": list(TENSE_CASES), "body": [c[0] for c in TENSE_CASES.values()],
                             "published": [pd.Timestamp(c[1]) for c in TENSE_CASES.values()]})  # fmt: skip
    return extract_timexes(articles, progress=False)


@pytest.mark.parametrize("case", list(TENSE_CASES))
def test_governing_verb_rules(tense_cases, case):
    _, _, text, value = TENSE_CASES[case]
    rows = tense_cases[(tense_cases["article_id"] == case) & (tense_cases["text"] == text)]
    assert rows["value"].tolist() == [value]


# --- tense read only where it matters -------------------------------------------------------------------

tense_words = st.sampled_from(
    "on last next this the weekend year-end Monday Thursday Sunday January March August December spring summer "
    "winter fall 12 31 1 of early late mid the end until by since 2009 1990s quarter third month week year ago "
    "later two every now".split()
)
references = st.dates(min_value=date(1700, 1, 1), max_value=date(2200, 12, 31)).map(pd.Timestamp)


@settings(max_examples=300, deadline=None)
@given(st.lists(tense_words, min_size=1, max_size=4).map(" ".join), references)
def test_an_expression_read_alike_as_past_and_future_reads_alike_in_any_tense(text, reference):
    """Why the timeline asks the tagger only when the past and future readings differ: a present or
    unknown tense then gives the same reading too."""
    past, future = resolve_timex(text, reference, tense="past"), resolve_timex(text, reference, tense="future")
    if past == future:
        assert resolve_timex(text, reference, tense="present") == past
        assert resolve_timex(text, reference, tense=None) == past


def test_the_shared_parse_has_no_tagger_and_tense_still_decides():
    assert "tagger" not in COMPONENTS
    body = "The talks will resume on Thursday. The minister arrived on Thursday. The treaty dates from 1990."
    articles = pd.DataFrame({"article_id": ["a"], "body": [body], "published": [pd.Timestamp("2003-05-06")]})
    rows = extract_timexes(articles, progress=False).set_index("start")
    future, past = body.index("Thursday"), body.rindex("Thursday")
    assert (rows.loc[future, "value"], rows.loc[future, "tense"]) == ("2003-05-08", "future")
    assert (rows.loc[past, "value"], rows.loc[past, "tense"]) == ("2003-05-01", "past")
    assert rows.loc[body.index("1990"), "tense"] is None  # an explicit year: no tense asked for


def test_articles_read_together_tag_their_sentences_in_rounds_and_give_the_same_rows(monkeypatch):
    from toolkit import timeline
    from toolkit.nlp import load_pipeline
    from toolkit.timeline import extract

    bodies = [
        "The talks will resume on Thursday. The minister arrived on Thursday. They meet again in March.",
        "The treaty dates from 1990.",  # nothing to tag
        "Shares fell on Monday. The board will vote on Friday.",
    ]
    nlp = load_pipeline(components=COMPONENTS)
    reference = pd.Timestamp("2003-05-06")
    parsed = [(nlp(body), f"a{n}", reference, "published", body) for n, body in enumerate(bodies)]
    opts = timeline.build_options({})
    alone = [row for doc, aid, ref, source, text in parsed
             for row in timeline.timex_rows(doc, aid, ref, source, opts, text=text)]  # fmt: skip
    batches = []
    tag = timeline.tagged_sentences

    def counted(spans, **options):
        batches.append(len(spans))
        return tag(spans, **options)

    monkeypatch.setattr(extract, "tagged_sentences", counted)  # the name the rows are read with
    together = timeline.corpus_timex_rows(parsed, opts)
    assert timeline.timexes_frame(together).equals(timeline.timexes_frame(alone))
    tenses = [row["tense"] for row in together if row["tense"]]
    assert len(tenses) == 5 and {"past", "future"} <= set(tenses)
    # each tensed expression has a sentence of its own: articles 0 and 2 ask for their first, then their second
    # sentence together; article 0 alone for its third; article 1 never asks
    assert batches == [2, 2, 1]


def test_a_tagged_sentence_keeps_offsets_and_uses_tags_already_there():
    from toolkit.nlp import load_pipeline

    text = "First sentence here. Then the board met on Friday to vote."
    start = text.index("Then")
    untagged = load_pipeline(components=COMPONENTS)(text)
    tagged = load_pipeline(components=(*COMPONENTS, "tagger"))(text)
    for doc in (untagged, tagged):
        sentence = tagged_sentence(doc, start, len(text))
        offset = sentence.user_data["start_char"]
        assert offset == start and sentence.text.rstrip() == text[start:]
        assert len(list(sentence.sents)) == 1 and sentence.has_annotation("TAG")
        assert [t.tag_ for t in sentence if t.text == "met"] == ["VBD"]
    assert [t.tag_ for t in tagged_sentence(tagged, start, len(text))] == [t.tag_ for t in tagged[4:]]
