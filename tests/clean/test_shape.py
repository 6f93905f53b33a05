"""What a line's shape and its neighbours say: lists and tables, label lines, captions and credits,
sentence ends, trivial whitespace, promotion lines."""

from __future__ import annotations

from toolkit.clean import clean_article

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


def test_headlines_dated_in_brackets_are_an_archive_not_a_table() -> None:
    archive = ["Other Recent Articles", "Rigters To Leave Ewood Park (Monday January 14 2008)",
               "Roberts: I Just Want To Play (Monday January 14 2008)",
               "Hughes Focused On Rovers (Sunday January 13 2008)",
               "Fielding Extends Rovers Contract (Friday January 11 2008)",
               "Hodge Returns To Ewood Park [Jan 9, 2008]",
               "Savage Completes Derby Move (Wednesday January 9 2008)",
               "Hughes Linked With Newcastle Job (10 January)"]
    fields, lines = clean_article("\n".join([*_PARAGRAPHS, *archive]))
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


def test_a_page_with_no_prose_keeps_its_list_of_results_as_the_body() -> None:
    results = ["GIRLS BASKETBALL", "Palm Bay d. Rockledge 70-44", "Rockledge 14 11 6 15 — 44",
               "Palm Bay 18 22 13 17 — 70", "Heritage d. Titusville 53-9", "Melbourne d. Space Coast 69-54",
               "Cocoa d. West Shore 61-21", "BOYS SOCCER", "Viera d. Rockledge 3-1", "Melbourne d. Cocoa 8-0"]
    text = "\n".join(["Sports", "High School Roundup", *results, "Terms of Service", "Privacy Notice"])
    fields, lines = clean_article(text)
    kind = dict(zip(lines["text"], lines["kind"], strict=True))
    assert all(kind[line] in ("body", "title", "section") for line in results[1:]), kind
    assert "Viera d. Rockledge 3-1" in fields["body"]
    assert kind["Privacy Notice"] == "boilerplate"
    assert "no prose" in lines.loc[lines["text"] == "Cocoa d. West Shore 61-21", "reason"].item()
