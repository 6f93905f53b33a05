"""Case restoration of text in capitals: which spans, which casing, same length; and the mentions found on it."""

from __future__ import annotations

import pytest
from spacy.lang.en.stop_words import STOP_WORDS

from toolkit.entities import article_mentions
from toolkit.entities.truecase import headline_parts, restore_case, shouted_spans
from toolkit.nlp import parse

ARTICLE = (
    "SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.\n"
    "Nadim Ladki\n"
    "AL-AIN, United Arab Emirates 1996-12-06\n"
    "Japan began the defence of their title with a lucky win against Syria, while China lost.\n"
    "The win in Al-Ain was a surprise."
)


def test_shouted_spans_are_lines_in_capitals_and_the_place_of_a_dateline() -> None:
    spans = shouted_spans(ARTICLE)
    assert [ARTICLE[a:b] for a, b in spans] == ["SOCCER - JAPAN GET LUCKY WIN, CHINA IN SURPRISE DEFEAT.", "AL-AIN"]


def test_the_place_before_the_date_that_ends_its_line_is_a_dateline() -> None:
    text = "BUCHAREST 1996-12-06\nRomania named its squad.\nSCORES 1996 FINAL 12\nTalks in LONDON 1996-12-06"
    assert [text[a:b] for a, b in shouted_spans(text)] == ["BUCHAREST", "SCORES 1996 FINAL 12"]


@pytest.mark.parametrize("line", ["Nadim Ladki", "NATO and the UN met.", "W L", "Talks in LONDON, ONTARIO, on"])
def test_normal_lines_and_acronyms_are_not_shouted(line: str) -> None:
    assert shouted_spans(line) == []


def test_restored_copy_uses_the_articles_own_casing_and_keeps_the_length() -> None:
    restored = restore_case(ARTICLE, shouted_spans(ARTICLE), STOP_WORDS)
    assert len(restored) == len(ARTICLE)
    assert restored.splitlines()[0] == "Soccer - Japan get lucky win, China in surprise defeat."
    assert restored.splitlines()[2].startswith("Al-Ain, United Arab Emirates")
    assert restored.splitlines()[3:] == ARTICLE.splitlines()[3:]


def test_an_acronym_form_yields_to_the_word_written_otherwise() -> None:
    text = "NEW YORK AT BOSTON\nIn New York, the NEW team won.\nThe Knicks beat New Jersey."
    restored = restore_case(text, shouted_spans(text), STOP_WORDS, is_place=lambda word: word.lower() == "boston")
    assert restored.splitlines()[0] == "New York at Boston"


def test_headline_parts_split_at_dashes_standing_apart() -> None:
    text = "SOCCER - AL-AIN WIN"
    assert [text[a:b] for a, b in headline_parts(text, (0, len(text)))] == ["SOCCER", "AL-AIN WIN"]


def test_names_in_a_headline_in_capitals_are_found_and_marked_recased() -> None:
    doc = parse([ARTICLE], components=("ner", "senter"), progress=False)[0]
    found = article_mentions(doc, "a")
    end = ARTICLE.index("\n")
    headline = found[found["end"] <= end].set_index("text")
    assert {"JAPAN", "CHINA"} <= set(headline.index)
    assert set(headline["origin"]) == {"recased"}
    assert headline.loc["JAPAN", "label"] == headline.loc["CHINA", "label"] == "GPE"
    off = article_mentions(doc, "a", case_restore=False)
    assert "JAPAN" not in set(off.loc[off["end"] <= end, "text"])
    assert "recased" not in set(off["origin"])


def test_a_batch_of_articles_reads_its_capitals_in_one_go_with_the_same_rows(tmp_path) -> None:
    from toolkit.entities import MENTION_COLUMNS, Options, batch_mention_rows, mention_rows

    tennis = "TENNIS - SELES BEATS GRAF IN PARIS.\nMonica Seles beat Steffi Graf in Paris."
    texts = [ARTICLE, tennis, "  ", "No capitals."]
    docs = parse(texts, components=("ner", "senter"), progress=False)
    ids = ["a", "b", "blank", "c"]
    opts = Options.build({})
    one_by_one = [row for doc, i, t in zip(docs, ids, texts, strict=True) if t.strip()
                  for row in mention_rows(doc, i, opts, text=t)]  # fmt: skip
    origin = MENTION_COLUMNS.index("origin")
    assert any(row[origin] == "recased" for row in one_by_one if row[0] == "b")
    for cache in (False, True, True):  # uncached, then written to and read back from the Doc cache
        rows = batch_mention_rows(docs, ids, texts, opts, cache=cache, cache_dir=tmp_path)
        assert rows == one_by_one
    assert any(tmp_path.rglob("*.doc"))


def test_a_headline_word_its_article_never_writes_is_lower_case_but_not_in_a_standings_row() -> None:
    text = (
        "SOCCER - SPAIN PICK UNCAPPED ARMANDO FOR WORLD CUP CLASH\n"
        "Spain coach Javier Clemente has added Armando to his squad for the World Cup qualifier.\n"
        "NEW JERSEY 10 6 .625"
    )
    spans = shouted_spans(text)
    restored = restore_case(text, spans, STOP_WORDS)
    assert restored.splitlines()[0] == "Soccer - Spain pick uncapped Armando for World Cup clash"
    assert restored.splitlines()[2] == "New Jersey 10 6 .625"
