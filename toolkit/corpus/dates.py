"""Publication dates as the loader reads them: ISO 8601 only, since a guessed date would silently move a
whole timeline; a time-zone offset is dropped so that an article stays on its local day."""

from __future__ import annotations

import pandas as pd

from toolkit.errors import CorpusError


def parse_date(value: object, *, where: str) -> pd.Timestamp:
    """An ISO 8601 date (or date-time) as a naive Timestamp; empty is NaT; anything else is an error
    naming `where` and the value, because a guessed date would silently move a whole timeline. A time-zone
    offset is dropped, not converted: `2020-03-01T23:30:00-05:00` stays on its local day, 1 March."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value is pd.NaT:
        return pd.NaT
    if isinstance(value, pd.Timestamp):
        stamp = value
    else:
        raw = str(value).strip()
        if not raw:
            return pd.NaT
        try:
            stamp = pd.Timestamp(pd.to_datetime(raw, format="ISO8601"))
        except (ValueError, OverflowError) as exc:
            if "out of bounds" in str(exc).lower():
                raise CorpusError(
                    f"{where}: date {raw!r} is outside the supported range "
                    f"{pd.Timestamp.min.year + 1}-{pd.Timestamp.max.year - 1}"
                ) from None
            raise CorpusError(f"{where}: date {raw!r} is not an ISO date (YYYY-MM-DD)") from None
    if stamp.tzinfo is not None:
        stamp = stamp.tz_localize(None)
    return stamp
