"""The `mentions` of one article for display by spaCy's displaCy."""

from __future__ import annotations

from typing import Any

import pandas as pd


def displacy_entities(mentions: pd.DataFrame, text: str) -> dict[str, Any]:
    """The mentions of one article in displaCy's manual format: `spacy.displacy.render(data, style="ent",
    manual=True)` highlights the toolkit's entities (after repair and consistency), not the raw model's."""
    rows = mentions.sort_values("start", kind="stable")
    ents = [
        {"start": int(s), "end": int(e), "label": str(label)}
        for s, e, label in zip(rows["start"], rows["end"], rows["label"], strict=True)
    ]
    return {"text": text, "ents": ents, "title": None}
