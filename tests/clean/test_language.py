"""The language of an article, and the filter that keeps the entity and timeline steps to English."""

from __future__ import annotations

import pandas as pd

from toolkit.clean import clean_corpus, detect_language, language_filter

GERMAN = (
    "Die Bundesregierung hat am Mittwoch einen neuen Haushaltsplan vorgelegt, der deutlich höhere "
    "Ausgaben für die Bildung und die Forschung vorsieht. Der Finanzminister sagte, das Land könne sich "
    "diese Investitionen leisten, weil die Steuereinnahmen im vergangenen Jahr gestiegen seien."
)
ENGLISH = (
    "The government presented a new budget on Wednesday that provides for much higher spending on "
    "education and research. The finance minister said the country could afford the investment because "
    "tax revenue had risen over the past year, and that the deficit would still shrink next year."
)


def test_a_german_page_is_german_and_a_short_line_has_no_language() -> None:
    assert detect_language(GERMAN) == "de"
    assert detect_language(ENGLISH) == "en"
    assert detect_language("Home News Sport") is None


def test_the_corpus_gets_a_language_and_the_filter_names_what_it_skips() -> None:
    articles = pd.DataFrame(
        {
            "article_id": ["de1", "en1", "brief"],
            "path": ["de1.txt", "en1.txt", "brief.txt"],
            "text": ["Startseite\n" + GERMAN, "Home\n" + ENGLISH, "Shares fell."],
        }
    )
    cleaned, _ = clean_corpus(articles, progress=False)
    assert list(cleaned["language"]) == ["de", "en", None]
    kept, problems = language_filter(cleaned)
    assert list(kept["article_id"]) == ["en1", "brief"]  # unknown language: kept
    assert problems.to_dict("records") == [
        {
            "path": "de1.txt",
            "article_id": "de1",
            "problem": "written in 'de', not in en",
            "action": "skipped by the entity and timeline steps",
        }
    ]
    kept, problems = language_filter(cleaned, keep_languages=("en", "de"))
    assert len(kept) == 3 and problems.empty


def test_a_table_cleaned_without_languages_passes_the_filter_whole() -> None:
    articles = pd.DataFrame({"article_id": ["a"], "text": [ENGLISH]})
    kept, problems = language_filter(articles)
    assert len(kept) == 1 and problems.empty
