"""The mentions of one article in displaCy's manual format."""

from __future__ import annotations

import pandas as pd
from spacy import displacy

from toolkit.entities import displacy_entities


def test_displacy_entities_in_text_order() -> None:
    text = "Assad met Putin in Moscow."
    mentions = pd.DataFrame({"start": [19, 0, 10], "end": [25, 5, 15], "label": ["GPE", "PERSON", "PERSON"]})
    data = displacy_entities(mentions, text)
    assert data["text"] == text
    assert [(e["start"], e["end"], e["label"]) for e in data["ents"]] == [
        (0, 5, "PERSON"),
        (10, 15, "PERSON"),
        (19, 25, "GPE"),
    ]
    html = displacy.render(data, style="ent", manual=True, jupyter=False)
    assert "Moscow" in html and "GPE" in html
