"""Reference dates: the day an article's relative expressions are counted from."""

from __future__ import annotations

import pandas as pd

from toolkit.timeline.options import build_options
from toolkit.timex import find_timexes, resolve_timex


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
    chars = int(body_date_chars if body_date_chars is not None else build_options({})["body_date_chars"])
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
