"""Rebuild the bundled corpus in data/ from its sources (run once; kept to show what was changed).

    python scripts/bundle_wikinews.py SHARED_DIR

Copies the seed article unchanged and splits the Wikinews CSVs into one `<id>.txt` per article (text
byte-for-byte as in the CSV cell) plus rows of `data/metadata.csv` (published, source, url, title).
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED_ID = "000_bdff5c4f04d4cc62"


def main(shared: Path) -> None:
    raw = ROOT / "data" / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shared / "seed" / f"{SEED_ID}.txt", raw / f"{SEED_ID}.txt")
    rows = [{"article_id": SEED_ID, "published": "2012-06-22", "source": "", "url": "", "title": ""}]
    for csv in sorted((shared / "corpora" / "wikinews").glob("wikinews_*.csv")):
        table = pd.read_csv(csv, dtype=str, keep_default_na=False)
        for i, article in enumerate(table.itertuples(index=False), start=1):
            article_id = f"{csv.stem}_{i:03d}"
            (raw / f"{article_id}.txt").write_bytes(article.text.encode("utf-8"))
            rows.append(
                {"article_id": article_id, "published": article.date, "source": "Wikinews",
                 "url": article.url, "title": article.title}
            )
    pd.DataFrame(rows).to_csv(ROOT / "data" / "metadata.csv", index=False)


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared")
