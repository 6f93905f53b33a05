"""Entity mentions and their canonical names, one article at a time; the seed's gold entities are the
acceptance test."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.conftest import SEED_ID
from toolkit.entities import article_mentions, count_entities, extract_mentions, speaker_label_spans
from toolkit.errors import ToolkitError
from toolkit.nlp import parse

MENTION_COLUMNS = ["article_id", "sentence_id", "start", "end", "text", "label", "canonical"]


def test_seed_required_entities(seed_mentions: pd.DataFrame, gold: dict) -> None:
    counts = count_entities(seed_mentions)
    found = {(c, lab): n for c, lab, n in zip(counts.canonical, counts.label, counts.mentions, strict=True)}
    for entity in gold["entities_required"]:
        assert found.get((entity["canonical"], entity["label"])) == entity["mentions"], entity
    assert counts["canonical"].is_unique  # one label per canonical entity within the article


def test_seed_nothing_from_boilerplate(seed_mentions: pd.DataFrame, gold: dict) -> None:
    names = set(seed_mentions["canonical"]) | set(seed_mentions["text"])
    assert not names & set(gold["entities_forbidden_from_boilerplate"])


def test_mentions_table_shape_and_offsets(seed_mentions: pd.DataFrame, seed_articles: pd.DataFrame) -> None:
    assert list(seed_mentions.columns[:7]) == MENTION_COLUMNS
    assert set(seed_mentions["article_id"]) == {SEED_ID}  # empty and None bodies give no rows
    body = seed_articles["body"][0]
    for start, end, text in zip(seed_mentions.start, seed_mentions.end, seed_mentions.text, strict=True):
        assert body[start:end] == text
    assert seed_mentions["sentence_id"].is_monotonic_increasing and seed_mentions["sentence_id"].min() >= 0
    assert seed_mentions["start"].is_monotonic_increasing
    assert (seed_mentions["label"].isin(["DATE", "CARDINAL", "ORDINAL", "MONEY"])).sum() == 0


def test_span_repair_and_consistency(seed_mentions: pd.DataFrame) -> None:
    hamade = seed_mentions[seed_mentions.canonical == "Hassan Merei al-Hamade"]
    assert "Hassan Merei al-Hamade" in set(hamade.text) and "repaired" in set(hamade.origin)
    deraa = seed_mentions[seed_mentions.canonical == "Dera'a"]
    assert (deraa.origin == "matched").sum() == 2
    jordan = seed_mentions[seed_mentions.canonical == "Jordan"]
    assert set(jordan.model_label) == {"GPE", "PERSON"} and set(jordan.label) == {"GPE"}


def test_rules_can_be_switched_off(seed_doc) -> None:
    raw = article_mentions(seed_doc, "seed", consistency=False, span_repair=False, merge_names=False)
    assert (raw.canonical == "Dera'a").sum() == 1
    assert "Assad" in set(raw.canonical) and "Merei al-Hamade" in set(raw.canonical)
    with pytest.raises(ToolkitError, match="unknown entity option"):
        article_mentions(seed_doc, "seed", consistancy=False)


def test_acronym_defined_in_article() -> None:
    text = (
        "The World Health Organization (WHO) warned on Monday. Officials of the WHO met in Geneva. "
        "The WHO said more tests were needed."
    )
    mentions = extract_mentions(pd.DataFrame({"article_id": ["a"], "body": [text]}), progress=False)
    who = mentions[mentions.text.str.contains("WHO")]
    assert len(who) >= 2 and set(who.canonical) == {"World Health Organization"}


INTERVIEW = (
    "Wikinews spoke to the developer Perttu Ahola about Minetest.\n"
    "((WN))  How did you start?\n"
    "((Perttu Ahola))  I wrote games in BASIC in Helsinki.\n"
    "((WN))  Why Minetest?\n"
    "((Perttu Ahola))  It began as a challenge.\n"
    "((WN))  What next?\n"
    "((Perttu Ahola))  More work with the Minetest community.\n"
)


def test_speaker_labels_of_an_interview_are_not_mentions():
    spans = speaker_label_spans(INTERVIEW)
    assert {INTERVIEW[s:e] for s, e in spans} == {"((WN))", "((Perttu Ahola))"} and len(spans) == 6
    doc = parse([INTERVIEW], components=("ner", "senter"), progress=False)[0]
    mentions = article_mentions(doc, "interview")
    inside = [(s, e) for s, e in zip(mentions["start"], mentions["end"], strict=True)
              if any(a <= s and e <= b for a, b in spans)]  # fmt: skip
    assert inside == [] and "WN" not in set(mentions["canonical"])
    assert INTERVIEW.index("Perttu Ahola") in set(mentions["start"])  # the name in the prose still counts
    with_labels = article_mentions(doc, "interview", speaker_labels=False)
    assert len(with_labels) > len(mentions)


@pytest.mark.parametrize("text", ["Note: the figures are provisional.\nMost of them rose.",
                                  "Q: Why?\nA: Because.\nQ: When?\nA: Now."])  # fmt: skip
def test_a_label_opening_fewer_than_three_lines_is_not_a_speaker(text):
    assert speaker_label_spans(text) == []


def test_a_mention_needs_a_latin_letter():
    text = "Ministers met in Delhi. हैं हैं की सरकार ने कहा. Narendra Modi spoke to reporters in Delhi."
    doc = parse([text], components=("ner", "senter"), progress=False)[0]
    names = set(article_mentions(doc, "mixed")["canonical"])
    assert all(any("a" <= c.lower() <= "z" for c in name) for name in names) and "Delhi" in names


def test_a_name_after_a_personal_title_votes_person():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("The court blocked the order. Later, President Trump said Trump would appeal.")
    first, second = (i for i, t in enumerate(doc) if t.text == "Trump")
    doc.ents = [Span(doc, first, first + 1, label="ORG"), Span(doc, second, second + 1, label="ORG")]
    assert set(article_mentions(doc, "titled")["label"]) == {"PERSON"}  # one title vote breaks the 1-1 tie
    doc.ents = [Span(doc, second, second + 1, label="ORG")]
    assert set(article_mentions(doc, "untitled")["label"]) == {"ORG"}  # no title: the model's label stands


def test_a_surname_tagged_as_a_person_once_joins_the_full_name_whatever_the_vote():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("Donald Trump spoke. Trump 's plan failed and Trump 's aides left. Trump said so. "
                       "Gerald Ford was president. Ford cut jobs.")  # fmt: skip
    at = [i for i, t in enumerate(doc) if t.text in ("Donald", "Trump", "Gerald", "Ford")]
    labels = {0: "PERSON", 1: None, 2: "ORG", 3: "ORG", 4: "PERSON", 5: "PERSON", 6: None, 7: "ORG"}
    ents = []
    for n, i in enumerate(at):
        if labels[n] is not None:
            width = 2 if doc[i].text in ("Donald", "Gerald") else 1
            ents.append(Span(doc, i, i + width, label=labels[n]))
    doc.ents = ents
    mentions = article_mentions(doc, "surnames")
    trump = mentions[mentions["text"] == "Trump"]
    assert set(trump["canonical"]) == {"Donald Trump"}  # 2 ORG votes, 1 PERSON: still Donald Trump
    ford = mentions[mentions["text"] == "Ford"]
    assert set(ford["canonical"]) == {"Ford"}  # never tagged a person: the company stays apart


def test_a_nationality_stays_its_own_entity_linked_to_its_country() -> None:
    text = "French officials met in Paris. France said the French team would stay. Polish farmers protested."
    doc = parse([text], components=("ner", "senter"), progress=False)[0]
    found = article_mentions(doc, "a")
    french = found[found["text"] == "French"]
    assert set(french["canonical"]) == {"French"} and set(french["label"]) == {"NORP"}
    assert set(french["country"]) == {"France"}
    assert set(found.loc[found["text"] == "Polish", "country"]) == {"Poland"}
    assert found.loc[found["text"] == "France", "country"].isna().all()
    counts = count_entities(found).set_index(["canonical", "label"])["mentions"]
    assert counts[("French", "NORP")] == 2 and counts[("France", "GPE")] == 1


def test_time_zones_are_not_entities_and_country_short_forms_take_the_country_name() -> None:
    text = "The vote closed at 20:00 UTC in the US. Officials of the U.S. and Britain met in America on Monday."
    doc = parse([text], components=("ner", "senter"), progress=False)[0]
    found = article_mentions(doc, "a")
    assert "UTC" not in set(found["text"])
    places = found[found["text"].isin(["US", "U.S.", "America"])]
    assert set(places["canonical"]) == {"United States"} and set(places["canonical_source"]) == {"alias"}
    assert set(found.loc[found["text"] == "Britain", "canonical"]) == {"United Kingdom"}
    mine = article_mentions(doc, "a", aliases={"US": "USA"})
    assert set(mine.loc[mine["text"] == "US", "canonical"]) == {"USA"}  # the user's table wins
    assert set(article_mentions(doc, "a", default_aliases=False)["canonical"]) >= {"U.S.", "Britain", "America"}


def test_a_name_never_runs_over_a_line_break():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("Lens 0 Nantes 4 (Claude Makelele 42, Jocelyn\nGourvennec 67).\nAttendance 33,000\nKarlsruhe 3")
    at = {t.text: t.i for t in doc}
    doc.ents = [
        Span(doc, at["Jocelyn"], at["Gourvennec"] + 1, label="PERSON"),
        Span(doc, at["33,000"] - 1, at["Karlsruhe"] + 1, label="ORG"),
    ]
    found = article_mentions(doc, "table")
    assert list(found["text"]) == ["Jocelyn", "Gourvennec", "Karlsruhe"]  # `Attendance` labels a figure


def test_a_city_before_a_score_is_its_club_a_country_stays_a_place():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("Plymouth 4 Exeter 1\nJapan 2 Syria 1\nLONDON 1996-12-06\nTasmania 352 for 7\nMIAMI 14 4 .778")
    doc.ents = [Span(doc, t.i, t.i + 1, label="GPE") for t in doc if t.text[:1].isupper()]
    found = article_mentions(doc, "results").set_index("text")["label"].to_dict()
    assert found == {"Plymouth": "ORG", "Exeter": "ORG", "Japan": "GPE", "Syria": "GPE", "LONDON": "GPE",
                     "Tasmania": "GPE", "MIAMI": "ORG"}  # fmt: skip
    off = article_mentions(doc, "results", teams=False)
    assert set(off["label"]) == {"GPE"}


def test_a_word_alone_before_a_figure_on_its_line_labels_it_and_is_no_mention():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("Bochum 2 Bayer Leverkusen 2.\nAttendance: 24,602\nAttendance 33,000.\nKarlsruhe 3 Freiburg 0.")
    doc.ents = [Span(doc, t.i, t.i + 1, label="PERSON" if t.text == "Attendance" else "ORG")
                for t in doc if t.text in ("Bochum", "Attendance", "Karlsruhe", "Freiburg")]  # fmt: skip
    assert list(article_mentions(doc, "table")["text"]) == ["Bochum", "Karlsruhe", "Freiburg"]
    assert list(article_mentions(doc, "table", field_labels=False)["text"]).count("Attendance") == 2


def test_a_country_read_as_an_org_is_a_place_but_a_country_code_is_not():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("Australia beat Wales on Saturday. Wales lost again. NZ First joined the coalition.")
    doc.ents = [Span(doc, t.i, t.i + 1, label="ORG") for t in doc if t.text in ("Wales", "NZ")]
    found = article_mentions(doc, "rugby").set_index("text")["label"].to_dict()
    assert found == {"Wales": "GPE", "NZ": "ORG"}
    assert set(article_mentions(doc, "rugby", teams=False)["label"]) == {"ORG"}


def test_a_leading_article_is_not_part_of_the_span_unless_the_whole_is_a_place():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("Envoys of the United States met in The Hague before the Security Council vote.")
    at = {t.text: t.i for t in doc}
    doc.ents = [
        Span(doc, at["United"] - 1, at["States"] + 1, label="GPE"),
        Span(doc, at["The"], at["Hague"] + 1, label="GPE"),
        Span(doc, at["Council"] - 2, at["Council"] + 1, label="ORG"),
    ]
    found = article_mentions(doc, "envoys")
    assert list(found["text"]) == ["United States", "The Hague", "Security Council"]
    assert all(doc.text[s:e] == t for s, e, t in zip(found["start"], found["end"], found["text"], strict=True))


def test_a_side_of_a_fixture_line_is_its_club():
    from spacy.tokens import Span

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    doc = nlp.make_doc("FRIDAY, DECEMBER 6\nNEW JERSEY AT BOSTON\nJapan v Syria\nFlights from Boston at noon.")
    doc.ents = [Span(doc, t.i, t.i + (2 if t.text == "NEW" else 1), label="GPE")
                for t in doc if t.text in ("NEW", "BOSTON", "Japan", "Syria", "Boston")]  # fmt: skip
    found = article_mentions(doc, "fixtures")
    assert dict(zip(found["text"], found["context"], strict=True)) == {
        "NEW JERSEY": "team", "BOSTON": "team", "Japan": "", "Syria": "", "Boston": ""}  # fmt: skip


def test_a_person_read_in_a_result_line_or_a_club_standings_row_is_a_club_a_golfer_is_not():

    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    text = (
        "Orrell 22 West Hartlepool 15\nBochum 2 (Stickroth 30th pen) Hansa Rostock 0.\n"
        "Twente Enschede 18 10 4 4 28 15 34\nNY Islanders 7 11 8 65 72 22\nTom Lehman 67 70 69 66 272\n"
        "Michael Bevan 119, Steve Waugh 54"
    )
    doc = nlp.make_doc(text)
    names = ["Orrell", "West Hartlepool", "Stickroth", "Hansa Rostock", "Twente Enschede", "NY Islanders",
             "Tom Lehman", "Michael Bevan", "Steve Waugh"]  # fmt: skip
    doc.ents = [doc.char_span(text.index(name), text.index(name) + len(name), label="PERSON") for name in names]
    found = article_mentions(doc, "results").set_index("text")["label"].to_dict()
    clubs = {"Orrell", "West Hartlepool", "Hansa Rostock", "Twente Enschede", "NY Islanders"}
    assert found == {name: "ORG" if name in clubs else "PERSON" for name in names}
    assert set(article_mentions(doc, "results", teams=False)["label"]) == {"PERSON"}


def test_a_surname_read_as_an_org_is_the_person_a_pronoun_refers_to_a_company_stays():
    from toolkit.nlp import load_pipeline

    nlp = load_pipeline(components=("ner", "senter"))
    text = ("Vaclav Havel left hospital. Havel said his health was good. "
            "Michael Dell spoke. Dell said its profits rose.")  # fmt: skip
    doc = nlp.make_doc(text)
    for token in doc:
        token.is_sent_start = token.i == 0 or doc[token.i - 1].text == "."
    ents = [("Vaclav Havel", 0, "PERSON"), ("Havel", text.index("Havel said"), "ORG"),
            ("Michael Dell", text.index("Michael"), "PERSON"), ("Dell", text.index("Dell said"), "ORG")]  # fmt: skip
    doc.ents = [doc.char_span(start, start + len(name), label=label) for name, start, label in ents]
    found = article_mentions(doc, "surnames").set_index("start")
    havel, dell = found.loc[text.index("Havel said")], found.loc[text.index("Dell said")]
    assert (havel["canonical"], havel["label"], havel["context"]) == ("Vaclav Havel", "PERSON", "surname")
    assert set(found.loc[found["canonical"] == "Vaclav Havel", "label"]) == {"PERSON"}
    assert (dell["canonical"], dell["label"]) == ("Dell", "ORG")  # `its`: the company its founder named


def test_the_place_opening_a_dateline_is_a_place_and_is_found_in_capitals():
    text = ("SOCCER - ROMANIA NAME SQUAD.\nBUCHAREST 1996-12-06\nRomania named its squad on Friday.\n"
            "SOCCER - JAPAN WIN.\nAL-AIN, United Arab Emirates 1996-12-06\nJapan beat Syria.")  # fmt: skip
    doc = parse([text], components=("ner", "senter"), progress=False)[0]
    found = article_mentions(doc, "datelines").set_index("text")
    assert found.loc["BUCHAREST", "label"] == "GPE" and found.loc["AL-AIN", "label"] == "GPE"
    assert set(found.loc[["BUCHAREST", "AL-AIN"], "context"]) == {"dateline"}
