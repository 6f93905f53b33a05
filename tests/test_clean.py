"""Cleaning: the seed's gold lines, no Wikinews body line lost, corpus repetition, dateline, properties,
lists and tables, label lines."""

from __future__ import annotations

import json
import pickle
import random
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.clean import (
    KINDS,
    LINE_COLUMNS,
    LineCounts,
    clean_article,
    clean_corpus,
    dropped_by_reason,
    line_repetition_counts,
    normalisations,
    parse_dateline_date,
    raw_lines,
    render_lines_html,
    save_tables,
)
from toolkit.clean.normalise import normalise_line
from toolkit.corpus import load_corpus

from .conftest import DATA_DIR, SEED_ID


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return load_corpus(DATA_DIR, progress=False).articles


@pytest.fixture(scope="module")
def cleaned(corpus: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    return clean_corpus(corpus, progress=False)


@pytest.fixture(scope="module")
def wikinews(corpus: pd.DataFrame) -> pd.DataFrame:
    articles = corpus[corpus["article_id"].str.startswith("wikinews_")]
    assert len(articles) == 295
    return articles


def _line_numbers(spec: list[int] | str) -> list[int]:
    if isinstance(spec, str):
        first, last = spec.split("-")
        return list(range(int(first), int(last) + 1))
    return list(spec)


# --- the seed ------------------------------------------------------------------------------------


def test_seed_lines_are_classified_as_the_gold_says(seed_text: str, shared_dir: Path) -> None:
    gold = json.loads((shared_dir / "seed" / "gold.json").read_text(encoding="utf-8"))
    fields, lines = clean_article(seed_text, article_id=SEED_ID)
    kind = dict(zip(lines["line_no"], lines["kind"], strict=True))
    for expected, spec in gold["lines"].items():
        for number in _line_numbers(spec):
            if expected == "boilerplate":
                assert kind[number] in ("boilerplate", "duplicate"), (number, kind[number])
            else:
                assert kind[number] == expected, (number, kind[number])
    # line 86 (the file's last, without a final newline) belongs to the same trailing block
    assert kind[86] == "boilerplate"
    assert lines.loc[lines["line_no"] == 4, "reason"].item() == "copy of line 2"
    assert fields["section"] == gold["section"] == "WORLD"
    for before, after in gold["normalised_numbers"].items():
        assert after in fields["body"] and before not in fields["body"]
    assert fields["n_body_lines"] == 25
    assert fields["n_raw_lines"] == 86
    assert fields["n_dropped_lines"] == 1 + 58
    assert fields["standfirst"].startswith("Senior military figures")
    assert "Elon Musk" not in fields["body"] and "November" not in fields["body"]


def test_every_dropped_seed_line_has_a_reason_and_body_lines_say_what_was_normalised(seed_text: str) -> None:
    _, lines = clean_article(seed_text, article_id=SEED_ID)
    dropped = lines[lines["kind"].isin(["boilerplate", "duplicate"])]
    assert dropped["reason"].str.len().gt(0).all()
    assert (lines.loc[lines["line_no"].between(29, 86), "reason"].str.contains("ellipsis teaser")).sum() >= 10
    assert (
        "Indian digit grouping ('1,00,000' -> '100,000')"
        in lines.loc[lines["line_no"] == 22, "reason"].item()
    )
    table = normalisations(lines)
    assert list(table.columns) == ["article_id", "line_no", "change"]
    assert (table["line_no"] == 22).any()


def test_lines_table_has_the_contract_columns_and_every_raw_line(seed_text: str) -> None:
    _, lines = clean_article(seed_text, article_id=SEED_ID)
    assert list(lines.columns) == LINE_COLUMNS
    assert lines["line_no"].tolist() == list(range(1, 87))
    assert lines["text"].tolist() == raw_lines(seed_text)
    assert set(lines["kind"]) <= set(KINDS)
    assert lines["score"].dtype == "float64"


# --- Wikinews: no body line lost ---------------------------------------------------------------


def test_wikinews_articles_lose_no_body_line(
    wikinews: pd.DataFrame, cleaned: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    articles, lines = cleaned
    bodies = articles.set_index("article_id")["body"]
    for article_id, text in zip(wikinews["article_id"], wikinews["text"], strict=True):
        kept = set(bodies[article_id].split("\n\n"))
        own = [normalise_line(raw)[0] for raw in raw_lines(text)]
        own = [line for line in own if line]
        assert own, article_id
        # a first line such as `Friday, January 4, 2019` is the dateline (2020 texts often have none);
        # every other line (paragraph, caption, list item, interview turn) is in the body
        if re.fullmatch(r"\w+day, \w+ \d{1,2}, \d{4}", own[0]):
            own = own[1:]
        missing = [line for line in own if line not in kept]
        assert not missing, (article_id, missing[:3])
    wiki_lines = lines[lines["article_id"].str.startswith("wikinews_")]
    dropped = wiki_lines[wiki_lines["kind"].isin(["boilerplate", "duplicate"])]
    # the only line ever dropped is a verbatim second copy of a caption (its text stays in the body)
    assert (dropped["kind"] == "duplicate").all()


def test_wikinews_dateline_is_taken_out_and_dates_the_article(wikinews: pd.DataFrame) -> None:
    undated = wikinews.assign(published=pd.NaT, date_source="none").head(40)
    articles, lines = clean_corpus(undated, progress=False)
    assert (articles["date_source"] == "inferred").all()
    expected = pd.to_datetime(wikinews.head(40)["published"]).to_numpy()
    assert (articles["published"].to_numpy() == expected).all()
    assert articles["dateline"].str.match(r"^\w+day, \w+ \d{1,2}, \d{4}$").all()
    assert not articles["body"].str.contains(r"^\w+day, \w+ \d{1,2}, 20\d\d$", regex=True).any()
    first = lines[lines["kind"] != "blank"].groupby("article_id")["kind"].first()
    assert set(first) == {"dateline"}


def test_clean_corpus_keeps_loader_columns_and_metadata_dates(
    corpus: pd.DataFrame, cleaned: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    articles, lines = cleaned
    assert list(articles.columns) == list(corpus.columns)
    assert articles["article_id"].tolist() == corpus["article_id"].tolist()
    assert (articles["date_source"] == corpus["date_source"]).all()
    assert articles["n_body_lines"].dtype == "Int64"
    assert (
        articles["n_raw_lines"]
        == lines.groupby("article_id", sort=False).size().reindex(articles["article_id"]).to_numpy()
    ).all()
    assert set(dropped_by_reason(lines).columns) == {"kind", "reason", "lines"}


# --- corpus-level repetition -------------------------------------------------------------------


def _synthetic_corpus(
    wikinews: pd.DataFrame, block: list[str], n: int = 30
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """`n` articles of real Wikinews paragraphs (no blank lines, as a scraper dump) that share `block`,
    shuffled differently in each, placed at the top, in the middle or at the end."""
    rng = random.Random(7)
    rows, own_lines = [], {}
    for i, text in enumerate(wikinews["text"].iloc[:n]):
        paragraphs = [
            line for line in (normalise_line(raw)[0] for raw in raw_lines(text)[1:]) if len(line) > 120
        ][:6]
        assert len(paragraphs) >= 2
        headlines = block[:]
        rng.shuffle(headlines)
        cut = [0, len(paragraphs) // 2, len(paragraphs)][i % 3]
        lines = paragraphs[:cut] + headlines + paragraphs[cut:]
        article_id = f"synthetic_{i:02d}"
        rows.append(
            {
                "article_id": article_id,
                "text": "\n".join(lines) + "\n",
                "title": None,
                "published": pd.NaT,
                "date_source": "none",
            }
        )
        own_lines[article_id] = paragraphs
    return pd.DataFrame(rows), own_lines


def test_a_shared_block_of_trending_headlines_goes_and_own_lines_stay(
    seed_text: str, wikinews: pd.DataFrame
) -> None:
    block = raw_lines(seed_text)[28:86]
    articles, own = _synthetic_corpus(wikinews, block)
    cleaned, lines = clean_corpus(articles, progress=False)
    for article_id, body in zip(cleaned["article_id"], cleaned["body"], strict=True):
        assert body.split("\n\n") == own[article_id], article_id
    block_keys = {normalise_line(line)[0] for line in block}
    in_block = lines[lines["text"].map(lambda t: normalise_line(t)[0] in block_keys)]
    assert len(in_block) == 30 * len(block)
    assert in_block["kind"].isin(["boilerplate"]).all()
    # in the middle of an article only the corpus signal can tell: the reason says so
    middle = in_block[in_block["article_id"] == "synthetic_01"]
    assert middle["reason"].str.match(r"^repeats in 30 of 30 articles$").all()


def test_without_the_corpus_a_block_in_the_middle_would_stay(seed_text: str, wikinews: pd.DataFrame) -> None:
    """The corpus test can fail: the same article cleaned alone keeps the headlines between its paragraphs."""
    block = [line for line in raw_lines(seed_text)[28:86] if not line.rstrip("'’").endswith(("...", "…"))]
    articles, _ = _synthetic_corpus(wikinews, block, n=3)
    fields, _ = clean_article(articles.loc[1, "text"])
    assert any(headline in fields["body"] for headline in block)


def test_line_counts_add_up_across_partitions_and_pickle(wikinews: pd.DataFrame) -> None:
    whole = line_repetition_counts(wikinews)
    parts = line_repetition_counts(wikinews.iloc[:100]) + line_repetition_counts(wikinews.iloc[100:])
    assert whole == parts and whole.n_articles == parts.n_articles == 295
    again = pickle.loads(pickle.dumps(whole))
    assert isinstance(again, LineCounts) and again == whole and again.n_articles == 295


# --- datelines, titles, options ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "dateline", "rest"),
    [
        (
            "CLEVELAND, Feb 26 - Shares of the company rose sharply in early trading on Thursday, "
            "traders said.",
            "CLEVELAND, Feb 26",
            "Shares of the company",
        ),
        (
            "WASHINGTON (Reuters) - The Senate voted on Tuesday to approve the measure after a long debate.",
            "WASHINGTON (Reuters)",
            "The Senate voted",
        ),
    ],
)
def test_wire_dateline_prefix_moves_to_dateline(first: str, dateline: str, rest: str) -> None:
    second = "The decision was announced after a meeting of the board of directors in the city on Wednesday."
    fields, lines = clean_article(f"{first}\n{second}\n")
    assert fields["dateline"] == dateline
    assert fields["body"].startswith(rest)
    assert pd.isna(fields["dateline_date"])  # no year: never a guessed date
    assert "dateline prefix moved to dateline" in lines.loc[0, "reason"]


def test_full_dateline_dates() -> None:
    assert parse_dateline_date("Friday, January 4, 2019") == pd.Timestamp("2019-01-04")
    assert parse_dateline_date("1:39 am EST, Wednesday, November 20, 2019") == pd.Timestamp("2019-11-20")
    assert parse_dateline_date("20 Nov 2019 08:00 GMT") == pd.Timestamp("2019-11-20")
    assert pd.isna(parse_dateline_date("CLEVELAND, Feb 26"))
    assert pd.isna(parse_dateline_date("February 30, 2019"))


def test_known_title_and_headline_above_the_article() -> None:
    text = (
        "Home\nNews\nSyrian pilot defects to Jordan in fighter jet\n"
        "A Syrian air force colonel flew his MiG-21 fighter jet to Jordan on Thursday and asked for asylum, "
        "officials said.\n"
        "He was granted political asylum by Jordan only hours after landing his jet at an air base "
        "in Mafraq.\n"
    )
    fields, lines = clean_article(text)
    assert fields["title"] == "Syrian pilot defects to Jordan in fighter jet"
    assert lines["kind"].tolist()[:3] == ["boilerplate", "boilerplate", "title"]
    fields, _ = clean_article(text, title="syrian pilot defects to jordan in fighter jet")
    assert fields["title"] == "Syrian pilot defects to Jordan in fighter jet"


def test_options_override_defaults_and_reject_unknown_names(seed_text: str) -> None:
    with pytest.raises(TypeError, match="no_such_option"):
        clean_article(seed_text, no_such_option=1)
    base, _ = clean_article(seed_text)
    strict, _ = clean_article(seed_text, length_high=10_000, length_low=10_000, brief_min_words=10_000)
    assert strict["n_body_lines"] == 0 and base["n_body_lines"] == 25


def test_render_and_save(seed_text: str, tmp_path: Path) -> None:
    fields, lines = clean_article(seed_text + "\n<script>x</script>", article_id=SEED_ID)
    html = render_lines_html(lines)
    assert "line-through" in html and "&lt;script&gt;" in html and "<script>" not in html
    assert html.count("<tr><td") == len(lines[lines["kind"] != "blank"])
    articles = pd.DataFrame(
        [{"article_id": SEED_ID, **{k: v for k, v in fields.items() if k != "dateline_date"}}]
    )
    paths = save_tables(articles, lines, tmp_path / "processed")
    assert [p.name for p in paths] == ["articles.parquet", "lines.parquet"]
    assert not list((tmp_path / "processed").glob(".*.tmp"))
    pd.testing.assert_frame_equal(pd.read_parquet(paths[1]), lines)


# --- properties ----------------------------------------------------------------------------------

_LINE_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)
_RAW = st.lists(
    st.one_of(
        _LINE_TEXT,
        st.sampled_from(
            ["", "WORLD", "Friday, January 4, 2019", "1,00,000 ...", "CLEVELAND, Feb 26 - Shares fell."]
        ),
    ),
    max_size=30,
).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_RAW)
def test_never_raises_and_body_lines_come_from_the_input(raw: str) -> None:
    fields, lines = clean_article(raw)
    assert lines["line_no"].tolist() == list(range(1, len(raw_lines(raw)) + 1))
    assert set(lines["kind"]) <= set(KINDS)
    normalised = [normalise_line(line)[0] for line in raw_lines(raw)]
    for line in filter(None, fields["body"].split("\n")):
        # a body line is a normalised input line, or its end after a wire dateline prefix was removed
        assert line in normalised or any(n.endswith(line) and fields["dateline"] for n in normalised), line
    assert fields["n_body_lines"] == int((lines["kind"] == "body").sum())


@pytest.fixture(scope="module")
def prose(wikinews: pd.DataFrame) -> list[str]:
    lines = {normalise_line(raw)[0] for text in wikinews["text"] for raw in raw_lines(text)[1:]}
    return sorted(line for line in lines if len(line) >= 150 and line.endswith((".", '"', "”")))


def test_cleaning_clean_wikinews_bodies_again_drops_nothing(
    cleaned: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    articles, _ = cleaned
    for article_id, body in zip(articles["article_id"], articles["body"], strict=True):
        if not article_id.startswith("wikinews_") or not body:
            continue
        fields, _ = clean_article(body)
        assert fields["n_dropped_lines"] == 0, article_id
        assert fields["body"] == body, article_id


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_an_already_clean_article_loses_nothing(prose: list[str], data: st.DataObject) -> None:
    paragraphs = data.draw(st.lists(st.sampled_from(prose), min_size=1, max_size=8, unique=True))
    blank = data.draw(st.sampled_from(["\n", "\n\n\n"]))
    fields, lines = clean_article(blank.join(paragraphs))
    assert fields["n_dropped_lines"] == 0
    assert fields["body"].split("\n\n") == paragraphs


def test_a_brief_of_short_sentences_keeps_its_body():
    """Regression: a two-sentence wire brief had no line long enough to anchor the article and lost all."""
    fields, lines = clean_article(
        "WORLD\nThe minister resigned on Tuesday after the vote.\nHer deputy takes over until May.\n",
        article_id="brief",
    )
    assert lines["kind"].tolist() == ["section", "body", "body"]
    assert "The minister resigned on Tuesday after the vote." in fields["body"]
    _, menu = clean_article("Home\nNews\nSport\nContact us\n", article_id="menu")
    assert set(menu["kind"]) == {"boilerplate"}


# --- lists and tables, label lines, sentence ends, trivial whitespace ----------------------------

_PARAGRAPHS = [
    "The council said on Tuesday that the new plan would be put to a vote next month, after a long debate in "
    "which residents, traders and the police all had their say about what the town centre needs.",
    "Under the plan the main square would be closed to cars on weekends, and the money raised from parking "
    "would be spent on the library, on new benches and on lighting for the streets around the market.",
    "Opponents of the scheme say that it was drawn up in a hurry and that the shops which depend on passing "
    "trade were not asked what they thought of it before the first draft was published in the spring.",
    "A final decision is expected before the end of the year, and the mayor has promised that there will be "
    "another public meeting at which anyone who lives or works in the town will be able to speak.",
]


def test_a_recipe_list_after_the_article_is_kept_up_to_the_related_heading() -> None:
    items = ["Ingredients", "2 tbsp olive oil", "1 onion, chopped", "2 carrots, diced", "200 g red lentils",
             "1.2 litres vegetable stock", "1 tsp ground cumin", "Salt and pepper", "Method",
             "Simmer for 25 minutes, then blend half of the soup"]
    related = ["Ten soups to warm you up this winter", "Our best pasta bakes for a crowd", "How to cook rice"]
    text = "\n".join(["Home", "Recipes", *_PARAGRAPHS[:2], *items, "Related articles", *related])
    fields, lines = clean_article(text)
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[item] == "body" for item in items), [(i, kind[i]) for i in items]
    assert all(kind[line] == "boilerplate" for line in related)
    assert "list or table" in lines.loc[lines["text"] == "200 g red lentils", "reason"].item()


def test_a_standings_table_at_the_end_of_the_article_is_kept() -> None:
    cells = ["Pos.", "Driver", "Points", "Wins"]
    for rank, (name, points, wins) in enumerate(
        [("Kyle Busch", 5040, 5), ("Martin Truex Jr.", 5035, 7), ("Kevin Harvick", 5033, 4),
         ("Denny Hamlin", 5027, 6), ("Joey Logano", 2380, 2)], start=1
    ):
        cells += [str(rank), name, str(points), str(wins)]
    text = "\n".join(["Menu", "Standings", *_PARAGRAPHS[:2], "Final standings after 36 races", *cells,
                      "Share this on WhatsApp", "Contact us", "Privacy policy"])
    fields, lines = clean_article(text)
    assert all(cell in fields["body"].split("\n\n") for cell in cells)
    assert "Contact us" not in fields["body"]


def test_numbered_sidebars_are_not_lists() -> None:
    """Category counts (`Akhlaq (47)`) and archive months are a sidebar, not a table of the article."""
    sidebar = ["Categories", "Akhlaq (47)", "Dakwah (60)", "Ekonomi (16)", "Iman (17)", "Jihad (24)",
               "Archives", "November 2019", "October 2019", "September 2019"]
    fields, lines = clean_article("\n".join([*_PARAGRAPHS, *sidebar]))
    assert fields["body"].split("\n\n") == _PARAGRAPHS


def test_an_item_repeated_in_a_list_is_not_a_duplicate() -> None:
    meal = "1 cup cooked brown rice, 4 oz grilled chicken, 1 cup steamed broccoli"
    plan = ["Plan A", "Meal 1", "2 eggs, 1 slice toast", "Meal 2", meal, "Plan B", "Meal 1",
            "1 cup oats, 1 banana", "Meal 2", meal]
    text = "\n".join([*_PARAGRAPHS[:2], *plan, "Related articles", "Why breakfast matters"])
    fields, lines = clean_article(text)
    assert (lines.loc[lines["text"] == meal, "kind"] == "body").all()
    assert fields["body"].split("\n\n").count(meal) == 2


def test_the_items_a_body_line_introduces_with_a_colon_are_kept() -> None:
    items = ["Shops may open on Sundays", "Deliveries must be made before the morning rush",
             "Parking in the centre is free in the evening"]
    related = ["Town hall to close for repairs", "New cycle lanes planned for the ring road"]
    intro = "After the vote the mayor set out what would change for the people who live and work in the centre:"
    text = "\n".join([*_PARAGRAPHS[:3], intro, *items, "Related stories", *related])
    fields, lines = clean_article(text)
    body = fields["body"].split("\n\n")
    assert body[-4:] == [intro, *items]
    reason = lines.loc[lines["text"] == items[0], "reason"].item()
    assert reason == "kept: an item of the list introduced by line 4"
    assert not any(line in body for line in related)


def test_an_emoji_after_the_full_stop_still_ends_a_sentence() -> None:
    text = "\n".join([*_PARAGRAPHS[:3], "We hope to see you at the meeting! 🙂", "Login", "Contact"])
    fields, _ = clean_article(text)
    assert fields["body"].split("\n\n")[-1] == "We hope to see you at the meeting! 🙂"


def test_initials_do_not_make_a_lead_paragraph_look_like_a_list_of_names() -> None:
    lead = (
        "Sen. J.R.R. Smith, R-N.C., Rep. T.B. Jones, D-N.Y., U.S. Trade Representative R.E. Lighthizer, E.U. "
        "Commissioner C.M. Malmström met E.U. and U.S. negotiators in Washington, D.C., on Monday."
    )
    fields, _ = clean_article("\n".join(["Steel talks resume", lead, *_PARAGRAPHS]))
    assert fields["body"].split("\n\n") == [lead, *_PARAGRAPHS]


def test_a_caption_label_takes_out_the_caption_below_it() -> None:
    caption = "Scooter Braun has managed Justin Bieber, among others, throughout his career in music"
    text = "\n".join([*_PARAGRAPHS[:2], "Image caption", caption, *_PARAGRAPHS[2:]])
    fields, lines = clean_article(text)
    assert fields["body"].split("\n\n") == _PARAGRAPHS
    assert lines.loc[lines["text"] == caption, "reason"].item() == "photo caption (below line 3, 'Image caption')"


def test_a_copyright_label_is_a_credit_and_leaves_the_line_above_it_alone() -> None:
    short = "He has consistently denied being unfair to her."
    text = "\n".join([*_PARAGRAPHS[:2], short, "Image copyright Getty Images", *_PARAGRAPHS[2:]])
    fields, lines = clean_article(text)
    assert fields["body"].split("\n\n") == [*_PARAGRAPHS[:2], short, *_PARAGRAPHS[2:]]
    assert lines.loc[lines["text"] == "Image copyright Getty Images", "reason"].item() == "photo credit"


def test_links_under_a_more_label_are_taken_out_without_splitting_the_article() -> None:
    links = ["Afghan woman politician sees Taliban talks as only hope",
             "Young people, including Taliban youth, must be heard: UN envoy",
             "China invites Taliban, Afghan officials for two-day talks"]
    text = "\n".join([*_PARAGRAPHS[:2], "More:", *links, *_PARAGRAPHS[2:]])
    fields, lines = clean_article(text)
    assert fields["body"].split("\n\n") == _PARAGRAPHS
    assert lines.loc[lines["text"] == links[0], "reason"].item() == "a link under line 3 ('More:')"


def test_trivial_whitespace_is_not_a_recorded_normalisation() -> None:
    paragraph = _PARAGRAPHS[0].replace(". ", ".  ").replace(", ", ",  ", 1)
    _, lines = clean_article("\n".join(["  " + paragraph + "\t", *_PARAGRAPHS[1:]]))
    assert lines.loc[0, "kind"] == "body" and "normalised" not in lines.loc[0, "reason"]
    _, lines = clean_article("\n".join([_PARAGRAPHS[0].replace(" ", "\u00a0", 1), *_PARAGRAPHS[1:]]))
    assert "normalised: space characters -> space ('no-break space' -> ' ')" in lines.loc[0, "reason"]


def test_a_follow_us_on_social_media_line_after_the_article_is_dropped() -> None:
    promo = "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube."
    text = "\n".join([*_PARAGRAPHS, promo])
    fields, lines = clean_article(text)
    assert fields["body"].split("\n\n") == _PARAGRAPHS
    assert "menu or footer phrase" in lines.loc[lines["text"] == promo, "reason"].item()
    prose = "She said she would follow the team on Twitter."
    fields, _ = clean_article("\n".join([*_PARAGRAPHS[:2], prose, *_PARAGRAPHS[2:]]))
    assert prose in fields["body"].split("\n\n")
