"""The seed article, parsed and through `extract_mentions`, and its gold entities: shared by the entity tests."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import SEED_ID
from toolkit.entities import extract_mentions
from toolkit.nlp import parse


def seed_body(raw: str) -> str:
    """The seed's clean body: `toolkit.clean` when it handles the seed, else raw lines 3 and 5-28."""
    try:
        from toolkit.clean import clean_article  # type: ignore[attr-defined]

        body = clean_article(raw)["body"]  # pragma: no cover - depends on the cleaning module's progress
        if isinstance(body, str) and body:
            return body
    except Exception:  # noqa: BLE001 - cleaning not ready: build the body from the known line numbers
        pass
    lines = raw.split("\n")
    return "\n".join([lines[2], *lines[4:28]]).replace("1,00,000", "100,000")


@pytest.fixture(scope="package")
def seed_articles(seed_text: str) -> pd.DataFrame:
    return pd.DataFrame({"article_id": [SEED_ID, "empty", "none"], "body": [seed_body(seed_text), "", None]})


@pytest.fixture(scope="package")
def seed_doc(seed_articles: pd.DataFrame):
    return parse([seed_articles["body"][0]], components=("ner", "senter"), progress=False)[0]


@pytest.fixture(scope="package")
def seed_mentions(seed_articles: pd.DataFrame) -> pd.DataFrame:
    return extract_mentions(seed_articles, progress=False)


@pytest.fixture(scope="package")
def gold(shared_dir: Path) -> dict:
    return json.loads((shared_dir / "seed" / "gold.json").read_text(encoding="utf-8"))
